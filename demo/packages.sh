#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are missing (as root, with apt-get),
# leaving installed ones as they are. Not root (or no apt-get): says which are missing and how to
# install them, and goes on; what then fails says so itself.
#   demo/packages.sh libdeflate0 libzstd1
set -euo pipefail
command -v dpkg >/dev/null 2>&1 || exit 0
missing=()
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing packages: ${missing[*]}; install them with: sudo apt-get install -y --no-upgrade ${missing[*]}" >&2
  exit 0
fi
echo "installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-upgrade "${missing[@]}" >/dev/null
