package dev.tidemark.maven;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a goal printed, level first: {@code INFO Applied …}. */
final class RecordingOutput implements Output {

    final List<String> lines = new ArrayList<>();
    /** As with {@code mvn -q} when false. */
    boolean infoEnabled = true;

    @Override
    public boolean infoEnabled() {
        return infoEnabled;
    }

    @Override
    public void info(String line) {
        // Recorded even when hidden, so that a test sees whether a goal built the line at all.
        lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void debug(String line) {
        lines.add("DEBUG " + line);
    }
}
