def database = dev.tidemark.it.ScenarioDatabase.create(basedir)
database.createPasswordRole("tidemark_it_wrong_password", "Right-Password-7wQ")
