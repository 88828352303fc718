#!/usr/bin/env bash
# crosscheck's one entry point for people and CI.
#
#   bash run.sh demo    install what is missing, build, brief the bundled example story
#   bash run.sh test    install what is missing, build, run every test (ctest)
#   bash run.sh bench   install what is missing, build, run the benchmarks in bench/
#   bash run.sh build   install what is missing and build
#
# Works on a fresh Debian 12 machine as root (or with sudo). Packages come from
# Debian only; nothing is downloaded at build or run time.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(
  build-essential cmake pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libutf8proc-dev libstemmer-dev libxxhash-dev
  libgumbo-dev zlib1g-dev libzstd-dev
  wamerican-small wamerican wamerican-large wbritish-small wbritish wbritish-large
  wordnet-base
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  install_packages
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

case "${1:-}" in
  demo)
    build
    "$BUILD_DIR"/crosscheck brief examples/story/
    ;;
  test)
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
    ;;
  bench)
    build
    bash bench/run_benchmarks.sh "$BUILD_DIR"
    ;;
  build)
    build
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
