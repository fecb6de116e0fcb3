#!/usr/bin/env bash
# Makes a MySQL-compatible server answer on 127.0.0.1:3306 as root with an empty password,
# for the demo and the tests. In order: one already answering; the local MariaDB (installed
# with apt-get when missing, then started); a MariaDB container when a Docker engine runs.
set -euo pipefail

answers() { mariadb -h127.0.0.1 -P3306 -uroot --connect-timeout=2 -e 'SELECT 1' >/dev/null 2>&1; }

if command -v mariadb >/dev/null 2>&1 && answers; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && [ ! -x /usr/sbin/mariadbd ] && ! (command -v docker >/dev/null && docker info >/dev/null 2>&1); then
  echo "installing MariaDB with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq mariadb-server mariadb-client >/dev/null
fi

if [ -x /usr/sbin/mariadbd ]; then
  echo "starting the local MariaDB" >&2
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 1
  done
  # A fresh Debian install lets root in only through the Unix socket; the JDBC driver needs TCP.
  if ! answers; then
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"
  fi
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "starting MariaDB 10.11 in Docker" >&2
  docker run -d --name dumper-demo-db -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 -p 127.0.0.1:3306:3306 mariadb:10.11 >/dev/null
  for _ in $(seq 1 60); do answers && break; sleep 1; done
fi

if ! answers; then
  echo "no database answers on 127.0.0.1:3306; install MariaDB or MySQL (or Docker) and run again" >&2
  exit 1
fi
