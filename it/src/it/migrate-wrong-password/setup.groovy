def database = dev.tidemark.it.ScenarioDatabase.createOnPasswordServer(basedir)
database.createPasswordRole("tidemark_it_wrong_password", "Right-Password-7wQ")
null
