def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    // The applied migration 2 used the constant's first value; its checksum covers that value.
    def checksums = db.column("SELECT checksum FROM public.tidemark_history WHERE version = '2'")
    assert checksums.size() == 1 && checksums[0].startsWith('v2:')

    // The second build found OrderSql.java changed, recompiled the module without clean, and
    // validation refused migration 2, whose own source did not change.
    def edited = new File(basedir, 'src/main/java/com/acme/db/sql/OrderSql.java').text
    assert edited.contains('numeric(14, 2)') : 'the edit was not applied'
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R040]') : 'build.log'
    assert log.contains('com.acme.db.CreateOrders') : 'build.log'
    assert log.contains(checksums[0]) : 'build.log'
    assert log.contains('the change may be in one of those') : 'build.log'
    // maven-compiler-plugin recompiled every source of the module, the migration included, both times.
    assert log.count('Recompiling the module because of changed source code') == 2 : 'build.log'

    // Validation changes nothing.
    assert db.column("SELECT numeric_precision::text FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'total'") == ['12']
} finally {
    db.drop()
}
