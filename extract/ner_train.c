/* ner_train.c - training the entity recogniser: the averaged structured
 * perceptron (Collins 2002) over BILOU label sequences with a first-order
 * Viterbi decoder, features as in ner.c (Ratinov & Roth 2009).
 *
 * Partially annotated data is trained as latent structure: where the gold
 * annotation leaves a choice (UNER's LOC may be GPE, LOC or FAC; UNER does
 * not mark dates or nationalities, so its O may hide them), the "gold"
 * sequence is the best-scoring sequence the annotation allows (constrained
 * Viterbi), as in latent-variable perceptron training (Sun et al. 2009).
 *
 * The word lexicon records, per lower-cased word, how often treebanks tag it
 * NNP/NNPS and how often it is capitalised inside a sentence.
 *
 * Everything is deterministic for a fixed seed: the shuffles and the
 * lower-casing augmentation draw from one explicitly seeded splitmix64. */
#define _POSIX_C_SOURCE 200809L
#include "ner_internal.h"

#include "kg_conllu.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ----------------------------------------------------------- utilities */

static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *state)
{
    return (double)(rng_next(state) >> 11) * (1.0 / 9007199254740992.0);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void say(const kg_ner_train_options *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void say(const kg_ner_train_options *o, const char *fmt, ...)
{
    if (!o->progress) {
        return;
    }
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress(o->progress_ctx, line);
}

/* A growable open-addressing table from 64-bit keys to u32 values. */
typedef struct u64map {
    uint64_t *keys; /* 0 = empty (a zero key is stored as 1) */
    uint32_t *vals;
    size_t n, cap;
} u64map;

static void u64map_free(u64map *m)
{
    kg_free(m->keys);
    kg_free(m->vals);
    memset(m, 0, sizeof *m);
}

static int u64map_grow(u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *keys = kg_calloc(cap, sizeof *keys);
    uint32_t *vals = kg_calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        kg_free(keys);
        kg_free(vals);
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) {
            continue;
        }
        size_t j = (size_t)ner_mix(m->keys[i]) & (cap - 1);
        while (keys[j]) {
            j = (j + 1) & (cap - 1);
        }
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    kg_free(m->keys);
    kg_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return KG_OK;
}

/* Returns the value slot for key, inserting it (value 0) if absent. */
static uint32_t *u64map_slot(u64map *m, uint64_t key, int *inserted)
{
    if (!key) {
        key = 1;
    }
    if ((m->n + 1) * 2 > m->cap && u64map_grow(m)) {
        return NULL;
    }
    size_t j = (size_t)ner_mix(key) & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != key) {
        j = (j + 1) & (m->cap - 1);
    }
    if (!m->keys[j]) {
        m->keys[j] = key;
        m->vals[j] = 0;
        m->n++;
        if (inserted) {
            *inserted = 1;
        }
    } else if (inserted) {
        *inserted = 0;
    }
    return &m->vals[j];
}

static int u64map_get(const u64map *m, uint64_t key, uint32_t *val)
{
    if (!m->cap) {
        return 0;
    }
    if (!key) {
        key = 1;
    }
    size_t j = (size_t)ner_mix(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key) {
            *val = m->vals[j];
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

static uint32_t pow2_at_least(size_t n)
{
    uint32_t p = 16;
    while (p < n) {
        p *= 2;
    }
    return p;
}

/* -------------------------------------------------------------- lexicon */

typedef struct lexcount {
    uint32_t total, nnp, inner, inner_cap; /* from tagged text */
    uint32_t text;                         /* occurrences in the clustering text */
} lexcount;

#define NO_WORD UINT32_MAX

typedef struct lexbuild {
    u64map index; /* word hash -> index into counts */
    uint64_t *hashes;
    lexcount *counts;
    size_t n, cap, cap_h;
    uint32_t *stream; /* word indices of the clustering text, NO_WORD between sentences */
    size_t n_stream, cap_stream;
    uint8_t *cluster; /* per word: cluster + 1, 0 for none */
    /* the finished table */
    uint32_t *fp;
    uint16_t *val;
    uint32_t slots;
} lexbuild;

static void lexbuild_free(lexbuild *b)
{
    u64map_free(&b->index);
    kg_free(b->hashes);
    kg_free(b->counts);
    kg_free(b->fp);
    kg_free(b->val);
    kg_free(b->stream);
    kg_free(b->cluster);
    memset(b, 0, sizeof *b);
}

/* Adds the sentences of d (all, or those keep[] marks) to the clustering
 * text and, with tags set, their tags to the word statistics. */
static int lex_add_doc(lexbuild *b, const kg_document *d, const uint8_t *keep, int tags)
{
    char low[128];
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *se = &d->sentences[si];
        if (keep && !keep[si]) {
            continue;
        }
        if (kg_grow((void **)&b->stream, &b->cap_stream, b->n_stream + se->count + 1,
                    sizeof *b->stream)) {
            return KG_ENOMEM;
        }
        for (uint32_t i = 0; i < se->count; i++) {
            const kg_token *t = &d->tokens[se->first + i];
            size_t n = strlen(t->form);
            size_t nl = ner_lower(low, sizeof low, t->form, n);
            uint64_t h = ner_word_hash(low, nl);
            int ins = 0;
            uint32_t *slot = u64map_slot(&b->index, h, &ins);
            if (!slot) {
                return KG_ENOMEM;
            }
            if (ins) {
                if (kg_grow((void **)&b->counts, &b->cap, b->n + 1, sizeof *b->counts) ||
                    kg_grow((void **)&b->hashes, &b->cap_h, b->n + 1, sizeof *b->hashes)) {
                    return KG_ENOMEM;
                }
                memset(&b->counts[b->n], 0, sizeof b->counts[b->n]);
                b->hashes[b->n] = h;
                *slot = (uint32_t)b->n++;
            }
            lexcount *c = &b->counts[*slot];
            c->text++;
            b->stream[b->n_stream++] = *slot;
            if (!tags) {
                continue;
            }
            c->total++;
            if (t->xpos == KG_XPOS_NNP || t->xpos == KG_XPOS_NNPS) {
                c->nnp++;
            }
            if (i > 0 && t->form[0] != '\0') {
                c->inner++;
                if (t->form[0] >= 'A' && t->form[0] <= 'Z') {
                    c->inner_cap++;
                }
            }
        }
        b->stream[b->n_stream++] = NO_WORD;
    }
    return KG_OK;
}

/* ------------------------------------------------------- word clusters */

/* Exchange clustering (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
 * words are moved one at a time to the class that most increases the
 * likelihood of a class bigram model, F = sum N(c,d) log N(c,d)
 * - sum Nl(c) log Nl(c) - sum Nr(d) log Nr(d). Deterministic: words start in
 * class (frequency rank mod K) and are visited in frequency order. */

#define CLUSTERS 128
#define CLUSTER_MIN_COUNT 3
#define CLUSTER_PASSES 8

static double xlogx(double x)
{
    return x > 0 ? x * log(x) : 0.0;
}

typedef struct nbr {
    uint32_t w, n;
} nbr;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Builds CSR neighbour lists from (from << 32 | to) keys, sorted. */
static int build_csr(const uint64_t *keys, size_t n, size_t nv, uint32_t **start, nbr **list,
                     size_t *nlist)
{
    *start = kg_calloc(nv + 1, sizeof **start);
    *list = kg_malloc((n ? n : 1) * sizeof **list);
    if (!*start || !*list) {
        return KG_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && keys[j] == keys[i]) {
            j++;
        }
        uint32_t from = (uint32_t)(keys[i] >> 32);
        (*list)[k].w = (uint32_t)keys[i];
        (*list)[k].n = (uint32_t)(j - i);
        (*start)[from + 1]++;
        k++;
        i = j;
    }
    for (size_t v = 0; v < nv; v++) {
        (*start)[v + 1] += (*start)[v];
    }
    *nlist = k;
    return KG_OK;
}

static int lex_cluster(lexbuild *b)
{
    int rc = KG_OK;
    uint32_t *vid = NULL, *words = NULL, *cls = NULL, *rs = NULL, *ls = NULL;
    uint64_t *keys = NULL;
    nbr *rl = NULL, *ll = NULL;
    double *N = NULL, *Nl = NULL, *Nr = NULL, *Rc = NULL, *Lc = NULL, *wl = NULL, *wr = NULL;
    size_t nv = 0, nkeys = 0, nrl = 0, nll = 0;
    vid = kg_malloc((b->n ? b->n : 1) * sizeof *vid);
    words = kg_malloc((b->n ? b->n : 1) * sizeof *words);
    if (!vid || !words) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < b->n; i++) {
        vid[i] = NO_WORD;
        if (b->counts[i].text >= CLUSTER_MIN_COUNT) {
            words[nv++] = (uint32_t)i;
        }
    }
    if (nv < CLUSTERS * 2) {
        goto done;
    }
    /* frequency order (ties: first seen) */
    for (size_t i = 1; i < nv; i++) {
        uint32_t w = words[i];
        size_t j = i;
        while (j > 0 && b->counts[words[j - 1]].text < b->counts[w].text) {
            words[j] = words[j - 1];
            j--;
        }
        words[j] = w;
    }
    for (size_t v = 0; v < nv; v++) {
        vid[words[v]] = (uint32_t)v;
    }
    /* bigrams of clustered words */
    keys = kg_malloc((b->n_stream ? b->n_stream : 1) * sizeof *keys);
    if (!keys) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t p = 0; p + 1 < b->n_stream; p++) {
        uint32_t x = b->stream[p], y = b->stream[p + 1];
        if (x == NO_WORD || y == NO_WORD || vid[x] == NO_WORD || vid[y] == NO_WORD ||
            vid[x] == vid[y]) {
            continue;
        }
        keys[nkeys++] = (uint64_t)vid[x] << 32 | vid[y];
    }
    qsort(keys, nkeys, sizeof *keys, cmp_u64);
    if ((rc = build_csr(keys, nkeys, nv, &rs, &rl, &nrl))) {
        goto done;
    }
    for (size_t i = 0; i < nkeys; i++) {
        keys[i] = keys[i] << 32 | keys[i] >> 32;
    }
    qsort(keys, nkeys, sizeof *keys, cmp_u64);
    if ((rc = build_csr(keys, nkeys, nv, &ls, &ll, &nll))) {
        goto done;
    }
    cls = kg_malloc(nv * sizeof *cls);
    N = kg_calloc((size_t)CLUSTERS * CLUSTERS, sizeof *N);
    Nl = kg_calloc(CLUSTERS, sizeof *Nl);
    Nr = kg_calloc(CLUSTERS, sizeof *Nr);
    Rc = kg_calloc(CLUSTERS, sizeof *Rc);
    Lc = kg_calloc(CLUSTERS, sizeof *Lc);
    wl = kg_calloc(nv, sizeof *wl);
    wr = kg_calloc(nv, sizeof *wr);
    if (!cls || !N || !Nl || !Nr || !Rc || !Lc || !wl || !wr) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t v = 0; v < nv; v++) {
        cls[v] = (uint32_t)(v % CLUSTERS);
        for (uint32_t k = rs[v]; k < rs[v + 1]; k++) {
            wl[v] += rl[k].n;
        }
        for (uint32_t k = ls[v]; k < ls[v + 1]; k++) {
            wr[v] += ll[k].n;
        }
    }
    for (size_t v = 0; v < nv; v++) {
        for (uint32_t k = rs[v]; k < rs[v + 1]; k++) {
            N[cls[v] * CLUSTERS + cls[rl[k].w]] += rl[k].n;
        }
        Nl[cls[v]] += wl[v];
        Nr[cls[v]] += wr[v];
    }
    uint32_t touchR[CLUSTERS], touchL[CLUSTERS];
    for (int pass = 0; pass < CLUSTER_PASSES; pass++) {
        size_t moved = 0;
        for (size_t v = 0; v < nv; v++) {
            size_t ntr = 0, ntl = 0;
            for (uint32_t k = rs[v]; k < rs[v + 1]; k++) {
                uint32_t c = cls[rl[k].w];
                if (Rc[c] == 0) {
                    touchR[ntr++] = c;
                }
                Rc[c] += rl[k].n;
            }
            for (uint32_t k = ls[v]; k < ls[v + 1]; k++) {
                uint32_t c = cls[ll[k].w];
                if (Lc[c] == 0) {
                    touchL[ntl++] = c;
                }
                Lc[c] += ll[k].n;
            }
            uint32_t a = cls[v];
            for (size_t i = 0; i < ntr; i++) {
                N[a * CLUSTERS + touchR[i]] -= Rc[touchR[i]];
            }
            for (size_t i = 0; i < ntl; i++) {
                N[touchL[i] * CLUSTERS + a] -= Lc[touchL[i]];
            }
            Nl[a] -= wl[v];
            Nr[a] -= wr[v];
            uint32_t best = a;
            double best_gain = -1e300;
            for (uint32_t c = 0; c < CLUSTERS; c++) {
                double g = 0;
                for (size_t i = 0; i < ntr; i++) {
                    uint32_t d = touchR[i];
                    if (d == c) {
                        continue;
                    }
                    double x = N[c * CLUSTERS + d];
                    g += xlogx(x + Rc[d]) - xlogx(x);
                }
                for (size_t i = 0; i < ntl; i++) {
                    uint32_t d = touchL[i];
                    if (d == c) {
                        continue;
                    }
                    double x = N[d * CLUSTERS + c];
                    g += xlogx(x + Lc[d]) - xlogx(x);
                }
                double x = N[c * CLUSTERS + c];
                g += xlogx(x + Rc[c] + Lc[c]) - xlogx(x);
                g -= xlogx(Nl[c] + wl[v]) - xlogx(Nl[c]);
                g -= xlogx(Nr[c] + wr[v]) - xlogx(Nr[c]);
                if (g > best_gain + 1e-9 || (c == a && g >= best_gain - 1e-9)) {
                    best_gain = g;
                    best = c;
                }
            }
            moved += best != a;
            cls[v] = best;
            for (size_t i = 0; i < ntr; i++) {
                N[best * CLUSTERS + touchR[i]] += Rc[touchR[i]];
            }
            for (size_t i = 0; i < ntl; i++) {
                N[touchL[i] * CLUSTERS + best] += Lc[touchL[i]];
            }
            Nl[best] += wl[v];
            Nr[best] += wr[v];
            for (size_t i = 0; i < ntr; i++) {
                Rc[touchR[i]] = 0;
            }
            for (size_t i = 0; i < ntl; i++) {
                Lc[touchL[i]] = 0;
            }
        }
        if (moved == 0) {
            break;
        }
    }
    b->cluster = kg_calloc(b->n ? b->n : 1, 1);
    if (!b->cluster) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t v = 0; v < nv; v++) {
        b->cluster[words[v]] = (uint8_t)(cls[v] + 1);
    }
done:
    kg_free(vid);
    kg_free(words);
    kg_free(cls);
    kg_free(rs);
    kg_free(ls);
    kg_free(keys);
    kg_free(rl);
    kg_free(ll);
    kg_free(N);
    kg_free(Nl);
    kg_free(Nr);
    kg_free(Rc);
    kg_free(Lc);
    kg_free(wl);
    kg_free(wr);
    return rc;
}

static unsigned ratio_bucket(uint32_t k, uint32_t n)
{
    if (n < 2) {
        return 0;
    }
    double r = (double)k / n;
    if (k == 0) {
        return 1;
    }
    if (r < 0.1) {
        return 2;
    }
    if (r < 0.3) {
        return 3;
    }
    if (r < 0.5) {
        return 4;
    }
    if (r < 0.7) {
        return 5;
    }
    if (r < 0.9) {
        return 6;
    }
    return 7;
}

static int lex_finish(lexbuild *b)
{
    int rc = lex_cluster(b);
    if (rc) {
        return rc;
    }
    size_t kept = 0;
    for (size_t i = 0; i < b->n; i++) {
        kept += b->counts[i].total >= 2 || (b->cluster && b->cluster[i]);
    }
    b->slots = pow2_at_least(kept * 2 + 1);
    b->fp = kg_calloc(b->slots, sizeof *b->fp);
    b->val = kg_calloc(b->slots, sizeof *b->val);
    if (!b->fp || !b->val) {
        return KG_ENOMEM;
    }
    uint32_t mask = b->slots - 1;
    for (size_t i = 0; i < b->n; i++) {
        const lexcount *c = &b->counts[i];
        unsigned cl = b->cluster ? b->cluster[i] : 0;
        if (c->total < 2 && !cl) {
            continue;
        }
        unsigned freq = c->total < 2 ? 0 : c->total < 5 ? 1 : c->total < 50 ? 2 : 3;
        uint16_t v = (uint16_t)(ratio_bucket(c->nnp, c->total) |
                                ratio_bucket(c->inner_cap, c->inner) << 3 | freq << 6 | cl << 8);
        uint64_t h = b->hashes[i];
        uint32_t f = ner_fp(h);
        uint32_t j = (uint32_t)h & mask;
        while (b->fp[j] && b->fp[j] != f) {
            j = (j + 1) & mask;
        }
        if (b->fp[j]) {
            continue; /* a fingerprint collision: the first word keeps the slot */
        }
        b->fp[j] = f;
        b->val[j] = v;
    }
    return KG_OK;
}

/* ----------------------------------------------------------- instances */

typedef struct inst {
    const kg_token *toks; /* the sentence's tokens (possibly lower-cased copies) */
    uint32_t n;
    uint32_t tok0;  /* index of its first token in the training token arrays */
    uint8_t latent; /* some token allows more than one label */
} inst;

typedef struct trainer {
    const kg_ner_train_options *o;
    kg_gazetteer *gaz;
    kg_ner_corpus **corpora;
    size_t n_corpora;
    lexbuild lex;
    ner_extractor x;
    kg_arena *arena; /* lower-cased token copies */
    inst *insts;
    size_t n_insts, cap_insts;
    uint64_t *allowed; /* per training token */
    size_t n_toks, cap_allowed;
    uint64_t *fh; /* feature hashes per training token, then ids */
    uint32_t *foff;
    size_t n_fh, cap_fh, cap_foff;
    uint32_t *fid;
    uint8_t *flex; /* per feature occurrence: lexical (droppable) */
    uint8_t *drop; /* per token of the current instance: lexical features dropped */
    size_t n_feats;
    uint64_t *feat_hash; /* per feature id */
    float *w;
    double *u;
    ner_trans tr;
    double *tr_u; /* same layout as tr */
    ner_scratch s;
    uint8_t *gold;
    uint64_t rng;
} trainer;

static int add_instance(trainer *t, const kg_token *toks, uint32_t n, const uint64_t *allowed)
{
    if (kg_grow((void **)&t->insts, &t->cap_insts, t->n_insts + 1, sizeof *t->insts) ||
        kg_grow((void **)&t->allowed, &t->cap_allowed, t->n_toks + n, sizeof *t->allowed)) {
        return KG_ENOMEM;
    }
    inst *in = &t->insts[t->n_insts++];
    in->toks = toks;
    in->n = n;
    in->tok0 = (uint32_t)t->n_toks;
    in->latent = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t a = allowed[i];
        t->allowed[t->n_toks + i] = a;
        in->latent |= (a & (a - 1)) != 0;
    }
    t->n_toks += n;
    return KG_OK;
}

/* Label masks of one corpus sentence from its gold mentions. */
static void sentence_allowed(const kg_ner_corpus *c, size_t si, size_t *mi, uint64_t *allowed)
{
    const kg_document *d = c->doc;
    const kg_sentence *se = &d->sentences[si];
    for (uint32_t i = 0; i < se->count; i++) {
        allowed[i] = 1 | ner_type_labels(c->free_types[se->first + i]);
    }
    while (*mi < d->n_mentions && d->mentions[*mi].sentence < si) {
        (*mi)++;
    }
    for (; *mi < d->n_mentions && d->mentions[*mi].sentence == si; (*mi)++) {
        const kg_mention *m = &d->mentions[*mi];
        unsigned types = c->mention_types[*mi];
        uint32_t a = m->first - se->first;
        if (m->count == 1) {
            allowed[a] = ner_span_labels(types, NER_U);
            continue;
        }
        allowed[a] = ner_span_labels(types, NER_B);
        for (uint32_t k = 1; k + 1 < m->count; k++) {
            allowed[a + k] = ner_span_labels(types, NER_I);
        }
        allowed[a + m->count - 1] = ner_span_labels(types, NER_L);
    }
}

static int lowered_copy(trainer *t, const kg_token *toks, uint32_t n, const kg_token **out)
{
    kg_token *copy = kg_arena_alloc(t->arena, n * sizeof *copy);
    if (!copy) {
        return KG_ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        char low[256];
        size_t len = strlen(toks[i].form);
        size_t nl = ner_lower(low, sizeof low, toks[i].form, len);
        copy[i] = toks[i];
        copy[i].form = kg_arena_strndup(t->arena, low, nl);
        if (!copy[i].form) {
            return KG_ENOMEM;
        }
    }
    *out = copy;
    return KG_OK;
}

enum { CORPUS_GUM, CORPUS_UNER, CORPUS_WEAK };

/* One corpus into instances: UNER's with the fold left out and its weight;
 * GUM's with lower-cased copies. */
static int add_corpus(trainer *t, const kg_ner_corpus *c, int kind)
{
    int is_uner = kind == CORPUS_UNER;
    const kg_ner_train_options *o = t->o;
    const kg_document *d = c->doc;
    uint64_t *allowed = NULL;
    size_t cap = 0, mi = 0;
    int rc = KG_OK;
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *se = &d->sentences[si];
        if (se->count == 0) {
            continue;
        }
        if (is_uner && o->folds > 1 && c->sent_doc[si] % o->folds == o->holdout) {
            continue;
        }
        if ((rc = kg_grow((void **)&allowed, &cap, se->count, sizeof *allowed))) {
            goto done;
        }
        sentence_allowed(c, si, &mi, allowed);
        const kg_token *toks = d->tokens + se->first;
        unsigned times = is_uner && o->uner_weight > 1 ? o->uner_weight : 1;
        for (unsigned k = 0; k < times; k++) {
            if ((rc = add_instance(t, toks, se->count, allowed))) {
                goto done;
            }
        }
        if (kind == CORPUS_GUM && o->lowercase_rate > 0 && rng_unit(&t->rng) < o->lowercase_rate) {
            const kg_token *low;
            if ((rc = lowered_copy(t, toks, se->count, &low)) ||
                (rc = add_instance(t, low, se->count, allowed))) {
                goto done;
            }
        }
    }
done:
    kg_free(allowed);
    return rc;
}

/* ------------------------------------------------------------ features */

/* Extracts every instance's features and keeps those seen min_count times,
 * numbering them in order of first appearance. */
static int build_features(trainer *t)
{
    int rc = KG_OK;
    u64map counts = {0}, ids = {0};
    size_t longest = 0, cap_flex = 0;
    for (size_t k = 0; k < t->n_insts; k++) {
        longest = t->insts[k].n > longest ? t->insts[k].n : longest;
    }
    if ((rc = ner_scratch_reserve(&t->s, longest))) {
        goto done;
    }
    t->foff = kg_malloc((t->n_toks + 1) * sizeof *t->foff);
    if (!t->foff) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < t->n_insts; k++) {
        const inst *in = &t->insts[k];
        ner_extract(&t->x, in->toks, in->n, &t->s);
        size_t nf = t->s.foff[in->n];
        if ((rc = kg_grow((void **)&t->fh, &t->cap_fh, t->n_fh + nf, sizeof *t->fh)) ||
            (rc = kg_grow((void **)&t->flex, &cap_flex, t->n_fh + nf, sizeof *t->flex))) {
            goto done;
        }
        for (size_t j = 0; j < nf; j++) {
            t->flex[t->n_fh + j] = (uint8_t)ner_template_is_lexical(t->s.ft[j]);
        }
        for (uint32_t i = 0; i < in->n; i++) {
            t->foff[in->tok0 + i] = (uint32_t)(t->n_fh + t->s.foff[i]);
        }
        memcpy(t->fh + t->n_fh, t->s.fh, nf * sizeof *t->fh);
        for (size_t j = 0; j < nf; j++) {
            uint32_t *c = u64map_slot(&counts, t->s.fh[j], NULL);
            if (!c) {
                rc = KG_ENOMEM;
                goto done;
            }
            (*c)++;
        }
        t->n_fh += nf;
    }
    t->foff[t->n_toks] = (uint32_t)t->n_fh;
    /* ids, in order of first appearance */
    t->fid = kg_malloc((t->n_fh ? t->n_fh : 1) * sizeof *t->fid);
    if (!t->fid) {
        rc = KG_ENOMEM;
        goto done;
    }
    size_t cap_hash = 0;
    for (size_t j = 0; j < t->n_fh; j++) {
        uint32_t c = 0;
        u64map_get(&counts, t->fh[j], &c);
        if (c < (t->o->min_count ? t->o->min_count : 1)) {
            t->fid[j] = UINT32_MAX;
            continue;
        }
        int ins = 0;
        uint32_t *id = u64map_slot(&ids, t->fh[j], &ins);
        if (!id) {
            rc = KG_ENOMEM;
            goto done;
        }
        if (ins) {
            if ((rc = kg_grow((void **)&t->feat_hash, &cap_hash, t->n_feats + 1,
                              sizeof *t->feat_hash))) {
                goto done;
            }
            t->feat_hash[t->n_feats] = t->fh[j];
            *id = (uint32_t)t->n_feats++;
        }
        t->fid[j] = *id;
    }
    kg_free(t->fh);
    t->fh = NULL;
    t->w = kg_calloc(t->n_feats * NER_LABELS, sizeof *t->w);
    t->u = kg_calloc(t->n_feats * NER_LABELS, sizeof *t->u);
    t->tr_u = kg_calloc(sizeof(ner_trans) / sizeof(float), sizeof *t->tr_u);
    t->gold = kg_malloc(longest ? longest : 1);
    t->drop = kg_calloc(t->s.cap ? t->s.cap : 1, 1);
    if (!t->w || !t->u || !t->tr_u || !t->gold || !t->drop) {
        rc = KG_ENOMEM;
        goto done;
    }
done:
    u64map_free(&counts);
    u64map_free(&ids);
    return rc;
}

/* ------------------------------------------------------------ training */

static void emission(const trainer *t, const inst *in, float *em)
{
    for (uint32_t i = 0; i < in->n; i++) {
        float *e = em + (size_t)i * NER_LABELS;
        memset(e, 0, NER_LABELS * sizeof *e);
        for (uint32_t k = t->foff[in->tok0 + i]; k < t->foff[in->tok0 + i + 1]; k++) {
            uint32_t f = t->fid[k];
            if (f == UINT32_MAX || (t->drop[i] && t->flex[k])) {
                continue;
            }
            const float *w = t->w + (size_t)f * NER_LABELS;
            for (int y = 0; y < NER_LABELS; y++) {
                e[y] += w[y];
            }
        }
    }
}

static void bump(float *w, double *u, size_t i, float delta, double c)
{
    w[i] += delta;
    u[i] += c * delta;
}

static void update(trainer *t, const inst *in, const uint8_t *gold, const uint8_t *pred, double c)
{
    float *tw = (float *)&t->tr;
    size_t start_off = NER_LABELS * NER_LABELS, end_off = start_off + NER_LABELS;
    for (uint32_t i = 0; i < in->n; i++) {
        if (gold[i] != pred[i]) {
            for (uint32_t k = t->foff[in->tok0 + i]; k < t->foff[in->tok0 + i + 1]; k++) {
                uint32_t f = t->fid[k];
                if (f == UINT32_MAX || (t->drop[i] && t->flex[k])) {
                    continue;
                }
                bump(t->w, t->u, (size_t)f * NER_LABELS + gold[i], 1.0f, c);
                bump(t->w, t->u, (size_t)f * NER_LABELS + pred[i], -1.0f, c);
            }
        }
        size_t gi, pi;
        if (i == 0) {
            gi = start_off + gold[0];
            pi = start_off + pred[0];
        } else {
            gi = (size_t)gold[i - 1] * NER_LABELS + gold[i];
            pi = (size_t)pred[i - 1] * NER_LABELS + pred[i];
        }
        if (gi != pi) {
            bump(tw, t->tr_u, gi, 1.0f, c);
            bump(tw, t->tr_u, pi, -1.0f, c);
        }
    }
    size_t ge = end_off + gold[in->n - 1], pe = end_off + pred[in->n - 1];
    if (ge != pe) {
        bump(tw, t->tr_u, ge, 1.0f, c);
        bump(tw, t->tr_u, pe, -1.0f, c);
    }
}

/* Gold labels of an instance: fixed, or the best the annotation allows. */
static void gold_path(trainer *t, const inst *in, uint8_t *gold)
{
    const uint64_t *allowed = t->allowed + in->tok0;
    if (in->latent) {
        ner_viterbi(&t->tr, t->s.em, in->n, allowed, &t->s, gold);
        return;
    }
    for (uint32_t i = 0; i < in->n; i++) {
        uint64_t a = allowed[i];
        int y = 0;
        while (!(a >> y & 1)) {
            y++;
        }
        gold[i] = (uint8_t)y;
    }
}

static int train_loop(trainer *t)
{
    const kg_ner_train_options *o = t->o;
    uint32_t *order = kg_malloc((t->n_insts ? t->n_insts : 1) * sizeof *order);
    if (!order) {
        return KG_ENOMEM;
    }
    for (size_t k = 0; k < t->n_insts; k++) {
        order[k] = (uint32_t)k;
    }
    double c = 1.0;
    for (unsigned ep = 0; ep < o->epochs; ep++) {
        double t0 = now_seconds();
        for (size_t k = t->n_insts; k > 1; k--) { /* Fisher-Yates */
            size_t j = (size_t)(rng_next(&t->rng) % k);
            uint32_t tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        size_t wrong = 0, tok_wrong = 0;
        for (size_t k = 0; k < t->n_insts; k++) {
            const inst *in = &t->insts[order[k]];
            for (uint32_t i = 0; i < in->n; i++) {
                t->drop[i] = o->word_dropout > 0 && rng_unit(&t->rng) < o->word_dropout;
            }
            emission(t, in, t->s.em);
            gold_path(t, in, t->gold);
            ner_viterbi(&t->tr, t->s.em, in->n, NULL, &t->s, t->s.path);
            int diff = 0;
            for (uint32_t i = 0; i < in->n; i++) {
                if (t->s.path[i] != t->gold[i]) {
                    diff = 1;
                    tok_wrong++;
                }
            }
            if (diff) {
                update(t, in, t->gold, t->s.path, c);
                wrong++;
            }
            c += 1.0;
        }
        say(o, "epoch %u: %zu of %zu sentences wrong (%zu tokens), %.1f s", ep + 1, wrong,
            t->n_insts, tok_wrong, now_seconds() - t0);
    }
    /* averaging: w - u / c */
    for (size_t i = 0; i < t->n_feats * NER_LABELS; i++) {
        t->w[i] -= (float)(t->u[i] / c);
    }
    float *tw = (float *)&t->tr;
    for (size_t i = 0; i < sizeof(ner_trans) / sizeof(float); i++) {
        tw[i] -= (float)(t->tr_u[i] / c);
    }
    kg_free(order);
    return KG_OK;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* The margin scale: the median least margin of mentions predicted on the
 * training data maps to confidence 0.9. */
static float calibrate(trainer *t)
{
    float *mins = NULL;
    size_t n = 0, cap = 0;
    float *margin = kg_malloc(t->s.cap * sizeof *margin);
    float scale = 1.0f;
    if (!margin) {
        return scale;
    }
    for (size_t k = 0; k < t->n_insts; k += 3) {
        const inst *in = &t->insts[k];
        emission(t, in, t->s.em);
        ner_viterbi(&t->tr, t->s.em, in->n, NULL, &t->s, t->s.path);
        ner_margins(&t->tr, t->s.em, in->n, &t->s, t->s.path, margin);
        for (uint32_t i = 0; i < in->n;) {
            if (!t->s.path[i]) {
                i++;
                continue;
            }
            float mg = 1e30f;
            uint32_t j = i;
            for (; j < in->n; j++) {
                mg = margin[j] < mg ? margin[j] : mg;
                int p = ner_label_pos(t->s.path[j]);
                if (p == NER_L || p == NER_U) {
                    break;
                }
            }
            i = j + 1;
            if (kg_grow((void **)&mins, &cap, n + 1, sizeof *mins)) {
                goto done;
            }
            mins[n++] = mg;
        }
    }
    if (n) {
        qsort(mins, n, sizeof *mins, cmp_float);
        float med = mins[n / 2];
        if (med > 0.0f && isfinite(med)) {
            scale = med / 2.1972246f; /* ln 9 */
        }
    }
done:
    kg_free(mins);
    kg_free(margin);
    return scale;
}

/* ----------------------------------------------------------- the model */

static int write_u16(kg_strbuf *b, uint16_t v)
{
    unsigned char p[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    return kg_strbuf_append(b, p, 2);
}

static int write_model(trainer *t, float conf_scale, size_t *out_size)
{
    int rc = KG_OK;
    kg_strbuf b = KG_STRBUF_INIT;
    uint32_t *fp = NULL, *ref = NULL;
    uint8_t *labels = NULL;
    float *wts = NULL;
    size_t npairs = 0, kept = 0;
    const float eps = 1e-4f;
    for (size_t f = 0; f < t->n_feats; f++) {
        const float *w = t->w + f * NER_LABELS;
        size_t k = 0;
        for (int y = 0; y < NER_LABELS; y++) {
            k += fabsf(w[y]) >= eps;
        }
        npairs += k;
        kept += k > 0;
    }
    uint32_t nslots = pow2_at_least(kept + kept / 2 + 1);
    uint32_t mask = nslots - 1;
    fp = kg_calloc(nslots, sizeof *fp);
    ref = kg_calloc(nslots, sizeof *ref);
    labels = kg_malloc(npairs ? npairs : 1);
    wts = kg_malloc((npairs ? npairs : 1) * sizeof *wts);
    if (!fp || !ref || !labels || !wts) {
        rc = KG_ENOMEM;
        goto done;
    }
    uint32_t at = 0;
    for (size_t f = 0; f < t->n_feats; f++) {
        const float *w = t->w + f * NER_LABELS;
        uint64_t h = t->feat_hash[f];
        uint32_t fpv = ner_fp(h);
        uint32_t j = (uint32_t)h & mask;
        while (fp[j] && fp[j] != fpv) {
            j = (j + 1) & mask;
        }
        if (fp[j]) {
            continue; /* fingerprint collision: unreachable, drop */
        }
        uint32_t start = at;
        for (int y = 0; y < NER_LABELS; y++) {
            if (fabsf(w[y]) >= eps) {
                labels[at] = (uint8_t)y;
                wts[at] = w[y];
                at++;
            }
        }
        if (at == start) {
            continue;
        }
        fp[j] = fpv;
        ref[j] = start << 6 | (at - start);
    }
    npairs = at;
    if (npairs >= (1u << 26)) {
        rc = kg_error_set(KG_EINVAL, "model too large (%zu weights)", npairs);
        goto done;
    }
    if ((rc = kg_write_u32(&b, NER_LABELS)) || (rc = kg_write_u32(&b, NER_FEATURES_VERSION)) ||
        (rc = kg_write_u32(&b, nslots)) || (rc = kg_write_u32(&b, (uint32_t)npairs)) ||
        (rc = kg_write_u32(&b, t->lex.slots)) || (rc = kg_write_f32(&b, conf_scale)) ||
        (rc = kg_write_f32(&b, (float)t->o->o_penalty))) {
        goto done;
    }
    const float *tw = (const float *)&t->tr;
    for (size_t i = 0; i < sizeof(ner_trans) / sizeof(float); i++) {
        if ((rc = kg_write_f32(&b, tw[i]))) {
            goto done;
        }
    }
    if ((rc = kg_write_align(&b, 8))) {
        goto done;
    }
    for (uint32_t i = 0; i < nslots; i++) {
        if ((rc = kg_write_u32(&b, fp[i]))) {
            goto done;
        }
    }
    for (uint32_t i = 0; i < nslots; i++) {
        if ((rc = kg_write_u32(&b, ref[i]))) {
            goto done;
        }
    }
    if ((rc = kg_strbuf_append(&b, labels, npairs)) || (rc = kg_write_align(&b, 8))) {
        goto done;
    }
    for (size_t i = 0; i < npairs; i++) {
        if ((rc = kg_write_f32(&b, wts[i]))) {
            goto done;
        }
    }
    for (uint32_t i = 0; i < t->lex.slots; i++) {
        if ((rc = kg_write_u32(&b, t->lex.fp[i]))) {
            goto done;
        }
    }
    for (uint32_t i = 0; i < t->lex.slots; i++) {
        if ((rc = write_u16(&b, t->lex.val[i]))) {
            goto done;
        }
    }
    rc = kg_model_file_write(t->o->output, NER_MODEL_KIND, NER_MODEL_VERSION, b.data, b.len);
    *out_size = b.len + 32;
    say(t->o, "model: %zu features kept of %zu, %zu weights, %u lexicon slots, %zu bytes", kept,
        t->n_feats, npairs, t->lex.slots, b.len + 32);
done:
    kg_strbuf_free(&b);
    kg_free(fp);
    kg_free(ref);
    kg_free(labels);
    kg_free(wts);
    return rc;
}

/* ------------------------------------------------------------ kg_ner_train */

static void trainer_free(trainer *t)
{
    for (size_t i = 0; i < t->n_corpora; i++) {
        kg_ner_corpus_free(t->corpora[i]);
    }
    kg_free(t->corpora);
    kg_gazetteer_free(t->gaz);
    lexbuild_free(&t->lex);
    kg_arena_free(t->arena);
    kg_free(t->insts);
    kg_free(t->allowed);
    kg_free(t->fh);
    kg_free(t->foff);
    kg_free(t->fid);
    kg_free(t->flex);
    kg_free(t->drop);
    kg_free(t->feat_hash);
    kg_free(t->w);
    kg_free(t->u);
    kg_free(t->tr_u);
    kg_free(t->gold);
    ner_scratch_free(&t->s);
}

static int add_loaded(trainer *t, kg_ner_corpus *c)
{
    size_t cap = t->n_corpora;
    if (kg_grow((void **)&t->corpora, &cap, t->n_corpora + 1, sizeof *t->corpora)) {
        kg_ner_corpus_free(c);
        return KG_ENOMEM;
    }
    t->corpora[t->n_corpora++] = c;
    return KG_OK;
}

int kg_ner_train(const kg_ner_train_options *o)
{
    int rc = KG_OK;
    trainer t;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.rng = o->seed;
    double t0 = now_seconds();
    if (!o->output || !o->gazetteer_dir || (!o->gum && !o->uner)) {
        return kg_error_set(KG_EINVAL, "training needs an output file, the gazetteers and data");
    }
    if (o->folds > 1 && o->holdout >= o->folds) {
        return kg_error_set(KG_EINVAL, "held-out fold %u of %u", o->holdout, o->folds);
    }
    if ((rc = kg_gazetteer_load(&t.gaz, o->gazetteer_dir)) || (rc = kg_arena_new(&t.arena))) {
        goto done;
    }
    /* corpora: GUM first, UNER last */
    size_t n_gum = 0;
    for (size_t i = 0; o->gum && o->gum[i]; i++) {
        kg_ner_corpus *c = NULL;
        if ((rc = kg_ner_corpus_read_gum(&c, o->gum[i], t.gaz)) || (rc = add_loaded(&t, c))) {
            goto done;
        }
        say(o, "%s: %zu sentences, %zu tokens, %zu names", o->gum[i], c->doc->n_sentences,
            c->doc->n_tokens, c->doc->n_mentions);
        n_gum++;
    }
    if (o->uner) {
        kg_ner_corpus *c = NULL;
        if ((rc = kg_ner_corpus_read_iob2(&c, o->uner, t.gaz, 1)) || (rc = add_loaded(&t, c))) {
            goto done;
        }
        say(o, "%s: %zu sentences, %zu documents, %zu names%s", o->uner, c->doc->n_sentences,
            c->n_docs, c->doc->n_mentions, o->folds > 1 ? " (one fold held out)" : "");
    }
    size_t n_weak_first = t.n_corpora;
    for (size_t i = 0; o->weak && o->weak[i]; i++) {
        kg_ner_corpus *c = NULL;
        if ((rc = ner_corpus_read_tagged(&c, o->weak[i])) || (rc = add_loaded(&t, c))) {
            goto done;
        }
        say(o, "%s: %zu sentences as weakly labelled text", o->weak[i], c->doc->n_sentences);
    }
    /* lexicon: the lexicon treebanks and GUM's own tags */
    for (size_t i = 0; o->lexicon && o->lexicon[i]; i++) {
        kg_treebank *tb = NULL;
        if ((rc = kg_treebank_read(&tb, o->lexicon[i], NULL, NULL))) {
            goto done;
        }
        rc = lex_add_doc(&t.lex, tb->doc, NULL, 1);
        say(o, "%s: %zu tokens for the lexicon", o->lexicon[i], tb->doc->n_tokens);
        kg_treebank_free(tb);
        if (rc) {
            goto done;
        }
    }
    for (size_t i = 0; i < n_gum; i++) {
        if ((rc = lex_add_doc(&t.lex, t.corpora[i]->doc, NULL, 1))) {
            goto done;
        }
    }
    if (o->uner) { /* the training folds' text, for the clusters */
        const kg_ner_corpus *c = t.corpora[n_weak_first - 1];
        uint8_t *keep = kg_malloc(c->doc->n_sentences ? c->doc->n_sentences : 1);
        if (!keep) {
            rc = KG_ENOMEM;
            goto done;
        }
        for (size_t si = 0; si < c->doc->n_sentences; si++) {
            keep[si] = !(o->folds > 1 && c->sent_doc[si] % o->folds == o->holdout);
        }
        rc = lex_add_doc(&t.lex, c->doc, keep, 0);
        kg_free(keep);
        if (rc) {
            goto done;
        }
    }
    if ((rc = lex_finish(&t.lex))) {
        goto done;
    }
    t.x.gaz = t.gaz;
    t.x.lex.fp = t.lex.fp;
    t.x.lex.val = t.lex.val;
    t.x.lex.mask = t.lex.slots - 1;
    for (size_t i = 0; i < t.n_corpora; i++) {
        int kind = i < n_gum ? CORPUS_GUM : i < n_weak_first ? CORPUS_UNER : CORPUS_WEAK;
        if ((rc = add_corpus(&t, t.corpora[i], kind))) {
            goto done;
        }
    }
    if (t.n_insts == 0) {
        rc = kg_error_set(KG_EINVAL, "no training sentences");
        goto done;
    }
    if ((rc = build_features(&t))) {
        goto done;
    }
    say(o, "%zu training sentences, %zu tokens, %zu features; %.1f s", t.n_insts, t.n_toks,
        t.n_feats, now_seconds() - t0);
    if ((rc = train_loop(&t))) {
        goto done;
    }
    memset(t.drop, 0, t.s.cap);
    float scale = calibrate(&t);
    size_t size = 0;
    rc = write_model(&t, scale, &size);
    say(o, "trained in %.1f s", now_seconds() - t0);
done:
    trainer_free(&t);
    return rc;
}
