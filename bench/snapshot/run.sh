#!/usr/bin/env bash
# Snapshot plus compare of a 500-table schema (see bench/README.md). Compiles the runtime, then runs
# SnapshotSpeed against the server of TIDEMARK_TEST_URL (default: the local PostgreSQL on 5432).
# bench/snapshot/run.sh schemas [SCHEMAS] measures instead the snapshot and digest of one tenant
# schema among SCHEMAS (default 1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
url="${TIDEMARK_TEST_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
mvn -B -q -o -pl runtime compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/snapshot-speed.classpath
classpath="runtime/target/classes:$(cat runtime/target/snapshot-speed.classpath)"
if [ "${1:-}" = schemas ]; then
  java -cp "$classpath" bench/snapshot/SnapshotSpeed.java "$url" "${2:-1000}"
else
  java -cp "$classpath" bench/snapshot/SnapshotSpeed.java "$url"
fi
