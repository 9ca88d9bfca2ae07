def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // The real Flyway applied three files.
    assert log.contains('Successfully applied 3 migrations to schema "public", now at version v2') : 'build.log'
    // The dry run showed the mapping and wrote nothing.
    assert log.contains("[INFO] Flyway's history public.flyway_schema_history, row by row against the code's migrations:") : 'build.log'
    assert log =~ /\[INFO\] installed_rank 2, V1\.1__Add_names\.sql\s+\| 1\.1 Add names\s+\| not compared: Flyway applied V1\.1__Add_names\.sql \(CRC32 -?\d+\), the code's migration is the Java class AddNames, matched by version/ : 'build.log'
    assert log =~ /\[INFO\] \(not in public\.flyway_schema_history\)\s+\| 3 Index orders\s+\| pending: migrate runs it/ : 'build.log'
    assert log.contains('[INFO] Dry run: nothing was written; adopting writes 3 rows to public.tidemark_history, at version 2.') : 'build.log'
    assert log.contains('[INFO] To take it over: mvn compile schema:adopt -Dschema.from=flyway') : 'build.log'
    // The takeover kept Flyway's times and user, and left its table as it was.
    assert log.contains("[INFO] Adopted Flyway's history: 3 rows written to public.tidemark_history, now at version 2; public.flyway_schema_history is left as it was and no longer read.") : 'build.log'
    assert db.rows('''SELECT t.version, t.installed_by = f.installed_by, t.installed_on = f.installed_on::timestamptz,
                             t.execution_time = f.execution_time, t.type
                      FROM public.tidemark_history t JOIN public.flyway_schema_history f ON f.version = t.version
                      ORDER BY t.installed_rank''') == [['1', 't', 't', 't', 'JAVA'], ['1.1', 't', 't', 't', 'JAVA'], ['2', 't', 't', 't', 'JAVA']]
    assert db.column('SELECT count(*) FROM public.flyway_schema_history') == ['3']
    // From then on Tidemark validates against the snapshot and runs only the new migration.
    assert log =~ /Schema public is valid at version 2/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 3 \(Index orders\) in \d/ : 'build.log'
    assert !log.contains('Applied version 1 ') : 'build.log'
    assert db.column("SELECT indexname FROM pg_indexes WHERE indexname = 'orders_user'") == ['orders_user']
} finally {
    db.drop()
}
