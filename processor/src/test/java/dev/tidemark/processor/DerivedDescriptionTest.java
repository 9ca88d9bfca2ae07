package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivedDescriptionTest {

    @ParameterizedTest
    @CsvSource({
        "AddEmailVerification, add email verification",
        "CreateURLIndex2, create url index 2",
        "CreateURLIndex, create url index",
        "HTTPSRedirects, https redirects",
        "Oauth2Tokens, oauth 2 tokens",
        "V3__Add_users, v 3 add users",
        "Seed, seed",
        "addLowerCaseStart, add lower case start",
        "ABC, abc",
        "Index42Rebuild, index 42 rebuild"
    })
    void description_isDerivedFromTheClassName(String className, String description) {
        assertThat(DerivedDescription.fromClassName(className)).isEqualTo(description);
    }
}
