#!/usr/bin/env bash
# Runs every benchmark and prints its figures, with the commit and the machine,
# so that results can be recorded beside the code they measure.
#   bash bench/run_benchmarks.sh [BUILD_DIR]
set -euo pipefail
BUILD_DIR=${1:-build}
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$BUILD_DIR"/bench/extract_bench --benchmark_counters_tabular=true
"$BUILD_DIR"/bench/brief_bench
"$BUILD_DIR"/bench/html_bench
"$BUILD_DIR"/bench/minhash_bench
