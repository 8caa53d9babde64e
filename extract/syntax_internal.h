/* syntax_internal.h - private declarations shared by the statistical syntax
 * files: the averaged perceptron (training form and frozen, quantised form),
 * per-token lexical attributes, and the tagger, lemmatiser and parser models.
 * Nothing here is part of the public API (see kg_syntax.h). */
#ifndef KG_SYNTAX_INTERNAL_H
#define KG_SYNTAX_INTERNAL_H

#include "kg_common.h"
#include "kg_document.h"
#include "kg_syntax.h"

#include <stddef.h>
#include <stdint.h>

/* Model file kinds and versions. */
#define KG_SYN_TAGGER_KIND "STAG"
#define KG_SYN_LEMMA_KIND "SLEM"
#define KG_SYN_PARSER_KIND "SPAR"
#define KG_SYN_VERSION 2u
#define KG_SYN_TAGGER_FILE "syntax-tagger.kgm"
#define KG_SYN_LEMMA_FILE "syntax-lemmas.kgm"
#define KG_SYN_PARSER_FILE "syntax-parser.kgm"

/* ------------------------------------------------------------- hashing */

/* Mixes v into a feature hash (multiply-xorshift; cheap and well spread). */
static inline uint64_t kg_syn_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

/* A feature key from a template id and up to three values; never 0. */
static inline uint64_t kg_syn_feat(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = kg_syn_mix(kg_syn_mix(kg_syn_mix((uint64_t)tmpl * 0x100000001b3ull, a), b), c);
    return h ? h : 1;
}

/* ------------------------------------------------- frozen perceptron */

/* One non-zero weight of a feature: class and 8-bit log-quantised value (an
 * index into the model's table of values). A row starts with a header entry
 * whose cls field holds the row length. */
typedef struct kg_syn_weight {
    uint8_t cls;
    int8_t q;
} kg_syn_weight;

/* A feature's slot in the open-addressing table: the high 32 bits of its key
 * (low bit forced to 1; 0 = empty) and where its row starts. */
typedef struct kg_syn_slot {
    uint32_t check;
    uint32_t start;
} kg_syn_slot;

/* A read-only linear model: feature hash -> sparse row of class weights. The
 * arrays point into a model file mapping (or a training buffer). */
typedef struct kg_syn_model {
    uint32_t n_classes;
    uint32_t cap; /* slots in the table (any size; indexed by multiply-shift) */
    const kg_syn_slot *slots;
    const kg_syn_weight *weights;
    uint32_t n_weights;
    const int32_t *values; /* 256 entries: the weight of q is values[(uint8_t)q] */
} kg_syn_model;

/* Model selection by epoch: when score beats *best, keeps cand in out as the
 * best model so far and raises *best. Returns KG_OK or KG_ENOMEM. */
int kg_syn_keep_best(kg_strbuf *out, const kg_strbuf *cand, double score, double *best);
/* Reads a model written by kg_syn_ptrain_write; validates every row. */
int kg_syn_model_read(kg_syn_model *out, kg_reader *r);
/* Adds the rows of the n features to scores[0..n_classes). */
void kg_syn_model_score(const kg_syn_model *m, const uint64_t *feats, size_t n, int32_t *scores);

/* ----------------------------------------------- training perceptron */

/* Averaged perceptron under training (Collins 2002; averaging by the
 * "w - u/c" trick). Sparse rows grow as classes are updated. */
typedef struct kg_syn_ptrain kg_syn_ptrain;

int kg_syn_ptrain_new(kg_syn_ptrain **out, uint32_t n_classes);
void kg_syn_ptrain_free(kg_syn_ptrain *p);
/* Current (not averaged) scores: scores[0..n_classes) = sum of rows. */
void kg_syn_ptrain_score(const kg_syn_ptrain *p, const uint64_t *feats, size_t n, float *scores);
/* Counts one training decision (the averaging clock). */
void kg_syn_ptrain_tick(kg_syn_ptrain *p);
/* Adds +1 to class truth and -1 to class guess for every feature. */
int kg_syn_ptrain_update(kg_syn_ptrain *p, const uint64_t *feats, size_t n, uint32_t truth,
                         uint32_t guess);
/* Writes the averaged, quantised and pruned model (readable by
 * kg_syn_model_read); averaged weights below prune in magnitude are
 * dropped. The training state is unchanged. */
int kg_syn_ptrain_write(const kg_syn_ptrain *p, kg_strbuf *b, float prune);

/* ------------------------------------------ read-only u64 -> u32 table */

/* Open addressing, power-of-two size, key 0 = empty; used straight from the
 * model file. */
typedef struct kg_syn_table {
    uint64_t mask;
    const uint64_t *keys;
    const uint32_t *vals;
} kg_syn_table;

/* Reads a table written by kg_syn_table_write; values must be < max_val
 * (or equal to any_val). */
int kg_syn_table_read(kg_syn_table *out, kg_reader *r, uint32_t max_val, uint32_t any_val);
/* Finds key; returns 1 and sets *val if present. */
int kg_syn_table_get(const kg_syn_table *t, uint64_t key, uint32_t *val);
/* Writes n (key, value) pairs (distinct non-zero keys) as a table. */
int kg_syn_table_write(kg_strbuf *b, const uint64_t *keys, const uint32_t *vals, size_t n);

/* ------------------------------------------------ token attributes */

/* Lexical attributes of one token, computed once per sentence. */
typedef struct kg_syn_lex {
    uint64_t form;   /* hash of the exact form */
    uint64_t lower;  /* hash of the lower-cased form */
    uint64_t suf[5]; /* hashes of the last 1..5 bytes (lower-cased) */
    uint64_t pre[3]; /* hashes of the first 1..3 bytes (lower-cased) */
    uint64_t shape;  /* hash of the collapsed character shape (Xxxx, dd.dd) */
    uint32_t flags;  /* KG_SYN_F_* */
} kg_syn_lex;

enum {
    KG_SYN_F_UPPER = 1 << 0,  /* first character upper case */
    KG_SYN_F_ALLCAP = 1 << 1, /* all letters upper case (two or more) */
    KG_SYN_F_DIGIT = 1 << 2,
    KG_SYN_F_HYPHEN = 1 << 3,
    KG_SYN_F_ALPHA = 1 << 4, /* contains a letter */
    KG_SYN_F_FIRST = 1 << 5  /* first token of the sentence */
};

void kg_syn_lex_compute(kg_syn_lex *out, const char *form, int first);

/* ------------------------------------------------------------ tagger */

/* Tagger: greedy left-to-right averaged perceptron over joint (UPOS, XPOS)
 * classes, then a second perceptron choosing the FEATS string among those
 * seen with the chosen class. */
typedef struct kg_syn_tagger {
    uint32_t n_tags;
    const uint8_t *tag_upos, *tag_xpos; /* per tag class */
    uint32_t n_feats;
    const uint32_t *feats_off; /* per feats class: offset into strings */
    const char *strings;       /* NUL-terminated strings */
    uint32_t strings_len;
    const uint32_t *cand_off; /* per tag: feats candidates cand[cand_off[t]..cand_off[t+1]) */
    const uint16_t *cand;
    kg_syn_table dict; /* unambiguous frequent words: form hash -> tag */
    kg_syn_table amb;  /* lower-cased form hash -> ambiguity class (1-based) */
    kg_syn_model tags, feats;
    int two_pass;       /* a second, right-context pass follows */
    kg_syn_model tags2; /* its weights */
} kg_syn_tagger;

int kg_syn_tagger_read(kg_syn_tagger *out, const kg_blob *blob);
/* Scratch for one sentence of up to n tokens. */
typedef struct kg_syn_scratch {
    size_t cap;
    kg_syn_lex *lex;
    uint16_t *tag;  /* predicted tag class per token */
    uint32_t *amb;  /* ambiguity class per token (0 = unknown word) */
    uint16_t *tag1; /* first-pass tags (two-pass tagging) */
    int32_t *scores;
    size_t scores_cap;
    /* parser state */
    int32_t *stack, *head, *l1, *l2, *r1, *r2;
    uint8_t *label, *nl, *nr;
    uint64_t *lset, *rset;
    char *buf; /* lemmatiser work buffer */
    size_t buf_cap;
} kg_syn_scratch;

int kg_syn_scratch_reserve(kg_syn_scratch *s, size_t n, size_t n_scores);
void kg_syn_scratch_free(kg_syn_scratch *s);

/* Tags tokens[0..n): sets upos, xpos, feats and sc->tag. lex must be filled. */
void kg_syn_tagger_tag(const kg_syn_tagger *t, kg_syn_scratch *sc, kg_token *tokens, size_t n);

/* Training: trains on the gold tags of train (sentences of doc); evaluates on
 * dev (may be NULL) each epoch and keeps the best epoch. Payload into out. */
typedef struct kg_syn_log {
    void (*fn)(void *ctx, const char *msg);
    void *ctx;
} kg_syn_log;
void kg_syn_logf(const kg_syn_log *log, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

int kg_syn_tagger_train(kg_strbuf *out, const kg_document *train, const kg_document *dev,
                        int epochs, float prune, uint64_t seed, const kg_syn_log *log);

/* Trains the second, right-context pass of a tagger: pass1 is a one-pass
 * tagger payload from kg_syn_tagger_train, first the first pass's tags of
 * every train token as they look on unseen text (jackknifed), in pass1's
 * class numbering. Writes the two-pass payload into out. */
int kg_syn_tagger_train2(kg_strbuf *out, const kg_strbuf *pass1, const kg_document *train,
                         const uint16_t *first, const kg_document *dev, int epochs, float prune,
                         uint64_t seed, const kg_syn_log *log);

/* -------------------------------------------------------- lemmatiser */

/* Lemmatiser: lexicon of (form, XPOS) -> lemma from the training data, then
 * longest-suffix edit scripts learned per XPOS for unknown words. */
typedef struct kg_syn_lemmatizer {
    uint64_t lex_mask;
    const uint64_t *lex_keys;
    const uint32_t *lex_vals; /* offset into strings */
    uint64_t rule_mask;
    const uint64_t *rule_keys;
    const uint32_t *rule_vals; /* strip count << 24 | offset of the appended string */
    const char *strings;
    uint32_t strings_len;
} kg_syn_lemmatizer;

int kg_syn_lemmatizer_read(kg_syn_lemmatizer *out, const kg_blob *blob);
/* Sets tokens[i].lemma for tokens whose upos/xpos are set. Strings the model
 * does not hold are copied into arena. */
int kg_syn_lemmatize(const kg_syn_lemmatizer *l, kg_syn_scratch *sc, kg_token *tokens, size_t n,
                     kg_arena *arena);
/* weight (may be NULL): per token of train, how much its lemma counts in
 * the lexicon (so one treebank's conventions can win over another's). */
int kg_syn_lemmatizer_train(kg_strbuf *out, const kg_document *train, const uint8_t *weight);

/* ------------------------------------------------------------ parser */

/* Parser: greedy arc-eager transition system with a labelled averaged
 * perceptron trained with a dynamic oracle. */
typedef struct kg_syn_parser {
    uint32_t n_tags; /* tag classes the features were trained with */
    kg_syn_model model;
} kg_syn_parser;

int kg_syn_parser_read(kg_syn_parser *out, const kg_blob *blob);
/* Parses tokens[0..n) (tags in sc->tag, lex filled): sets head and deprel. */
void kg_syn_parser_parse(const kg_syn_parser *p, kg_syn_scratch *sc, kg_token *tokens, size_t n);
/* Trains on doc's gold trees using the tag classes in tags (per token of the
 * document: predicted, e.g. jackknifed); dev_tags likewise for dev. */
int kg_syn_parser_train(kg_strbuf *out, const kg_document *train, const uint16_t *tags,
                        const kg_document *dev, const uint16_t *dev_tags, uint32_t n_tags,
                        int epochs, float prune, uint64_t seed, const kg_syn_log *log);

/* Looks up the tag class of (upos, xpos) in a tagger; 0 if unknown. */
uint16_t kg_syn_tagger_class(const kg_syn_tagger *t, int upos, int xpos);

/* Deterministic generator for training shuffles (splitmix64). */
static inline uint64_t kg_syn_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Fisher-Yates shuffle of order[0..n). */
void kg_syn_shuffle(uint32_t *order, size_t n, uint64_t *state);

#endif /* KG_SYNTAX_INTERNAL_H */
