def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // One line per migration as it runs, then the summary.
    assert log =~ /\[INFO\] Applied version 1 \(create users\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 2 \(create orders\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 3 \(index orders by user\) \(not in a transaction\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied 3 migrations to schema public, now at version 3 \(/ : 'build.log'
    assert log.indexOf('Applied version 1') < log.indexOf('Applied version 2') : 'build.log'

    assert db.column('SELECT version FROM public.tidemark_history WHERE success ORDER BY installed_rank') == ['1', '2', '3']
    assert db.tableExists('public', 'users')
    assert db.tableExists('public', 'orders')
    assert db.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'public.orders_user_idx'::regclass") == ['true']
} finally {
    db.drop()
}
