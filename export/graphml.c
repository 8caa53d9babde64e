/* graphml.c - GraphML through libxml2's xmlTextWriter. Every attribute is
 * declared with a <key> whose attr.name is the kg attribute name and whose
 * attr.type is string, int or double, so Gephi, networkx and igraph read it. */
#include "export_internal.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

/* XML 1.0 cannot carry most control characters even escaped; they become
 * spaces. Returns s itself when it is clean, else a cleaned copy in *tmp. */
static const char *xml_clean(const char *s, char **tmp)
{
    *tmp = NULL;
    const char *p = s;
    while (*p && ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (!*p)
        return s;
    *tmp = kg_strdup(s);
    if (!*tmp)
        return NULL;
    for (char *q = *tmp; *q; q++) {
        if ((unsigned char)*q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r')
            *q = ' ';
    }
    return *tmp;
}

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
    char *tmp = NULL;
    kg_attr_type type;
    const char *name = kg_graph_attr_name(g, scope, i, &type);
    const char *value;
    if (type == KG_ATTR_STRING) {
        value = scope == KG_SCOPE_NODE ? kg_graph_node_str(g, elem, name)
                                       : kg_graph_edge_str(g, elem, name);
        value = xml_clean(value, &tmp);
        if (!value)
            return KG_ENOMEM;
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
    kg_free(tmp);
    return rc;
}

int kg_export_graphml(const kg_graph *g, FILE *f)
{
    int rc = KG_OK;
    char id[32], src[32], dst[32];
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
    if (!out)
        return kg_error_set(KG_ENOMEM, "cannot create XML output");
    xmlTextWriterPtr w = xmlNewTextWriter(out);
    if (!w) {
        xmlOutputBufferClose(out);
        return kg_error_set(KG_ENOMEM, "cannot create XML writer");
    }
    CHECK(xmlTextWriterSetIndent(w, 1));
    CHECK(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
    CHECK(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "graphml"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST GRAPHML_NS));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xsi",
                                      BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "xsi:schemaLocation",
                                      BAD_CAST GRAPHML_NS " " GRAPHML_NS "/1.0/graphml.xsd"));
    for (int s = 0; s < 2; s++) {
        kg_attr_scope scope = s == 0 ? KG_SCOPE_NODE : KG_SCOPE_EDGE;
        for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
            kg_attr_type type;
            const char *name = kg_graph_attr_name(g, scope, i, &type);
            snprintf(id, sizeof id, "%c%zu", s == 0 ? 'v' : 'e', i);
            CHECK(xmlTextWriterStartElement(w, BAD_CAST "key"));
            CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
            CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST(s == 0 ? "node" : "edge")));
            CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "attr.name", BAD_CAST name));
            CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "attr.type", BAD_CAST type_name(type)));
            CHECK(xmlTextWriterEndElement(w));
        }
    }
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "graph"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "kgraph"));
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "edgedefault", BAD_CAST "directed"));
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        snprintf(id, sizeof id, "n%zu", v);
        CHECK(xmlTextWriterStartElement(w, BAD_CAST "node"));
        CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
            if ((rc = write_data(w, g, KG_SCOPE_NODE, v, i)))
                goto done;
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
            if ((rc = write_data(w, g, KG_SCOPE_EDGE, e, i)))
                goto done;
        }
        CHECK(xmlTextWriterEndElement(w));
    }
    CHECK(xmlTextWriterEndDocument(w));
    CHECK(xmlTextWriterFlush(w));
done:
    xmlFreeTextWriter(w);
    if (rc == KG_OK && ferror(f))
        rc = kg_error_set(KG_EIO, "writing GraphML failed");
    return rc;
}
