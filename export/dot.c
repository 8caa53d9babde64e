/* dot.c - the styled Graphviz drawing of the graph, built with cgraph
 * (agopen/agnode/agedge), and the DOT writer (agwrite). One drawing serves
 * DOT, SVG, PNG and HTML:
 *   - node colour, border and shape follow the entity type (style.c), the
 *     label size and minimum width follow centrality;
 *   - edges with the same direction between the same two entities are drawn
 *     as one edge: its label names the strongest relations (shortened), its
 *     width grows with the summed weight, its tooltip lists every relation
 *     with its evidence sentences and documents;
 *   - the graph label is an HTML-like table: the title line and a legend of
 *     the entity types present, node size and edge width;
 *   - each edge label is a small node on its edge's way, so overlap removal
 *     (prism) keeps labels clear of entities and of each other; small
 *     drawings route edges around nodes (splines), larger ones curve them. */
#include "export_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *kg_cs(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* Upper bounds on text that reaches a drawing, in input bytes. */
#define NODE_LABEL_MAX 48
#define ROLES_MAX 40
#define EDGE_LABEL_MAX 26
#define EDGE_LABELS_SHOWN 2
#define TOOLTIP_MAX 4000
/* Drawings of up to this many nodes (entities and edge labels) get edges routed
 * around nodes. */
#define CURVED_EDGES_MAX 120
#define SPLINE_ROUTING_MAX 80

static void set(void *obj, const char *attr, const char *value)
{
    agsafeset(obj, kg_cs(attr), kg_cs(value), kg_cs(""));
}

/* ------------------------------------------------------------- title+legend */

/* Sets the graph label to an HTML-like table: the title, then one swatch per
 * entity type present and what size and width mean. */
static int set_legend(Agraph_t *G, const kg_graph *g, const kg_export_options *o,
                      const char *measure, kg_strbuf *b)
{
    size_t n = kg_graph_node_count(g);
    size_t ns = kg_style_count();
    int present[32] = {0};
    for (size_t v = 0; v < n; v++) {
        const kg_style *st = kg_style_for(kg_graph_node_str(g, v, "type"));
        for (size_t i = 0; i < ns && i < 32; i++) {
            if (kg_style_at(i) == st) {
                present[i] = 1;
            }
        }
    }
    if (!o->title && n == 0) {
        return KG_OK;
    }
    /* One table, so nothing is nested; the legend row ends in an empty cell
     * about as wide as the title is wider than the legend, because Graphviz
     * spreads a row's spare width over its cells (widths are estimated from
     * character counts: ~0.55 em per character). */
    int cells = 0;
    size_t legend_chars = 60 + strlen(measure);
    for (size_t i = 0; i < ns && i < 32; i++) {
        if (present[i]) {
            cells++;
            legend_chars += strlen(kg_style_at(i)->legend) + 4;
        }
    }
    size_t title_chars = o->title ? strlen(o->title) : 0;
    if (title_chars > 200) {
        title_chars = 203;
    }
    double filler = title_chars * 18 * 0.55 - legend_chars * 10 * 0.55;
    kg_strbuf_clear(b);
    if (kg_strbuf_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"4\" "
                          "CELLPADDING=\"3\">")) {
        return KG_ENOMEM;
    }
    if (o->title && *o->title) {
        if (kg_strbuf_printf(b, "<TR><TD BORDER=\"0\" ALIGN=\"LEFT\" COLSPAN=\"%d\">", cells + 2) ||
            kg_strbuf_puts(b, "<FONT POINT-SIZE=\"18\">") || kg_esc_xml(b, o->title, 0, 200) ||
            kg_strbuf_puts(b, "</FONT></TD></TR>")) {
            return KG_ENOMEM;
        }
    }
    if (n > 0) {
        if (kg_strbuf_puts(b, "<TR>")) {
            return KG_ENOMEM;
        }
        for (size_t i = 0; i < ns && i < 32; i++) {
            const kg_style *st = kg_style_at(i);
            if (present[i] && kg_strbuf_printf(b,
                                               "<TD COLOR=\"%s\" BGCOLOR=\"%s\">"
                                               "<FONT POINT-SIZE=\"10\">%s</FONT></TD>",
                                               st->border, st->fill, st->legend)) {
                return KG_ENOMEM;
            }
        }
        if (kg_strbuf_printf(
                b,
                "<TD BORDER=\"0\"><FONT POINT-SIZE=\"10\" COLOR=\"#555555\">"
                "node size: %s \xc2\xb7 line width: times extracted \xc2\xb7 "
                "hover for evidence</FONT></TD><TD BORDER=\"0\" WIDTH=\"%d\"></TD></TR>",
                measure, filler > 1 ? (int)filler : 1)) {
            return KG_ENOMEM;
        }
    }
    if (kg_strbuf_puts(b, "</TABLE>")) {
        return KG_ENOMEM;
    }
    char *html = agstrdup_html(G, b->data);
    if (!html) {
        return kg_error_set(KG_ENOMEM, "graphviz: out of memory");
    }
    agattr(G, AGRAPH, kg_cs("label"), kg_cs(""));
    agset(G, kg_cs("label"), html);
    agstrfree(G, html);
    agattr(G, AGRAPH, kg_cs("labelloc"), kg_cs("t"));
    agattr(G, AGRAPH, kg_cs("labeljust"), kg_cs("l"));
    return KG_OK;
}

/* ------------------------------------------------------------------- nodes */

static int node_tooltip(kg_strbuf *b, const kg_graph *g, size_t v)
{
    const char *type = kg_graph_node_str(g, v, "type");
    const char *aliases = kg_graph_node_str(g, v, "aliases");
    const char *roles = kg_graph_node_str(g, v, "roles");
    const char *docs = kg_graph_node_str(g, v, "documents");
    kg_strbuf_clear(b);
    if (kg_esc_dot(b, kg_graph_node_str(g, v, "label"), 0, 200) ||
        (*type &&
         (kg_strbuf_puts(b, " (") || kg_esc_dot(b, type, 0, 40) || kg_strbuf_putc(b, ')'))) ||
        (*aliases && (kg_strbuf_puts(b, "\\nnamed: ") || kg_esc_dot(b, aliases, 0, 600))) ||
        (*roles && (kg_strbuf_puts(b, "\\nroles: ") || kg_esc_dot(b, roles, 0, 400))) ||
        kg_strbuf_printf(b, "\\nmentions: %.0f", kg_graph_node_num(g, v, "mentions")) ||
        (*docs && (kg_strbuf_puts(b, "\\ndocuments: ") || kg_esc_dot(b, docs, 0, 600)))) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

static int style_node(Agnode_t *node, const kg_graph *g, size_t v, double c, kg_strbuf *b)
{
    char num[32];
    const char *roles = kg_graph_node_str(g, v, "roles");
    const kg_style *st = kg_style_for(kg_graph_node_str(g, v, "type"));
    kg_strbuf tmp = KG_STRBUF_INIT;
    kg_strbuf_clear(b);
    if (kg_esc_short(&tmp, kg_graph_node_str(g, v, "label"), NODE_LABEL_MAX) ||
        kg_esc_dot(b, kg_strbuf_cstr(&tmp), 0, 0)) {
        goto nomem;
    }
    if (*roles) {
        /* '|'-separated in the graph, comma-separated on paper */
        kg_strbuf list = KG_STRBUF_INIT;
        for (const char *p = roles; *p; p++) {
            if (*p == '|' ? kg_strbuf_puts(&list, ", ") : kg_strbuf_putc(&list, *p)) {
                goto nomem;
            }
        }
        kg_strbuf_clear(&tmp);
        int bad = kg_esc_short(&tmp, kg_strbuf_cstr(&list), ROLES_MAX) ||
                  kg_strbuf_puts(b, "\\n") || kg_esc_dot(b, kg_strbuf_cstr(&tmp), 0, 0);
        kg_strbuf_free(&list);
        if (bad) {
            goto nomem;
        }
    }
    kg_strbuf_free(&tmp);
    set(node, "label", kg_strbuf_cstr(b));
    set(node, "shape", st->shape);
    set(node, "fillcolor", st->fill);
    set(node, "color", st->border);
    snprintf(num, sizeof num, "%.1f", 10.0 + 8.0 * c);
    set(node, "fontsize", num);
    snprintf(num, sizeof num, "%.2f", 0.4 + 0.8 * c);
    set(node, "width", num);
    snprintf(num, sizeof num, "%.2f", 0.3 + 0.3 * c);
    set(node, "height", num);
    snprintf(num, sizeof num, "%.2f", 1.0 + 1.5 * c);
    set(node, "penwidth", num);
    if (node_tooltip(b, g, v)) {
        return KG_ENOMEM;
    }
    set(node, "tooltip", kg_strbuf_cstr(b));
    return KG_OK;
nomem:
    kg_strbuf_free(&tmp);
    return KG_ENOMEM;
}

/* ------------------------------------------------------------------- edges */

typedef struct bundle {
    size_t from, to;
    size_t count;  /* kg edges drawn by it */
    size_t first;  /* index into the sorted member list */
    double weight; /* summed */
} bundle;

typedef struct member {
    size_t bundle;
    size_t edge;
    double weight;
} member;

static int member_cmp(const void *pa, const void *pb)
{
    const member *a = pa, *b = pb;
    if (a->bundle != b->bundle) {
        return a->bundle < b->bundle ? -1 : 1;
    }
    if (a->weight != b->weight) {
        return a->weight > b->weight ? -1 : 1;
    }
    return a->edge < b->edge ? -1 : a->edge > b->edge;
}

static int edge_label(kg_strbuf *b, const kg_graph *g, const member *ms, size_t count)
{
    kg_strbuf tmp = KG_STRBUF_INIT;
    kg_strbuf_clear(b);
    int rc = KG_OK;
    size_t shown = 0;
    for (size_t i = 0; i < count && shown < EDGE_LABELS_SHOWN; i++) {
        const char *label = kg_graph_edge_str(g, ms[i].edge, "label");
        if (!*label) {
            label = kg_graph_edge_str(g, ms[i].edge, "relation");
        }
        kg_strbuf_clear(&tmp);
        if (kg_esc_short(&tmp, label, EDGE_LABEL_MAX) || (shown && kg_strbuf_puts(b, "\\n")) ||
            kg_esc_dot(b, kg_strbuf_cstr(&tmp), 0, 0)) {
            rc = KG_ENOMEM;
            goto done;
        }
        shown++;
    }
    if (count > shown && kg_strbuf_printf(b, "\\n+%zu more", count - shown)) {
        rc = KG_ENOMEM;
    }
done:
    kg_strbuf_free(&tmp);
    return rc;
}

static int edge_tooltip(kg_strbuf *b, const kg_graph *g, const member *ms, size_t count,
                        size_t from, size_t to)
{
    kg_strbuf_clear(b);
    if (kg_esc_dot(b, kg_graph_node_str(g, from, "label"), 0, 100) ||
        kg_strbuf_puts(b, " \xe2\x86\x92 ") ||
        kg_esc_dot(b, kg_graph_node_str(g, to, "label"), 0, 100)) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        if (b->len > TOOLTIP_MAX) {
            return kg_strbuf_printf(b, "\\n(+%zu more relations)", count - i);
        }
        size_t e = ms[i].edge;
        if (kg_strbuf_puts(b, "\\n\\n") ||
            kg_esc_dot(b, kg_graph_edge_str(g, e, "relation"), 0, 200) ||
            kg_strbuf_printf(b, " (%g)\\n", ms[i].weight) ||
            kg_esc_dot(b, kg_graph_edge_str(g, e, "evidence"), KG_ESC_NEWLINES, TOOLTIP_MAX)) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* Groups the edges by (from, to), draws one edge per group. */
static int add_edges(kg_export_drawing *d, const kg_graph *g, int plain, kg_strbuf *b)
{
    int rc = KG_OK;
    size_t m = kg_graph_edge_count(g);
    kg_map *index = NULL;
    bundle *bundles = NULL;
    member *members = NULL;
    size_t nb = 0;
    char key[64], num[32];
    if (m == 0) {
        return KG_OK;
    }
    if (kg_map_new(&index) || !(bundles = kg_calloc(m, sizeof *bundles)) ||
        !(members = kg_calloc(m, sizeof *members))) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t e = 0; e < m; e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        int k = snprintf(key, sizeof key, "%zu:%zu", from, to);
        uint32_t id;
        int inserted = 0;
        if (kg_map_intern(index, key, (size_t)k, (uint32_t)nb, &id, &inserted)) {
            rc = KG_ENOMEM;
            goto done;
        }
        if (inserted) {
            bundles[nb].from = from;
            bundles[nb].to = to;
            nb++;
        }
        double w = kg_graph_edge_num(g, e, "weight");
        members[e].bundle = id;
        members[e].edge = e;
        members[e].weight = w;
        bundles[id].count++;
        bundles[id].weight += w;
    }
    qsort(members, m, sizeof *members, member_cmp);
    for (size_t i = 0, first = 0; i < nb; i++) {
        bundles[i].first = first;
        first += bundles[i].count;
    }
    for (size_t i = 0; i < nb; i++) {
        const bundle *bu = &bundles[i];
        Agnode_t *tail = d->nodes[bu->from], *head = d->nodes[bu->to];
        if (plain) {
            if (!agedge(d->G, tail, head, NULL, 1)) {
                rc = kg_error_set(KG_ELIB, "graphviz: cannot add an edge");
                goto done;
            }
            continue;
        }
        /* the label is a node on the edge's way, so overlap removal keeps
         * it clear of entities and of other labels */
        const member *ms = members + bu->first;
        snprintf(key, sizeof key, "d_n%zu_n%zu", bu->from, bu->to);
        Agnode_t *label = agnode(d->G, key, 1);
        Agedge_t *in = label ? agedge(d->G, tail, label, NULL, 1) : NULL;
        Agedge_t *out = in ? agedge(d->G, label, head, NULL, 1) : NULL;
        if (!out) {
            rc = kg_error_set(KG_ELIB, "graphviz: cannot add an edge");
            goto done;
        }
        set(label, "id", key);
        set(label, "class", "relation");
        set(label, "shape", "plaintext");
        set(label, "style", "filled");
        set(label, "fillcolor", "#ffffffd0");
        set(label, "fontsize", "9");
        set(label, "fontcolor", "#34495e");
        set(label, "width", "0");
        set(label, "height", "0");
        set(label, "margin", "0.03,0.01");
        size_t k = strlen(key);
        snprintf(key + k, sizeof key - k, "_a");
        set(in, "id", key);
        set(in, "arrowhead", "none");
        snprintf(key + k, sizeof key - k, "_b");
        set(out, "id", key);
        double w = bu->weight > 1 ? bu->weight : 1;
        snprintf(num, sizeof num, "%.2f", 1.0 + 1.5 * log2(w));
        set(in, "penwidth", num);
        set(out, "penwidth", num);
        snprintf(num, sizeof num, "%.2f", 0.6 + 0.15 * log2(w));
        set(out, "arrowsize", num);
        if (edge_label(b, g, ms, bu->count)) {
            rc = KG_ENOMEM;
            goto done;
        }
        set(label, "label", kg_strbuf_cstr(b));
        if (edge_tooltip(b, g, ms, bu->count, bu->from, bu->to)) {
            rc = KG_ENOMEM;
            goto done;
        }
        set(label, "tooltip", kg_strbuf_cstr(b));
        set(in, "tooltip", kg_strbuf_cstr(b));
        set(out, "tooltip", kg_strbuf_cstr(b));
    }
done:
    kg_map_free(index);
    kg_free(bundles);
    kg_free(members);
    return rc;
}

/* ----------------------------------------------------------------- drawing */

static void graph_defaults(Agraph_t *G, const char *engine, int plain)
{
    agattr(G, AGRAPH, kg_cs("layout"), kg_cs(engine));
    agattr(G, AGRAPH, kg_cs("pack"), kg_cs("true"));
    agattr(G, AGRAPH, kg_cs("outputorder"), kg_cs("edgesfirst"));
    if (plain) {
        /* positions only: overlap removal would be 80% of the time (50 s of
         * 60 s for 20,000 entities) for points nobody draws */
        agattr(G, AGRAPH, kg_cs("overlap"), kg_cs("true"));
        agattr(G, AGRAPH, kg_cs("splines"), kg_cs("false"));
        agattr(G, AGNODE, kg_cs("label"), kg_cs(""));
        agattr(G, AGNODE, kg_cs("shape"), kg_cs("point"));
        return;
    }
    agattr(G, AGRAPH, kg_cs("overlap"), kg_cs("prism"));
    agattr(G, AGRAPH, kg_cs("sep"), kg_cs("+10"));
    agattr(G, AGRAPH, kg_cs("esep"), kg_cs("+4"));
    agattr(G, AGRAPH, kg_cs("pad"), kg_cs("0.3"));
    agattr(G, AGRAPH, kg_cs("bgcolor"), kg_cs("white"));
    agattr(G, AGRAPH, kg_cs("fontname"), kg_cs("Helvetica"));
    agattr(G, AGNODE, kg_cs("style"), kg_cs("filled"));
    agattr(G, AGNODE, kg_cs("fontname"), kg_cs("Helvetica"));
    agattr(G, AGNODE, kg_cs("margin"), kg_cs("0.08,0.04"));
    agattr(G, AGEDGE, kg_cs("fontname"), kg_cs("Helvetica"));
    agattr(G, AGEDGE, kg_cs("fontsize"), kg_cs("9"));
    agattr(G, AGEDGE, kg_cs("color"), kg_cs("#6c7a89"));
    agattr(G, AGEDGE, kg_cs("fontcolor"), kg_cs("#34495e"));
}

int kg_export_cgraph(kg_export_drawing **out, const kg_graph *g, const kg_export_options *o,
                     int plain)
{
    int rc = KG_OK;
    kg_strbuf b = KG_STRBUF_INIT;
    double *c = NULL;
    const char *measure = "degree";
    char name[32];
    size_t n = kg_graph_node_count(g);
    *out = NULL;
    kg_export_drawing *d = kg_calloc(1, sizeof *d);
    if (!d) {
        return KG_ENOMEM;
    }
    d->n = n;
    d->styled = !plain;
    d->engine = kg_export_engine(g, o);
    if (!(d->nodes = kg_calloc(n ? n : 1, sizeof *d->nodes)) ||
        !(d->size = kg_calloc(n ? n : 1, sizeof *d->size)) ||
        kg_style_centrality(&c, g, &measure)) {
        rc = KG_ENOMEM;
        goto done;
    }
    d->G = agopen(kg_cs("kgraph"), Agdirected, NULL);
    if (!d->G) {
        rc = kg_error_set(KG_ELIB, "graphviz: cannot create a graph");
        goto done;
    }
    graph_defaults(d->G, d->engine, plain);
    if (!plain && (rc = set_legend(d->G, g, o, measure, &b))) {
        goto done;
    }
    for (size_t v = 0; v < n; v++) {
        snprintf(name, sizeof name, "n%zu", v);
        Agnode_t *node = agnode(d->G, name, 1);
        if (!node) {
            rc = kg_error_set(KG_ELIB, "graphviz: cannot add a node");
            goto done;
        }
        d->nodes[v] = node;
        d->size[v] = kg_style_size(c[v]);
        if (plain) {
            continue;
        }
        set(node, "id", name);
        if ((rc = style_node(node, g, v, c[v], &b))) {
            goto done;
        }
    }
    if ((rc = add_edges(d, g, plain, &b))) {
        goto done;
    }
    /* Routing splines around every node (splines=true) costs seconds per
     * hundred nodes (bench/export_bench: 18 s at 100 entities); curved edges
     * are cheap for a few dozen edges but Graphviz 2.42 takes 29 s for 374 (the
     * samples with --cooccurrence); straight lines cost nothing. The label
     * nodes keep text apart in every case. */
    if (!plain) {
        int nodes = agnnodes(d->G), edges = agnedges(d->G);
        agattr(d->G, AGRAPH, kg_cs("splines"),
               kg_cs(nodes <= SPLINE_ROUTING_MAX ? "true"
                     : edges <= CURVED_EDGES_MAX ? "curved"
                                                 : "line"));
    }
done:
    if (rc == KG_ENOMEM && !*kg_error_message()) {
        kg_error_set(KG_ENOMEM, "out of memory building the drawing");
    }
    kg_free(c);
    kg_strbuf_free(&b);
    if (rc) {
        kg_export_drawing_free(d);
    } else {
        *out = d;
    }
    return rc;
}

int kg_export_dot(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    kg_export_drawing *d = NULL;
    kg_error_clear();
    int rc = kg_export_cgraph(&d, g, o, 0);
    if (rc) {
        return rc;
    }
    if (agwrite(d->G, f) != 0 || ferror(f)) {
        rc = kg_error_set(KG_EIO, "writing DOT failed");
    }
    kg_export_drawing_free(d);
    return rc;
}
