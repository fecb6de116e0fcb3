#!/usr/bin/env bash
# Makes RabbitMQ answer on 127.0.0.1:5672 (guest/guest) for the scale-out demo and tests: one
# already running; the local broker (installed with apt-get when missing, then started); a
# container when a Docker engine runs.
set -euo pipefail

answers() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

answers && exit 0

if [ "$(id -u)" = 0 ] && ! command -v rabbitmq-server >/dev/null 2>&1 \
    && ! (command -v docker >/dev/null && docker info >/dev/null 2>&1); then
  echo "installing RabbitMQ with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq rabbitmq-server >/dev/null
fi

if command -v rabbitmq-server >/dev/null 2>&1; then
  echo "starting the local RabbitMQ" >&2
  rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 90); do answers && break; sleep 1; done
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "starting RabbitMQ in Docker" >&2
  docker run -d --name dumper-demo-rabbitmq -p 127.0.0.1:5672:5672 rabbitmq:4 >/dev/null
  for _ in $(seq 1 90); do answers && break; sleep 1; done
fi

if ! answers; then
  echo "no RabbitMQ answers on 127.0.0.1:5672; install rabbitmq-server (or Docker) and run again" >&2
  exit 1
fi
# The broker accepts connections a little before it accepts logins.
command -v rabbitmqctl >/dev/null 2>&1 && timeout 60 rabbitmqctl await_startup >/dev/null 2>&1 || sleep 3
