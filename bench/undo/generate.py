#!/usr/bin/env python3
"""generate.py N OUT: N + 1 Tidemark migrations with up and down for the undo benchmark.

Version 1 creates the schema's first table and is the undo target, so an undo to 1 reverts N
steps. Every step i >= 2 is of the size of a real project's migration: a table with 5 columns, a
foreign key to the previous step's table and an index; every 3rd a view over it, every 4th a
PL/pgSQL function and every 8th a trigger calling it. Each down drops what its up made.
OUT/src holds the Java sources; OUT/down/<i>.sql each down as the statements the API runs, one a
line, for the plain JDBC side of the comparison.
"""
import os
import sys


def up(i):
    t = f"t{i}"
    s = [f"CREATE TABLE {t} (id bigserial PRIMARY KEY, name text NOT NULL, amount numeric(12,2)"
         f" DEFAULT 0, created timestamptz NOT NULL DEFAULT now()"
         + (f", parent bigint REFERENCES t{i - 1} (id)" if i > 1 else "") + ")",
         f"CREATE INDEX {t}_name ON {t} (name, created)"]
    if i % 3 == 0:
        s.append(f"CREATE VIEW v{i} AS SELECT id, name, amount FROM {t} WHERE amount > 0")
    if i % 4 == 0:
        s.append(f"CREATE FUNCTION f{i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                 f" NEW.name := trim(NEW.name); RETURN NEW; END $$")
    if i % 8 == 0:
        s.append(f"CREATE TRIGGER tr{i} BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION f{i}()")
    return s


def down(i):
    s = []
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
    return f"""package bench.undo;

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
    os.makedirs(os.path.join(out, "src/bench/undo"), exist_ok=True)
    os.makedirs(os.path.join(out, "down"), exist_ok=True)
    for i in range(1, n + 2):
        with open(os.path.join(out, f"src/bench/undo/V{i}.java"), "w") as f:
            f.write(java(i))
        with open(os.path.join(out, f"down/{i}.sql"), "w") as f:
            f.write("\n".join(down(i)) + "\n")


if __name__ == "__main__":
    main()
