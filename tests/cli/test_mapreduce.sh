#!/bin/sh
# test_mapreduce.sh KGRAPH SOURCE_DIR - building from extraction records (TSV,
# JSONL, sharded) equals building from the texts; file order does not change
# a byte; --update adds documents to an existing graph; filters compose.
set -u
KGRAPH=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
S=$SRC/samples
cd "$S" || exit 1
FILES="amiri-release-explainer.txt amiry-freed-news.txt direct-dialogue-analysis.txt recognition-bid-summary.txt recognition-bid-translated.txt"

# shellcheck disable=SC2086
"$KGRAPH" build --cooccurrence $FILES -o "$TMP/direct.graphml" -o "$TMP/direct.dot" || fail "direct build"
[ -s "$TMP/direct.graphml" ] || fail "direct build wrote nothing"

# the same files in reverse order: byte-identical
# shellcheck disable=SC2086
"$KGRAPH" build --cooccurrence $(printf '%s\n' $FILES | sort -r) -o "$TMP/reversed.graphml" -o "$TMP/reversed.dot" ||
    fail "reversed build"
cmp -s "$TMP/direct.graphml" "$TMP/reversed.graphml" || fail "file order changed the GraphML"
cmp -s "$TMP/direct.dot" "$TMP/reversed.dot" || fail "file order changed the DOT"

# any number of threads: byte-identical
# shellcheck disable=SC2086
"$KGRAPH" build -j 1 --cooccurrence $FILES -o "$TMP/j1.graphml" || fail "build -j 1"
# shellcheck disable=SC2086
"$KGRAPH" build -j 4 --cooccurrence $FILES $FILES -o "$TMP/j4.graphml" || fail "build -j 4"
cmp -s "$TMP/direct.graphml" "$TMP/j1.graphml" || fail "-j 1 changed the GraphML"
# shellcheck disable=SC2086
"$KGRAPH" build -j 1 --cooccurrence $FILES $FILES -o "$TMP/j1x2.graphml" || fail "build -j 1 twice"
cmp -s "$TMP/j1x2.graphml" "$TMP/j4.graphml" || fail "-j 4 differs from -j 1"
# shellcheck disable=SC2086
[ "$("$KGRAPH" extract -j 3 $FILES | md5sum)" = "$("$KGRAPH" extract -j 1 $FILES | md5sum)" ] ||
    fail "extract -j 3 differs from -j 1"

# map: one shard per file, in TSV and in JSONL; reduce: build --triples
i=0
for f in $FILES; do
    i=$((i + 1))
    "$KGRAPH" extract "$f" -o "$TMP/shard$i.tsv" || fail "extract $f"
    "$KGRAPH" extract --format jsonl "$f" -o "$TMP/shard$i.jsonl" || fail "extract --format jsonl $f"
done
"$KGRAPH" build --cooccurrence --triples "$TMP"/shard*.tsv -o "$TMP/tsv.graphml" || fail "build --triples TSV"
cmp -s "$TMP/direct.graphml" "$TMP/tsv.graphml" || fail "TSV map-reduce differs from the direct build"
"$KGRAPH" build --cooccurrence --triples "$TMP"/shard*.jsonl -o "$TMP/jsonl.graphml" || fail "build --triples JSONL"
cmp -s "$TMP/direct.graphml" "$TMP/jsonl.graphml" || fail "JSONL map-reduce differs from the direct build"
# shellcheck disable=SC2086
"$KGRAPH" extract $FILES | "$KGRAPH" build --cooccurrence --triples - -o "$TMP/pipe.graphml" || fail "extract | build --triples -"
cmp -s "$TMP/direct.graphml" "$TMP/pipe.graphml" || fail "piped map-reduce differs from the direct build"

# update: three documents first, then the other two added to that graph
"$KGRAPH" build --cooccurrence amiri-release-explainer.txt amiry-freed-news.txt direct-dialogue-analysis.txt \
    -o "$TMP/part.graphml" || fail "partial build"
"$KGRAPH" build --cooccurrence --update "$TMP/part.graphml" recognition-bid-summary.txt recognition-bid-translated.txt \
    -o "$TMP/updated.graphml" || fail "build --update"
cmp -s "$TMP/direct.graphml" "$TMP/updated.graphml" || fail "--update differs from building everything at once"

# a bad records file gets a clear error naming file and line
printf 'triple\tdoc\tx\n' >"$TMP/bad.tsv"
"$KGRAPH" build --triples "$TMP/bad.tsv" -o "$TMP/bad.graphml" 2>"$TMP/err" && fail "bad records accepted"
grep -q "bad.tsv:1: expected 25 TAB-separated columns" "$TMP/err" || fail "bad records error: $(cat "$TMP/err")"
echo '<graphml><graph><node id="n0"/></graph></graphml>' >"$TMP/nolabel.graphml"
"$KGRAPH" build --update "$TMP/nolabel.graphml" "$TMP/bad.tsv" -o "$TMP/x.graphml" 2>"$TMP/err" && fail "bad --update accepted"
grep -q "nolabel.graphml: a node without a label" "$TMP/err" || fail "bad --update error: $(cat "$TMP/err")"

# filters
# shellcheck disable=SC2086
"$KGRAPH" build $FILES --top 5 -o "$TMP/top.graphml" || fail "--top"
[ "$(grep -c '<node ' "$TMP/top.graphml")" -eq 5 ] || fail "--top 5 kept $(grep -c '<node ' "$TMP/top.graphml") nodes"
# shellcheck disable=SC2086
"$KGRAPH" build $FILES --focus taliban --hops 1 --drop-isolates -o "$TMP/focus.graphml" || fail "--focus"
grep -q '>Taliban<' "$TMP/focus.graphml" || fail "--focus lost its entity"
# shellcheck disable=SC2086
"$KGRAPH" build $FILES --focus 'No Such Entity' -o "$TMP/none.graphml" 2>"$TMP/err" && fail "unknown --focus accepted"
grep -q "no entity named 'No Such Entity'" "$TMP/err" || fail "--focus error: $(cat "$TMP/err")"
[ ! -e "$TMP/none.graphml" ] || fail "failed build left output"
# shellcheck disable=SC2086
"$KGRAPH" build $FILES --types PERSN -o "$TMP/t.graphml" 2>"$TMP/err" && fail "unknown --types accepted"
grep -q "unknown entity type 'PERSN'" "$TMP/err" || fail "--types error: $(cat "$TMP/err")"

# stats prints the top entities and communities
# shellcheck disable=SC2086
"$KGRAPH" stats $FILES >"$TMP/stats" || fail "stats"
grep -q '^graph: [0-9]* entities' "$TMP/stats" || fail "stats header: $(head -1 "$TMP/stats")"
grep -q 'top 10 entities by PageRank' "$TMP/stats" || fail "stats ranking"
grep -q 'communities (Leiden' "$TMP/stats" || fail "stats communities"
# communities of one entity are summed up on one line, not listed one by one
grep -q '^  [0-9]* (1 entit' "$TMP/stats" && fail "stats lists single-entity communities one by one"
grep -q '^  [0-9]* more of one entity each: ' "$TMP/stats" || fail "stats: no line for single-entity communities"

if [ "$failures" -ne 0 ]; then
    echo "$failures map-reduce check(s) failed"
    exit 1
fi
echo "all map-reduce checks passed"
