/* neo4j.c - CSV files for Neo4j's bulk importer (neo4j-admin database
 * import), written into one directory:
 *
 *   nodes.csv          id:ID(Entity),name,:LABEL,type,aliases:string[],...
 *   relationships.csv  :START_ID(Entity),:END_ID(Entity),:TYPE,relation,weight:double,...
 *
 * Every graph attribute becomes a column typed with the importer's header
 * suffixes (:long, :double; string columns have none); the '|'-separated
 * lists (aliases, roles, documents) are string arrays and :LABEL holds
 * "Entity" plus the entity type, all with '|' as the array delimiter. The
 * relationship :TYPE is the relation in upper snake case (RELEASED,
 * DETAINED_BY); the text itself stays in the relation property. Strings are
 * always quoted with quotes doubled, and newlines become spaces, so the
 * importer needs no --multiline-fields. Import (Neo4j 5):
 *
 *   neo4j-admin database import full --array-delimiter='|' \
 *       --nodes=nodes.csv --relationships=relationships.csv neo4j
 */
#include "export_internal.h"

#include <math.h>
#include <string.h>

#define FLUSH_AT 65536

static int is_list(const char *name)
{
    return strcmp(name, "aliases") == 0 || strcmp(name, "roles") == 0 ||
           strcmp(name, "documents") == 0;
}

/* The header of one attribute column ("mentions:long"). */
static int put_header(kg_strbuf *b, const char *name, kg_attr_type type)
{
    if (kg_strbuf_puts(b, ",")) {
        return KG_ENOMEM;
    }
    /* a header names a property; keep it to characters the importer takes */
    for (const char *p = name; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (kg_strbuf_putc(b, ok ? c : '_')) {
            return KG_ENOMEM;
        }
    }
    const char *suffix = type == KG_ATTR_INT      ? ":long"
                         : type == KG_ATTR_DOUBLE ? ":double"
                         : is_list(name)          ? ":string[]"
                                                  : "";
    return kg_strbuf_puts(b, suffix);
}

static int put_value(kg_strbuf *b, const kg_graph *g, kg_attr_scope scope, size_t elem,
                     const char *name, kg_attr_type type)
{
    if (kg_strbuf_putc(b, ',')) {
        return KG_ENOMEM;
    }
    if (type == KG_ATTR_STRING) {
        const char *s = scope == KG_SCOPE_NODE ? kg_graph_node_str(g, elem, name)
                                               : kg_graph_edge_str(g, elem, name);
        return *s ? kg_esc_csv(b, s) : KG_OK; /* empty: no property */
    }
    double v = scope == KG_SCOPE_NODE ? kg_graph_node_num(g, elem, name)
                                      : kg_graph_edge_num(g, elem, name);
    if (!isfinite(v)) {
        return KG_OK; /* empty: no property */
    }
    return kg_strbuf_printf(b, type == KG_ATTR_INT ? "%.0f" : "%.6g", v);
}

/* The relation as a relationship type: ASCII letters and digits upper-cased,
 * everything else one '_', at most 64 characters. */
static int put_type(kg_strbuf *b, const char *relation)
{
    size_t start = b->len, n = 0;
    int gap = 0;
    for (const char *p = relation; *p && n < 64; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 'a' + 'A');
        }
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (gap && n && kg_strbuf_putc(b, '_')) {
                return KG_ENOMEM;
            }
            if (n == 0 && c >= '0' && c <= '9' && kg_strbuf_puts(b, "R_")) {
                return KG_ENOMEM;
            }
            if (kg_strbuf_putc(b, c)) {
                return KG_ENOMEM;
            }
            n++;
            gap = 0;
        } else {
            gap = 1;
        }
    }
    if (b->len == start) {
        return kg_strbuf_puts(b, "RELATED_TO");
    }
    return KG_OK;
}

/* The :LABEL value: Entity, then the type if it has one. */
static int put_labels(kg_strbuf *b, const char *type)
{
    if (kg_strbuf_puts(b, "\"Entity")) {
        return KG_ENOMEM;
    }
    if (*type) {
        if (kg_strbuf_putc(b, '|')) {
            return KG_ENOMEM;
        }
        for (const char *p = type; *p; p++) {
            char c = *p;
            int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (kg_strbuf_putc(b, ok ? c : '_')) {
                return KG_ENOMEM;
            }
        }
    }
    return kg_strbuf_putc(b, '"');
}

static int write_nodes(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    (void)o;
    int rc = KG_OK;
    kg_strbuf b = KG_STRBUF_INIT;
    if (kg_strbuf_puts(&b, "id:ID(Entity),name,:LABEL")) {
        goto nomem;
    }
    for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, KG_SCOPE_NODE, i, &type);
        if (strcmp(name, "label") != 0 && put_header(&b, name, type)) {
            goto nomem;
        }
    }
    if (kg_strbuf_putc(&b, '\n')) {
        goto nomem;
    }
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        if (kg_strbuf_printf(&b, "\"n%zu\",", v) ||
            kg_esc_csv(&b, kg_graph_node_str(g, v, "label")) || kg_strbuf_putc(&b, ',') ||
            put_labels(&b, kg_graph_node_str(g, v, "type"))) {
            goto nomem;
        }
        for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
            kg_attr_type type;
            const char *name = kg_graph_attr_name(g, KG_SCOPE_NODE, i, &type);
            if (strcmp(name, "label") != 0 && put_value(&b, g, KG_SCOPE_NODE, v, name, type)) {
                goto nomem;
            }
        }
        if (kg_strbuf_putc(&b, '\n')) {
            goto nomem;
        }
        if (b.len > FLUSH_AT) {
            if ((rc = kg_export_write(f, b.data, b.len))) {
                goto done;
            }
            kg_strbuf_clear(&b);
        }
    }
    rc = kg_export_write(f, b.data, b.len);
    goto done;
nomem:
    rc = KG_ENOMEM;
done:
    kg_strbuf_free(&b);
    return rc;
}

static int write_relationships(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    (void)o;
    int rc = KG_OK;
    kg_strbuf b = KG_STRBUF_INIT;
    if (kg_strbuf_puts(&b, ":START_ID(Entity),:END_ID(Entity),:TYPE")) {
        goto nomem;
    }
    for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_EDGE); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, KG_SCOPE_EDGE, i, &type);
        if (put_header(&b, name, type)) {
            goto nomem;
        }
    }
    if (kg_strbuf_putc(&b, '\n')) {
        goto nomem;
    }
    for (size_t e = 0; e < kg_graph_edge_count(g); e++) {
        size_t from, to;
        kg_graph_edge_ends(g, e, &from, &to);
        if (kg_strbuf_printf(&b, "\"n%zu\",\"n%zu\",\"", from, to) ||
            put_type(&b, kg_graph_edge_str(g, e, "relation")) || kg_strbuf_putc(&b, '"')) {
            goto nomem;
        }
        for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_EDGE); i++) {
            kg_attr_type type;
            const char *name = kg_graph_attr_name(g, KG_SCOPE_EDGE, i, &type);
            if (put_value(&b, g, KG_SCOPE_EDGE, e, name, type)) {
                goto nomem;
            }
        }
        if (kg_strbuf_putc(&b, '\n')) {
            goto nomem;
        }
        if (b.len > FLUSH_AT) {
            if ((rc = kg_export_write(f, b.data, b.len))) {
                goto done;
            }
            kg_strbuf_clear(&b);
        }
    }
    rc = kg_export_write(f, b.data, b.len);
    goto done;
nomem:
    rc = KG_ENOMEM;
done:
    kg_strbuf_free(&b);
    return rc;
}

int kg_export_neo4j(const kg_graph *g, const char *dir, const kg_export_options *o)
{
    kg_strbuf path = KG_STRBUF_INIT;
    int rc = KG_OK;
    if (kg_strbuf_printf(&path, "%s/nodes.csv", dir)) {
        return KG_ENOMEM;
    }
    if ((rc = kg_export_to_file(g, path.data, o, write_nodes))) {
        goto done;
    }
    kg_strbuf_clear(&path);
    if (kg_strbuf_printf(&path, "%s/relationships.csv", dir)) {
        return KG_ENOMEM;
    }
    rc = kg_export_to_file(g, path.data, o, write_relationships);
done:
    kg_strbuf_free(&path);
    return rc;
}
