#!/bin/sh
# throughput.sh [BUILD_DIR] - the performance harness: builds kgraph (Release),
# runs bench/throughput (every stage, end to end on 1 and 2 threads, the
# link-grammar baseline) on the samples repeated to a million tokens and on
# the treebank test sets, then measures the peak memory of `kgraph extract`
# (streaming: one document at a time) and `kgraph build` on 1, 10 and 100
# copies of the samples.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
ud=${KG_UD_DIR:-$root/../shared/data/ud}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKG_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target throughput kgraph_cli >/dev/null
cd "$root"
set -- --min-tokens 1000000
for f in "$ud/EWT/en_ewt-ud-test.conllu" "$ud/GUM/en_gum-ud-test.conllu"; do
    [ -r "$f" ] && set -- "$@" --treebank "$f"
done
"$build/throughput" "$@" 2>/dev/null

echo
echo "peak memory (max RSS) by corpus size, samples copied N times:"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 1 10 100; do
    mkdir -p "$tmp/$n"
    i=0
    while [ "$i" -lt "$n" ]; do
        for s in samples/*.txt; do cp "$s" "$tmp/$n/$i-$(basename "$s")"; done
        i=$((i + 1))
    done
    ex=$( { /usr/bin/time -f "%M %e" "$build/kgraph" extract -j 1 "$tmp/$n" >/dev/null; } 2>&1 | tail -1)
    bu=$( { /usr/bin/time -f "%M %e" "$build/kgraph" build -j 1 --no-positions "$tmp/$n" \
        -o "$tmp/g.graphml"; } 2>&1 | tail -1)
    echo "  $n copies ($((n * 5)) documents): extract $(echo "$ex" | awk '{printf "%.1f MB, %s s", $1/1024, $2}');" \
        "build $(echo "$bu" | awk '{printf "%.1f MB, %s s", $1/1024, $2}')"
done
