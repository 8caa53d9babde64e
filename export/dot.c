/* dot.c - the styled Graphviz drawing of the graph, built with cgraph
 * (agopen/agnode/agedge) and written as DOT with agwrite. Node colour and
 * shape follow the entity type; edges carry the relation as label, their
 * weight as pen width and the evidence sentences as tooltip. */
#include "export_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* cgraph takes char * for strings it does not modify. */
static char *cs(const char *s)
{
    return (char *)(uintptr_t)s;
}

typedef struct style {
    const char *type;
    const char *shape;
    const char *fill;
} style;

static const style styles[] = {
    {"PERSON", "ellipse", "#aed6f1"}, {"ORG", "box", "#f9e79f"},
    {"GPE", "hexagon", "#a9dfbf"},    {"NORP", "octagon", "#d7bde2"},
    {"LOC", "house", "#f5cba7"},      {"FAC", "house", "#f5cba7"},
    {"EVENT", "note", "#e5e7e9"},     {"LAW", "note", "#e5e7e9"},
    {"DATE", "note", "#e5e7e9"},
};

static const style *style_for(const char *type)
{
    static const style plain = {"", "ellipse", "#ffffff"};
    for (size_t i = 0; i < sizeof styles / sizeof *styles; i++) {
        if (strcmp(styles[i].type, type) == 0)
            return &styles[i];
    }
    return &plain;
}

/* Appends s to b as Graphviz escString text: backslashes doubled (so names
 * cannot inject \N, \G, \l ...), newlines and control characters shown as a
 * line break when keep_lines, else as spaces; at most max bytes of s. */
static int put_esc(kg_strbuf *b, const char *s, int keep_lines, size_t max)
{
    size_t n = 0;
    for (; *s && n < max; s++, n++) {
        int rc;
        if (*s == '\\')
            rc = kg_strbuf_puts(b, "\\\\");
        else if (*s == '\n')
            rc = keep_lines ? kg_strbuf_puts(b, "\\n") : kg_strbuf_putc(b, ' ');
        else if ((unsigned char)*s < 0x20)
            rc = kg_strbuf_putc(b, ' ');
        else
            rc = kg_strbuf_putc(b, *s);
        if (rc)
            return rc;
    }
    if (*s) {
        /* cut at a character boundary */
        while (b->len && ((unsigned char)b->data[b->len - 1] & 0xc0) == 0x80)
            b->len--;
        if (b->len && (unsigned char)b->data[b->len - 1] >= 0xc0)
            b->len--;
        b->data[b->len] = '\0';
        return kg_strbuf_puts(b, "...");
    }
    return KG_OK;
}

static int set_escaped(void *obj, const char *attr, const char *value, int keep_lines, size_t max,
                       kg_strbuf *b)
{
    kg_strbuf_clear(b);
    if (put_esc(b, value, keep_lines, max))
        return KG_ENOMEM;
    agsafeset(obj, cs(attr), cs(kg_strbuf_cstr(b)), cs(""));
    return KG_OK;
}

Agraph_t *kg_export_cgraph(const kg_graph *g, const kg_export_options *o)
{
    kg_strbuf b = KG_STRBUF_INIT;
    char name[32], num[32];
    Agnode_t **nodes = NULL;
    Agraph_t *G = agopen(cs("kgraph"), Agdirected, NULL);
    if (!G) {
        kg_error_set(KG_ELIB, "graphviz: cannot create a graph");
        return NULL;
    }
    size_t n = kg_graph_node_count(g), m = kg_graph_edge_count(g);
    nodes = kg_calloc(n ? n : 1, sizeof *nodes);
    if (!nodes)
        goto fail;

    agattr(G, AGRAPH, cs("fontname"), cs("Helvetica"));
    agattr(G, AGRAPH, cs("outputorder"), cs("edgesfirst"));
    agattr(G, AGRAPH, cs("overlap"), cs("prism"));
    agattr(G, AGRAPH, cs("splines"), cs("true"));
    agattr(G, AGRAPH, cs("sep"), cs("+12"));
    agattr(G, AGRAPH, cs("esep"), cs("+6"));
    if (o->title && set_escaped(G, "label", o->title, 0, 200, &b))
        goto fail;
    if (o->title) {
        agattr(G, AGRAPH, cs("labelloc"), cs("t"));
        agattr(G, AGRAPH, cs("fontsize"), cs("18"));
    }
    agattr(G, AGNODE, cs("style"), cs("filled"));
    agattr(G, AGNODE, cs("fontname"), cs("Helvetica"));
    agattr(G, AGNODE, cs("fontsize"), cs("11"));
    agattr(G, AGEDGE, cs("fontname"), cs("Helvetica"));
    agattr(G, AGEDGE, cs("fontsize"), cs("9"));
    agattr(G, AGEDGE, cs("color"), cs("#555555"));
    agattr(G, AGEDGE, cs("fontcolor"), cs("#333333"));

    for (size_t v = 0; v < n; v++) {
        snprintf(name, sizeof name, "n%zu", v);
        Agnode_t *node = agnode(G, name, 1);
        if (!node)
            goto fail;
        nodes[v] = node;
        const char *label = kg_graph_node_str(g, v, "label");
        const char *roles = kg_graph_node_str(g, v, "roles");
        const char *type = kg_graph_node_str(g, v, "type");
        const style *st = style_for(type);
        kg_strbuf_clear(&b);
        if (put_esc(&b, label, 0, 80) ||
            (*roles && (kg_strbuf_puts(&b, "\\n") || put_esc(&b, roles, 0, 60))))
            goto fail;
        agsafeset(node, cs("label"), cs(kg_strbuf_cstr(&b)), cs(""));
        agsafeset(node, cs("shape"), cs(st->shape), cs(""));
        agsafeset(node, cs("fillcolor"), cs(st->fill), cs(""));
        kg_strbuf_clear(&b);
        if (kg_strbuf_printf(&b, "%s%s%s", label, *type ? " - " : "", type))
            goto fail;
        if (set_escaped(node, "tooltip", b.data, 0, 300, &b))
            goto fail;
    }
    for (size_t e = 0; e < m; e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        Agedge_t *edge = agedge(G, nodes[from], nodes[to], NULL, 1);
        if (!edge)
            goto fail;
        if (set_escaped(edge, "label", kg_graph_edge_str(g, e, "label"), 0, 40, &b) ||
            set_escaped(edge, "tooltip", kg_graph_edge_str(g, e, "evidence"), 1, 2000, &b))
            goto fail;
        double w = kg_graph_edge_num(g, e, "weight");
        snprintf(num, sizeof num, "%.2f", 1.0 + 1.5 * log2(w > 1 ? w : 1));
        agsafeset(edge, cs("penwidth"), num, cs(""));
        snprintf(num, sizeof num, "%.6g", w);
        agsafeset(edge, cs("weight"), num, cs(""));
    }
    kg_free(nodes);
    kg_strbuf_free(&b);
    return G;
fail:
    if (!*kg_error_message())
        kg_error_set(KG_ENOMEM, "out of memory building the drawing");
    kg_free(nodes);
    kg_strbuf_free(&b);
    agclose(G);
    return NULL;
}

int kg_export_dot(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    kg_error_clear();
    Agraph_t *G = kg_export_cgraph(g, o);
    if (!G)
        return KG_ENOMEM;
    int rc = agwrite(G, f) == 0 && !ferror(f) ? KG_OK : kg_error_set(KG_EIO, "writing DOT failed");
    agclose(G);
    return rc;
}
