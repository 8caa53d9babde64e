/* test_export.c - graph assembly and the GraphML, DOT and SVG exporters; every
 * output is read back with a real parser (libxml2, cgraph) and checked. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_export.h"
#include "kg_graph.h"

#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Qatar -mediate-> Glezmann (two documents), Taliban -release-> Glezmann, and
 * an entity whose name tries to break every output format. */
static const char *const nasty = "A<b>&\"c'\\N\nd";

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
    t = triple("Taliban", "release", "Glezmann", "b.txt", 1, "The Taliban released Glezmann.");
    t.subject.type = KG_ENT_ORG;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    t = triple(nasty, "say <to> & \"x\"", "Qatar", "c&d.txt", 2, "Odd \x01 <text> & more");
    t.object.type = KG_ENT_GPE;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    kg_extraction_free(x);
    assert_int_equal(kg_graph_finish(g), 0);
    return g;
}

static size_t find_node(const kg_graph *g, const char *label)
{
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        if (strcmp(kg_graph_node_str(g, v, "label"), label) == 0)
            return v;
    }
    fail_msg("no node %s", label);
    return 0;
}

static char *export_to_memory(const kg_graph *g, kg_format fmt, size_t *size)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, size);
    assert_non_null(f);
    kg_export_options o = KG_EXPORT_OPTIONS_INIT;
    o.title = "kgraph: test <&> input";
    assert_int_equal(kg_export(g, fmt, f, &o), 0);
    fclose(f);
    return buf;
}

static const char *child_text(xmlNodePtr n)
{
    return n->children && n->children->content ? (const char *)n->children->content : "";
}

static void test_graphml_reads_back(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size);
    xmlDocPtr doc = xmlReadMemory(xml, (int)size, "out.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc); /* well-formed despite the nasty name */
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "graphml");
    /* every DESIGN.md attribute is declared with attr.name and attr.type */
    const char *want[] = {"node label string",   "node type string",  "node aliases string",
                          "node roles string",   "node mentions int", "node documents string",
                          "edge relation string", "edge label string", "edge weight double",
                          "edge evidence string", "edge documents string"};
    char keys[64][64];
    char key_ids[64][16];
    int nkeys = 0;
    xmlNodePtr graph = NULL;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "key") == 0) {
            xmlChar *for_ = xmlGetProp(n, BAD_CAST "for"), *name = xmlGetProp(n, BAD_CAST "attr.name"),
                    *type = xmlGetProp(n, BAD_CAST "attr.type"), *id = xmlGetProp(n, BAD_CAST "id");
            snprintf(keys[nkeys], sizeof keys[0], "%s %s %s", for_, name, type);
            snprintf(key_ids[nkeys], sizeof key_ids[0], "%s", id);
            nkeys++;
            xmlFree(for_);
            xmlFree(name);
            xmlFree(type);
            xmlFree(id);
        } else if (strcmp((const char *)n->name, "graph") == 0) {
            graph = n;
        }
    }
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found = 0;
        for (int k = 0; k < nkeys; k++)
            found |= strcmp(keys[k], want[i]) == 0;
        assert_true(found);
    }
    assert_non_null(graph);
    /* the nasty label survives exactly (control characters aside) */
    int nodes = 0, edges = 0, nasty_seen = 0;
    for (xmlNodePtr n = graph->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "node") == 0)
            nodes++;
        if (strcmp((const char *)n->name, "edge") == 0)
            edges++;
        for (xmlNodePtr d = n->children; d; d = d->next) {
            if (d->type == XML_ELEMENT_NODE && strcmp(child_text(d), nasty) == 0)
                nasty_seen = 1;
        }
    }
    assert_int_equal(nodes, 4);
    assert_int_equal(edges, 3);
    assert_true(nasty_seen);
    assert_null(strstr(xml, "\x01")); /* not representable in XML 1.0 */
    xmlFreeDoc(doc);
    free(xml);
    assert_string_equal(kg_graph_node_str(g, find_node(g, "Qatar"), "type"), "GPE");
    kg_graph_free(g);
}

static void test_dot_reads_back(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *dot = export_to_memory(g, KG_FORMAT_DOT, &size);
    Agraph_t *G = agmemread(dot);
    assert_non_null(G);
    assert_int_equal(agnnodes(G), 4);
    assert_int_equal(agnedges(G), 3);
    int labels = 0;
    for (Agnode_t *n = agfstnode(G); n; n = agnxtnode(G, n)) {
        const char *label = agget(n, (char *)"label");
        if (strcmp(label, "Qatar") == 0 || strcmp(label, "Taliban") == 0)
            labels++;
        /* backslashes are doubled so "\N" stays text, the newline becomes a space */
        if (strncmp(label, "A<b>", 4) == 0)
            assert_string_equal(label, "A<b>&\"c'\\\\N d");
        if (strcmp(label, "Taliban") == 0)
            assert_string_equal(agget(n, (char *)"shape"), "box"); /* ORG */
    }
    assert_int_equal(labels, 2);
    for (Agnode_t *n = agfstnode(G); n; n = agnxtnode(G, n)) {
        for (Agedge_t *e = agfstout(G, n); e; e = agnxtout(G, e)) {
            if (strcmp(agget(e, (char *)"label"), "mediate") == 0) {
                assert_non_null(strstr(agget(e, (char *)"tooltip"), "mediated by Qatar"));
                assert_true(atof(agget(e, (char *)"penwidth")) > 1.0);
            }
        }
    }
    agclose(G);
    free(dot);
    kg_graph_free(g);
}

static void test_svg_renders_in_process(void **state)
{
    (void)state;
    kg_graph *g = sample_graph();
    size_t size = 0;
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size);
    xmlDocPtr doc = xmlReadMemory(svg, (int)size, "out.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
    xmlFreeDoc(doc);
    assert_non_null(strstr(svg, ">Glezmann</text>"));
    assert_non_null(strstr(svg, ">mediate</text>"));
    assert_non_null(strstr(svg, "kgraph: test &lt;&amp;&gt; input"));
    free(svg);
    kg_graph_free(g);
}

static void test_format_selection(void **state)
{
    (void)state;
    assert_int_equal(kg_format_from_path("out/graph.graphml"), KG_FORMAT_GRAPHML);
    assert_int_equal(kg_format_from_path("g.SVG"), KG_FORMAT_SVG);
    assert_int_equal(kg_format_from_path("g.gv"), KG_FORMAT_DOT);
    assert_int_equal(kg_format_from_path("dir.svg/graph"), KG_FORMAT_NONE);
    assert_int_equal(kg_format_from_path("graph.xyz"), KG_FORMAT_NONE);
    assert_int_equal(kg_format_from_name("dot"), KG_FORMAT_DOT);
    kg_graph *g = sample_graph();
    assert_int_equal(kg_export_path(g, KG_FORMAT_NONE, "/tmp/graph.xyz", NULL), KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "/tmp/graph.xyz"));
    assert_int_equal(kg_export_path(g, KG_FORMAT_NONE, "/nonexistent/graph.dot", NULL), KG_EIO);
    kg_graph_free(g);
}

static void test_empty_graph_exports(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    assert_int_equal(kg_graph_finish(g), 0);
    size_t size = 0;
    char *xml = export_to_memory(g, KG_FORMAT_GRAPHML, &size);
    assert_non_null(strstr(xml, "<graph id=\"kgraph\" edgedefault=\"directed\""));
    free(xml);
    char *svg = export_to_memory(g, KG_FORMAT_SVG, &size);
    assert_non_null(strstr(svg, "<svg"));
    free(svg);
    kg_graph_free(g);
    kg_export_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graphml_reads_back),
        cmocka_unit_test(test_dot_reads_back),
        cmocka_unit_test(test_svg_renders_in_process),
        cmocka_unit_test(test_format_selection),
        cmocka_unit_test(test_empty_graph_exports),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    kg_export_cleanup();
    return failed;
}
