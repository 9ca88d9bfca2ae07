def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    // The summary comes before the failure, with the broken target's code; the failure names it.
    assert log =~ /\[INFO\] migrate on 3 targets \(1 at a time\) in .*: 2 succeeded, 1 failed, 0 not started\./ : 'build.log'
    assert log =~ /\[INFO\]   tenant_b +\? +- +[\d.]+ m?s +FAILED TM-R041/ : 'build.log'
    assert log.contains('[TM-R500] migrate failed on 1 of 3 targets:') : 'build.log'
    assert log.contains('- tenant_b: [TM-R041]') : 'build.log'
    assert log.contains('2 succeeded, 1 failed') : 'build.log'
    assert log.contains('schema:migrate') : 'build.log'

    for (schema in ['tenant_a', 'tenant_c']) {
        assert db.column("SELECT version FROM ${schema}.tidemark_history WHERE success ORDER BY installed_rank".toString()) == ['1', '2', '3']
    }
    assert !db.tableExists('tenant_b', 'tidemark_history')
} finally {
    db.drop()
}
