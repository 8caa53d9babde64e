/* style.c - how entities look, shared by every format that carries looks:
 * the Graphviz drawing (shape, fill, border), GraphML's r/g/b and size,
 * GEXF's viz:color and viz:size, the JSON colour and size. Colour and shape
 * follow the entity type (unknown or empty types are drawn neutrally); size
 * follows centrality: the graph's "pagerank" node attribute when it has one
 * with a non-zero value, else the degree counted from the edges. */
#include "export_internal.h"

#include <math.h>
#include <string.h>

static const kg_style styles[] = {
    {"PERSON", "person", "ellipse", "#aed6f1", "#2e86c1"},
    {"ORG", "organisation", "box", "#f9e79f", "#b7950b"},
    {"GPE", "country, city, state", "hexagon", "#a9dfbf", "#229954"},
    {"NORP", "nationality, group", "octagon", "#d7bde2", "#7d3c98"},
    {"LOC", "location", "house", "#f5cba7", "#ca6f1e"},
    {"FAC", "facility", "box3d", "#edbb99", "#a04000"},
    {"EVENT", "event", "note", "#f5b7b1", "#b03a2e"},
    {"LAW", "law", "tab", "#d5dbdb", "#616a6b"},
    {"DATE", "date", "cds", "#e5e7e9", "#7f8c8d"},
};

static const kg_style untyped = {"", "untyped", "ellipse", "#ffffff", "#7f8c8d"};

const kg_style *kg_style_for(const char *type)
{
    if (type) {
        for (size_t i = 0; i < sizeof styles / sizeof *styles; i++) {
            if (strcmp(styles[i].type, type) == 0) {
                return &styles[i];
            }
        }
    }
    return &untyped;
}

size_t kg_style_count(void)
{
    return sizeof styles / sizeof *styles + 1;
}

const kg_style *kg_style_at(size_t i)
{
    return i < sizeof styles / sizeof *styles ? &styles[i] : &untyped;
}

void kg_style_rgb(const char *hex, int rgb[3])
{
    for (int k = 0; k < 3; k++) {
        int v = 0;
        for (int j = 0; j < 2; j++) {
            char c = hex[1 + 2 * k + j];
            v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
        }
        rgb[k] = v;
    }
}

static int has_attr(const kg_graph *g, kg_attr_scope scope, const char *name)
{
    for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
        if (strcmp(kg_graph_attr_name(g, scope, i, NULL), name) == 0) {
            return 1;
        }
    }
    return 0;
}

int kg_style_centrality(double **out, const kg_graph *g, const char **measure)
{
    size_t n = kg_graph_node_count(g), m = kg_graph_edge_count(g);
    double *c = kg_calloc(n ? n : 1, sizeof *c);
    if (!c) {
        return KG_ENOMEM;
    }
    double max = 0;
    *measure = "degree";
    if (has_attr(g, KG_SCOPE_NODE, "pagerank")) {
        for (size_t v = 0; v < n; v++) {
            c[v] = kg_graph_node_num(g, v, "pagerank");
            if (!(c[v] > 0)) { /* also NaN */
                c[v] = 0;
            }
            if (c[v] > max) {
                max = c[v];
            }
        }
        if (max > 0) {
            *measure = "PageRank";
        }
    }
    if (max == 0) {
        for (size_t e = 0; e < m; e++) {
            size_t from, to;
            kg_graph_edge_ends(g, e, &from, &to);
            c[from] += 1;
            c[to] += 1;
        }
        for (size_t v = 0; v < n; v++) {
            if (c[v] > max) {
                max = c[v];
            }
        }
    }
    /* square root, so a hub does not dwarf everything else */
    for (size_t v = 0; v < n; v++) {
        c[v] = max > 0 ? sqrt(c[v] / max) : 0;
    }
    *out = c;
    return KG_OK;
}

double kg_style_size(double centrality)
{
    return 8.0 + 24.0 * centrality;
}
