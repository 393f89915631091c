#!/usr/bin/env bash
# The test command: installs what the tests need (Debian packages; run as root or with sudo),
# brings up the local SLURM + OpenSSH cluster the integration tests use, and runs the whole
# Maven build with every test (unit, PostgreSQL, SLURM, headless UI) plus Spotless and Enforcer.
#   scripts/test.sh                # everything
#   scripts/test.sh -pl persistence -am   # extra Maven arguments are passed on
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

sudo_=()
if [[ $(id -u) -ne 0 ]]; then sudo_=(sudo); fi

apt_install() { # retries: another apt may hold the dpkg lock for a moment
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  for attempt in 1 2 3 4 5; do
    if "${sudo_[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null; then
      return 0
    fi
    echo "apt-get failed (attempt $attempt), retrying in 5 s" >&2
    sleep 5
  done
  echo "cannot install: ${missing[*]}" >&2
  return 1
}

# JavaFX needs GTK even headless; Xvfb and ImageMagick for the screenshot script; psql and openssl
# for the security tests (another user tries the embedded server; a TLS server with a test CA).
apt_install maven openjdk-17-jdk-headless libgtk-3-0 xvfb xauth imagemagick openssl
command -v psql >/dev/null || apt_install postgresql-client

# The real single-node SLURM cluster behind OpenSSH (installs its own packages).
if [[ -f scripts/local-cluster.sh ]]; then
  "${sudo_[@]}" bash scripts/local-cluster.sh up
  cluster=(-Devalstation.requireCluster=true)
else
  cluster=()
fi

mvn -B verify "${cluster[@]}" "$@"
