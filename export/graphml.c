/* graphml.c - GraphML through libxml2's xmlTextWriter. Every attribute of
 * the graph is declared with a <key> whose attr.name is the kg attribute
 * name and whose attr.type is string, int or double, so Gephi, networkx,
 * igraph and yEd read it. Nodes also carry the drawing's layout and looks in
 * the attribute names Gephi's GraphML importer maps onto its own node
 * properties: x, y (double, points, y up), size (double) and r, g, b (int,
 * the type's colour), so Gephi opens the file laid out and coloured. */
#include "export_internal.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

static const char *type_name(kg_attr_type t)
{
    switch (t) {
    case KG_ATTR_INT:
        return "int";
    case KG_ATTR_DOUBLE:
        return "double";
    default:
        return "string";
    }
}

#define CHECK(call)                                                                                \
    do {                                                                                           \
        if ((call) < 0) {                                                                          \
            rc = kg_error_set(KG_EIO, "writing GraphML failed");                                   \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

/* Writes <data key="prefix<i>">value</data> for attribute i of one element. */
static int write_data(xmlTextWriterPtr w, const kg_graph *g, kg_attr_scope scope, size_t elem,
                      size_t i)
{
    int rc = KG_OK;
    char key[16], num[64];
    kg_strbuf clean = KG_STRBUF_INIT;
    kg_attr_type type;
    const char *name = kg_graph_attr_name(g, scope, i, &type);
    const char *value;
    if (type == KG_ATTR_STRING) {
        value = scope == KG_SCOPE_NODE ? kg_graph_node_str(g, elem, name)
                                       : kg_graph_edge_str(g, elem, name);
        if (kg_esc_clean(&clean, value, KG_ESC_NEWLINES, 0)) {
            return KG_ENOMEM;
        }
        value = kg_strbuf_cstr(&clean);
    } else {
        double v = scope == KG_SCOPE_NODE ? kg_graph_node_num(g, elem, name)
                                          : kg_graph_edge_num(g, elem, name);
        snprintf(num, sizeof num, type == KG_ATTR_INT ? "%.0f" : "%.6g", v);
        value = num;
    }
    snprintf(key, sizeof key, "%c%zu", scope == KG_SCOPE_NODE ? 'v' : 'e', i);
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "data"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "key", BAD_CAST key));
    CHECK(xmlTextWriterWriteString(w, BAD_CAST value));
    CHECK(xmlTextWriterEndElement(w));
done:
    kg_strbuf_free(&clean);
    return rc;
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

/* The layout attributes Gephi maps: name, GraphML type. */
static const char *const viz_keys[][2] = {
    {"x", "double"}, {"y", "double"}, {"size", "double"}, {"r", "int"}, {"g", "int"}, {"b", "int"},
};
#define N_VIZ (sizeof viz_keys / sizeof *viz_keys)

/* Writes <data key="key">value</data>. */
static int write_value(xmlTextWriterPtr w, const char *key, const char *value)
{
    if (xmlTextWriterStartElement(w, BAD_CAST "data") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "key", BAD_CAST key) < 0 ||
        xmlTextWriterWriteString(w, BAD_CAST value) < 0 || xmlTextWriterEndElement(w) < 0) {
        return kg_error_set(KG_EIO, "writing GraphML failed");
    }
    return KG_OK;
}

static int write_key(xmlTextWriterPtr w, const char *id, const char *for_, const char *name,
                     const char *type)
{
    if (xmlTextWriterStartElement(w, BAD_CAST "key") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST for_) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "attr.name", BAD_CAST name) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "attr.type", BAD_CAST type) < 0 ||
        xmlTextWriterEndElement(w) < 0) {
        return kg_error_set(KG_EIO, "writing GraphML failed");
    }
    return KG_OK;
}

/* The layout values of node v, in viz_keys order. */
static void viz_values(char values[N_VIZ][32], const kg_export_drawing *d, const kg_graph *g,
                       size_t v)
{
    int rgb[3];
    kg_style_rgb(kg_style_for(kg_graph_node_str(g, v, "type"))->fill, rgb);
    snprintf(values[0], 32, "%.2f", d->x[v]);
    snprintf(values[1], 32, "%.2f", d->y[v]);
    snprintf(values[2], 32, "%.2f", d->size[v]);
    for (int k = 0; k < 3; k++) {
        snprintf(values[3 + k], 32, "%d", rgb[k]);
    }
}

/* The graph's documents and their metadata as a JSON array (a graph-level
 * attribute: GraphML has no place for documents of their own):
 * [{"id": ..., "title": ..., "byline": ..., "date": ..., "url": ...}], absent
 * fields null. kgraph build --update reads it back. */
static int documents_json(kg_strbuf *b, const kg_graph *g)
{
    static const char *const keys[] = {"id", "title", "byline", "date", "url"};
    if (kg_strbuf_putc(b, '[')) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < kg_graph_document_count(g); i++) {
        kg_document_record d;
        kg_graph_document(g, i, &d);
        const char *values[] = {d.doc, d.title, d.byline, d.date, d.url};
        if (kg_strbuf_puts(b, i ? ",{" : "{")) {
            return KG_ENOMEM;
        }
        for (int k = 0; k < 5; k++) {
            if (kg_strbuf_printf(b, "%s\"%s\":", k ? "," : "", keys[k]) ||
                (values[k] ? kg_esc_json(b, values[k]) : kg_strbuf_puts(b, "null"))) {
                return KG_ENOMEM;
            }
        }
        if (kg_strbuf_putc(b, '}')) {
            return KG_ENOMEM;
        }
    }
    return kg_strbuf_putc(b, ']');
}

int kg_export_graphml(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    int rc = KG_OK;
    char id[32], src[32], dst[32];
    char values[N_VIZ][32];
    int viz[N_VIZ] = {0};
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    kg_strbuf title = KG_STRBUF_INIT, docs = KG_STRBUF_INIT;
    kg_xml_out xo = {NULL, NULL, NULL};
    xmlTextWriterPtr w = NULL;
    if (o->positions && (rc = kg_export_get_drawing(&d, &own, g, o, 0))) {
        return rc;
    }
    for (size_t k = 0; d && k < N_VIZ; k++) {
        viz[k] = !has_attr(g, KG_SCOPE_NODE, viz_keys[k][0]);
    }
    if (o->title && kg_esc_clean(&title, o->title, 0, 0)) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_xml_out_open(&xo, f))) {
        goto done;
    }
    w = xo.w;
    CHECK(xmlTextWriterSetIndent(w, 1));
    CHECK(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
    CHECK(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "graphml"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST GRAPHML_NS));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xsi",
                                      BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xsi:schemaLocation",
                                      BAD_CAST GRAPHML_NS " " GRAPHML_NS "/1.0/graphml.xsd"));
    if ((rc = write_key(w, "g_documents", "graph", "documents", "string"))) {
        goto done;
    }
    if (o->title && (rc = write_key(w, "g_title", "graph", "title", "string"))) {
        goto done;
    }
    for (int s = 0; s < 2; s++) {
        kg_attr_scope scope = s == 0 ? KG_SCOPE_NODE : KG_SCOPE_EDGE;
        for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
            kg_attr_type type;
            const char *name = kg_graph_attr_name(g, scope, i, &type);
            snprintf(id, sizeof id, "%c%zu", s == 0 ? 'v' : 'e', i);
            if ((rc = write_key(w, id, s == 0 ? "node" : "edge", name, type_name(type)))) {
                goto done;
            }
        }
    }
    for (size_t k = 0; k < N_VIZ; k++) {
        snprintf(id, sizeof id, "viz_%s", viz_keys[k][0]);
        if (viz[k] && (rc = write_key(w, id, "node", viz_keys[k][0], viz_keys[k][1]))) {
            goto done;
        }
    }
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "graph"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "kgraph"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "edgedefault", BAD_CAST "directed"));
    if ((rc = documents_json(&docs, g)) || (rc = write_value(w, "g_documents", docs.data))) {
        goto done;
    }
    if (o->title && (rc = write_value(w, "g_title", kg_strbuf_cstr(&title)))) {
        goto done;
    }
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        snprintf(id, sizeof id, "n%zu", v);
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "node"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
            if ((rc = write_data(w, g, KG_SCOPE_NODE, v, i))) {
                goto done;
            }
        }
        if (d) {
            viz_values(values, d, g, v);
        }
        for (size_t k = 0; k < N_VIZ; k++) {
            snprintf(id, sizeof id, "viz_%s", viz_keys[k][0]);
            if (viz[k] && (rc = write_value(w, id, values[k]))) {
                goto done;
            }
        }
        CHECK(xmlTextWriterEndElement(w));
    }
    for (size_t e = 0; e < kg_graph_edge_count(g); e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        snprintf(id, sizeof id, "e%zu", e);
        snprintf(src, sizeof src, "n%zu", from);
        snprintf(dst, sizeof dst, "n%zu", to);
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "edge"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST src));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "target", BAD_CAST dst));
        for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_EDGE); i++) {
            if ((rc = write_data(w, g, KG_SCOPE_EDGE, e, i))) {
                goto done;
            }
        }
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndDocument(w));
    CHECK(xmlTextWriterFlush(w));
done:
    kg_strbuf_free(&docs);
    if (xo.w) {
        kg_xml_out_close(&xo);
    }
    if (rc == KG_OK && ferror(f)) {
        rc = kg_error_set(KG_EIO, "writing GraphML failed");
    }
    kg_strbuf_free(&title);
    kg_export_drawing_free(own);
    return rc;
}
