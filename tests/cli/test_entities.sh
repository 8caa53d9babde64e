#!/bin/sh
# test_entities.sh KGRAPH SOURCE_DIR - `kgraph entities` on the samples: one
# row for each person, organisation and country samples/README.md names, none
# for page furniture, bylines or source lines; --mentions columns and byte
# offsets; --one-sentence-per-line numbering; records read back (--triples).
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

[ -r "$SRC/models/ner.kgm" ] || { echo "no models: skipped"; exit 77; }

"$KGRAPH" entities "$SRC"/samples/*.txt >"$TMP/entities.tsv" 2>"$TMP/stderr" ||
    fail "entities samples: $(cat "$TMP/stderr")"
[ "$(head -1 "$TMP/entities.tsv")" = "$(printf 'label\ttype\tmentions\taliases\troles\tdocuments')" ] ||
    fail "entities header: $(head -1 "$TMP/entities.tsv")"
awk -F'\t' 'NF != 6 { bad = 1 } END { exit bad }' "$TMP/entities.tsv" || fail "entities: rows without 6 columns"

# rows NAME...: the rows whose label or one of whose aliases is one of the names
rows() {
    awk -F'\t' -v names="$*" 'BEGIN { n = split(names, w, "|") }
        NR > 1 { hit = 0; k = split($4, a, "|")
                 for (i = 1; i <= n; i++) { if ($1 == w[i]) hit = 1
                     for (j = 1; j <= k; j++) if (a[j] == w[i]) hit = 1 }
                 if (hit) print }' "$TMP/entities.tsv"
}

# one LABEL TYPE NAMES: exactly one row names any of NAMES ('|'-separated), with
# that label and type, and it has every one of NAMES among its aliases
one() {
    label=$1 type=$2 names=$3
    found=$(rows "$names")
    count=$(printf '%s' "$found" | grep -c .)
    [ "$count" -eq 1 ] || { fail "$label: $count rows: $found"; return; }
    [ "$(printf '%s' "$found" | cut -f1)" = "$label" ] || fail "$label: labelled '$(printf '%s' "$found" | cut -f1)'"
    [ "$(printf '%s' "$found" | cut -f2)" = "$type" ] || fail "$label: typed '$(printf '%s' "$found" | cut -f2)'"
    old_ifs=$IFS
    IFS='|'
    for n in $names; do
        printf '%s' "$found" | cut -f4 | tr '|' '\n' | grep -qxF "$n" || fail "$label: no alias '$n'"
    done
    IFS=$old_ifs
}

one "Amir Amiri" PERSON "Amir Amiri|Amir Amiry|Amiry"
one "Donald Trump" PERSON "Donald Trump|Trump"
one "United States" GPE "U.S.|US|United States"
one "Kabul" GPE "Kabul|Cabul"
one "Zalmay Khalilzad" PERSON "Zalmay Khalilzad|Khalilzad"
one "Adam Boehler" PERSON "Adam Boehler"
one "George Glezmann" PERSON "George Glezmann|Glezmann"
one "Faye Hall" PERSON "Faye Hall"
one "Qatar" GPE "Qatar"
one "Taliban" ORG "Taliban"

# roles the texts give
role() {
    rows "$1" | cut -f5 | tr '|' '\n' | grep -qxF "$2" || fail "$1: no role '$2': $(rows "$1" | cut -f5)"
}
role "Donald Trump" president
role "George Glezmann" prisoner
role "Sirajuddin Haqqani" "interior minister of Taliban"
role "Qatar" mediator
role "Faye Hall" "detainee of Taliban"
role "Amir Amiri" "detainee of Taliban"
role "Zalmay Khalilzad" negotiator

# "Qatari mediators" are Qatar's
rows Qatar | cut -f4 | tr '|' '\n' | grep -qxF Qatari || fail "Qatari is not an alias of Qatar"

# page furniture, bylines and source lines are no entities
if grep -E -i 'dawat|dnb|vipps|cnn|loading|comment|burhani|california|557320' "$TMP/entities.tsv" >"$TMP/furniture"; then
    fail "furniture rows: $(cat "$TMP/furniture")"
fi

# sorted by mentions (most first), then label
tail -n +2 "$TMP/entities.tsv" | LC_ALL=C sort -t "$(printf '\t')" -k3,3nr -k1,1 -s >"$TMP/sorted"
tail -n +2 "$TMP/entities.tsv" >"$TMP/body"
LC_ALL=C cmp -s "$TMP/sorted" "$TMP/body" || fail "entities not sorted by mentions, then label"

# --- mentions ------------------------------------------------------------
"$KGRAPH" entities --mentions "$SRC"/samples/*.txt >"$TMP/mentions.tsv" 2>"$TMP/stderr" ||
    fail "entities --mentions: $(cat "$TMP/stderr")"
[ "$(head -1 "$TMP/mentions.tsv")" = "$(printf 'doc\tsentence\tstart\tend\ttext\ttype\tentity')" ] ||
    fail "mentions header: $(head -1 "$TMP/mentions.tsv")"
awk -F'\t' 'NR > 1 && (NF != 7 || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ || $4 + 0 <= $3 + 0) { bad = 1 }
    END { exit bad }' "$TMP/mentions.tsv" || fail "mentions: malformed rows"
[ "$(tail -n +2 "$TMP/mentions.tsv" | wc -l)" -gt 300 ] || fail "mentions: too few rows"
# every row's offsets slice its text out of the input file
tail -n +2 "$TMP/mentions.tsv" | while IFS="$(printf '\t')" read -r doc sentence start end text type entity; do
    got=$(tail -c +$((start + 1)) "$doc" | head -c $((end - start)))
    [ "$got" = "$text" ] || { echo "FAIL: $doc:$start-$end is '$got', not '$text'"; echo x >>"$TMP/badslice"; }
done
[ -e "$TMP/badslice" ] && fail "mention offsets do not slice the input"
# canonical names after resolution within and across documents
check_mention() { # TEXT ENTITY [DOC]
    awk -F'\t' -v t="$1" -v e="$2" -v d="${3:-}" 'NR > 1 && $5 == t && (d == "" || index($1, d)) {
        n++; if ($7 != e) { print "FAIL: " $1 ":" $3 " " t " -> " $7 ", expected " e; bad = 1 } }
        END { if (!n) { print "FAIL: no mention " t; bad = 1 } exit bad }' "$TMP/mentions.tsv" ||
        fail "mention $1"
}
check_mention Cabul Kabul
check_mention Amiry "Amir Amiri"
check_mention US "United States"
check_mention U.S. "United States"
check_mention Glezmann "George Glezmann"
check_mention Trump "Donald Trump"
check_mention Qatari Qatar amiri-release-explainer
awk -F'\t' 'NR > 1 && $1 ~ /direct-dialogue/ && $2 == 1 { bad = 1 } END { exit bad }' "$TMP/mentions.tsv" ||
    fail "the byline of direct-dialogue-analysis.txt has mentions"

# --- one sentence per line ---------------------------------------------
printf "Qatar mediated the release.\nThe Taliban freed George Glezmann in Kabul\nQatar said Glezmann was released.\n" >"$TMP/lines.txt"
"$KGRAPH" entities --mentions --one-sentence-per-line "$TMP/lines.txt" >"$TMP/lines.tsv" 2>"$TMP/stderr" ||
    fail "--one-sentence-per-line: $(cat "$TMP/stderr")"
[ "$(awk -F'\t' '$5 == "Glezmann" { print $2 }' "$TMP/lines.tsv")" = 2 ] ||
    fail "--one-sentence-per-line: Glezmann not on line 2: $(cat "$TMP/lines.tsv")"
[ "$(awk -F'\t' '$5 == "George Glezmann" { print $2 }' "$TMP/lines.tsv")" = 1 ] ||
    fail "--one-sentence-per-line: a line without a period lost its names: $(cat "$TMP/lines.tsv")"
[ "$(awk -F'\t' '$5 == "Glezmann" { print $7 }' "$TMP/lines.tsv")" = "George Glezmann" ] ||
    fail "--one-sentence-per-line: Glezmann not resolved"

# --- records read back, -o --------------------------------------------------
"$KGRAPH" extract "$SRC"/samples/*.txt >"$TMP/records.tsv" 2>"$TMP/stderr" || fail "extract: $(cat "$TMP/stderr")"
"$KGRAPH" entities --triples "$TMP/records.tsv" -o "$TMP/from-records.tsv" 2>"$TMP/stderr" ||
    fail "entities --triples: $(cat "$TMP/stderr")"
cmp -s "$TMP/from-records.tsv" "$TMP/entities.tsv" || fail "entities from records differ from entities from texts"
"$KGRAPH" entities --types PERSON "$SRC"/samples/*.txt | tail -n +2 | cut -f2 | sort -u >"$TMP/types"
[ "$(cat "$TMP/types")" = PERSON ] || fail "--types PERSON: $(cat "$TMP/types")"

# --- usage -------------------------------------------------------------------
"$KGRAPH" entities >/dev/null 2>"$TMP/stderr" && fail "no inputs accepted"
[ "$(wc -l <"$TMP/stderr")" -eq 1 ] || fail "no inputs: $(cat "$TMP/stderr")"
"$KGRAPH" entities "$TMP/missing.txt" >/dev/null 2>"$TMP/stderr" && fail "missing file accepted"
grep -q "missing.txt" "$TMP/stderr" || fail "missing file: $(cat "$TMP/stderr")"

if [ "$failures" -ne 0 ]; then
    echo "$failures entities check(s) failed"
    exit 1
fi
echo "all entities checks passed"
