#!/usr/bin/env bash
# Benchmark Tidemark against Flyway, Liquibase and psql: bench/run.sh [--quick] [bench.py options]
#
# Installs this checkout's Tidemark into a local repository of the benchmark's own
# (bench/target/m2), never into ~/.m2: that repository links every other group of ~/.m2/repository,
# so Flyway, Liquibase and Maven's plugins come from the usual cache, while the generated projects
# see exactly the Tidemark built here and no other checkout sees it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${MAVEN_SHARED_REPOSITORY:-$HOME/.m2/repository}"
repo="$PWD/bench/target/m2"
mkdir -p "$repo/dev" "$shared"
for entry in "$shared"/*; do
  name="$(basename "$entry")"
  [ "$name" = dev ] || [ -e "$repo/$name" ] || ln -s "$entry" "$repo/$name"
done
if [ -d "$shared/dev" ]; then
  for entry in "$shared"/dev/*; do
    name="$(basename "$entry")"
    [ "$name" = tidemark ] || [ -e "$repo/dev/$name" ] || ln -s "$entry" "$repo/dev/$name"
  done
fi
echo "== installing Tidemark into $repo"
mvn -B -q -Dmaven.repo.local="$repo" -pl runtime,processor,maven-plugin -am install \
  -DskipTests -Dinvoker.skip -Dspotless.check.skip -Dmaven.javadoc.skip
export BENCH_MAVEN_REPO="$repo"
exec python3 bench/bench.py "$@"
