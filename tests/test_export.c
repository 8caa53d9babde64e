/* test_export.c - graph assembly and every exporter, through the public
 * interface. Each output is read back with a real parser (libxml2 for
 * GraphML, GEXF, SVG and HTML, cgraph for DOT) and checked for content;
 * text that tries to break each syntax must come out intact or safely
 * escaped. Readers in other languages (networkx, igraph, xmllint with the
 * schemas, rdflib, D3, Cytoscape.js, Chromium) run from tests/cli/. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include "kg_export.h"
#include "kg_graph.h"

#include <graphviz/cgraph.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- fixtures */

static kg_triple triple(const char *s, const char *r, const char *o, const char *doc, uint32_t sent,
                        const char *text)
{
    kg_triple t;
    memset(&t, 0, sizeof t);
    t.subject.text = t.subject.name = s;
    t.object.text = t.object.name = o;
    t.subject.type = KG_ENT_GPE;
    t.object.type = KG_ENT_PERSON;
    t.relation = r;
    t.relation_surface = r;
    t.confidence = 0.5;
    t.doc = doc;
    t.sentence = sent;
    t.sentence_text = text;
    return t;
}

/* Adds one triple to a graph under construction. */
static void add_one(kg_graph *g, const kg_triple *t)
{
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    assert_int_equal(kg_extraction_add_triple(x, t), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    kg_extraction_free(x);
}

/* A name that tries to break every output: markup, quotes, an ampersand, a
 * backslash escape (Graphviz's \N), a newline and a control character. */
static const char *const nasty = "A<b>&\"c'\\N\nd";

/* Qatar -mediate-> Glezmann (twice, two documents), Qatar -host-> Glezmann,
 * Taliban -release-> Glezmann, nasty -say-> Qatar. */
static kg_graph *sample_graph(void)
{
    kg_graph *g = NULL;
    kg_extraction *x = NULL;
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    assert_int_equal(kg_extraction_new(&x), 0);
    kg_triple t = triple("Qatar", "mediate", "Glezmann", "a.txt", 3,
                         "Glezmann's release was mediated by Qatar.");
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    t = triple("Qatar", "mediate", "Glezmann", "b.txt", 0, "Qatar mediated the release.");
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    t = triple("Qatar", "mediate", "Glezmann", "b.txt", 0, "Qatar mediated the release.");
    assert_int_equal(kg_extraction_add_triple(x, &t), 0); /* same sentence: one evidence entry */
    t = triple("Qatar", "host", "Glezmann", "b.txt", 4, "Qatar hosted Glezmann in Doha.");
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    t = triple("Taliban", "release", "Glezmann", "b.txt", 1, "The Taliban released Glezmann.");
    t.subject.type = KG_ENT_ORG;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    t = triple(nasty, "say <to> & \"x\"", "Qatar", "c&d.txt", 2, "Odd \x01 <text> & more");
    t.subject.type = KG_ENT_NONE;
    t.object.type = KG_ENT_GPE;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    kg_extraction_free(x);
    assert_int_equal(kg_graph_finish(g), 0);
    return g;
}

/* A star-and-chain graph of n untyped entities. */
static kg_graph *big_graph(size_t n)
{
    kg_graph *g = NULL;
    kg_extraction *x = NULL;
    char a[32], b[32];
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    assert_int_equal(kg_extraction_new(&x), 0);
    for (size_t i = 1; i < n; i++) {
        snprintf(a, sizeof a, "Entity %zu", i % 7);
        snprintf(b, sizeof b, "Entity %zu", i);
        kg_triple t = triple(a, "meet", b, "big.txt", (uint32_t)i, "They met.");
        t.subject.type = t.object.type = KG_ENT_NONE;
        assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    }
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    kg_extraction_free(x);
    assert_int_equal(kg_graph_finish(g), 0);
    return g;
}

static size_t find_node(const kg_graph *g, const char *label)
{
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        if (strcmp(kg_graph_node_str(g, v, "label"), label) == 0) {
            return v;
        }
    }
    fail_msg("no node %s", label);
    return 0;
}

static char *export_to_memory(const kg_graph *g, kg_format fmt, size_t *size,
                              const kg_export_options *base)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, size);
    assert_non_null(f);
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    if (base) {
        o = *base;
    }
    if (!o.title) {
        o.title = "kgraph: test <&> input";
    }
    int rc = kg_export(g, fmt, f, &o);
    if (rc) {
        print_error("%s\n", kg_error_message());
    }
    assert_int_equal(rc, 0);
    fclose(f);
    return buf;
}

static xmlDocPtr read_xml(const char *text, size_t size)
{
    xmlDocPtr doc = xmlReadMemory(text, (int)size, "out.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

static int is_element(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The first element called name in document order below n, or NULL. */
static xmlNodePtr find_element(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (is_element(n, name)) {
            return n;
        }
        xmlNodePtr found = find_element(n->children, name);
        if (found) {
            return found;
        }
    }
    return NULL;
}

static size_t count_elements(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    for (; n; n = n->next) {
        k += (size_t)is_element(n, name) + count_elements(n->children, name);
    }
    return k;
}

static char *prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

/* ---------------------------------------------------------------- assembly */

static void test_assembly_aggregates_edges(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    assert_int_equal(kg_graph_node_count(g), 4);
    assert_int_equal(kg_graph_edge_count(g), 4);
    size_t qatar = find_node(g, "Qatar");
    assert_string_equal(kg_graph_node_str(g, qatar, "type"), "GPE");
    assert_string_equal(kg_graph_node_str(g, qatar, "documents"), "a.txt|b.txt|c&d.txt");
    size_t e = 0;
    for (; e < kg_graph_edge_count(g); e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        if (from == qatar && strcmp(kg_graph_edge_str(g, e, "relation"), "mediate") == 0) {
            break;
        }
    }
    assert_true(e < kg_graph_edge_count(g));
    assert_true(kg_graph_edge_num(g, e, "weight") == 3);
    assert_string_equal(kg_graph_edge_str(g, e, "evidence"),
                        "[a.txt#3] Glezmann's release was mediated by Qatar.\n"
                        "[b.txt#0] Qatar mediated the release.");
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    kg_triple t = triple("Qatar", "host", "Taliban", "d.txt", 0, "x");
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), KG_EINVAL); /* finished: closed */
    kg_extraction_free(x);
    kg_graph_free(g);
}

/* ----------------------------------------------------------------- GraphML */

typedef struct key_info {
    char id[32], for_[8], name[32], type[16];
} key_info;

static void test_graphml_reads_back(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size, NULL);
    xmlDocPtr doc = read_xml(xml, size);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "graphml");
    key_info keys[64];
    int nkeys = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (!is_element(n, "key")) {
            continue;
        }
        assert_true(nkeys < 64);
        char *id = prop(n, "id"), *f = prop(n, "for"), *name = prop(n, "attr.name"),
             *type = prop(n, "attr.type");
        snprintf(keys[nkeys].id, sizeof keys[0].id, "%s", id);
        snprintf(keys[nkeys].for_, sizeof keys[0].for_, "%s", f);
        snprintf(keys[nkeys].name, sizeof keys[0].name, "%s", name);
        snprintf(keys[nkeys].type, sizeof keys[0].type, "%s", type);
        nkeys++;
        xmlFree(id);
        xmlFree(f);
        xmlFree(name);
        xmlFree(type);
    }
    /* every attribute of the graph, and the layout Gephi maps, with its type */
    const char *want[][3] = {
        {"node", "label", "string"},    {"node", "type", "string"},
        {"node", "mentions", "int"},    {"node", "aliases", "string"},
        {"edge", "weight", "double"},   {"edge", "evidence", "string"},
        {"edge", "relation", "string"}, {"node", "x", "double"},
        {"node", "y", "double"},        {"node", "size", "double"},
        {"node", "r", "int"},           {"node", "g", "int"},
        {"node", "b", "int"},           {"graph", "title", "string"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found = 0;
        for (int k = 0; k < nkeys; k++) {
            found |= strcmp(keys[k].for_, want[i][0]) == 0 &&
                     strcmp(keys[k].name, want[i][1]) == 0 && strcmp(keys[k].type, want[i][2]) == 0;
        }
        if (!found) {
            fail_msg("no key %s %s %s", want[i][0], want[i][1], want[i][2]);
        }
    }
    /* the nasty label survives exactly, less the newline's control friend;
     * Qatar is coloured as a GPE and placed */
    const char *r_key = NULL, *x_key = NULL, *label_key = NULL;
    for (int k = 0; k < nkeys; k++) {
        if (strcmp(keys[k].name, "r") == 0) {
            r_key = keys[k].id;
        }
        if (strcmp(keys[k].name, "x") == 0) {
            x_key = keys[k].id;
        }
        if (strcmp(keys[k].name, "label") == 0 && strcmp(keys[k].for_, "node") == 0) {
            label_key = keys[k].id;
        }
    }
    xmlNodePtr graph = find_element(root->children, "graph");
    assert_non_null(graph);
    int nodes = 0, edges = 0, nasty_seen = 0, qatar_seen = 0;
    for (xmlNodePtr n = graph->children; n; n = n->next) {
        nodes += is_element(n, "node");
        edges += is_element(n, "edge");
        if (!is_element(n, "node")) {
            continue;
        }
        const char *label = NULL, *r = NULL, *x = NULL;
        for (xmlNodePtr d = n->children; d; d = d->next) {
            if (!is_element(d, "data")) {
                continue;
            }
            char *key = prop(d, "key");
            const char *text = d->children ? (const char *)d->children->content : "";
            if (strcmp(key, label_key) == 0) {
                label = text;
            }
            if (strcmp(key, r_key) == 0) {
                r = text;
            }
            if (strcmp(key, x_key) == 0) {
                x = text;
            }
            xmlFree(key);
        }
        assert_non_null(label);
        assert_non_null(x);
        nasty_seen |= strcmp(label, nasty) == 0;
        if (strcmp(label, "Qatar") == 0) {
            qatar_seen = 1;
            assert_string_equal(r, "169"); /* #a9dfbf, the GPE fill */
            assert_true(atof(x) >= 0);
        }
    }
    assert_int_equal(nodes, 4);
    assert_int_equal(edges, 4);
    assert_true(nasty_seen);
    assert_true(qatar_seen);
    assert_null(strchr(xml, '\x01')); /* not representable in XML 1.0 */
    xmlFreeDoc(doc);
    free(xml);

    /* without positions: no layout keys */
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    o.positions = 0;
    xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size, &o);
    assert_null(strstr(xml, "attr.name=\"x\""));
    assert_non_null(strstr(xml, "attr.name=\"evidence\""));
    free(xml);
    kg_graph_free(g);
}

/* -------------------------------------------------------------------- GEXF */

static void test_gexf_reads_back(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GEXF, &size, NULL);
    xmlDocPtr doc = read_xml(xml, size);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "gexf");
    assert_string_equal((const char *)root->ns->href, "http://gexf.net/1.3");
    char *version = prop(root, "version");
    assert_string_equal(version, "1.3");
    xmlFree(version);
    assert_null(strstr(xml, "schemaLocation")); /* the RELAX NG schema rejects it */
    /* typed attribute declarations, and nodes with viz in the viz namespace */
    int mentions_integer = 0;
    for (xmlNodePtr a = find_element(root->children, "attribute"); a; a = a->next) {
        if (!is_element(a, "attribute")) {
            continue;
        }
        char *title = prop(a, "title"), *type = prop(a, "type");
        if (strcmp(title, "mentions") == 0 && strcmp(type, "integer") == 0) {
            mentions_integer = 1;
        }
        assert_true(strcmp(title, "label") != 0); /* carried natively */
        xmlFree(title);
        xmlFree(type);
    }
    assert_true(mentions_integer);
    xmlNodePtr nodes = find_element(root->children, "nodes");
    assert_non_null(nodes);
    assert_int_equal(count_elements(nodes->children, "node"), 4);
    int qatar = 0, nasty_seen = 0;
    for (xmlNodePtr n = nodes->children; n; n = n->next) {
        if (!is_element(n, "node")) {
            continue;
        }
        char *label = prop(n, "label");
        xmlNodePtr color = find_element(n->children, "color");
        xmlNodePtr pos = find_element(n->children, "position");
        xmlNodePtr sz = find_element(n->children, "size");
        assert_non_null(color);
        assert_non_null(pos);
        assert_non_null(sz);
        assert_string_equal((const char *)color->ns->href, "http://gexf.net/1.3/viz");
        if (strcmp(label, "Qatar") == 0) {
            char *gch = prop(color, "g"), *value = prop(sz, "value");
            assert_string_equal(gch, "223"); /* #a9dfbf */
            assert_true(atof(value) > 8.0);
            xmlFree(gch);
            xmlFree(value);
            qatar = 1;
        }
        /* XML attribute values carry the newline as a space: a label is one line */
        nasty_seen |= strcmp(label, "A<b>&\"c'\\N d") == 0;
        xmlFree(label);
    }
    assert_true(qatar);
    assert_true(nasty_seen);
    xmlNodePtr edges = find_element(root->children, "edges");
    assert_int_equal(count_elements(edges->children, "edge"), 4);
    int weighted = 0;
    for (xmlNodePtr e = edges->children; e; e = e->next) {
        if (!is_element(e, "edge")) {
            continue;
        }
        char *kind = prop(e, "kind"), *weight = prop(e, "weight");
        if (strcmp(kind, "mediate") == 0 && strcmp(weight, "3") == 0) {
            weighted = 1;
        }
        xmlFree(kind);
        xmlFree(weight);
    }
    assert_true(weighted);
    xmlFreeDoc(doc);
    free(xml);
    kg_graph_free(g);
}

/* -------------------------------------------------------------------- JSON */

static void test_json_escapes_and_carries_everything(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *json = export_to_memory(g, KG_FORMAT_JSON, &size, NULL);
    /* the nasty name, escaped so it can also sit inside an HTML <script> */
    assert_non_null(strstr(json, "\"label\": \"A\\u003cb\\u003e\\u0026\\\"c\\u0027\\\\N\\nd\""));
    assert_null(strchr(json, '<'));
    assert_null(strchr(json, '\x01'));
    assert_non_null(strstr(json, "\"directed\": true"));
    assert_non_null(strstr(json, "\"edges\": ["));
    assert_non_null(strstr(json, "\"source\": \"n"));
    assert_non_null(strstr(json, "\"position\": {\"x\": "));
    assert_non_null(strstr(json, "\"evidence\": \"[a.txt#3] Glezmann\\u0027s release was "
                                 "mediated by Qatar.\\n[b.txt#0] Qatar mediated the release.\""));
    /* braces and brackets balance outside strings */
    int depth = 0, in_string = 0;
    for (const char *p = json; *p; p++) {
        if (in_string) {
            if (*p == '\\') {
                p++;
            } else if (*p == '"') {
                in_string = 0;
            }
            continue;
        }
        if (*p == '"') {
            in_string = 1;
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            assert_true(--depth >= 0);
        }
    }
    assert_int_equal(depth, 0);
    free(json);
    kg_graph_free(g);
}

/* --------------------------------------------------------------------- DOT */

static void test_dot_reads_back(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *dot = export_to_memory(g, KG_FORMAT_DOT, &size, NULL);
    Agraph_t *G = agmemread(dot);
    assert_non_null(G);
    int entities = 0, relations = 0, labels = 0;
    for (Agnode_t *n = agfstnode(G); n; n = agnxtnode(G, n)) {
        const char *cls = agget(n, (char *)"class");
        if (cls && strcmp(cls, "relation") == 0) {
            relations++;
            /* Qatar's two relations to Glezmann are drawn as one edge */
            const char *label = agget(n, (char *)"label");
            if (strstr(label, "mediate")) {
                assert_string_equal(label, "mediate\\nhost");
                const char *tip = agget(n, (char *)"tooltip");
                assert_non_null(strstr(tip, "mediated by Qatar"));
                assert_non_null(strstr(tip, "Qatar hosted Glezmann"));
            }
            continue;
        }
        entities++;
        const char *label = agget(n, (char *)"label");
        if (strcmp(label, "Qatar") == 0 || strcmp(label, "Taliban") == 0) {
            labels++;
        }
        /* backslashes doubled so "\N" stays text; the newline becomes a space */
        if (strncmp(label, "A<b>", 4) == 0) {
            assert_string_equal(label, "A<b>&\"c'\\\\N d");
        }
        if (strcmp(label, "Taliban") == 0) {
            assert_string_equal(agget(n, (char *)"shape"), "box"); /* ORG */
        }
        if (strcmp(label, "Qatar") == 0) {
            assert_string_equal(agget(n, (char *)"shape"), "hexagon"); /* GPE */
            /* the best-connected entity gets the largest text */
            assert_true(atof(agget(n, (char *)"fontsize")) == 18.0);
        }
    }
    assert_int_equal(entities, 4);
    assert_int_equal(labels, 2);
    assert_int_equal(relations, 3);
    assert_int_equal(agnedges(G), 6); /* each drawn edge runs through its label */
    /* the title and legend are the graph label, and the layout engine is named */
    assert_non_null(strstr(dot, "kgraph: test &lt;&amp;&gt; input"));
    assert_non_null(strstr(dot, "country, city, state"));
    assert_string_equal(agget(G, (char *)"layout"), "neato");
    agclose(G);
    free(dot);
    kg_graph_free(g);
}

/* ------------------------------------------------------------ SVG and PNG */

static void test_svg_titles_carry_evidence(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size, NULL);
    xmlDocPtr doc = read_xml(svg, size);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    assert_int_equal(count_elements(root->children, "a"), 0); /* tooltips moved to <title> */
    int edge_title = 0, node_title = 0;
    for (xmlNodePtr n = find_element(root->children, "g"); n; n = n->next) {
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (!is_element(c, "g")) {
                continue;
            }
            char *cls = prop(c, "class"), *id = prop(c, "id");
            xmlNodePtr t = find_element(c->children, "title");
            xmlChar *text = t ? xmlNodeGetContent(t) : NULL;
            if (cls && text && strcmp(cls, "node") == 0 && strstr((char *)text, "Qatar (GPE)")) {
                node_title = strstr((char *)text, "documents: a.txt|b.txt|c&d.txt") != NULL;
            }
            if (id && text && strncmp(id, "d_n", 3) == 0 &&
                strstr((char *)text, "[a.txt#3] Glezmann's release was mediated by Qatar.") &&
                strstr((char *)text, "Qatar \xe2\x86\x92 Glezmann")) {
                edge_title = 1;
            }
            xmlFree(text);
            xmlFree(cls);
            xmlFree(id);
        }
    }
    assert_true(node_title);
    assert_true(edge_title);
    assert_non_null(strstr(svg, ">Glezmann</text>"));
    assert_non_null(strstr(svg, ">mediate</text>"));
    assert_non_null(strstr(svg, "kgraph: test &lt;&amp;&gt; input"));
    assert_non_null(strstr(svg, ">person</text>")); /* legend */
    xmlFreeDoc(doc);
    free(svg);

    char *png = export_to_memory(g, KG_FORMAT_PNG, &size, NULL);
    assert_true(size > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    kg_graph_free(g);
}

/* Every format agrees on where an entity is: GraphML's x, y, JSON's position
 * and the SVG drawing come from one layout. */
static void test_one_layout_for_every_format(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    kg_export_drawing *d = NULL;
    assert_int_equal(kg_export_drawing_new(&d, g, &o, 1), 0);
    o.drawing = d;
    size_t size = 0;
    char *json = export_to_memory(g, KG_FORMAT_JSON, &size, &o);
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size, &o);
    size_t qatar = find_node(g, "Qatar");
    char needle[64];
    snprintf(needle, sizeof needle, "{\"id\": \"n%zu\", \"x\": ", qatar);
    const char *p = strstr(json, needle);
    assert_non_null(p);
    double x = 0, y = 0, height = 0;
    assert_int_equal(sscanf(p + strlen(needle), "%lf, \"y\": %lf", &x, &y), 2);
    assert_int_equal(sscanf(strstr(json, "\"height\": ") + 10, "%lf", &height), 1);
    /* in the SVG, the node's shape is at (x, y - height) in Graphviz's
     * translated frame: find the polygon of Qatar's hexagon and its centre */
    snprintf(needle, sizeof needle, "<g id=\"n%zu\" class=\"node\">", qatar);
    const char *node = strstr(svg, needle);
    assert_non_null(node);
    const char *points = strstr(node, "points=\"");
    assert_non_null(points);
    double sx = 0, sy = 0, px, py;
    int k = 0;
    for (const char *q = points + 8; sscanf(q, "%lf,%lf", &px, &py) == 2 && k < 6; k++) {
        sx += px;
        sy += py;
        q = strchr(q, ' ');
        if (!q) {
            break;
        }
        q++;
    }
    assert_int_equal(k, 6);
    assert_true(fabs(sx / 6 - x) < 1.0);
    assert_true(fabs(sy / 6 - (y - height)) < 1.0);
    free(json);
    free(svg);
    kg_export_drawing_free(d);
    kg_graph_free(g);
}

/* -------------------------------------------------------------------- HTML */

static void test_html_is_self_contained_and_safe(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *html = export_to_memory(g, KG_FORMAT_HTML, &size, NULL);
    htmlDocPtr doc = htmlReadMemory(html, (int)size, "out.html", "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* one inline SVG, the data block, the script; nothing to fetch */
    assert_int_equal(count_elements(root, "svg"), 1);
    assert_int_equal(count_elements(root, "script"), 2);
    assert_int_equal(count_elements(root, "link"), 0);
    assert_int_equal(count_elements(root, "img"), 0);
    assert_null(strstr(html, "src="));
    assert_non_null(strstr(html, "default-src 'none'"));
    /* the nasty name made no element: no <b> anywhere in the page */
    assert_int_equal(count_elements(root, "b"), 0);
    xmlNodePtr data = NULL;
    for (xmlNodePtr s = find_element(root, "script"); s; s = s->next) {
        char *id = is_element(s, "script") ? prop(s, "id") : NULL;
        if (id && strcmp(id, "kg-data") == 0) {
            data = s;
        }
        xmlFree(id);
    }
    assert_non_null(data);
    xmlChar *json = xmlNodeGetContent(data);
    assert_non_null(strstr((char *)json, "\"label\": \"Glezmann\""));
    assert_non_null(strstr((char *)json, "Qatar mediated the release."));
    assert_null(strstr((char *)json, "</"));
    xmlFree(json);
    assert_non_null(strstr(html, "<title>kgraph: test &lt;&amp;&gt; input</title>"));
    assert_non_null(strstr(html, "id=\"panel\""));
    xmlFreeDoc(doc);
    free(html);
    kg_graph_free(g);
}

/* --------------------------------------------------------------------- RDF */

/* One N-Triples line: subject, predicate, object, " ." - checked by hand. */
static void check_ntriples_line(const char *line)
{
    const char *p = line;
    for (int term = 0; term < 3; term++) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            assert_non_null(end);
            for (const char *q = p + 1; q < end; q++) {
                assert_true((unsigned char)*q > 0x20 && !strchr("<\"{}|^`\\", *q));
            }
            p = end + 1;
        } else if (*p == '_' && term != 1) {
            assert_true(p[1] == ':');
            p = strchr(p, ' ');
            assert_non_null(p);
        } else {
            assert_int_equal(term, 2);
            assert_int_equal(*p, '"');
            for (p++; *p != '"'; p++) {
                assert_true(*p && *p != '\n' && *p != '\r' && (unsigned char)*p >= 0x20);
                if (*p == '\\') {
                    p++;
                    assert_non_null(strchr("\"\\nrt", *p));
                }
            }
            p++;
            if (strncmp(p, "^^<", 3) == 0) {
                p = strchr(p, '>') + 1;
            }
        }
        if (term < 2) {
            assert_int_equal(*p, ' ');
            p++;
        }
    }
    assert_string_equal(p, " .");
}

static void test_rdf_ntriples_and_turtle(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *nt = export_to_memory(g, KG_FORMAT_NTRIPLES, &size, NULL);
    size_t lines = 0;
    for (char *line = strtok(nt, "\n"); line; line = strtok(NULL, "\n")) {
        check_ntriples_line(line);
        lines++;
    }
    assert_true(lines > 40);
    free(nt);
    nt = export_to_memory(g, KG_FORMAT_NTRIPLES, &size, NULL);
    assert_non_null(strstr(nt, "<urn:kgraph:entity/Qatar> <urn:kgraph:relation/mediate> "
                               "<urn:kgraph:entity/Glezmann> ."));
    assert_non_null(strstr(nt, "<http://www.w3.org/2000/01/rdf-schema#label> "
                               "\"A<b>&\\\"c'\\\\N\\nd\" ."));
    assert_non_null(strstr(nt, "<urn:kgraph:entity/A%3Cb%3E%26%22c%27%5CN%20d>"));
    free(nt);

    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    o.rdf_base = "http://example.org/kg/";
    char *ttl = export_to_memory(g, KG_FORMAT_TURTLE, &size, &o);
    assert_non_null(strstr(ttl, "@prefix ent: <http://example.org/kg/entity/> ."));
    assert_non_null(strstr(ttl, "ent:Qatar rel:mediate ent:Glezmann ."));
    assert_non_null(strstr(ttl, "kg:weight \"3\"^^xsd:double"));
    free(ttl);

    o.rdf_base = "http://bad base/";
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(kg_export(g, KG_FORMAT_TURTLE, f, &o), KG_EINVAL);
    fclose(f);
    kg_graph_free(g);
}

/* ------------------------------------------------------------------- Neo4j */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_neo4j_csv_directory(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    char dir[] = "/tmp/kg-neo4j-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out", dir);
    assert_int_equal(kg_export_path(g, KG_FORMAT_NEO4J, path, NULL), 0);
    snprintf(path, sizeof path, "%s/out/nodes.csv", dir);
    char *nodes = read_text(path);
    assert_int_equal(strncmp(nodes,
                             "id:ID(Entity),name,:LABEL,type,aliases:string[],roles:string[],"
                             "mentions:long,documents:string[]\n",
                             96),
                     0);
    assert_non_null(strstr(nodes, "\"Qatar\",\"Entity|GPE\",\"GPE\""));
    /* quotes doubled, the newline flattened: one record per line */
    assert_non_null(strstr(nodes, "\"A<b>&\"\"c'\\N d\",\"Entity\""));
    size_t lines = 0;
    for (const char *p = nodes; *p; p++) {
        lines += *p == '\n';
    }
    assert_int_equal(lines, 5);
    snprintf(path, sizeof path, "%s/out/relationships.csv", dir);
    char *rels = read_text(path);
    assert_int_equal(strncmp(rels,
                             ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,label,layer,"
                             "weight:double",
                             74),
                     0);
    assert_non_null(strstr(rels, ",\"SAY_TO_X\",\"say <to> & \"\"x\"\"\","));
    assert_non_null(strstr(rels, ",\"MEDIATE\",\"mediate\",\"mediate\",\"relation\",3,"));
    free(nodes);
    free(rels);
    /* not to a stream */
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(kg_export(g, KG_FORMAT_NEO4J, f, NULL), KG_EINVAL);
    fclose(f);
    snprintf(path, sizeof path, "%s/out/nodes.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/out/relationships.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/out", dir);
    rmdir(path);
    rmdir(dir);
    kg_graph_free(g);
}

/* ---------------------------------------------------------- limits, errors */

static void test_drawing_size_limit(void **state)
{
    (void)state;
    kg_graph *g = big_graph(40);
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    o.max_draw_nodes = 30;
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(kg_export_check(g, KG_FORMAT_SVG, &o), KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "--top N"));
    assert_non_null(strstr(kg_error_message(), "40 entities"));
    assert_int_equal(kg_export(g, KG_FORMAT_HTML, f, &o), KG_EINVAL);
    assert_int_equal(kg_export(g, KG_FORMAT_PNG, f, &o), KG_EINVAL);
    /* data formats are not drawings: still written, still laid out */
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size, &o);
    assert_non_null(strstr(xml, "attr.name=\"x\""));
    free(xml);
    char *dot = export_to_memory(g, KG_FORMAT_DOT, &size, &o);
    assert_non_null(strstr(dot, "Entity 39"));
    free(dot);
    /* a drawing made for a graph above the limit only gives positions */
    kg_export_drawing *d = NULL;
    assert_int_equal(kg_export_drawing_new(&d, g, &o, 1), 0);
    o.drawing = d;
    assert_int_equal(kg_export(g, KG_FORMAT_SVG, f, &o), KG_EINVAL);
    char *json = export_to_memory(g, KG_FORMAT_JSON, &size, &o);
    assert_non_null(strstr(json, "\"layout\": \"sfdp\""));
    free(json);
    kg_export_drawing_free(d);
    /* the limit can be lifted */
    o.drawing = NULL;
    o.max_draw_nodes = 0;
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size, &o);
    assert_non_null(strstr(svg, ">Entity 39</text>"));
    free(svg);
    fclose(f);
    kg_graph_free(g);
}

static void test_options_are_checked(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    o.layout = "spring";
    assert_int_equal(kg_export_check(g, KG_FORMAT_SVG, &o), KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "unknown layout 'spring'"));
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(kg_export(g, KG_FORMAT_NONE, f, NULL), KG_EINVAL);
    fclose(f);
    for (size_t i = 0; i < 5; i++) {
        static const char *const engines[] = {"sfdp", "neato", "fdp", "dot", "circo"};
        o.layout = engines[i];
        size_t size = 0;
        char *svg = export_to_memory(g, KG_FORMAT_SVG, &size, &o);
        assert_non_null(strstr(svg, ">Glezmann</text>"));
        free(svg);
    }
    kg_graph_free(g);
}

static void test_format_selection(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        kg_format format;
    } cases[] = {
        {"out/graph.graphml", KG_FORMAT_GRAPHML},
        {"g.SVG", KG_FORMAT_SVG},
        {"g.gv", KG_FORMAT_DOT},
        {"g.gexf", KG_FORMAT_GEXF},
        {"g.json", KG_FORMAT_JSON},
        {"g.png", KG_FORMAT_PNG},
        {"g.html", KG_FORMAT_HTML},
        {"g.htm", KG_FORMAT_HTML},
        {"g.ttl", KG_FORMAT_TURTLE},
        {"g.nt", KG_FORMAT_NTRIPLES},
        {"dir.svg/graph", KG_FORMAT_NONE},
        {"graph.xyz", KG_FORMAT_NONE},
        {"neo4j-dir", KG_FORMAT_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(kg_format_from_path(cases[i].path), cases[i].format);
    }
    assert_int_equal(kg_format_from_name("dot"), KG_FORMAT_DOT);
    assert_int_equal(kg_format_from_name("neo4j"), KG_FORMAT_NEO4J);
    assert_int_equal(kg_format_from_name("ntriples"), KG_FORMAT_NTRIPLES);
    assert_int_equal(kg_format_from_name("ttl"), KG_FORMAT_TURTLE);
    assert_string_equal(kg_format_name(KG_FORMAT_GEXF), "gexf");
    assert_true(kg_format_is_drawing(KG_FORMAT_HTML));
    assert_false(kg_format_is_drawing(KG_FORMAT_DOT));
    assert_true(kg_format_uses_layout(KG_FORMAT_GRAPHML));
    assert_false(kg_format_uses_layout(KG_FORMAT_TURTLE));
    kg_graph *g = sample_graph();
    assert_int_equal(kg_export_path(g, KG_FORMAT_NONE, "/tmp/graph.xyz", NULL), KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "/tmp/graph.xyz"));
    assert_int_equal(kg_export_path(g, KG_FORMAT_NONE, "/nonexistent/graph.dot", NULL), KG_EIO);
    assert_int_equal(kg_export_path(g, KG_FORMAT_NEO4J, "-", NULL), KG_EINVAL);
    kg_graph_free(g);
}

/* Random bytes as names, relations and sentences: every format still parses
 * or keeps its line structure, and nothing raw leaks through. */
static void test_fuzzed_text_never_breaks_outputs(void **state)
{
    (void)state;
    unsigned long seed = 12345;
    char names[6][40], rel[40], text[120];
    for (int round = 0; round < 4; round++) {
        kg_graph *g = NULL;
        assert_int_equal(kg_graph_new(&g, NULL), 0);
        for (int k = 0; k < 6; k++) {
            for (int i = 0; i < 39; i++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                char c = (char)(seed >> 56);
                names[k][i] = c ? c : 'x';
            }
            names[k][39] = '\0';
        }
        for (int i = 0; i < 39; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            rel[i] = (char)((seed >> 58) + 32); /* printable ASCII incl. quotes */
        }
        rel[39] = '\0';
        for (int i = 0; i < 119; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            char c = (char)(seed >> 56);
            text[i] = c ? c : '\n';
        }
        text[119] = '\0';
        for (int k = 0; k < 5; k++) {
            kg_triple t = triple(names[k], rel, names[k + 1], names[5 - k], (uint32_t)k, text);
            add_one(g, &t);
        }
        assert_int_equal(kg_graph_finish(g), 0);
        size_t size = 0;
        static const kg_format xml_formats[] = {KG_FORMAT_GRAPHML, KG_FORMAT_GEXF, KG_FORMAT_SVG};
        for (size_t i = 0; i < 3; i++) {
            char *xml = export_to_memory(g, xml_formats[i], &size, NULL);
            xmlDocPtr doc = read_xml(xml, size);
            xmlFreeDoc(doc);
            free(xml);
        }
        char *dot = export_to_memory(g, KG_FORMAT_DOT, &size, NULL);
        Agraph_t *G = agmemread(dot);
        assert_non_null(G);
        assert_true(agnnodes(G) >= 6);
        agclose(G);
        free(dot);
        char *nt = export_to_memory(g, KG_FORMAT_NTRIPLES, &size, NULL);
        for (char *line = strtok(nt, "\n"); line; line = strtok(NULL, "\n")) {
            check_ntriples_line(line);
        }
        free(nt);
        char *json = export_to_memory(g, KG_FORMAT_JSON, &size, NULL);
        for (const char *p = json; *p; p++) {
            assert_true((unsigned char)*p >= 0x20 || *p == '\n');
        }
        assert_null(strchr(json, '<'));
        free(json);
        char *html = export_to_memory(g, KG_FORMAT_HTML, &size, NULL);
        /* only the page's own two scripts end */
        size_t ends = 0;
        for (const char *p = html; (p = strstr(p, "</script")); p++) {
            ends++;
        }
        assert_int_equal(ends, 2);
        free(html);
        kg_graph_free(g);
    }
}

static void test_long_text_is_bounded(void **state)
{
    (void)state;
    size_t n = 200000;
    char *name = malloc(n + 1), *sentence = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        name[i] = (char)('a' + i % 26);
        sentence[i] = i % 7 ? 'w' : ' ';
    }
    name[n] = sentence[n] = '\0';
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    kg_triple t = triple(name, "meet", "Qatar", "long.txt", 0, sentence);
    add_one(g, &t);
    assert_int_equal(kg_graph_finish(g), 0);
    size_t size = 0;
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size, NULL);
    assert_true(size < 60000); /* labels and tooltips are cut, marked with "..." */
    assert_non_null(strstr(svg, "...</text>"));
    free(svg);
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size, NULL);
    assert_true(size > 2 * n); /* data formats keep everything */
    free(xml);
    free(name);
    free(sentence);
    kg_graph_free(g);
}

static void test_empty_graph_exports(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    assert_int_equal(kg_graph_finish(g), 0);
    for (kg_format f = KG_FORMAT_GRAPHML; f < KG_FORMAT_NEO4J; f++) {
        size_t size = 0;
        char *out = export_to_memory(g, f, &size, NULL);
        assert_true(size > 0 || f == KG_FORMAT_NTRIPLES); /* no triples at all */
        free(out);
    }
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size, NULL);
    assert_non_null(strstr(xml, "<graph id=\"kgraph\" edgedefault=\"directed\""));
    free(xml);
    kg_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assembly_aggregates_edges),
        cmocka_unit_test(test_graphml_reads_back),
        cmocka_unit_test(test_gexf_reads_back),
        cmocka_unit_test(test_json_escapes_and_carries_everything),
        cmocka_unit_test(test_dot_reads_back),
        cmocka_unit_test(test_svg_titles_carry_evidence),
        cmocka_unit_test(test_one_layout_for_every_format),
        cmocka_unit_test(test_html_is_self_contained_and_safe),
        cmocka_unit_test(test_rdf_ntriples_and_turtle),
        cmocka_unit_test(test_neo4j_csv_directory),
        cmocka_unit_test(test_drawing_size_limit),
        cmocka_unit_test(test_options_are_checked),
        cmocka_unit_test(test_format_selection),
        cmocka_unit_test(test_fuzzed_text_never_breaks_outputs),
        cmocka_unit_test(test_long_text_is_bounded),
        cmocka_unit_test(test_empty_graph_exports),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    kg_export_cleanup();
    return failed;
}
