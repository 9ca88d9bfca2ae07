def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // Maven would read 'yes' as false without a word; the plugin names the property and what it takes.
    assert log.contains("[TM-R001] <failOnPending> (-Dschema.failOnPending) is 'yes': not true or false.") : 'build.log'
    assert log.contains('Give true or false.') : 'build.log'
    assert !log.contains('MojoExecutionException') : 'build.log'
    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
