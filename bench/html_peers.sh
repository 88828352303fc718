#!/usr/bin/env bash
# Article extraction speed, side by side in one run: crosscheck's HTML reader,
# python3-readability (Debian) and Mozilla's Readability with jsdom (npm), on the
# 181 pages of ../shared/data/article_extraction_benchmark (decompressed first;
# each tool is timed on extraction only).
#
#   bash bench/html_peers.sh [build-dir]
#
# Installs its peers itself: the Debian package python3-readability (apt-get, as
# root or with sudo) and the npm packages @mozilla/readability and jsdom into
# bench/peers/node_modules (git-ignored). Prints pages per second of each and
# crosscheck's ratio to the faster peer.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
DATA=../shared/data/article_extraction_benchmark
if [ ! -f "$DATA/ground-truth.json" ]; then
  echo "skipped: $DATA not found (the benchmark lives in ../shared/data)"
  exit 0
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if ! dpkg-query -W -f='${Status}' python3-readability 2>/dev/null | grep -q "install ok installed"; then
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-readability >/dev/null
fi
if [ ! -d bench/peers/node_modules/jsdom ] || [ ! -d bench/peers/node_modules/@mozilla/readability ]; then
  (cd bench/peers && npm install --no-save --no-audit --no-fund --silent @mozilla/readability jsdom >/dev/null)
fi
[ -x "$BUILD_DIR/eval/article_extraction" ] || cmake --build "$BUILD_DIR" --target article_extraction >/dev/null

ours=$("$BUILD_DIR/eval/article_extraction" "$DATA" | grep "pages/s")
echo "crosscheck: $ours"
lxml=$(/usr/bin/python3 bench/peers/readability_lxml.py "$DATA")
echo "$lxml"
js=$(cd bench/peers && node readability_js.mjs "../../$DATA")
echo "$js"
rate() { sed -E 's/.* = ([0-9.]+) pages\/s.*/\1/' <<<"$1"; }
python3 - "$(rate "$ours")" "$(rate "$lxml")" "$(rate "$js")" <<'PY'
import sys
ours, lxml, js = map(float, sys.argv[1:])
faster = max(lxml, js)
print(f"crosscheck / faster peer: {ours / faster:.1f}x  (python3-readability {ours / lxml:.1f}x, readability.js {ours / js:.1f}x)")
PY
