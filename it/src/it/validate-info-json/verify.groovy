import groovy.json.JsonSlurper

def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // Each JSON run prints its result as one document on one line of standard output.
    def documents = log.readLines().findAll { it.startsWith('{"result":') }.collect { new JsonSlurper().parseText(it) }
    assert documents*.result == ['validate', 'info', 'error'] : 'build.log'

    def validate = documents[0]
    assert validate.schema == 'public'
    assert validate.valid == true
    assert validate.currentVersion == '2'
    assert validate.problems == []
    assert validate.pending.size() == 1
    assert validate.pending[0].version == '3'
    assert validate.pending[0].description == 'add user names'
    assert validate.pending[0].className == 'com.acme.db.AddUserNames'

    def info = documents[1]
    assert info.schema == 'public'
    assert info.table == 'tidemark_history'
    assert info.currentVersion == '2'
    assert info.migrations*.version == ['1', '2', '3']
    assert info.migrations*.state == ['APPLIED', 'APPLIED', 'PENDING']
    assert info.migrations[0].checksumMatches == true
    assert info.migrations[0].executionTimeMs instanceof Number
    // Instants are ISO-8601.
    assert java.time.Instant.parse(info.migrations[0].installedOn) != null
    assert info.migrations[2].installedOn == null
    // In JSON mode the text table is not printed.
    assert !log.contains('Version | Description') : 'build.log'

    // The report file holds the same document.
    def file = new JsonSlurper().parse(new File(basedir, 'target/tidemark-info.json'))
    assert file == info

    // A failed run prints its error: the code and the message.
    def failed = documents[2]
    assert failed.code == 'TM-R040'
    assert failed.message.contains('[TM-R040]')
    assert failed.problems*.kind == ['PENDING']
    assert failed.pending*.version == ['3']
    assert new JsonSlurper().parse(new File(basedir, 'target/tidemark-failed.json')) == failed

    assert !log.contains('password') : 'build.log'
} finally {
    db.drop()
}
