#!/usr/bin/env bash
# The JUnit extension's benchmark: bench/junit/run.sh [N] [CLONES] [SCRATCH]  (defaults 300, 20, 3)
#
# Builds runtime, processor and junit of this checkout into their target/ folders (installs
# nothing), generates N migrations with bench/junit/generate.py, compiles them with the processor,
# and runs JunitBench once: the first run's cost (the template built, then the first clone), CLONES
# fresh databases cloned from the template as @MigratedDatabase makes them, and SCRATCH databases
# created empty and migrated from scratch. Uses the server of TIDEMARK_TEST_URL (default the local
# PostgreSQL) and leaves nothing on it. Prints the load average before and after.
#
# With --throwaway first, runs against a cluster of its own instead, started with initdb and pg_ctl
# on port 25460 with fsync, synchronous_commit and full_page_writes off (as test servers are often
# run; as the postgres system user when run as root), and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
throwaway=false
if [ "${1:-}" = --throwaway ]; then throwaway=true; shift; fi
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
if $throwaway; then
  bin="${TIDEMARK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
  cluster="$PWD/bench/target/junit-cluster"
  as=()
  if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
  rm -rf "$cluster"; mkdir -p "$cluster"
  [ "$(id -u)" = 0 ] && chown postgres "$cluster"
  "${as[@]}" "$bin/initdb" -D "$cluster/data" -U postgres -A trust >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w start \
    -o "-p 25460 -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  trap '"${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null; rm -rf "$cluster"' EXIT
  server="jdbc:postgresql://127.0.0.1:25460/postgres?user=postgres"
fi
echo "server: ${server%%\?*}, $(psql "${server#jdbc:}" -Atc 'show server_version' 2>/dev/null || echo '?'), fsync $(psql "${server#jdbc:}" -Atc 'show fsync' 2>/dev/null || echo '?')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$work/classes:$classes:$deps" bench.junit.JunitBench "$server" "bench_$(date +%s)" "$clones" "$scratch"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
