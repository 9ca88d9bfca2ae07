def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // SQL files in three layouts and a Java migration, in one version sequence.
    assert log =~ /\[INFO\] Applied version 1 \(Create users\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 2 \(add user email\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 3 \(orders\) in \d/ : 'build.log'
    assert log =~ /\[INFO\] Applied version 4 \(index orders\) \(not in a transaction\) in \d/ : 'build.log'

    assert db.column('SELECT version FROM public.tidemark_history WHERE success ORDER BY installed_rank') == ['1', '2', '3', '4']
    assert db.column("SELECT class_name FROM public.tidemark_history WHERE version = '3'") == ['3_orders/up.sql']
    assert db.column("SELECT obj_description('public.users'::regclass)") == ['owned by the shop team']
    assert db.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'public.orders_user_idx'::regclass") == ['true']
} finally {
    db.drop()
}
