def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('[INFO] Baselined schema public at version 2: 2 migrations of the code count as applied') : 'build.log'
    // The next migrate runs only what came after the baseline.
    assert log =~ /\[INFO\] Applied version 3 \(add user names\) in \d/ : 'build.log'
    assert !log.contains('Applied version 1') : 'build.log'
    assert log.contains('Applied 1 migration to schema public, now at version 3') : 'build.log'

    assert db.rows('SELECT version, type FROM public.tidemark_history ORDER BY installed_rank') == [['2', 'BASELINE'], ['3', 'JAVA']]
    assert db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'") == ['name']
    // Nothing the schema had before is lost.
    assert db.column('SELECT email FROM public.users') == ['ada@example.com']
} finally {
    db.drop()
}
