def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    // The second build no longer has migration 2, which the database has applied.
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R040]') : 'build.log'
    assert log =~ /Migration 2 \(com\.acme\.db\.CreateOrders.*missing from the code/ : 'build.log'

    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1', '2']
    assert db.tableExists('public', 'orders')
} finally {
    db.drop()
}
