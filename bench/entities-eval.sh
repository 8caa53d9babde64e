#!/bin/sh
# entities-eval.sh - entity resolution within documents (kg_coref.h): its
# effect on the named mentions measured on UNER English-EWT dev with held-out
# recognisers, its speed, and the entities kgraph lists for samples/.
#
#   bench/entities-eval.sh [DATA_DIR]        (default: ../shared/data next to the repository)
#
# Builds a Release tree in build-release/ (no sanitizers), then:
#   1. trains the five cross-validation recognisers of bench/ner-eval.sh's
#      section 1 (UNER fold I of 5 held out, everything else as shipped) into
#      a temporary directory (about 10 s each, one core, deterministic);
#   2. scores each UNER document with the recogniser that did not see it,
#      before and after kg_coref_resolve, headings dropped as in running text,
#      then with headings kept;
#   3. pronoun, description and name-clustering accuracy against GUM's
#      coreference annotation (dev and test, CC BY genres), with a recogniser
#      trained as shipped but without GUM test (GUM test is then held out
#      from every model involved: tagger, parser and recogniser);
#   4. speed of kg_coref_resolve and of the whole pipeline on samples/*.txt;
#   5. `kgraph entities samples/*.txt`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$here/../shared/data}
ud=$data/ud
uner=$data/uner-ewt/en_ewt-ud-dev.iob2
for f in "$ud/GUM/en_gum-ud-train.conllu" "$ud/EWT/en_ewt-ud-train.conllu" "$uner"; do
    [ -r "$f" ] || { echo "entities-eval: missing $f" >&2; exit 1; }
done

cmake -S "$here" -B "$here/build-release" -DCMAKE_BUILD_TYPE=Release -DKG_BUILD_TESTS=OFF >/dev/null
cmake --build "$here/build-release" -j2 --target entities_eval kgraph_cli >/dev/null
bin=$here/build-release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "=== 1. training the five held-out recognisers"
for i in 0 1 2 3 4; do
    nice "$bin/kgraph" train ner --models "$here/models" -q -o "$tmp/fold-$i.kgm" \
        --gum "$ud/GUM/en_gum-ud-train.conllu" --gum "$ud/GUM/en_gum-ud-dev.conllu" \
        --gum "$ud/GUM/en_gum-ud-test.conllu" --uner "$uner" \
        --lexicon "$ud/EWT/en_ewt-ud-train.conllu" --weak "$ud/EWT/en_ewt-ud-train.conllu" \
        --folds 5 --holdout $i
done
echo
echo "=== 2. UNER dev, held out, before and after resolution"
nice "$bin/entities_eval" --models "$here/models" --uner "$uner" \
    --fold-dir "$tmp" --folds 5
echo
nice "$bin/entities_eval" --models "$here/models" --uner "$uner" \
    --fold-dir "$tmp" --folds 5 --keep-headings | sed -n '/^after/,$p'
echo
echo "=== 3. GUM coreference"
nice "$bin/kgraph" train ner --models "$here/models" -q -o "$tmp/no-gum-test.kgm" \
    --gum "$ud/GUM/en_gum-ud-train.conllu" --gum "$ud/GUM/en_gum-ud-dev.conllu" --uner "$uner" \
    --lexicon "$ud/EWT/en_ewt-ud-train.conllu" --weak "$ud/EWT/en_ewt-ud-train.conllu"
for part in dev test; do
    nice "$bin/entities_eval" --models "$here/models" --gum "$ud/GUM/en_gum-ud-$part.conllu" \
        --ner-model "$tmp/no-gum-test.kgm"
done
echo
echo "=== 4. speed"
nice "$bin/entities_eval" --models "$here/models" --speed "$here"/samples/*.txt
echo
echo "=== 5. kgraph entities samples/*.txt"
(cd "$here" && "$bin/kgraph" entities samples/*.txt)
