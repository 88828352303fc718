#!/usr/bin/env bash
# crosscheck's one entry point for people and CI.
#
#   bash run.sh demo    install what is missing, build, ingest the bundled example stream
#                       into build/demo.db, list its stories and brief the largest (also
#                       as a page, build/demo.html)
#   bash run.sh test    install what is missing, build, run every test (ctest)
#   bash run.sh bench   install what is missing, build, run the benchmarks in bench/
#   bash run.sh build   install what is missing and build
#   bash run.sh fuzz [SECONDS]   build the libFuzzer targets with clang (ASan+UBSan)
#                       and run each for SECONDS (default 60) on its seed corpus
#   bash run.sh sanitize   build everything with clang, AddressSanitizer and
#                       UndefinedBehaviorSanitizer (build-fuzz, shared with fuzz) and
#                       run every test there; any report fails the run
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
  libgumbo-dev zlib1g-dev libzstd-dev libsqlite3-dev libcpp-httplib-dev
  libpq-dev postgresql
  wamerican-small wamerican wamerican-large wbritish-small wbritish wbritish-large
  wordnet-base
  iso-codes tzdata
  pybind11-dev python3-pybind11 python3-dev python3-dask python3-distributed
)
# The second compiler: tests and fuzz targets must keep building with clang.
CLANG_PACKAGES=(clang libclang-rt-14-dev)
# The browser test of the HTML brief (tests/browser): Debian's Chromium, driven by
# Node with playwright-core from npm; no browser is downloaded.
BROWSER_PACKAGES=(chromium)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Chromium, and Node and npm unless some are already there (a Node from another
# source brings its own npm); then the npm packages pinned by package-lock.json. If
# npm cannot fetch them, the browser test reports SKIP and the rest still runs.
browser_test_setup() {
  local packages=("${BROWSER_PACKAGES[@]}")
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  install_packages "${packages[@]}"
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent) ||
    echo "run.sh: npm ci in tests/browser failed; the browser test will be skipped" >&2
}

build() {
  install_packages
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

# The fuzz build: clang, ASan + UBSan + libFuzzer, tests included, so that clang
# compiles every target. CROSSCHECK_SKIP_CLANG=1 leaves it out of `test`. Its
# library, CLI and tests are all instrumented, so `sanitize` runs ctest in it. The
# Python module is left out there: an ASan-instrumented module does not load into
# an uninstrumented interpreter.
build_clang() {
  install_packages "${CLANG_PACKAGES[@]}"
  cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCROSSCHECK_BUILD_FUZZ=ON -DCROSSCHECK_BUILD_BENCH=OFF -DCROSSCHECK_BUILD_PYTHON=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)"
}

# Undefined behaviour stops the program as a memory error does (UBSan only prints
# and goes on by default), with the stack of where it happened.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

fuzz() {
  local seconds=${1:-60}
  build_clang
  local target seeds
  for target in input_reader_fuzz html_reader_fuzz extract_fuzz brief_fuzz prepared_fuzz; do
    seeds=(fuzz/corpus/"$target")
    [ "$target" = input_reader_fuzz ] && seeds+=(testdata/hostile)
    # New inputs the fuzzer finds go to a work folder, never into the repository.
    mkdir -p build-fuzz/corpus/"$target" build-fuzz/crashes/"$target"
    echo "run.sh: fuzzing $target for ${seconds}s" >&2
    build-fuzz/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/"$target"/ \
      build-fuzz/corpus/"$target" "${seeds[@]}"
  done
}

case "${1:-}" in
  demo)
    build
    rm -f "$BUILD_DIR"/demo.db "$BUILD_DIR"/demo.db-wal "$BUILD_DIR"/demo.db-shm "$BUILD_DIR"/demo.db.lock
    "$BUILD_DIR"/crosscheck ingest --db "$BUILD_DIR"/demo.db examples/story/ examples/stream/
    echo
    "$BUILD_DIR"/crosscheck stories --db "$BUILD_DIR"/demo.db
    largest=$("$BUILD_DIR"/crosscheck stories --db "$BUILD_DIR"/demo.db --format json --limit 1 |
      sed -n 's/^{"story":\([0-9]*\),.*/\1/p')
    echo
    "$BUILD_DIR"/crosscheck brief --db "$BUILD_DIR"/demo.db --story "$largest"
    "$BUILD_DIR"/crosscheck brief --db "$BUILD_DIR"/demo.db --story "$largest" --format html -o "$BUILD_DIR"/demo.html
    echo
    echo "run.sh: the same brief as a page: $BUILD_DIR/demo.html (open it in a browser);" \
      "the web UI: $BUILD_DIR/crosscheck serve --db $BUILD_DIR/demo.db"
    ;;
  test)
    browser_test_setup
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
    [ "${CROSSCHECK_SKIP_CLANG:-}" = 1 ] || build_clang
    ;;
  fuzz)
    fuzz "${2:-60}"
    ;;
  sanitize)
    browser_test_setup
    build_clang
    ctest --test-dir build-fuzz --output-on-failure -j"$(nproc)"
    ;;
  bench)
    build
    bash bench/run_benchmarks.sh "$BUILD_DIR"
    ;;
  build)
    build
    ;;
  *)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
