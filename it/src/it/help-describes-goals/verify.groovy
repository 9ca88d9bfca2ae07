// schema:help needs no database and no compiled project: it describes the goal from its Javadoc.
def log = new File(basedir, 'build.log').text

assert log.contains('BUILD SUCCESS') : 'build.log'
assert log.contains('schema:migrate') : 'build.log'
assert log =~ /Applies the pending migrations/ : 'build.log'
['url', 'user', 'password', 'serverId', 'schema', 'table', 'target', 'outOfOrder', 'validateOnMigrate',
 'failOnPending', 'createSchema', 'lockWait', 'lockTimeout', 'statementTimeout', 'connectRetries',
 'connectRetryInterval', 'applicationName', 'installedBy', 'drift', 'output', 'reportFile', 'skip'].each { parameter ->
    assert log.contains("User property: schema.${parameter}") : "schema:help does not describe ${parameter}"
}
// Without -Dgoal: the plugin's description names every goal, and every goal is listed.
def goals = ['migrate', 'validate', 'baseline', 'info', 'diff', 'undo', 'test', 'repair', 'adopt', 'help']
def description = log.find(/Applies Tidemark's migrations to PostgreSQL from Maven\. Goals: [^\n]*(\n[^\n]+)*/)
assert description != null : 'build.log'
goals.each { goal ->
    assert description.contains("schema:${goal}") : "the description does not name schema:${goal}"
    assert log.contains("schema:${goal}\n") || log =~ /schema:${goal}\r?\n/ : "schema:help does not list schema:${goal}"
}
assert log.contains('This plugin has 10 goals:') : 'build.log'
return true
