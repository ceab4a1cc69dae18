#!/usr/bin/env bash
# Benchmarks for syncspool (see bench/README.md). Not part of `mvn verify`.
#   bench/run.sh                 everything: 3x WatchBurst, Latency local, Latency daemon
#   BURST_RUNS=1 LATENCY_FILES=50 bench/run.sh   a quicker pass
#   DRAIN_ROUNDS=0 skips the watcher drain-rate rounds
set -euo pipefail

cd "$(dirname "$0")/.."

BURST_RUNS=${BURST_RUNS:-3}
BURST_FILES=${BURST_FILES:-100000}
BURST_DIRS=${BURST_DIRS:-4}
LATENCY_FILES=${LATENCY_FILES:-200}
LATENCY_MODES=${LATENCY_MODES:-"local daemon daemon-nodelay"}

# The JVM flags of pom.xml's <chronicle.jvm.flags> and <chronicle.quiet> (design.md section 4),
# read from the pom so the two cannot drift apart.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml
}
CHRONICLE_FLAGS=$(pom_property chronicle.jvm.flags)
CHRONICLE_QUIET=$(pom_property chronicle.quiet)
if [[ -z $CHRONICLE_FLAGS || -z $CHRONICLE_QUIET ]]; then
  echo "run.sh: cannot read chronicle.jvm.flags / chronicle.quiet from pom.xml" >&2
  exit 1
fi

echo "== build" >&2
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
CP="target/test-classes:target/classes:$(cat target/bench.cp)"

WRITER=java
if command -v gcc >/dev/null 2>&1; then
  gcc -O2 -Wall -o target/bench-burst bench/burst.c
  WRITER=target/bench-burst
fi

OUT=target/bench
rm -rf "$OUT"
mkdir -p "$OUT"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# One fresh JVM per run. $1: run label, $2...: main class and its arguments.
# shellcheck disable=SC2086 # the flag lists are meant to split into words
run_main() {
  local label=$1
  shift
  echo "== $label: $*" >&2
  java $CHRONICLE_FLAGS $CHRONICLE_QUIET -Dlogback.configurationFile=bench/logback-bench.xml \
    -cp "$CP" "$@" | tee "$OUT/$label.out" | grep -v '^METRIC' >&2
  grep '^METRIC' "$OUT/$label.out" | sed "s/^METRIC/$label/" >>"$OUT/metrics.tsv"
}

for i in $(seq 1 "$BURST_RUNS"); do
  run_main "run$i" org.syncspool.bench.WatchBurst "$BURST_FILES" "$BURST_DIRS" "$WRITER"
done
if [[ ${DRAIN_ROUNDS:-5} -gt 0 ]]; then
  run_main "run1" org.syncspool.bench.WatchBurst drain "${DRAIN_FILES:-7000}" "${DRAIN_ROUNDS:-5}" "$WRITER"
fi
for mode in $LATENCY_MODES; do
  run_main "run1" org.syncspool.bench.Latency "$mode" "$LATENCY_FILES"
done

# One table: a row per (benchmark, metric), a column per run.
echo
awk -F'\t' '
  { key = $2 "\t" $3
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    run = substr($1, 4) + 0; if (run > runs) runs = run
    val[key, run] = $4 }
  END {
    printf "| benchmark | metric |"; for (r = 1; r <= runs; r++) printf " run %d |", r; print ""
    printf "|---|---|";             for (r = 1; r <= runs; r++) printf "---:|";       print ""
    for (i = 1; i <= n; i++) {
      split(order[i], k, "\t"); printf "| %s | %s |", k[1], k[2]
      for (r = 1; r <= runs; r++) printf " %s |", ((order[i], r) in val) ? val[order[i], r] : ""
      print ""
    }
  }' "$OUT/metrics.tsv" | tee "$OUT/table.md"
