#!/usr/bin/env python3
"""generate.py N OUT: N Tidemark migrations of a real project's size, for the JUnit benchmark.

Every step creates a table of 6 to 8 columns (a foreign key to the previous step's table, a check
constraint, defaults) with two indexes; every 3rd also a view over it, every 4th a PL/pgSQL
function, every 8th a trigger calling it, every 10th adds a column and an index to an older table,
and every 25th inserts a few reference rows. Each down undoes its up. OUT/src holds the sources.
"""
import os
import sys


def up(i):
    t = f"t{i}"
    extra = "".join(f", extra{k} text" for k in range(i % 3))
    s = [f"CREATE TABLE {t} (id bigserial PRIMARY KEY, code varchar(40) NOT NULL UNIQUE, name text NOT NULL,"
         f" amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0), created timestamptz NOT NULL DEFAULT now(),"
         f" attributes jsonb NOT NULL DEFAULT '{{}}'" + (f", parent bigint REFERENCES t{i - 1} (id)" if i > 1 else "")
         + extra + ")",
         f"CREATE INDEX {t}_name ON {t} (name, created)",
         f"CREATE INDEX {t}_attributes ON {t} USING gin (attributes)"]
    if i % 3 == 0:
        s.append(f"CREATE VIEW v{i} AS SELECT id, code, name, amount FROM {t} WHERE amount > 0")
    if i % 4 == 0:
        s.append(f"CREATE FUNCTION f{i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                 f" NEW.name := trim(NEW.name); NEW.code := upper(NEW.code); RETURN NEW; END $$")
    if i % 8 == 0:
        s.append(f"CREATE TRIGGER tr{i} BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION f{i}()")
    if i % 10 == 0:
        s.append(f"ALTER TABLE t{i // 2} ADD COLUMN note{i} text")
        s.append(f"CREATE INDEX t{i // 2}_note{i} ON t{i // 2} (note{i})")
    if i % 25 == 0:
        s.append(f"INSERT INTO {t} (code, name) SELECT 'C' || g, 'reference ' || g FROM generate_series(1, 20) g")
    return s


def down(i):
    s = []
    if i % 10 == 0:
        s.append(f"ALTER TABLE t{i // 2} DROP COLUMN note{i}")
    if i % 8 == 0:
        s.append(f"DROP TRIGGER tr{i} ON t{i}")
    if i % 4 == 0:
        s.append(f"DROP FUNCTION f{i}()")
    if i % 3 == 0:
        s.append(f"DROP VIEW v{i}")
    s.append(f"DROP TABLE t{i}")
    return s


def java(i):
    calls = lambda stmts: "".join(f'        db.execute("{x}");\n' for x in stmts)
    return f"""package bench.junit.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "{i}", description = "step {i}")
public final class V{i} implements JavaMigration {{
    @Override
    public void up(MigrationContext db) throws SQLException {{
{calls(up(i))}    }}

    @Override
    public void down(MigrationContext db) throws SQLException {{
{calls(down(i))}    }}
}}
"""


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    folder = os.path.join(out, "src/bench/junit/migrations")
    os.makedirs(folder, exist_ok=True)
    for i in range(1, n + 1):
        with open(os.path.join(folder, f"V{i}.java"), "w") as f:
            f.write(java(i))


if __name__ == "__main__":
    main()
