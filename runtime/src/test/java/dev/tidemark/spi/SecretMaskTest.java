package dev.tidemark.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one password mask every caller passes its output through. */
class SecretMaskTest {

    @Test
    void mask_replacesEveryOccurrenceLongestFirst() {
        SecretMask mask = new SecretMask().add("abc").add("abcdef").add(null).add("");

        assertThat(mask.mask("abcdef and abc, again abcdef")).isEqualTo("**** and ****, again ****");
    }

    @Test
    void mask_hidesPasswordParametersItWasNotTold() {
        assertThat(new SecretMask().mask("url jdbc:postgresql://h/db?password=x$y&user=u;password=z end"))
                .isEqualTo("url jdbc:postgresql://h/db?password=****&user=u;password=**** end");
    }

    @Test
    void mask_hidesThePasswordOfAUrlsUserInfoItWasNotTold() {
        assertThat(new SecretMask().mask("connecting to postgres://app:s3cr%40t@db:5432/shop failed"))
                .isEqualTo("connecting to postgres://app:****@db:5432/shop failed");
    }

    @Test
    void mask_keepsNullAndPlainText() {
        assertThat(new SecretMask().mask(null)).isNull();
        assertThat(new SecretMask().add("pw").mask("nothing here")).isEqualTo("nothing here");
    }
}
