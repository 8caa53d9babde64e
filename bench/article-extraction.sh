#!/usr/bin/env bash
# article-extraction.sh - article-body extraction accuracy and speed on the
# development half of the article extraction benchmark (Zyte/Scrapinghub),
# scored with the benchmark's own shingle metric.
#   bench/article-extraction.sh [BUILD_DIR]      (default: build-release, else build)
# The pages are read from $KG_SHARED_DIR/data/article-extraction-dev (default
# ../shared next to the repository) and unpacked into a temporary directory;
# nothing is copied into the repository. Build without sanitizers for speed:
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${KG_SHARED_DIR:-$top/../shared}
data=$shared/data/article-extraction-dev
build=${1:-}
if [ -z "$build" ]; then
    if [ -x "$top/build-release/article_bench" ]; then build=$top/build-release; else build=$top/build; fi
fi
bench=$build/article_bench
[ -x "$bench" ] || { echo "article-extraction.sh: no $bench (build first)" >&2; exit 1; }
[ -d "$data/html" ] || { echo "article-extraction.sh: no data at $data" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/html"
for f in "$data"/html/*.html.gz; do
    gunzip -c "$f" > "$tmp/html/$(basename "$f" .gz)"
done

echo "kgraph kg_html_extract on $(ls "$tmp/html" | wc -l) pages of $data"
"$bench" "$tmp/pred.json" "$tmp"/html/*.html
score=$(python3 "$shared/tools/shingle_f1.py" "$data/ground-truth.json" "$tmp/pred.json")
set -- $score
printf '\n%-22s %6s %6s %6s\n' system F1 P R
printf '%-22s %6s %6s %6s   (this run, dev half)\n' kgraph "$2" "$4" "$6"
echo "published (whole benchmark, F1 only):"
printf '%-22s %6s\n' trafilatura 0.958 newspaper4k 0.949 readability.js 0.947 goose3 0.896 \
    justext 0.804 "plain all-text" 0.665
if [ -n "${KG_BENCH_KEEP:-}" ]; then cp "$tmp/pred.json" "$KG_BENCH_KEEP"; fi
