package dev.tidemark.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's compiled classes and runtime dependencies, opened as a class loader whose parent is
 * the plugin's own. Tidemark's runtime is left out, so {@code dev.tidemark.*} always means the
 * plugin's copy: the manifest implements the same {@code MigrationManifest} interface that the
 * plugin's runtime looks for.
 */
final class ProjectClassPath {

    /** A class path element with its Maven coordinates, or null coordinates for a folder. */
    record Element(String groupId, String artifactId, File file) {}

    static final String RUNTIME_GROUP_ID = "dev.tidemark";
    static final String RUNTIME_ARTIFACT_ID = "tidemark-runtime";

    private final File outputDirectory;
    private final List<Element> dependencies;

    ProjectClassPath(File outputDirectory, List<Element> dependencies) {
        this.outputDirectory = outputDirectory;
        this.dependencies = List.copyOf(dependencies);
    }

    File outputDirectory() {
        return outputDirectory;
    }

    /** The URLs the class loader opens: the output directory, then every dependency but the runtime. */
    List<URL> urls() {
        List<URL> urls = new ArrayList<>();
        if (outputDirectory != null && outputDirectory.exists()) {
            urls.add(toUrl(outputDirectory));
        }
        for (Element element : dependencies) {
            if (element.file() == null || isTidemarkRuntime(element)) {
                continue;
            }
            urls.add(toUrl(element.file()));
        }
        return urls;
    }

    /** A new class loader over {@link #urls()}; the caller closes it. */
    URLClassLoader open(ClassLoader parent) {
        return new URLClassLoader("tidemark-project", urls().toArray(URL[]::new), parent);
    }

    private static boolean isTidemarkRuntime(Element element) {
        return RUNTIME_GROUP_ID.equals(element.groupId()) && RUNTIME_ARTIFACT_ID.equals(element.artifactId());
    }

    private static URL toUrl(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(new IOException("cannot turn " + file + " into a URL", e));
        }
    }
}
