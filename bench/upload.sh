#!/usr/bin/env bash
# Upload benchmark (issue 23): the half year of dumper_bench.vaccination_event (2.5M rows) exported
# by dumper to a local directory, the same export published to an S3-compatible bucket (S3Proxy,
# filesystem backend, out of process), each at every heap of UPLOAD_HEAPS, and `s3cmd put` of the
# same file with the same part size. Each round runs them all in turn; wall time and peak RSS from
# /usr/bin/time. Writes its table into bench/RESULTS.md (replacing an earlier one).
#
#   bench/upload.sh [--rounds R]      (run bench/run.sh first: it seeds dumper_bench)
#
# Environment: DUMPER_JAR (default target/quarkus-app/quarkus-run.jar: ./mvnw package -DskipTests),
# S3PROXY_JAR (default target/s3proxy/s3proxy.jar, which ./mvnw verify copies), UPLOAD_PART_SIZE
# (default 16M, dumper.s3.part-size's default), BENCH_WORK (scratch, default /tmp/dumper-upload),
# UPLOAD_HEAPS (-Xmx values to run dumper with; "launcher" is the ./dumper launcher's; default
# "launcher 64m": the AWS SDK's objects are a large share of the launcher's 40 MB heap).
# Goals: dumper's upload at least s3cmd's throughput; dumper's peak RSS at most 160 MB when
# publishing; export+publish at most 1.1x the export to a local directory.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
ROUNDS=5
[ "${1:-}" = "--rounds" ] && ROUNDS=${2:-5}
DUMPER_JAR=${DUMPER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
S3PROXY_JAR=${S3PROXY_JAR:-$ROOT/target/s3proxy/s3proxy.jar}
PART=${UPLOAD_PART_SIZE:-16M}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/dumper-upload}
. "$ROOT/demo/jdk25.sh"
JAVA="$JAVA_HOME/bin/java"
for f in "$DUMPER_JAR" "$S3PROXY_JAR"; do
  [ -f "$f" ] || { echo "upload.sh: $f is missing; run ./mvnw -B verify -DskipITs (or package) first" >&2; exit 1; }
done
"$ROOT/demo/packages.sh" s3cmd time
ROWS=$(mariadb -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM dumper_bench.vaccination_event
  WHERE event_time >= '2024-01-01' AND event_time < '2024-07-01'" 2>/dev/null || echo 0)
[ "$ROWS" -gt 0 ] || { echo "upload.sh: dumper_bench is not seeded; run bench/run.sh first" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/s3data"
# S3Proxy on a free port, its own data directory and credentials made for this run.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KEY="bench-$$" SECRET="bench-secret-$RANDOM$RANDOM"
cat > "$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY
s3proxy.credential=$SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3data
jclouds.identity=$KEY
jclouds.credential=$SECRET
EOF
"$JAVA" -Xmx512m -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
S3PROXY=$!
trap 'kill $S3PROXY 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$S3PROXY" 2>/dev/null || { cat "$WORK/s3proxy.log" >&2; exit 1; }
  sleep 0.2
done
cat > "$WORK/s3cmd.cfg" <<EOF
[default]
access_key = $KEY
secret_key = $SECRET
host_base = 127.0.0.1:$PORT
host_bucket = 127.0.0.1:$PORT
use_https = False
signature_v2 = False
EOF
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET MALLOC_ARENA_MAX=2
. "$BENCH_DIR/launcher-options.sh"
read -r -a JAVA_OPTS <<< "$LAUNCHER_JAVA_OPTS"
LAUNCHER_HEAP=$(grep -o -- '-Xmx[^ ]*' <<< "$LAUNCHER_JAVA_OPTS" | cut -c5-)
HEAPS=${UPLOAD_HEAPS:-launcher 64m}
props=(-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/dumper_bench -Dquarkus.datasource.username=root
  "-Dquarkus.datasource.password=" -Ddumper.report.enabled=false
  "-Ddumper.dumps.bench.query-file=$BENCH_DIR/bench.sql" -Ddumper.dumps.bench.date-range=required
  -Ddumper.dumps.bench.batch=P7D "-Ddumper.s3.endpoint=http://127.0.0.1:$PORT" -Ddumper.s3.region=us-east-1
  -Ddumper.s3.path-style=true -Ddumper.s3.checksum=when-required "-Ddumper.s3.part-size=$PART")
FILE=bench_2024-01-01_2024-06-30.csv.gz
# Prints "seconds peak-RSS-KiB" of a command; its output goes to $1.
timed() { local log=$1; shift; /usr/bin/time -f '%e %M' -o "$log.time" "$@" > "$log" 2>&1; cat "$log.time"; }

results=()
for round in $(seq 1 "$ROUNDS"); do
  for heap in $HEAPS; do
    opts=("${JAVA_OPTS[@]}")
    [ "$heap" = launcher ] || opts=("${opts[@]/#-Xmx*/-Xmx$heap}")
    label=$([ "$heap" = launcher ] && echo "$LAUNCHER_HEAP, the launcher's" || echo "$heap")
    out="$WORK/local-$heap-$round" && mkdir -p "$out"
    read -r t m < <(timed "$out.log" "$JAVA" "${opts[@]}" "${JVM_FLAGS[@]}" "${props[@]}" -jar "$DUMPER_JAR" \
      --dump bench 2024-01-01 2024-06-30 --output-dir "$out")
    results+=("local|$label|$round|$t|$m")
    bytes=$(stat -c %s "$out/$FILE")
    sha=$(sha256sum "$out/$FILE" | cut -d' ' -f1)

    bucket="dumper-$heap-$round" && s3cmd -c "$WORK/s3cmd.cfg" mb "s3://$bucket" > /dev/null
    s3out="$WORK/s3-$heap-$round" && mkdir -p "$s3out"
    read -r t m < <(timed "$s3out.log" "$JAVA" "${opts[@]}" "${JVM_FLAGS[@]}" "${props[@]}" "-Ddumper.publish-to=s3://$bucket/" \
      -jar "$DUMPER_JAR" --dump bench 2024-01-01 2024-06-30 --output-dir "$s3out")
    results+=("export+publish|$label|$round|$t|$m")
    s3cmd -c "$WORK/s3cmd.cfg" get --force "s3://$bucket/$FILE" "$WORK/got" > /dev/null
    [ "$(sha256sum "$WORK/got" | cut -d' ' -f1)" = "$sha" ] || { echo "upload.sh: the object differs from the local file" >&2; exit 1; }
  done

  bucket3="s3cmd-$round" && s3cmd -c "$WORK/s3cmd.cfg" mb "s3://$bucket3" > /dev/null
  read -r t m < <(timed "$WORK/s3cmd-$round.log" s3cmd -c "$WORK/s3cmd.cfg" put --multipart-chunk-size-mb="${PART%M}" \
    "$out/$FILE" "s3://$bucket3/$FILE")
  results+=("s3cmd put|-|$round|$t|$m")
done

AOT_USED=$([ -f "$AOT_CACHE" ] && echo "the launcher's AOT cache" || echo "no AOT cache (none built)")
python3 - "$ROWS" "$bytes" "$PART" "$BENCH_DIR/RESULTS.md" "$AOT_USED" "${results[@]}" <<'PY'
import sys, statistics, datetime, os, re
rows, size, part, path, aot, raw = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
by = {}
for r in raw:
    what, heap, rnd, secs, kib = r.split("|")
    by.setdefault((what, heap), []).append((float(secs), int(kib)))
med = {k: (statistics.median(s for s, _ in v), max(k2 for _, k2 in v) / 1024, [s for s, _ in v]) for k, v in by.items()}
heaps = list(dict.fromkeys(h for (w, h) in by if w == "local"))
rounds = len(by[("local", heaps[0])])
mb = size / 1e6
lines = ["## Upload to an object store (issue 23)", "",
         f"{rows:,} rows, the half year in weekly batches, one {mb:.1f} MB gzip CSV, published to S3Proxy 3.0.0 "
         f"(filesystem backend, on this machine) in parts of {part}; {rounds} rounds, every run of a round in turn; "
         f"median wall time of the whole command (each round's in brackets), highest peak RSS; dumper with the "
         f"launcher's JVM flags and {aot}. {os.cpu_count()} cores, "
         f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, `bench/upload.sh`.", "",
         "| run | heap (-Xmx) | median s | rounds s | peak RSS MB | upload MB/s | vs local export |",
         "|---|---|---:|---|---:|---:|---:|"]
s3cmd = med[("s3cmd put", "-")]
s3cmd_rate = mb / s3cmd[0]
verdicts = []
for h in heaps:
    loc, pub = med[("local", h)], med[("export+publish", h)]
    rate = mb / max(pub[0] - loc[0], 1e-3)
    ratio = pub[0] / loc[0]
    fmt = lambda v: ", ".join(f"{x:.1f}" for x in v[2])
    lines.append(f"| dumper export to a local directory | {h} | {loc[0]:.2f} | {fmt(loc)} | {loc[1]:.0f} | | |")
    lines.append(f"| dumper export + publish to the bucket | {h} | {pub[0]:.2f} | {fmt(pub)} | {pub[1]:.0f} | {rate:.0f} | {ratio:.2f}x |")
    verdicts.append(f"heap {h}: export+publish **{ratio:.2f}x** the local export ({'met' if ratio <= 1.1 else 'NOT met'}), "
                    f"upload **{rate:.0f}** against s3cmd's **{s3cmd_rate:.0f} MB/s** ({'met' if rate >= s3cmd_rate else 'NOT met'}), "
                    f"peak RSS **{pub[1]:.0f} MB** ({'met' if pub[1] <= 160 else 'NOT met'})")
lines.append(f"| s3cmd put | | {s3cmd[0]:.2f} | {', '.join(f'{x:.2f}' for x in s3cmd[2])} | {s3cmd[1]:.0f} | {s3cmd_rate:.0f} | |")
lines += ["",
          "Upload MB/s of dumper = file size / (export+publish − local export): the upload starts once the file is "
          "joined; of s3cmd = file size / its whole command.", "",
          "Goals (≤ 1.1x, at least s3cmd's throughput, RSS ≤ 160 MB): " + "; ".join(verdicts) + ". "
          "Every object read back with `s3cmd get` equals the local file. Where the time goes and what is "
          "left: bench/README.md.", ""]
text = open(path).read() if os.path.exists(path) else ""
section = "\n".join(lines)
m = re.search(r"^## Upload to an object store \(issue 23\)\n.*?(?=^## |\Z)", text, re.S | re.M)
text = text[:m.start()] + section + "\n" + text[m.end():] if m else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
print(section)
PY
