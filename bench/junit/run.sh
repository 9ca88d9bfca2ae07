#!/usr/bin/env bash
# The JUnit extension's benchmark: bench/junit/run.sh [N] [CLONES] [SCRATCH]  (defaults 300, 20, 3)
#
# Builds runtime, processor and junit of this checkout into their target/ folders (installs
# nothing), generates N migrations with bench/junit/generate.py, compiles them with the processor,
# and runs JunitBench once: the first run's cost (the template built, then the first clone), CLONES
# fresh databases cloned from the template as @MigratedDatabase makes them, and SCRATCH databases
# created empty and migrated from scratch. Uses the server of TIDEMARK_TEST_URL (default the local
# PostgreSQL) and leaves nothing on it. Prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-300}"
clones="${2:-20}"
scratch="${3:-3}"
server="${TIDEMARK_TEST_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
work="bench/target/junit-n$n"
# One reactor, so that each module's class path names the others' target/classes.
mvn -o -B -q -pl runtime,processor,junit -am compile dependency:build-classpath -Dspotless.check.skip \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
mkdir -p "$work"
deps="$(cat junit/target/bench.classpath)"
rm -rf "$work/src" "$work/classes"
python3 bench/junit/generate.py "$n" "$work"
classes="runtime/target/classes:junit/target/classes"
javac -d "$work/classes" -cp "$classes" -processorpath "$deps" \
  $(find "$work/src" -name '*.java')
javac -d "$work/classes" -cp "$classes:$deps" -proc:none bench/junit/JunitBench.java
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$work/classes:$classes:$deps" bench.junit.JunitBench "$server" "bench_$(date +%s)" "$clones" "$scratch"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
