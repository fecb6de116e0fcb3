#!/usr/bin/env bash
# The demo, everything in one command: a JDK 25 (demo/jdk25.sh), the Debian packages it needs
# (installed when run as root), a database with the demo schema and data, a build, and the old
# tool's command.
#   demo/run.sh [EVENTS]     (default 100000 vaccination events)
set -euo pipefail
cd "$(dirname "$0")/.."

. demo/jdk25.sh
# mariadb-client loads the demo data; libdeflate and libzstd are the fast gzip and zstd.
demo/packages.sh mariadb-client libdeflate0 libzstd1
demo/ensure-database.sh
sql() { mariadb -h127.0.0.1 -P3306 -uroot --default-character-set=utf8mb4 "$@"; }
echo "seeding database dumper_demo" >&2
sql -e "CREATE DATABASE IF NOT EXISTS dumper_demo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
sql dumper_demo < demo/schema.sql
sql dumper_demo < sql/report-table.sql
sql dumper_demo -e "SET @events = ${1:-100000};
\. demo/seed.sql"

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "building dumper with the JDK at $JAVA_HOME" >&2
  ./mvnw -B -q package -DskipTests
fi
./dumper --dump zm 2024-01-01 2024-01-07
file=data/zm_2024-01-01_2024-01-07.csv.gz
echo "--- first lines of $file:" >&2
# Not `gzip -dc | head`: head closes the pipe after 4 lines, gzip dies of SIGPIPE, and
# pipefail turns that into exit 141 for the whole demo. A process substitution's status is not
# part of the pipeline.
head -n 4 < <(gzip -dc "$file")
