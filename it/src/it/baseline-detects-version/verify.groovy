def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // No version given: Tidemark finds the one whose schema equals the database's.
    assert log.contains('No <baselineVersion> (-Dschema.baselineVersion) given') : 'build.log'
    // The runtime's explanation of how it found the version is shown, once, at info level.
    assert log.contains('[INFO] Schema public matches version 2 exactly (replayed into the temporary database ') : 'build.log'
    assert log.count('matches version 2 exactly') == 1 : 'build.log'
    assert log.contains('[INFO] Baselined schema public at version 2: 2 migrations of the code count as applied') : 'build.log'
    assert log.contains('Applied 1 migration to schema public, now at version 3') : 'build.log'

    assert db.rows('SELECT version, type FROM public.tidemark_history ORDER BY installed_rank') == [['2', 'BASELINE'], ['3', 'JAVA']]
    assert db.column('SELECT email FROM public.users') == ['ada@example.com']
    // The temporary database of the replay is gone.
    assert db.column("SELECT count(*)::text FROM pg_database WHERE datname LIKE '%" + db.name() + "%' AND datname <> '" + db.name() + "'") == ['0']
} finally {
    db.drop()
}
