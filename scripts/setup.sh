#!/usr/bin/env bash
# Install everything straitwatch needs on a fresh Debian 12 machine (run as root or
# with sudo). Idempotent: packages already present are not fetched again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang clang-format clang-tidy libclang-rt-14-dev
  libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libeigen3-dev libgeographiclib-dev libboost-dev
  libssl-dev libsqlite3-dev libnetcdf-dev libpugixml-dev libtoml11-dev libsimdjson-dev tshark
  libnats-dev nats-server openssl
  libcairo2-dev libfontconfig-dev
  libpq-dev postgresql postgis postgresql-15-postgis-3
  libgtest-dev libgmock-dev libbenchmark-dev
  gpsd-clients hyperfine jq python3 python3-numpy python3-scipy python3-netcdf4
  chromium
)
# The web map is built with Node.js and npm (Vite needs Node 20.19 or newer). The machine
# image has them; a bare Debian 12 gets its own nodejs and npm, which are too old for Vite:
# install Node 20 (e.g. from the NodeSource repository) there.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
