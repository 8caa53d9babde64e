#!/bin/sh
# run.sh [SECONDS] [TARGET...] - builds the libFuzzer targets with clang and runs
# each for SECONDS (default 60), corpora seeded from samples/ and tests/data and
# kept in build-fuzz/corpus/TARGET. A crash leaves its input in build-fuzz/ and
# exits non-zero: add it as a regression test.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
shift 2>/dev/null || true
TARGETS=${*:-"fuzz_text fuzz_records fuzz_graphml fuzz_html fuzz_model"}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DKG_FUZZ=ON -DKG_BUILD_TESTS=OFF \
    -DKG_ARENA_MALLOC=ON >/dev/null
# shellcheck disable=SC2086
cmake --build build-fuzz -j "$(nproc)" --target $TARGETS kgraph_cli >/dev/null
for t in $TARGETS; do
    corpus=build-fuzz/corpus/$t
    mkdir -p "$corpus"
    case $t in
    fuzz_text) cp samples/*.txt tests/data/html/*.html "$corpus"/ 2>/dev/null || true ;;
    fuzz_html) cp tests/data/html/* "$corpus"/ 2>/dev/null || true ;;
    fuzz_model)
        # one seed per target byte: a real gazetteer file, and small real payloads
        if [ -z "$(ls -A "$corpus")" ]; then
            { printf '\005'; cat models/gazetteers/countries.tsv; } >"$corpus/gazetteer"
            { printf '\002'; tail -c +33 models/syntax-lemmas.kgm | head -c 65536; } >"$corpus/lemmas"
            { printf '\000'; head -c 65536 models/syntax-lemmas.kgm; } >"$corpus/container"
            { printf '\004'; tail -c +33 models/ner.kgm | head -c 65536; } >"$corpus/ner"
        fi ;;
    fuzz_records)
        [ -n "$(ls -A "$corpus")" ] || ./build-fuzz/kgraph extract samples/amiry-freed-news.txt \
            -o "$corpus/records.tsv" 2>/dev/null || true ;;
    fuzz_graphml)
        [ -n "$(ls -A "$corpus")" ] || ./build-fuzz/kgraph build samples/amiry-freed-news.txt \
            -o "$corpus/graph.graphml" 2>/dev/null || true ;;
    esac
    bin=build-fuzz/tests/fuzz/$t
    [ -x "$bin" ] || { echo "$t: not built"; exit 1; }
    echo "== $t for ${SECONDS_EACH}s"
    LSAN_OPTIONS=suppressions=tests/lsan.supp "$bin" -max_total_time="$SECONDS_EACH" \
        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/"$t"- \
        "$corpus" >build-fuzz/"$t".log 2>&1 || true
    grep -E "DONE|ERROR|SUMMARY|Test unit written" build-fuzz/"$t".log || tail -5 build-fuzz/"$t".log
    ls build-fuzz/"$t"-* >/dev/null 2>&1 && { echo "$t: crash inputs in build-fuzz/"; exit 1; }
done
echo "no crashes"
