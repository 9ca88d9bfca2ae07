def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    // The second build compiled an edited migration 2 and validation refused it.
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R040]') : 'build.log'
    assert log.contains('com.acme.db.CreateOrders') : 'build.log'
    assert log =~ /(?i)checksum/ : 'build.log'

    // Validation changes nothing: the recorded checksum is still the one applied.
    def checksums = db.column("SELECT checksum FROM public.tidemark_history WHERE version = '2'")
    assert checksums.size() == 1 && checksums[0].startsWith('v1:')
    assert log.contains(checksums[0]) : 'build.log'
    assert db.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'total'") == ['numeric']
    assert db.column("SELECT numeric_precision::text FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'total'") == ['12']
} finally {
    db.drop()
}
