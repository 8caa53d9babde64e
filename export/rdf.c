/* rdf.c - the graph as RDF, in N-Triples or Turtle. With the base B
 * (default "urn:kgraph:", option rdf_base):
 *
 *   entities    <B entity/NAME>      NAME = the label, percent-encoded
 *   relations   <B relation/REL>     one predicate per relation text
 *   vocabulary  <B vocab/TERM>       Entity, and one term per graph attribute
 *
 * Percent-encoding keeps only ASCII letters, digits and '_', so the same
 * entity gets the same IRI in every build and every IRI is also a valid
 * Turtle prefixed name. For each entity:
 *   ent:Qatar a kg:Entity ; rdfs:label "Qatar" ; kg:type "GPE" ;
 *       kg:mentions "4"^^xsd:integer ; kg:aliases "Qatar" ; kg:documents "a.txt" ...
 * ('|'-separated lists become one triple per value). For each edge a direct
 * triple  ent:Qatar rel:mediate ent:Glezmann  and a reified statement that
 * carries its weight, evidence and documents:
 *   _:e0 a rdf:Statement ; rdf:subject ... ; rdf:predicate rel:mediate ;
 *       rdf:object ... ; kg:weight "2"^^xsd:double ; kg:evidence "..." .
 * Every relation predicate is declared: rel:mediate a rdf:Property ;
 * rdfs:label "mediate". */
#include "export_internal.h"

#include <math.h>
#include <string.h>

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define XSD_NS "http://www.w3.org/2001/XMLSchema#"
#define DEFAULT_BASE "urn:kgraph:"
#define FLUSH_AT 65536

typedef struct rdf_out {
    FILE *f;
    int turtle;
    const char *base;
    kg_strbuf b;       /* output not yet written */
    kg_strbuf subject; /* Turtle: the subject being continued */
    kg_strbuf s, p, o; /* the terms of the triple being built */
} rdf_out;

static int is_list(const char *name)
{
    return strcmp(name, "aliases") == 0 || strcmp(name, "roles") == 0 ||
           strcmp(name, "documents") == 0;
}

/* An IRI in kind ("entity/", "vocab/", ...) named by text. */
static int iri(rdf_out *r, kg_strbuf *t, const char *kind, const char *text)
{
    kg_strbuf_clear(t);
    if (r->turtle) {
        const char *prefix = strcmp(kind, "entity/") == 0     ? "ent:"
                             : strcmp(kind, "relation/") == 0 ? "rel:"
                                                              : "kg:";
        if (kg_strbuf_puts(t, prefix) || kg_esc_iri(t, text)) {
            return KG_ENOMEM;
        }
        return KG_OK;
    }
    if (kg_strbuf_printf(t, "<%s%s", r->base, kind) || kg_esc_iri(t, text) ||
        kg_strbuf_putc(t, '>')) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

/* A term of a well-known vocabulary: rdf:type, rdfs:label, ... */
static int std_term(rdf_out *r, kg_strbuf *t, const char *ns, const char *prefix, const char *name)
{
    kg_strbuf_clear(t);
    if (r->turtle) {
        return strcmp(prefix, "rdf") == 0 && strcmp(name, "type") == 0
                   ? kg_strbuf_putc(t, 'a')
                   : kg_strbuf_printf(t, "%s:%s", prefix, name);
    }
    return kg_strbuf_printf(t, "<%s%s>", ns, name);
}

static int literal(kg_strbuf *t, const char *text)
{
    kg_strbuf_clear(t);
    return kg_esc_rdf(t, text);
}

static int typed(rdf_out *r, kg_strbuf *t, double v, kg_attr_type type)
{
    kg_strbuf_clear(t);
    const char *dt = type == KG_ATTR_INT ? "integer" : "double";
    if (kg_strbuf_printf(t, type == KG_ATTR_INT ? "\"%.0f\"" : "\"%.6g\"", v)) {
        return KG_ENOMEM;
    }
    return r->turtle ? kg_strbuf_printf(t, "^^xsd:%s", dt)
                     : kg_strbuf_printf(t, "^^<" XSD_NS "%s>", dt);
}

/* Writes the triple (r->s, r->p, r->o); Turtle continues a subject with ';'. */
static int emit(rdf_out *r)
{
    kg_strbuf *b = &r->b;
    if (r->turtle && r->subject.len && strcmp(r->subject.data, r->s.data) == 0) {
        if (kg_strbuf_puts(b, " ;\n    ")) {
            return KG_ENOMEM;
        }
    } else {
        if (r->turtle && r->subject.len && kg_strbuf_puts(b, " .\n")) {
            return KG_ENOMEM;
        }
        if (r->turtle && kg_strbuf_putc(b, '\n')) {
            return KG_ENOMEM;
        }
        if (kg_strbuf_puts(b, r->s.data) || kg_strbuf_putc(b, ' ')) {
            return KG_ENOMEM;
        }
        kg_strbuf_clear(&r->subject);
        if (r->turtle && kg_strbuf_puts(&r->subject, r->s.data)) {
            return KG_ENOMEM;
        }
    }
    if (kg_strbuf_puts(b, r->p.data) || kg_strbuf_putc(b, ' ') || kg_strbuf_puts(b, r->o.data)) {
        return KG_ENOMEM;
    }
    if (!r->turtle && kg_strbuf_puts(b, " .\n")) {
        return KG_ENOMEM;
    }
    if (b->len > FLUSH_AT) {
        int rc = kg_export_write(r->f, b->data, b->len);
        kg_strbuf_clear(b);
        return rc;
    }
    return KG_OK;
}

/* One triple per '|'-separated value (or one for the whole text). */
static int emit_strings(rdf_out *r, const char *value, int split, kg_strbuf *tmp)
{
    if (!*value) {
        return KG_OK;
    }
    if (!split) {
        return literal(&r->o, value) || emit(r) ? KG_ENOMEM : KG_OK;
    }
    const char *p = value;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        kg_strbuf_clear(tmp);
        if (n && (kg_strbuf_append(tmp, p, n) || literal(&r->o, tmp->data) || emit(r))) {
            return KG_ENOMEM;
        }
        if (!bar) {
            return KG_OK;
        }
        p = bar + 1;
    }
}

static int write_entity(rdf_out *r, const kg_graph *g, size_t v, kg_strbuf *tmp)
{
    int rc = KG_OK;
    if (iri(r, &r->s, "entity/", kg_graph_node_str(g, v, "label")) ||
        std_term(r, &r->p, RDF_NS, "rdf", "type") || iri(r, &r->o, "vocab/", "Entity") || emit(r)) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, KG_SCOPE_NODE, i, &type);
        if (strcmp(name, "label") == 0) {
            rc = std_term(r, &r->p, RDFS_NS, "rdfs", "label");
        } else {
            rc = iri(r, &r->p, "vocab/", name);
        }
        if (rc) {
            return KG_ENOMEM;
        }
        if (type == KG_ATTR_STRING) {
            rc = emit_strings(r, kg_graph_node_str(g, v, name), is_list(name), tmp);
        } else {
            double x = kg_graph_node_num(g, v, name);
            if (isfinite(x)) {
                rc = typed(r, &r->o, x, type) || emit(r) ? KG_ENOMEM : KG_OK;
            }
        }
        if (rc) {
            return rc;
        }
    }
    return KG_OK;
}

static int write_edge(rdf_out *r, const kg_graph *g, size_t e, kg_map *declared, kg_strbuf *tmp)
{
    size_t from, to;
    kg_graph_edge_ends(g, e, &from, &to);
    const char *relation = kg_graph_edge_str(g, e, "relation");
    int inserted = 0;
    if (kg_map_intern(declared, relation, strlen(relation), 0, NULL, &inserted)) {
        return KG_ENOMEM;
    }
    if (inserted) {
        if (iri(r, &r->s, "relation/", relation) || std_term(r, &r->p, RDF_NS, "rdf", "type") ||
            std_term(r, &r->o, RDF_NS, "rdf", "Property") || emit(r) ||
            std_term(r, &r->p, RDFS_NS, "rdfs", "label") || literal(&r->o, relation) || emit(r)) {
            return KG_ENOMEM;
        }
    }
    /* the direct triple */
    if (iri(r, &r->s, "entity/", kg_graph_node_str(g, from, "label")) ||
        iri(r, &r->p, "relation/", relation) ||
        iri(r, &r->o, "entity/", kg_graph_node_str(g, to, "label")) || emit(r)) {
        return KG_ENOMEM;
    }
    /* the statement with its provenance */
    kg_strbuf_clear(&r->s);
    if (kg_strbuf_printf(&r->s, "_:e%zu", e) || std_term(r, &r->p, RDF_NS, "rdf", "type") ||
        std_term(r, &r->o, RDF_NS, "rdf", "Statement") || emit(r) ||
        std_term(r, &r->p, RDF_NS, "rdf", "subject") ||
        iri(r, &r->o, "entity/", kg_graph_node_str(g, from, "label")) || emit(r) ||
        std_term(r, &r->p, RDF_NS, "rdf", "predicate") || iri(r, &r->o, "relation/", relation) ||
        emit(r) || std_term(r, &r->p, RDF_NS, "rdf", "object") ||
        iri(r, &r->o, "entity/", kg_graph_node_str(g, to, "label")) || emit(r)) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_EDGE); i++) {
        kg_attr_type type;
        const char *name = kg_graph_attr_name(g, KG_SCOPE_EDGE, i, &type);
        int rc = strcmp(name, "label") == 0 ? std_term(r, &r->p, RDFS_NS, "rdfs", "label")
                                            : iri(r, &r->p, "vocab/", name);
        if (rc) {
            return KG_ENOMEM;
        }
        if (type == KG_ATTR_STRING) {
            rc = emit_strings(r, kg_graph_edge_str(g, e, name), is_list(name), tmp);
        } else {
            double x = kg_graph_edge_num(g, e, name);
            if (isfinite(x)) {
                rc = typed(r, &r->o, x, type) || emit(r) ? KG_ENOMEM : KG_OK;
            }
        }
        if (rc) {
            return rc;
        }
    }
    return KG_OK;
}

int kg_export_rdf(const kg_graph *g, FILE *f, const kg_export_options *o, int turtle)
{
    int rc = KG_OK;
    kg_map *declared = NULL;
    kg_strbuf tmp = KG_STRBUF_INIT;
    rdf_out r = {f,
                 turtle,
                 o->rdf_base && *o->rdf_base ? o->rdf_base : DEFAULT_BASE,
                 KG_STRBUF_INIT,
                 KG_STRBUF_INIT,
                 KG_STRBUF_INIT,
                 KG_STRBUF_INIT,
                 KG_STRBUF_INIT};
    if (kg_map_new(&declared)) {
        return KG_ENOMEM;
    }
    if (turtle && kg_strbuf_printf(&r.b,
                                   "# kgraph " KG_VERSION " knowledge graph\n"
                                   "@prefix rdf: <" RDF_NS "> .\n@prefix rdfs: <" RDFS_NS "> .\n"
                                   "@prefix xsd: <" XSD_NS "> .\n@prefix kg: <%svocab/> .\n"
                                   "@prefix ent: <%sentity/> .\n@prefix rel: <%srelation/> .\n",
                                   r.base, r.base, r.base)) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t v = 0; v < kg_graph_node_count(g) && rc == KG_OK; v++) {
        rc = write_entity(&r, g, v, &tmp);
    }
    for (size_t e = 0; e < kg_graph_edge_count(g) && rc == KG_OK; e++) {
        rc = write_edge(&r, g, e, declared, &tmp);
    }
    if (rc == KG_OK && turtle && r.subject.len && kg_strbuf_puts(&r.b, " .\n")) {
        rc = KG_ENOMEM;
    }
    if (rc == KG_OK) {
        rc = kg_export_write(f, r.b.data, r.b.len);
    }
done:
    kg_map_free(declared);
    kg_strbuf_free(&tmp);
    kg_strbuf_free(&r.b);
    kg_strbuf_free(&r.subject);
    kg_strbuf_free(&r.s);
    kg_strbuf_free(&r.p);
    kg_strbuf_free(&r.o);
    return rc;
}
