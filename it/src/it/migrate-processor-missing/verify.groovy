def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    def sentence = "[TM-R002] The project has @Migration classes (com.acme.db.CreateUsers) but no migration manifest," +
            " because they were compiled without Tidemark's annotation processor: add dev.tidemark:tidemark-processor" +
            " to the maven-compiler-plugin's <annotationProcessorPaths> and compile again."
    assert log.contains(sentence) : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
} finally {
    db.drop()
}
