#!/usr/bin/env bash
# The fleet benchmark: bench/fleet/run.sh [SCHEMAS] [MIGRATIONS] [RUNS] [MODES]  (defaults 200, 20, 2, all three)
#
# Compiles the runtime of this checkout into runtime/target (installs nothing), resolves Flyway
# 13.6.0 and the driver from the local Maven cache, and runs FleetBench once: SCHEMAS empty tenant
# schemas, MIGRATIONS migrations each, migrated by Tidemark's fleet with parallelism 2, by the same
# with parallelism 1, and by a loop running Flyway once per schema; RUNS times each, in alternating order,
# on a fresh database each time. Uses the server of TIDEMARK_TEST_URL (default the local
# PostgreSQL) and leaves nothing on it. Prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
schemas="${1:-200}"
migrations="${2:-20}"
runs="${3:-2}"
server="${TIDEMARK_TEST_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
work="bench/target/fleet"
mkdir -p "$work"
mvn -o -B -q -pl runtime compile -Dspotless.check.skip >/dev/null
mvn -o -B -q -f bench/fleet/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$work/classpath" >/dev/null
rm -rf bench/fleet/target
deps="$(cat "$work/classpath")"
rm -rf "$work/classes"
javac -d "$work/classes" -cp "runtime/target/classes:$deps" bench/fleet/FleetBench.java
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$work/classes:runtime/target/classes:$deps" bench.fleet.FleetBench "$server" "bench_fleet_$(date +%s)" \
  "$schemas" "$migrations" "$runs" ${4:+"$4"}
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
