#!/usr/bin/env bash
# What a dump costs the OLTP load on the same server (issue 21's model and goals).
#
#   bench/source-impact.sh [--rounds R]     (default 3: the cases in turn, R times; medians shown)
#
# Model: mysqld pinned to CPU 0 together with sysbench's oltp_read_only (8 threads at a fixed
# rate: half of what the server serves on that core alone, measured first), dumper pinned to
# CPU 1, exporting the 2.5M-row half year of dumper_bench.vaccination_event (seeded as
# bench/run.sh seeds it) in weekly ORDER BY batches, two threads. Every case runs under the same
# load:
#   baseline     no dump (as long as the unprotected dump took)
#   unprotected  dumper.guard.enabled=false: reads as fast as it can
#   defaults     the source guard as shipped
#   sized        the guard at its strictest load target, 1.0: it slows down whenever the load is
#                above what it was before the dump (IMPACT_SIZED; see
#                docs/operations.md, "Sizing the limits")
# For each: the OLTP transactions' p95, p99 and max latency over the seconds the dump ran
# (bench/oltp_timed.lua logs every transaction), sysbench's longest queue, the dump's wall time,
# the holds the guard logged, and whether the file is byte-identical to the unprotected one.
# Writes bench/source-impact.md and replaces its section of bench/RESULTS.md.
#
# Needs root (taskset of the running mysqld, restored on exit; apt-get install sysbench).
# Environment: BENCH_DB (dumper_bench), IMPACT_SYSBENCH_DB (dumper_sbtest), IMPACT_SIZED
# (default "-Ddumper.guard.threads-running=3"), DUMPER_JAR (target/quarkus-app/quarkus-run.jar).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
DB=${BENCH_DB:-dumper_bench}
SB_DB=${IMPACT_SYSBENCH_DB:-dumper_sbtest}
SIZED=${IMPACT_SIZED:--Ddumper.guard.load-target=1.0}
DUMPER_JAR=${DUMPER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
WORK=${TMPDIR:-/tmp}/dumper-source-impact
ROWS=2500000
ROUNDS=3
case "${1:-}" in
  --rounds) ROUNDS=${2:-}; [[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || { echo "--rounds needs 1..99" >&2; exit 2; } ;;
  "") ;;
  *) echo "usage: bench/source-impact.sh [--rounds R]" >&2; exit 2 ;;
esac

log() { printf '%s [impact] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
sql() { mariadb -h127.0.0.1 -uroot --protocol=TCP -N -B "$@"; }

[ "$(nproc)" -ge 2 ] || die "the model needs two CPUs (one for the server and its load, one for dumper)"
[ -f "$DUMPER_JAR" ] || die "no $DUMPER_JAR: ./mvnw package -DskipTests first"
if ! command -v sysbench >/dev/null; then
  [ "$(id -u)" = 0 ] || die "sysbench is missing: apt-get install sysbench"
  log "installing sysbench"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sysbench >/dev/null
fi
JAVA=""
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] && { JAVA=$home/bin/java; break; }
done
[ -n "$JAVA" ] || die "no Java 25 (JAVA_HOME or /usr/lib/jvm/*25*)"
MYSQLD=$(pidof mariadbd || pidof mysqld || true)
[ -n "$MYSQLD" ] || die "no local mariadbd/mysqld running"

# ------------------------------------------------------------------ data
seeded=$(sql "$DB" -e "SELECT COUNT(*) >= $ROWS FROM vaccination_event" 2>/dev/null || echo 0)
if [ "$seeded" != 1 ]; then
  log "seeding $DB with $ROWS events (as bench/run.sh does)"
  sql -e "CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  mariadb -h127.0.0.1 -uroot --protocol=TCP "$DB" < "$ROOT/demo/schema.sql"
  { echo "SET @events = $ROWS;"; cat "$ROOT/demo/seed.sql"; } | mariadb -h127.0.0.1 -uroot --protocol=TCP "$DB"
fi
SB=(sysbench "$BENCH_DIR/oltp_timed.lua" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-user=root
    --mysql-db="$SB_DB" --tables=4 --table-size=100000 --threads=8)
if [ "$(sql "$SB_DB" -e "SELECT COUNT(*) FROM sbtest4" 2>/dev/null || echo 0)" != 100000 ]; then
  log "preparing sysbench's tables in $SB_DB"
  sql -e "DROP DATABASE IF EXISTS \`$SB_DB\`; CREATE DATABASE \`$SB_DB\`"
  sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-user=root --mysql-db="$SB_DB" \
    --tables=4 --table-size=100000 prepare >/dev/null
fi

# ------------------------------------------------------------------ the model
rm -rf "$WORK"; mkdir -p "$WORK"
AFFINITY=$(taskset -p "$MYSQLD" | awk '{print $NF}')
restore() { taskset -a -p "$AFFINITY" "$MYSQLD" >/dev/null 2>&1 || true; pkill -f "$BENCH_DIR/oltp_timed.lua" 2>/dev/null || true; }
trap restore EXIT
taskset -a -p -c 0 "$MYSQLD" >/dev/null
log "mysqld ($MYSQLD) pinned to CPU 0 (was mask $AFFINITY; restored on exit)"

mkdir -p "$WORK/capacity"
SB_LATENCY_DIR="$WORK/capacity" taskset -c 0 "${SB[@]}" --time=15 run > "$WORK/capacity.log"
CAPACITY=$(awk '/transactions:/ {gsub(/\(/, "", $3); print int($3)}' "$WORK/capacity.log")
RATE=$(( CAPACITY / 2 ))
log "the server serves $CAPACITY transactions/s on its core; the load runs at $RATE/s"

DUMP=(taskset -c 1 env MALLOC_ARENA_MAX=2 "$JAVA" -XX:+UseSerialGC -Xmx40m -XX:NewRatio=3 -XX:ReservedCodeCacheSize=32m -Xss512k
      --enable-native-access=ALL-UNNAMED -Xlog:disable
      "-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/$DB" -Dquarkus.datasource.username=root
      -Dquarkus.datasource.password= -Ddumper.report.enabled=false
      "-Ddumper.dumps.bench.query-file=$BENCH_DIR/bench.sql" -Ddumper.dumps.bench.date-range=required
      -Ddumper.dumps.bench.batch=P7D -Ddumper.dumps.bench.threads=2)

# Starts the load for case $1 and lets it settle; measure() stops it.
SB_PID=""
start_load() {
  mkdir -p "$WORK/$1/latency"
  SB_LATENCY_DIR="$WORK/$1/latency" taskset -c 0 "${SB[@]}" --rate="$RATE" --time=3600 --report-interval=1 \
    run > "$WORK/$1/sysbench.log" 2>&1 &
  SB_PID=$!
  LOAD_STARTED=$(date +%s.%N)
  sleep 10
}

# Runs case $1 (a dump with settings $2..., or "sleep N"), then prints its row of figures.
RESULTS=()
measure() {
  local case=$1; shift
  start_load "$case"
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  if [ "${1:-}" = sleep ]; then
    sleep "$2"
  else
    mkdir -p "$WORK/$case/out"
    "${DUMP[@]}" "$@" -jar "$DUMPER_JAR" --dump bench 2024-01-01 2024-06-30 --output-dir "$WORK/$case/out" \
      > "$WORK/$case/dumper.log" 2>&1 || rc=$?
  fi
  t1=$(date +%s.%N)
  # SIGTERM: a background job of a script ignores SIGINT.
  kill "$SB_PID"; wait "$SB_PID" 2>/dev/null || true
  [ "$rc" = 0 ] || die "$case: dumper ended with $rc: $(tail -3 "$WORK/$case/dumper.log")"
  local file="" holds=0
  if [ -d "$WORK/$case/out" ]; then
    file=$(sha256sum "$WORK/$case/out/"bench_*.csv.gz | cut -c1-16)
    holds=$(grep -c "holding batches" "$WORK/$case/dumper.log" || true)
  fi
  local figures
  figures=$(python3 - "$WORK/$case" "$t0" "$t1" "$LOAD_STARTED" <<'EOF'
import glob, math, re, sys
work, t0, t1, load_started = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
lat = []
for name in glob.glob(work + "/latency/lat-*.txt"):
    for line in open(name):
        parts = line.split()
        if len(parts) == 2 and t0 <= float(parts[0]) < t1:
            lat.append(float(parts[1]))
lat.sort()
def pct(p):
    return lat[min(len(lat) - 1, max(0, math.ceil(p / 100 * len(lat)) - 1))]
queue = 0
for line in open(work + "/sysbench.log"):
    m = re.match(r"\[ (\d+)s \] queue length: (\d+)", line)
    if m and t0 <= load_started + int(m.group(1)) <= t1 + 1:
        queue = max(queue, int(m.group(2)))
print(f"{len(lat) / (t1 - t0):.0f} {pct(95):.1f} {pct(99):.1f} {lat[-1]:.1f} {queue} {t1 - t0:.1f}")
EOF
)
  RESULTS+=("$case $figures ${file:--} $holds")
  log "$case: tps p95 p99 max queue seconds = $figures; file ${file:--}; holds $holds"
}

for round in $(seq 1 "$ROUNDS"); do
  measure "unprotected-$round" -Ddumper.guard.enabled=false
  UNPROTECTED_SECONDS=$(awk '{print $7}' <<< "${RESULTS[-1]}")
  measure "baseline-$round" sleep "${UNPROTECTED_SECONDS%.*}"
  measure "defaults-$round"
  # shellcheck disable=SC2086
  measure "sized-$round" $SIZED
done

# ------------------------------------------------------------------ report
python3 - "$BENCH_DIR" "$CAPACITY" "$RATE" "$SIZED" "$ROUNDS" "${RESULTS[@]}" <<'EOF'
import datetime, os, re, statistics, sys
bench, capacity, rate, sized, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
runs = {}
for r in sys.argv[6:]:
    f = r.split()
    runs.setdefault(f[0].rsplit("-", 1)[0], []).append(f)
def median(key, i):
    return statistics.median(float(f[i]) for f in runs[key])
base_p99 = median("baseline", 3)
unprotected_s = median("unprotected", 6)
names = {"baseline": "baseline, no dump", "unprotected": "unprotected dump (guard off)",
         "defaults": "dump, guard at its defaults", "sized": f"dump, guard sized for this server (`{sized.replace('-D', '')}`)"}
lines = ["## Source impact (`bench/source-impact.sh`)", "",
         f"Measured {datetime.date.today()} on this machine ({os.cpu_count()} CPUs, nothing else running): mysqld and "
         f"sysbench `oltp_read_only` (8 threads, {rate} transactions/s: half of the {capacity}/s the server serves on "
         "its core) on CPU 0, dumper (2 threads, `-Xmx40m`) on CPU 1, exporting the 2.5M-row half year in weekly "
         "`ORDER BY` batches. Latencies are the OLTP transactions' over the seconds each dump ran (baseline: as "
         "long as the unprotected dump of its round), from every transaction's own time (`bench/oltp_timed.lua`). "
         f"{rounds} round(s) of the four cases in turn; medians, and each round's p99 and dump time. The baseline's "
         "own p99 drifts from round to round on a shared machine, so each dump's p99 is also taken against the "
         "baseline of its own round (run right after the unprotected dump), and the median of those ratios shown.", "",
         "| case | OLTP tps | p95 ms | p99 ms | p99 vs baseline | p99 vs its round's baseline (median) | p99 per round | longest queue | dump s | dump vs unprotected | dump s per round | holds logged | file sha256 |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
def paired(key):
    return statistics.median(float(f[3]) / float(b[3]) for f, b in zip(runs[key], runs["baseline"]))
for key in ["baseline", "unprotected", "defaults", "sized"]:
    rs = runs[key]
    p99 = median(key, 3)
    row = (f"| {names[key]} | {median(key, 1):.0f} | {median(key, 2):.1f} | {p99:.1f} | {p99 / base_p99:.2f}x | "
           f"{paired(key):.2f}x | {', '.join(f[3] for f in rs)} | {max(int(f[5]) for f in rs)} | ")
    if key == "baseline":
        row += "- | - | - | - | - |"
    else:
        row += (f"{median(key, 6):.1f} | {median(key, 6) / unprotected_s:.2f}x | {', '.join(f[6] for f in rs)} | "
                f"{', '.join(f[8] for f in rs)} | {rs[0][7]} |")
    lines.append(row)
files = {f[7] for key in ["unprotected", "defaults", "sized"] for f in runs[key]}
lines += ["", "Goals (issue 21): at the defaults, p99 at most 1.2x the baseline's; a paced dump at most 3x the "
          "unprotected one's time; every file byte-identical to the unprotected one's: "
          + ("**all identical**." if len(files) == 1 else "**NOT all identical**."), ""]
section = "\n".join(lines) + "\n"
open(f"{bench}/source-impact.md", "w").write(section)
results = open(f"{bench}/RESULTS.md").read()
pattern = re.compile(r"## Source impact \(`bench/source-impact.sh`\).*?(?=\n## |\Z)", re.S)
if pattern.search(results):
    results = pattern.sub(lambda m: section.rstrip("\n") + "\n", results)
else:
    results = results.rstrip("\n") + "\n\n" + section
open(f"{bench}/RESULTS.md", "w").write(results)
print(section)
EOF
