def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    def handMade = 'table audit_log exists but no migration created it (found columns id, what)'
    // The WARN run goes on, says so, and says the difference stays drift.
    assert log.contains('[WARNING] Drift: ' + handMade) : 'build.log'
    assert log.contains('Drift is let through, not accepted') : 'build.log'
    assert log.contains('Applied 1 migration to schema public, now at version 2') : 'build.log'
    // diff still reports it after the WARN run, each difference once.
    assert log.contains('Schema public differs from the snapshot of version 2 in 1 way:') : 'build.log'
    assert log.count(handMade) == 2 : 'once from the WARN migrate, once from diff: ' + log.count(handMade)
    // Once the table is gone, the schema is as its migrations left it.
    assert log.contains('Schema public is valid at version 2') : 'build.log'

    assert db.column("SELECT version FROM public.tidemark_history ORDER BY installed_rank") == ['1', '2']
    assert db.column("SELECT to_regclass('public.audit_log')::text") == [null]
} finally {
    db.drop()
}
