def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    assert log.contains('[INFO] Schema public is up to date at version 2') : 'build.log'
    // The second run applied nothing: each migration is applied, and logged, once.
    assert log.count('Applied version 1 (create users)') == 1 : 'build.log'

    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1', '2']
} finally {
    db.drop()
}
