def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // Seed 000: the production table never got the column the migration expects.
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log =~ /\[INFO\]   2 'rename ada': succeeded in \d+ ms/ : 'build.log'
    assert log.contains("UPDATE users SET name = 'Ada' WHERE id = 1") : 'build.log'
    assert log.contains("[TM-R420] Rehearsal of migration 3 'index verified users' (com.acme.db.IndexVerifiedUsers) failed.") : 'build.log'
    assert log.contains('SQLSTATE 42703: column "email_verified" does not exist') : 'build.log'
    assert log.contains('The database is unchanged at version 1: the rehearsal') : 'build.log'
    // The lock analysis: what each statement locks, and the failed one said as such.
    assert log.contains('[INFO] Lock analysis of schema public: what each statement would do to the tables while migrate runs it.') : 'build.log'
    assert log.contains('[INFO]   Statement 1 of version 2 takes ROW EXCLUSIVE on users (') : 'build.log'
    assert log.contains('reads and writes of users go on; the rows it changes stay locked until it commits.') : 'build.log'
    assert log.contains('[INFO]   Statement 1 of version 3 failed (SQLSTATE 42703); its locks are not known, and the rehearsal stopped there.') : 'build.log'

    def report = new File(basedir, 'target/rehearsal.md')
    assert report.isFile()
    assert report.text.startsWith('# Rehearsal of schema `public`')
    assert report.text.contains('| 3 | index verified users | **failed** |')
    assert report.text.contains('## Lock analysis of schema `public`')
    assert report.text.contains('- Statement 1 of version 2 takes ROW EXCLUSIVE on users (')

    // Rolled back: history, data and schema as before the rehearsal.
    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1']
    assert db.column('SELECT name FROM public.users') == ['ada']
    assert db.column("SELECT count(*)::text FROM pg_indexes WHERE indexname = 'users_email_verified_idx'") == ['0']
} finally {
    db.drop()
}
