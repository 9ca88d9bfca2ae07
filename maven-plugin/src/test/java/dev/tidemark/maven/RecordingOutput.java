package dev.tidemark.maven;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a goal printed, level first: {@code INFO Applied …}. */
final class RecordingOutput implements Output {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
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
