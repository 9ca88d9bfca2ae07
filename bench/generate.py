#!/usr/bin/env python3
"""Writes N equivalent migrations for each tool the benchmark compares.

Every tool applies the same schema, one transaction per step: mostly CREATE TABLE with 3 to 5
columns, plus, every few steps, an index on an earlier table and a column added to one.

    generate.py N OUT_DIR TIDEMARK_VERSION

OUT_DIR receives one Maven project per tool (tidemark, flyway-java, flyway-sql, liquibase), an
empty POM (maven-floor) and a psql script (psql/steps.sql).
"""
import os
import sys

FLYWAY_VERSION = "13.6.0"
LIQUIBASE_VERSION = "4.33.0"
POSTGRESQL_VERSION = "42.7.14"


def creates_table(i):
    return i % 10 != 0 and i % 7 != 0


def step_sql(i):
    """The SQL of step i (1-based), each a single statement."""
    if not creates_table(i):
        table = max(j for j in range(i - 1, 0, -1) if creates_table(j))
        if i % 10 == 0:
            return f"CREATE INDEX idx_t{table}_name_{i} ON t{table} (name)"
        return f"ALTER TABLE t{table} ADD COLUMN note_{i} text"
    columns = ["id bigint PRIMARY KEY", "name text NOT NULL", "created_at timestamptz NOT NULL DEFAULT now()"]
    if i % 2 == 0:
        columns.append("amount numeric(12,2)")
    if i % 3 == 0:
        columns.append("active boolean NOT NULL DEFAULT true")
    return f"CREATE TABLE t{i} ({', '.join(columns)})"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def pom(artifact, body_properties="", dependencies="", build=""):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>{artifact}</artifactId>
  <version>1</version>
  <packaging>jar</packaging>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
{body_properties}  </properties>
  <dependencies>
{dependencies}  </dependencies>
  <build>
{build}  </build>
</project>
"""


COMPILER = """      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
{config}      </plugin>
"""

DRIVER = f"""    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>{POSTGRESQL_VERSION}</version>
    </dependency>
"""


def tidemark(n, out, version):
    deps = f"""    <dependency>
      <groupId>dev.tidemark</groupId>
      <artifactId>tidemark-runtime</artifactId>
      <version>{version}</version>
    </dependency>
"""
    config = f"""        <configuration>
          <annotationProcessorPaths>
            <path>
              <groupId>dev.tidemark</groupId>
              <artifactId>tidemark-processor</artifactId>
              <version>{version}</version>
            </path>
          </annotationProcessorPaths>
        </configuration>
"""
    plugin = f"""      <plugin>
        <groupId>dev.tidemark</groupId>
        <artifactId>tidemark-maven-plugin</artifactId>
        <version>{version}</version>
      </plugin>
"""
    build = f"    <plugins>\n{COMPILER.format(config=config)}{plugin}    </plugins>\n"
    write(os.path.join(out, "pom.xml"), pom("tidemark", dependencies=deps, build=build))
    for i in range(1, n + 1):
        write(
            os.path.join(out, "src/main/java/bench/V%d.java" % i),
            f"""package bench;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "{i}", description = "step {i}")
public final class V{i} implements JavaMigration {{
    @Override
    public void up(MigrationContext db) throws SQLException {{
        db.execute("{step_sql(i)}");
    }}
}}
""",
        )


FLYWAY_PLUGIN = f"""      <plugin>
        <groupId>org.flywaydb</groupId>
        <artifactId>flyway-maven-plugin</artifactId>
        <version>{FLYWAY_VERSION}</version>
        <dependencies>
          <dependency>
            <groupId>org.flywaydb</groupId>
            <artifactId>flyway-database-postgresql</artifactId>
            <version>{FLYWAY_VERSION}</version>
          </dependency>
          <dependency>
            <groupId>org.postgresql</groupId>
            <artifactId>postgresql</artifactId>
            <version>{POSTGRESQL_VERSION}</version>
          </dependency>
        </dependencies>
      </plugin>
"""


def flyway_java(n, out):
    deps = f"""    <dependency>
      <groupId>org.flywaydb</groupId>
      <artifactId>flyway-core</artifactId>
      <version>{FLYWAY_VERSION}</version>
    </dependency>
"""
    build = f"    <plugins>\n{COMPILER.format(config='')}{FLYWAY_PLUGIN}    </plugins>\n"
    write(os.path.join(out, "pom.xml"), pom("flyway-java", dependencies=deps, build=build))
    for i in range(1, n + 1):
        write(
            os.path.join(out, "src/main/java/db/migration/V%d__step_%d.java" % (i, i)),
            f"""package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public final class V{i}__step_{i} extends BaseJavaMigration {{
    @Override
    public void migrate(Context context) throws Exception {{
        try (Statement statement = context.getConnection().createStatement()) {{
            statement.execute("{step_sql(i)}");
        }}
    }}
}}
""",
        )


def flyway_sql(n, out):
    build = f"    <plugins>\n{FLYWAY_PLUGIN}    </plugins>\n"
    write(os.path.join(out, "pom.xml"), pom("flyway-sql", build=build))
    for i in range(1, n + 1):
        write(os.path.join(out, "src/main/resources/db/migration/V%d__step_%d.sql" % (i, i)), step_sql(i) + ";\n")


def liquibase(n, out):
    plugin = f"""    <plugins>
      <plugin>
        <groupId>org.liquibase</groupId>
        <artifactId>liquibase-maven-plugin</artifactId>
        <version>{LIQUIBASE_VERSION}</version>
        <configuration>
          <changeLogFile>changelog.sql</changeLogFile>
          <changeLogDirectory>${{project.basedir}}</changeLogDirectory>
          <showSummary>OFF</showSummary>
        </configuration>
        <dependencies>
          <dependency>
            <groupId>org.postgresql</groupId>
            <artifactId>postgresql</artifactId>
            <version>{POSTGRESQL_VERSION}</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
"""
    write(os.path.join(out, "pom.xml"), pom("liquibase", build=plugin))
    lines = ["--liquibase formatted sql", ""]
    for i in range(1, n + 1):
        lines += [f"--changeset bench:{i}", step_sql(i) + ";", ""]
    write(os.path.join(out, "changelog.sql"), "\n".join(lines))


def psql(n, out):
    lines = ["\\set ON_ERROR_STOP on"]
    for i in range(1, n + 1):
        lines.append(f"BEGIN; {step_sql(i)}; COMMIT;")
    write(os.path.join(out, "steps.sql"), "\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    n, out, version = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    tidemark(n, os.path.join(out, "tidemark"), version)
    flyway_java(n, os.path.join(out, "flyway-java"))
    flyway_sql(n, os.path.join(out, "flyway-sql"))
    liquibase(n, os.path.join(out, "liquibase"))
    psql(n, os.path.join(out, "psql"))
    write(os.path.join(out, "maven-floor", "pom.xml"), pom("maven-floor"))


if __name__ == "__main__":
    main()
