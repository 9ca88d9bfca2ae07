package dev.tidemark.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class or a test method a PostgreSQL database of its own, migrated to the latest
 * version of the migrations on the test class path (or to {@link #version}), and drops it after
 * the test, pass or fail.
 *
 * <p>Declare a {@link TestDatabase}, a {@link javax.sql.DataSource}, a {@link java.sql.Connection}
 * or a {@code @}{@link JdbcUrl} {@code String} parameter on a test, lifecycle method or constructor
 * to receive it; non-static fields of type {@link TestDatabase} and {@code @JdbcUrl String} fields
 * are set before each test. A connection handed out this way is closed after the method that
 * received it.
 *
 * <p>The first test migrates a template database once; every test's database is a copy of it
 * ({@code CREATE DATABASE … TEMPLATE …}), which takes tens of milliseconds however many
 * migrations there are. The template is named after the migrations' versions and checksums and the
 * target version, so it is reused by later test runs while they are unchanged and rebuilt (the old
 * one dropped) when a migration changes.
 *
 * <p>The server, first found wins: {@link #server}, the configuration parameter or system property
 * {@value MigratedDatabaseExtension#SERVER_PROPERTY}, the environment variable {@value
 * MigratedDatabaseExtension#SERVER_ENVIRONMENT}, else {@code jdbc:postgresql://localhost:5432/postgres?user=postgres}. Its user needs
 * {@code CREATEDB}.
 *
 * <p>On a method, the annotation gives that method a database of its own as the method's
 * annotation says, whatever the class's says.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigratedDatabaseExtension.class)
public @interface MigratedDatabase {

    /** The version to migrate to: {@code latest} (the default) or a version of the code. */
    String version() default "latest";

    /**
     * Whether each test method gets a database of its own ({@link Scope#METHOD}, the default) or
     * all the methods of the class share one ({@link Scope#CLASS}), dropped after the last.
     */
    Scope scope() default Scope.METHOD;

    /** The schema migrated and holding the history table. Default {@code public}. */
    String schema() default "public";

    /**
     * A {@code jdbc:postgresql://host:port/database?user=…&password=…} URL of any database of the
     * server to create the test databases on (usually {@code postgres}); empty (the default) takes it
     * from {@value MigratedDatabaseExtension#SERVER_PROPERTY} or {@value
     * MigratedDatabaseExtension#SERVER_ENVIRONMENT}.
     */
    String server() default "";

    /** How long a test's database lives. */
    enum Scope {
        /** Each test method gets a database of its own. */
        METHOD,
        /** The test class's methods share one database, dropped after the last of them. */
        CLASS
    }
}
