package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.ResultFormat;
import dev.tidemark.RoundTripResult;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.SecretMask;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * Where a goal's result goes: its text to the log, or one JSON document ({@link ResultFormat}) to
 * standard output, and to the report file when one is given; for a failed goal, its error.
 */
final class ResultOutput {

    private final boolean json;
    private final File reportFile;
    private final Log log;
    private SecretMask mask = new SecretMask();
    private Object result;

    private ResultOutput(boolean json, File reportFile, Log log) {
        this.json = json;
        this.reportFile = reportFile;
        this.log = log;
    }

    /** Text to the log, no report file: before the parameters are read. */
    static ResultOutput text() {
        return new ResultOutput(false, null, null);
    }

    /**
     * @throws ConfigurationException when {@code format} is neither {@code text} nor {@code json}
     */
    static ResultOutput of(String format, File reportFile, Log log) {
        String chosen =
                format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new ConfigurationException(
                    Parameters.describe("output") + " is '" + format + "': write text or json.");
        }
        return new ResultOutput(chosen.equals("json"), reportFile, log);
    }

    void mask(SecretMask mask) {
        this.mask = mask;
    }

    /** Keeps the result for the JSON document; in text mode, prints its lines, a problem's details as warnings. */
    void print(Object result, Output output) {
        this.result = result;
        if (json) {
            return;
        }
        String detail = result instanceof RoundTripResult
                ? "      "
                : result instanceof DiffResult diff && diff.drift() || result instanceof DriftAcceptance ? "  " : null;
        for (String line : ResultFormat.toText(result).lines().toList()) {
            if (detail != null && line.startsWith(detail)) {
                output.warn(line);
            } else if (output.infoEnabled()) {
                output.info(line);
            }
        }
    }

    /** Writes the result's document, when the goal printed one. */
    void succeeded() {
        if (result != null) {
            write(ResultFormat.toJson(result));
        }
    }

    /** Writes the error's document: its code when Tidemark's, and its message. */
    void failed(Exception failure) {
        TidemarkException cause = tidemarkCause(failure);
        write(cause != null ? ResultFormat.toJson(cause) : ResultFormat.toJson(failure));
    }

    private void write(String document) {
        String masked = mask.mask(document);
        if (json) {
            // The document is the goal's output, not a log line: standard output, whatever the log level.
            System.out.println(masked);
        }
        if (reportFile != null) {
            try {
                File parent = reportFile.getAbsoluteFile().getParentFile();
                if (parent != null) {
                    Files.createDirectories(parent.toPath());
                }
                Files.writeString(reportFile.toPath(), masked + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (log != null) {
                    log.warn("Cannot write the report file " + reportFile + ": " + e.getMessage());
                }
            }
        }
    }

    private static TidemarkException tidemarkCause(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause()) {
            if (each instanceof TidemarkException e) {
                return e;
            }
            for (Throwable suppressed : each.getSuppressed()) {
                if (suppressed instanceof TidemarkException e) {
                    return e;
                }
            }
        }
        return null;
    }
}
