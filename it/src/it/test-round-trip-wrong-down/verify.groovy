def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('Round-trip test of 3 migrations of schema public: 1 problem, 1 migration without down() not checked.') : 'build.log'
    assert log.contains("1 'create users' (com.acme.db.CreateUsers): down restores the schema") : 'build.log'
    assert log.contains("3 'seed admin' (com.acme.db.SeedAdmin): not checked: it has no down()") : 'build.log'
    assert log.contains('[WARNING]       column users.email_verified still present after down of 2') : 'build.log'
    assert log.contains('[TM-R430] The round-trip test found 1 migration') : 'build.log'

    // The test ran in a temporary database: the configured one was not touched.
    assert !db.tableExists('public', 'users')
    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
