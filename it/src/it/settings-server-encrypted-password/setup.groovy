def database = dev.tidemark.it.ScenarioDatabase.createOnPasswordServer(basedir)
// The password the settings.xml server holds, encrypted.
database.createPasswordRole("tidemark_it_settings", "Tide-it-8jQ2x")
null
