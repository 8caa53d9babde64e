/* kg_document.h - the document every extraction stage reads and annotates: the
 * text (normalised, with a map back to byte offsets in the original input),
 * sentences and tokens, and the tag sets tokens carry (Universal Dependencies
 * UPOS and relations, Penn Treebank XPOS).
 *
 * Data flows forward: ingest fills text and offsets, segmentation fills
 * sentences and tokens, the tagger and parser fill the tags, lemmas and heads.
 */
#ifndef KG_DOCUMENT_H
#define KG_DOCUMENT_H

#include "kg_common.h"

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------- tag sets */

/* Universal POS tags (UD v2). KG_UPOS_NONE means "not tagged". */
#define KG_UPOS_LIST(M)                                                                            \
    M(ADJ) M(ADP) M(ADV) M(AUX) M(CCONJ) M(DET) M(INTJ) M(NOUN) M(NUM) M(PART) M(PRON) M(PROPN)    \
        M(PUNCT) M(SCONJ) M(SYM) M(VERB) M(X)

enum {
    KG_UPOS_NONE = 0,
#define KG_UPOS_ENUM(n) KG_UPOS_##n,
    KG_UPOS_LIST(KG_UPOS_ENUM)
#undef KG_UPOS_ENUM
        KG_UPOS_COUNT
};

/* Penn Treebank tags as used in the English UD treebanks. */
#define KG_XPOS_LIST(M)                                                                            \
    M(CC, "CC") M(CD, "CD") M(DT, "DT") M(EX, "EX") M(FW, "FW") M(IN, "IN") M(JJ, "JJ")            \
    M(JJR, "JJR") M(JJS, "JJS") M(LS, "LS") M(MD, "MD") M(NN, "NN") M(NNS, "NNS") M(NNP, "NNP")    \
    M(NNPS, "NNPS") M(PDT, "PDT") M(POS, "POS") M(PRP, "PRP") M(PRPS, "PRP$") M(RB, "RB")          \
    M(RBR, "RBR") M(RBS, "RBS") M(RP, "RP") M(SYM, "SYM") M(TO, "TO") M(UH, "UH") M(VB, "VB")      \
    M(VBD, "VBD") M(VBG, "VBG") M(VBN, "VBN") M(VBP, "VBP") M(VBZ, "VBZ") M(WDT, "WDT")            \
    M(WP, "WP") M(WPS, "WP$") M(WRB, "WRB") M(PERIOD, ".") M(COMMA, ",") M(COLON, ":")             \
    M(LRB, "-LRB-") M(RRB, "-RRB-") M(OQUOTE, "``") M(CQUOTE, "''") M(HYPH, "HYPH")              \
    M(NFP, "NFP") M(DOLLAR, "$") M(ADD, "ADD") M(GW, "GW") M(AFX, "AFX") M(XX, "XX")

enum {
    KG_XPOS_NONE = 0,
#define KG_XPOS_ENUM(n, s) KG_XPOS_##n,
    KG_XPOS_LIST(KG_XPOS_ENUM)
#undef KG_XPOS_ENUM
        KG_XPOS_COUNT
};

/* Universal Dependencies relations with the English subtypes found in EWT and GUM. */
#define KG_DEP_LIST(M)                                                                             \
    M(ACL, "acl") M(ACL_RELCL, "acl:relcl") M(ADVCL, "advcl") M(ADVCL_RELCL, "advcl:relcl")        \
    M(ADVMOD, "advmod") M(AMOD, "amod") M(APPOS, "appos") M(AUX, "aux") M(AUX_PASS, "aux:pass")    \
    M(CASE, "case") M(CC, "cc") M(CC_PRECONJ, "cc:preconj") M(CCOMP, "ccomp")                      \
    M(CLF, "clf") M(COMPOUND, "compound") M(COMPOUND_PRT, "compound:prt") M(CONJ, "conj")          \
    M(COP, "cop") M(CSUBJ, "csubj") M(CSUBJ_OUTER, "csubj:outer") M(CSUBJ_PASS, "csubj:pass")      \
    M(DEP, "dep") M(DET, "det") M(DET_PREDET, "det:predet") M(DISCOURSE, "discourse")              \
    M(DISLOCATED, "dislocated") M(EXPL, "expl") M(FIXED, "fixed") M(FLAT, "flat")                  \
    M(GOESWITH, "goeswith") M(IOBJ, "iobj") M(LIST, "list") M(MARK, "mark") M(NMOD, "nmod")        \
    M(NMOD_DESC, "nmod:desc") M(NMOD_POSS, "nmod:poss") M(NMOD_UNMARKED, "nmod:unmarked")          \
    M(NSUBJ, "nsubj") M(NSUBJ_OUTER, "nsubj:outer") M(NSUBJ_PASS, "nsubj:pass")                    \
    M(NUMMOD, "nummod") M(OBJ, "obj") M(OBL, "obl") M(OBL_AGENT, "obl:agent")                      \
    M(OBL_UNMARKED, "obl:unmarked") M(ORPHAN, "orphan") M(PARATAXIS, "parataxis")                  \
    M(PUNCT, "punct") M(REPARANDUM, "reparandum") M(ROOT, "root") M(VOCATIVE, "vocative")          \
    M(XCOMP, "xcomp")

enum {
    KG_DEP_NONE = 0,
#define KG_DEP_ENUM(n, s) KG_DEP_##n,
    KG_DEP_LIST(KG_DEP_ENUM)
#undef KG_DEP_ENUM
        KG_DEP_COUNT
};

/* Names of tags ("_" for NONE or out of range). Ownership: static strings. */
const char *kg_upos_name(int upos);
const char *kg_xpos_name(int xpos);
const char *kg_dep_name(int dep);
/* Tag ids for names; NONE (0) if unknown. */
int kg_upos_from_name(const char *s, size_t n);
int kg_xpos_from_name(const char *s, size_t n);
int kg_dep_from_name(const char *s, size_t n);

/* ---------------------------------------------------------------- tokens */

enum {
    KG_TOK_SPACE_AFTER = 1 << 0, /* whitespace follows in the text */
    KG_TOK_LINE_START = 1 << 1,  /* first token on its line */
};

typedef struct kg_token {
    uint32_t start, end; /* byte range in kg_document.text */
    const char *form;    /* normalised surface form, NUL-terminated */
    const char *lemma;   /* NULL until tagged */
    const char *feats;   /* UD FEATS string ("_" if none); NULL until tagged */
    uint8_t upos;        /* KG_UPOS_* */
    uint8_t xpos;        /* KG_XPOS_* */
    uint8_t deprel;      /* KG_DEP_* */
    uint8_t flags;       /* KG_TOK_* */
    int32_t head;        /* index of the head within the sentence, -1 for the root;
                            -2 until parsed */
} kg_token;

enum {
    KG_SENT_HEADING = 1 << 0, /* a heading, byline or other line without final punctuation */
};

typedef struct kg_sentence {
    uint32_t start, end; /* byte range in kg_document.text */
    uint32_t first;      /* index of the first token in kg_document.tokens */
    uint32_t count;      /* number of tokens */
    uint32_t flags;      /* KG_SENT_* */
} kg_sentence;

/* -------------------------------------------------------------- mentions */

/* Entity types (OntoNotes names). */
#define KG_ENT_LIST(M)                                                                             \
    M(PERSON) M(ORG) M(GPE) M(NORP) M(LOC) M(FAC) M(EVENT) M(LAW) M(DATE)

enum {
    KG_ENT_NONE = 0,
#define KG_ENT_ENUM(n) KG_ENT_##n,
    KG_ENT_LIST(KG_ENT_ENUM)
#undef KG_ENT_ENUM
        KG_ENT_COUNT
};

const char *kg_ent_name(int type);
int kg_ent_from_name(const char *s, size_t n);

/* What a mention is: a name found by entity recognition, or (added by
 * coreference) a pronoun or a description standing for a named entity. */
enum {
    KG_MENTION_NAME = 0,    /* "Amir Amiri", "the Taliban" */
    KG_MENTION_PRONOUN = 1, /* "he", "its" */
    KG_MENTION_NOMINAL = 2, /* "the group", "the freed American" */
};

/* A mention of an entity. Titles and honorifics are not part of a name
 * ("President Donald Trump" is a mention of "Donald Trump"). */
typedef struct kg_mention {
    uint32_t sentence;    /* index into kg_document.sentences */
    uint32_t first;       /* first token, index into kg_document.tokens */
    uint32_t count;       /* number of tokens */
    uint32_t start, end;  /* byte range in kg_document.text */
    uint8_t type;         /* KG_ENT_* */
    float confidence;     /* 0..1 */
    int32_t entity;       /* document-level entity (coreference chain); -1 until resolved */
    uint32_t title_first; /* title or honorific just before the mention ("President"), */
    uint32_t title_count; /* tokens in kg_document.tokens; title_count 0 when none */
    uint8_t kind;         /* KG_MENTION_* */
    const char *roles;    /* roles this mention gives its entity, '|'-separated ("envoy",
                             "interior minister of Taliban"), or NULL; in doc->arena */
} kg_mention;

/* A document-level entity: the mentions of one thing in one document
 * (kg_mention.entity indexes kg_document.entities). */
typedef struct kg_entity {
    const char *name; /* canonical name in this document ("United States" for "U.S."); arena */
    uint8_t type;     /* KG_ENT_* */
} kg_entity;

/* -------------------------------------------------------------- document */

/* From text offset `text` on, text bytes map one to one onto original bytes
 * starting at `orig`, up to the next point. */
typedef struct kg_offset_point {
    uint32_t text;
    uint32_t orig;
} kg_offset_point;

typedef struct kg_document {
    char *id;      /* stable document id (path, URL or "<stdin>") */
    char *text;    /* normalised UTF-8 text the pipeline reads, NUL-terminated */
    size_t len;    /* bytes in text */
    kg_offset_point *offsets; /* sorted by .text; see kg_document_orig_offset */
    size_t n_offsets;
    char *title, *byline, *date, *url; /* metadata, NULL when unknown */

    kg_sentence *sentences;
    size_t n_sentences;
    kg_token *tokens;
    size_t n_tokens;
    kg_mention *mentions; /* sorted by start */
    size_t n_mentions;
    kg_entity *entities;  /* document-level entities (coreference chains) */
    size_t n_entities;

    kg_arena *arena; /* owns token forms, lemmas and other per-document strings */
} kg_document;

/* An empty document with the given id and its arena. Ownership: the caller
 * frees with kg_document_free. */
int kg_document_new(kg_document **out, const char *id);
void kg_document_free(kg_document *doc);

/* Byte offset in the original input for a byte offset in doc->text (the input
 * file for text, the extracted article text for HTML). */
uint32_t kg_document_orig_offset(const kg_document *doc, size_t text_offset);

#endif /* KG_DOCUMENT_H */
