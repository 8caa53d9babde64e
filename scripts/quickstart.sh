#!/bin/sh
# quickstart.sh [OUTDIR] - installs what is missing, builds kgraph, and builds the
# knowledge graph of samples/ into OUTDIR (default: out/) as SVG, GraphML and DOT.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-out}
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKG_BUILD_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
mkdir -p "$OUT"
./build/kgraph build samples/*.txt -o "$OUT/graph.svg" -o "$OUT/graph.graphml" -o "$OUT/graph.dot"
echo "wrote $OUT/graph.svg, $OUT/graph.graphml and $OUT/graph.dot"
