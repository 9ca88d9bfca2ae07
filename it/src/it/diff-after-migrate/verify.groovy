def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    // Right after migrate, the live schema is the recorded one.
    assert log =~ /\[INFO\] Schema public matches the snapshot of version 2 \(v1:[0-9a-f]{64}\)/ : 'build.log'
    def report = new File(basedir, 'target/tidemark-diff.json')
    assert report.isFile()
    assert report.text.contains('v1:')

    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1', '2']
} finally {
    db.drop()
}
