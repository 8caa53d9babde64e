/* ner_internal.h - what recognition (ner.c) and training (ner_train.c)
 * share: the BILOU label set, the feature extractor, the word lexicon and the
 * constrained Viterbi decoder. Not installed. */
#ifndef KG_NER_INTERNAL_H
#define KG_NER_INTERNAL_H

#include "gazetteer_internal.h"
#include "kg_ner.h"

#include <stdint.h>

/* -------------------------------------------------------- model file */

#define NER_MODEL_KIND "NER1"
#define NER_MODEL_VERSION 1u
/* Bumped whenever feature extraction changes meaning. */
#define NER_FEATURES_VERSION 2u

/* ------------------------------------------------------------- labels */

/* Label 0 is O; type t (KG_ENT_*, 1..9) position p (B, I, L, U) is
 * 1 + (t - 1) * 4 + p. */
#define NER_TYPES (KG_ENT_COUNT - 1)
#define NER_LABELS (1 + NER_TYPES * 4)
enum { NER_B = 0, NER_I = 1, NER_L = 2, NER_U = 3 };

static inline int ner_label(int type, int pos) { return 1 + (type - 1) * 4 + pos; }
static inline int ner_label_type(int label) { return label ? 1 + (label - 1) / 4 : 0; }
static inline int ner_label_pos(int label) { return (label - 1) % 4; }
/* Whether label b may follow label a (BILOU well-formedness). */
static inline int ner_can_follow(int a, int b)
{
    int open = a && (ner_label_pos(a) == NER_B || ner_label_pos(a) == NER_I);
    int cont = b && (ner_label_pos(b) == NER_I || ner_label_pos(b) == NER_L);
    if (open)
        return cont && ner_label_type(a) == ner_label_type(b);
    return !cont;
}
static inline int ner_can_start(int b)
{
    return !b || ner_label_pos(b) == NER_B || ner_label_pos(b) == NER_U;
}
static inline int ner_can_end(int a)
{
    return !a || ner_label_pos(a) == NER_L || ner_label_pos(a) == NER_U;
}

/* Mask of every label of the types in a KG_ENT bit mask (bit t = type t). */
uint64_t ner_type_labels(unsigned type_mask);
/* Label mask for a token at position pos of a span with the given type mask. */
uint64_t ner_span_labels(unsigned type_mask, int pos);

/* ------------------------------------------------------------ hashing */

static inline uint64_t ner_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}
static inline uint64_t ner_fhash(uint32_t tmpl, uint64_t v)
{
    return ner_mix(v + 0x9E3779B97F4A7C15ull * (tmpl + 1));
}

/* A read-only open-addressing table from 64-bit hashes: a slot holds the
 * hash's top 32 bits (never 0; 0 = empty) and starts probing at its low bits. */
static inline uint32_t ner_fp(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }
/* Slot of h in a table of mask+1 slots, or -1 if absent. */
static inline int64_t ner_table_find(const uint32_t *fp, uint32_t mask, uint64_t h)
{
    uint32_t f = ner_fp(h);
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        if (fp[i] == f)
            return i;
        if (fp[i] == 0)
            return -1;
    }
}

/* ------------------------------------------------------------ lexicon */

/* Per lower-cased word, what the treebanks say about it: how often it is a
 * proper noun (NNP/NNPS) and how often it is capitalised when not first in
 * its sentence, each as a bucket 1..7 (0 = unknown or rare), a frequency
 * bucket, and its distributional word cluster (exchange clustering over the
 * training text). */
typedef struct ner_lexicon {
    const uint32_t *fp;
    const uint16_t *val;
    uint32_t mask; /* slots - 1; no table when fp is NULL */
} ner_lexicon;

#define NER_LEX_NNP(v) ((v)&7u)
#define NER_LEX_CAP(v) (((v) >> 3) & 7u)
#define NER_LEX_FREQ(v) (((v) >> 6) & 3u)
#define NER_LEX_CLUSTER(v) (((v) >> 8) & 0xFFu) /* word cluster + 1, 0 = none */

static inline uint16_t ner_lexicon_get(const ner_lexicon *x, uint64_t h)
{
    if (!x->fp)
        return 0;
    int64_t s = ner_table_find(x->fp, x->mask, h);
    return s < 0 ? 0 : x->val[s];
}

/* ----------------------------------------------------------- features */

/* Most features one token can have: 31 word, context and shape features,
 * at most 2 * NER_MAX_GAZ_BITS for the gazetteer matches covering it,
 * 2 * KG_GAZ_KIND_COUNT for those of its neighbours, 15 more. */
#define NER_MAX_GAZ_BITS 16
#define NER_MAX_FEATS 128

/* Per-token facts computed once per sentence. */
typedef struct ner_tok {
    uint64_t form, lower, shape, sshape;
    uint64_t pre[4], suf[4]; /* 0 when the word is too short */
    uint64_t gaz;            /* bit kind * 4 + pos: a listed name covers the token */
    uint32_t flags;          /* NER_F_* */
    uint16_t lex;
    uint8_t title; /* 1 + kind of a title ending just before the token, 0 if none */
    uint8_t len;
} ner_tok;

enum {
    NER_F_INITCAP = 1 << 0,
    NER_F_ALLCAPS = 1 << 1,
    NER_F_LOWER = 1 << 2,
    NER_F_DIGIT = 1 << 3,
    NER_F_ALLDIGIT = 1 << 4,
    NER_F_HYPHEN = 1 << 5,
    NER_F_PERIOD = 1 << 6,
    NER_F_PUNCT = 1 << 7,
    NER_F_FIRST = 1 << 8,
    NER_F_MIXED = 1 << 9,
    NER_F_APOS = 1 << 10,
};

/* Working memory for one sentence of up to cap tokens; allocated once per
 * document (recognition) or once (training) and reused. */
typedef struct ner_scratch {
    size_t cap;
    kg_gaz_tok *gt;
    ner_tok *tk;
    uint64_t *fh;   /* feature hashes, cap * NER_MAX_FEATS */
    uint8_t *ft;    /* the template of each feature */
    uint32_t *foff; /* token i's features are fh[foff[i] .. foff[i+1]) */
    float *em;      /* emission scores, cap * NER_LABELS */
    float *alpha, *beta;
    uint8_t *back; /* cap * NER_LABELS */
    uint8_t *path; /* cap */
} ner_scratch;

int ner_scratch_reserve(ner_scratch *s, size_t n);
void ner_scratch_free(ner_scratch *s);

/* The feature extractor: the gazetteer and the word lexicon. */
typedef struct ner_extractor {
    const kg_gazetteer *gaz;
    ner_lexicon lex;
} ner_extractor;

/* Computes the features of tokens[0..n) (one sentence) into s->fh/s->foff.
 * s must have room for n tokens. Each token's form is read as given. */
void ner_extract(const ner_extractor *x, const kg_token *tokens, size_t n, ner_scratch *s);

/* Whether a feature template describes the word itself (its identity,
 * lexicon entry or cluster): training drops these at random so that the
 * model learns to do without them for unknown words. */
static inline int ner_template_is_lexical(unsigned tmpl)
{
    return tmpl == 1 || tmpl == 2 || tmpl == 19 || tmpl == 20 || tmpl == 30 || tmpl == 31 ||
           tmpl == 35 || tmpl == 36 || tmpl == 37 || tmpl == 38;
}

/* Hash of a byte string (the word hash used by features and the lexicon). */
uint64_t ner_word_hash(const char *s, size_t n);
/* Writes the lower-cased form of s (ASCII and Latin-1 letters) to out
 * (cap bytes, NUL-terminated); returns its length. */
size_t ner_lower(char *out, size_t cap, const char *s, size_t n);

/* ------------------------------------------------------------ corpora */

/* A treebank as weakly labelled text: no mentions; each token may carry the
 * types its Penn tag allows (NNP and joining words: any; JJ: NORP; CD: a few;
 * other tags: none, so the token is O). */
int ner_corpus_read_tagged(kg_ner_corpus **out, const char *path);

/* ------------------------------------------------------------ decoding */

/* Transition scores: trans[a * NER_LABELS + b] for a -> b, start[b], end[a]. */
typedef struct ner_trans {
    float trans[NER_LABELS * NER_LABELS];
    float start[NER_LABELS];
    float end[NER_LABELS];
} ner_trans;

/* Best well-formed label sequence for n tokens given emission scores em
 * (n * NER_LABELS) and transitions; allowed (may be NULL) restricts token i
 * to the labels in allowed[i] (bit per label). Writes path[0..n); returns the
 * path's score. Uses s->alpha/s->back. */
float ner_viterbi(const ner_trans *t, const float *em, size_t n, const uint64_t *allowed,
                  ner_scratch *s, uint8_t *path);

/* Max-marginal margins: after ner_viterbi, fills s->beta and returns in
 * margin[i] how much better the best path is than the best path with a
 * different label at token i. */
void ner_margins(const ner_trans *t, const float *em, size_t n, ner_scratch *s, const uint8_t *path,
                 float *margin);

#endif /* KG_NER_INTERNAL_H */
