#!/bin/bash
# inotify against fanotify at scale (issue 14): for each tree size, on a tmpfs this script mounts
# (and unmounts), the shipped jar with the launcher's JVM options is started REPEAT times per
# watcher: process start -> the "replicating to" start-up line, peak RSS (VmHWM) then, and the
# kernel's unreclaimable slab (SUnreclaim in /proc/meminfo) before the start and once watching.
# Prints one line per run and the medians. Needs root (mount, fanotify) and gcc.
#
#   bench/watchers.sh                 # 100k and 1M directories, 3 runs each
#   REPEAT=5 bench/watchers.sh 100000
#   RESTART=1 bench/watchers.sh 1000000   # also a restart: start -> watching, start -> scan done
#   WATCHERS=fanotify JAVA_OPTS=-Xmn128m bench/watchers.sh 1000000  # one watcher, more JVM flags
#
# RESTART=1: after the first start one file is changed and seen in the journal (`syncspool
# journal dump`), the daemon is stopped and started again on the same state: that start runs the
# start-up scan over the whole tree, on its own thread beside the workers (service/Daemon.java).
# Measured: start -> watching (the start-up line), start -> "start-up scan: N entries checked",
# and peak RSS once the scan is done.
#
# The target is an rsync daemon address nobody listens on, so the first start's full sync only
# backs off: what is measured is the watcher, not rsync. The machine is shared: SUnreclaim moves
# with other processes too; read the medians, not one run.
set -eu
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
JAR=${JAR:-target/syncspool.jar}
[ -f "$JAR" ] || mvn -B -q -o package -DskipTests
gcc -O2 -o target/bench-tree bench/tree.c
# The launcher's flags (packaging/bin/syncspool): Chronicle's quiet start from pom.xml; the jar's
# manifest carries --add-exports/--add-opens, so java -jar needs no more.
FLAGS="$(sed -n 's:.*<chronicle.quiet>\(.*\)</chronicle.quiet>.*:\1:p' pom.xml) -XX:+UseSerialGC -XX:-UsePerfData -Xmn32m -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-}"
MNT=$(mktemp -d /tmp/syncspool-watchers.XXXXXX)
mount -t tmpfs -o size=8g,nr_inodes=0 tmpfs "$MNT"
OLD_WATCHES=$(cat /proc/sys/fs/inotify/max_user_watches)
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  echo "$OLD_WATCHES" > /proc/sys/fs/inotify/max_user_watches
  umount "$MNT" && rmdir "$MNT"
}
trap cleanup EXIT
sunreclaim() { awk '/^SUnreclaim:/ {print $2}' /proc/meminfo; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Starts the daemon on $MNT/conf.xml logging to $1 (PID set), returns once $1 has line $2.
start_until() {
  # shellcheck disable=SC2086 # FLAGS is a list of words
  java $FLAGS -jar "$JAR" run -o "$MNT/conf.xml" > "$1" 2>&1 &
  PID=$!
  until grep -q "$2" "$1" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || { cat "$1"; exit 1; }
    sleep 0.05
  done
}
# One table of medians: the title row, then per size and watcher the columns of $1 (a results
# file: size watcher values...) given as "COLUMN:FORMAT" (FORMAT s for MiB, ms for seconds).
table() {
  local file=$1 header=$2; shift 2
  echo
  echo "$header"
  local cols; cols=$(( $(tr -cd '|' <<<"$header" | wc -c) - 1 ))
  printf '|---%.0s' $(seq "$cols"); echo '|'
  for dirs in "${SIZES[@]}"; do
    for w in ${WATCHERS:-inotify fanotify}; do
      local row="| $dirs | $w |"
      for col in "$@"; do
        local v
        v=$(awk -v d="$dirs" -v w="$w" -v c="${col%%:*}" '$1==d && $2==w {print $c}' "$file" | median)
        if [ "${col##*:}" = ms ]; then v=$(awk -v v="$v" 'BEGIN {printf "%.2f", v/1000}'); fi
        row="$row $v |"
      done
      echo "$row"
    done
  done
}

RESULTS=$(mktemp)
for dirs in "${SIZES[@]}"; do
  rm -rf "$MNT/src" && mkdir "$MNT/src"
  top=$(( dirs / 1000 )); [ $top -gt 0 ] || top=1
  target/bench-tree "$MNT/src" "$top" 1000 0
  need=$(( top * 1000 + top + 1 + 100000 ))
  [ "$OLD_WATCHES" -ge "$need" ] || echo "$need" > /proc/sys/fs/inotify/max_user_watches
  for w in ${WATCHERS:-inotify fanotify}; do
    for r in $(seq "$REPEAT"); do
      rm -rf "$MNT/state"
      cat > "$MNT/conf.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<head version="2.5">
  <host hostip="127.0.0.1" port="$(( 20000 + RANDOM % 20000 ))"/>
  <sersync>
    <localpath watch="$MNT/src"><remote ip="127.0.0.1" name="nobody"/></localpath>
    <rsync><commonParams params="-a"/><userDefinedPort start="true" port="9"/></rsync>
  </sersync>
  <syncspool stateDir="$MNT/state" watcher="$w"/>
</head>
EOF
      slab0=$(sunreclaim)
      t0=$(date +%s%N)
      start_until "$MNT/log" "replicating to"
      t1=$(date +%s%N)
      slab1=$(sunreclaim)
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
      if [ "${RESTART:-0}" = 1 ]; then
        # a new name each run: touching an existing file is an attrib event, off by default
        mark="restart-mark-$w-$r"
        echo "$r" > "$MNT/src/$mark"
        # shellcheck disable=SC2086
        until java $FLAGS -jar "$JAR" journal dump -o "$MNT/conf.xml" 2>/dev/null | grep "$mark" >/dev/null; do
          kill -0 "$PID" 2>/dev/null || { cat "$MNT/log"; exit 1; }
        done
      fi
      kill "$PID"; wait "$PID" || true; PID=
      ms=$(( (t1 - t0) / 1000000 ))
      if [ "${RESTART:-0}" = 1 ]; then
        t0=$(date +%s%N)
        start_until "$MNT/log2" "replicating to"
        t1=$(date +%s%N)
        until grep -q "start-up scan: .* entries checked" "$MNT/log2"; do
          kill -0 "$PID" 2>/dev/null || { cat "$MNT/log2"; exit 1; }
          sleep 0.05
        done
        t2=$(date +%s%N)
        hwm2=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
        kill "$PID"; wait "$PID" || true; PID=
        printf 'RESTART dirs=%s watcher=%s run=%s watching_ms=%s scan_done_ms=%s peak_rss_mib=%s\n' \
          "$dirs" "$w" "$r" $(( (t1 - t0) / 1000000 )) $(( (t2 - t0) / 1000000 )) $(( hwm2 / 1024 ))
        echo "$dirs $w $(( (t1 - t0) / 1000000 )) $(( (t2 - t0) / 1000000 )) $(( hwm2 / 1024 ))" >> "$RESULTS.restart"
      fi
      printf 'RUN dirs=%s watcher=%s run=%s start_ms=%s peak_rss_mib=%s sunreclaim_growth_mib=%s\n' \
        "$dirs" "$w" "$r" "$ms" $(( hwm / 1024 )) $(( (slab1 - slab0) / 1024 ))
      echo "$dirs $w $ms $(( hwm / 1024 )) $(( (slab1 - slab0) / 1024 ))" >> "$RESULTS"
    done
  done
done
table "$RESULTS" "| directories | watcher | start -> watching (s) | peak RSS (MiB) | SUnreclaim growth (MiB) |" \
  3:ms 4:s 5:s
if [ "${RESTART:-0}" = 1 ]; then
  table "$RESULTS.restart" "| directories | watcher | restart -> watching (s) | restart -> scan done (s) | peak RSS (MiB) |" \
    3:ms 4:ms 5:s
fi
echo "(medians of $REPEAT runs; load average $(cut -d' ' -f1-3 /proc/loadavg))"
