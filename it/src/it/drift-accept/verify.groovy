def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    def handMade = 'table audit_log exists but no migration created it (found columns id, what)'
    // validate fails on the hand-made table and names the way to accept it.
    assert log.contains('[TM-R040]') : 'build.log'
    assert log.contains('accept the live schema as the new reference (acceptDrift)') : 'build.log'
    assert log.contains('to keep the changes as they are, mvn compile schema:diff -Dschema.accept accepts the live'
            + ' schema as the new reference and records who accepted which differences; to migrate on top of the'
            + ' changes anyway, set <drift>warn</drift> (-Dschema.drift=warn)') : 'build.log'
    // diff -Dschema.accept prints the difference once and accepts it, on the record.
    assert log.contains('[WARNING]   ' + handMade) : 'build.log'
    assert log =~ /\[INFO\] Accepted the live schema public as the reference of version 1 \(1 difference\), recorded as accepted by alice on \d{4}-/ : 'build.log'
    // Then the schema is valid as it is.
    assert log.contains('Schema public is valid at version 1') : 'build.log'

    assert db.column("SELECT accepted_by || ': ' || accepted_drift FROM public.tidemark_history_snapshot"
            + " WHERE accepted_by IS NOT NULL") == ['alice: ' + handMade]
    assert db.column("SELECT version FROM public.tidemark_history ORDER BY installed_rank") == ['1']
} finally {
    db.drop()
}
