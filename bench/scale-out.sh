#!/usr/bin/env bash
# Scale-out measurement: the same half-year of dumper_bench.vaccination_event exported by a
# --distributed run with 1, 2 and 3 `dumper worker` processes on this machine, and by a plain
# one-process run for comparison. Writes bench/SCALE-OUT.md.
#   bench/scale-out.sh [--rounds R]        (run bench/run.sh first: it seeds dumper_bench)
# Needs RabbitMQ on 127.0.0.1:5672 (demo/ensure-broker.sh starts it).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
ROUNDS=1
[ "${1:-}" = "--rounds" ] && ROUNDS=${2:-1}
DUMPER_JAR=${DUMPER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
read -r -a JAVA_OPTS <<< "${DUMPER_JAVA_OPTS:--XX:+UseSerialGC -Xmx96m}"
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/dumper-scale-out}
PREFIX="dumper-bench-$$"
ROWS=$(mariadb -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM dumper_bench.vaccination_event
  WHERE event_time >= '2024-01-01' AND event_time < '2024-07-01'")
"$ROOT/demo/ensure-broker.sh"

props=(-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/dumper_bench -Dquarkus.datasource.username=root
  "-Dquarkus.datasource.password=" -Ddumper.report.enabled=false "-Ddumper.queue.prefix=$PREFIX"
  "-Ddumper.dumps.bench.query-file=$BENCH_DIR/bench.sql" -Ddumper.dumps.bench.date-range=required
  -Ddumper.dumps.bench.batch=P7D)
worker() { exec java "${JAVA_OPTS[@]}" "${props[@]}" -Dquarkus.http.port=0 -jar "$DUMPER_JAR" worker; }

rm -rf "$WORK" && mkdir -p "$WORK"
results=()
for workers in 0 1 2 3; do
  pids=()
  for i in $(seq 1 "$workers"); do
    worker > "$WORK/worker-$workers-$i.log" 2>&1 &
    pids+=($!)
  done
  [ "$workers" -gt 0 ] && sleep 5
  for round in $(seq 1 "$ROUNDS"); do
    out="$WORK/out-$workers-$round" && mkdir -p "$out"
    args=(--dump bench 2024-01-01 2024-06-30 --output-dir "$out")
    [ "$workers" -gt 0 ] && args+=(--distributed)
    start=$(date +%s.%N)
    timeout 600 java "${JAVA_OPTS[@]}" "${props[@]}" -jar "$DUMPER_JAR" "${args[@]}" > "$WORK/run-$workers-$round.log" 2>&1
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    results+=("$workers|$round|$secs|$(sha256sum "$out"/*.csv.gz | cut -c1-16)")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
done
if command -v rabbitmqctl >/dev/null 2>&1; then
  rabbitmqctl delete_queue "$PREFIX.batches" >/dev/null 2>&1 || true
  rabbitmqctl delete_queue "$PREFIX.batches.dead" >/dev/null 2>&1 || true
fi
python3 - "$ROWS" "$BENCH_DIR/SCALE-OUT.md" "${results[@]}" <<'PY'
import sys, statistics, datetime, os
rows, path, raw = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
by = {}
for r in raw:
    w, rnd, secs, sha = r.split("|")
    by.setdefault(int(w), []).append((float(secs), sha))
lines = [f"# Scale-out on one machine ({os.cpu_count()} cores, database on the same cores)", "",
         f"{rows:,} rows, half a year in 26 weekly batches, {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC. "
         "Wall time of the whole command (JVM start included); workers were already running.", "",
         "| workers | median wall s | rows/s | file sha256 (first 16) |", "|---:|---:|---:|---|"]
shas = set()
for w in sorted(by):
    secs = statistics.median(s for s, _ in by[w]); shas.update(h for _, h in by[w])
    lines.append(f"| {'none (one process)' if w == 0 else w} | {secs:.2f} | {rows / secs:,.0f} | {by[w][0][1]} |")
lines += ["", "Identical files in every configuration: " + ("yes" if len(shas) == 1 else "NO")]
open(path, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if len(shas) == 1 else 1)
PY
