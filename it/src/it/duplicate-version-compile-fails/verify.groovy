def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('COMPILATION ERROR') : 'build.log'
    // The processor reports the duplicate on both classes.
    assert log =~ /\[ERROR\] .*CreateUsers\.java.*\[TM-P\d+\]/ : 'build.log'
    assert log =~ /\[ERROR\] .*CreateAccounts\.java.*\[TM-P\d+\]/ : 'build.log'
    assert !new File(basedir, 'target/classes/com/acme/db/CreateUsers.class').exists() || !new File(basedir, 'target/classes/META-INF/services/dev.tidemark.spi.MigrationManifest').exists()
    assert !log.contains('schema:migrate (default-cli)') : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
