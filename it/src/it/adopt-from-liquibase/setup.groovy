dev.tidemark.it.ScenarioDatabase.setUp(basedir)
