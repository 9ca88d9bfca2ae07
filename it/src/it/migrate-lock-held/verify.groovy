def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // While it waits, the goal says who holds the lock...
    assert log =~ /\[WARNING\] Waiting for the migration lock on "public"\."tidemark_history", held by pid \d+, application 'tidemark-it-lock-holder'/ : 'build.log'
    // ...and when the wait runs out, it fails naming the holder and the setting to change.
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R030]') : 'build.log'
    assert log =~ /\[TM-R030\][^\n]*held by pid \d+, application 'tidemark-it-lock-holder'/ : 'build.log'
    assert log =~ /lockWait/ : 'build.log'

    // Nothing ran while another session held the lock.
    assert !db.tableExists('public', 'users')
    assert db.column("SELECT count(*)::text FROM pg_stat_activity WHERE application_name = 'tidemark-it-lock-holder' AND datname = current_database()") == ['1']
} finally {
    db.drop()
}
