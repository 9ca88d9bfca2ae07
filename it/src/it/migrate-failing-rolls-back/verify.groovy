def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    // The error names the failing statement and PostgreSQL's SQLSTATE (42P01: undefined table).
    assert log.contains("INSERT INTO audit_log (entry) VALUES ('started')") : 'build.log'
    assert log.contains('42P01') : 'build.log'
    assert log.contains('[TM-R100]') : 'build.log'
    assert log.contains('Applied version 1 (create users)') : 'build.log'
    assert !log.contains('Applied version 2') : 'build.log'

    // Migration 2 rolled back whole: its first statement left nothing, its history row neither.
    assert !db.tableExists('public', 'audit_trail')
    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1']
    assert db.tableExists('public', 'users')
} finally {
    db.drop()
}
