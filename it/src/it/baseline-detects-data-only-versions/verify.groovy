def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    // Versions 1 and 2 leave the same schema: the user is told so at info level, not only with -X.
    assert log.contains('[INFO] Versions 1 and 2 all leave the schema that public has (the migrations between them change data only, which a schema cannot tell apart): the newest, 2, is taken') : 'build.log'
    assert log.contains('[INFO] Baselined schema public at version 2: 2 migrations of the code count as applied') : 'build.log'

    assert db.rows('SELECT version, type FROM public.tidemark_history ORDER BY installed_rank') == [['2', 'BASELINE']]
} finally {
    db.drop()
}
