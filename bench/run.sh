#!/usr/bin/env bash
# The performance harness of issue 5 (see docs/performance.md and bench/README.md). One command:
#   bench/run.sh                      P1-P7, about 10 minutes on 2 cores
#   ONLY="P2 P4" bench/run.sh         some workloads only
#   LSYNCD=0 bench/run.sh             without the lsyncd reference
# Sizes (defaults = the issue's): P2_FILES P2_DIRS P2_BIG P2_BIG_MIB, P4_DIR_MIB P4_FILES
# P4_LOG_MIB, P5_DIRS P5_FILES_PER_DIR P5_DIR (default /dev/shm), P6_SECONDS, P3_FILES,
# P1_FILES. TUNED_JAVA_OPTS: the JVM options of P5's and P6's second row (docs/performance.md).
# Not part of `mvn verify`. Needs rsync and loopback; gcc for the C writers (else Java ones).
set -euo pipefail

cd "$(dirname "$0")/.."

ONLY=${ONLY:-"P1 P2 P3 P4 P5 P6 P7"}
want() { [[ " $ONLY " == *" $1 "* ]]; }

# The JVM lists of pom.xml (docs/architecture.md, JVM settings), read from the pom so the two
# cannot drift apart.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml
}
ADD_EXPORTS=$(pom_property jvm.add-exports)
ADD_OPENS=$(pom_property jvm.add-opens)
CHRONICLE_QUIET=$(pom_property chronicle.quiet)
if [[ -z $ADD_EXPORTS || -z $ADD_OPENS || -z $CHRONICLE_QUIET ]]; then
  echo "run.sh: cannot read jvm.add-exports / jvm.add-opens / chronicle.quiet from pom.xml" >&2
  exit 1
fi
CHRONICLE_FLAGS=""
for m in $ADD_EXPORTS; do CHRONICLE_FLAGS+=" --add-exports=$m=ALL-UNNAMED"; done
for m in $ADD_OPENS; do CHRONICLE_FLAGS+=" --add-opens=$m=ALL-UNNAMED"; done
CHRONICLE_FLAGS=${CHRONICLE_FLAGS# }

echo "== build" >&2
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
CP="target/test-classes:target/classes:$(cat target/bench.cp)"
JAR=target/syncspool.jar

WRITER=java
if command -v gcc >/dev/null 2>&1; then
  gcc -O2 -Wall -o target/bench-burst bench/burst.c
  gcc -O2 -Wall -o target/bench-tree bench/tree.c
  WRITER=target/bench-burst
fi

OUT=target/bench
rm -rf "$OUT"
mkdir -p "$OUT"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# One fresh JVM per workload. $1: label, $2...: main class and its arguments.
# shellcheck disable=SC2086 # the flag lists are meant to split into words
run_main() {
  local label=$1
  shift
  echo "== $label: $*" >&2
  java $CHRONICLE_FLAGS $CHRONICLE_QUIET -Dlogback.configurationFile=bench/logback-bench.xml \
    -cp "$CP" "$@" | tee "$OUT/$label.out" | grep -v '^METRIC\|^ROW' >&2 || true
  grep '^METRIC' "$OUT/$label.out" | sed "s/^METRIC/$label/" >>"$OUT/metrics.tsv" || true
  grep '^ROW' "$OUT/$label.out" | cut -f2- >>"$OUT/rows.tsv" || true
}

# P5 and P6 run the jar twice: as `java -jar` alone, and with these options (a heap cap and
# serial GC for resident memory, no hsperfdata sampling for idle CPU).
TUNED_JAVA_OPTS=${TUNED_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx128m -XX:-UsePerfData"}
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if want P1; then
  run_main P1-burst org.syncspool.bench.WatchBurst "${P1_FILES:-100000}" 4 "$WRITER"
  run_main P1-drain org.syncspool.bench.WatchBurst drain 7000 5 "$WRITER"
fi
if want P2; then
  run_main P2 org.syncspool.bench.BurstSync "${P2_FILES:-10000}" "${P2_DIRS:-100}" 4 \
    "${P2_BIG:-20}" "${P2_BIG_MIB:-10}"
fi
if want P3; then
  for mode in local daemon daemon-nodelay; do
    run_main "P3-$mode" org.syncspool.bench.Latency "$mode" "${P3_FILES:-200}"
  done
fi
if want P4; then
  run_main P4 org.syncspool.bench.RenameBench "${P4_DIR_MIB:-1024}" "${P4_FILES:-100}" \
    "${P4_LOG_MIB:-100}"
fi
if want P5; then
  # Twice: the JVM's own heap sizing (java -jar, nothing else), then tuned: resident memory is
  # mostly what the JVM lets the heap grow to.
  run_main P5 org.syncspool.bench.StartAndIdle p5 "$JAR" "${P5_DIRS:-100000}" \
    "${P5_FILES_PER_DIR:-10}"
  BENCH_JAVA_OPTS=$TUNED_JAVA_OPTS run_main P5-tuned \
    org.syncspool.bench.StartAndIdle p5 "$JAR" "${P5_DIRS:-100000}" "${P5_FILES_PER_DIR:-10}"
fi
if want P6; then
  run_main P6 org.syncspool.bench.StartAndIdle p6 "$JAR" "${P6_SECONDS:-60}"
  BENCH_JAVA_OPTS=$TUNED_JAVA_OPTS run_main P6-tuned org.syncspool.bench.StartAndIdle p6 "$JAR" \
    "${P6_SECONDS:-60}"
fi
if want P7; then
  run_main P7 org.syncspool.journal.JournalAppendBench
fi

# One table: workload, syncspool, reference, ratio (syncspool / reference), goal.
{
  echo "Run $STARTED on $(hostname): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, kernel $(uname -r), $(rsync --version | head -1 | cut -d' ' -f1-4),"
  echo "$(java -version 2>&1 | head -1), lsyncd $(lsyncd -version 2>/dev/null | awk '{print $2}' || echo 'not installed');"
  echo "load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| id | workload | syncspool | reference | ratio | goal |"
  echo "|---|---|---:|---:|---:|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$OUT/rows.tsv"
} | tee "$OUT/table.md"
