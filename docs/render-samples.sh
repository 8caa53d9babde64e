#!/bin/sh
# render-samples.sh [BUILD_DIR] - regenerates docs/samples-graph.png (the
# drawing of samples/*.txt) and docs/samples-graph.html with the kgraph in
# BUILD_DIR (default: build), and, when Chromium is installed, a screenshot of
# the interactive page with one relation clicked (docs/samples-page.png).
# Re-run whenever entity recognition, parsing or the exporters change.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
KGRAPH="$BUILD/kgraph"
[ -x "$KGRAPH" ] || { echo "render-samples: build kgraph first ($KGRAPH)" >&2; exit 1; }
# the sanitizer build reports Graphviz's start-up allocations; they are not ours
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="fast_unwind_on_malloc=0"
"$KGRAPH" build samples/*.txt -o docs/samples-graph.png -o docs/samples-graph.html \
    -o "${TMPDIR:-/tmp}/kg-samples.json"
if command -v chromium >/dev/null; then
    /usr/bin/python3 tests/cli/html_chromium.py docs/samples-graph.html \
        "${TMPDIR:-/tmp}/kg-samples.json" docs/samples-page.png >/dev/null
fi
rm -f "${TMPDIR:-/tmp}/kg-samples.json"
ls -l docs/samples-graph.png docs/samples-graph.html
