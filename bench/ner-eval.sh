#!/bin/sh
# ner-eval.sh - accuracy and speed of kgraph's entity recogniser.
#
#   bench/ner-eval.sh [DATA_DIR]        (default: ../shared/data next to the repository)
#
# Builds a Release tree in build-release/ (no sanitizers), then prints:
#   1. UNER English-EWT dev, 5-fold cross-validation by document: each fold's
#      model is trained on GUM (CC BY genres, train+dev+test) + EWT train
#      (lexicon and weak labels) + the other 4 folds of UNER, and tested on
#      the held-out fold; counts are summed. This is the configuration that
#      is shipped (models/ner.kgm is trained the same way on all folds).
#   2. The same data without UNER (trained on GUM train+dev + EWT only),
#      tested on all of UNER, and on GUM test (CC BY genres) with all kgraph
#      types - both honest held-out figures for that model.
#   3. Speed of the shipped model (tokens/s, one thread) and the mentions it
#      finds in samples/*.txt (read and segmented as the pipeline does).
# Exact span and type; kgraph types map to UNER's as PERSON->PER, ORG->ORG,
# GPE/LOC/FAC->LOC, the rest dropped.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$here/../shared/data}
ud=$data/ud
uner=$data/uner-ewt/en_ewt-ud-dev.iob2
for f in "$ud/GUM/en_gum-ud-train.conllu" "$ud/EWT/en_ewt-ud-train.conllu" "$uner"; do
    [ -r "$f" ] || { echo "ner-eval: missing $f" >&2; exit 1; }
done

cmake -S "$here" -B "$here/build-release" -DCMAKE_BUILD_TYPE=Release -DKG_BUILD_TESTS=OFF >/dev/null
cmake --build "$here/build-release" -j2 --target ner_eval >/dev/null
eval_bin=$here/build-release/ner_eval
gum="--gum $ud/GUM/en_gum-ud-train.conllu --gum $ud/GUM/en_gum-ud-dev.conllu"
ewt="--lexicon $ud/EWT/en_ewt-ud-train.conllu --weak $ud/EWT/en_ewt-ud-train.conllu"

echo "=== 1. shipped configuration, 5-fold cross-validation over UNER"
# shellcheck disable=SC2086
nice "$eval_bin" --models "$here/models" --uner "$uner" --folds 5 \
    $gum --gum "$ud/GUM/en_gum-ud-test.conllu" $ewt --no-speed 2>/dev/null

echo
echo "=== 2. without UNER: tested on all of UNER and on GUM test"
# shellcheck disable=SC2086
nice "$eval_bin" --models "$here/models" --uner "$uner" --folds 0 \
    $gum $ewt --gum-test "$ud/GUM/en_gum-ud-test.conllu" --no-speed 2>/dev/null

echo
echo "=== 3. the shipped model: speed and the samples (its UNER score is in-sample)"
nice "$eval_bin" --models "$here/models" --uner "$uner" --model "$here/models/ner.kgm" \
    --samples "$here"/samples/*.txt 2>/dev/null | sed -n '/^speed:/,$p'
