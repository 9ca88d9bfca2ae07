package dev.tidemark.cli;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Phrase;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The application whose migrations the command runs, given as a class path ({@code --classpath
 * app.jar:lib/*}) and opened as a class loader whose parent is the command's own, so that {@code
 * dev.tidemark.*} always means the command's copy of the runtime. The runtime finds the manifests in
 * it through {@code ServiceLoader}, as the Maven plugin does: nothing is scanned.
 *
 * <p>A Spring Boot executable jar is opened as Spring Boot opens it: its {@code BOOT-INF/classes/}
 * and each jar of {@code BOOT-INF/lib/}. The nested jars are copied to a temporary folder, deleted on
 * {@link #close()}.
 */
final class ApplicationClassPath implements AutoCloseable {

    static final String BOOT_CLASSES = "BOOT-INF/classes/";
    static final String BOOT_LIB = "BOOT-INF/lib/";

    private final URLClassLoader loader;
    private final List<Path> temporary;

    private ApplicationClassPath(URLClassLoader loader, List<Path> temporary) {
        this.loader = loader;
        this.temporary = temporary;
    }

    /**
     * Opens {@code classPath}: elements separated by the platform's path separator, each a folder, a
     * jar, or a folder followed by {@code *} for every jar in it.
     *
     * @throws ConfigurationException naming --classpath when an element does not exist
     */
    static ApplicationClassPath open(String classPath, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        try {
            for (String element : classPath.split(File.pathSeparator)) {
                if (element.isBlank()) {
                    continue;
                }
                for (Path file : expand(element.strip())) {
                    addElement(file, urls, temporary);
                }
            }
        } catch (RuntimeException e) {
            deleteAll(temporary);
            throw e;
        }
        return new ApplicationClassPath(
                new URLClassLoader("tidemark-application", urls.toArray(URL[]::new), parent), temporary);
    }

    ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteAll(temporary);
        }
    }

    private static List<Path> expand(String element) {
        if (element.equals("*") || element.endsWith(File.separator + "*") || element.endsWith("/*")) {
            Path folder = Path.of(element.substring(0, element.length() - 1));
            if (!Files.isDirectory(folder)) {
                throw missing(element);
            }
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.{jar,JAR}")) {
                entries.forEach(jars::add);
            } catch (IOException e) {
                throw unreadable(element, e);
            }
            jars.sort(Comparator.naturalOrder());
            return jars;
        }
        Path file = Path.of(element);
        if (!Files.exists(file)) {
            throw missing(element);
        }
        return List.of(file);
    }

    private static void addElement(Path file, List<URL> urls, List<Path> temporary) {
        if (Files.isDirectory(file)) {
            urls.add(url(file));
            return;
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            if (!isSpringBootJar(jar)) {
                urls.add(url(file));
                return;
            }
            // A jar: URL of a folder inside a jar is read entry by entry by URLClassLoader.
            urls.add(new URL("jar:" + file.toUri() + "!/" + BOOT_CLASSES));
            Path folder = Files.createTempDirectory("tidemark-boot-lib");
            temporary.add(folder);
            Enumeration<JarEntry> entries = jar.entries();
            List<Path> nested = new ArrayList<>();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(BOOT_LIB) && name.endsWith(".jar")) {
                    Path copy = folder.resolve(name.substring(BOOT_LIB.length()).replace('/', '_'));
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                    nested.add(copy);
                }
            }
            nested.sort(Comparator.naturalOrder());
            nested.forEach(copy -> urls.add(url(copy)));
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    private static boolean isSpringBootJar(JarFile jar) {
        return jar.stream()
                .anyMatch(entry -> entry.getName().startsWith(BOOT_CLASSES)
                        || entry.getName().startsWith(BOOT_LIB));
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigurationException missing(String element) {
        return new ConfigurationException(
                Phrase.of("--classpath names " + element + ", which does not exist."),
                Phrase.of("Give the application's jar (a Spring Boot jar too) or its classes folder, and its"
                        + " dependencies as lib/*."));
    }

    private static ConfigurationException unreadable(String element, IOException e) {
        return new ConfigurationException(
                Phrase.of("--classpath names " + element + ", which cannot be read: " + e.getMessage()),
                Phrase.of("Give a readable jar or folder."));
    }

    private static void deleteAll(List<Path> folders) {
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                folder.toFile().deleteOnExit();
            }
        }
    }
}
