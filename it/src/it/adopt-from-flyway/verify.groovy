def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // The real Flyway applied the four SQL files (one repeatable) that Tidemark's processor reads too.
    assert log.contains('Successfully applied 4 migrations to schema "public", now at version v2') : 'build.log'
    // A file edited after Flyway applied it: refused row by row, nothing written.
    assert log.contains("[TM-R210] Cannot adopt Flyway's history public.flyway_schema_history: it and the code disagree on 1 row.") : 'build.log'
    assert log =~ /\[ERROR\] - installed_rank 2, V1\.1__Add_names\.sql -> migration 1\.1 \(Add names\): edited since Flyway applied it: Flyway stored CRC32 -?\d+, the code's file gives -?\d+\. To do: restore the migration as Flyway applied it and put the change in a new migration/ : 'build.log'
    assert log =~ /\[ERROR\]   installed_rank 1, V1__Create_users\.sql\s+\| 1 Create users\s+\| CRC32 -?\d+ matches/ : 'build.log'
    assert log =~ /\[ERROR\]   installed_rank 2, V1\.1__Add_names\.sql\s+\| 1\.1 Add names\s+\| REFUSED: edited since Flyway applied it/ : 'build.log'
    assert log =~ /Nothing was written: public\.tidemark_history does not exist \(checked\), and public\.flyway_schema_history was only read\./ : 'build.log'
    // With the file put back, the dry run compares every file's CRC32 with Flyway's and writes nothing.
    assert log.contains("[INFO] Flyway's history public.flyway_schema_history, row by row against the code's migrations:") : 'build.log'
    assert log =~ /\[INFO\] installed_rank 1, V1__Create_users\.sql\s+\| 1 Create users\s+\| CRC32 -?\d+ matches/ : 'build.log'
    assert log =~ /\[INFO\] installed_rank 2, V1\.1__Add_names\.sql\s+\| 1\.1 Add names\s+\| CRC32 -?\d+ matches/ : 'build.log'
    assert log =~ /\[INFO\] installed_rank 3, V2__Create_orders\.sql\s+\| 2 Create orders\s+\| CRC32 -?\d+ matches/ : 'build.log'
    assert log =~ /\[INFO\] installed_rank 4, R__User_emails\.sql\s+\| User emails \(R__User_emails\.sql\)\s+\| CRC32 -?\d+ matches: carried, migrate does not apply it again/ : 'build.log'
    assert log =~ /\[INFO\] \(not in public\.flyway_schema_history\)\s+\| 3 Index orders\s+\| pending: migrate runs it/ : 'build.log'
    assert !log.contains('not compared') : 'build.log'
    assert log.contains('[INFO] Dry run: nothing was written; adopting writes 4 rows to public.tidemark_history, at version 2.') : 'build.log'
    assert log.contains('[INFO] To take it over: mvn compile schema:adopt -Dschema.from=flyway') : 'build.log'
    // The takeover kept Flyway's times and user, and left its table as it was.
    assert log.contains("[INFO] Adopted Flyway's history: 4 rows written to public.tidemark_history, now at version 2; public.flyway_schema_history is left as it was and no longer read.") : 'build.log'
    assert db.rows('''SELECT t.version, t.installed_by = f.installed_by, t.installed_on = f.installed_on::timestamptz,
                             t.execution_time = f.execution_time, t.type, t.class_name
                      FROM public.tidemark_history t JOIN public.flyway_schema_history f ON f.version = t.version
                      ORDER BY t.installed_rank''') == [
        ['1', 't', 't', 't', 'SQL', 'V1__Create_users.sql'],
        ['1.1', 't', 't', 't', 'SQL', 'V1.1__Add_names.sql'],
        ['2', 't', 't', 't', 'SQL', 'V2__Create_orders.sql']]
    assert db.rows('''SELECT t.description, t.type, t.class_name, t.installed_by = f.installed_by,
                             t.installed_on = f.installed_on::timestamptz
                      FROM public.tidemark_history t JOIN public.flyway_schema_history f ON f.script = t.class_name
                      WHERE t.version IS NULL''') == [['User emails', 'REPEATABLE', 'R__User_emails.sql', 't', 't']]
    assert db.column('SELECT count(*) FROM public.flyway_schema_history') == ['4']
    // From then on Tidemark validates against the snapshot and runs only the new migration.
    assert log =~ /Schema public is valid at version 2/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 3 \(Index orders\) in \d/ : 'build.log'
    assert !log.contains('Applied version 1 ') : 'build.log'
    // The repeatable migration Flyway applied, unchanged since, is not applied again.
    assert !log.contains("Applying repeatable migration 'User emails'") : 'build.log'
    assert db.column("SELECT count(*) FROM public.tidemark_history WHERE type = 'REPEATABLE'") == ['1']
    assert db.column("SELECT indexname FROM pg_indexes WHERE indexname = 'orders_user'") == ['orders_user']
} finally {
    db.drop()
}
