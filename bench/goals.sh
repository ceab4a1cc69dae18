#!/usr/bin/env bash
# Issue 12's benchmarks (docs/performance.md, "Against a cold rsync: issue 12"): latency against
# a cold rsync of the same file with the same settings to the same target, measured in the same
# run, and the burst against one rsync -az --timeout=30 of the final tree; lsyncd beside each.
#   bench/goals.sh                  every scenario REPEAT times (3), medians (~30 min idle, ~2 h under load)
#   QUICK=1 bench/goals.sh          shorter runs (fewer files, 15 s steady, 1 GiB big file,
#                                   2000-file burst): ~10 min with REPEAT=3
#   ONLY="idle big" bench/goals.sh  some scenarios only (idle steady big burst)
#   LSYNCD=0 bench/goals.sh         without lsyncd
# Scenarios, each run in a fresh JVM (the mains are org.syncspool.bench.LatencyGoals and
# BurstGoal, see bench/README.md): idle (daemon, local, ssh target), steady (daemon), big
# (daemon, files on /dev/shm), burst (daemon, local). Raw output in target/bench-goals/, the
# table (GoalTable: medians over the runs) last. Not part of mvn verify or .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."

ONLY=${ONLY:-"idle steady big burst"}
REPEAT=${REPEAT:-3}
want() { [[ " $ONLY " == *" $1 "* ]]; }

if [[ ${QUICK:-0} == 1 ]]; then
  IDLE=(files=100 cold=10 lsFiles=20)
  STEADY=(seconds=15 cold=10 lsSeconds=5)
  BIG=(files=50 cold=10 lsFiles=20 bigMiB=1024 bwlimit=48m)
  BURST=(2000 20 4 5 10)
else
  IDLE=(files=200 cold=20 lsFiles=50)
  STEADY=(seconds=30 cold=20 lsSeconds=10)
  BIG=(files=100 cold=20 lsFiles=50 bigMiB=2048 bwlimit=80m)
  BURST=(10000 100 4 20 10)
fi

# The JVM lists of pom.xml, as bench/run.sh reads them.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml
}
FLAGS=()
for m in $(pom_property jvm.add-exports); do FLAGS+=("--add-exports=$m=ALL-UNNAMED"); done
for m in $(pom_property jvm.add-opens); do FLAGS+=("--add-opens=$m=ALL-UNNAMED"); done
# shellcheck disable=SC2207 # the property is a list of words
FLAGS+=($(pom_property chronicle.quiet))

if [[ ${NOBUILD:-0} != 1 ]]; then
  echo "== build" >&2
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
CP="target/test-classes:target/classes:$(cat target/bench.cp)"

OUT=target/bench-goals
rm -rf "$OUT"
mkdir -p "$OUT"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# $1: label, $2...: main class (in org.syncspool.bench) and its arguments.
run_main() {
  local label=$1 main=$2
  shift 2
  echo "== $label: $main $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  java "${FLAGS[@]}" -Dlogback.configurationFile=bench/logback-bench.xml -cp "$CP" \
    "org.syncspool.bench.$main" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" \
    || echo "$label: exit $?" >&2
  grep -v '^METRIC\|^GOAL' "$OUT/$label.out" >&2 || true
  grep '^GOAL' "$OUT/$label.out" | cut -f2,8 | sed 's/^/   ratio /' >&2 || true
}

STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# Runs interleaved (each scenario once, then again), so a change in the machine's load spreads
# over every scenario.
for r in $(seq 1 "$REPEAT"); do
  if want idle; then
    for t in daemon local ssh; do
      run_main "idle-$t-$r" LatencyGoals idle "$t" "${IDLE[@]}"
    done
  fi
  if want steady; then
    run_main "steady-daemon-$r" LatencyGoals steady daemon "${STEADY[@]}"
  fi
  if want big; then
    run_main "big-daemon-$r" LatencyGoals big daemon tmp=/dev/shm "${BIG[@]}"
  fi
  if want burst; then
    for t in daemon local; do
      run_main "burst-$t-$r" BurstGoal "$t" "${BURST[@]}" "${LSYNCD:-1}"
    done
  fi
done

{
  echo "Run $STARTED on $(hostname): $(nproc) cores, $(rsync --version | head -1 | cut -d' ' -f1-4),"
  echo "$(java -version 2>&1 | head -1), lsyncd $(lsyncd -version 2>/dev/null | awk '{print $2}' || echo 'not installed');"
  echo "REPEAT=$REPEAT QUICK=${QUICK:-0}; load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  files=()
  for s in idle-daemon idle-local idle-ssh steady-daemon big-daemon burst-daemon burst-local; do
    for f in "$OUT/$s"-*.out; do
      [[ -e $f ]] && files+=("$f")
    done
  done
  java -cp "$CP" org.syncspool.bench.GoalTable "${files[@]}"
} | tee "$OUT/table.md"
