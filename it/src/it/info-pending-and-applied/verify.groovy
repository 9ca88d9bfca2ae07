def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('Applied 2 migrations to schema public, now at version 2') : 'build.log'
    assert log.contains('[INFO] Schema public, history table tidemark_history, at version 2') : 'build.log'
    def table = log.readLines().findAll { it.startsWith('[INFO] ') }*.substring(7)
    def header = table.find { it.startsWith('Version | Description') }
    assert header == 'Version | Description    | Type | State   | Installed on        | Time' + header.substring(header.indexOf(' | Time') + 7)
    def row = { String version -> table.find { it.startsWith(version + '       | ') } }
    assert row('1') =~ /^1 {7}\| create users {3}\| JAVA \| applied \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| .+ \| ok$/
    assert row('2') =~ /^2 {7}\| create orders {2}\| JAVA \| applied \| \d{4}-/
    assert row('3') =~ /^3 {7}\| add user names \| JAVA \| pending \| {21}\|/
    // Every row has the same column boundaries.
    def bars = { String line -> (0..<line.length()).findAll { line[it] == '|' } }
    assert bars(row('1')) == bars(header)
    assert bars(row('3')).take(5) == bars(header).take(5)

    assert db.column('SELECT version FROM public.tidemark_history ORDER BY installed_rank') == ['1', '2']
} finally {
    db.drop()
}
