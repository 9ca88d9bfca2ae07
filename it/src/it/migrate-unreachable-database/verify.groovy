def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE') : 'build.log'
// One sentence of what is wrong, then which setting to change.
assert log =~ /\[TM-R010\] Cannot connect to 127\.0\.0\.1:1, database app/ : 'build.log'
assert log =~ /schema\.url/ : 'build.log'
assert log =~ /schema\.connectRetries/ : 'build.log'
// The user's error, not the plugin's: a MojoFailureException, never a MojoExecutionException.
assert !log.contains('MojoExecutionException') : 'build.log'
