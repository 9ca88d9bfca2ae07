def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def pomDb = db.sibling('pom')
def log = db.buildLog()
try {
    // The first line says where and as whom, and that the command line replaced the POM's values.
    assert log =~ /\[INFO\] Database jdbc:postgresql:\/\/[^ ]*\/${db.name()}\?[^ ]* as postgres; the command line's -Dschema.url, -Dschema.schema, -Dschema.validateOnMigrate override <url>, <schema>, <validateOnMigrate> of the POM/ : 'build.log'
    assert log.contains('Applied 1 migration to schema cli_schema, now at version 1') : 'build.log'
    assert log.contains('Schema cli_schema, history table tidemark_history, at version 1') : 'build.log'

    // The command line's database and schema were migrated; the POM's were not touched.
    assert db.column('SELECT version FROM cli_schema.tidemark_history') == ['1']
    assert db.tableExists('cli_schema', 'users')
    assert !db.tableExists('pom_schema', 'tidemark_history')
    assert pomDb.column("SELECT count(*)::text FROM pg_namespace WHERE nspname IN ('cli_schema', 'pom_schema')") == ['0']
} finally {
    db.drop()
}
