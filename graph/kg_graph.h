/* kg_graph.h - the entity network: nodes are entities, edges are aggregated
 * relations between them, stored in an igraph graph with igraph's C attribute
 * handler. igraph stays behind this opaque type; exporters and analysis read
 * the graph through these accessors.
 *
 * A graph is built in two phases: add triples (nodes and edges accumulate,
 * aggregated per (subject, relation, object)), then kg_graph_finish, which
 * creates the igraph graph with every attribute. Accessors need a finished
 * graph; adding to a finished graph is an error. */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include "kg_triples.h"

#include <stddef.h>

typedef struct kg_graph kg_graph;

/* Ownership: the caller frees with kg_graph_free. */
int kg_graph_new(kg_graph **out);
void kg_graph_free(kg_graph *g);

/* Adds one triple: its subject and object become nodes (by entity name), the
 * triple an edge or another piece of evidence for an existing edge. */
int kg_graph_add_triple(kg_graph *g, const kg_triple *t);
int kg_graph_add_triples(kg_graph *g, const kg_triple_list *l);

/* Builds the igraph graph and its attributes. Idempotent. */
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

/* The attributes nodes or edges carry, in a fixed order: for nodes label,
 * type, aliases, roles, mentions, documents; for edges relation, label,
 * weight, confidence, evidence, documents (the names of DESIGN.md's GraphML
 * table). Ownership: names are borrowed, valid while g lives. */
size_t kg_graph_attr_count(const kg_graph *g, kg_attr_scope scope);
const char *kg_graph_attr_name(const kg_graph *g, kg_attr_scope scope, size_t i,
                               kg_attr_type *type);

/* String value of a node or edge attribute ("" when unset). Ownership: borrowed,
 * valid while g lives. */
const char *kg_graph_node_str(const kg_graph *g, size_t node, const char *name);
const char *kg_graph_edge_str(const kg_graph *g, size_t edge, const char *name);
/* Numeric value of a node or edge attribute (0 when unset). */
double kg_graph_node_num(const kg_graph *g, size_t node, const char *name);
double kg_graph_edge_num(const kg_graph *g, size_t edge, const char *name);

/* The endpoints of an edge (subject node, object node). */
void kg_graph_edge_ends(const kg_graph *g, size_t edge, size_t *from, size_t *to);

#endif /* KG_GRAPH_H */
