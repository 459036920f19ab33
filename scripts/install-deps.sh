#!/usr/bin/env bash
# Installs the Debian packages awardflow needs, only those missing.
#   scripts/install-deps.sh          build and run dependencies
#   scripts/install-deps.sh --test   also what the test suite uses
#   scripts/install-deps.sh --bench  also what the benchmarks compare against
#   scripts/install-deps.sh --fuzz   also clang with libFuzzer
# Runs apt-get as root, through sudo when available, or prints the exact command to run.
set -euo pipefail

packages=(build-essential cmake pkg-config libpoco-dev libxml2-dev libssl-dev libpq-dev
          libicu-dev doctest-dev libqpdf-dev libsqlite3-dev libkainjow-mustache-dev)
case "${1:-}" in
  --test)
    packages+=(qpdf xmlsec1 curl openssl chromium python3 postgresql-15)
    # The browser tests need node and npm; a machine that has them another way (e.g. a
    # nodesource build, which conflicts with Debian's npm) keeps its own.
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    ;;
  --bench) packages+=(libxmlsec1-dev wrk) ;;
  --fuzz) packages+=(clang) ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Missing Debian packages. Run as root:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
