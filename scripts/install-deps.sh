#!/bin/sh
# install-deps.sh - installs the Debian 12 packages kgraph needs that are missing.
# Build: a C compiler, CMake, pkg-config, igraph, libxml2, Graphviz (cgraph + gvc), json-c.
# Tests: cmocka, xmllint, Graphviz's dot, networkx and python-igraph (GraphML readers),
# rdflib (RDF reader), Node.js with d3-force (JSON reader), Chromium (the HTML page).
# Benchmarks and fuzzing: link-grammar (the baseline parser), zlib, clang's runtime.
set -eu
PACKAGES="gcc make cmake pkg-config libigraph-dev libxml2-dev libxml2-utils libgraphviz-dev
graphviz libjson-c-dev libcmocka-dev python3 python3-networkx python3-igraph zlib1g-dev
liblink-grammar-dev clang libclang-rt-14-dev python3-rdflib nodejs node-d3-force chromium
fonts-dejavu-core valgrind"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

echo "installing:$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
