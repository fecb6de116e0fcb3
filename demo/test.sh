#!/usr/bin/env bash
# Every test, in one command: a JDK 25 (demo/jdk25.sh), the Debian packages the tests need
# (installed when run as root), the database and RabbitMQ on 127.0.0.1, then ./mvnw -B verify
# (unit tests, then integration tests against the packaged application). Arguments go to Maven:
#   demo/test.sh                         everything (./mvnw -B verify)
#   demo/test.sh -DexcludedGroups=faults without the fault suite
#   demo/test.sh ./mvnw -B verify        the Maven command spelled out, as .ci/run does
set -euo pipefail
cd "$(dirname "$0")/.."

. demo/jdk25.sh
echo "testing with the JDK at $JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))" >&2
# The tests load data with the mariadb client and compress with libdeflate and libzstd.
demo/packages.sh mariadb-client libdeflate0 libzstd1 s3cmd chromium chromium-driver
demo/ensure-database.sh
demo/ensure-broker.sh
if [ "${1:-}" = ./mvnw ]; then
  "$@"
else
  ./mvnw -B verify "$@"
fi
