#!/bin/sh
# test_cli.sh KGRAPH SOURCE_DIR - the kgraph command's contract: outputs on
# success, one clear error line naming the file on bad input, exit status 1,
# and no partial output left behind.
set -u
KGRAPH=$1
SRC=$2
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect_error NAME PATTERN CMD...: CMD exits 1 with exactly one stderr line matching PATTERN.
expect_error() {
    name=$1
    pattern=$2
    shift 2
    "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    status=$?
    [ "$status" -eq 1 ] || fail "$name: exit status $status, expected 1"
    lines=$(wc -l <"$TMP/stderr")
    [ "$lines" -eq 1 ] || fail "$name: $lines stderr lines, expected 1: $(cat "$TMP/stderr")"
    grep -q -- "$pattern" "$TMP/stderr" || fail "$name: stderr '$(cat "$TMP/stderr")' lacks '$pattern'"
}

# --- success paths --------------------------------------------------------
mkdir "$TMP/out"
"$KGRAPH" build "$SRC"/samples/*.txt -o "$TMP/out/graph.graphml" -o "$TMP/out/graph.dot" \
    -o "$TMP/out/graph.svg" -o "$TMP/out/graph.gexf" -o "$TMP/out/graph.json" \
    -o "$TMP/out/graph.html" -o "$TMP/out/graph.ttl" --format neo4j -o "$TMP/out/neo4j" \
    2>"$TMP/stderr" || fail "build samples: $(cat "$TMP/stderr")"
for f in graph.graphml graph.dot graph.svg graph.gexf graph.json graph.html graph.ttl \
    neo4j/nodes.csv neo4j/relationships.csv; do
    [ -s "$TMP/out/$f" ] || fail "build samples: $f missing or empty"
done
[ "$(ls -A "$TMP/out" | wc -l)" -eq 8 ] || fail "build samples: stray files: $(ls -A "$TMP/out")"
[ "$(ls -A "$TMP/out/neo4j" | wc -l)" -eq 2 ] || fail "neo4j: stray files: $(ls -A "$TMP/out/neo4j")"
grep -q '<svg' "$TMP/out/graph.svg" || fail "graph.svg is not SVG"
grep -q 'attr.name="evidence"' "$TMP/out/graph.graphml" || fail "graph.graphml lacks evidence key"
grep -q 'Taliban' "$TMP/out/graph.dot" || fail "graph.dot lacks the Taliban"

if command -v xmllint >/dev/null; then
    xmllint --nonet --noout "$TMP/out/graph.graphml" || fail "xmllint rejects graph.graphml"
    xmllint --nonet --noout "$TMP/out/graph.svg" || fail "xmllint rejects graph.svg"
    schema="$SRC/../shared/data/schemas/graphml-1.0/graphml.xsd"
    if [ -r "$schema" ]; then
        xmllint --nonet --noout --schema "$schema" "$TMP/out/graph.graphml" 2>"$TMP/xsd" ||
            fail "graph.graphml is not valid GraphML: $(head -3 "$TMP/xsd")"
    fi
fi
if command -v dot >/dev/null; then
    dot -Tsvg "$TMP/out/graph.dot" -o /dev/null 2>"$TMP/dot" || fail "dot rejects graph.dot: $(cat "$TMP/dot")"
fi

# stdin in, stdout out
echo "Qatar mediated talks with the Taliban. The Taliban released Glezmann." |
    "$KGRAPH" build --format dot -o - - >"$TMP/stdin.dot" 2>"$TMP/stderr" || fail "stdin build: $(cat "$TMP/stderr")"
grep -q 'Glezmann' "$TMP/stdin.dot" || fail "stdin build: Glezmann missing from DOT"
echo "The Taliban released Glezmann." | "$KGRAPH" extract - >"$TMP/x.tsv" || fail "extract stdin"
head -1 "$TMP/x.tsv" | grep -q '^kind	doc	sentence	start	end	subject	subject_entity' || fail "extract: no TSV header"
grep -q '^triple	<stdin>	0	0	30	The Taliban	Taliban	ORG	release	Glezmann	Glezmann	PERSON	0\.[0-9]*	released	0	' "$TMP/x.tsv" ||
    fail "extract: triple missing: $(cat "$TMP/x.tsv")"
# CaRB's tabbed output: the input line, confidence, relation as written, arguments in order
printf 'Amiri was detained by the Taliban in Kabul .\n' | "$KGRAPH" extract --format carb - >"$TMP/x.carb" ||
    fail "extract --format carb"
grep -qx 'Amiri was detained by the Taliban in Kabul \.	0\.[0-9]*	was detained by	Amiri	the Taliban	in Kabul' "$TMP/x.carb" ||
    fail "extract --format carb: $(cat "$TMP/x.carb")"
echo "The Taliban released Glezmann." | "$KGRAPH" extract --format jsonl - >"$TMP/x.jsonl" || fail "extract jsonl"
/usr/bin/python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r[0]['kind']=='document' and r[1]['kind']=='triple' and r[1]['subject']['name']=='Taliban', r" "$TMP/x.jsonl" ||
    fail "extract --format jsonl is not JSON lines with the triple"

"$KGRAPH" --version | grep -q '^kgraph [0-9]' || fail "--version"
"$KGRAPH" build --help | grep -q 'usage: kgraph build' || fail "build --help"
"$KGRAPH" extract --help | grep -q 'usage: kgraph extract' || fail "extract --help"

# --format names the format of an output without a known extension
echo "Qatar mediated talks with the Taliban." >"$TMP/short.txt"
"$KGRAPH" build "$TMP/short.txt" --format json -o "$TMP/graph-data" 2>"$TMP/stderr" ||
    fail "--format json: $(cat "$TMP/stderr")"
head -c 1 "$TMP/graph-data" | grep -q '{' || fail "--format json did not write JSON"
"$KGRAPH" build "$TMP/short.txt" --layout circo --no-positions -o "$TMP/circo.svg" -o "$TMP/np.graphml" \
    2>"$TMP/stderr" || fail "--layout circo: $(cat "$TMP/stderr")"
grep -q 'attr.name="x"' "$TMP/np.graphml" && fail "--no-positions still wrote x"

# --- errors ---------------------------------------------------------------
printf 'caf\303 au lait\n' >"$TMP/bad-utf8.txt"
printf 'ok\000\001\002binary' >"$TMP/binary.dat"
echo "Qatar mediated." >"$TMP/good.txt"
expect_error "missing file" "no-such-file.txt: cannot open" "$KGRAPH" build "$TMP/no-such-file.txt" -o "$TMP/g.dot"
expect_error "invalid UTF-8" "bad-utf8.txt: invalid UTF-8 at byte 3" "$KGRAPH" build "$TMP/bad-utf8.txt" -o "$TMP/g.dot"
expect_error "binary file" "binary.dat: binary file" "$KGRAPH" extract "$TMP/binary.dat"
mkdir "$TMP/empty-dir"
expect_error "empty directory" "empty-dir: directory holds no input files" "$KGRAPH" extract "$TMP/empty-dir"
expect_error "unknown format" "graph.xyz: unknown output format" "$KGRAPH" build "$TMP/good.txt" -o "$TMP/graph.xyz"
expect_error "no output" "no output" "$KGRAPH" build "$TMP/good.txt"
expect_error "unknown command" "unknown command" "$KGRAPH" frobnicate
expect_error "unknown layout" "unknown layout 'spring'" "$KGRAPH" build "$TMP/good.txt" --layout spring -o "$TMP/g.svg"
expect_error "neo4j to stdout" "neo4j writes a directory" "$KGRAPH" build "$TMP/good.txt" --format neo4j -o -
expect_error "bad --max-draw" "max-draw needs a number" "$KGRAPH" build "$TMP/good.txt" --max-draw lots -o "$TMP/g.svg"
# a drawing too big to read: refused before any layout, naming --top
expect_error "drawing too large" "too many to draw legibly.*--top N" "$KGRAPH" build "$SRC"/samples/*.txt --max-draw 5 -o "$TMP/g.graphml" -o "$TMP/g.svg"
[ ! -e "$TMP/g.graphml" ] || fail "a refused drawing still wrote g.graphml"
"$KGRAPH" build "$SRC"/samples/*.txt --max-draw 5 -o "$TMP/big.graphml" 2>"$TMP/stderr" ||
    fail "the drawing limit stopped a GraphML export: $(cat "$TMP/stderr")"
[ ! -e "$TMP/g.dot" ] || fail "a failed build left g.dot behind"

# a directory is walked for inputs, with --include/--exclude
mkdir -p "$TMP/corpus/sub" "$TMP/corpus/.hidden"
echo "The Taliban released Glezmann." >"$TMP/corpus/sub/a.txt"
echo "Qatar mediated the release." >"$TMP/corpus/b.txt"
echo "<html><body><article><p>Trump praised Qatar for its mediation of the release.</p></article></body></html>" >"$TMP/corpus/c.html"
echo "binary? no: ignored by extension" >"$TMP/corpus/notes.md"
echo "The Taliban released Glezmann." >"$TMP/corpus/.hidden/x.txt"
"$KGRAPH" extract "$TMP/corpus" >"$TMP/dir.tsv" || fail "extract DIR"
[ "$(grep -c '^document' "$TMP/dir.tsv")" -eq 3 ] || fail "extract DIR: $(grep '^document' "$TMP/dir.tsv" | cut -f2)"
grep '^document' "$TMP/dir.tsv" | cut -f2 | sed 's|.*/corpus/||' | tr '\n' ' ' | grep -q '^b.txt c.html sub/a.txt $' ||
    fail "extract DIR: files not in name order: $(grep '^document' "$TMP/dir.tsv" | cut -f2)"
"$KGRAPH" extract --exclude 'sub/*,*.html' "$TMP/corpus" | grep -c '^document' | grep -qx 1 ||
    fail "--exclude did not leave out sub/ and .html"
"$KGRAPH" extract --include '*.html' "$TMP/corpus" | grep '^document' | grep -q 'c.html' || fail "--include"
"$KGRAPH" text "$TMP/corpus/c.html" | grep -qx "Trump praised Qatar for its mediation of the release." ||
    fail "text of a web page: $("$KGRAPH" text "$TMP/corpus/c.html")"
printf 'Loading Now\nQatar mediated the talks.\nPost Comment\n' >"$TMP/furniture.txt"
[ "$("$KGRAPH" text "$TMP/furniture.txt")" = "Qatar mediated the talks." ] || fail "text keeps furniture"
[ "$("$KGRAPH" text --keep-furniture "$TMP/furniture.txt" | wc -l)" -eq 3 ] || fail "--keep-furniture"

# unwritable output: the error names it, and an existing output is untouched
mkdir "$TMP/ro"
echo "previous graph" >"$TMP/ro/graph.dot"
chmod a-w "$TMP/ro"
if [ ! -w "$TMP/ro" ]; then # root ignores permissions
    expect_error "unwritable output" "ro/graph.dot: cannot write" "$KGRAPH" build "$TMP/good.txt" -o "$TMP/ro/graph.dot"
    [ "$(cat "$TMP/ro/graph.dot")" = "previous graph" ] || fail "unwritable output: old file changed"
fi
chmod u+w "$TMP/ro"
expect_error "missing directory" "nodir/graph.svg: cannot write" "$KGRAPH" build "$TMP/good.txt" -o "$TMP/nodir/graph.svg"

# a full disk: /dev/full accepts the open and fails every write
if [ -w /dev/full ]; then
    expect_error "full disk (stdout)" "write failed" sh -c "'$KGRAPH' extract '$SRC/samples/amiry-freed-news.txt' >/dev/full"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures CLI check(s) failed"
    exit 1
fi
echo "all CLI checks passed"
