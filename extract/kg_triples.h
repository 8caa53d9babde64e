/* kg_triples.h - what extraction finds in documents, as records that can be
 * written out and read back: triples (subject, relation, object, confidence,
 * provenance) and entity mentions (text, type, the document-level entity they
 * belong to, the roles the text gives it there). A graph built from records
 * read back equals one built from the texts directly.
 *
 * Every record says where it came from: document id, sentence index, byte
 * offsets into the original input and the sentence text, so a graph edge can
 * always be traced back. */
#ifndef KG_TRIPLES_H
#define KG_TRIPLES_H

#include "kg_document.h"

#include <stdio.h>

/* One argument (subject or object) of a triple. */
typedef struct kg_arg {
    const char *text;    /* the argument as written in the sentence */
    const char *name;    /* the entity it names: its document-level canonical name, or
                            NULL when the argument names no entity */
    uint8_t type;        /* KG_ENT_* of that entity, or KG_ENT_NONE */
    uint32_t start, end; /* byte range in the original input */
} kg_arg;

enum {
    KG_TRIPLE_NEGATED = 1 << 0, /* "did not release" */
    /* The sentence names the object first ("Amiri was detained by the Taliban":
     * subject Taliban, object Amiri): Open IE output writes the object as the
     * first argument, as the sentence does. */
    KG_TRIPLE_PASSIVE = 1 << 1,
    /* An entity-level reading of another triple of the same sentence, for the
     * graph ("Qatar; mediate release of; Glezmann" beside "Qatar; mediate;
     * Glezmann's release"): left out of Open IE output. */
    KG_TRIPLE_DERIVED = 1 << 2,
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
    /* Further arguments of the proposition after the object (time, place and other
     * prepositional phrases, as written, in sentence order: "in Kabul", "in
     * December 2024"); Open IE output (CaRB) writes them as arg3, arg4, ...; the
     * graph does not use them. Neither they nor the flags other than
     * KG_TRIPLE_NEGATED are part of the TSV and JSONL records. */
    const char *const *args;
    uint32_t n_args;
    /* provenance */
    const char *doc;              /* document id */
    uint32_t sentence;            /* sentence index in the document, from 0 */
    uint32_t start, end;          /* byte range of the sentence in the original input */
    const char *sentence_text;
} kg_triple;

/* One named mention of an entity. */
typedef struct kg_mention_record {
    const char *doc;           /* document id */
    uint32_t sentence;         /* sentence index, from 0 */
    uint32_t start, end;       /* byte range of the mention in the original input */
    const char *text;          /* as written */
    uint8_t type;              /* KG_ENT_* */
    const char *entity;        /* canonical name of its document-level entity */
    const char *roles;         /* roles this mention gives it, '|'-separated, or NULL */
    const char *sentence_text; /* the sentence it occurs in */
} kg_mention_record;

/* A document and its metadata. */
typedef struct kg_document_record {
    const char *doc;    /* document id */
    const char *title;  /* NULL when unknown */
    const char *byline;
    const char *date;
    const char *url;
} kg_document_record;

/* The records of one or more documents. Owns every string. */
typedef struct kg_extraction {
    kg_document_record *documents;
    size_t n_documents, cap_documents;
    kg_triple *triples;
    size_t n_triples, cap_triples;
    kg_mention_record *mentions;
    size_t n_mentions, cap_mentions;
    kg_arena *arena;
} kg_extraction;

/* Ownership: the caller frees with kg_extraction_free. */
int kg_extraction_new(kg_extraction **out);
void kg_extraction_free(kg_extraction *x);
/* Appends a copy of d, t or m (strings copied into x's arena; NULL stays NULL). */
int kg_extraction_add_document(kg_extraction *x, const kg_document_record *d);
int kg_extraction_add_triple(kg_extraction *x, const kg_triple *t);
int kg_extraction_add_mention(kg_extraction *x, const kg_mention_record *m);

typedef struct kg_extract_options {
    double min_confidence; /* triples below this are dropped */
    int headings;          /* also read sentences flagged KG_SENT_HEADING (lines without
                              final punctuation: titles, headlines, section heads) */
} kg_extract_options;

#define KG_EXTRACT_OPTIONS_INIT {0.0, 0}

/* Appends the records of doc (segmented; tagged, parsed and entity-annotated
 * when those stages ran): a document record with its metadata, its triples,
 * and a mention record for each of doc->mentions. opts may be NULL.
 *
 * Triples come from the dependency trees (clause-based open information
 * extraction, see extract/extract_clause.c): one per proposition the sentence
 * states (verbal and copular predicates, appositions, reported speech, each
 * coordinated subject and object on its own), plus entity-level readings for
 * the graph (KG_TRIPLE_DERIVED). An argument names an entity (kg_arg.name) when
 * its head is in a mention: the mention's document-level entity, or the
 * mention's own text when coreference has not assigned one. Unparsed
 * documents give no triples. Ownership: everything appended is copied into
 * out; doc is only read. */
int kg_extract(kg_extraction *out, const kg_document *doc, const kg_extract_options *opts);

/* ------------------------------------------------------- reading, writing */

typedef enum kg_records_format {
    KG_RECORDS_TSV,
    KG_RECORDS_JSONL,
    /* The CaRB benchmark's system output ("tabbed" format, write only): per
     * triple (KG_TRIPLE_DERIVED ones left out) one line "sentence TAB confidence
     * TAB relation TAB arg1 TAB arg2 [TAB arg3 ...]", with the relation as
     * written, the arguments in the sentence's order (a passive's object first)
     * and the further arguments after them; TABs and newlines inside fields
     * become spaces. Documents and mentions are not written. */
    KG_RECORDS_CARB,
} kg_records_format;

/* The TSV columns, in order (the header line names them). A document row has
 * kind "document", the document id, zeros for sentence, start and end, and
 * the metadata in the last four columns (empty in other rows). A triple row fills
 * the triple columns (subject/object: the argument as written; *_entity: the
 * entity it names, empty when none). A mention row has kind "mention", its
 * sentence and byte range, the mention as subject, its entity and type as
 * subject_entity and subject_type, its roles, and the sentence text. TAB, CR,
 * newline and backslash inside fields are written \t, \r, \n and \\. */
#define KG_RECORDS_TSV_HEADER                                                                      \
    "kind\tdoc\tsentence\tstart\tend\tsubject\tsubject_entity\tsubject_type\trelation\tobject\t" \
    "object_entity\tobject_type\tconfidence\trelation_surface\tnegated\tmodality\ttime\tplace\t"  \
    "attribution\troles\tsentence_text\ttitle\tbyline\tdate\turl"

/* Writes every record of x (documents, triples, then mentions) in format; the TSV
 * header line is written when header is set. Returns KG_EIO if a write fails.
 * Ownership: f and x are borrowed. */
int kg_extraction_write(FILE *f, const kg_extraction *x, kg_records_format format, int header);

/* Writes one TSV field as kg_extraction_write does: TAB, CR, newline and
 * backslash escaped as \t, \r, \n and \\; NULL as an empty field. */
void kg_tsv_put_field(FILE *f, const char *s);

/* Reads records written by kg_extraction_write (TSV with or without its header,
 * or JSONL; the format is recognised from the content) and appends them to x.
 * name is used in error messages, which give the line number. */
int kg_extraction_read(kg_extraction *x, const char *text, size_t len, const char *name);

/* kg_extraction_read on the contents of a file ("-": standard input, named
 * "<stdin>" in errors). Ownership: x is borrowed. */
int kg_extraction_read_file(kg_extraction *x, const char *path);

#endif /* KG_TRIPLES_H */
