#!/bin/sh
# syntax-eval.sh - accuracy of the shipped syntax models on the UD English test
# sets (EWT; GUM whole and its CC BY genres), with predicted tags, by the
# CoNLL 2018 definitions. Pass --dev to score the development sets instead
# (for tuning). Usage: bench/syntax-eval.sh [--dev] [BUILD_DIR] [MODEL_DIR]
set -eu
split=test
if [ "${1:-}" = "--dev" ]; then split=dev; shift; fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
models=${2:-$root/models}
ud=${KG_UD_DIR:-$root/../shared/data/ud}
eval=$build/syntax_eval
if [ ! -x "$eval" ]; then
    echo "syntax-eval.sh: $eval not built (cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release)" >&2
    exit 1
fi
"$eval" --models "$models" --name "EWT $split" "$ud/EWT/en_ewt-ud-$split.conllu"
"$eval" --models "$models" --name "GUM $split" "$ud/GUM/en_gum-ud-$split.conllu"
"$eval" --models "$models" --name "GUM $split (CC BY)" --cc-by "$ud/GUM/en_gum-ud-$split.conllu"
