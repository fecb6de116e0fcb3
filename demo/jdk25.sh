#!/usr/bin/env bash
# Finds a JDK 25 and exports JAVA_HOME to it; sourced by demo/run.sh, demo/test.sh and .ci/run
# (one lookup for all of them):  . demo/jdk25.sh
# In order: JAVA_HOME if it is a JDK 25 or later, a JDK under /usr/lib/jvm/*25*, else (as root)
# the distribution's package where it offers one. Debian 12 offers none; there, install Temurin
# 25 with the line README gives, then run again.
jdk_feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
find_jdk25() {
  local home
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    if [ -n "$home" ] && [ -x "$home/bin/javac" ] && [ "$(jdk_feature "$home")" -ge 25 ] 2>/dev/null; then
      echo "$home"
      return
    fi
  done
}
jdk25_home=$(find_jdk25)
if [ -z "$jdk25_home" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "no JDK 25 found: looking for one in the distribution's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  for package in openjdk-25-jdk-headless temurin-25-jdk; do
    # Not `apt-cache … | grep -q`: under pipefail, grep's early exit would fail the pipeline.
    if grep -q 'Candidate: [0-9]' <(apt-cache policy "$package"); then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade "$package" >/dev/null
      break
    fi
  done
  jdk25_home=$(find_jdk25)
fi
if [ -z "$jdk25_home" ]; then
  echo "no JDK 25 found (JAVA_HOME, /usr/lib/jvm/*25*, the distribution's packages): install one with" >&2
  echo "  mkdir -p /usr/lib/jvm && curl -fsSL https://api.adoptium.net/v3/binary/latest/25/ga/linux/x64/jdk/hotspot/normal/eclipse | tar -xz -C /usr/lib/jvm" >&2
  echo "and run again (it lands in /usr/lib/jvm/jdk-25…, where this script looks)" >&2
  exit 21
fi
export JAVA_HOME=$jdk25_home
unset jdk25_home
