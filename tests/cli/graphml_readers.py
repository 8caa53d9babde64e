#!/usr/bin/python3
"""graphml_readers.py GRAPHML - networkx and python-igraph (igraph's own C GraphML
reader) both load kgraph's GraphML with every DESIGN.md attribute and its type.
Exits 77 (skip) when neither library is installed."""
import sys

path = sys.argv[1]
NODE = {"label": str, "type": str, "aliases": str, "roles": str, "mentions": int, "documents": str}
EDGE = {"relation": str, "label": str, "weight": float, "evidence": str, "documents": str}
checked = 0

try:
    import networkx
except ImportError:
    networkx = None
if networkx:
    g = networkx.read_graphml(path)
    assert g.number_of_nodes() > 5, g.number_of_nodes()
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Taliban" in labels, labels
    for _, d in g.nodes(data=True):
        for k, t in NODE.items():
            # networkx leaves out attributes whose value is the empty string
            assert k in d or k in ("type", "roles"), (k, d)
            assert k not in d or isinstance(d[k], t), (k, type(d[k]))
    for _, _, d in g.edges(data=True):
        for k, t in EDGE.items():
            assert k in d, (k, d)
            assert isinstance(d[k], t), (k, type(d[k]))
        assert d["evidence"].startswith("["), d["evidence"]
    checked += 1

try:
    import igraph
except ImportError:
    igraph = None
if igraph:
    g = igraph.Graph.Read_GraphML(path)
    assert g.vcount() > 5
    assert set(NODE) <= set(g.vs.attributes()), g.vs.attributes()
    assert set(EDGE) <= set(g.es.attributes()), g.es.attributes()
    assert "Taliban" in g.vs["label"]
    assert all(isinstance(w, float) and w >= 1 for w in g.es["weight"])
    checked += 1

if not checked:
    print("networkx and python-igraph are not installed; skipped")
    sys.exit(77)
print("GraphML read by %d reader(s)" % checked)
