#!/bin/sh
# valgrind.sh [BUILD_DIR] - the unit tests and a full `kgraph build` of the
# samples under valgrind's memcheck: no invalid access, no use of
# uninitialised memory, no leak (definite or indirect) beyond Graphviz's and
# fontconfig's own start-up and layout allocations (tests/valgrind.supp).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-valgrind}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DKG_ARENA_MALLOC=ON >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
VG="valgrind --quiet --error-exitcode=99 --num-callers=50 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --suppressions=$root/tests/valgrind.supp"
status=0
cd "$root"
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if $VG "$t" >"$build/$name.vg.log" 2>&1; then
        echo "ok   $name"
    else
        echo "FAIL $name (see $build/$name.vg.log)"
        status=1
    fi
done
if $VG "$build/kgraph" build samples/*.txt -o "$build/vg.graphml" -o "$build/vg.svg" \
    >"$build/kgraph.vg.log" 2>&1; then
    echo "ok   kgraph build samples/*.txt -o .graphml -o .svg"
else
    echo "FAIL kgraph build (see $build/kgraph.vg.log)"
    status=1
fi
exit $status
