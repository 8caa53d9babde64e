/* graph.c - assembling the entity network.
 *
 * Records accumulate as document-level entities (one per (document, canonical
 * name)), raw edges (one per triple) and entity occurrences per sentence, with
 * every string interned once. kg_graph_finish then merges document-level
 * entities that share a canonical name into one node, aggregates edges per
 * (subject, relation, object) and co-occurrence pairs per sentence, sorts
 * nodes, edges and every set-valued attribute canonically — so output does not
 * depend on the order records arrived in — and creates the igraph graph in one
 * batch, storing attributes through igraph's C attribute handler. */
#define _POSIX_C_SOURCE 200809L
#include "graph_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ igraph glue */

static void igraph_error_to_kg(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)file;
    (void)line;
    kg_error_set(KG_ELIB, "igraph: %s (%s)", reason, igraph_strerror(err));
    IGRAPH_FINALLY_FREE();
}

static pthread_once_t igraph_once = PTHREAD_ONCE_INIT;

static void igraph_setup_once(void)
{
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(igraph_error_to_kg);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void kg_graph_igraph_setup(void)
{
    pthread_once(&igraph_once, igraph_setup_once);
}

/* ---------------------------------------------------------- construction */

int kg_graph_new(kg_graph **out, const kg_graph_options *opts)
{
    static const kg_graph_options defaults = KG_GRAPH_OPTIONS_INIT;
    kg_graph_igraph_setup();
    *out = NULL;
    kg_graph *g = kg_calloc(1, sizeof *g);
    if (!g) {
        return KG_ENOMEM;
    }
    g->opts = opts ? *opts : defaults;
    g->seed = 42;
    if (kg_map_new(&g->strings) || kg_map_new(&g->seen) || kg_map_new(&g->dent_index) ||
        kg_map_new(&g->doc_index)) {
        kg_graph_free(g);
        return KG_ENOMEM;
    }
    *out = g;
    return KG_OK;
}

static void idlist_free(idlist *l)
{
    kg_free(l->ids);
    l->ids = NULL;
    l->n = l->cap = 0;
}

static void free_records(kg_graph *g)
{
    for (size_t i = 0; i < g->n_dents; i++) {
        idlist_free(&g->dents[i].aliases);
        idlist_free(&g->dents[i].roles);
        idlist_free(&g->dents[i].documents);
        idlist_free(&g->dents[i].arg_aliases);
    }
    for (size_t i = 0; i < g->n_redges; i++) {
        idlist_free(&g->redges[i].documents);
    }
    kg_free(g->dents);
    kg_free(g->redges);
    kg_free(g->evidence);
    kg_free(g->occurrences);
    g->dents = NULL;
    g->redges = NULL;
    g->evidence = NULL;
    g->occurrences = NULL;
    g->n_dents = g->n_redges = g->n_evidence = g->n_occurrences = 0;
    g->cap_dents = g->cap_redges = g->cap_evidence = g->cap_occurrences = 0;
    kg_map_free(g->seen);
    g->seen = NULL;
}

void kg_graph_free(kg_graph *g)
{
    if (!g) {
        return;
    }
    free_records(g);
    kg_map_free(g->strings);
    kg_map_free(g->dent_index);
    kg_free(g->dent_label);
    kg_map_free(g->doc_index);
    kg_free(g->docs);
    kg_map_free(g->alias_keys);
    kg_free(g->alias_names);
    if (g->finished) {
        igraph_destroy(&g->ig);
    }
    kg_free(g);
}

const char *kg_graph_string(const kg_graph *g, uint32_t id)
{
    return kg_map_key(g->strings, id, NULL);
}

int kg_graph_intern(kg_graph *g, const char *s, size_t n, uint32_t *id)
{
    return kg_map_intern(g->strings, s, n, (uint32_t)kg_map_count(g->strings), id, NULL);
}

static int intern_str(kg_graph *g, const char *s, uint32_t *id)
{
    return kg_graph_intern(g, s ? s : "", s ? strlen(s) : 0, id);
}

int kg_graph_declare(kg_graph *g, kg_attr_scope scope, const char *name, kg_attr_type type)
{
    attr_def *defs = scope == KG_SCOPE_NODE ? g->node_attrs : g->edge_attrs;
    size_t *n = scope == KG_SCOPE_NODE ? &g->n_node_attrs : &g->n_edge_attrs;
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(defs[i].name, name) == 0) {
            return KG_OK;
        }
    }
    if (*n == MAX_ATTRS) {
        return kg_error_set(KG_EINVAL, "too many graph attributes");
    }
    defs[*n].name = name;
    defs[*n].type = type;
    (*n)++;
    return KG_OK;
}

int kg_graph_dent(kg_graph *g, uint32_t doc, uint32_t name, uint32_t *out)
{
    uint32_t key[2] = {doc, name};
    int inserted = 0;
    if (kg_map_intern(g->dent_index, (const char *)key, sizeof key, (uint32_t)g->n_dents, out,
                      &inserted)) {
        return KG_ENOMEM;
    }
    if (!inserted) {
        return KG_OK;
    }
    if (kg_grow((void **)&g->dents, &g->cap_dents, g->n_dents + 1, sizeof *g->dents)) {
        return KG_ENOMEM;
    }
    dent *d = &g->dents[g->n_dents++];
    memset(d, 0, sizeof *d);
    d->doc = doc;
    d->name = name;
    return KG_OK;
}

int kg_graph_set_add(kg_graph *g, idlist *l, char kind, uint32_t owner, uint32_t value)
{
    char key[9];
    key[0] = kind;
    memcpy(key + 1, &owner, 4);
    memcpy(key + 5, &value, 4);
    int inserted = 0;
    if (kg_map_intern(g->seen, key, sizeof key, 0, NULL, &inserted)) {
        return KG_ENOMEM;
    }
    if (!inserted) {
        return KG_OK;
    }
    if (kg_grow((void **)&l->ids, &l->cap, l->n + 1, sizeof *l->ids)) {
        return KG_ENOMEM;
    }
    l->ids[l->n++] = value;
    return KG_OK;
}

int kg_graph_add_evidence(kg_graph *g, uint32_t doc, uint32_t sentence, uint32_t text)
{
    if (kg_grow((void **)&g->evidence, &g->cap_evidence, g->n_evidence + 1, sizeof *g->evidence)) {
        return KG_ENOMEM;
    }
    evidence *e = &g->evidence[g->n_evidence++];
    e->doc = doc;
    e->sentence = sentence;
    e->text = text;
    return KG_OK;
}

int kg_graph_add_redge(kg_graph *g, redge **out)
{
    if (kg_grow((void **)&g->redges, &g->cap_redges, g->n_redges + 1, sizeof *g->redges)) {
        return KG_ENOMEM;
    }
    *out = &g->redges[g->n_redges++];
    memset(*out, 0, sizeof **out);
    return KG_OK;
}

/* Adds the '|'-separated values of s to a dent's set. */
static int add_split(kg_graph *g, idlist *l, char kind, uint32_t owner, const char *s)
{
    while (s && *s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        uint32_t id;
        if (n && (kg_graph_intern(g, s, n, &id) || kg_graph_set_add(g, l, kind, owner, id))) {
            return KG_ENOMEM;
        }
        s = bar ? bar + 1 : s + n;
    }
    return KG_OK;
}

static int add_mention(kg_graph *g, const kg_mention_record *m)
{
    if (m->type == KG_ENT_DATE) {
        return KG_OK; /* dates are when things happened, not actors: triple attributes */
    }
    uint32_t doc, name, text, sentence_text, d;
    if (intern_str(g, m->doc, &doc) || intern_str(g, m->entity, &name) ||
        intern_str(g, m->text, &text) || intern_str(g, m->sentence_text, &sentence_text) ||
        kg_graph_dent(g, doc, name, &d)) {
        return KG_ENOMEM;
    }
    dent *e = &g->dents[d];
    e->type_votes[m->type < KG_ENT_COUNT ? m->type : 0]++;
    e->mentions++;
    e->has_mentions = 1;
    if (kg_graph_set_add(g, &e->aliases, 'a', d, text) ||
        kg_graph_set_add(g, &e->documents, 'd', d, doc) ||
        add_split(g, &e->roles, 'r', d, m->roles)) {
        return KG_ENOMEM;
    }
    if (kg_grow((void **)&g->occurrences, &g->cap_occurrences, g->n_occurrences + 1,
                sizeof *g->occurrences)) {
        return KG_ENOMEM;
    }
    occurrence *o = &g->occurrences[g->n_occurrences++];
    o->dent = d;
    o->doc = doc;
    o->sentence = m->sentence;
    o->text = sentence_text;
    return KG_OK;
}

/* The dent a triple argument names, counting the argument as a mention of it
 * (used when the entity has no mention records of its own). */
static int arg_dent(kg_graph *g, uint32_t doc, const kg_arg *a, uint32_t *out)
{
    uint32_t name, text;
    if (intern_str(g, a->name, &name) || intern_str(g, a->text, &text) ||
        kg_graph_dent(g, doc, name, out)) {
        return KG_ENOMEM;
    }
    dent *e = &g->dents[*out];
    e->arg_votes[a->type < KG_ENT_COUNT ? a->type : 0]++;
    e->arg_mentions++;
    if (kg_graph_set_add(g, &e->arg_aliases, 'A', *out, text) ||
        kg_graph_set_add(g, &e->documents, 'd', *out, doc)) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

static int add_triple(kg_graph *g, const kg_triple *t)
{
    if (!t->subject.name || !t->object.name || !t->relation || t->subject.type == KG_ENT_DATE ||
        t->object.type == KG_ENT_DATE) {
        return KG_OK; /* only entities (not dates) are nodes of the graph */
    }
    uint32_t doc, from, to, relation, text;
    redge *r;
    if (intern_str(g, t->doc, &doc) || arg_dent(g, doc, &t->subject, &from) ||
        arg_dent(g, doc, &t->object, &to) || intern_str(g, t->relation, &relation) ||
        intern_str(g, t->sentence_text, &text) || kg_graph_add_redge(g, &r)) {
        return KG_ENOMEM;
    }
    r->from = from;
    r->to = to;
    r->relation = relation;
    r->weight = 1;
    r->confidence = t->confidence;
    r->first_evidence = g->n_evidence;
    r->n_evidence = 1;
    return kg_graph_add_evidence(g, doc, t->sentence, text);
}

/* Interns s into *id unless s is NULL or *id is already set. */
static int set_once(kg_graph *g, uint32_t *id, const char *s)
{
    if (!s || *id != NO_STRING) {
        return KG_OK;
    }
    return kg_graph_intern(g, s, strlen(s), id);
}

int kg_graph_add_docmeta(kg_graph *g, const kg_document_record *d)
{
    uint32_t doc, i;
    int inserted = 0;
    if (intern_str(g, d->doc, &doc) || kg_map_intern(g->doc_index, (const char *)&doc, sizeof doc,
                                                     (uint32_t)g->n_docs, &i, &inserted)) {
        return KG_ENOMEM;
    }
    if (inserted) {
        if (kg_grow((void **)&g->docs, &g->cap_docs, g->n_docs + 1, sizeof *g->docs)) {
            return KG_ENOMEM;
        }
        docmeta *m = &g->docs[g->n_docs++];
        m->doc = doc;
        m->title = m->byline = m->date = m->url = NO_STRING;
    }
    docmeta *m = &g->docs[i];
    if (set_once(g, &m->title, d->title) || set_once(g, &m->byline, d->byline) ||
        set_once(g, &m->date, d->date) || set_once(g, &m->url, d->url)) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

int kg_graph_add_extraction(kg_graph *g, const kg_extraction *x)
{
    if (g->finished) {
        return kg_error_set(KG_EINVAL, "graph already finished; nothing can be added");
    }
    for (size_t i = 0; i < x->n_documents; i++) {
        if (kg_graph_add_docmeta(g, &x->documents[i])) {
            return KG_ENOMEM;
        }
    }
    for (size_t i = 0; i < x->n_mentions; i++) {
        if (add_mention(g, &x->mentions[i])) {
            return KG_ENOMEM;
        }
    }
    for (size_t i = 0; i < x->n_triples; i++) {
        if (add_triple(g, &x->triples[i])) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* ------------------------------------------------------------ aggregation */

/* A node: the entities merged into it and its aggregated attributes. */
typedef struct gnode {
    uint32_t label;
    uint8_t type;
    idlist aliases, roles, documents;
    uint32_t mentions;
} gnode;

/* An aggregated edge. */
typedef struct gedge {
    uint32_t from, to; /* node indices (final order) */
    uint32_t relation;
    uint32_t layer;
    double weight, confidence;
    idlist evidence; /* indices into g->evidence */
    idlist documents;
} gedge;

typedef struct build {
    kg_graph *g;
    gnode *nodes;
    size_t n_nodes;
    uint32_t *node_of_dent; /* dent -> node (final order) */
    gedge *edges;
    size_t n_edges, cap_edges;
    kg_map *edge_index;
    kg_strbuf buf;
} build;

static const kg_graph *sort_graph; /* qsort has no context argument */

static int cmp_ids(const void *a, const void *b)
{
    const char *x = kg_graph_string(sort_graph, *(const uint32_t *)a);
    const char *y = kg_graph_string(sort_graph, *(const uint32_t *)b);
    return strcmp(x, y);
}

/* Sorts an id set by its strings and removes duplicates. */
static void sort_unique(const kg_graph *g, idlist *l)
{
    if (l->n < 2) {
        return;
    }
    sort_graph = g;
    qsort(l->ids, l->n, sizeof *l->ids, cmp_ids);
    size_t o = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (o == 0 || l->ids[i] != l->ids[o - 1]) {
            l->ids[o++] = l->ids[i];
        }
    }
    l->n = o;
}

/* Drops from a sorted, unique list of roles every role that another one
 * begins with, word for word ("detainee" beside "detainee of Taliban", from
 * two documents): the fuller one says it already. In sorted order the
 * smallest extension "a ..." of a role "a" comes right after it. */
static void drop_prefix_roles(const kg_graph *g, idlist *l)
{
    size_t o = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (i + 1 < l->n) {
            const char *a = kg_graph_string(g, l->ids[i]);
            const char *b = kg_graph_string(g, l->ids[i + 1]);
            size_t n = strlen(a);
            if (strncmp(a, b, n) == 0 && b[n] == ' ') {
                continue;
            }
        }
        l->ids[o++] = l->ids[i];
    }
    l->n = o;
}

static int append_all(idlist *to, const idlist *from)
{
    if (kg_grow((void **)&to->ids, &to->cap, to->n + from->n, sizeof *to->ids)) {
        return KG_ENOMEM;
    }
    if (from->n) {
        memcpy(to->ids + to->n, from->ids, from->n * sizeof *from->ids);
    }
    to->n += from->n;
    return KG_OK;
}

static int cmp_nodes(const void *a, const void *b)
{
    const gnode *x = a, *y = b;
    int c = strcmp(kg_graph_string(sort_graph, x->label), kg_graph_string(sort_graph, y->label));
    return c ? c : (int)x->type - (int)y->type;
}

/* Merges document-level entities into nodes, one per resolved cluster. */
static int make_nodes(build *b)
{
    kg_graph *g = b->g;
    int rc = KG_OK;
    size_t n = g->n_dents ? g->n_dents : 1;
    uint32_t *cluster = kg_malloc(n * sizeof *cluster);
    uint32_t *label = kg_malloc(n * sizeof *label);
    uint32_t *node_of_root = kg_malloc(n * sizeof *node_of_root); /* unsorted node */
    uint32_t *rank = kg_malloc(n * sizeof *rank);
    uint32_t(*votes)[KG_ENT_COUNT] = kg_calloc(n, sizeof *votes);
    typedef struct keyed {
        gnode nd; /* first member: cmp_nodes reads it */
        uint32_t old;
    } keyed;
    keyed *tmp = NULL;

    b->node_of_dent = kg_calloc(n, sizeof *b->node_of_dent);
    b->nodes = kg_calloc(n, sizeof *b->nodes);
    if (!cluster || !label || !node_of_root || !rank || !votes || !b->node_of_dent || !b->nodes) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_graph_resolve(g, cluster, label))) {
        goto done;
    }
    for (size_t i = 0; i < g->n_dents; i++) {
        if (cluster[i] == i) {
            node_of_root[i] = (uint32_t)b->n_nodes;
            b->nodes[b->n_nodes++].label = label[i];
        }
    }
    for (size_t i = 0; i < g->n_dents; i++) {
        const dent *d = &g->dents[i];
        uint32_t k = node_of_root[cluster[i]];
        gnode *nd = &b->nodes[k];
        const uint32_t *v = d->has_mentions ? d->type_votes : d->arg_votes;
        for (int t = 0; t < KG_ENT_COUNT; t++) {
            votes[k][t] += v[t];
        }
        nd->mentions += d->has_mentions ? d->mentions : d->arg_mentions;
        if (append_all(&nd->aliases, d->has_mentions ? &d->aliases : &d->arg_aliases) ||
            append_all(&nd->roles, &d->roles) || append_all(&nd->documents, &d->documents)) {
            rc = KG_ENOMEM;
            goto done;
        }
    }
    for (size_t k = 0; k < b->n_nodes; k++) {
        gnode *nd = &b->nodes[k];
        /* the type most mentions give it; ties go to the first in KG_ENT order */
        uint32_t best = 0;
        for (int t = 1; t < KG_ENT_COUNT; t++) {
            if (votes[k][t] > best) {
                best = votes[k][t];
                nd->type = (uint8_t)t;
            }
        }
        sort_unique(g, &nd->aliases);
        sort_unique(g, &nd->roles);
        drop_prefix_roles(g, &nd->roles);
        sort_unique(g, &nd->documents);
    }
    /* canonical order, remembering where each unsorted node went */
    tmp = kg_malloc((b->n_nodes ? b->n_nodes : 1) * sizeof *tmp);
    if (!tmp) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < b->n_nodes; k++) {
        tmp[k].nd = b->nodes[k];
        tmp[k].old = (uint32_t)k;
    }
    sort_graph = g;
    if (b->n_nodes > 1) {
        qsort(tmp, b->n_nodes, sizeof *tmp, cmp_nodes);
    }
    for (size_t k = 0; k < b->n_nodes; k++) {
        b->nodes[k] = tmp[k].nd;
        rank[tmp[k].old] = (uint32_t)k;
    }
    for (size_t i = 0; i < g->n_dents; i++) {
        b->node_of_dent[i] = rank[node_of_root[cluster[i]]];
    }
    g->dent_label = kg_malloc(n * sizeof *g->dent_label);
    if (!g->dent_label) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < g->n_dents; i++) {
        g->dent_label[i] = label[cluster[i]];
    }
done:
    kg_free(cluster);
    kg_free(label);
    kg_free(node_of_root);
    kg_free(rank);
    kg_free(votes);
    kg_free(tmp);
    return rc;
}

/* Finds or creates the aggregated edge (from, relation, to, layer). */
static int edge_for(build *b, uint32_t from, uint32_t to, uint32_t relation, uint32_t layer,
                    gedge **out)
{
    uint32_t key[4] = {from, to, relation, layer};
    uint32_t e;
    int inserted = 0;
    if (kg_map_intern(b->edge_index, (const char *)key, sizeof key, (uint32_t)b->n_edges, &e,
                      &inserted)) {
        return KG_ENOMEM;
    }
    if (inserted) {
        if (kg_grow((void **)&b->edges, &b->cap_edges, b->n_edges + 1, sizeof *b->edges)) {
            return KG_ENOMEM;
        }
        gedge *ed = &b->edges[b->n_edges++];
        memset(ed, 0, sizeof *ed);
        ed->from = from;
        ed->to = to;
        ed->relation = relation;
        ed->layer = layer;
    }
    *out = &b->edges[e];
    return KG_OK;
}

static int cmp_occurrences(const void *a, const void *b)
{
    const occurrence *x = a, *y = b;
    if (x->doc != y->doc) {
        return x->doc < y->doc ? -1 : 1;
    }
    return x->sentence < y->sentence ? -1 : x->sentence > y->sentence;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Every pair of distinct nodes named in one sentence gets a co-occurrence edge. */
static int make_cooccurrence(build *b)
{
    kg_graph *g = b->g;
    uint32_t relation, *nodes = NULL;
    int rc = intern_str(g, "co-occurs with", &relation);
    if (rc) {
        return rc;
    }
    if (g->n_occurrences > 1) {
        qsort(g->occurrences, g->n_occurrences, sizeof *g->occurrences, cmp_occurrences);
    }
    nodes = kg_malloc((g->n_occurrences ? g->n_occurrences : 1) * sizeof *nodes);
    if (!nodes) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < g->n_occurrences && rc == KG_OK;) {
        size_t j = i, n = 0;
        while (j < g->n_occurrences &&
               cmp_occurrences(&g->occurrences[i], &g->occurrences[j]) == 0) {
            nodes[n++] = b->node_of_dent[g->occurrences[j++].dent];
        }
        if (n > 1) {
            qsort(nodes, n, sizeof *nodes, cmp_u32);
        }
        size_t u = 0;
        for (size_t k = 0; k < n; k++) {
            if (u == 0 || nodes[k] != nodes[u - 1]) {
                nodes[u++] = nodes[k];
            }
        }
        const occurrence *o = &g->occurrences[i];
        for (size_t x = 0; x < u && rc == KG_OK; x++) {
            for (size_t y = x + 1; y < u && rc == KG_OK; y++) {
                gedge *e;
                if ((rc = edge_for(b, nodes[x], nodes[y], relation, 1, &e)) ||
                    (rc = kg_graph_add_evidence(g, o->doc, o->sentence, o->text))) {
                    break;
                }
                e->weight += 1;
                e->confidence = 1;
                rc = kg_grow((void **)&e->evidence.ids, &e->evidence.cap, e->evidence.n + 1,
                             sizeof(uint32_t));
                if (rc == KG_OK) {
                    e->evidence.ids[e->evidence.n++] = (uint32_t)(g->n_evidence - 1);
                }
            }
        }
        i = j;
    }
    kg_free(nodes);
    return rc;
}

static int make_edges(build *b)
{
    kg_graph *g = b->g;
    int rc = kg_map_new(&b->edge_index);
    for (size_t i = 0; i < g->n_redges && rc == KG_OK; i++) {
        const redge *r = &g->redges[i];
        gedge *e;
        uint32_t from = b->node_of_dent[r->from], to = b->node_of_dent[r->to];
        if (r->layer == 1 && from > to) {
            /* co-occurrence has no direction: the lower node first, as make_cooccurrence does */
            uint32_t t = from;
            from = to;
            to = t;
        }
        rc = edge_for(b, from, to, r->relation, r->layer, &e);
        if (rc) {
            break;
        }
        e->weight += r->weight;
        if (r->confidence > e->confidence) {
            e->confidence = r->confidence;
        }
        if (kg_grow((void **)&e->evidence.ids, &e->evidence.cap, e->evidence.n + r->n_evidence,
                    sizeof(uint32_t)) ||
            append_all(&e->documents, &r->documents)) {
            rc = KG_ENOMEM;
            break;
        }
        for (size_t k = 0; k < r->n_evidence; k++) {
            e->evidence.ids[e->evidence.n++] = (uint32_t)(r->first_evidence + k);
        }
    }
    if (rc == KG_OK && g->opts.cooccurrence) {
        rc = make_cooccurrence(b);
    }
    return rc;
}

static int cmp_evidence(const void *a, const void *b)
{
    const evidence *x = &sort_graph->evidence[*(const uint32_t *)a];
    const evidence *y = &sort_graph->evidence[*(const uint32_t *)b];
    int c = strcmp(kg_graph_string(sort_graph, x->doc), kg_graph_string(sort_graph, y->doc));
    if (c) {
        return c;
    }
    return x->sentence < y->sentence ? -1 : x->sentence > y->sentence;
}

static int cmp_edges(const void *a, const void *b)
{
    const gedge *x = a, *y = b;
    if (x->layer != y->layer) {
        return x->layer < y->layer ? -1 : 1;
    }
    if (x->from != y->from) {
        return x->from < y->from ? -1 : 1;
    }
    if (x->to != y->to) {
        return x->to < y->to ? -1 : 1;
    }
    return strcmp(kg_graph_string(sort_graph, x->relation),
                  kg_graph_string(sort_graph, y->relation));
}

/* Sorts evidence by (document, sentence) keeping one entry per sentence, and
 * completes each edge's document set from its evidence. */
static int tidy_edges(build *b)
{
    kg_graph *g = b->g;
    sort_graph = g;
    for (size_t i = 0; i < b->n_edges; i++) {
        gedge *e = &b->edges[i];
        if (e->evidence.n > 1) {
            qsort(e->evidence.ids, e->evidence.n, sizeof(uint32_t), cmp_evidence);
        }
        size_t o = 0;
        for (size_t k = 0; k < e->evidence.n; k++) {
            if (o && cmp_evidence(&e->evidence.ids[k], &e->evidence.ids[o - 1]) == 0) {
                continue;
            }
            e->evidence.ids[o++] = e->evidence.ids[k];
        }
        e->evidence.n = o;
        if (kg_grow((void **)&e->documents.ids, &e->documents.cap, e->documents.n + o,
                    sizeof(uint32_t))) {
            return KG_ENOMEM;
        }
        for (size_t k = 0; k < o; k++) {
            e->documents.ids[e->documents.n++] = g->evidence[e->evidence.ids[k]].doc;
        }
        sort_unique(g, &e->documents);
    }
    sort_graph = g;
    if (b->n_edges > 1) {
        qsort(b->edges, b->n_edges, sizeof *b->edges, cmp_edges);
    }
    return KG_OK;
}

/* ------------------------------------------------------------- to igraph */

/* Writes the ids' strings '|'-joined into buf. */
static int join(kg_strbuf *buf, const kg_graph *g, const idlist *l)
{
    kg_strbuf_clear(buf);
    for (size_t i = 0; i < l->n; i++) {
        if ((i && kg_strbuf_putc(buf, '|')) || kg_strbuf_puts(buf, kg_graph_string(g, l->ids[i]))) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

static int evidence_text(kg_strbuf *buf, const kg_graph *g, const idlist *l)
{
    kg_strbuf_clear(buf);
    for (size_t i = 0; i < l->n; i++) {
        const evidence *e = &g->evidence[l->ids[i]];
        if ((i && kg_strbuf_putc(buf, '\n')) ||
            kg_strbuf_printf(buf, "[%s#%u] %s", kg_graph_string(g, e->doc), e->sentence,
                             kg_graph_string(g, e->text))) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

enum { N_LABEL, N_TYPE, N_ALIASES, N_ROLES, N_DOCS, N_STRINGS };
enum { E_RELATION, E_LABEL, E_LAYER, E_EVIDENCE, E_DOCS, E_STRINGS };

static int to_igraph(build *b)
{
    kg_graph *g = b->g;
    int rc = KG_OK, have_graph = 0, have_ends = 0, n_sv = 0, n_nv = 0;
    igraph_vector_int_t ends;
    igraph_strvector_t sv[5]; /* N_STRINGS and E_STRINGS are both 5 */
    igraph_vector_t nv[3];
    static const char *const node_names[] = {"label", "type", "aliases", "roles", "documents"};
    static const char *const edge_names[] = {"relation", "label", "layer", "evidence", "documents"};
    igraph_integer_t n = (igraph_integer_t)b->n_nodes, m = (igraph_integer_t)b->n_edges;

    if (igraph_empty(&g->ig, n, IGRAPH_DIRECTED)) {
        rc = KG_ELIB;
        goto done;
    }
    have_graph = 1;
    if (igraph_vector_int_init(&ends, 2 * m)) {
        rc = KG_ELIB;
        goto done;
    }
    have_ends = 1;
    for (igraph_integer_t i = 0; i < m; i++) {
        VECTOR(ends)[2 * i] = b->edges[i].from;
        VECTOR(ends)[2 * i + 1] = b->edges[i].to;
    }
    if (igraph_add_edges(&g->ig, &ends, NULL)) {
        rc = KG_ELIB;
        goto done;
    }
    /* node attributes */
    for (; n_sv < N_STRINGS; n_sv++) {
        if (igraph_strvector_init(&sv[n_sv], n)) {
            rc = KG_ELIB;
            goto done;
        }
    }
    if (igraph_vector_init(&nv[0], n)) {
        rc = KG_ELIB;
        goto done;
    }
    n_nv = 1;
    for (igraph_integer_t i = 0; i < n && rc == KG_OK; i++) {
        const gnode *nd = &b->nodes[i];
        VECTOR(nv[0])[i] = nd->mentions;
        if (igraph_strvector_set(&sv[N_LABEL], i, kg_graph_string(g, nd->label)) ||
            igraph_strvector_set(&sv[N_TYPE], i, nd->type ? kg_ent_name(nd->type) : "")) {
            rc = KG_ELIB;
        }
        const idlist *sets[] = {&nd->aliases, &nd->roles, &nd->documents};
        for (int k = 0; k < 3 && rc == KG_OK; k++) {
            if (join(&b->buf, g, sets[k])) {
                rc = KG_ENOMEM;
            } else if (igraph_strvector_set(&sv[N_ALIASES + k], i, kg_strbuf_cstr(&b->buf))) {
                rc = KG_ELIB;
            }
        }
    }
    for (int k = 0; k < N_STRINGS && rc == KG_OK; k++) {
        if (igraph_cattribute_VAS_setv(&g->ig, node_names[k], &sv[k])) {
            rc = KG_ELIB;
        }
    }
    if (rc == KG_OK && igraph_cattribute_VAN_setv(&g->ig, "mentions", &nv[0])) {
        rc = KG_ELIB;
    }
    for (int k = 0; k < n_sv; k++) {
        igraph_strvector_destroy(&sv[k]);
    }
    for (int k = 0; k < n_nv; k++) {
        igraph_vector_destroy(&nv[k]);
    }
    n_sv = n_nv = 0;
    if (rc) {
        goto done;
    }

    /* edge attributes */
    for (; n_sv < E_STRINGS; n_sv++) {
        if (igraph_strvector_init(&sv[n_sv], m)) {
            rc = KG_ELIB;
            goto done;
        }
    }
    for (; n_nv < 2; n_nv++) {
        if (igraph_vector_init(&nv[n_nv], m)) {
            rc = KG_ELIB;
            goto done;
        }
    }
    for (igraph_integer_t i = 0; i < m && rc == KG_OK; i++) {
        const gedge *e = &b->edges[i];
        const char *relation = kg_graph_string(g, e->relation);
        VECTOR(nv[0])[i] = e->weight;
        VECTOR(nv[1])[i] = e->confidence;
        if (igraph_strvector_set(&sv[E_RELATION], i, relation) ||
            igraph_strvector_set(&sv[E_LABEL], i, e->layer ? "" : relation) ||
            igraph_strvector_set(&sv[E_LAYER], i, e->layer ? "cooccurrence" : "relation")) {
            rc = KG_ELIB;
        } else if (evidence_text(&b->buf, g, &e->evidence)) {
            rc = KG_ENOMEM;
        } else if (igraph_strvector_set(&sv[E_EVIDENCE], i, kg_strbuf_cstr(&b->buf))) {
            rc = KG_ELIB;
        } else if (join(&b->buf, g, &e->documents)) {
            rc = KG_ENOMEM;
        } else if (igraph_strvector_set(&sv[E_DOCS], i, kg_strbuf_cstr(&b->buf))) {
            rc = KG_ELIB;
        }
    }
    for (int k = 0; k < E_STRINGS && rc == KG_OK; k++) {
        if (igraph_cattribute_EAS_setv(&g->ig, edge_names[k], &sv[k])) {
            rc = KG_ELIB;
        }
    }
    if (rc == KG_OK && (igraph_cattribute_EAN_setv(&g->ig, "weight", &nv[0]) ||
                        igraph_cattribute_EAN_setv(&g->ig, "confidence", &nv[1]))) {
        rc = KG_ELIB;
    }
done:
    for (int k = 0; k < n_sv; k++) {
        igraph_strvector_destroy(&sv[k]);
    }
    for (int k = 0; k < n_nv; k++) {
        igraph_vector_destroy(&nv[k]);
    }
    if (have_ends) {
        igraph_vector_int_destroy(&ends);
    }
    if (rc && have_graph) {
        igraph_destroy(&g->ig);
    }
    return rc;
}

static int declare_schema(kg_graph *g)
{
    g->n_node_attrs = g->n_edge_attrs = 0;
    if (kg_graph_declare(g, KG_SCOPE_NODE, "label", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_NODE, "type", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_NODE, "aliases", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_NODE, "roles", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_NODE, "mentions", KG_ATTR_INT) ||
        kg_graph_declare(g, KG_SCOPE_NODE, "documents", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "relation", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "label", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "layer", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "weight", KG_ATTR_DOUBLE) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "confidence", KG_ATTR_DOUBLE) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "evidence", KG_ATTR_STRING) ||
        kg_graph_declare(g, KG_SCOPE_EDGE, "documents", KG_ATTR_STRING)) {
        return KG_EINVAL;
    }
    return KG_OK;
}

static int cmp_docs(const void *a, const void *b)
{
    return strcmp(kg_graph_string(sort_graph, ((const docmeta *)a)->doc),
                  kg_graph_string(sort_graph, ((const docmeta *)b)->doc));
}

int kg_graph_finish(kg_graph *g)
{
    if (g->finished) {
        return KG_OK;
    }
    if (g->n_docs > 1) {
        sort_graph = g;
        qsort(g->docs, g->n_docs, sizeof *g->docs, cmp_docs);
    }
    build b;
    memset(&b, 0, sizeof b);
    b.g = g;
    kg_strbuf_init(&b.buf, SIZE_MAX);
    int rc = declare_schema(g);
    if (rc == KG_OK) {
        rc = make_nodes(&b);
    }
    if (rc == KG_OK) {
        rc = make_edges(&b);
    }
    if (rc == KG_OK) {
        rc = tidy_edges(&b);
    }
    if (rc == KG_OK) {
        rc = to_igraph(&b);
    }
    if (rc == KG_OK) {
        g->finished = 1;
        free_records(g);
    }
    for (size_t i = 0; i < b.n_nodes; i++) {
        idlist_free(&b.nodes[i].aliases);
        idlist_free(&b.nodes[i].roles);
        idlist_free(&b.nodes[i].documents);
    }
    for (size_t i = 0; i < b.n_edges; i++) {
        idlist_free(&b.edges[i].evidence);
        idlist_free(&b.edges[i].documents);
    }
    kg_free(b.nodes);
    kg_free(b.edges);
    kg_free(b.node_of_dent);
    kg_map_free(b.edge_index);
    kg_strbuf_free(&b.buf);
    return rc;
}

/* ------------------------------------------------------------- accessors */

size_t kg_graph_node_count(const kg_graph *g)
{
    return g->finished ? (size_t)igraph_vcount(&g->ig) : 0;
}

size_t kg_graph_edge_count(const kg_graph *g)
{
    return g->finished ? (size_t)igraph_ecount(&g->ig) : 0;
}

size_t kg_graph_attr_count(const kg_graph *g, kg_attr_scope scope)
{
    return scope == KG_SCOPE_NODE ? g->n_node_attrs : g->n_edge_attrs;
}

const char *kg_graph_attr_name(const kg_graph *g, kg_attr_scope scope, size_t i, kg_attr_type *type)
{
    const attr_def *defs = scope == KG_SCOPE_NODE ? g->node_attrs : g->edge_attrs;
    if (i >= kg_graph_attr_count(g, scope)) {
        return NULL;
    }
    if (type) {
        *type = defs[i].type;
    }
    return defs[i].name;
}

/* Is name an attribute of the finished graph, of string (or numeric) type? */
static int has_attr(const kg_graph *g, kg_attr_scope scope, const char *name, int string)
{
    if (!g->finished) {
        return 0;
    }
    for (size_t i = 0; i < kg_graph_attr_count(g, scope); i++) {
        kg_attr_type type;
        const char *n = kg_graph_attr_name(g, scope, i, &type);
        if (strcmp(n, name) == 0) {
            return (type == KG_ATTR_STRING) == string;
        }
    }
    return 0;
}

const char *kg_graph_node_str(const kg_graph *g, size_t node, const char *name)
{
    if (!has_attr(g, KG_SCOPE_NODE, name, 1)) {
        return "";
    }
    return igraph_cattribute_VAS(&g->ig, name, (igraph_integer_t)node);
}

const char *kg_graph_edge_str(const kg_graph *g, size_t edge, const char *name)
{
    if (!has_attr(g, KG_SCOPE_EDGE, name, 1)) {
        return "";
    }
    return igraph_cattribute_EAS(&g->ig, name, (igraph_integer_t)edge);
}

double kg_graph_node_num(const kg_graph *g, size_t node, const char *name)
{
    if (!has_attr(g, KG_SCOPE_NODE, name, 0)) {
        return 0;
    }
    return igraph_cattribute_VAN(&g->ig, name, (igraph_integer_t)node);
}

double kg_graph_edge_num(const kg_graph *g, size_t edge, const char *name)
{
    if (!has_attr(g, KG_SCOPE_EDGE, name, 0)) {
        return 0;
    }
    return igraph_cattribute_EAN(&g->ig, name, (igraph_integer_t)edge);
}

const char *kg_graph_entity_label(const kg_graph *g, const char *doc, const char *name)
{
    uint32_t ids[2], d;
    if (!g->finished || !g->dent_label || !kg_map_get(g->strings, doc, strlen(doc), &ids[0]) ||
        !kg_map_get(g->strings, name, strlen(name), &ids[1]) ||
        !kg_map_get(g->dent_index, (const char *)ids, sizeof ids, &d)) {
        return NULL;
    }
    return kg_graph_string(g, g->dent_label[d]);
}

size_t kg_graph_document_count(const kg_graph *g)
{
    return g->finished ? g->n_docs : 0;
}

static const char *opt_string(const kg_graph *g, uint32_t id)
{
    return id == NO_STRING ? NULL : kg_graph_string(g, id);
}

void kg_graph_document(const kg_graph *g, size_t i, kg_document_record *out)
{
    const docmeta *m = &g->docs[i];
    out->doc = kg_graph_string(g, m->doc);
    out->title = opt_string(g, m->title);
    out->byline = opt_string(g, m->byline);
    out->date = opt_string(g, m->date);
    out->url = opt_string(g, m->url);
}

void kg_graph_edge_ends(const kg_graph *g, size_t edge, size_t *from, size_t *to)
{
    *from = (size_t)IGRAPH_FROM(&g->ig, (igraph_integer_t)edge);
    *to = (size_t)IGRAPH_TO(&g->ig, (igraph_integer_t)edge);
}
