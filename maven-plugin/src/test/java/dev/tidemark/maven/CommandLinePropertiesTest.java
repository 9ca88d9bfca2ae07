package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Setting;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class CommandLinePropertiesTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{schema\\.([A-Za-z]+)}");

    @Test
    void string_commandLineWinsOverConfiguration() {
        CommandLineProperties commandLine = commandLine("schema.url", "jdbc:postgresql://staging/app");

        assertThat(commandLine.string("url", "jdbc:postgresql://localhost/app"))
                .isEqualTo("jdbc:postgresql://staging/app");
        assertThat(commandLine.string("user", "pomuser"))
                .as("not given: the POM's")
                .isEqualTo("pomuser");
        assertThat(commandLine.overridden()).containsExactly("url");
    }

    @Test
    void overridden_namesOnlyValuesThatChanged() {
        CommandLineProperties commandLine =
                commandLine("schema.url", "jdbc:postgresql://db/app", "schema.schema", "billing");

        commandLine.string("url", "jdbc:postgresql://db/app");
        commandLine.string("schema", null);

        assertThat(commandLine.overridden())
                .as("the same value, and a value the POM did not set, override nothing")
                .isEmpty();
    }

    @Test
    void bool_bareOrTrueOrFalse() {
        CommandLineProperties commandLine =
                commandLine("schema.rehearse", "true", "schema.outOfOrder", "FALSE", "schema.skip", "");

        assertThat(commandLine.bool("rehearse", Boolean.FALSE)).isTrue();
        assertThat(commandLine.bool("outOfOrder", Boolean.TRUE)).isFalse();
        assertThat(commandLine.bool("skip", false)).isTrue();
        assertThat(commandLine.bool("createSchema", (Boolean) null)).isNull();
    }

    @Test
    void bool_otherTextIsRefusedInTheCatalogsWords() {
        ConfigurationException refused = catchThrowableOfType(
                ConfigurationException.class,
                () -> commandLine("schema.outOfOrder", "yes").bool("outOfOrder", Boolean.FALSE));
        assertThat(refused.setting()).isEqualTo(Setting.OUT_OF_ORDER);
        assertThat(Parameters.message(refused))
                .isEqualTo("[TM-R001] <outOfOrder> (-Dschema.outOfOrder) is 'yes': not true or false.\nGive true or"
                        + " false.");
        assertThatThrownBy(() -> commandLine("schema.skip", "yes").bool("skip", false))
                .hasMessage("[TM-R001] <skip> (-Dschema.skip) is 'yes': not true or false.\nGive true or false.");
    }

    @Test
    void integer_notANumberIsRefusedInTheCatalogsWords() {
        ConfigurationException refused = catchThrowableOfType(
                ConfigurationException.class,
                () -> commandLine("schema.connectRetries", "three").integer("connectRetries", 1));
        assertThat(Parameters.message(refused))
                .isEqualTo("[TM-R001] <connectRetries> (-Dschema.connectRetries) is 'three': not a whole number.\n"
                        + "Give a whole number, such as 3.");
        assertThat(commandLine("schema.connectRetries", " 4 ").integer("connectRetries", 1))
                .isEqualTo(4);
    }

    @Test
    void file_relativeToTheProject() {
        File basedir = new File("/projects/shop");
        CommandLineProperties commandLine = commandLine("schema.rehearsalReport", "target/rehearsal.md");

        assertThat(commandLine.file("rehearsalReport", new File("/elsewhere/report.txt"), basedir))
                .isEqualTo(new File(basedir, "target/rehearsal.md"));
    }

    @Test
    void propertiesOtherThanSchemaAreIgnored() {
        CommandLineProperties commandLine = commandLine("url", "jdbc:postgresql://other/app");

        assertThat(commandLine.string("url", "jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void overrideNote_namesThePropertiesAndTheElements() {
        CommandLineProperties commandLine =
                commandLine("schema.url", "jdbc:postgresql://staging/app", "schema.user", "deploy");
        commandLine.string("url", "jdbc:postgresql://localhost/app");
        commandLine.string("user", "app");

        assertThat(commandLine.overrideNote())
                .isEqualTo("; the command line's -Dschema.url, -Dschema.user override <url>, <user> of the POM");
        assertThat(commandLine().overrideNote()).isEmpty();
    }

    /**
     * Every {@code schema.*} parameter of every goal, as the plugin descriptor lists them: set in the
     * POM and given on the command line, the command line's value is the one the goal uses.
     */
    @Test
    void everyGoal_everySchemaParameter_commandLineWins() throws Exception {
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in)
                    .as("the plugin descriptor, written before the tests run")
                    .isNotNull();
            descriptor =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        List<String> checked = new ArrayList<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String className = text(mojo, "implementation");
            Element configuration =
                    (Element) mojo.getElementsByTagName("configuration").item(0);
            if (configuration == null) {
                continue;
            }
            Object instance = null;
            NodeList parameters = configuration.getChildNodes();
            for (int j = 0; j < parameters.getLength(); j++) {
                Node parameter = parameters.item(j);
                if (parameter.getNodeType() != Node.ELEMENT_NODE) {
                    continue;
                }
                Matcher matcher = PROPERTY.matcher(parameter.getTextContent());
                if (!matcher.find()) {
                    continue;
                }
                if (instance == null) {
                    instance = Class.forName(className).getConstructor().newInstance();
                }
                String name = parameter.getNodeName();
                assertThat(matcher.group(1)).as("the property of " + name).isEqualTo(name);
                Field field = field(instance.getClass(), name);
                field.setAccessible(true);
                Object fromPom = value(field.getType(), true);
                Object fromCommandLine = value(field.getType(), false);
                field.set(instance, fromPom);
                if (instance instanceof UndoMojo && name.equals("target")) {
                    // undo's own parameter is undoTo; the old spelling is refused (see below).
                    continue;
                }

                ((AbstractTidemarkMojo) instance)
                        .applyCommandLine(commandLine("schema." + name, text(fromCommandLine)));

                assertThat(field.get(instance))
                        .as(className + ": -Dschema." + name + " over <" + name + ">")
                        .isEqualTo(fromCommandLine);
                checked.add(name);
            }
        }
        assertThat(checked)
                .contains(
                        "url",
                        "user",
                        "serverId",
                        "rehearse",
                        "baselineVersion",
                        "diffReport",
                        "undoNonTransactional",
                        "connectRetries",
                        "skip");
    }

    @Test
    void undo_refusesTarget_namingUndoTo() {
        UndoMojo undo = new UndoMojo();
        assertThat(catchThrowableOfType(
                                ConfigurationException.class,
                                () -> undo.applyCommandLine(commandLine("schema.target", "5")))
                        .getMessage())
                .isEqualTo("[TM-R001] schema.target is given to schema:undo, which does not read it: target is how"
                        + " far migrate goes, and nothing was undone.\nGive the version to go back to as <undoTo>"
                        + " (-Dschema.undoTo), here -Dschema.undoTo=5.");
        undo.applyCommandLine(commandLine("schema.undoTo", "5"));
        assertThat(GivenParameters.of(undo).given()).containsEntry(Setting.UNDO_TO, "5");
    }

    private static CommandLineProperties commandLine(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new CommandLineProperties(properties);
    }

    private static Object value(Class<?> type, boolean fromPom) {
        if (type == String.class) {
            return fromPom ? "from-pom" : "from-command-line";
        }
        if (type == Boolean.class || type == boolean.class) {
            return !fromPom;
        }
        if (type == Integer.class) {
            return fromPom ? 1 : 7;
        }
        if (type == File.class) {
            return new File(fromPom ? "/pom/report" : "/command-line/report").getAbsoluteFile();
        }
        if (type == java.util.Map.class) {
            return fromPom ? java.util.Map.of("owner", "pom") : java.util.Map.of("owner", "command-line");
        }
        throw new AssertionError("no test value for " + type);
    }

    private static String text(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((name, v) -> text.append(text.length() == 0 ? "" : ",")
                    .append(name)
                    .append('=')
                    .append(v));
            return text.toString();
        }
        return value instanceof File file ? file.getPath() : String.valueOf(value);
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
