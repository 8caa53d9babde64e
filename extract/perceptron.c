/* perceptron.c - the multi-class averaged perceptron (Collins 2002) used by
 * the tagger and the parser, in two forms:
 *   - training: a hash map from feature key to a sparse, growing row of
 *     (class, weight, update-sum) entries; averaging uses w - u/c, where every
 *     update at time c adds c*delta to u, so no per-step bookkeeping is needed;
 *   - frozen: averaged weights below a threshold pruned, the rest quantised
 *     to 8 bits on a logarithmic scale (sign and one of 127 magnitudes, each
 *     a fixed ratio apart, so every weight keeps about 4% relative precision)
 *     and stored as (class, level) byte pairs in contiguous rows behind an
 *     open-addressing table of 8-byte slots, used straight from the mapped
 *     model file.
 * Scores of a frozen model are integer sums; only their argmax is used. */
#include "syntax_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- frozen form */

static uint32_t slot_index(uint64_t key, uint32_t cap)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * cap) >> 32);
}

static uint32_t slot_check(uint64_t key)
{
    return (uint32_t)(key >> 32) | 1u;
}

int kg_syn_model_read(kg_syn_model *out, kg_reader *r)
{
    memset(out, 0, sizeof *out);
    uint32_t n_classes = kg_read_u32(r);
    uint32_t cap = kg_read_u32(r);
    uint32_t n_weights = kg_read_u32(r);
    if (r->failed || n_classes == 0 || n_classes > 255 || cap == 0 || cap > (1u << 30)) {
        return kg_error_set(KG_EFORMAT, "bad perceptron header");
    }
    const int32_t *values = kg_read_array(r, sizeof *values, 256);
    kg_read_align(r, 8);
    const kg_syn_slot *slots = kg_read_array(r, sizeof *slots, cap);
    const kg_syn_weight *w = kg_read_array(r, sizeof *w, n_weights);
    if (r->failed) {
        return kg_error_set(KG_EFORMAT, "perceptron weights truncated");
    }
    for (size_t i = 0; i < 256; i++) {
        /* bounded so that no sum of up to 128 features can overflow */
        if (values[i] > (1 << 23) || values[i] < -(1 << 23)) {
            return kg_error_set(KG_EFORMAT, "perceptron value out of range");
        }
    }
    size_t empty = 0;
    for (size_t i = 0; i < cap; i++) {
        if (slots[i].check == 0) {
            empty++;
            continue;
        }
        uint32_t st = slots[i].start;
        if (st >= n_weights || w[st].cls > n_weights - st - 1) {
            return kg_error_set(KG_EFORMAT, "perceptron row out of range");
        }
        for (uint32_t j = 1; j <= w[st].cls; j++) {
            if (w[st + j].cls >= n_classes) {
                return kg_error_set(KG_EFORMAT, "perceptron class out of range");
            }
        }
    }
    if (empty == 0) {
        return kg_error_set(KG_EFORMAT, "perceptron table has no empty slot");
    }
    out->n_classes = n_classes;
    out->cap = cap;
    out->slots = slots;
    out->weights = w;
    out->n_weights = n_weights;
    out->values = values;
    return KG_OK;
}

static const kg_syn_weight *model_find(const kg_syn_model *m, uint64_t key)
{
    uint32_t i = slot_index(key, m->cap), check = slot_check(key);
    for (;;) {
        const kg_syn_slot *s = &m->slots[i];
        if (s->check == check) {
            return m->weights + s->start;
        }
        if (s->check == 0) {
            return NULL;
        }
        if (++i == m->cap) {
            i = 0;
        }
    }
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

void kg_syn_model_score(const kg_syn_model *m, const uint64_t *feats, size_t n, int32_t *scores)
{
    const kg_syn_weight *found[128];
    while (n > 0) {
        size_t k = n < 128 ? n : 128;
        /* three passes so the cache misses of all features overlap: prefetch
         * the slots, find the rows (prefetching them), then add them up */
        for (size_t i = 0; i < k; i++) {
            PREFETCH(&m->slots[slot_index(feats[i], m->cap)]);
        }
        for (size_t i = 0; i < k; i++) {
            found[i] = model_find(m, feats[i]);
            if (found[i]) {
                PREFETCH(found[i]);
            }
        }
        for (size_t i = 0; i < k; i++) {
            const kg_syn_weight *w = found[i];
            if (!w) {
                continue;
            }
            uint32_t len = w->cls;
            for (uint32_t j = 1; j <= len; j++) {
                scores[w[j].cls] += m->values[(uint8_t)w[j].q];
            }
        }
        feats += k;
        n -= k;
    }
}

/* -------------------------------------------------------- training form */

typedef struct entry {
    uint32_t cls;
    float w;
    double u;
} entry;

typedef struct feature {
    uint32_t off; /* first entry in the pool */
    uint16_t n, cap;
} feature;

struct kg_syn_ptrain {
    uint32_t n_classes;
    uint64_t *keys; /* open addressing; 0 = empty */
    uint32_t *idx;  /* feature index per slot */
    size_t cap, count;
    feature *feats;
    size_t feats_cap;
    entry *pool;
    size_t pool_len, pool_cap;
    double clock;
};

int kg_syn_ptrain_new(kg_syn_ptrain **out, uint32_t n_classes)
{
    int rc = KG_OK;
    kg_syn_ptrain *p = kg_calloc(1, sizeof *p);
    *out = NULL;
    if (!p) {
        return KG_ENOMEM;
    }
    p->n_classes = n_classes;
    p->cap = 1u << 16;
    p->keys = kg_calloc(p->cap, sizeof *p->keys);
    p->idx = kg_calloc(p->cap, sizeof *p->idx);
    if (!p->keys || !p->idx) {
        rc = KG_ENOMEM;
        goto done;
    }
    *out = p;
    p = NULL;
done:
    kg_syn_ptrain_free(p);
    return rc;
}

void kg_syn_ptrain_free(kg_syn_ptrain *p)
{
    if (!p) {
        return;
    }
    kg_free(p->keys);
    kg_free(p->idx);
    kg_free(p->feats);
    kg_free(p->pool);
    kg_free(p);
}

static size_t train_slot(const kg_syn_ptrain *p, uint64_t key)
{
    size_t mask = p->cap - 1;
    size_t i = (size_t)((key ^ (key >> 29)) & mask);
    while (p->keys[i] != 0 && p->keys[i] != key) {
        i = (i + 1) & mask;
    }
    return i;
}

static int train_rehash(kg_syn_ptrain *p)
{
    size_t ncap = p->cap * 2;
    uint64_t *keys = kg_calloc(ncap, sizeof *keys);
    uint32_t *idx = kg_calloc(ncap, sizeof *idx);
    if (!keys || !idx) {
        kg_free(keys);
        kg_free(idx);
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < p->cap; i++) {
        if (!p->keys[i]) {
            continue;
        }
        size_t j = (size_t)((p->keys[i] ^ (p->keys[i] >> 29)) & (ncap - 1));
        while (keys[j]) {
            j = (j + 1) & (ncap - 1);
        }
        keys[j] = p->keys[i];
        idx[j] = p->idx[i];
    }
    kg_free(p->keys);
    kg_free(p->idx);
    p->keys = keys;
    p->idx = idx;
    p->cap = ncap;
    return KG_OK;
}

void kg_syn_ptrain_score(const kg_syn_ptrain *p, const uint64_t *feats, size_t n, float *scores)
{
    for (size_t i = 0; i < n; i++) {
        size_t s = train_slot(p, feats[i]);
        if (!p->keys[s]) {
            continue;
        }
        const feature *f = &p->feats[p->idx[s]];
        const entry *e = p->pool + f->off;
        for (uint32_t j = 0; j < f->n; j++) {
            scores[e[j].cls] += e[j].w;
        }
    }
}

void kg_syn_ptrain_tick(kg_syn_ptrain *p)
{
    p->clock += 1.0;
}

/* The feature for key, created when absent. */
static int get_feature(kg_syn_ptrain *p, uint64_t key, feature **out)
{
    size_t s = train_slot(p, key);
    if (!p->keys[s]) {
        if ((p->count + 1) * 2 > p->cap) {
            if (train_rehash(p)) {
                return KG_ENOMEM;
            }
            s = train_slot(p, key);
        }
        if (kg_grow((void **)&p->feats, &p->feats_cap, p->count + 1, sizeof *p->feats)) {
            return KG_ENOMEM;
        }
        p->keys[s] = key;
        p->idx[s] = (uint32_t)p->count;
        memset(&p->feats[p->count], 0, sizeof *p->feats);
        p->count++;
    }
    *out = &p->feats[p->idx[s]];
    return KG_OK;
}

static int add_weight(kg_syn_ptrain *p, feature *f, uint32_t cls, float delta)
{
    entry *e = p->pool + f->off;
    for (uint32_t j = 0; j < f->n; j++) {
        if (e[j].cls == cls) {
            e[j].w += delta;
            e[j].u += p->clock * delta;
            return KG_OK;
        }
    }
    if (f->n == f->cap) {
        /* move the row to the end of the pool with twice the room */
        uint32_t ncap = f->cap ? (uint32_t)f->cap * 2 : 2;
        if (ncap > p->n_classes) {
            ncap = p->n_classes;
        }
        if (kg_grow((void **)&p->pool, &p->pool_cap, p->pool_len + ncap, sizeof *p->pool)) {
            return KG_ENOMEM;
        }
        memcpy(p->pool + p->pool_len, p->pool + f->off, f->n * sizeof *p->pool);
        f->off = (uint32_t)p->pool_len;
        f->cap = (uint16_t)ncap;
        p->pool_len += ncap;
    }
    e = p->pool + f->off + f->n++;
    e->cls = cls;
    e->w = delta;
    e->u = p->clock * delta;
    return KG_OK;
}

int kg_syn_ptrain_update(kg_syn_ptrain *p, const uint64_t *feats, size_t n, uint32_t truth,
                         uint32_t guess)
{
    if (truth == guess) {
        return KG_OK;
    }
    for (size_t i = 0; i < n; i++) {
        feature *f = NULL;
        if (get_feature(p, feats[i], &f) || add_weight(p, f, truth, 1.0f) ||
            add_weight(p, f, guess, -1.0f)) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* The logarithmic quantiser: magnitudes base * ratio^k, k = 0..126. */
typedef struct quantiser {
    double base, log_ratio;
} quantiser;

static int8_t quantise(const quantiser *qz, double a)
{
    double k = nearbyint(log(fabs(a) / qz->base) / qz->log_ratio);
    int level = (int)(k < 0 ? 0 : k > 126 ? 126 : k) + 1;
    return (int8_t)(a < 0 ? -level : level);
}

static double averaged(const entry *e, double clock)
{
    return e->w - e->u / clock;
}

static int cmp_weight(const void *a, const void *b)
{
    const kg_syn_weight *x = a, *y = b;
    return (int)x->cls - (int)y->cls;
}

int kg_syn_ptrain_write(const kg_syn_ptrain *p, kg_strbuf *b, float prune)
{
    int rc = KG_OK;
    kg_syn_weight *w = NULL;
    kg_syn_slot *slots = NULL;
    uint64_t *key_of = NULL;
    double clock = p->clock > 0 ? p->clock : 1.0;

    if (p->n_classes > 255) {
        return kg_error_set(KG_EINPUT, "%u classes; a perceptron model holds at most 255",
                            p->n_classes);
    }
    double maxabs = 0;
    for (size_t i = 0; i < p->count; i++) {
        const feature *f = &p->feats[i];
        for (uint32_t j = 0; j < f->n; j++) {
            double a = fabs(averaged(&p->pool[f->off + j], clock));
            if (a > maxabs) {
                maxabs = a;
            }
        }
    }
    /* weights below the smallest level (prune, or 1/20000 of the largest)
     * are dropped; the largest maps to 2^20 in the integer value table */
    quantiser qz;
    qz.base = maxabs / 20000.0 > prune ? maxabs / 20000.0 : prune;
    if (qz.base <= 0) {
        qz.base = 1e-9;
    }
    qz.log_ratio = maxabs > qz.base ? log(maxabs / qz.base) / 126.0 : 1.0;
    double scale = maxabs > 0 ? 1048576.0 / maxabs : 1.0;

    size_t n_w = 0;
    for (size_t i = 0; i < p->count; i++) {
        n_w += p->feats[i].n;
    }
    w = kg_malloc((n_w + p->count + 1) * sizeof *w);
    key_of = kg_calloc(p->count ? p->count : 1, sizeof *key_of);
    if (!w || !key_of) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < p->cap; i++) {
        if (p->keys[i]) {
            key_of[p->idx[i]] = p->keys[i];
        }
    }
    size_t n_w_out = 0, n_keep = 0;
    for (size_t i = 0; i < p->count; i++) {
        const feature *f = &p->feats[i];
        for (uint32_t j = 0; j < f->n; j++) {
            if (fabs(averaged(&p->pool[f->off + j], clock)) >= qz.base) {
                n_keep++;
                break;
            }
        }
    }
    uint32_t cap = (uint32_t)(n_keep + n_keep / 2 + 16);
    slots = kg_calloc(cap, sizeof *slots);
    if (!slots) {
        rc = KG_ENOMEM;
        goto done;
    }
    /* rows in feature insertion order, so the output is deterministic */
    for (size_t i = 0; i < p->count; i++) {
        const feature *f = &p->feats[i];
        size_t head = n_w_out++;
        for (uint32_t j = 0; j < f->n; j++) {
            const entry *e = &p->pool[f->off + j];
            double a = averaged(e, clock);
            if (fabs(a) < qz.base) {
                continue;
            }
            w[n_w_out].cls = (uint8_t)e->cls;
            w[n_w_out].q = quantise(&qz, a);
            n_w_out++;
        }
        if (n_w_out == head + 1) {
            n_w_out = head;
            continue;
        }
        w[head].cls = (uint8_t)(n_w_out - head - 1);
        w[head].q = 0;
        qsort(w + head + 1, n_w_out - head - 1, sizeof *w, cmp_weight);
        uint32_t s = slot_index(key_of[i], cap);
        while (slots[s].check) {
            s = s + 1 == cap ? 0 : s + 1;
        }
        slots[s].check = slot_check(key_of[i]);
        slots[s].start = (uint32_t)head;
    }
    rc = kg_write_u32(b, p->n_classes);
    if (!rc) {
        rc = kg_write_u32(b, cap);
    }
    if (!rc) {
        rc = kg_write_u32(b, (uint32_t)n_w_out);
    }
    for (int i = 0; !rc && i < 256; i++) {
        int level = (int8_t)(uint8_t)i;
        double v =
            level == 0 ? 0.0 : qz.base * exp(qz.log_ratio * (double)(abs(level) - 1)) * scale;
        int32_t iv = (int32_t)nearbyint(v > 8388608.0 ? 8388608.0 : v);
        rc = kg_write_u32(b, (uint32_t)(level < 0 ? -iv : iv));
    }
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = kg_write_u32(b, slots[i].check);
        if (!rc) {
            rc = kg_write_u32(b, slots[i].start);
        }
    }
    for (size_t i = 0; !rc && i < n_w_out; i++) {
        unsigned char q[2] = {w[i].cls, (unsigned char)w[i].q};
        rc = kg_strbuf_append(b, q, 2);
    }
done:
    kg_free(w);
    kg_free(slots);
    kg_free(key_of);
    return rc;
}

void kg_syn_shuffle(uint32_t *order, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(kg_syn_rand(state) % i);
        uint32_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* ------------------------------------------------------- u64 -> u32 tables */

static size_t table_slot(uint64_t key, uint64_t mask)
{
    return (size_t)((key ^ (key >> 31)) & mask);
}

int kg_syn_table_get(const kg_syn_table *t, uint64_t key, uint32_t *val)
{
    size_t i = table_slot(key, t->mask);
    for (;;) {
        if (t->keys[i] == key) {
            *val = t->vals[i];
            return 1;
        }
        if (t->keys[i] == 0) {
            return 0;
        }
        i = (i + 1) & t->mask;
    }
}

int kg_syn_table_read(kg_syn_table *out, kg_reader *r, uint32_t max_val, uint32_t any_val)
{
    memset(out, 0, sizeof *out);
    uint32_t log2 = kg_read_u32(r);
    if (r->failed || log2 > 30) {
        return kg_error_set(KG_EFORMAT, "bad table header");
    }
    size_t cap = (size_t)1 << log2;
    kg_read_align(r, 8);
    const uint64_t *keys = kg_read_array(r, 8, cap);
    const uint32_t *vals = kg_read_array(r, 4, cap);
    kg_read_align(r, 8);
    if (r->failed) {
        return kg_error_set(KG_EFORMAT, "table truncated");
    }
    size_t empty = 0;
    for (size_t i = 0; i < cap; i++) {
        if (keys[i] == 0) {
            empty++;
        } else if (vals[i] >= max_val && vals[i] != any_val) {
            return kg_error_set(KG_EFORMAT, "table value out of range");
        }
    }
    if (!empty) {
        return kg_error_set(KG_EFORMAT, "table has no empty slot");
    }
    out->mask = cap - 1;
    out->keys = keys;
    out->vals = vals;
    return KG_OK;
}

int kg_syn_table_write(kg_strbuf *b, const uint64_t *keys, const uint32_t *vals, size_t n)
{
    int rc = KG_OK;
    uint32_t log2 = 4;
    while (((size_t)1 << log2) < n * 2 + 16) {
        log2++;
    }
    size_t cap = (size_t)1 << log2;
    uint64_t *k = kg_calloc(cap, sizeof *k);
    uint32_t *v = kg_calloc(cap, sizeof *v);
    if (!k || !v) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = table_slot(keys[i], cap - 1);
        while (k[s] && k[s] != keys[i]) {
            s = (s + 1) & (cap - 1);
        }
        k[s] = keys[i];
        v[s] = vals[i];
    }
    rc = kg_write_u32(b, log2);
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = kg_write_u64(b, k[i]);
    }
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = kg_write_u32(b, v[i]);
    }
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
done:
    kg_free(k);
    kg_free(v);
    return rc;
}

int kg_syn_keep_best(kg_strbuf *out, const kg_strbuf *cand, double score, double *best)
{
    if (score <= *best) {
        return KG_OK;
    }
    *best = score;
    kg_strbuf_clear(out);
    return kg_strbuf_append(out, cand->data, cand->len);
}
