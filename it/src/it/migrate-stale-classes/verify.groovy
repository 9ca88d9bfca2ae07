def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 1 migration to schema public, now at version 1') : 'build.log'
    // Version 2 added after the compile: migrate and info refuse, never "up to date" over stale classes.
    assert !log.contains('up to date') : 'build.log'
    assert log =~ /:migrate \(default-cli\) on project migrate-stale-classes: \[TM-R002\] A migration changed since the project was last compiled: src.main.java.com.acme.db.CreateOrders\.java is newer than [^ ]*target.classes, so this goal would run on the migrations as they were\. Nothing was connected to\.\s+\[ERROR\] Compile first: mvn compile schema:migrate/ : 'build.log'
    assert log =~ /:info \(default-cli\) on project migrate-stale-classes: \[TM-R002\] A migration changed/ : 'build.log'
    assert log.contains('Compile first: mvn compile schema:info') : 'build.log'
    // Doing what the message says works.
    assert log.contains('Applied 1 migration to schema public, now at version 2') : 'build.log'

    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1', '2']
} finally {
    db.drop()
}
