// Two databases: the POM's <url> names the sibling, -Dschema.url the scenario's own.
def database = dev.tidemark.it.ScenarioDatabase.create(basedir)
def pomDatabase = database.createSibling('pom')
database.commandLineProperty('it.pomDatabase.url', pomDatabase.url())
database.commandLineProperty('schema.url', database.url())
