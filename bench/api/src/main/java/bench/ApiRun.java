package bench;

import dev.tidemark.Tidemark;
import org.flywaydb.core.Flyway;

/**
 * {@code ApiRun tidemark|flyway migrate|validate|info JDBC_URL}: one command through a tool's Java
 * API, in a fresh JVM, so that the benchmark measures the tool with JVM start-up but without
 * Maven. The migrations come from the class path.
 */
public final class ApiRun {

    public static void main(String[] args) {
        String tool = args[0];
        String command = args[1];
        String url = args[2];
        if (tool.equals("tidemark")) {
            Tidemark tidemark = Tidemark.configure().url(url).load();
            switch (command) {
                case "migrate" -> System.out.println(tidemark.migrate().applied().size() + " applied");
                case "validate" -> tidemark.validate();
                case "info" -> System.out.println(tidemark.info().migrations().size() + " migrations");
                default -> throw new IllegalArgumentException(command);
            }
        } else {
            Flyway flyway = Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration")
                    .load();
            switch (command) {
                case "migrate" -> System.out.println(flyway.migrate().migrationsExecuted + " applied");
                case "validate" -> flyway.validate();
                case "info" -> System.out.println(flyway.info().all().length + " migrations");
                default -> throw new IllegalArgumentException(command);
            }
        }
    }
}
