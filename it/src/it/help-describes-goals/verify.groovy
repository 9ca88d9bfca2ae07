// schema:help needs no database and no compiled project: it describes the goal from its Javadoc.
def log = new File(basedir, 'build.log').text

assert log.contains('BUILD SUCCESS') : 'build.log'
assert log.contains('schema:migrate') : 'build.log'
assert log =~ /Applies the pending migrations/ : 'build.log'
['url', 'user', 'password', 'serverId', 'schema', 'table', 'target', 'outOfOrder', 'validateOnMigrate',
 'failOnPending', 'createSchema', 'lockWait', 'lockTimeout', 'statementTimeout', 'connectRetries',
 'connectRetryInterval', 'applicationName', 'installedBy', 'drift', 'skip'].each { parameter ->
    assert log.contains("User property: schema.${parameter}") : "schema:help does not describe ${parameter}"
}
return true
