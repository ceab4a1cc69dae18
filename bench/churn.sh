#!/usr/bin/env bash
# ChurnIT's bench mode (issue 17): more and longer seeded churn runs than `mvn verify` runs.
#   bench/churn.sh [SEEDS [OPS [BASE]]]     default 50 seeds x 5000 operations from 20261201
# Every other seed has a kill -9 and changes while the daemon is down; a failure names its
# seed and how to replay it alone. Runs with the inotify watcher and again with fanotify (where
# fanotify works), as the pom's two integration executions do.
# RSYNC_BIN_DIR=/opt/rsync-deb12/usr/bin runs it with another rsync.
set -euo pipefail
cd "$(dirname "$0")/.."
args=(-B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChurnIT
  "-Dchurn.seeds=${1:-50}" "-Dchurn.ops=${2:-5000}" "-Dchurn.base=${3:-20261201}")
if [[ -n ${RSYNC_BIN_DIR:-} ]]; then
  args+=("-Drsync.bin.dir=$RSYNC_BIN_DIR")
fi
exec mvn "${args[@]}"
