#!/usr/bin/env bash
# Benchmark Tidemark against Flyway, Liquibase and psql: bench/run.sh [--quick] [bench.py options]
# Installs the current Tidemark into the local Maven repository first, so that the generated
# projects use this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
exec python3 bench/bench.py "$@"
