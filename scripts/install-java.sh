#!/usr/bin/env bash
# Install Java 17 for the Spark tests (marker `spark`) when no Java 17+ is on PATH.
#
#   bash scripts/install-java.sh      # Debian's openjdk-17-jre-headless
#
# pyspark (pinned in requirements.lock) brings Spark itself; it needs only a Java runtime.
set -euo pipefail

version() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
if command -v java >/dev/null 2>&1 && [ "$(version)" -ge 17 ] 2>/dev/null; then
  echo "install-java: Java $(version) present" >&2
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-java: Java 17 is missing and this is not root; run:" >&2
  echo "  sudo apt-get install -y openjdk-17-jre-headless" >&2
  exit 1
fi
echo "install-java: installing Debian's openjdk-17-jre-headless" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >&2
java -version >&2
