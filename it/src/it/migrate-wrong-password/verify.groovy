def db = dev.tidemark.it.ScenarioDatabase.of(basedir)
def log = db.buildLog()
try {
    assert log.contains('BUILD FAILURE') : 'build.log'
    assert log.contains('[TM-R011]') : 'build.log'
    assert log =~ /refused user tidemark_it_wrong_password/ : 'build.log'
    assert log.contains('schema.password') : 'build.log'
    // The URL is shown, its password masked.
    assert log.contains('postgres://tidemark_it_wrong_password:****@') : 'build.log'
    assert !log.contains('MojoExecutionException') : 'build.log'
    // Neither the password given nor the right one appears anywhere.
    assert !log.contains('Not-the-Password-5kT') : 'build.log'
    assert !log.contains('Right-Password-7wQ') : 'build.log'

    assert !db.tableExists('public', 'tidemark_history')
} finally {
    // The whole throwaway server goes, the role with it.
    db.drop()
}
