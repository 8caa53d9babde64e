/* kg_graph.h - the entity network: nodes are entities, edges are aggregated
 * relations between them (and, optionally, co-occurrence in a sentence),
 * stored in an igraph graph with igraph's C attribute handler. igraph stays
 * behind this opaque type; exporters read the graph through these accessors.
 *
 * A graph is built in two phases: add extraction records (from any number of
 * documents, in any order), then kg_graph_finish, which resolves document-level
 * entities into one entity per real-world thing (resolve.c: alias file, name
 * variants, surnames, acronyms, spelling variants with shared context), aggregates edges per
 * (subject, relation, object), sorts everything canonically (so the same
 * records give byte-identical output whatever their order) and creates the
 * igraph graph with every attribute. Accessors need a finished graph. */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include "kg_triples.h"

#include <stddef.h>

typedef struct kg_graph kg_graph;

typedef struct kg_graph_options {
    int cooccurrence; /* also add an edge for every pair of entities named in one sentence */
} kg_graph_options;

#define KG_GRAPH_OPTIONS_INIT                                                                      \
    {                                                                                              \
        0                                                                                          \
    }

/* opts may be NULL. Ownership: the caller frees with kg_graph_free. */
int kg_graph_new(kg_graph **out, const kg_graph_options *opts);
void kg_graph_free(kg_graph *g);

/* Adds the records of x (copied; x may be freed afterwards). Triples whose
 * subject or object names no entity are not part of the graph, nor are dates
 * (they are when things happened: the triples keep them as their time). */
int kg_graph_add_extraction(kg_graph *g, const kg_extraction *x);

/* Reads a GraphML file written by kgraph and adds its nodes and edges with
 * their attributes, so more documents can be added to an existing graph
 * (kgraph build --update). The XML is read without network access or external
 * entities. Errors name the file. */
int kg_graph_add_graphml(kg_graph *g, const char *path);

/* Reads a user alias file: one entity per line, its canonical name first and
 * then its aliases, separated by '|' or TAB ("United States|U.S.|US|America");
 * blank lines and lines starting with '#' are ignored. Names on one line
 * become one entity with that canonical name, and entities on different
 * lines are never merged, whatever the automatic resolution says. Matching
 * ignores case, periods and a leading "the". A name on two lines is an error
 * naming the file and line. Call before kg_graph_finish. */
int kg_graph_load_aliases(kg_graph *g, const char *path);

/* Resolves, aggregates and builds the igraph graph. Idempotent. */
int kg_graph_finish(kg_graph *g);

/* ------------------------------------------------------------- accessors */

typedef enum kg_attr_type {
    KG_ATTR_STRING,
    KG_ATTR_INT,
    KG_ATTR_DOUBLE,
} kg_attr_type;

typedef enum kg_attr_scope {
    KG_SCOPE_NODE,
    KG_SCOPE_EDGE,
} kg_attr_scope;

size_t kg_graph_node_count(const kg_graph *g);
size_t kg_graph_edge_count(const kg_graph *g);

/* The attributes nodes or edges carry, in a fixed order. Nodes: label, type,
 * aliases, roles, mentions, documents (then any analysis attributes); edges:
 * relation, label, layer ("relation" or "cooccurrence"), weight, confidence,
 * evidence, documents. Ownership: names are borrowed, valid while g lives. */
size_t kg_graph_attr_count(const kg_graph *g, kg_attr_scope scope);
const char *kg_graph_attr_name(const kg_graph *g, kg_attr_scope scope, size_t i,
                               kg_attr_type *type);

/* String value of a node or edge attribute ("" when unset). Ownership: borrowed,
 * valid while g lives and is not modified. */
const char *kg_graph_node_str(const kg_graph *g, size_t node, const char *name);
const char *kg_graph_edge_str(const kg_graph *g, size_t edge, const char *name);
/* Numeric value of a node or edge attribute (0 when unset). */
double kg_graph_node_num(const kg_graph *g, size_t node, const char *name);
double kg_graph_edge_num(const kg_graph *g, size_t edge, const char *name);

/* The endpoints of an edge (subject node, object node). */
void kg_graph_edge_ends(const kg_graph *g, size_t edge, size_t *from, size_t *to);

/* The label of the node that document doc's entity called name (its
 * document-level canonical name, as in mention records) was resolved into,
 * or NULL if there is none. Ownership: borrowed, valid while g lives. */
const char *kg_graph_entity_label(const kg_graph *g, const char *doc, const char *name);

/* The documents the graph was built from, sorted by id, with their metadata
 * (NULL fields when unknown). Ownership: strings borrowed, valid while g lives. */
size_t kg_graph_document_count(const kg_graph *g);
void kg_graph_document(const kg_graph *g, size_t i, kg_document_record *out);

/* -------------------------------------------------------------- analysis */

typedef struct kg_analysis_options {
    unsigned long seed; /* for community detection; the same seed gives the same result */
} kg_analysis_options;

#define KG_ANALYSIS_OPTIONS_INIT                                                                   \
    {                                                                                              \
        42                                                                                         \
    }

/* Computes, and stores as node attributes: degree and weighted_degree (in and
 * out, over all layers), pagerank (weighted, damping 0.85) and betweenness
 * (exact up to 5,000 nodes, else over shortest paths of up to 4 hops), both
 * ignoring edge direction,
 * component (index of the weakly connected component, largest first) and
 * community (Leiden on the undirected weighted graph, modularity objective;
 * communities numbered largest first). opts may be NULL. */
int kg_graph_analyse(kg_graph *g, const kg_analysis_options *opts);

/* --------------------------------------------------------------- filters */

typedef struct kg_filter_options {
    size_t top;            /* keep the N nodes of highest PageRank (0: all) */
    double min_weight;     /* drop edges lighter than this (0: none) */
    const char *types;     /* comma-separated entity types to keep (NULL: all) */
    const char *relations; /* comma-separated relations to keep (NULL: all) */
    const char *focus;     /* keep the neighbourhood of this entity, matched through
                              its label or aliases, case-insensitively (NULL: none) */
    unsigned hops;         /* radius of the focus neighbourhood */
    int drop_isolates;     /* drop nodes left without edges */
} kg_filter_options;

#define KG_FILTER_OPTIONS_INIT                                                                     \
    {                                                                                              \
        0, 0.0, NULL, NULL, NULL, 1, 0                                                             \
    }

/* Applies the filters in a fixed order (edges by relation and weight, nodes by
 * type, focus neighbourhood, top N by PageRank, isolates) and replaces g by
 * the result; when anything was removed, the analysis attributes are
 * recomputed on what remains (with the seed of the last analysis). An
 * unknown focus entity or type is an error (KG_EINVAL) naming it. */
int kg_graph_filter(kg_graph *g, const kg_filter_options *opts);

#endif /* KG_GRAPH_H */
