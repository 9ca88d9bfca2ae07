package dev.tidemark.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code tidemark} command: {@code java -jar tidemark-cli.jar migrate --url … --classpath app.jar},
 * or {@code java -cp app.jar:tidemark-cli.jar dev.tidemark.cli.Main migrate}. Exits with a code of
 * {@link ExitCode}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new Run(System.getenv(), out, err).execute(args);
        System.exit(code);
    }
}
