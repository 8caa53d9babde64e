#!/bin/sh
# install-deps.sh - installs the Debian 12 packages kgraph needs that are missing.
# Build: a C compiler, CMake, pkg-config, igraph, libxml2, Graphviz (cgraph + gvc).
# Tests: cmocka, xmllint, Graphviz's dot, networkx and python-igraph (GraphML readers),
# rdflib (RDF reader), Node.js with d3-force and Cytoscape.js (JSON readers; Cytoscape.js
# is not packaged by Debian, so it comes from the npm registry), Chromium (the HTML page).
# Benchmarks and fuzzing: link-grammar (the baseline parser), zlib, clang's runtime.
set -eu
PACKAGES="gcc make cmake pkg-config libigraph-dev libxml2-dev libxml2-utils libgraphviz-dev
graphviz libcmocka-dev python3 python3-networkx python3-igraph zlib1g-dev liblink-grammar-dev
clang libclang-rt-14-dev python3-rdflib nodejs node-d3-force chromium fonts-dejavu-core"

# Cytoscape.js for tests/cli/exports_js.js, where the tests look for it (NODE_PATH).
KG_JS_PREFIX=/usr/local/share/kgraph-test-js
install_js() {
    [ -d "$KG_JS_PREFIX/node_modules/cytoscape" ] && return 0
    command -v npm >/dev/null || return 0
    $SUDO mkdir -p "$KG_JS_PREFIX"
    $SUDO npm install --prefix "$KG_JS_PREFIX" --no-audit --no-fund --silent cytoscape@3 ||
        echo "install-deps: cytoscape not installed (the JSON test will skip it)" >&2
}

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -z "$missing" ]; then
    install_js
    exit 0
fi

echo "installing:$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
install_js
