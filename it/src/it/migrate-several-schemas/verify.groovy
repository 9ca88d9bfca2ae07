def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // migrate on the two schemas named on the command line, two at a time, then its summary.
    assert log =~ /\[INFO\] migrate: [12] of 2 targets done; .*tenant_a succeeded at version 3\./ : 'build.log'
    assert log =~ /\[INFO\] migrate on 2 targets \(2 at a time\) in .*: 2 succeeded, 0 failed, 0 not started\./ : 'build.log'
    assert log =~ /\[INFO\]   tenant_a +- +3 +[\d.]+ m?s +ok/ : 'build.log'
    assert log =~ /\[INFO\]   tenant_b +- +3 +[\d.]+ m?s +ok/ : 'build.log'
    // info with the pattern too: the schemas named and those it matches, each once.
    assert log =~ /\[INFO\] info on 3 targets \(1 at a time\) in .*: 3 succeeded/ : 'build.log'
    assert log =~ /\[INFO\]   tenant_c +- +- +[\d.]+ m?s +ok/ : 'build.log'

    for (schema in ['tenant_a', 'tenant_b']) {
        assert db.column("SELECT version FROM ${schema}.tidemark_history WHERE success ORDER BY installed_rank".toString()) == ['1', '2', '3']
        assert db.tableExists(schema, 'orders')
    }
    assert !db.tableExists('tenant_c', 'tidemark_history')
    assert !db.tableExists('other', 'users')
    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
