package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.ResultFormat;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The drift behind the field reports in {@code seeds/}: each scenario builds what the migrations
 * made, records its snapshot, reproduces what happened to the database, and checks that the
 * report names exactly what a person has to fix.
 */
@NeedsPostgres
class SeedScenariosTest {

    /** Seed 000: a half-created users table, missing columns and the index on one of them. */
    @Test
    void seed000_halfCreatedTable_namesEveryMissingColumnAndTheIndex(TestDatabase database) {
        database.execute("""
                CREATE TABLE users (
                    id serial PRIMARY KEY,
                    email varchar(255) NOT NULL UNIQUE,
                    password_hash varchar(255) NOT NULL,
                    email_verified boolean NOT NULL DEFAULT false,
                    phone_verified boolean DEFAULT false,
                    reset_password_token varchar(255),
                    total_donations numeric(15,2) DEFAULT 0.00,
                    preferences jsonb DEFAULT '{}',
                    last_login timestamptz
                );
                CREATE INDEX users_email_verified_idx ON users (email_verified);
                """);
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database);

        // What the server had: the table created at some point with only some of its columns.
        database.execute("""
                DROP TABLE users;
                CREATE TABLE users (
                    id serial PRIMARY KEY,
                    email varchar(255) NOT NULL UNIQUE,
                    password_hash varchar(255) NOT NULL
                );
                """);
        SchemaDiff diff = SchemaDiff.between(recorded, SchemaFixtures.snapshot(database));

        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly(
                        "column users.email_verified is missing (expected boolean NOT NULL DEFAULT false)",
                        "column users.last_login is missing (expected timestamp with time zone)",
                        "column users.phone_verified is missing (expected boolean DEFAULT false)",
                        "column users.preferences is missing (expected jsonb DEFAULT '{}'::jsonb)",
                        "column users.reset_password_token is missing (expected character varying(255))",
                        "column users.total_donations is missing (expected numeric(15,2) DEFAULT 0.00)",
                        "index users_email_verified_idx is missing (expected CREATE INDEX users_email_verified_idx"
                                + " ON public.users USING btree (email_verified))");
    }

    /** Seed 001: a column added by hand that a later migration will add ("column already exists"). */
    @Test
    void seed001_columnAddedByHand_isNamedBeforeTheMigrationThatAddsItRuns(TestDatabase database) {
        database.execute("""
                CREATE TABLE workspaces (id uuid PRIMARY KEY);
                CREATE TABLE user_subscriptions (
                    id uuid PRIMARY KEY,
                    user_id text NOT NULL,
                    tier text NOT NULL DEFAULT 'free'
                );
                """);
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database);

        database.execute("""
                ALTER TABLE user_subscriptions ADD COLUMN workspace_id uuid REFERENCES workspaces (id);
                """);
        SchemaDiff diff = SchemaDiff.between(recorded, SchemaFixtures.snapshot(database));

        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly(
                        "column user_subscriptions.workspace_id exists but no migration created it (found uuid)",
                        "foreign key user_subscriptions_workspace_id_fkey on user_subscriptions exists but no"
                                + " migration created it (found FOREIGN KEY (workspace_id) REFERENCES workspaces(id))");
    }

    /** Seed 002: columns missing in production after a deploy that "succeeded". */
    @Test
    void seed002_columnsMissingAfterDeploy_areListedForTheCiGate(TestDatabase database) {
        database.execute("""
                CREATE TABLE merchants (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    legal_name text NOT NULL,
                    business_type text,
                    ein varchar(10),
                    onboarding_status text NOT NULL DEFAULT 'pending',
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                """);
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database);

        // The sync tool added only some of the columns, and exited 0.
        database.execute("""
                ALTER TABLE merchants DROP COLUMN business_type;
                ALTER TABLE merchants DROP COLUMN ein;
                ALTER TABLE merchants DROP COLUMN onboarding_status;
                """);
        SchemaDiff diff = SchemaDiff.between(recorded, SchemaFixtures.snapshot(database));

        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly(
                        "column merchants.business_type is missing (expected text)",
                        "column merchants.ein is missing (expected character varying(10))",
                        "column merchants.onboarding_status is missing (expected text NOT NULL DEFAULT 'pending'::text)");
        assertThat(ResultFormat.toJson(diff.result("public", null, true, null)))
                .contains("\"drift\":true,", "\"expectedFingerprint\":\"" + recorded.fingerprint() + "\"")
                .contains("{\"change\":\"MISSING\",\"kind\":\"column\",\"object\":\"merchants.ein\","
                        + "\"attribute\":null,\"expected\":\"character varying(10)\",\"found\":null,"
                        + "\"message\":\"column merchants.ein is missing (expected character varying(10))\"}");
    }
}
