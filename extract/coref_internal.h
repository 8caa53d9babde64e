/* coref_internal.h - the working state that within-document resolution
 * (coref.c), reference resolution (coref_refs.c) and role extraction
 * (roles.c) share while they annotate one document. Not installed. */
#ifndef KG_COREF_INTERNAL_H
#define KG_COREF_INTERNAL_H

#include "kg_coref.h"

#include <stdint.h>

/* ------------------------------------------------------------- lexicon */

/* What a common noun says, by lemma (roles.c). */
enum {
    CR_LEX_PERSON = 1 << 0,  /* denotes a person: "official", "prisoner" (pronoun animacy) */
    CR_LEX_ROLE = 1 << 1,    /* a role a person can be given: "envoy", "prisoner", "mechanic" */
    CR_LEX_ORGROLE = 1 << 2, /* a role an organisation or country can be given: "group",
                                "mediator", "terrorist organization" */
    CR_LEX_OFFICE = 1 << 3,  /* an office held for a country or body: a nationality before it
                                names whose ("Afghan interior minister") */
    CR_LEX_AGENT = 1 << 4,   /* a nationality before it stands for the country: "Qatari
                                mediators", "U.S. officials", "Afghan forces" */
};

/* Flags (CR_LEX_*) of a lower-case lemma, 0 when unlisted. */
unsigned cr_lexicon(const char *lemma, size_t len);

/* ------------------------------------------------------------- state */

/* A mention being worked on: names from recognition, and the pronouns and
 * descriptions resolution adds. m.entity indexes coref.ents (or -1). */
typedef struct cr_ment {
    kg_mention m;
    uint32_t head;      /* head token (document index) */
    const char *canon;  /* canonical name this mention gives (names only) */
    uint8_t gaz_kind;   /* KG_GAZ_* + 1 of the gazetteer entry giving canon, 0 if none */
    uint8_t vote_type;  /* the type this mention votes for its entity */
    uint8_t heading;    /* in a heading or byline */
    uint8_t drop;       /* not kept */
    uint8_t demonym;    /* a nationality standing for its country */
    uint8_t apposition; /* a description in apposition to a name (its roles go there) */
} cr_ment;

/* A document-level entity under construction. */
typedef struct cr_ent {
    const char *name; /* canonical name (arena or gazetteer string) */
    float votes[KG_ENT_COUNT];
    uint8_t type;     /* decided from the votes */
    uint8_t gaz_kind; /* KG_GAZ_* + 1 when the name is a gazetteer entry, else 0 */
    uint8_t gender;   /* 'M', 'F' or 0 */
    uint8_t family;   /* CR_FAM_* */
    uint16_t words;   /* words in name */
    uint32_t named;   /* kept named mentions */
    int32_t out;      /* index in doc->entities after assembly, -1 if none */
} cr_ent;

/* Families of types whose names may be merged. */
enum { CR_FAM_PERSON, CR_FAM_THING, CR_FAM_NORP, CR_FAM_DATE };

/* A role found for a mention (joined per mention at assembly). */
typedef struct cr_role {
    uint32_t ment;
    const char *text; /* arena */
} cr_role;

typedef struct coref {
    const kg_gazetteer *gz;
    kg_coref_options opts;
    kg_document *doc;
    int parsed;        /* tags and heads are present */
    uint32_t *sent_of; /* token -> sentence */
    int32_t *ment_of;  /* token -> kept named mention covering it, or -1 */
    int32_t *child;    /* token -> first dependent (document index), or -1 */
    int32_t *sibling;  /* token -> next dependent of the same head, or -1 */
    uint8_t *heading;  /* per sentence: a heading or byline */
    cr_ment *ms;
    size_t n_ms, cap_ms;
    cr_ent *ents;
    size_t n_ents, cap_ents;
    cr_role *roles;
    size_t n_roles, cap_roles;
    kg_strbuf buf;
} coref;

/* ------------------------------------------------------ token helpers */

/* Head of token t (document index), or -1 for the root or an unparsed token. */
static inline int32_t cr_head(const coref *c, uint32_t t)
{
    const kg_token *k = &c->doc->tokens[t];
    if (k->head < 0)
        return -1;
    return (int32_t)(c->doc->sentences[c->sent_of[t]].first + (uint32_t)k->head);
}

static inline int cr_dep(const coref *c, uint32_t t)
{
    return c->doc->tokens[t].deprel;
}
static inline int cr_upos(const coref *c, uint32_t t)
{
    return c->doc->tokens[t].upos;
}

/* Whether the form of t equals word, ignoring ASCII case. */
int cr_form_is(const coref *c, uint32_t t, const char *word);
/* Lower-cased lemma of t (its form when untagged) into out (cap bytes); returns its length. */
size_t cr_lemma(const coref *c, uint32_t t, char *out, size_t cap);
/* Lexicon flags of t's lemma (0 for tokens that are not common nouns when tagged). */
unsigned cr_noun_flags(const coref *c, uint32_t t);
/* A dependent of t with relation dep, or -1. */
int32_t cr_child_dep(const coref *c, uint32_t t, int dep);
/* Whether a is t or one of t's ancestors (at most 40 steps). */
int cr_dominates(const coref *c, uint32_t a, uint32_t t);
/* Leftmost token of the noun phrase headed by t: its left determiners,
 * modifiers, compounds and possessors (contiguous). */
uint32_t cr_np_left(const coref *c, uint32_t t);
/* Whether noun t is plural (tags or features). */
int cr_plural(const coref *c, uint32_t t);
/* The role noun of an apposition just before mention m, found by the token
 * sequence "[det|possessor] [modifiers] NOUN , NAME ," ("an American
 * prisoner, George Glezmann,"), or -1; *left is the phrase's first token. */
int32_t cr_comma_apposition(const coref *c, const kg_mention *m, uint32_t *left);
/* The country a demonym token or mention stands for ("Qatari" -> "Qatar"), or NULL. */
const char *cr_demonym_country(const coref *c, uint32_t first, uint32_t count);

/* Appends a role for mention mi. */
int cr_add_role(coref *c, uint32_t mi, const char *text, size_t len);
/* Adds a mention (pronoun or description) of tokens [first, last] for entity
 * e, starting after any kept name inside it (mentions never overlap); returns
 * its index, -2 when nothing is left of it, or -1 (no memory). */
int32_t cr_add_mention(coref *c, uint32_t first, uint32_t last, int kind, int32_t e,
                       float confidence);

/* ---------------------------------------------------------- the stages */

/* Appositions, pronouns and definite descriptions (coref_refs.c). */
int cr_resolve_references(coref *c);
/* Roles of the kept mentions from index `from` on (roles.c). */
int cr_find_roles(coref *c, size_t from);
/* Roles that events give: the held of detaining and releasing ("detainee of
 * Taliban"), the agents of mediating and negotiating (roles.c). */
int cr_find_event_roles(coref *c);
/* Whether the entity has a role whose head word is word (roles found so far). */
int cr_entity_has_role(const coref *c, int32_t e, const char *word);

#endif /* KG_COREF_INTERNAL_H */
