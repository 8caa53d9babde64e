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
#define KG_UPOS_LIST(X)                                                                            \
    X(ADJ) X(ADP) X(ADV) X(AUX) X(CCONJ) X(DET) X(INTJ) X(NOUN) X(NUM) X(PART) X(PRON) X(PROPN)    \
        X(PUNCT) X(SCONJ) X(SYM) X(VERB) X(X)

enum {
    KG_UPOS_NONE = 0,
#define KG_UPOS_ENUM(n) KG_UPOS_##n,
    KG_UPOS_LIST(KG_UPOS_ENUM)
#undef KG_UPOS_ENUM
        KG_UPOS_COUNT
};

/* Penn Treebank tags as used in the English UD treebanks. */
#define KG_XPOS_LIST(X)                                                                            \
    X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX") X(FW, "FW") X(IN, "IN") X(JJ, "JJ")            \
    X(JJR, "JJR") X(JJS, "JJS") X(LS, "LS") X(MD, "MD") X(NN, "NN") X(NNS, "NNS") X(NNP, "NNP")    \
    X(NNPS, "NNPS") X(PDT, "PDT") X(POS, "POS") X(PRP, "PRP") X(PRPS, "PRP$") X(RB, "RB")          \
    X(RBR, "RBR") X(RBS, "RBS") X(RP, "RP") X(SYM, "SYM") X(TO, "TO") X(UH, "UH") X(VB, "VB")      \
    X(VBD, "VBD") X(VBG, "VBG") X(VBN, "VBN") X(VBP, "VBP") X(VBZ, "VBZ") X(WDT, "WDT")            \
    X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB") X(PERIOD, ".") X(COMMA, ",") X(COLON, ":")             \
    X(LRB, "-LRB-") X(RRB, "-RRB-") X(OQUOTE, "``") X(CQUOTE, "''") X(HYPH, "HYPH")              \
    X(NFP, "NFP") X(DOLLAR, "$") X(ADD, "ADD") X(GW, "GW") X(AFX, "AFX") X(XX, "XX")

enum {
    KG_XPOS_NONE = 0,
#define KG_XPOS_ENUM(n, s) KG_XPOS_##n,
    KG_XPOS_LIST(KG_XPOS_ENUM)
#undef KG_XPOS_ENUM
        KG_XPOS_COUNT
};

/* Universal Dependencies relations with the English subtypes found in EWT and GUM. */
#define KG_DEP_LIST(X)                                                                             \
    X(ACL, "acl") X(ACL_RELCL, "acl:relcl") X(ADVCL, "advcl") X(ADVCL_RELCL, "advcl:relcl")        \
    X(ADVMOD, "advmod") X(AMOD, "amod") X(APPOS, "appos") X(AUX, "aux") X(AUX_PASS, "aux:pass")    \
    X(CASE, "case") X(CC, "cc") X(CC_PRECONJ, "cc:preconj") X(CCOMP, "ccomp")                      \
    X(CLF, "clf") X(COMPOUND, "compound") X(COMPOUND_PRT, "compound:prt") X(CONJ, "conj")          \
    X(COP, "cop") X(CSUBJ, "csubj") X(CSUBJ_OUTER, "csubj:outer") X(CSUBJ_PASS, "csubj:pass")      \
    X(DEP, "dep") X(DET, "det") X(DET_PREDET, "det:predet") X(DISCOURSE, "discourse")              \
    X(DISLOCATED, "dislocated") X(EXPL, "expl") X(FIXED, "fixed") X(FLAT, "flat")                  \
    X(GOESWITH, "goeswith") X(IOBJ, "iobj") X(LIST, "list") X(MARK, "mark") X(NMOD, "nmod")        \
    X(NMOD_DESC, "nmod:desc") X(NMOD_POSS, "nmod:poss") X(NMOD_UNMARKED, "nmod:unmarked")          \
    X(NSUBJ, "nsubj") X(NSUBJ_OUTER, "nsubj:outer") X(NSUBJ_PASS, "nsubj:pass")                    \
    X(NUMMOD, "nummod") X(OBJ, "obj") X(OBL, "obl") X(OBL_AGENT, "obl:agent")                      \
    X(OBL_UNMARKED, "obl:unmarked") X(ORPHAN, "orphan") X(PARATAXIS, "parataxis")                  \
    X(PUNCT, "punct") X(REPARANDUM, "reparandum") X(ROOT, "root") X(VOCATIVE, "vocative")          \
    X(XCOMP, "xcomp")

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
#define KG_ENT_LIST(X)                                                                             \
    X(PERSON) X(ORG) X(GPE) X(NORP) X(LOC) X(FAC) X(EVENT) X(LAW) X(DATE)

enum {
    KG_ENT_NONE = 0,
#define KG_ENT_ENUM(n) KG_ENT_##n,
    KG_ENT_LIST(KG_ENT_ENUM)
#undef KG_ENT_ENUM
        KG_ENT_COUNT
};

const char *kg_ent_name(int type);
int kg_ent_from_name(const char *s, size_t n);

/* A named mention found by entity recognition. Titles and honorifics are not
 * part of it ("President Donald Trump" is a mention of "Donald Trump"). */
typedef struct kg_mention {
    uint32_t sentence;    /* index into kg_document.sentences */
    uint32_t first;       /* first token, index into kg_document.tokens */
    uint32_t count;       /* number of tokens */
    uint32_t start, end;  /* byte range in kg_document.text */
    uint8_t type;         /* KG_ENT_* */
    float confidence;     /* 0..1 */
    int32_t entity;       /* document-level entity (coreference chain); -1 until resolved */
} kg_mention;

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
