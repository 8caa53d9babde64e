/* gexf.c - GEXF 1.3, Gephi's own format, through libxml2's xmlTextWriter.
 * Nodes carry their label, typed attvalues for every other node attribute
 * of the graph, and viz:color (the type's colour), viz:position (the
 * drawing's layout, points, y up) and viz:size (centrality). Edges carry
 * label, weight, kind (the relation, so Gephi keeps parallel edges of
 * different relations apart) and typed attvalues. Valid against the GEXF 1.3
 * RELAX NG schema (gexf.rng); no xsi:schemaLocation, which that schema
 * rejects. */
#include "export_internal.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

#define GEXF_NS "http://gexf.net/1.3"
#define VIZ_NS "http://gexf.net/1.3/viz"

#define CHECK(call)                                                                                \
    do {                                                                                           \
        if ((call) < 0) {                                                                          \
            rc = kg_error_set(KG_EIO, "writing GEXF failed");                                      \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

static const char *type_name(kg_attr_type t)
{
    switch (t) {
    case KG_ATTR_INT:
        return "integer";
    case KG_ATTR_DOUBLE:
        return "double";
    default:
        return "string";
    }
}

/* Attributes that GEXF carries natively rather than as attvalues. */
static int native(kg_attr_scope scope, const char *name)
{
    if (strcmp(name, "label") == 0) {
        return 1;
    }
    return scope == KG_SCOPE_EDGE && strcmp(name, "weight") == 0;
}

/* Writes an attribute with cleaned text (name="value"). */
static int write_text_attr(xmlTextWriterPtr w, const char *name, const char *value, kg_strbuf *b)
{
    kg_strbuf_clear(b);
    if (kg_esc_clean(b, value, 0, 0)) {
        return KG_ENOMEM;
    }
    if (xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST kg_strbuf_cstr(b)) < 0) {
        return kg_error_set(KG_EIO, "writing GEXF failed");
    }
    return KG_OK;
}

static int write_declarations(xmlTextWriterPtr w, const kg_graph *g, kg_attr_scope scope)
{
    int rc = KG_OK;
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "attributes"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "class",
                                      BAD_CAST(scope == KG_SCOPE_NODE ? "node" : "edge")));
    for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, scope, i, &type);
        if (native(scope, name)) {
            continue;
        }
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "attribute"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST name));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "title", BAD_CAST name));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type_name(type)));
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndElement(w));
done:
    return rc;
}

static int write_attvalues(xmlTextWriterPtr w, const kg_graph *g, kg_attr_scope scope, size_t elem,
                           kg_strbuf *b)
{
    int rc = KG_OK;
    char num[64];
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "attvalues"));
    for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, scope, i, &type);
        if (native(scope, name)) {
            continue;
        }
        const char *value;
        if (type == KG_ATTR_STRING) {
            value = scope == KG_SCOPE_NODE ? kg_graph_node_str(g, elem, name)
                                           : kg_graph_edge_str(g, elem, name);
            kg_strbuf_clear(b);
            if (kg_esc_clean(b, value, KG_ESC_NEWLINES, 0)) {
                return KG_ENOMEM;
            }
            value = kg_strbuf_cstr(b);
        } else {
            double v = scope == KG_SCOPE_NODE ? kg_graph_node_num(g, elem, name)
                                              : kg_graph_edge_num(g, elem, name);
            if (!isfinite(v)) {
                continue;
            }
            snprintf(num, sizeof num, type == KG_ATTR_INT ? "%.0f" : "%.6g", v);
            value = num;
        }
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "attvalue"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST name));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "value", BAD_CAST value));
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndElement(w));
done:
    return rc;
}

static int write_viz(xmlTextWriterPtr w, const kg_export_drawing *d, const kg_graph *g, size_t v)
{
    int rc = KG_OK;
    int rgb[3];
    char num[32];
    kg_style_rgb(kg_style_for(kg_graph_node_str(g, v, "type"))->fill, rgb);
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "viz:color"));
    for (int k = 0; k < 3; k++) {
        snprintf(num, sizeof num, "%d", rgb[k]);
        CHECK(xmlTextWriterWriteAttribute(w,
                                          BAD_CAST(k == 0   ? "r"
                                                   : k == 1 ? "g"
                                                            : "b"),
                                          BAD_CAST num));
    }
    CHECK(xmlTextWriterEndElement(w));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "viz:position"));
    snprintf(num, sizeof num, "%.2f", d->x[v]);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "x", BAD_CAST num));
    snprintf(num, sizeof num, "%.2f", d->y[v]);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "y", BAD_CAST num));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "z", BAD_CAST "0.0"));
    CHECK(xmlTextWriterEndElement(w));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "viz:size"));
    snprintf(num, sizeof num, "%.2f", d->size[v]);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "value", BAD_CAST num));
    CHECK(xmlTextWriterEndElement(w));
done:
    return rc;
}

int kg_export_gexf(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    int rc = KG_OK;
    char id[32], src[32], dst[32], num[64];
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    kg_strbuf b = KG_STRBUF_INIT;
    kg_xml_out xo = {NULL, NULL, NULL};
    xmlTextWriterPtr w = NULL;
    size_t n = kg_graph_node_count(g), m = kg_graph_edge_count(g);
    if (o->positions && (rc = kg_export_get_drawing(&d, &own, g, o, 0))) {
        return rc;
    }
    if ((rc = kg_xml_out_open(&xo, f))) {
        goto done;
    }
    w = xo.w;
    CHECK(xmlTextWriterSetIndent(w, 1));
    CHECK(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
    CHECK(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "gexf"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST GEXF_NS));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:viz", BAD_CAST VIZ_NS));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1.3"));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "meta"));
    CHECK(xmlTextWriterWriteElement(w, BAD_CAST "creator", BAD_CAST "kgraph " KG_VERSION));
    if (o->title) {
        if (kg_esc_clean(&b, o->title, 0, 0)) {
            rc = KG_ENOMEM;
            goto done;
        }
        CHECK(xmlTextWriterWriteElement(w, BAD_CAST "description", BAD_CAST kg_strbuf_cstr(&b)));
    }
    CHECK(xmlTextWriterEndElement(w));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "graph"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "defaultedgetype", BAD_CAST "directed"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "mode", BAD_CAST "static"));
    if ((rc = write_declarations(w, g, KG_SCOPE_NODE)) ||
        (rc = write_declarations(w, g, KG_SCOPE_EDGE))) {
        goto done;
    }
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "nodes"));
    snprintf(num, sizeof num, "%zu", n);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "count", BAD_CAST num));
    for (size_t v = 0; v < n; v++) {
        snprintf(id, sizeof id, "n%zu", v);
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "node"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        if ((rc = write_text_attr(w, "label", kg_graph_node_str(g, v, "label"), &b)) ||
            (rc = write_attvalues(w, g, KG_SCOPE_NODE, v, &b)) ||
            (d && (rc = write_viz(w, d, g, v)))) {
            goto done;
        }
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndElement(w));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "edges"));
    snprintf(num, sizeof num, "%zu", m);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "count", BAD_CAST num));
    for (size_t e = 0; e < m; e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        snprintf(id, sizeof id, "e%zu", e);
        snprintf(src, sizeof src, "n%zu", from);
        snprintf(dst, sizeof dst, "n%zu", to);
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "edge"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST src));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "target", BAD_CAST dst));
        const char *label = kg_graph_edge_str(g, e, "label");
        if ((rc = write_text_attr(w, "label", *label ? label : kg_graph_edge_str(g, e, "relation"),
                                  &b)) ||
            (rc = write_text_attr(w, "kind", kg_graph_edge_str(g, e, "relation"), &b))) {
            goto done;
        }
        double weight = kg_graph_edge_num(g, e, "weight");
        snprintf(num, sizeof num, "%.6g", isfinite(weight) && weight > 0 ? weight : 1.0);
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "weight", BAD_CAST num));
        if ((rc = write_attvalues(w, g, KG_SCOPE_EDGE, e, &b))) {
            goto done;
        }
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndElement(w));
    CHECK(xmlTextWriterEndDocument(w));
    CHECK(xmlTextWriterFlush(w));
done:
    if (xo.w) {
        kg_xml_out_close(&xo);
    }
    if (rc == KG_OK && ferror(f)) {
        rc = kg_error_set(KG_EIO, "writing GEXF failed");
    }
    kg_strbuf_free(&b);
    kg_export_drawing_free(own);
    return rc;
}
