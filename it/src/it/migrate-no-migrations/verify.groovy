def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R002] The project has no migrations: no @Migration class was compiled into ') : 'build.log'
    assert log.contains('write a class annotated @Migration that implements JavaMigration and compile before running this goal.') : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
