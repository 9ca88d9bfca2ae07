def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains("settings.xml has no <server> with the id 'nosuch' named by <serverId> (-Dschema.serverId)") : 'build.log'
    // The goal failed before connecting; no thread of the plugin outlives it to print a stack trace.
    assert !log.contains('Exception in thread') : 'build.log'
    assert !log.contains('NoClassDefFoundError') : 'build.log'
    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
