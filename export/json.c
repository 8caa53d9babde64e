/* json.c - node-link JSON that D3 (d3-force) and Cytoscape.js read as it
 * stands:
 *
 *   {"directed": true, "multigraph": true,
 *    "graph": {"title": ..., "generator": "kgraph 0.1.0", "layout": "neato",
 *              "width": w, "height": h},
 *    "nodes": [{"id": "n0", "x": 12.5, "y": 40,
 *               "data": {"id": "n0", "label": ..., "type": ..., every node
 *                        attribute ..., "color": "#aed6f1", "size": 14.2},
 *               "position": {"x": 12.5, "y": 40}}, ...],
 *    "edges": [{"id": "e0", "source": "n0", "target": "n1",
 *               "data": {"id": "e0", "source": "n0", "target": "n1",
 *                        every edge attribute ...}}, ...]}
 *
 * Cytoscape.js: cytoscape({elements: json}) - each node and edge is an
 * element with its data and position. D3: d3.forceSimulation(json.nodes)
 * .force("link", d3.forceLink(json.edges).id(d => d.id)) - source/target
 * ids and x/y starting positions are top-level fields. networkx:
 * node_link_graph(json, link="edges") (networkx >= 3.4: edges="edges").
 * Positions are the drawing's layout in points with y growing downwards,
 * as in the SVG; they are absent when positions are off. */
#include "export_internal.h"

#include <math.h>
#include <string.h>

static int put_number(kg_strbuf *b, double v, kg_attr_type type)
{
    if (!isfinite(v)) {
        return kg_strbuf_puts(b, "null");
    }
    return kg_strbuf_printf(b, type == KG_ATTR_INT ? "%.0f" : "%.6g", v);
}

/* "name": value for every attribute of one node or edge. */
static int put_attributes(kg_strbuf *b, const kg_graph *g, kg_attr_scope scope, size_t elem)
{
    for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, scope, i, &type);
        if (kg_strbuf_puts(b, ", ") || kg_esc_json(b, name) || kg_strbuf_puts(b, ": ")) {
            return KG_ENOMEM;
        }
        int rc;
        if (type == KG_ATTR_STRING) {
            rc = kg_esc_json(b, scope == KG_SCOPE_NODE ? kg_graph_node_str(g, elem, name)
                                                       : kg_graph_edge_str(g, elem, name));
        } else {
            rc = put_number(b,
                            scope == KG_SCOPE_NODE ? kg_graph_node_num(g, elem, name)
                                                   : kg_graph_edge_num(g, elem, name),
                            type);
        }
        if (rc) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

int kg_export_json(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    int rc = KG_OK;
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    kg_strbuf b = KG_STRBUF_INIT;
    double *c = NULL;
    const char *measure = NULL;
    size_t n = kg_graph_node_count(g), m = kg_graph_edge_count(g);
    if (o->positions && (rc = kg_export_get_drawing(&d, &own, g, o, 0))) {
        return rc;
    }
    if ((rc = kg_style_centrality(&c, g, &measure))) {
        goto done;
    }
    if (kg_strbuf_puts(&b, "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {") ||
        kg_strbuf_puts(&b, "\"generator\": \"kgraph " KG_VERSION "\"") ||
        (o->title && (kg_strbuf_puts(&b, ", \"title\": ") || kg_esc_json(&b, o->title))) ||
        kg_strbuf_printf(&b, ", \"size_by\": \"%s\"", measure) ||
        (d && kg_strbuf_printf(&b, ", \"layout\": \"%s\", \"width\": %.2f, \"height\": %.2f",
                               d->engine, d->width, d->height)) ||
        kg_strbuf_puts(&b, "},\n  \"nodes\": [")) {
        goto nomem;
    }
    for (size_t v = 0; v < n; v++) {
        double y = d ? d->height - d->y[v] : 0;
        if (kg_strbuf_printf(&b, "%s\n    {\"id\": \"n%zu\"", v ? "," : "", v) ||
            (d && kg_strbuf_printf(&b, ", \"x\": %.2f, \"y\": %.2f", d->x[v], y)) ||
            kg_strbuf_printf(&b, ", \"data\": {\"id\": \"n%zu\"", v) ||
            put_attributes(&b, g, KG_SCOPE_NODE, v) ||
            kg_strbuf_printf(&b, ", \"color\": \"%s\", \"size\": %.2f}",
                             kg_style_for(kg_graph_node_str(g, v, "type"))->fill,
                             kg_style_size(c[v])) ||
            (d && kg_strbuf_printf(&b, ", \"position\": {\"x\": %.2f, \"y\": %.2f}", d->x[v], y)) ||
            kg_strbuf_putc(&b, '}')) {
            goto nomem;
        }
        if (b.len > 65536) {
            if ((rc = kg_export_write(f, b.data, b.len))) {
                goto done;
            }
            kg_strbuf_clear(&b);
        }
    }
    if (kg_strbuf_puts(&b, n ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [")) {
        goto nomem;
    }
    for (size_t e = 0; e < m; e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        if (kg_strbuf_printf(
                &b,
                "%s\n    {\"id\": \"e%zu\", \"source\": \"n%zu\", \"target\": \"n%zu\", "
                "\"data\": {\"id\": \"e%zu\", \"source\": \"n%zu\", \"target\": "
                "\"n%zu\"",
                e ? "," : "", e, from, to, e, from, to) ||
            put_attributes(&b, g, KG_SCOPE_EDGE, e) || kg_strbuf_puts(&b, "}}")) {
            goto nomem;
        }
        if (b.len > 65536) {
            if ((rc = kg_export_write(f, b.data, b.len))) {
                goto done;
            }
            kg_strbuf_clear(&b);
        }
    }
    if (kg_strbuf_puts(&b, m ? "\n  ]\n}\n" : "]\n}\n")) {
        goto nomem;
    }
    rc = kg_export_write(f, b.data, b.len);
    goto done;
nomem:
    rc = KG_ENOMEM;
done:
    kg_free(c);
    kg_strbuf_free(&b);
    kg_export_drawing_free(own);
    return rc;
}
