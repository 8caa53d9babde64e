#!/bin/sh
# test_install.sh BUILD_DIR SOURCE_DIR [CFLAGS...] - `cmake --install` into a
# temporary prefix, then the library example of README.md, taken from the
# README itself, compiled with the installed pkg-config file and run on two
# sample articles: the installed headers, library, models and pkg-config
# variables must be enough to build a graph.
set -eu
build=$1
src=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "test_install: $*" >&2
    exit 1
}

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || fail "cmake --install failed"
pc=$(find "$tmp/prefix" -name kgraph.pc | head -n 1)
[ -n "$pc" ] || fail "no kgraph.pc installed"
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
models=$(pkg-config --variable=modeldir kgraph)
[ -r "$models/ner.kgm" ] && [ -r "$models/syntax-parser.kgm" ] && [ -d "$models/gazetteers" ] ||
    fail "modeldir $models does not hold the models"
for h in kg_pipeline.h kg_graph.h kg_export.h kg_coref.h kg_common.h; do
    [ -r "$(pkg-config --variable=includedir kgraph)/kgraph/$h" ] || fail "header $h not installed"
done
[ -x "$tmp/prefix/bin/kgraph" ] || fail "kgraph not installed"

# the README's example, verbatim
awk '/^```c$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$src/README.md" >"$tmp/app.c"
grep -q "int main" "$tmp/app.c" || fail "README.md has no library example"
# shellcheck disable=SC2046,SC2086
cc -std=c17 "$@" "$tmp/app.c" -o "$tmp/app" $(pkg-config --cflags --libs kgraph) \
    -DMODELS="\"$models\"" || fail "the README example does not compile against the install"
cd "$tmp"
./app "$src/samples/amiry-freed-news.txt" "$src/samples/amiri-release-explainer.txt" ||
    fail "the README example failed"
[ -s graph.graphml ] || fail "no graph.graphml"
grep -q '>Taliban<' graph.graphml || fail "graph.graphml has no Taliban node"
grep -q '>Amir Amiri<' graph.graphml || fail "graph.graphml has no Amir Amiri node"
grep -q '<edge ' graph.graphml || fail "graph.graphml has no edges"
echo "test_install: installed library, headers, models and pkg-config build the README example"
