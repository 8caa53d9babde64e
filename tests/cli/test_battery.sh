#!/bin/sh
# test_battery.sh KGRAPH SOURCE_DIR - bad and hostile inputs: each gets one
# clear error line naming the file, or a correct result; never a crash, a hang
# or a partial output file.
set -u
KGRAPH=$1
SRC=$2
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# run NAME SECONDS CMD...: CMD must finish within SECONDS (no hang) and not crash
run() {
    name=$1
    limit=$2
    shift 2
    timeout "$limit" "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
    [ "$status" -eq 124 ] && fail "$name: still running after ${limit}s"
    [ "$status" -gt 1 ] && [ "$status" -ne 124 ] && fail "$name: exit status $status: $(head -c 300 "$TMP/err")"
    return 0
}
# one_error NAME PATTERN: the last run failed with one stderr line matching PATTERN
one_error() {
    [ "$status" -eq 1 ] || fail "$1: exit status $status, expected 1"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: stderr is not one line: $(head -c 300 "$TMP/err")"
    grep -q -- "$2" "$TMP/err" || fail "$1: stderr '$(cat "$TMP/err")' lacks '$2'"
}
ok() {
    [ "$status" -eq 0 ] || fail "$1: exit status $status: $(head -c 300 "$TMP/err")"
}

# empty and whitespace-only files: an empty graph, no error
: >"$TMP/empty.txt"
printf ' \n\t\n   \n' >"$TMP/blank.txt"
run empty 30 "$KGRAPH" build "$TMP/empty.txt" "$TMP/blank.txt" -o "$TMP/empty.graphml"
ok empty
grep -q '<graph ' "$TMP/empty.graphml" || fail "empty: no GraphML written"

# 20 MB without a newline, and a 100,000-word sentence without punctuation
awk 'BEGIN { for (i = 0; i < 2000000; i++) printf "word%d ", i % 97; }' >"$TMP/long-line.txt"
run "20 MB line" 300 "$KGRAPH" extract "$TMP/long-line.txt"
ok "20 MB line"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "Qatar talks with Kabul %d ", i; print "" }' >"$TMP/one-sentence.txt"
run "100,000-word sentence" 300 "$KGRAPH" build "$TMP/one-sentence.txt" -o "$TMP/long.graphml"
ok "100,000-word sentence"

# encodings and binary
printf 'caf\303 au lait\n' >"$TMP/bad-utf8.txt"
run "invalid UTF-8" 30 "$KGRAPH" extract "$TMP/bad-utf8.txt"
one_error "invalid UTF-8" "bad-utf8.txt: invalid UTF-8 at byte 3"
printf 'a\300\257b\n' >"$TMP/overlong.txt"
run "overlong encoding" 30 "$KGRAPH" extract "$TMP/overlong.txt"
one_error "overlong encoding" "overlong.txt: invalid UTF-8 at byte 1"
printf 'Qatar\000mediated\n' >"$TMP/nul.txt"
run "NUL byte" 30 "$KGRAPH" extract "$TMP/nul.txt"
one_error "NUL byte" "nul.txt: binary file"
printf '\377\376Q\000a\000t\000a\000r\000' >"$TMP/utf16.txt"
run "UTF-16" 30 "$KGRAPH" extract "$TMP/utf16.txt"
one_error "UTF-16" "utf16.txt: UTF-16"
head -c 4096 /dev/urandom >"$TMP/random.bin"
run "binary" 30 "$KGRAPH" extract "$TMP/random.bin"
one_error "binary" "random.bin: "

# files and names
run "missing file" 30 "$KGRAPH" extract "$TMP/nope.txt"
one_error "missing file" "nope.txt: cannot open"
echo "Qatar hosted the talks." >"$TMP/locked.txt"
chmod 000 "$TMP/locked.txt"
if ! cat "$TMP/locked.txt" >/dev/null 2>&1; then # root reads anything
    run "unreadable file" 30 "$KGRAPH" extract "$TMP/locked.txt"
    one_error "unreadable file" "locked.txt: cannot open: Permission denied"
fi
mkdir "$TMP/dir with spaces"
echo "The Taliban released Glezmann in Kabul." >"$TMP/dir with spaces/naïve name ñ.txt"
run "names with spaces and unicode" 30 "$KGRAPH" extract "$TMP/dir with spaces/naïve name ñ.txt"
ok "names with spaces and unicode"
grep -q "naïve name ñ.txt" "$TMP/out" || fail "unicode name missing from provenance"

# other scripts: a correct (possibly empty) result
printf 'طالبان در کابل مذاکره کردند.\n塔利班在喀布尔释放了一名美国人。\nТалибы освободили американца в Кабуле.\n' >"$TMP/scripts.txt"
run "other scripts" 30 "$KGRAPH" build "$TMP/scripts.txt" -o "$TMP/scripts.graphml" -o "$TMP/scripts.svg"
ok "other scripts"

# thousands of distinct entities, names full of markup characters
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Person%c%d Alpha met Company%d Beta in City%d.\n", 65 + i % 26, i, i, i % 500 }' >"$TMP/many.txt"
run "thousands of entities" 120 "$KGRAPH" build "$TMP/many.txt" -o "$TMP/many.graphml"
ok "thousands of entities"
printf 'Ab<script>&"Cd\x27\\\\ Ef met Gh</svg>&amp; Ij.\n' >"$TMP/markup.txt"
run "markup in names" 30 "$KGRAPH" build "$TMP/markup.txt" -o "$TMP/markup.graphml" -o "$TMP/markup.svg" -o "$TMP/markup.dot"
ok "markup in names"
if command -v xmllint >/dev/null; then
    xmllint --noout "$TMP/markup.graphml" "$TMP/markup.svg" 2>/dev/null || fail "markup in names broke the XML"
fi

# XML attacks on --update: no external entity is read, no expansion blows up
cat >"$TMP/xxe.graphml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE graphml [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="l" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed"><node id="n0"><data key="l">&secret;</data></node></graph></graphml>
XML
run "XXE" 30 "$KGRAPH" build --update "$TMP/xxe.graphml" "$TMP/empty.txt" -o "$TMP/xxe-out.graphml"
grep -q "root:" "$TMP/xxe-out.graphml" 2>/dev/null && fail "XXE: /etc/passwd was read"
{
    echo '<?xml version="1.0"?><!DOCTYPE graphml ['
    echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    for i in b c d e f g h i j k; do
        p=$(printf '%s' "abcdefghijk" | cut -c"$(( $(printf '%d' "'$i") - 97 ))")
        echo "<!ENTITY $i \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"
    done
    echo ']><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="l" for="node" attr.name="label" attr.type="string"/>'
    echo '<graph><node id="n0"><data key="l">&k;</data></node></graph></graphml>'
} >"$TMP/laughs.graphml"
run "billion laughs" 60 "$KGRAPH" build --update "$TMP/laughs.graphml" "$TMP/empty.txt" -o "$TMP/laughs-out.graphml"

# output safety: a size-limited file system fails the write, leaves nothing
# half-written and keeps the previous output
echo "previous" >"$TMP/keep.graphml"
( ulimit -f 4 && "$KGRAPH" build "$SRC/samples/recognition-bid-translated.txt" -o "$TMP/keep.graphml" ) \
    >/dev/null 2>"$TMP/err"
status=$?
one_error "size-limited output" "keep.graphml: write failed"
[ "$(cat "$TMP/keep.graphml")" = "previous" ] || fail "size-limited output replaced the old file"
[ "$(ls -A "$TMP" | grep -c '^\.keep')" -eq 0 ] || fail "size-limited output left a temporary file"
# a closed standard output is an error, not a crash
( "$KGRAPH" extract "$SRC/samples/amiry-freed-news.txt" >&- ) 2>"$TMP/err"
status=$?
one_error "closed stdout" "write failed"
# piping into head ends quietly
"$KGRAPH" extract "$TMP/many.txt" 2>"$TMP/err" | head -1 >/dev/null
[ ! -s "$TMP/err" ] || fail "SIGPIPE was not quiet: $(head -c 200 "$TMP/err")"

if [ "$failures" -ne 0 ]; then
    echo "$failures battery check(s) failed"
    exit 1
fi
echo "all battery checks passed"
