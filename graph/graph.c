/* graph.c - assembling the entity network. Triples accumulate in plain arrays
 * (one record per node and per distinct (subject, relation, object) edge, with
 * set-valued attributes kept '|'-joined and de-duplicated through one hash
 * map); kg_graph_finish then creates the igraph graph in one batch and stores
 * every attribute through igraph's C attribute handler (cattributes). This is
 * the only file that knows igraph's idioms. */
#define _POSIX_C_SOURCE 200809L
#include "kg_graph.h"

#include <igraph.h>
#include <pthread.h>
#include <string.h>

/* ------------------------------------------------------------ igraph glue */

static void igraph_error_to_kg(const char *reason, const char *file, int line,
                               igraph_error_t err)
{
    (void)file;
    (void)line;
    kg_error_set(KG_ELIB, "igraph: %s (%s)", reason, igraph_strerror(err));
    IGRAPH_FINALLY_FREE();
}

static pthread_once_t igraph_once = PTHREAD_ONCE_INIT;

static void igraph_setup(void)
{
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(igraph_error_to_kg);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

/* ------------------------------------------------------------- the schema */

typedef struct attr_def {
    const char *name;
    kg_attr_type type;
} attr_def;

static const attr_def node_attrs[] = {
    {"label", KG_ATTR_STRING},   {"type", KG_ATTR_STRING},  {"aliases", KG_ATTR_STRING},
    {"roles", KG_ATTR_STRING},   {"mentions", KG_ATTR_INT}, {"documents", KG_ATTR_STRING},
};

static const attr_def edge_attrs[] = {
    {"relation", KG_ATTR_STRING}, {"label", KG_ATTR_STRING},    {"weight", KG_ATTR_DOUBLE},
    {"confidence", KG_ATTR_DOUBLE}, {"evidence", KG_ATTR_STRING}, {"documents", KG_ATTR_STRING},
};

#define N_NODE_ATTRS (sizeof node_attrs / sizeof *node_attrs)
#define N_EDGE_ATTRS (sizeof edge_attrs / sizeof *edge_attrs)

/* ----------------------------------------------------------- accumulation */

typedef struct node_acc {
    char *label;
    uint8_t type;
    kg_strbuf aliases;
    kg_strbuf roles;
    kg_strbuf documents;
    uint32_t mentions;
} node_acc;

typedef struct edge_acc {
    uint32_t from, to;
    char *relation;
    kg_strbuf evidence;
    kg_strbuf documents;
    double weight;
    double confidence;
} edge_acc;

struct kg_graph {
    kg_map *node_index; /* entity name -> node */
    kg_map *edge_index; /* from \x1f relation \x1f to -> edge */
    kg_map *seen;       /* set members already added, keyed by owner and value */
    node_acc *nodes;
    size_t n_nodes, cap_nodes;
    edge_acc *edges;
    size_t n_edges, cap_edges;
    kg_strbuf key;      /* scratch for building map keys */
    igraph_t ig;
    int finished;
};

int kg_graph_new(kg_graph **out)
{
    pthread_once(&igraph_once, igraph_setup);
    *out = NULL;
    kg_graph *g = kg_calloc(1, sizeof *g);
    if (!g)
        return KG_ENOMEM;
    kg_strbuf_init(&g->key, SIZE_MAX);
    if (kg_map_new(&g->node_index) || kg_map_new(&g->edge_index) || kg_map_new(&g->seen)) {
        kg_graph_free(g);
        return KG_ENOMEM;
    }
    *out = g;
    return KG_OK;
}

static void free_accumulators(kg_graph *g)
{
    for (size_t i = 0; i < g->n_nodes; i++) {
        kg_free(g->nodes[i].label);
        kg_strbuf_free(&g->nodes[i].aliases);
        kg_strbuf_free(&g->nodes[i].roles);
        kg_strbuf_free(&g->nodes[i].documents);
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        kg_free(g->edges[i].relation);
        kg_strbuf_free(&g->edges[i].evidence);
        kg_strbuf_free(&g->edges[i].documents);
    }
    kg_free(g->nodes);
    kg_free(g->edges);
    g->nodes = NULL;
    g->edges = NULL;
    g->n_nodes = g->n_edges = 0;
    kg_map_free(g->node_index);
    kg_map_free(g->edge_index);
    kg_map_free(g->seen);
    g->node_index = g->edge_index = g->seen = NULL;
    kg_strbuf_free(&g->key);
}

void kg_graph_free(kg_graph *g)
{
    if (!g)
        return;
    free_accumulators(g);
    if (g->finished)
        igraph_destroy(&g->ig);
    kg_free(g);
}

/* Adds value to the '|'-separated set in b, owned by (kind, id), unless it is
 * already there. Empty values are ignored. */
static int set_add(kg_graph *g, kg_strbuf *b, char kind, size_t id, const char *value)
{
    if (!value || !*value)
        return KG_OK;
    kg_strbuf_clear(&g->key);
    if (kg_strbuf_printf(&g->key, "%c%zu\x1f%s", kind, id, value))
        return KG_ENOMEM;
    int inserted = 0;
    if (kg_map_intern(g->seen, g->key.data, g->key.len, 0, NULL, &inserted))
        return KG_ENOMEM;
    if (!inserted)
        return KG_OK;
    if (b->len && kg_strbuf_putc(b, '|'))
        return KG_ENOMEM;
    return kg_strbuf_puts(b, value);
}

/* Finds or creates the node for an argument. */
static int node_for(kg_graph *g, const kg_arg *a, const char *doc, uint32_t *out)
{
    const char *name = a->name ? a->name : a->text;
    if (!name || !*name)
        return kg_error_set(KG_EINVAL, "triple argument without a name");
    int inserted = 0;
    if (kg_map_intern(g->node_index, name, strlen(name), (uint32_t)g->n_nodes, out, &inserted))
        return KG_ENOMEM;
    if (inserted) {
        if (kg_grow((void **)&g->nodes, &g->cap_nodes, g->n_nodes + 1, sizeof *g->nodes))
            return KG_ENOMEM;
        node_acc *n = &g->nodes[g->n_nodes];
        memset(n, 0, sizeof *n);
        kg_strbuf_init(&n->aliases, SIZE_MAX);
        kg_strbuf_init(&n->roles, SIZE_MAX);
        kg_strbuf_init(&n->documents, SIZE_MAX);
        n->label = kg_strdup(name);
        g->n_nodes++; /* counted before checking, so free_accumulators releases it */
        if (!n->label)
            return KG_ENOMEM;
    }
    node_acc *n = &g->nodes[*out];
    if (n->type == KG_ENT_NONE)
        n->type = a->type;
    n->mentions++;
    if (set_add(g, &n->aliases, 'a', *out, a->text) || set_add(g, &n->documents, 'd', *out, doc))
        return KG_ENOMEM;
    return KG_OK;
}

int kg_graph_add_triple(kg_graph *g, const kg_triple *t)
{
    if (g->finished)
        return kg_error_set(KG_EINVAL, "graph already finished; nothing can be added");
    if (!t->relation || !*t->relation)
        return kg_error_set(KG_EINVAL, "triple without a relation");
    uint32_t from, to, e;
    int rc = node_for(g, &t->subject, t->doc, &from);
    if (rc == KG_OK)
        rc = node_for(g, &t->object, t->doc, &to);
    if (rc)
        return rc;
    kg_strbuf_clear(&g->key);
    if (kg_strbuf_printf(&g->key, "%u\x1f%s\x1f%u", from, t->relation, to))
        return KG_ENOMEM;
    int inserted = 0;
    if (kg_map_intern(g->edge_index, g->key.data, g->key.len, (uint32_t)g->n_edges, &e, &inserted))
        return KG_ENOMEM;
    if (inserted) {
        if (kg_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges))
            return KG_ENOMEM;
        edge_acc *ed = &g->edges[g->n_edges];
        memset(ed, 0, sizeof *ed);
        kg_strbuf_init(&ed->evidence, SIZE_MAX);
        kg_strbuf_init(&ed->documents, SIZE_MAX);
        ed->from = from;
        ed->to = to;
        ed->relation = kg_strdup(t->relation);
        g->n_edges++;
        if (!ed->relation)
            return KG_ENOMEM;
    }
    edge_acc *ed = &g->edges[e];
    ed->weight += 1.0;
    if (t->confidence > ed->confidence)
        ed->confidence = t->confidence;
    if (set_add(g, &ed->documents, 'D', e, t->doc))
        return KG_ENOMEM;
    /* evidence: one entry per (document, sentence) */
    kg_strbuf_clear(&g->key);
    if (kg_strbuf_printf(&g->key, "E%u\x1f%s\x1f%u", e, t->doc ? t->doc : "", t->sentence))
        return KG_ENOMEM;
    if (kg_map_intern(g->seen, g->key.data, g->key.len, 0, NULL, &inserted))
        return KG_ENOMEM;
    if (inserted && t->sentence_text) {
        if ((ed->evidence.len && kg_strbuf_putc(&ed->evidence, '\n')) ||
            kg_strbuf_printf(&ed->evidence, "[%s#%u] %s", t->doc ? t->doc : "", t->sentence,
                             t->sentence_text))
            return KG_ENOMEM;
    }
    return KG_OK;
}

int kg_graph_add_triples(kg_graph *g, const kg_triple_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        int rc = kg_graph_add_triple(g, &l->items[i]);
        if (rc)
            return rc;
    }
    return KG_OK;
}

/* ------------------------------------------------------------- building */

/* Stores one string attribute for every node or edge. */
static int set_strings(igraph_t *ig, kg_attr_scope scope, const char *name, size_t n,
                       const char *(*get)(const kg_graph *, size_t), const kg_graph *g)
{
    igraph_strvector_t sv;
    if (igraph_strvector_init(&sv, (igraph_integer_t)n))
        return KG_ELIB;
    int rc = KG_OK;
    for (size_t i = 0; i < n && rc == KG_OK; i++) {
        if (igraph_strvector_set(&sv, (igraph_integer_t)i, get(g, i)))
            rc = KG_ELIB;
    }
    if (rc == KG_OK) {
        igraph_error_t e = scope == KG_SCOPE_NODE ? igraph_cattribute_VAS_setv(ig, name, &sv)
                                                  : igraph_cattribute_EAS_setv(ig, name, &sv);
        if (e)
            rc = KG_ELIB;
    }
    igraph_strvector_destroy(&sv);
    return rc;
}

/* Stores one numeric attribute for every node or edge. */
static int set_numbers(igraph_t *ig, kg_attr_scope scope, const char *name, size_t n,
                       double (*get)(const kg_graph *, size_t), const kg_graph *g)
{
    igraph_vector_t v;
    if (igraph_vector_init(&v, (igraph_integer_t)n))
        return KG_ELIB;
    for (size_t i = 0; i < n; i++)
        VECTOR(v)[i] = get(g, i);
    igraph_error_t e = scope == KG_SCOPE_NODE ? igraph_cattribute_VAN_setv(ig, name, &v)
                                              : igraph_cattribute_EAN_setv(ig, name, &v);
    igraph_vector_destroy(&v);
    return e ? KG_ELIB : KG_OK;
}

static const char *acc_node_label(const kg_graph *g, size_t i) { return g->nodes[i].label; }
static const char *acc_node_type(const kg_graph *g, size_t i)
{
    return g->nodes[i].type ? kg_ent_name(g->nodes[i].type) : "";
}
static const char *acc_node_aliases(const kg_graph *g, size_t i)
{
    return kg_strbuf_cstr(&g->nodes[i].aliases);
}
static const char *acc_node_roles(const kg_graph *g, size_t i)
{
    return kg_strbuf_cstr(&g->nodes[i].roles);
}
static const char *acc_node_docs(const kg_graph *g, size_t i)
{
    return kg_strbuf_cstr(&g->nodes[i].documents);
}
static double acc_node_mentions(const kg_graph *g, size_t i) { return g->nodes[i].mentions; }
static const char *acc_edge_relation(const kg_graph *g, size_t i) { return g->edges[i].relation; }
static const char *acc_edge_evidence(const kg_graph *g, size_t i)
{
    return kg_strbuf_cstr(&g->edges[i].evidence);
}
static const char *acc_edge_docs(const kg_graph *g, size_t i)
{
    return kg_strbuf_cstr(&g->edges[i].documents);
}
static double acc_edge_weight(const kg_graph *g, size_t i) { return g->edges[i].weight; }
static double acc_edge_confidence(const kg_graph *g, size_t i) { return g->edges[i].confidence; }

int kg_graph_finish(kg_graph *g)
{
    if (g->finished)
        return KG_OK;
    int rc = KG_OK;
    int have_graph = 0;
    igraph_vector_int_t ends;
    int have_ends = 0;

    if (igraph_empty(&g->ig, (igraph_integer_t)g->n_nodes, IGRAPH_DIRECTED)) {
        rc = KG_ELIB;
        goto done;
    }
    have_graph = 1;
    if (igraph_vector_int_init(&ends, (igraph_integer_t)(2 * g->n_edges))) {
        rc = KG_ELIB;
        goto done;
    }
    have_ends = 1;
    for (size_t i = 0; i < g->n_edges; i++) {
        VECTOR(ends)[2 * i] = g->edges[i].from;
        VECTOR(ends)[2 * i + 1] = g->edges[i].to;
    }
    if (igraph_add_edges(&g->ig, &ends, NULL)) {
        rc = KG_ELIB;
        goto done;
    }
    size_t n = g->n_nodes, m = g->n_edges;
    if ((rc = set_strings(&g->ig, KG_SCOPE_NODE, "label", n, acc_node_label, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_NODE, "type", n, acc_node_type, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_NODE, "aliases", n, acc_node_aliases, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_NODE, "roles", n, acc_node_roles, g)) ||
        (rc = set_numbers(&g->ig, KG_SCOPE_NODE, "mentions", n, acc_node_mentions, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_NODE, "documents", n, acc_node_docs, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_EDGE, "relation", m, acc_edge_relation, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_EDGE, "label", m, acc_edge_relation, g)) ||
        (rc = set_numbers(&g->ig, KG_SCOPE_EDGE, "weight", m, acc_edge_weight, g)) ||
        (rc = set_numbers(&g->ig, KG_SCOPE_EDGE, "confidence", m, acc_edge_confidence, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_EDGE, "evidence", m, acc_edge_evidence, g)) ||
        (rc = set_strings(&g->ig, KG_SCOPE_EDGE, "documents", m, acc_edge_docs, g)))
        goto done;
    g->finished = 1;
    free_accumulators(g);
done:
    if (have_ends)
        igraph_vector_int_destroy(&ends);
    if (rc && have_graph)
        igraph_destroy(&g->ig);
    return rc;
}

/* ------------------------------------------------------------- accessors */

size_t kg_graph_node_count(const kg_graph *g)
{
    return g->finished ? (size_t)igraph_vcount(&g->ig) : g->n_nodes;
}

size_t kg_graph_edge_count(const kg_graph *g)
{
    return g->finished ? (size_t)igraph_ecount(&g->ig) : g->n_edges;
}

size_t kg_graph_attr_count(const kg_graph *g, kg_attr_scope scope)
{
    (void)g;
    return scope == KG_SCOPE_NODE ? N_NODE_ATTRS : N_EDGE_ATTRS;
}

const char *kg_graph_attr_name(const kg_graph *g, kg_attr_scope scope, size_t i,
                               kg_attr_type *type)
{
    (void)g;
    const attr_def *defs = scope == KG_SCOPE_NODE ? node_attrs : edge_attrs;
    size_t n = scope == KG_SCOPE_NODE ? N_NODE_ATTRS : N_EDGE_ATTRS;
    if (i >= n)
        return NULL;
    if (type)
        *type = defs[i].type;
    return defs[i].name;
}

static int has_attr(const kg_graph *g, igraph_attribute_elemtype_t elem, const char *name)
{
    return g->finished && igraph_cattribute_has_attr(&g->ig, elem, name);
}

const char *kg_graph_node_str(const kg_graph *g, size_t node, const char *name)
{
    if (!has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        return "";
    return igraph_cattribute_VAS(&g->ig, name, (igraph_integer_t)node);
}

const char *kg_graph_edge_str(const kg_graph *g, size_t edge, const char *name)
{
    if (!has_attr(g, IGRAPH_ATTRIBUTE_EDGE, name))
        return "";
    return igraph_cattribute_EAS(&g->ig, name, (igraph_integer_t)edge);
}

double kg_graph_node_num(const kg_graph *g, size_t node, const char *name)
{
    if (!has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        return 0;
    return igraph_cattribute_VAN(&g->ig, name, (igraph_integer_t)node);
}

double kg_graph_edge_num(const kg_graph *g, size_t edge, const char *name)
{
    if (!has_attr(g, IGRAPH_ATTRIBUTE_EDGE, name))
        return 0;
    return igraph_cattribute_EAN(&g->ig, name, (igraph_integer_t)edge);
}

void kg_graph_edge_ends(const kg_graph *g, size_t edge, size_t *from, size_t *to)
{
    *from = (size_t)IGRAPH_FROM(&g->ig, (igraph_integer_t)edge);
    *to = (size_t)IGRAPH_TO(&g->ig, (igraph_integer_t)edge);
}
