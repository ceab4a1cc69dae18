#!/bin/bash
# inotify against fanotify (issue 14), the costs bench/watchers.sh does not show: drain rate of a
# queued backlog into the journal, and the reader's CPU while another process churns a directory
# of the same file system outside the roots (fanotify's filesystem mark reports those events and
# the reader filters them out; inotify is never woken). On a tmpfs this script mounts and
# unmounts, so that the machine's other work is not in the figures. Needs root and gcc.
#
#   bench/watchers-cost.sh                       # drain 7000 files x 5 rounds, filter 200k files x 3
#   DRAIN_FILES=7000 ROUNDS=5 FILTER_FILES=200000 REPEAT=3 bench/watchers-cost.sh
#   WARM=1 bench/watchers-cost.sh     # round 1 after the watcher's warm-up, as the daemon starts
set -eu
cd "$(dirname "$0")/.."
DRAIN_FILES=${DRAIN_FILES:-7000}
ROUNDS=${ROUNDS:-5}
FILTER_FILES=${FILTER_FILES:-200000}
REPEAT=${REPEAT:-3}
[ -f target/test-classes/org/syncspool/bench/WatcherCost.class ] || mvn -B -q -o test-compile
[ -f target/bench.cp ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp
gcc -O2 -Wall -o target/bench-burst bench/burst.c
CP="target/test-classes:target/classes:$(cat target/bench.cp)"
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml; }
FLAGS="$(pom_property chronicle.quiet)"
for m in $(pom_property jvm.add-exports); do FLAGS+=" --add-exports=$m=ALL-UNNAMED"; done
for m in $(pom_property jvm.add-opens); do FLAGS+=" --add-opens=$m=ALL-UNNAMED"; done
MNT=$(mktemp -d /tmp/syncspool-cost.XXXXXX)
mount -t tmpfs -o size=4g tmpfs "$MNT"
trap 'umount "$MNT" && rmdir "$MNT"' EXIT
bench() {
  # shellcheck disable=SC2086 # FLAGS is a list of words
  java $FLAGS ${WARM:+-Dwarm=true} -Dlogback.configurationFile=bench/logback-bench.xml -cp "$CP" \
    org.syncspool.bench.WatcherCost "$@" | grep '^RESULT'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in inotify fanotify; do
  bench drain "$w" "$MNT" "$DRAIN_FILES" "$ROUNDS" target/bench-burst
done
for w in inotify fanotify; do
  for _ in $(seq "$REPEAT"); do
    bench filter "$w" "$MNT" "$FILTER_FILES" target/bench-burst
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
