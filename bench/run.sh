#!/usr/bin/env bash
# Benchmark: dumper against the old tool's approach, the mariadb client (+ gzip / pigz) and
# mydumper, exporting the same half-year (2024-01-01 .. 2024-06-30) of vaccination_event; and
# dumper's Parquet file beside its gzip CSV, both read back by DuckDB (issue 24).
#
#   bench/run.sh [--rows N | --big] [--rounds R]
#
#   --rows N     vaccination events to seed (default 2500000, the demo's half-year)
#   --big        25000000 events (10x)
#   --rounds R   rounds of every tool, run in turn so they share conditions (default 3)
#
# Environment: DUMPER_JAR (default target/quarkus-app/quarkus-run.jar; build it first with
# ./mvnw package -DskipTests), BENCH_JAVA_OPTS (JVM options that replace the ./dumper
# launcher's default_java_opts, e.g. to try a flag; default: those, with MALLOC_ARENA_MAX=2;
# the launcher's own DUMPER_JAVA_OPTS and JAVA_OPTS are ignored here), BENCH_DB
# (dumper_bench), BENCH_DB_HOST/PORT/USER/PASSWORD (127.0.0.1/3306/root/empty), BENCH_WORK
# (scratch directory, default ${TMPDIR:-/tmp}/dumper-bench-<rows>), BENCH_TIMEOUT (seconds
# allowed to each measured run, default 120 + rows/5000), BENCH_WAIT_QUIET (seconds, in all,
# to wait before runs while other processes keep the CPUs over 10% busy, and to repeat runs
# that other work disturbed; default 0), BENCH_RETRIES (repeats of a disturbed run, default 2),
# OLD_TOOL_LEVEL (gzip level of the old tool, default 9 = gzip.open's default), BENCH_ONLY
# (the runs to do, by their letters in bench/README.md, e.g. abdefghijklmno: all but the old
# tool; default all), BENCH_SECTION (main: the run replaces its size's section even when it
# leaves out tools that section holds; default: such a run gets a section of its own, see
# below), BENCH_DUCKDB_JAR (DuckDB's JDBC jar, the reader of o's Parquet file and a's CSV;
# default: the version pom.xml names, in ~/.m2), BENCH_OLD_TOOL_RECORDED (seconds: the old tool's time at this size from
# an earlier run, used by the 8x goal when c is not run, and marked as such),
# BENCH_NOTE (a sentence printed under the section's heading, e.g. about the machine's load),
# BENCH_STARTUP_RUNS (timed runs per start-up line, default 10), BENCH_BEFORE_JAR and
# BENCH_BEFORE_JAVA (an older build's quarkus-run.jar and the java that runs it: the start-up
# line's "before", measured in the same run), BENCH_BEFORE_STARTUP (seconds, the before figure
# when no older build is given; default 3.29, `--version` on Java 17 without a cache, measured
# on this machine before issue 14).
#
# Installs with apt-get what it lacks (python3-pymysql, pigz, mydumper, time), creates and
# seeds the database (skipped when it already holds the requested events), then writes
# bench/results-<rows>.csv (raw, per round), bench/results-<rows>.md and bench/RESULTS.md.
# A run that leaves out tools its size's published section holds (BENCH_ONLY=ao) writes
# bench/results-<rows>-<letters>.{csv,md} and bench/startup-<rows>-<letters>.csv instead, a
# section after its size's in RESULTS.md, so the left-out tools' figures stay; a later run that
# replaces the size's section removes the side sections whose letters it ran.
# Exits non-zero when a tool fails, a row count is off or dumper's rows differ from mariadb's.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; }

ROWS=2500000
ROUNDS=3
LABEL="default"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=${2:-}; LABEL="--rows"; shift 2 || { usage >&2; exit 2; } ;;
    --rows=*) ROWS=${1#*=}; LABEL="--rows"; shift ;;
    --big) ROWS=25000000; LABEL="--big"; shift ;;
    --rounds) ROUNDS=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
    --rounds=*) ROUNDS=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$ROWS" in ''|*[!0-9]*) echo "--rows needs a positive integer" >&2; exit 2 ;; esac
case "$ROUNDS" in ''|*[!0-9]*) echo "--rounds needs a positive integer" >&2; exit 2 ;; esac
[ "$ROWS" -ge 1000 ] && [ "$ROWS" -le 100000000 ] || { echo "--rows must be 1000..100000000" >&2; exit 2; }
[ "$ROUNDS" -ge 1 ] || { echo "--rounds must be at least 1" >&2; exit 2; }

DB=${BENCH_DB:-dumper_bench}
DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
DB_PORT=${BENCH_DB_PORT:-3306}
DB_USER=${BENCH_DB_USER:-root}
DB_PASSWORD=${BENCH_DB_PASSWORD:-}
DUMPER_JAR=${DUMPER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
. "$BENCH_DIR/launcher-options.sh"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-$LAUNCHER_JAVA_OPTS}"
# Java 25, found as ./dumper finds it: JAVA_HOME, then /usr/lib/jvm/*25*.
JAVA=""
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  if [ -n "$home" ] && [ -x "$home/bin/java" ] && \
      [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)" -ge 25 ] 2>/dev/null; then
    JAVA=$home/bin/java
    break
  fi
done
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/dumper-bench-$ROWS}
TIMEOUT=${BENCH_TIMEOUT:-$((120 + ROWS / 5000))}
SEED_TIMEOUT=$((300 + ROWS / 2000))
OLD_TOOL_LEVEL=${OLD_TOOL_LEVEL:-9}
PY=/usr/bin/python3            # Debian's Python, where python3-pymysql is installed
START=2024-01-01
END=2024-06-30                 # included
END_EXCL=2024-07-01
T0=$(date +%s)

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# One benchmark at a time on a machine: two would disturb each other (and share $WORK).
LOCK=${TMPDIR:-/tmp}/dumper-bench.lock
exec 9> "$LOCK"
if ! flock -n 9; then
  log "another bench/run.sh holds $LOCK: waiting up to ${BENCH_WAIT_QUIET:-0} s"
  flock -w "${BENCH_WAIT_QUIET:-0}" 9 || die "another bench/run.sh is running (lock $LOCK)"
fi

case "$DUMPER_JAR" in /*) ;; *) DUMPER_JAR=$PWD/$DUMPER_JAR ;; esac
[ -f "$DUMPER_JAR" ] || die "no dumper jar at $DUMPER_JAR: run ./mvnw -B package -DskipTests in the repo root, or set DUMPER_JAR"
[ -n "$JAVA" ] || die "no Java 25 found: set JAVA_HOME to a JDK 25 (see README, Start here)"

# ------------------------------------------------------------------ tools
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v pigz >/dev/null || need+=(pigz)
command -v mydumper >/dev/null || need+=(mydumper)
{ [ -x "$PY" ] && "$PY" -c 'import pymysql' 2>/dev/null; } || need+=(python3-pymysql)
command -v gzip >/dev/null || need+=(gzip)
command -v zstd >/dev/null || need+=(zstd)   # reads dumper's .zst back (m)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${need[*]}: run as root or apt-get install ${need[*]}"
  log "installing with apt-get: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  timeout 900 apt-get update -qq
  timeout 900 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ------------------------------------------------------------------ database
if [ "$DB_HOST" = 127.0.0.1 ] && [ -x "$ROOT/demo/ensure-database.sh" ]; then
  timeout 600 "$ROOT/demo/ensure-database.sh"
fi
command -v mariadb >/dev/null || die "the mariadb client is not installed (apt-get install mariadb-client)"
CONN=(-h"$DB_HOST" -P"$DB_PORT" -u"$DB_USER" --protocol=TCP --default-character-set=utf8mb4)
[ -n "$DB_PASSWORD" ] && CONN+=(--password="$DB_PASSWORD")
sql() { timeout 600 mariadb "${CONN[@]}" -N -B "$@"; }
sql -e 'SELECT 1' >/dev/null || die "cannot connect to MariaDB/MySQL on $DB_HOST:$DB_PORT as $DB_USER"

sql -e "CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
# "Already seeded" = ids 1..ROWS all present, plus at most the seed's handful of awkward rows.
seeded=$(sql "$DB" -e "SELECT (SELECT COUNT(*) FROM vaccination_event WHERE id <= $ROWS) = $ROWS
                         AND (SELECT COUNT(*) FROM vaccination_event WHERE id > $ROWS) BETWEEN 1 AND 100" \
         2>/dev/null || echo 0)
if [ "$seeded" = 1 ]; then
  log "database $DB already holds $ROWS events: not re-seeding"
else
  log "seeding $DB with $ROWS events (demo/schema.sql + demo/seed.sql; about 2 min per 2.5M rows)"
  s0=$(date +%s)
  # With the default 128 MiB buffer pool, inserting tens of millions of rows is bound by random
  # index reads (over an hour for --big); a pool that holds the tables makes it ~20x faster.
  # The pool goes back to its size before the measuring starts, so all tools see the server as set up.
  POOL_BEFORE=$(sql -e 'SELECT @@innodb_buffer_pool_size')
  POOL_SEED=$(( ROWS * 250 ))
  if [ "$POOL_SEED" -gt "$POOL_BEFORE" ] && sql -e "SET GLOBAL innodb_buffer_pool_size = $POOL_SEED" 2>/dev/null; then
    log "buffer pool raised to $((POOL_SEED >> 20)) MiB while seeding"
  fi
  timeout "$SEED_TIMEOUT" mariadb "${CONN[@]}" "$DB" < "$ROOT/demo/schema.sql"
  { echo "SET @events = $ROWS;"; cat "$ROOT/demo/seed.sql"; } | timeout "$SEED_TIMEOUT" mariadb "${CONN[@]}" "$DB"
  sql "$DB" -e "ANALYZE TABLE vaccination_event" >/dev/null
  sql -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE" 2>/dev/null || true
  log "seeded in $(( $(date +%s) - s0 )) s"
fi
TABLE_ROWS=$(sql "$DB" -e "SELECT COUNT(*) FROM vaccination_event")
EXPECTED=$(sql "$DB" -e "SELECT COUNT(*) FROM vaccination_event WHERE event_time >= '$START 00:00:00' AND event_time < '$END_EXCL 00:00:00'")
log "vaccination_event: $TABLE_ROWS rows, $EXPECTED in $START .. $END"

# ------------------------------------------------------------------ commands
QUERY_FILE=$BENCH_DIR/bench.sql
literal() { tr '\n' ' ' < "$1" | sed -e 's/;* *$//' -e "s/:start/'$2 00:00:00'/g" -e "s/:end/'$3 00:00:00'/g"; }
QUERY=$(literal "$QUERY_FILE" "$START" "$END_EXCL")
# The same rows without ORDER BY, read in one batch: the server scans the table in primary-key
# order, the access path mydumper's chunks get (k and l).
PK_QUERY_FILE=$BENCH_DIR/bench-pk.sql
PK_QUERY=$(literal "$PK_QUERY_FILE" "$START" "$END_EXCL")
WEEKLY=""       # the same 26 weekly queries dumper and the old tool send
d=$START
while [ "$d" \< "$END_EXCL" ]; do
  e=$(date -u -d "$d + 7 days" +%F); [ "$e" \> "$END_EXCL" ] && e=$END_EXCL
  WEEKLY+="$(literal "$QUERY_FILE" "$d" "$e");"
  d=$e
done
DPROPS=(
  "-Dquarkus.datasource.jdbc.url=jdbc:mysql://$DB_HOST:$DB_PORT/$DB"
  "-Dquarkus.datasource.username=$DB_USER"
  "-Dquarkus.datasource.password=$DB_PASSWORD"
  -Ddumper.report.enabled=false
  "-Ddumper.dumps.bench.query-file=$QUERY_FILE"
  -Ddumper.dumps.bench.date-range=required
  -Ddumper.dumps.bench.batch=P7D
  -Ddumper.dumps.bench.compression=gzip
)
# dumper as every run starts it; a run adds -D settings between the two arrays, options after.
DUMPER=(env -u DUMPER_JAR -u DUMPER_JAVA_OPTS -u JAVA_OPTS "$JAVA" "${JAVA_OPTS[@]}" "${JVM_FLAGS[@]}" "${DPROPS[@]}")
DUMP_BENCH=(-jar "$DUMPER_JAR" --dump bench "$START" "$END")
OUTFILE=bench_${START}_${END}
MYD_HELP=$(mydumper --help 2>&1 || true)
MYD=(mydumper -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -B "$DB" -T vaccination_event -t 2 -c -r 250000 -v 1)
[ -n "$DB_PASSWORD" ] && MYD+=(-p "$DB_PASSWORD")
MYD_WHERE=no
if grep -q -- '--where' <<< "$MYD_HELP"; then
  MYD+=(--where "event_time >= '$START 00:00:00' AND event_time < '$END_EXCL 00:00:00'"); MYD_WHERE=yes
fi
NPROC=$(nproc)
# BENCH_ONLY: the runs to do, by letter (default all); e.g. skip the old tool at 25M rows.
ONLY=${BENCH_ONLY:-abcdefghijklmno}
want() { [[ "$ONLY" == *"$1"* ]]; }
LETTERS=$(grep -o '[a-o]' <<< "$ONLY" | sort -u | tr -d '\n' || true)
[ -n "$LETTERS" ] || die "BENCH_ONLY=$ONLY names no run (letters a..o, bench/README.md)"
# Where the figures go. The section of a size is the latest full run's; a run of only some tools
# (issue 24's BENCH_ONLY=ao) would replace the others' published figures with nothing, so it
# writes a section of its own beside it unless it runs every tool that section holds (the
# section's tools are the labels' first letters; rows, round and tool hold no comma).
SECTION=main
if [ "${BENCH_SECTION:-}" != main ] && [ -f "$BENCH_DIR/results-$ROWS.csv" ]; then
  left_out=$(awk -F, 'NR > 1 {print substr($4, 2, 1)}' "$BENCH_DIR/results-$ROWS.csv" | sort -u | grep -v "[$LETTERS]" | tr -d '\n' || true)
  if [ -n "$left_out" ]; then
    SECTION=side
    log "BENCH_ONLY=$ONLY leaves out $left_out of the published $ROWS-row section: writing a section of its own (results-$ROWS-$LETTERS.md)"
  fi
fi
RESULTS_NAME=$ROWS; [ "$SECTION" = side ] && RESULTS_NAME=$ROWS-$LETTERS
# o is read back by DuckDB through its JDBC jar (there may be no duckdb command); the build
# fetched it, as the Parquet tests read their files with it.
DUCKDB_VERSION=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$ROOT/pom.xml")
DUCKDB_JAR=${BENCH_DUCKDB_JAR:-$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar}
if want o && [ ! -f "$DUCKDB_JAR" ]; then
  die "no DuckDB JDBC jar at $DUCKDB_JAR (run o reads its file with it): ./mvnw -B package -DskipTests fetches it, or set BENCH_DUCKDB_JAR"
fi
# The analyst's query of issue 24, SELECT count(*), sum(DUCK_COLUMN): an INT column that is NOT
# NULL, so its sum checks the values both files hold as well as their counts.
DUCK_COLUMN=beneficiary_id

# ------------------------------------------------------------------ environment
rm -rf "$WORK"; mkdir -p "$WORK/cwd"
ENV=$WORK/env.txt
explain() { sql "$DB" -e "EXPLAIN $1" | awk -F'\t' '{print "type " $4 ", key " $6 ", " $10}' | head -1; }
first_week=$(literal "$QUERY_FILE" "$START" "$(date -u -d "$START + 7 days" +%F)")
. /etc/os-release
{
  echo "rows_label=$LABEL"
  echo "section=$SECTION"
  echo "letters=$LETTERS"
  echo "rounds=$ROUNDS"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$NPROC"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os=$PRETTY_NAME ($(cat /etc/debian_version 2>/dev/null || echo '?'))"
  echo "kernel=$(uname -r)"
  echo "java=$("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "java_opts=${JAVA_OPTS[*]}"
  echo "aot_cache=$([ -f "$AOT_CACHE" ] && echo "$AOT_CACHE" || echo "none (not built)")"
  echo "dumper_version=$(cd "$WORK/cwd" && timeout 120 env -u DUMPER_JAR -u DUMPER_JAVA_OPTS -u JAVA_OPTS "$JAVA" "${JVM_FLAGS[@]}" -jar "$DUMPER_JAR" --version 2>/dev/null | head -1)"
  echo "dumper_jar=$DUMPER_JAR"
  c=$(git -C "$(dirname "$DUMPER_JAR")/../.." rev-parse --short HEAD 2>/dev/null || true)
  [ -n "$c" ] && echo "dumper_commit=, repo HEAD $c"
  echo "mariadb=$(sql -e 'SELECT VERSION()')"
  echo "mariadb_client=$(mariadb --version | sed 's/^mariadb *//')"
  echo "buffer_pool=$(sql -e 'SELECT CONCAT(@@innodb_buffer_pool_size DIV 1048576, " MiB")')"
  echo "mydumper=$(mydumper --version 2>&1 | head -1 | sed 's/^mydumper *//')"
  echo "pigz=$(pigz --version 2>&1 | head -1 | sed 's/^pigz *//')"
  echo "gzip=$(gzip --version | head -1 | sed 's/^gzip *//')"
  echo "python=$("$PY" --version 2>&1 | sed 's/^Python *//')"
  echo "pymysql=$("$PY" -c 'import pymysql; print(pymysql.__version__)')"
  echo "range=$START .. $END inclusive ([$START 00:00, $END_EXCL 00:00))"
  echo "table_rows=$TABLE_ROWS"
  echo "expected_rows=$EXPECTED"
} > "$ENV"
NOTES="Query plans: the whole range in one query (d, e, f): $(explain "$QUERY"); one week (dumper, old tool, h): $(explain "$first_week"); the whole range without ORDER BY (k, l): $(explain "$PK_QUERY")."
NOTES+="|c is the old tool's approach as bench/old_tool.py: gzip level $OLD_TOOL_LEVEL (gzip.open's default is 9), the csv module's default CRLF line ends and NULL written as an empty field (like ''), values converted by PyMySQL (e.g. TIMESTAMP(3) .000 loses its fraction)."
NOTES+="|d, e, f send the query once for the whole range with literal dates; their output is mariadb's TSV (NULL as NULL, \\t \\n \\\\ escaped), not CSV. e uses pigz -6 with $NPROC threads."
if [ "$MYD_WHERE" = yes ]; then
  NOTES+="|g: mydumper with --where for the range, -t 2, -r 250000 (primary-key chunks, so both threads work on the one table), -c (gzip), SQL INSERT output, no ORDER BY."
else
  NOTES+="|g: mydumper $(mydumper --version 2>&1 | head -1 | awk '{print $2}' | tr -d ,) has no --where and no CSV output: it dumps the whole table ($TABLE_ROWS rows; the range holds $EXPECTED) as gzip SQL INSERTs, -t 2, -r 250000 (primary-key chunks, so both threads work on the one table), no ORDER BY. Its size counts the data files only."
fi
NOTES+="|a runs dumper with its default gzip level (compression-level unset); i (extra) sets compression-level=6, like for like with gzip -6, pigz -6 and the size reference."
NOTES+="|a, b and i read two weekly batches at once on two connections (dumper's default threads=2); j (extra) reads one at a time, and its file must be byte-identical to a's."
NOTES+="|m: dumper with compression=zstd at its default level; n: dumper's gzip at its default level through java.util.zip (dumper.native-compression=false), the deflate it used before libdeflate. Both must decompress to exactly b's CSV."
NOTES+="|h (extra, not in the brief's list): the same 26 weekly queries dumper sends, through mariadb --batch to /dev/null: the server's send rate for dumper's access pattern."
NOTES+="|k (extra): dumper, gzip, with bench/bench-pk.sql (the same WHERE, no ORDER BY) in one batch (batch=P1Y): the server reads the table in primary-key order, as mydumper's chunks do; its rows must equal a's as a set (order aside). l (extra): that query through mariadb --batch to /dev/null."
NOTES+="|o: dumper with format=parquet and compression=zstd, which is Parquet's default codec and level (3) in dumper; o names it because the other runs' gzip setting would otherwise apply inside the file. Its rows are counted by DuckDB (read_parquet), which also names the file's codecs."
NOTES+="|Each measured run is bounded by timeout ${TIMEOUT} s; the page cache is flushed with sync between runs and one untimed full query warms the server first."

# ------------------------------------------------------------------ measuring
RESULTS=$BENCH_DIR/results-$RESULTS_NAME.csv
RAW=$WORK/results.csv
echo "rows,round,tool,label,wall_s,user_s,sys_s,max_rss_kb,server_cpu_s,exit,out_bytes,rows_out,check,load1_before,other_cpu_s,other_conns,disturbed,attempts" > "$RAW"
FAILED=0
SRV_PID=$(pidof mariadbd 2>/dev/null || pidof mysqld 2>/dev/null || true)
SRV_PID=${SRV_PID%% *}
CLK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }  # all CPUs, not idle/iowait
# Other work on the machine skews every number. Before each run, wait while the machine is
# more than 10% busy (sampled over 3 s), within a budget of BENCH_WAIT_QUIET seconds in total.
QUIET_BUDGET=${BENCH_WAIT_QUIET:-0}
wait_quiet() {
  local b0 b1 pct said=0
  while [ "$QUIET_BUDGET" -gt 0 ]; do
    b0=$(busy_ticks); sleep 3; b1=$(busy_ticks)
    pct=$(( (b1 - b0) * 100 / (3 * CLK * NPROC) ))
    [ "$pct" -lt 10 ] && return 0
    [ "$said" = 0 ] && log "machine ${pct}% busy with other work: waiting (budget ${QUIET_BUDGET} s)"
    said=1
    QUIET_BUDGET=$((QUIET_BUDGET - 3))
  done
  return 0
}
server_conns() { sql -e "SHOW GLOBAL STATUS LIKE 'Connections'" 2>/dev/null | cut -f2; }
RETRIES=${BENCH_RETRIES:-2}
server_ticks() { [ -n "$SRV_PID" ] && [ -r "/proc/$SRV_PID/stat" ] && awk '{print $14 + $15}' "/proc/$SRV_PID/stat" || echo ""; }

# measure ROUND TOOL LABEL CLEAN_DIR CMD...: runs CMD under /usr/bin/time -v and timeout; sets M_*.
# CLEAN_DIR (or -) is emptied before each attempt. A run disturbed by other work (other
# processes took over 5% of the machine's CPU, or other clients connected to the server) is
# repeated, up to BENCH_RETRIES times, while the BENCH_WAIT_QUIET budget lasts.
measure() {
  local round=$1 tool=$2 label=$3 clean=$4; shift 4
  local tf=$WORK/time-$tool-$round.txt t0 t1 c0 c1 k0 k1 attempt=0
  while :; do
    attempt=$((attempt + 1))
    if [ "$clean" != - ]; then rm -rf "$clean"; mkdir -p "$clean"; fi
    sync
    wait_quiet
    M_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    log "round $round: $label (attempt $attempt, load average $M_LOAD)"
    k0=$(server_conns); t0=$(server_ticks); c0=$(busy_ticks)
    /usr/bin/time -v -o "$tf" timeout -k 10 "$TIMEOUT" "$@" > "$WORK/log-$tool-$round.txt" 2>&1 || true
    t1=$(server_ticks); c1=$(busy_ticks); k1=$(server_conns)
    read -r M_WALL M_USER M_SYS M_RSS M_EXIT < <("$PY" "$BENCH_DIR/bench.py" timev "$tf")
    M_SRV=""
    if [ -n "$t0" ] && [ -n "$t1" ]; then
      M_SRV=$(awk -v a="$t0" -v b="$t1" -v c="$CLK" 'BEGIN {printf "%.2f", (b - a) / c}')
    fi
    # CPU used on the machine during the run by anything but the measured command and the server.
    M_OTHER=$(awk -v a="$c0" -v b="$c1" -v c="$CLK" -v u="$M_USER" -v s="$M_SYS" -v v="${M_SRV:-0}" \
              'BEGIN {o = (b - a) / c - u - s - v; printf "%.2f", (o < 0 ? 0 : o)}')
    # Connections the server accepted during the run (minus the one that asks).
    M_CONNS=$(( ${k1:-0} - ${k0:-0} - 1 ))
    M_DISTURBED=$(awk -v o="$M_OTHER" -v w="$M_WALL" -v n="$NPROC" -v k="$M_CONNS" 'BEGIN {
      s = (o - 0.5 > 0 ? o - 0.5 : 0) / (w * n + 1e-9); r = "";
      if (s > 0.05) r = sprintf("other processes %.0f%% of CPU", 100 * s);
      if (k > 8) r = r (r == "" ? "" : " and ") k " server connections";
      print (r == "" ? "no" : "yes: " r) }')
    if [ "$M_DISTURBED" != no ] && [ "$M_EXIT" = 0 ] && [ "$attempt" -le "$RETRIES" ] && [ "$QUIET_BUDGET" -gt 0 ]; then
      log "  ${M_WALL} s, disturbed (${M_DISTURBED#yes: }): repeating"
      continue
    fi
    break
  done
  M_ATTEMPTS=$attempt
  M_TOOL=$tool; M_LABEL=$label; M_ROUND=$round
  if [ "$M_EXIT" != 0 ]; then
    FAILED=1
    log "FAILED: $label exited with $M_EXIT (124 = timeout); log: $WORK/log-$tool-$round.txt"
    tail -5 "$WORK/log-$tool-$round.txt" >&2 || true
  fi
}

# record OUT_BYTES ROWS_OUT EXPECTED_ROWS: checks the row count and appends the raw line.
record() {
  local bytes=$1 got=$2 want=$3 check="-"
  if [ -n "$want" ]; then
    if [ "$M_EXIT" = 0 ] && [ "$got" = "$want" ]; then check=ok
    else check="FAIL: $got rows != $want"; FAILED=1; log "ROW COUNT MISMATCH: $M_LABEL wrote $got rows, expected $want"; fi
  fi
  printf '%s,%s,%s,"%s",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s",%s\n' "$ROWS" "$M_ROUND" "$M_TOOL" "$M_LABEL" "$M_WALL" "$M_USER" \
    "$M_SYS" "$M_RSS" "$M_SRV" "$M_EXIT" "$bytes" "$got" "$check" "$M_LOAD" "$M_OTHER" "$M_CONNS" "$M_DISTURBED" "$M_ATTEMPTS" >> "$RAW"
  log "  ${M_WALL} s (disturbed: $M_DISTURBED), peak RSS $((M_RSS / 1024)) MB, ${bytes:-0} bytes, rows ${got:--} ($check)"
}

fsize() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }
count() { timeout "$TIMEOUT" "$PY" "$BENCH_DIR/bench.py" "$@" 2>/dev/null || echo "error"; }
# duck FILE RUNS: DuckDB's rows, sum, best and every run's seconds, version and codecs (bench/DuckQuery.java).
duck() {
  timeout "$TIMEOUT" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$DUCKDB_JAR" "$BENCH_DIR/DuckQuery.java" \
    "$1" "$DUCK_COLUMN" "$2" 2> "$WORK/duck-err.txt" || { echo "error"; tail -3 "$WORK/duck-err.txt" >&2; }
}

cd "$WORK/cwd"
log "warming up the server (one untimed full query)"
timeout "$TIMEOUT" mariadb "${CONN[@]}" --quick --batch "$DB" -e "$QUERY" > /dev/null

A=""; B=""; TEXT_BYTES=""; REF_BYTES=""; COMPARE="not run"; GZ_VS_PLAIN="not run"; A_ROWSET=""; PK_VS_A="not run"
DUCK_A=""; DUCK_O=""; DUCK_LOAD=""; PARQUET_VS_A="not run"
for round in $(seq 1 "$ROUNDS"); do
  R=$WORK/r$round

  # a. dumper, gzip
  if want a; then
  measure "$round" dumper-gzip "a. dumper, gzip (P7D, dumper's default level)" "$R/a" \
    "${DUMPER[@]}" "${DUMP_BENCH[@]}" --output-dir "$R/a"
  A=$R/a/$OUTFILE.csv.gz
  record "$(fsize "$A")" "$(count count-csv "$A")" "$EXPECTED"
  if [ "$round" = 1 ]; then A_ROWSET=$(count rowset "$A"); fi
  fi

  # b. dumper, no compression
  if want b; then
  measure "$round" dumper-plain "b. dumper, no compression (P7D)" "$R/b" \
    "${DUMPER[@]}" -Ddumper.dumps.bench.compression=none "${DUMP_BENCH[@]}" --output-dir "$R/b"
  B=$R/b/$OUTFILE.csv
  record "$(fsize "$B")" "$(count count-csv "$B")" "$EXPECTED"
  if [ -f "$A" ] && [ -f "$B" ]; then
    da=$(count digest "$A"); db=$(count digest "$B")
    if [ "$da" = "$db" ] && [ "$da" != error ]; then
      # A difference seen in an earlier round (by any run) stays the verdict.
      case $GZ_VS_PLAIN in
        *DIFFERENT*) ;;
        *) GZ_VS_PLAIN="identical after decompression in every round (sha256 ${da%% *}, ${da##* } bytes)" ;;
      esac
    else
      FAILED=1; GZ_VS_PLAIN="**DIFFERENT in round $round** (gzip: $da; plain: $db)"
      log "MISMATCH: dumper's gzip and plain outputs differ in round $round"
    fi
    if [ -z "$TEXT_BYTES" ]; then TEXT_BYTES=$(fsize "$B"); fi
  fi
  if [ "$round" = 1 ] && [ -f "$B" ]; then
    log "size reference: gzip -6 of dumper's CSV"
    REF_BYTES=$(timeout "$TIMEOUT" gzip -6 -c "$B" | wc -c)
  fi
  rm -rf "$R/b"
  fi

  # i. (extra) dumper, gzip level 6, like for like with gzip -6 / pigz -6 / the size reference
  if want i; then
  measure "$round" dumper-gzip6 "i. dumper, gzip level 6 (P7D)" "$R/i" \
    "${DUMPER[@]}" -Ddumper.dumps.bench.compression-level=6 "${DUMP_BENCH[@]}" --output-dir "$R/i"
  record "$(fsize "$R/i/$OUTFILE.csv.gz")" "$(count count-csv "$R/i/$OUTFILE.csv.gz")" "$EXPECTED"
  if [ -f "$R/i/$OUTFILE.csv.gz" ] && [ -n "${db:-}" ] && [ "$(count digest "$R/i/$OUTFILE.csv.gz")" != "$db" ]; then
    FAILED=1; GZ_VS_PLAIN="**level-6 output DIFFERENT in round $round**"
    log "MISMATCH: dumper's level-6 gzip output differs from its plain output in round $round"
  fi
  rm -rf "$R/i"
  fi

  # m. dumper, zstd (its default level): must decompress to exactly the plain output
  if want m; then
  measure "$round" dumper-zstd "m. dumper, zstd (P7D, dumper's default level)" "$R/m" \
    "${DUMPER[@]}" -Ddumper.dumps.bench.compression=zstd "${DUMP_BENCH[@]}" --output-dir "$R/m"
  M=$R/m/$OUTFILE.csv.zst
  record "$(fsize "$M")" "$(count count-csv "$M")" "$EXPECTED"
  if [ -f "$M" ] && [ -n "${db:-}" ] && [ "$(count digest "$M")" != "$db" ]; then
    FAILED=1; GZ_VS_PLAIN="**zstd output DIFFERENT in round $round**"
    log "MISMATCH: dumper's zstd output differs from its plain output in round $round"
  fi
  rm -rf "$R/m"
  fi

  # n. dumper, gzip through java.util.zip (native-compression=false): the deflate before libdeflate
  if want n; then
  measure "$round" dumper-gzip-zlib "n. dumper, gzip, java.util.zip instead of libdeflate (P7D)" "$R/n" \
    "${DUMPER[@]}" -Ddumper.native-compression=false "${DUMP_BENCH[@]}" --output-dir "$R/n"
  record "$(fsize "$R/n/$OUTFILE.csv.gz")" "$(count count-csv "$R/n/$OUTFILE.csv.gz")" "$EXPECTED"
  if [ -f "$R/n/$OUTFILE.csv.gz" ] && [ -n "${db:-}" ] && [ "$(count digest "$R/n/$OUTFILE.csv.gz")" != "$db" ]; then
    FAILED=1; GZ_VS_PLAIN="**java.util.zip output DIFFERENT in round $round**"
    log "MISMATCH: dumper's java.util.zip gzip output differs from its plain output in round $round"
  fi
  rm -rf "$R/n"
  fi

  # o. dumper, Parquet (issue 24): read back by DuckDB, which counts its rows; in round 1 the
  # analyst's query is timed on it and on a's gzip CSV (best of 3 each), one after the other so
  # both see the same machine, and the two files must give the same count and sum.
  if want o; then
  measure "$round" dumper-parquet "o. dumper, Parquet, zstd (P7D, dumper's default level)" "$R/o" \
    "${DUMPER[@]}" -Ddumper.dumps.bench.format=parquet -Ddumper.dumps.bench.compression=zstd \
    "${DUMP_BENCH[@]}" --output-dir "$R/o"
  O=$R/o/$OUTFILE.parquet
  if [ "$round" = 1 ]; then
    wait_quiet
    DUCK_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    log "DuckDB: SELECT count(*), sum($DUCK_COLUMN), best of 3, on o's Parquet file and a's gzip CSV"
    o_duck=$(duck "$O" 3); DUCK_O=$o_duck
    if [ -f "$A" ]; then DUCK_A=$(duck "$A" 3); log "  a: $DUCK_A"; fi
    log "  o: $DUCK_O"
  else
    o_duck=$(duck "$O" 1)
  fi
  read -r o_rows o_sum _ _ _ o_codecs <<< "$o_duck"
  record "$(fsize "$O")" "${o_rows:-error}" "$EXPECTED"
  if [ "$M_EXIT" = 0 ] && [ "${o_codecs:-}" != ZSTD ]; then
    FAILED=1; log "PARQUET CODEC: o's column chunks are ${o_codecs:-unread}, not ZSTD"
  fi
  if [ "$round" = 1 ] && [ -n "$DUCK_A" ]; then
    read -r a_rows a_sum _ <<< "$DUCK_A"
    if [ "$a_rows" = "$o_rows" ] && [ "$a_sum" = "$o_sum" ] && [ "$o_rows" != error ]; then
      PARQUET_VS_A="same count and sum($DUCK_COLUMN) as a's CSV in DuckDB: $o_rows rows, sum $o_sum"
    else
      FAILED=1; PARQUET_VS_A="**DIFFERENT from a's CSV in DuckDB** (o: $o_rows rows, sum $o_sum; a: $a_rows rows, sum $a_sum)"
      log "MISMATCH: DuckDB reads $o_rows rows (sum $o_sum) from o's Parquet file, $a_rows (sum $a_sum) from a's CSV"
    fi
  fi
  rm -rf "$R/o"
  fi

  # j. (extra) dumper, gzip, one batch at a time: what the threads setting buys
  if want j; then
  measure "$round" dumper-gzip-1thread "j. dumper, gzip, --threads 1 (P7D)" "$R/j" \
    "${DUMPER[@]}" "${DUMP_BENCH[@]}" --threads 1 --output-dir "$R/j"
  record "$(fsize "$R/j/$OUTFILE.csv.gz")" "$(count count-csv "$R/j/$OUTFILE.csv.gz")" "$EXPECTED"
  if [ -f "$R/j/$OUTFILE.csv.gz" ] && [ -f "$A" ] && ! cmp -s "$R/j/$OUTFILE.csv.gz" "$A"; then
    FAILED=1; GZ_VS_PLAIN="**--threads 1 output DIFFERENT from the default's in round $round**"
    log "MISMATCH: dumper's one-thread gzip file differs from its default (two-thread) file in round $round"
  fi
  rm -rf "$R/j"
  fi

  # c. the old tool's approach
  if want c; then
  measure "$round" old-tool "c. old tool: PyMySQL SSCursor, csv, gzip.open level $OLD_TOOL_LEVEL (P7D)" "$R/c" \
    "$PY" "$BENCH_DIR/old_tool.py" --host "$DB_HOST" --port "$DB_PORT" --user "$DB_USER" --password "$DB_PASSWORD" \
    --database "$DB" --query-file "$QUERY_FILE" --start "$START" --end "$END" --level "$OLD_TOOL_LEVEL" \
    --output "$R/c/$OUTFILE.csv.gz"
  record "$(fsize "$R/c/$OUTFILE.csv.gz")" "$(count count-csv "$R/c/$OUTFILE.csv.gz")" "$EXPECTED"
  rm -rf "$R/c"
  fi

  # d. mariadb --batch | gzip -6
  if want d; then
  measure "$round" mariadb-gzip "d. mariadb --quick --batch | gzip -6" "$R/d" \
    env Q="$QUERY" OUT="$R/d/out.tsv.gz" bash -c 'set -o pipefail; mariadb "$@" -e "$Q" | gzip -6 > "$OUT"' \
    mariadb "${CONN[@]}" --quick --batch "$DB"
  record "$(fsize "$R/d/out.tsv.gz")" "$(count count-lines "$R/d/out.tsv.gz")" "$EXPECTED"
  if [ "$round" = 1 ] && [ -f "$A" ] && [ -f "$R/d/out.tsv.gz" ]; then
    log "comparing dumper's rows with mariadb --batch's, row by row"
    if out=$(timeout "$TIMEOUT" "$PY" "$BENCH_DIR/bench.py" compare "$A" "$R/d/out.tsv.gz" 2>&1); then
      COMPARE=$out; log "$out"
    else
      FAILED=1; COMPARE="**$out**"
      printf '\n!!!!!!!! dumper vs mariadb --batch: MISMATCH !!!!!!!!\n%s\n\n' "$out" >&2
    fi
  fi
  rm -rf "$R/a" "$R/d"
  fi

  # e. mariadb --batch | pigz
  if want e; then
  measure "$round" mariadb-pigz "e. mariadb --quick --batch | pigz -6 (-p $NPROC)" "$R/e" \
    env Q="$QUERY" OUT="$R/e/out.tsv.gz" bash -c 'set -o pipefail; mariadb "$@" -e "$Q" | pigz -6 > "$OUT"' \
    mariadb "${CONN[@]}" --quick --batch "$DB"
  record "$(fsize "$R/e/out.tsv.gz")" "$(count count-lines "$R/e/out.tsv.gz")" "$EXPECTED"
  rm -rf "$R/e"
  fi

  # f. mariadb --batch > /dev/null
  if want f; then
  measure "$round" mariadb-devnull "f. mariadb --quick --batch > /dev/null" - \
    env Q="$QUERY" bash -c 'mariadb "$@" -e "$Q" > /dev/null' mariadb "${CONN[@]}" --quick --batch "$DB"
  record "" "" ""
  fi

  # g. mydumper
  if want g; then
  measure "$round" mydumper "g. mydumper -t 2 -c (gzip SQL)" "$R/g" "${MYD[@]}" -o "$R/g/out"
  read -r g_rows g_bytes _ < <(count count-mydumper "$R/g/out" vaccination_event) || true
  if [ "$MYD_WHERE" = yes ]; then want=$EXPECTED; else want=$TABLE_ROWS; fi
  record "${g_bytes:-0}" "${g_rows:-error}" "$want"
  rm -rf "$R/g"
  fi

  # h. (extra) the weekly queries dumper sends, to /dev/null
  if want h; then
  measure "$round" mariadb-weekly-devnull "h. mariadb --quick --batch, 26 weekly queries > /dev/null" - \
    env Q="$WEEKLY" bash -c 'mariadb "$@" -e "$Q" > /dev/null' mariadb "${CONN[@]}" --quick --batch "$DB"
  record "" "" ""
  fi

  # k. (extra) dumper, gzip, the rows in primary-key order: mydumper's access path
  if want k; then
  measure "$round" dumper-gzip-pk "k. dumper, gzip, no ORDER BY, one batch (primary-key order)" "$R/k" \
    "${DUMPER[@]}" "-Ddumper.dumps.bench.query-file=$PK_QUERY_FILE" -Ddumper.dumps.bench.batch=P1Y \
    "${DUMP_BENCH[@]}" --output-dir "$R/k"
  K=$R/k/$OUTFILE.csv.gz
  record "$(fsize "$K")" "$(count count-csv "$K")" "$EXPECTED"
  if [ "$round" = 1 ] && [ -f "$K" ] && [ -n "$A_ROWSET" ]; then
    rk=$(count rowset "$K")
    if [ "$rk" = "$A_ROWSET" ] && [ "$rk" != error ]; then
      PK_VS_A="same rows as a (order aside): $rk"
    else
      FAILED=1; PK_VS_A="**DIFFERENT rows from a** (k: $rk; a: $A_ROWSET)"
      log "MISMATCH: the primary-key-order rows (k) differ from a's"
    fi
  fi
  rm -rf "$R/k"
  fi

  # l. (extra) k's query to /dev/null: the server's send rate for the primary-key path
  if want l; then
  measure "$round" mariadb-pk-devnull "l. mariadb --quick --batch, no ORDER BY > /dev/null" - \
    env Q="$PK_QUERY" bash -c 'mariadb "$@" -e "$Q" > /dev/null' mariadb "${CONN[@]}" --quick --batch "$DB"
  record "" "" ""
  fi

  rm -rf "$R"
done

# ------------------------------------------------------------------ start-up
# Wall time of `--version` and `list` (no database), the JVM as the bench starts dumper, with
# the AOT cache and without it, and an older build when BENCH_BEFORE_JAR is given.
STARTUP=$WORK/startup.csv
echo "command,variant,runs,median_wall_s,min_wall_s,median_cpu_s,max_rss_kb,load1_before" > "$STARTUP"
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-10}
# startup VARIANT CMD...: one untimed run, then STARTUP_RUNS timed ones of CMD --version and CMD list.
startup() {
  local variant=$1; shift
  local sub tf=$WORK/time-startup.txt walls cpus rss load
  for sub in --version list; do
    "$@" "$sub" > /dev/null 2>&1 || { log "FAILED: start-up $variant $sub"; FAILED=1; continue; }
    wait_quiet
    load=$(cut -d' ' -f1 /proc/loadavg); walls=(); cpus=(); rss=0
    for _ in $(seq 1 "$STARTUP_RUNS"); do
      /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" "$sub" > /dev/null 2>&1 || true
      read -r w u s m < "$tf"
      walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
      [ "$m" -gt "$rss" ] && rss=$m
    done
    printf '%s,"%s",%s,%s,%s,%s,%s,%s\n' "$sub" "$variant" "$STARTUP_RUNS" \
      "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')" \
      "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)" \
      "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')" \
      "$rss" "$load" >> "$STARTUP"
    log "start-up: $sub, $variant: $(tail -1 "$STARTUP")"
  done
}
JAVA_ENV=(env -u DUMPER_JAR -u DUMPER_JAVA_OPTS -u JAVA_OPTS)
if [ -f "$AOT_CACHE" ]; then
  startup "Java 25, AOT cache" "${JAVA_ENV[@]}" "$JAVA" "${JAVA_OPTS[@]}" "${JVM_FLAGS[@]}" -jar "$DUMPER_JAR"
fi
startup "Java 25, no AOT cache" "${JAVA_ENV[@]}" "$JAVA" "${JAVA_OPTS[@]}" "${JVM_FLAGS_NO_AOT[@]}" -jar "$DUMPER_JAR"
if [ -n "${BENCH_BEFORE_JAR:-}" ]; then
  BEFORE_JAVA=${BENCH_BEFORE_JAVA:-java}
  startup "before: $("$BEFORE_JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/Java \1/p' | head -1), no cache ($BENCH_BEFORE_JAR)" \
    "${JAVA_ENV[@]}" "$BEFORE_JAVA" "${JAVA_OPTS[@]}" -jar "$BENCH_BEFORE_JAR"
fi

{
  echo "text_bytes=$TEXT_BYTES"
  echo "gzip6_ref_bytes=$REF_BYTES"
  echo "compare=$COMPARE" | tr '\n' ' '; echo
  echo "gz_vs_plain=$GZ_VS_PLAIN"
  echo "pk_vs_a=$PK_VS_A"
  echo "duck_column=$DUCK_COLUMN"
  echo "duck_a=$DUCK_A"
  echo "duck_o=$DUCK_O"
  echo "duck_load=$DUCK_LOAD"
  echo "parquet_vs_a=$PARQUET_VS_A"
  echo "before_startup_s=${BENCH_BEFORE_STARTUP:-3.29}"
  echo "old_tool_recorded_s=${BENCH_OLD_TOOL_RECORDED:-}"
  echo "note=${BENCH_NOTE:-}"
  echo "notes=$NOTES"
} >> "$ENV"
cp "$RAW" "$RESULTS"
cp "$STARTUP" "$BENCH_DIR/startup-$RESULTS_NAME.csv"
if [ "$SECTION" = main ]; then
  # Side sections of this size whose every tool this run measured again are out of date.
  for side in "$BENCH_DIR/results-$ROWS"-*.md; do
    [ -f "$side" ] || continue
    letters=${side##*/results-$ROWS-}; letters=${letters%.md}
    if [ -z "$(tr -d "$LETTERS" <<< "$letters")" ]; then
      log "removing the side section $letters: this run measured all its tools"
      rm -f "$side" "${side%.md}.csv" "$BENCH_DIR/startup-$ROWS-$letters.csv"
    fi
  done
fi
echo
"$PY" "$BENCH_DIR/bench.py" report "$RESULTS" "$ENV" "$BENCH_DIR/results-$RESULTS_NAME.md" "$BENCH_DIR"
echo
log "wrote $BENCH_DIR/RESULTS.md, $RESULTS and $BENCH_DIR/results-$RESULTS_NAME.md in $(( $(date +%s) - T0 )) s"
if [ "$FAILED" != 0 ]; then
  log "SOME CHECKS FAILED: see the messages above and the table"
  exit 1
fi
