/* kg_triples.h - subject-relation-object triples with provenance, the
 * extractor that finds them in a segmented document, and their TSV form.
 *
 * Every triple says where it came from: document id, sentence index, byte
 * offsets (into the original input) of the sentence and of each argument,
 * and the sentence text, so a graph edge can always be traced back. */
#ifndef KG_TRIPLES_H
#define KG_TRIPLES_H

#include "kg_document.h"

#include <stdio.h>

/* One argument (subject or object) of a triple. */
typedef struct kg_arg {
    const char *text;     /* the argument as written in the sentence */
    const char *name;     /* the entity it names (node name in the graph) */
    uint8_t type;         /* KG_ENT_* of that entity, or KG_ENT_NONE */
    uint32_t start, end;  /* byte range in the original input */
} kg_arg;

enum {
    KG_TRIPLE_NEGATED = 1 << 0, /* "did not release" */
};

typedef struct kg_triple {
    kg_arg subject;
    kg_arg object;
    const char *relation;         /* normalised: lemma (+ particle/preposition) */
    const char *relation_surface; /* as written */
    double confidence;            /* 0..1 */
    uint32_t flags;               /* KG_TRIPLE_* */
    const char *modality;         /* "may", "could", ... or NULL */
    const char *time;             /* "in December 2024" or NULL */
    const char *place;            /* "in Kabul" or NULL */
    const char *attribution;      /* "officials said" or NULL */
    /* provenance */
    const char *doc;              /* document id */
    uint32_t sentence;            /* sentence index in the document, from 0 */
    uint32_t start, end;          /* byte range of the sentence in the original input */
    const char *sentence_text;
} kg_triple;

/* A growable list of triples that owns all their strings. */
typedef struct kg_triple_list {
    kg_triple *items;
    size_t count;
    size_t cap;
    kg_arena *arena;
} kg_triple_list;

/* Ownership: the caller frees with kg_triple_list_free. */
int kg_triple_list_new(kg_triple_list **out);
void kg_triple_list_free(kg_triple_list *l);
/* Appends a copy of t (every string is copied into the list's arena; NULL
 * strings stay NULL). */
int kg_triple_list_add(kg_triple_list *l, const kg_triple *t);

typedef struct kg_extract_options {
    double min_confidence; /* triples below this are dropped */
} kg_extract_options;

#define KG_EXTRACT_OPTIONS_INIT {0.0}

/* Appends the triples of every sentence of doc (segmented; tagged, parsed and
 * entity-annotated when those stages ran) to out. opts may be NULL. */
int kg_extract_triples(kg_triple_list *out, const kg_document *doc, const kg_extract_options *opts);

/* Writes triples as TSV, one per line, with a header line when header is set.
 * Columns: doc, sentence, start, end, subject, subject_type, relation, object,
 * object_type, confidence, relation_surface, sentence_text. TAB, newline and
 * backslash inside fields are written as \t, \n and \\. */
int kg_triples_write_tsv(FILE *f, const kg_triple_list *l, int header);

#endif /* KG_TRIPLES_H */
