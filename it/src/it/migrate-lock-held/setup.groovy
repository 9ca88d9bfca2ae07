def database = dev.tidemark.it.ScenarioDatabase.create(basedir)
// Another build or application instance is migrating the same schema, and takes its time.
database.holdMigrationLock("public", "tidemark_history")
