#!/usr/bin/env bash
# syncspool verify against a plain rsync dry run of the same 100k-file tree, same run, medians of
# RUNS (default 3), A B A B so drift of a shared machine hits both alike. Prints wall seconds of
# the whole process, the audit's own time (the "(N ms" of its report: no JVM start, no config
# load), and bytes from --stats. verify runs through the launcher the packages install
# (target/generated-packaging/bin/syncspool, with its JVM flags), not a bare `java -jar`.
# Usage: bench/verify.sh [RUNS]   (after mvn package)
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export SYNCSPOOL_JAR=$ROOT/target/syncspool.jar
LAUNCHER=$ROOT/target/generated-packaging/bin/syncspool
W=$(mktemp -d /tmp/syncspool-verify-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
python3 - "$W/src" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(10):
    for j in range(100):
        d = f"{root}/t{i:02d}/d{j:03d}"
        os.makedirs(d)
        for k in range(100):
            with open(f"{d}/f{k}", "wb") as f:
                f.write(b"x" * ((i * j * k) % 512 + 1))
PY
rsync -a "$W/src/" "$W/mirror/"
cat > "$W/conf.xml" <<XML
<head version="2.5">
  <host hostip="127.0.0.1" port="1"/>
  <sersync>
    <localpath watch="$W/src"><remote path="$W/mirror"/></localpath>
    <rsync><commonParams params="-a"/></rsync>
  </sersync>
  <syncspool stateDir="$W/state"/>
</head>
XML
# The class data sharing archive the packages make at install (packaging/bin/syncspool), made
# the same way here; "verify" runs without one, "verify+CDS" with it.
SYNCSPOOL_CDS_DUMP=$W/cds.jsa sh "$LAUNCHER" check-config -o "$W/conf.xml" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
for mode in quick checksum; do
  c=""; rc="-an"
  if [ $mode = checksum ]; then c="--checksum"; rc="-anc"; fi
  : > "$W/a"; : > "$W/b"; : > "$W/audit"; : > "$W/cds"
  for _ in $(seq "$RUNS"); do
    t0=$(now); out=$(SYNCSPOOL_CDS=/nonexistent sh "$LAUNCHER" verify $c -o "$W/conf.xml"); t1=$(now)
    echo "$t1 - $t0" | bc >> "$W/a"
    t0=$(now); SYNCSPOOL_CDS=$W/cds.jsa sh "$LAUNCHER" verify $c -o "$W/conf.xml" >/dev/null
    t1=$(now)
    echo "$t1 - $t0" | bc >> "$W/cds"
    echo "$out" | sed -n 's/.*(\([0-9]*\) ms.*/\1/p' | awk '{print $1/1000}' >> "$W/audit"
    vbytes=$(echo "$out" | sed -n 's/.* ms, \([0-9]*\) bytes.*/\1/p')
    t0=$(now); stats=$(rsync $rc --delete --stats "$W/src/" "$W/mirror/"); t1=$(now)
    echo "$t1 - $t0" | bc >> "$W/b"
    rbytes=$(echo "$stats" | sed -n 's/^Total bytes \(sent\|received\): //p' | tr -d ',.' \
      | paste -sd+ | bc)
  done
  a=$(median < "$W/a"); b=$(median < "$W/b"); au=$(median < "$W/audit"); cd=$(median < "$W/cds")
  echo "$mode: verify wall ${a}s (audit ${au}s), verify+CDS wall ${cd}s," \
    "rsync $rc --delete ${b}s;" \
    "ratio wall $(echo "scale=2; $a / $b" | bc), +CDS $(echo "scale=2; $cd / $b" | bc)," \
    "audit $(echo "scale=2; $au / $b" | bc);" \
    "bytes verify $vbytes rsync $rbytes"
done
