package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every setting of the runtime's catalog reaches the Maven user: as a parameter of the same name
 * with the property {@code schema.<name>} (read from the generated plugin descriptor), and as a row
 * of the README's parameter tables whose default is the catalog's.
 */
class CatalogCoverageTest {

    /** {@code | `lockWait` | `schema.lockWait` | `60s` | …}: a row of a parameter table. */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| `schema\\.([A-Za-z]+)` \\| ([^|]*) \\|");

    private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`");

    /**
     * Where the plugin's default differs from the catalog's, on purpose: a build connects while it
     * reads the migrations, for a goal that always connects right after.
     */
    private static final Map<Setting, String> PLUGIN_DEFAULTS = Map.of();

    @Test
    void everySetting_isAParameterOfTheSameName_withItsSchemaProperty() throws Exception {
        Map<String, String> properties = new HashMap<>();
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element configuration = (Element) ((Element) mojos.item(i))
                    .getElementsByTagName("configuration")
                    .item(0);
            if (configuration == null) {
                continue;
            }
            NodeList parameters = configuration.getChildNodes();
            for (int j = 0; j < parameters.getLength(); j++) {
                Node parameter = parameters.item(j);
                if (parameter.getNodeType() == Node.ELEMENT_NODE) {
                    properties.put(
                            parameter.getNodeName(), parameter.getTextContent().trim());
                }
            }
        }
        for (Setting setting : Setting.values()) {
            assertThat(properties)
                    .as("a mojo parameter <%s> with property schema.%s", setting.camelName(), setting.camelName())
                    .containsEntry(setting.camelName(), "${schema." + setting.camelName() + "}");
        }
    }

    @Test
    void everySetting_hasAReadmeRow_withTheCatalogsDefault() throws IOException {
        List<String> readme = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        Map<String, String> defaults = new HashMap<>();
        for (String line : readme) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertThat(row.group(2)).as("the property of " + row.group(1)).isEqualTo(row.group(1));
                assertThat(defaults.put(row.group(1), row.group(3).trim()))
                        .as("one row for " + row.group(1))
                        .isNull();
            }
        }
        Set<String> missing = new HashSet<>();
        for (Setting setting : Setting.values()) {
            String cell = defaults.get(setting.camelName());
            if (cell == null) {
                missing.add(setting.camelName());
                continue;
            }
            Matcher literal = LITERAL.matcher(cell);
            String expected = PLUGIN_DEFAULTS.getOrDefault(setting, setting.defaultValue());
            if (expected == null) {
                assertThat(literal.find())
                        .as(
                                "%s has no default in the catalog; the README says what happens instead: %s",
                                setting.camelName(), cell)
                        .isFalse();
            } else {
                assertThat(literal.find())
                        .as("the README's default of %s in backquotes: %s", setting.camelName(), cell)
                        .isTrue();
                assertThat(setting.parse(literal.group(1)))
                        .as("the README's default of %s", setting.camelName())
                        .isEqualTo(setting.parse(expected));
            }
        }
        assertThat(missing)
                .as("settings without a row in the README's parameter tables")
                .isEmpty();
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("maven-plugin"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
    }

    private Document descriptor() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in)
                    .as("the plugin descriptor, written before the tests run")
                    .isNotNull();
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
