#!/usr/bin/python3
"""exports_readers.py DIR [SCHEMAS] - every export of the samples' graph, read
back by the programs people load it into, with assertions on the content:

  graph.graphml   networkx and python-igraph; xmllint with the GraphML 1.0 XSD
  graph.gexf      xmllint with the GEXF 1.3 RELAX NG schema; ElementTree
  graph.json      json, networkx.node_link_graph
  graph.dot       Graphviz's dot command
  graph.svg       ElementTree (titles carry the evidence)
  graph.png       the PNG header
  graph.ttl/.nt   rdflib (both parse to the same graph; SPARQL finds relations)
  neo4j/          csv, with neo4j-admin's header conventions

DIR holds the outputs of one `kgraph build`; SCHEMAS is shared/data/schemas
(schema checks are skipped when it is absent). Readers that are not installed
are skipped with a note; the standard-library checks always run."""
import csv
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

out = sys.argv[1]
schemas = sys.argv[2] if len(sys.argv) > 2 else ""
checked, skipped = [], []


def path(name):
    return os.path.join(out, name)


def need(cond, what):
    if not cond:
        raise AssertionError(what)


# --------------------------------------------------------------- GraphML
GRAPHML = path("graph.graphml")
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(GRAPHML).getroot()
keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", ns)}
for want, typ in [(("node", "label"), "string"), (("node", "mentions"), "int"),
                  (("node", "x"), "double"), (("node", "y"), "double"),
                  (("node", "size"), "double"), (("node", "r"), "int"), (("node", "g"), "int"),
                  (("node", "b"), "int"), (("edge", "weight"), "double"),
                  (("edge", "evidence"), "string"), (("graph", "title"), "string")]:
    need(keys.get(want) == typ, "GraphML key %s is %s, not %s" % (want, keys.get(want), typ))
n_nodes = len(root.findall("g:graph/g:node", ns))
n_edges = len(root.findall("g:graph/g:edge", ns))
need(n_nodes > 5 and n_edges > 5, "GraphML too small: %d nodes, %d edges" % (n_nodes, n_edges))
checked.append("GraphML keys (ElementTree)")

try:
    import networkx
except ImportError:
    networkx = None
if networkx:
    g = networkx.read_graphml(GRAPHML)
    need(g.number_of_nodes() == n_nodes, "networkx node count")
    labels = {d["label"]: d for _, d in g.nodes(data=True)}
    need("Taliban" in labels, "networkx: no Taliban")
    t = labels["Taliban"]
    need(isinstance(t["x"], float) and isinstance(t["y"], float), "networkx: x, y not floats")
    need(isinstance(t["r"], int) and 0 <= t["r"] <= 255, "networkx: r not an int colour")
    need(t["size"] == max(d["size"] for d in labels.values()), "Taliban is not the largest node")
    xs = [d["x"] for d in labels.values()]
    need(max(xs) - min(xs) > 100, "networkx: nodes are not laid out")
    for _, _, d in g.edges(data=True):
        need(d["evidence"].startswith("[") and ".txt#" in d["evidence"], "networkx: evidence %r" % d["evidence"][:40])
        need(isinstance(d["weight"], float), "networkx: weight type")
    need(g.graph.get("title", "").startswith("kgraph:"), "networkx: graph title")
    checked.append("GraphML in networkx")
else:
    skipped.append("networkx")

try:
    import igraph
except ImportError:
    igraph = None
if igraph:
    ig = igraph.Graph.Read_GraphML(GRAPHML)
    need(ig.vcount() == n_nodes and ig.ecount() == n_edges, "igraph counts")
    for a in ("x", "y", "size", "r", "g", "b", "label", "type", "mentions"):
        need(a in ig.vs.attributes(), "igraph: no vertex attribute %s" % a)
    need(all(isinstance(x, float) for x in ig.vs["x"]), "igraph: x not numeric")
    need("Taliban" in ig.vs["label"], "igraph: no Taliban")
    checked.append("GraphML in python-igraph")
else:
    skipped.append("python-igraph")


def xmllint(args, what):
    if not shutil.which("xmllint"):
        skipped.append("xmllint (%s)" % what)
        return
    r = subprocess.run(["xmllint", "--nonet", "--noout"] + args, capture_output=True, text=True)
    need(r.returncode == 0, "xmllint rejects %s: %s" % (what, r.stderr[:400]))
    checked.append("%s valid (xmllint)" % what)


if schemas and os.path.isdir(schemas):
    xmllint(["--schema", os.path.join(schemas, "graphml-1.0", "graphml.xsd"), GRAPHML],
            "GraphML against the GraphML 1.0 XSD")
    xmllint(["--relaxng", os.path.join(schemas, "gexf-1.3", "gexf.rng"), path("graph.gexf")],
            "GEXF against the GEXF 1.3 RELAX NG schema")
else:
    skipped.append("schema validation (no shared/data/schemas)")

# ------------------------------------------------------------------ GEXF
gx = {"x": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
groot = ET.parse(path("graph.gexf")).getroot()
need(groot.tag == "{http://gexf.net/1.3}gexf" and groot.get("version") == "1.3", "GEXF root")
types = {a.get("id"): a.get("type") for a in groot.iter("{http://gexf.net/1.3}attribute")}
need(types.get("mentions") == "integer" and types.get("evidence") == "string", "GEXF types")
gnodes = groot.findall("x:graph/x:nodes/x:node", gx)
need(len(gnodes) == n_nodes, "GEXF node count")
for node in gnodes:
    for v in ("color", "position", "size"):
        need(node.find("viz:" + v, gx) is not None, "GEXF node without viz:" + v)
    for av in node.findall("x:attvalues/x:attvalue", gx):
        if types[av.get("for")] == "integer":
            int(av.get("value"))
gedges = groot.findall("x:graph/x:edges/x:edge", gx)
need(len(gedges) == n_edges, "GEXF edge count")
need(all(float(e.get("weight")) >= 1 and e.get("kind") for e in gedges), "GEXF edge weight/kind")
checked.append("GEXF content (ElementTree)")

# ------------------------------------------------------------------ JSON
with open(path("graph.json"), encoding="utf-8") as f:
    data = json.load(f)
need(data["directed"] and len(data["nodes"]) == n_nodes and len(data["edges"]) == n_edges,
     "JSON counts")
ids = set()
for n in data["nodes"]:
    need(n["id"] == n["data"]["id"], "JSON node id (Cytoscape data.id)")
    need(isinstance(n["position"]["x"], (int, float)) and n["x"] == n["position"]["x"],
         "JSON position")
    need(n["data"]["color"].startswith("#"), "JSON colour")
    ids.add(n["id"])
for e in data["edges"]:
    need(e["source"] in ids and e["target"] in ids, "JSON dangling edge")
    need(e["data"]["source"] == e["source"] and e["data"]["evidence"], "JSON edge data")
need(any(n["data"]["label"] == "Taliban" for n in data["nodes"]), "JSON: no Taliban")
checked.append("JSON (json module)")
if networkx:
    try:
        ng = networkx.node_link_graph(data, link="edges")
    except TypeError:  # networkx >= 3.4 calls it edges
        ng = networkx.node_link_graph(data, edges="edges")
    need(ng.number_of_nodes() == n_nodes and ng.number_of_edges() == n_edges, "networkx JSON")
    checked.append("JSON in networkx.node_link_graph")

# ------------------------------------------------------------------- DOT
if shutil.which("dot"):
    r = subprocess.run(["dot", "-Tsvg", path("graph.dot")], capture_output=True, text=True)
    need(r.returncode == 0, "dot rejects graph.dot: " + r.stderr[:300])
    need(">Taliban</text>" in r.stdout and "node size:" in r.stdout, "dot's SVG lacks labels")
    checked.append("DOT rendered by dot")
else:
    skipped.append("dot")

# ------------------------------------------------------------- SVG, PNG
sroot = ET.parse(path("graph.svg")).getroot()
svgns = "{http://www.w3.org/2000/svg}"
titles = [t.text or "" for t in sroot.iter(svgns + "title")]
need(any("\u2192" in t and ".txt#" in t for t in titles), "SVG titles lack evidence")
need(not list(sroot.iter(svgns + "a")), "SVG still has <a> wrappers")
checked.append("SVG titles (ElementTree)")
with open(path("graph.png"), "rb") as f:
    head = f.read(24)
need(head[:8] == b"\x89PNG\r\n\x1a\n", "PNG signature")
w, h = struct.unpack(">II", head[16:24])
need(w > 400 and h > 400, "PNG is %dx%d" % (w, h))
checked.append("PNG header (%dx%d)" % (w, h))

# ------------------------------------------------------------------ Neo4j
with open(path("neo4j/nodes.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head = rows[0]
need(head[0] == "id:ID(Entity)" and head[2] == ":LABEL" and "mentions:long" in head and
     "aliases:string[]" in head, "Neo4j node header %r" % head)
need(len(rows) - 1 == n_nodes, "Neo4j node count")
node_ids = {r[0] for r in rows[1:]}
need(all(r[2].split("|")[0] == "Entity" for r in rows[1:]), "Neo4j labels")
with open(path("neo4j/relationships.csv"), newline="", encoding="utf-8") as f:
    rels = list(csv.reader(f))
need(rels[0][:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"] and
     "weight:double" in rels[0], "Neo4j relationship header %r" % rels[0])
need(len(rels) - 1 == n_edges, "Neo4j relationship count")
for r in rels[1:]:
    need(r[0] in node_ids and r[1] in node_ids, "Neo4j dangling relationship")
    need(r[2] and all(c.isupper() or c.isdigit() or c == "_" for c in r[2]), "Neo4j type " + r[2])
checked.append("Neo4j CSV (csv module)")

# ------------------------------------------------------------------- RDF
try:
    import rdflib
    from rdflib.compare import isomorphic
except ImportError:
    rdflib = None
if rdflib:
    ttl = rdflib.Graph().parse(path("graph.ttl"), format="turtle")
    nt = rdflib.Graph().parse(path("graph.nt"), format="nt")
    need(len(ttl) == len(nt) and isomorphic(ttl, nt), "Turtle and N-Triples differ")
    q = """SELECT ?rel ?other WHERE {
             ?t rdfs:label "Taliban" . ?t ?p ?o . ?p rdfs:label ?rel . ?o rdfs:label ?other }"""
    found = list(ttl.query(q))
    need(found, "SPARQL finds no relation of the Taliban")
    ev = list(ttl.query("""SELECT ?e WHERE { ?s a rdf:Statement ; <urn:kgraph:vocab/evidence> ?e }"""))
    need(len(ev) == n_edges, "RDF statements with evidence: %d, edges %d" % (len(ev), n_edges))
    checked.append("RDF in rdflib (%d triples, SPARQL)" % len(ttl))
else:
    skipped.append("rdflib")

for c in checked:
    print("ok   " + c)
for s in skipped:
    print("skip " + s)
print("%d passed, 0 failed" % len(checked))
