def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 1 migration to schema public, now at version 1') : 'build.log'
    assert log.contains("as tidemark_it_settings (credentials from the settings.xml server 'tidemark-it-encrypted')") : 'build.log'

    // The migration ran as the settings.xml server's user, so its encrypted password was decrypted.
    assert db.column('SELECT installed_by FROM public.tidemark_history') == ['tidemark_it_settings']
    assert db.column("SELECT tableowner FROM pg_tables WHERE tablename = 'users'") == ['tidemark_it_settings']

    // No password in any form: plain, encrypted, or the master password.
    assert !log.contains('Tide-it-8jQ2x') : 'build.log'
    assert !log.contains('LeCNLkDBIr4Hca412XG') : 'build.log'
    assert !log.contains('tidemark-it-master') : 'build.log'
    assert !log.contains('8aUqoASK0WcHCY6c6J4n7PIH') : 'build.log'
} finally {
    // The whole throwaway server goes, the role with it.
    db.drop()
}
