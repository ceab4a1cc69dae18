#!/usr/bin/env bash
# The soak of issue 17 (org.syncspool.it.Soak; SoakIT runs a 2-minute one in `mvn verify`):
#   bench/soak.sh [MINUTES [SEED]]      default 30 minutes, seed 17
# For MINUTES, seeded churn against the packaged daemon replicating to a loopback rsync daemon
# with auth and a local target, with kill -9s, rsync daemon outages of 10-60 s, real inotify
# overflows, a full journal file system (a tmpfs: needs root), SIGHUPs and full-sync requests
# during a backoff; after each fault a flush and an exact comparison. Prints the table (also in
# target/soak-MINUTES-SEED/report.md) and exits 1 if any comparison found a difference.
# RSYNC_BIN_DIR=/opt/rsync-deb12/usr/bin runs it with another rsync (client and test daemon).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
seed=${2:-17}
if [[ -n ${RSYNC_BIN_DIR:-} ]]; then
  export PATH="$RSYNC_BIN_DIR:$PATH"
fi
rsync --version | sed -n 1p >&2
echo "== build" >&2
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
dir=target/soak-$minutes-$seed
rm -rf "$dir"
mkdir -p "$dir"
echo "== soak: $minutes min, seed $seed, in $dir" >&2
rc=0
java -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.syncspool.it.Soak "$minutes" "$seed" "$dir/run" | tee "$dir/report.md" || rc=$?
exit "$rc"
