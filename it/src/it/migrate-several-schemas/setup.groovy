// -Dschema.schemas=tenant_a,tenant_b, through test.properties: Invoker splits goals at commas.
def database = dev.tidemark.it.ScenarioDatabase.create(basedir)
database.commandLineProperty('schema.schemas', 'tenant_a,tenant_b')
