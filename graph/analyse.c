/* analyse.c - network analysis with igraph's algorithms, stored as node
 * attributes: degree and weighted degree, PageRank (PRPACK, weighted, damping
 * 0.85), betweenness (Brandes; on graphs of more than 5,000 nodes counting
 * only shortest paths of up to 4 hops), weakly connected components, and
 * communities by the Leiden algorithm (Traag, Waltman & van Eck 2019)
 * optimising modularity, seeded so results repeat. Centrality ignores edge
 * direction: a relation's direction is grammar (who is the subject), not an
 * endorsement, and an actor of many relations is as central as the place
 * many relations happen in. */
#include "graph_internal.h"

#include <stdlib.h>
#include <string.h>

#define BETWEENNESS_EXACT_MAX 5000
#define BETWEENNESS_CUTOFF 4

/* Renumbers a membership vector so that group 0 is the largest, ties broken by
 * the lowest member index: numbering then depends only on the graph. */
static int renumber_by_size(igraph_vector_int_t *membership, igraph_integer_t groups)
{
    igraph_integer_t n = igraph_vector_int_size(membership);
    igraph_integer_t *size = kg_calloc((size_t)(groups ? groups : 1), sizeof *size);
    igraph_integer_t *first = kg_malloc((size_t)(groups ? groups : 1) * sizeof *first);
    igraph_integer_t *order = kg_malloc((size_t)(groups ? groups : 1) * sizeof *order);
    igraph_integer_t *rank = kg_malloc((size_t)(groups ? groups : 1) * sizeof *rank);
    int rc = KG_OK;
    if (!size || !first || !order || !rank) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (igraph_integer_t g = 0; g < groups; g++) {
        first[g] = n;
        order[g] = g;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t g = VECTOR(*membership)[v];
        size[g]++;
        if (v < first[g]) {
            first[g] = v;
        }
    }
    /* insertion sort: the number of groups is small next to the node count in practice,
       and this keeps the comparison free of global state */
    for (igraph_integer_t i = 1; i < groups; i++) {
        igraph_integer_t x = order[i], j = i;
        while (j > 0 && (size[order[j - 1]] < size[x] ||
                         (size[order[j - 1]] == size[x] && first[order[j - 1]] > first[x]))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (igraph_integer_t i = 0; i < groups; i++) {
        rank[order[i]] = i;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        VECTOR(*membership)[v] = rank[VECTOR(*membership)[v]];
    }
done:
    kg_free(size);
    kg_free(first);
    kg_free(order);
    kg_free(rank);
    return rc;
}

static int set_node_numbers(kg_graph *g, const char *name, kg_attr_type type,
                            const igraph_vector_t *v)
{
    if (igraph_cattribute_VAN_setv(&g->ig, name, v)) {
        return KG_ELIB;
    }
    return kg_graph_declare(g, KG_SCOPE_NODE, name, type);
}

static int set_node_ints(kg_graph *g, const char *name, const igraph_vector_int_t *v)
{
    igraph_vector_t d;
    if (igraph_vector_init(&d, igraph_vector_int_size(v))) {
        return KG_ELIB;
    }
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(v); i++) {
        VECTOR(d)[i] = (igraph_real_t)VECTOR(*v)[i];
    }
    int rc = set_node_numbers(g, name, KG_ATTR_INT, &d);
    igraph_vector_destroy(&d);
    return rc;
}

/* Leiden communities on the undirected, weight-collapsed version of the graph. */
static int communities(kg_graph *g, const igraph_vector_t *weights, unsigned long seed,
                       igraph_vector_int_t *membership)
{
    int rc = KG_OK;
    igraph_t u;
    igraph_vector_int_t ends;
    igraph_vector_t uw, strength;
    int have_u = 0, have_ends = 0, have_uw = 0, have_strength = 0;
    igraph_integer_t n = igraph_vcount(&g->ig), m = igraph_ecount(&g->ig), groups = 0;
    igraph_real_t quality = 0;

    if (igraph_vector_int_init(&ends, 0) || (have_ends = 1, 0) ||
        igraph_get_edgelist(&g->ig, &ends, 0) || igraph_create(&u, &ends, n, IGRAPH_UNDIRECTED) ||
        (have_u = 1, 0) || igraph_vector_init_copy(&uw, weights) || (have_uw = 1, 0) ||
        igraph_vector_init(&strength, n) || (have_strength = 1, 0)) {
        rc = KG_ELIB;
        goto done;
    }
    (void)m;
    if (igraph_strength(&u, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &uw)) {
        rc = KG_ELIB;
        goto done;
    }
    double total = igraph_vector_sum(&uw);
    if (n == 0 || total <= 0) {
        /* no edges: every entity is its own community */
        if (igraph_vector_int_resize(membership, n)) {
            rc = KG_ELIB;
            goto done;
        }
        for (igraph_integer_t v = 0; v < n; v++) {
            VECTOR(*membership)[v] = v;
        }
        rc = renumber_by_size(membership, n);
        goto done;
    }
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
    /* modularity: node weights are strengths, resolution 1 / (2m) */
    /* a bounded number of passes: it normally stabilises in a few, and must never hang */
    if (igraph_community_leiden(&u, &uw, &strength, 1.0 / (2.0 * total), 0.01, 0, 20, membership,
                                &groups, &quality)) {
        rc = KG_ELIB;
        goto done;
    }
    rc = renumber_by_size(membership, groups);
done:
    if (have_strength) {
        igraph_vector_destroy(&strength);
    }
    if (have_uw) {
        igraph_vector_destroy(&uw);
    }
    if (have_u) {
        igraph_destroy(&u);
    }
    if (have_ends) {
        igraph_vector_int_destroy(&ends);
    }
    return rc;
}

int kg_graph_analyse(kg_graph *g, const kg_analysis_options *opts)
{
    static const kg_analysis_options defaults = KG_ANALYSIS_OPTIONS_INIT;
    const kg_analysis_options *o = opts ? opts : &defaults;
    if (!g->finished) {
        return kg_error_set(KG_EINVAL, "graph not finished");
    }
    g->seed = o->seed;
    g->analysed = 0;
    int rc = KG_OK;
    igraph_integer_t n = igraph_vcount(&g->ig), m = igraph_ecount(&g->ig), groups = 0;
    igraph_vector_t weights, result;
    igraph_vector_int_t degree, membership, sizes;
    int have_w = 0, have_r = 0, have_d = 0, have_m = 0, have_s = 0;

    if (igraph_vector_init(&weights, m) || (have_w = 1, 0) || igraph_vector_init(&result, n) ||
        (have_r = 1, 0) || igraph_vector_int_init(&degree, n) || (have_d = 1, 0) ||
        igraph_vector_int_init(&membership, n) || (have_m = 1, 0) ||
        igraph_vector_int_init(&sizes, 0) || (have_s = 1, 0)) {
        rc = KG_ELIB;
        goto done;
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        VECTOR(weights)[e] = igraph_cattribute_EAN(&g->ig, "weight", e);
    }

    if (igraph_degree(&g->ig, &degree, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS) ||
        (rc = set_node_ints(g, "degree", &degree)) ||
        igraph_strength(&g->ig, &result, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &weights) ||
        (rc = set_node_numbers(g, "weighted_degree", KG_ATTR_DOUBLE, &result))) {
        rc = rc ? rc : KG_ELIB;
        goto done;
    }
    if (n > 0) {
        if (igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &result, NULL, igraph_vss_all(),
                            IGRAPH_UNDIRECTED, 0.85, &weights, NULL)) {
            rc = KG_ELIB;
            goto done;
        }
    }
    if ((rc = set_node_numbers(g, "pagerank", KG_ATTR_DOUBLE, &result))) {
        goto done;
    }
    /* exact betweenness costs O(nodes x edges); on large graphs count only paths of
     * up to BETWEENNESS_CUTOFF hops, which ranks the brokers of local structure */
    if ((n <= BETWEENNESS_EXACT_MAX
             ? igraph_betweenness(&g->ig, &result, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL)
             : igraph_betweenness_cutoff(&g->ig, &result, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL,
                                         BETWEENNESS_CUTOFF)) ||
        (rc = set_node_numbers(g, "betweenness", KG_ATTR_DOUBLE, &result))) {
        rc = rc ? rc : KG_ELIB;
        goto done;
    }
    if (igraph_connected_components(&g->ig, &membership, &sizes, &groups, IGRAPH_WEAK) ||
        (rc = renumber_by_size(&membership, groups)) ||
        (rc = set_node_ints(g, "component", &membership))) {
        rc = rc ? rc : KG_ELIB;
        goto done;
    }
    if ((rc = communities(g, &weights, o->seed, &membership)) ||
        (rc = set_node_ints(g, "community", &membership))) {
        goto done;
    }
    g->analysed = 1;
done:
    if (have_s) {
        igraph_vector_int_destroy(&sizes);
    }
    if (have_m) {
        igraph_vector_int_destroy(&membership);
    }
    if (have_d) {
        igraph_vector_int_destroy(&degree);
    }
    if (have_r) {
        igraph_vector_destroy(&result);
    }
    if (have_w) {
        igraph_vector_destroy(&weights);
    }
    return rc;
}
