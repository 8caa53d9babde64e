/* extract_internal.h - what the clause finder (extract_clause.c) hands the
 * triple builder (extract.c): propositions over one dependency-parsed
 * sentence, each a relation with a subject, an object and further arguments
 * given as token subtrees, with the attributes the text gives it.
 * Private to the extractor. */
#ifndef KG_EXTRACT_INTERNAL_H
#define KG_EXTRACT_INTERNAL_H

#include "kg_document.h"

#include <stdint.h>

/* One parsed sentence with the indexes the clause finder needs. Token
 * numbers here are sentence-relative (0 .. n-1). */
typedef struct xt_sentence {
    const kg_document *doc;
    const kg_token *tok; /* doc->tokens + first */
    uint32_t first;      /* document index of tok[0] */
    uint32_t n;
    uint32_t index;      /* sentence index in the document */
    uint32_t *kid_start; /* children of token i: kids[kid_start[i] .. kid_start[i + 1]) */
    int32_t *kids;       /* in sentence order */
    int32_t *mention;    /* per token: index into doc->mentions, or -1 */
} xt_sentence;

#define XT_MAX_CUT 8
#define XT_MAX_LEAD 3

/* An argument: the subtree of head, without the subtrees of the tokens in
 * cut, with the lead tokens (a preposition stranded away from its noun,
 * "in which") written first. head -1: no argument. */
typedef struct xt_arg {
    int32_t head;
    int32_t cut[XT_MAX_CUT];
    uint8_t n_cut;
    int32_t lead[XT_MAX_LEAD];
    uint8_t n_lead;
    uint8_t drop_case; /* the head's case marker is part of the relation */
} xt_arg;

enum {
    XT_VERB = 0, /* a verbal predicate: "Qatar mediated the release" */
    XT_COPULA,   /* a nominal or adjectival predicate: "Haqqani is the minister" */
    XT_APPOS,    /* an apposition: "Haqqani, the interior minister," (implicit "be") */
    XT_POSS,     /* a possessive: "the Taliban's minister" (implicit "has") */
    XT_SPEECH,   /* a reporting clause: "officials said (that) ..." */
    XT_DERIVED,  /* an entity-level reading of another proposition, for the graph only:
                    "mediate release of", "interior minister of" */
};

/* What a further argument says: nothing in particular, when (a date, a time
 * noun, or only a temporal preposition: "after the talks"), or where. The time
 * of a triple is the most specific of its temporal arguments. */
enum { XT_ROLE_OTHER = 0, XT_ROLE_DATE, XT_ROLE_TIME, XT_ROLE_TIME_WEAK, XT_ROLE_PLACE };

#define XT_MAX_REL 24
#define XT_MAX_PREP 3
#define XT_MAX_EXTRA 4

typedef struct xt_prop {
    uint8_t kind;            /* XT_* */
    const char *implicit;    /* a relation word the sentence does not write ("be",
                                "has"), or NULL */
    int32_t rel[XT_MAX_REL]; /* relation tokens in sentence order (auxiliaries,
                                negation, adverbs, verbs, particles, "to") */
    uint8_t n_rel;
    int32_t prep[XT_MAX_PREP]; /* preposition (or complementiser) of the object, written
                                  after the relation: "with", "according to", "that" */
    uint8_t n_prep;
    int32_t relnoun; /* XT_DERIVED: the noun folded into the relation
                        ("release" in "mediate release of"), or -1 */
    xt_arg subj, obj;
    xt_arg extra[XT_MAX_EXTRA];       /* further arguments, in sentence order */
    uint8_t extra_role[XT_MAX_EXTRA]; /* XT_ROLE_* of each */
    uint8_t n_extra;
    uint8_t agent_first; /* passive with its agent as obj: the graph's subject is
                            obj, the sentence's is subj */
    uint8_t active;      /* the normalised relation is in the active voice (no
                            passive auxiliary): a passive read with its agent */
    uint8_t negated;
    int32_t modal;                /* modal auxiliary ("may"), or -1 */
    int32_t attr_subj, attr_verb; /* attribution: speaker and speech verb, or -1 */
    int32_t attr_according;       /* "according to X": X, or -1 */
    double confidence;
} xt_prop;

/* Receives each proposition; returns 0 or an error code that stops the search. */
typedef int (*xt_emit_fn)(void *ctx, const xt_sentence *s, const xt_prop *p);

/* Finds the propositions of sentence s and hands each to emit.
 * Ownership: nothing is kept; p is valid during the call only. */
int xt_find_propositions(const xt_sentence *s, xt_emit_fn emit, void *ctx);

/* Whether token i (sentence-relative) is covered by a named-entity mention. */
int xt_is_entity(const xt_sentence *s, int32_t i);

/* The mention naming the argument headed by h (h itself, or a proper noun of
 * its flat/compound chain), or -1. */
int32_t xt_arg_mention(const xt_sentence *s, int32_t h);

#endif /* KG_EXTRACT_INTERNAL_H */
