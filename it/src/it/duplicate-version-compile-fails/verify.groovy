def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('COMPILATION ERROR') : 'build.log'
    // The processor reports the duplicate on both classes.
    assert log =~ /\[ERROR\] .*CreateUsers\.java:\[8,22\] \[TM-P002\] com\.acme\.db\.CreateUsers has version "1", the same version as com\.acme\.db\.CreateAccounts/ : 'build.log'
    assert log =~ /\[ERROR\] .*CreateAccounts\.java:\[8,22\] \[TM-P002\] com\.acme\.db\.CreateAccounts has version "1", the same version as com\.acme\.db\.CreateUsers/ : 'build.log'
    assert !new File(basedir, 'target/classes/META-INF/services/dev.tidemark.spi.MigrationManifest').exists()
    assert !log.contains('schema:migrate (default-cli)') : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
