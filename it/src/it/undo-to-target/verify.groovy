def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 3 migrations to schema public, now at version 3') : 'build.log'
    // Newest first, each in its own transaction with an UNDO row.
    assert log =~ /\[INFO\] Undid version 3 \(create orders\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Undid version 2 \(add email verification\) in \d/ : 'build.log'
    assert log.indexOf('Undid version 3') < log.indexOf('Undid version 2') : 'build.log'
    assert log.contains('Undid 2 migrations of schema public, now at version 1') : 'build.log'
    // The snapshot follows the undo: validate is clean and shows both as pending again.
    assert log.contains('Schema public is valid at version 1') : 'build.log'
    assert log.contains('2 migrations are pending:') : 'build.log'

    assert db.column("SELECT version || ' ' || type FROM public.tidemark_history ORDER BY installed_rank") ==
            ['1 JAVA', '2 JAVA', '3 JAVA', '3 UNDO', '2 UNDO']
    assert !db.tableExists('public', 'orders')
    assert db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1") ==
            ['id', 'name']
} finally {
    db.drop()
}
