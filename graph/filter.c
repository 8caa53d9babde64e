/* filter.c - cutting a large graph down to what matters: edges by relation and
 * weight, nodes by type, the neighbourhood of one entity, the N most central
 * entities (PageRank), and isolated nodes. igraph's vertex and edge deletion
 * keep the remaining elements in order with their attributes. */
#include "graph_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Is name one of the comma-separated items of list (case-insensitive)? */
static int in_csv(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',') {
            p++;
        }
        const char *end = p;
        while (*end && *end != ',') {
            end++;
        }
        const char *last = end;
        while (last > p && last[-1] == ' ') {
            last--;
        }
        if ((size_t)(last - p) == n && strncasecmp(p, name, n) == 0) {
            return 1;
        }
        p = end;
    }
    return 0;
}

static int delete_edges(kg_graph *g, const igraph_vector_int_t *ids)
{
    if (igraph_vector_int_size(ids) == 0) {
        return KG_OK;
    }
    g->analysed = 0;
    return igraph_delete_edges(&g->ig, igraph_ess_vector(ids)) ? KG_ELIB : KG_OK;
}

/* Deletes the vertices whose keep flag is 0. */
static int keep_vertices(kg_graph *g, const char *keep)
{
    igraph_vector_int_t del;
    if (igraph_vector_int_init(&del, 0)) {
        return KG_ELIB;
    }
    int rc = KG_OK;
    for (igraph_integer_t v = 0; v < igraph_vcount(&g->ig) && rc == KG_OK; v++) {
        if (!keep[v] && igraph_vector_int_push_back(&del, v)) {
            rc = KG_ELIB;
        }
    }
    if (rc == KG_OK && igraph_vector_int_size(&del) > 0) {
        g->analysed = 0;
        if (igraph_delete_vertices(&g->ig, igraph_vss_vector(&del))) {
            rc = KG_ELIB;
        }
    }
    igraph_vector_int_destroy(&del);
    return rc;
}

static int filter_edges(kg_graph *g, const kg_filter_options *o)
{
    if (!o->relations && o->min_weight <= 0) {
        return KG_OK;
    }
    igraph_vector_int_t del;
    if (igraph_vector_int_init(&del, 0)) {
        return KG_ELIB;
    }
    int rc = KG_OK;
    for (igraph_integer_t e = 0; e < igraph_ecount(&g->ig) && rc == KG_OK; e++) {
        int drop = kg_graph_edge_num(g, (size_t)e, "weight") < o->min_weight;
        if (o->relations && !in_csv(o->relations, kg_graph_edge_str(g, (size_t)e, "relation"))) {
            drop = 1;
        }
        if (drop && igraph_vector_int_push_back(&del, e)) {
            rc = KG_ELIB;
        }
    }
    if (rc == KG_OK) {
        rc = delete_edges(g, &del);
    }
    igraph_vector_int_destroy(&del);
    return rc;
}

static int filter_types(kg_graph *g, const char *types)
{
    /* every listed type must be one kgraph knows */
    for (const char *p = types; *p;) {
        while (*p == ' ' || *p == ',') {
            p++;
        }
        const char *end = p;
        while (*end && *end != ',' && *end != ' ') {
            end++;
        }
        if (end > p) {
            char up[16];
            size_t n = (size_t)(end - p) < sizeof up - 1 ? (size_t)(end - p) : sizeof up - 1;
            for (size_t i = 0; i < n; i++) {
                up[i] = (char)toupper((unsigned char)p[i]);
            }
            if (!kg_ent_from_name(up, (size_t)(end - p))) {
                return kg_error_set(KG_EINVAL,
                                    "unknown entity type '%.*s' (use PERSON, ORG, GPE, "
                                    "NORP, LOC, FAC, EVENT, LAW or DATE)",
                                    (int)(end - p), p);
            }
        }
        p = end;
    }
    size_t n = kg_graph_node_count(g);
    char *keep = kg_calloc(n ? n : 1, 1);
    if (!keep) {
        return KG_ENOMEM;
    }
    for (size_t v = 0; v < n; v++) {
        keep[v] = (char)in_csv(types, kg_graph_node_str(g, v, "type"));
    }
    int rc = keep_vertices(g, keep);
    kg_free(keep);
    return rc;
}

/* Does the node's label or one of its aliases equal name (case-insensitive)? */
static int node_named(const kg_graph *g, size_t v, const char *name)
{
    if (strcasecmp(kg_graph_node_str(g, v, "label"), name) == 0) {
        return 1;
    }
    const char *aliases = kg_graph_node_str(g, v, "aliases");
    size_t n = strlen(name);
    for (const char *p = aliases; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && strncasecmp(p, name, n) == 0) {
            return 1;
        }
        p = bar ? bar + 1 : p + k;
    }
    return 0;
}

static int filter_focus(kg_graph *g, const char *focus, unsigned hops)
{
    int rc = KG_OK;
    size_t n = kg_graph_node_count(g);
    igraph_vector_int_t seeds;
    igraph_vector_int_list_t hoods;
    int have_seeds = 0, have_hoods = 0;
    char *keep = kg_calloc(n ? n : 1, 1);
    if (!keep) {
        return KG_ENOMEM;
    }
    if (igraph_vector_int_init(&seeds, 0)) {
        rc = KG_ELIB;
        goto done;
    }
    have_seeds = 1;
    for (size_t v = 0; v < n; v++) {
        if (node_named(g, v, focus) && igraph_vector_int_push_back(&seeds, (igraph_integer_t)v)) {
            rc = KG_ELIB;
            goto done;
        }
    }
    if (igraph_vector_int_size(&seeds) == 0) {
        rc = kg_error_set(KG_EINVAL, "no entity named '%s' in the graph", focus);
        goto done;
    }
    if (igraph_vector_int_list_init(&hoods, 0)) {
        rc = KG_ELIB;
        goto done;
    }
    have_hoods = 1;
    if (igraph_neighborhood(&g->ig, &hoods, igraph_vss_vector(&seeds), (igraph_integer_t)hops,
                            IGRAPH_ALL, 0)) {
        rc = KG_ELIB;
        goto done;
    }
    for (igraph_integer_t i = 0; i < igraph_vector_int_list_size(&hoods); i++) {
        const igraph_vector_int_t *h = igraph_vector_int_list_get_ptr(&hoods, i);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(h); k++) {
            keep[VECTOR(*h)[k]] = 1;
        }
    }
    rc = keep_vertices(g, keep);
done:
    if (have_hoods) {
        igraph_vector_int_list_destroy(&hoods);
    }
    if (have_seeds) {
        igraph_vector_int_destroy(&seeds);
    }
    kg_free(keep);
    return rc;
}

typedef struct ranked {
    double score;
    const char *label;
    size_t node;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    int c = strcmp(x->label, y->label);
    return c ? c : (x->node < y->node ? -1 : 1);
}

static int filter_top(kg_graph *g, size_t top)
{
    size_t n = kg_graph_node_count(g);
    if (top >= n) {
        return KG_OK;
    }
    kg_analysis_options ao = {g->seed};
    int rc = g->analysed ? KG_OK : kg_graph_analyse(g, &ao);
    if (rc) {
        return rc;
    }
    ranked *r = kg_malloc((n ? n : 1) * sizeof *r);
    char *keep = kg_calloc(n ? n : 1, 1);
    if (!r || !keep) {
        kg_free(r);
        kg_free(keep);
        return KG_ENOMEM;
    }
    for (size_t v = 0; v < n; v++) {
        r[v].score = kg_graph_node_num(g, v, "pagerank");
        r[v].label = kg_graph_node_str(g, v, "label");
        r[v].node = v;
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < top; i++) {
        keep[r[i].node] = 1;
    }
    rc = keep_vertices(g, keep);
    kg_free(r);
    kg_free(keep);
    return rc;
}

static int filter_isolates(kg_graph *g)
{
    size_t n = kg_graph_node_count(g);
    igraph_vector_int_t degree;
    if (igraph_vector_int_init(&degree, (igraph_integer_t)n)) {
        return KG_ELIB;
    }
    char *keep = kg_calloc(n ? n : 1, 1);
    int rc = keep ? KG_OK : KG_ENOMEM;
    if (rc == KG_OK && igraph_degree(&g->ig, &degree, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS)) {
        rc = KG_ELIB;
    }
    for (size_t v = 0; v < n && rc == KG_OK; v++) {
        keep[v] = VECTOR(degree)[v] > 0;
    }
    if (rc == KG_OK) {
        rc = keep_vertices(g, keep);
    }
    kg_free(keep);
    igraph_vector_int_destroy(&degree);
    return rc;
}

int kg_graph_filter(kg_graph *g, const kg_filter_options *o)
{
    if (!g->finished) {
        return kg_error_set(KG_EINVAL, "graph not finished");
    }
    int rc = filter_edges(g, o);
    if (rc == KG_OK && o->types && *o->types) {
        rc = filter_types(g, o->types);
    }
    if (rc == KG_OK && o->focus && *o->focus) {
        rc = filter_focus(g, o->focus, o->hops);
    }
    if (rc == KG_OK && o->top > 0) {
        rc = filter_top(g, o->top);
    }
    if (rc == KG_OK && o->drop_isolates) {
        rc = filter_isolates(g);
    }
    kg_analysis_options ao = {g->seed};
    if (rc == KG_OK && !g->analysed) {
        rc = kg_graph_analyse(g, &ao);
    }
    return rc;
}
