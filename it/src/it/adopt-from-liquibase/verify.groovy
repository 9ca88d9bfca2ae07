def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // The real Liquibase ran three changesets.
    assert db.column('SELECT id FROM public.databasechangelog ORDER BY orderexecuted') == ['1', '1.1', '2-create-orders']
    assert log.contains("[INFO] Liquibase's history public.databasechangelog, row by row against the code's migrations:") : 'build.log'
    // Each changeset's MD5 (checksum version 9, as 4.33 wrote it) recomputed from the code's SQL file.
    assert log =~ /\[INFO\] changeset ada:1 \(db\/changelog\.sql\)\s+\| 1 Create users\s+\| MD5 9:[0-9a-f]{32} matches/ : 'build.log'
    assert log =~ /\[INFO\] changeset ada:1\.1 \(db\/changelog\.sql\)\s+\| 1\.1 Add names\s+\| MD5 9:[0-9a-f]{32} matches/ : 'build.log'
    assert log =~ /\[INFO\] changeset bob:2-create-orders \(db\/changelog\.sql\)\s+\| 2 Create orders\s+\| MD5 9:[0-9a-f]{32} matches/ : 'build.log'
    assert !log.contains('not compared') : 'build.log'
    assert log.contains("[INFO] Adopted Liquibase's history: 3 rows written to public.tidemark_history, now at version 2; public.databasechangelog is left as it was and no longer read.") : 'build.log'
    // Liquibase records no user: the rows say which tool applied them, at the time it did.
    assert db.rows('''SELECT t.version, t.installed_by, t.installed_on = l.dateexecuted::timestamptz
                      FROM public.tidemark_history t JOIN public.databasechangelog l ON l.orderexecuted = t.installed_rank
                      ORDER BY t.installed_rank''') == [['1', 'liquibase', 't'], ['1.1', 'liquibase', 't'], ['2', 'liquibase', 't']]
    assert db.column('SELECT count(*) FROM public.databasechangelog') == ['3']
    assert log =~ /\[INFO\] Applied version 3 \(Index orders\) in \d/ : 'build.log'
    assert log.contains('Applied 1 migration to schema public, now at version 3') : 'build.log'
} finally {
    db.drop()
}
