#!/usr/bin/env bash
# The undo benchmark: bench/undo/run.sh [N] [RUNS]  (defaults 300 and 5)
#
# Builds runtime and processor of this checkout into their target/ folders (installs nothing),
# generates N + 1 migrations with bench/undo/generate.py, compiles them with the processor, and
# runs UndoBench RUNS times each way, alternating which goes first: the API's undo of N steps
# against plain JDBC running the same downs, one transaction each. Prints each run's seconds, the
# medians, their ratio, the ratio within each run (the two ways run back to back) and the load
# average before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-300}"
runs="${2:-5}"
server="${TIDEMARK_TEST_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
work="bench/target/undo-n$n"
mvn -o -B -q -pl runtime,processor -am compile -Dspotless.check.skip
mkdir -p "$work"
for module in runtime processor; do
  mvn -o -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$work/$module.classpath" >/dev/null
done
deps="$(cat "$work/runtime.classpath"):$(cat "$work/processor.classpath")"
rm -rf "$work/src" "$work/down" "$work/classes"
python3 bench/undo/generate.py "$n" "$work"
classes="runtime/target/classes"
javac -d "$work/classes" -cp "$classes" -processorpath "processor/target/classes:$classes:$deps" \
  $(find "$work/src" -name '*.java')
javac -d "$work/classes" -cp "$classes:$deps" -proc:none bench/undo/UndoBench.java
cp="$work/classes:$classes:$deps"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tidemark=()
jdbc=()
for r in $(seq 1 "$runs"); do
  order="tidemark jdbc"
  [ $((r % 2)) -eq 0 ] && order="jdbc tidemark"
  for way in $order; do
    line="$(java -cp "$cp" bench.undo.UndoBench "$way" "$server" tidemark_undo_bench "$work/down" "$n")"
    echo "run $r: $line"
    if [ "$way" = tidemark ]; then tidemark+=("${line#* }"); else jdbc+=("${line#* }"); fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "${tidemark[*]}" "${jdbc[*]}" <<'PY'
import statistics, sys
t = [float(x) for x in sys.argv[1].split()]
j = [float(x) for x in sys.argv[2].split()]
mt, mj = statistics.median(t), statistics.median(j)
ratios = sorted(a / b for a, b in zip(t, j))
print(f"median undo via API {mt:.3f} s, plain JDBC {mj:.3f} s, ratio of medians {mt / mj:.2f}")
print("ratio within each run (API / JDBC): " + ", ".join(f"{r:.2f}" for r in ratios)
      + f"; median {statistics.median(ratios):.2f}")
PY
