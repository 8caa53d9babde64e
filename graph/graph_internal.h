/* graph_internal.h - the graph module's shared state: accumulated records
 * before kg_graph_finish, the igraph graph after it, and the attribute schema. */
#ifndef KG_GRAPH_INTERNAL_H
#define KG_GRAPH_INTERNAL_H

#include "kg_graph.h"

#include <igraph.h>

/* A growable array of interned string ids. */
typedef struct idlist {
    uint32_t *ids;
    size_t n, cap;
} idlist;

/* A document-level entity (or a node read back from GraphML, doc = NO_DOC). */
typedef struct dent {
    uint32_t doc;  /* string id of the document */
    uint32_t name; /* string id of its canonical name in that document */
    /* from mention records */
    uint32_t type_votes[KG_ENT_COUNT];
    idlist aliases, roles, documents;
    uint32_t mentions;
    int has_mentions;
    /* from triple arguments: used only when the entity has no mention records
     * (so the result does not depend on which kind of record came first) */
    uint32_t arg_votes[KG_ENT_COUNT];
    idlist arg_aliases;
    uint32_t arg_mentions;
} dent;

/* One piece of evidence: a sentence of a document. */
typedef struct evidence {
    uint32_t doc; /* string id */
    uint32_t sentence;
    uint32_t text; /* string id of the sentence text */
} evidence;

/* An edge before aggregation: a triple, or an edge read back from GraphML. */
typedef struct redge {
    uint32_t from, to; /* dent indices */
    uint32_t relation; /* string id */
    uint32_t layer;    /* 0: relation, 1: cooccurrence */
    double weight;
    double confidence;
    size_t first_evidence, n_evidence; /* range in kg_graph.evidence */
    idlist documents; /* only for edges read back (triples use their evidence docs) */
} redge;

/* Where entities are mentioned, for the co-occurrence layer. */
typedef struct occurrence {
    uint32_t dent;
    uint32_t doc, sentence, text;
} occurrence;

/* A document's metadata: string ids, NO_STRING when unknown. */
typedef struct docmeta {
    uint32_t doc, title, byline, date, url;
} docmeta;

#define NO_STRING UINT32_MAX

typedef struct attr_def {
    const char *name;
    kg_attr_type type;
} attr_def;

#define NO_DOC UINT32_MAX
#define MAX_ATTRS 32

struct kg_graph {
    kg_graph_options opts;
    kg_map *strings;      /* interned strings: value = id = insertion index */
    kg_map *seen;         /* membership of (owner, value) in a set */
    kg_map *dent_index;   /* (doc, name) -> dent; kept after finish */
    uint32_t *dent_label; /* after finish: dent -> its node's label (string id) */
    dent *dents;
    size_t n_dents, cap_dents;
    redge *redges;
    size_t n_redges, cap_redges;
    evidence *evidence;
    size_t n_evidence, cap_evidence;
    occurrence *occurrences;
    size_t n_occurrences, cap_occurrences;
    kg_map *alias_keys;    /* user alias file: name key -> group */
    uint32_t *alias_names; /* group -> canonical name (string id) */
    size_t n_alias_groups, cap_alias_groups;
    kg_map *doc_index; /* document id -> docs (kept after finish, sorted by id) */
    docmeta *docs;
    size_t n_docs, cap_docs;

    igraph_t ig;
    int finished;
    unsigned long seed; /* of the last analysis, reused when filters re-analyse */
    int analysed;       /* the analysis attributes describe the graph as it is */
    attr_def node_attrs[MAX_ATTRS];
    size_t n_node_attrs;
    attr_def edge_attrs[MAX_ATTRS];
    size_t n_edge_attrs;
};

/* Sets up igraph (attribute handler, error handler) once per process. */
void kg_graph_igraph_setup(void);

/* The interned string with this id. */
const char *kg_graph_string(const kg_graph *g, uint32_t id);
/* Interns s[0..n); *id receives its id. */
int kg_graph_intern(kg_graph *g, const char *s, size_t n, uint32_t *id);

/* Adds name to the node or edge schema if it is not there. */
int kg_graph_declare(kg_graph *g, kg_attr_scope scope, const char *name, kg_attr_type type);

/* Finds or creates the dent for (doc, name). */
int kg_graph_dent(kg_graph *g, uint32_t doc, uint32_t name, uint32_t *out);
/* Adds value to a dent's or edge's id set, unless already there (kind tells
 * which set of which owner). */
int kg_graph_set_add(kg_graph *g, idlist *l, char kind, uint32_t owner, uint32_t value);
/* Appends an evidence entry; returns its index in *out. */
int kg_graph_add_evidence(kg_graph *g, uint32_t doc, uint32_t sentence, uint32_t text);
/* Records a document's metadata (fields may be NULL); the first value given
 * for a field stays. */
int kg_graph_add_docmeta(kg_graph *g, const kg_document_record *d);
/* Clusters the dents into real-world entities (resolve.c): cluster[i] is the
 * representative dent of dent i's cluster, and label[r] the string id of the
 * label of the cluster represented by r. */
int kg_graph_resolve(kg_graph *g, uint32_t *cluster, uint32_t *label);
/* Appends a raw edge; *out receives a pointer valid until the next append. */
int kg_graph_add_redge(kg_graph *g, redge **out);

#endif /* KG_GRAPH_INTERNAL_H */
