def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('[INFO] Skipping schema:migrate: schema.skip is true') : 'build.log'
    assert log.contains('BUILD SUCCESS') : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
    assert !db.tableExists('public', 'users')
} finally {
    db.drop()
}
