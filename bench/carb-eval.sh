#!/bin/sh
# carb-eval.sh - kgraph's triple extraction on the CaRB Open IE benchmark
# (Bhardwaj et al., EMNLP 2019): writes the system output for the development
# sentences with `kgraph extract --format carb` and scores it with the CaRB
# scorer, printing F1, precision, recall and AUC; then times extraction
# against parsing on the same sentences (bench/carb_speed).
#
# Usage: bench/carb-eval.sh [BUILD_DIR] [MODEL_DIR]
# Environment: KG_CARB_SCORER - the scorer (default ../shared/tools/carb_score.py,
#              relative to the repository root: an exact reimplementation of the
#              official one); KG_CARB_DIR - dev.txt and dev.tsv (default
#              ../shared/data/carb-dev); KG_CARB_OUT - keep the system output in
#              this file; KG_CARB_NO_SPEED=1 - skip the timing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
models=${2:-$root/models}
cd "$root"
scorer=${KG_CARB_SCORER:-../shared/tools/carb_score.py}
data=${KG_CARB_DIR:-../shared/data/carb-dev}
for f in "$build/kgraph" "$scorer" "$data/dev.txt" "$data/dev.tsv"; do
    if [ ! -e "$f" ]; then
        echo "carb-eval.sh: $f not found" >&2
        exit 1
    fi
done
out=${KG_CARB_OUT:-}
tmp=
if [ -z "$out" ]; then
    tmp=$(mktemp)
    out=$tmp
    trap 'rm -f "$tmp"' EXIT
fi
"$build/kgraph" extract --models "$models" --format carb "$data/dev.txt" -o "$out"
echo "CaRB dev ($(wc -l <"$data/dev.txt") sentences, $(cut -f1 "$out" | sort -u | wc -l) with extractions, $(wc -l <"$out") extractions):"
python3 "$scorer" --gold "$data/dev.tsv" --system "$out" --quiet
if [ "${KG_CARB_NO_SPEED:-0}" != 1 ] && [ -x "$build/carb_speed" ]; then
    "$build/carb_speed" --models "$models" --repeat 5 "$data/dev.txt"
fi
