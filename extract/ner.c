/* ner.c - named-entity recognition at run time: loading the model, feature
 * extraction, Viterbi decoding and mention building.
 *
 * Algorithm: a first-order linear-chain model over BILOU tags (Ratinov &
 * Roth 2009, "Design challenges and misconceptions in named entity
 * recognition") whose weights come from the averaged structured perceptron
 * (Collins 2002, "Discriminative training methods for hidden Markov models");
 * exact Viterbi decoding restricted to well-formed BILOU sequences;
 * confidence from max-marginal margins (forward and backward max-product).
 *
 * The model file (kind "NER1") holds transition scores, a hashed feature
 * table (feature hash -> sparse per-label weights) and the word lexicon; it
 * is mapped read-only and used in place, so loading copies nothing large
 * and recognition allocates only per document. */
#include "ner_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- labels */

uint64_t ner_type_labels(unsigned type_mask)
{
    uint64_t m = 0;
    for (int t = 1; t <= NER_TYPES; t++) {
        if (type_mask & (1u << t)) {
            m |= (uint64_t)0xF << ner_label(t, 0);
        }
    }
    return m;
}

uint64_t ner_span_labels(unsigned type_mask, int pos)
{
    uint64_t m = 0;
    for (int t = 1; t <= NER_TYPES; t++) {
        if (type_mask & (1u << t)) {
            m |= (uint64_t)1 << ner_label(t, pos);
        }
    }
    return m;
}

/* ------------------------------------------------------------ scratch */

int ner_scratch_reserve(ner_scratch *s, size_t n)
{
    if (n <= s->cap) {
        return KG_OK;
    }
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) {
        cap *= 2;
    }
    ner_scratch t = {0};
    t.cap = cap;
    t.gt = kg_malloc(cap * sizeof *t.gt);
    t.tk = kg_malloc(cap * sizeof *t.tk);
    t.fh = kg_malloc(cap * NER_MAX_FEATS * sizeof *t.fh);
    t.ft = kg_malloc(cap * NER_MAX_FEATS * sizeof *t.ft);
    t.foff = kg_malloc((cap + 1) * sizeof *t.foff);
    t.em = kg_malloc(cap * NER_LABELS * sizeof *t.em);
    t.alpha = kg_malloc(cap * NER_LABELS * sizeof *t.alpha);
    t.beta = kg_malloc(cap * NER_LABELS * sizeof *t.beta);
    t.back = kg_malloc(cap * NER_LABELS * sizeof *t.back);
    t.path = kg_malloc(cap * sizeof *t.path);
    if (!t.gt || !t.tk || !t.fh || !t.ft || !t.foff || !t.em || !t.alpha || !t.beta || !t.back ||
        !t.path) {
        ner_scratch_free(&t);
        return KG_ENOMEM;
    }
    ner_scratch_free(s);
    *s = t;
    return KG_OK;
}

void ner_scratch_free(ner_scratch *s)
{
    kg_free(s->gt);
    kg_free(s->tk);
    kg_free(s->fh);
    kg_free(s->ft);
    kg_free(s->foff);
    kg_free(s->em);
    kg_free(s->alpha);
    kg_free(s->beta);
    kg_free(s->back);
    kg_free(s->path);
    memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------------- features */

uint64_t ner_word_hash(const char *s, size_t n)
{
    return kg_hash(s, n);
}

size_t ner_lower(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
            if (o + 2 >= cap) {
                break;
            }
            out[o++] = (char)c; /* Latin-1 capitals: C3 80..9E -> C3 A0..BE */
            out[o++] = (char)((unsigned char)s[i + 1] + 0x20);
            i++;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return o;
}

/* Shape classes: X upper, x lower, d digit, punctuation as itself. */
static char shape_char(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z') {
        return 'X';
    }
    if (cp >= 'a' && cp <= 'z') {
        return 'x';
    }
    if (cp >= '0' && cp <= '9') {
        return 'd';
    }
    if (cp < 0x80) {
        return (char)cp;
    }
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
        return 'X';
    }
    if (cp >= 0xDF && cp <= 0x24F) {
        return 'x';
    }
    if (cp == 0x2018 || cp == 0x2019) {
        return '\'';
    }
    if (cp == 0x201C || cp == 0x201D) {
        return '"';
    }
    if (cp >= 0x2010 && cp <= 0x2015) {
        return '-';
    }
    return 'u';
}

#define BOUNDARY_BEFORE 0x5bd1e995u
#define BOUNDARY_AFTER 0x1b873593u

static void token_info(const ner_extractor *x, const char *form, size_t n, ner_tok *t)
{
    char low[128], shape[24], sshape[24];
    size_t nl = ner_lower(low, sizeof low, form, n);
    size_t ns = 0, nss = 0, letters = 0, uppers = 0, lowers = 0, digits = 0, chars = 0;
    uint32_t flags = 0;
    int first_upper = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = kg_utf8_decode(form + i, n - i, &cp);
        if (k == 0) {
            cp = (unsigned char)form[i];
            k = 1;
        }
        char c = shape_char(cp);
        if (c == 'X' || c == 'x') {
            letters++;
            if (c == 'X') {
                uppers++;
                if (chars == 0) {
                    first_upper = 1;
                }
            } else {
                lowers++;
            }
        } else if (c == 'd') {
            digits++;
        } else if (c == '-') {
            flags |= NER_F_HYPHEN;
        } else if (c == '.') {
            flags |= NER_F_PERIOD;
        } else if (c == '\'') {
            flags |= NER_F_APOS;
        }
        if (ns + 1 < sizeof shape) {
            shape[ns++] = c;
        }
        if (nss + 1 < sizeof sshape && (nss == 0 || sshape[nss - 1] != c)) {
            sshape[nss++] = c;
        }
        chars++;
        i += k;
    }
    if (first_upper) {
        flags |= NER_F_INITCAP;
    }
    if (uppers && !lowers) {
        flags |= letters > 1 ? NER_F_ALLCAPS : 0;
    }
    if (lowers && !uppers) {
        flags |= NER_F_LOWER;
    }
    if (uppers && lowers && (uppers > 1 || !first_upper)) {
        flags |= NER_F_MIXED;
    }
    if (digits) {
        flags |= NER_F_DIGIT;
    }
    if (digits && !letters) {
        flags |= NER_F_ALLDIGIT;
    }
    if (!letters && !digits) {
        flags |= NER_F_PUNCT;
    }
    t->form = ner_word_hash(form, n);
    t->lower = ner_word_hash(low, nl);
    t->shape = ner_word_hash(shape, ns);
    t->sshape = ner_word_hash(sshape, nss);
    for (size_t k = 0; k < 4; k++) {
        t->pre[k] = nl > k + 1 ? ner_word_hash(low, k + 1) : 0;
        t->suf[k] = nl > k + 1 ? ner_word_hash(low + nl - (k + 1), k + 1) : 0;
    }
    t->flags = flags;
    t->lex = ner_lexicon_get(&x->lex, t->lower);
    t->len = (uint8_t)(chars > 15 ? 15 : chars);
    t->gaz = 0;
    t->title = 0;
}

static void mark_gazetteer(const ner_extractor *x, size_t n, ner_scratch *s)
{
    kg_gaz_hit hits[16];
    for (size_t i = 0; i < n; i++) {
        size_t nh = kg_gaz_walk(x->gaz, s->gt, n, i, hits, sizeof hits / sizeof hits[0]);
        for (size_t h = 0; h < nh; h++) {
            size_t len = hits[h].len;
            for (unsigned k = 0; k < KG_GAZ_KIND_COUNT; k++) {
                if (!(hits[h].kinds & KG_GAZ_BIT(k))) {
                    continue;
                }
                if (len == 1) {
                    s->tk[i].gaz |= (uint64_t)1 << (k * 4 + NER_U);
                } else {
                    s->tk[i].gaz |= (uint64_t)1 << (k * 4 + NER_B);
                    for (size_t j = i + 1; j + 1 < i + len; j++) {
                        s->tk[j].gaz |= (uint64_t)1 << (k * 4 + NER_I);
                    }
                    s->tk[i + len - 1].gaz |= (uint64_t)1 << (k * 4 + NER_L);
                }
                if ((k == KG_GAZ_ROLE || k == KG_GAZ_HONORIFIC) && i + len < n) {
                    s->tk[i + len].title = (uint8_t)(1 + k);
                }
            }
        }
    }
}

#define CAPBITS (NER_F_INITCAP | NER_F_ALLCAPS | NER_F_LOWER | NER_F_MIXED | NER_F_FIRST)

void ner_extract(const ner_extractor *x, const kg_token *tokens, size_t n, ner_scratch *s)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(tokens[i].form);
        kg_gaz_tok_set(&s->gt[i], tokens[i].form, len);
        token_info(x, tokens[i].form, len, &s->tk[i]);
    }
    /* sentence-initial: the first token, or the first word after opening punctuation */
    for (size_t i = 0; i < n; i++) {
        s->tk[i].flags |= NER_F_FIRST;
        if (!(s->tk[i].flags & NER_F_PUNCT)) {
            break;
        }
    }
    mark_gazetteer(x, n, s);

    uint64_t *f = s->fh;
    size_t nf = 0;
#define ADD(tmpl, v) (s->ft[nf] = (uint8_t)(tmpl), f[nf++] = ner_fhash((tmpl), (v)))
    for (size_t i = 0; i < n; i++) {
        const ner_tok *t = &s->tk[i];
        const ner_tok *p1 = i > 0 ? &s->tk[i - 1] : NULL;
        const ner_tok *p2 = i > 1 ? &s->tk[i - 2] : NULL;
        const ner_tok *n1 = i + 1 < n ? &s->tk[i + 1] : NULL;
        const ner_tok *n2 = i + 2 < n ? &s->tk[i + 2] : NULL;
        uint64_t lp1 = p1 ? p1->lower : BOUNDARY_BEFORE, lp2 = p2 ? p2->lower : BOUNDARY_BEFORE;
        uint64_t ln1 = n1 ? n1->lower : BOUNDARY_AFTER, ln2 = n2 ? n2->lower : BOUNDARY_AFTER;
        uint64_t sp1 = p1 ? p1->sshape : BOUNDARY_BEFORE, sn1 = n1 ? n1->sshape : BOUNDARY_AFTER;
        s->foff[i] = (uint32_t)nf;
        ADD(0, 0);
        ADD(1, t->form);
        ADD(2, t->lower);
        ADD(3, lp1);
        ADD(4, ln1);
        ADD(5, lp2);
        ADD(6, ln2);
        ADD(7, t->shape);
        ADD(8, sp1);
        ADD(9, sn1);
        ADD(10, ner_mix(sp1 * 31 + t->sshape) ^ sn1);
        for (int k = 0; k < 4; k++) {
            if (t->pre[k]) {
                ADD(11 + k, t->pre[k]);
            }
            if (t->suf[k]) {
                ADD(15 + k, t->suf[k]);
            }
        }
        ADD(19, ner_mix(lp1) ^ t->lower);
        ADD(20, ner_mix(t->lower) ^ ln1);
        ADD(21, t->flags);
        ADD(22, p1 ? p1->flags & CAPBITS : 0xFFFF);
        ADD(23, n1 ? n1->flags & CAPBITS : 0xFFFF);
        uint64_t g = t->gaz;
        unsigned ngaz = 0;
        for (unsigned b = 0; g && b < 64 && ngaz < NER_MAX_GAZ_BITS; b++) {
            if (!(g >> b & 1)) {
                continue;
            }
            g &= ~((uint64_t)1 << b);
            ngaz++;
            ADD(24, b);
            ADD(25, b * 64u + (t->flags & (NER_F_INITCAP | NER_F_ALLCAPS | NER_F_FIRST)));
        }
        for (int side = 0; side < 2; side++) {
            const ner_tok *o = side ? n1 : p1;
            if (!o) {
                continue;
            }
            uint64_t og = o->gaz;
            for (unsigned k = 0; k < KG_GAZ_KIND_COUNT; k++) {
                if ((og >> (k * 4)) & 0xF) {
                    ADD(26 + (uint32_t)side, k);
                }
            }
        }
        if (t->title) {
            ADD(28, t->title);
        }
        if (p1 && p1->title) {
            ADD(29, p1->title);
        }
        ADD(30, t->lex);
        ADD(31, NER_LEX_NNP(t->lex) * 4096u + (t->flags & CAPBITS));
        ADD(32, p1 ? NER_LEX_NNP(p1->lex) : 99);
        ADD(33, n1 ? NER_LEX_NNP(n1->lex) : 99);
        ADD(34, t->len);
        ADD(35, ner_mix(t->lower) ^ sn1);
        ADD(36, ner_mix(sp1) ^ t->lower);
        unsigned cl = NER_LEX_CLUSTER(t->lex);
        if (cl) {
            ADD(37, cl);
            ADD(38, cl * 16u + (t->flags & (NER_F_INITCAP | NER_F_ALLCAPS | NER_F_FIRST)));
        }
        ADD(39, p1 ? NER_LEX_CLUSTER(p1->lex) : 999);
        ADD(40, n1 ? NER_LEX_CLUSTER(n1->lex) : 999);
        ADD(41, p2 ? NER_LEX_CLUSTER(p2->lex) : 999);
        ADD(42, n2 ? NER_LEX_CLUSTER(n2->lex) : 999);
    }
#undef ADD
    s->foff[n] = (uint32_t)nf;
}

/* ----------------------------------------------------------- decoding */

#define NEG_INF (-1e30f)

/* Labels that may precede an O, B or U label: O, and every L and U. */
static int free_labels(int *out)
{
    int k = 0;
    out[k++] = 0;
    for (int t = 1; t <= NER_TYPES; t++) {
        out[k++] = ner_label(t, NER_L);
        out[k++] = ner_label(t, NER_U);
    }
    return k;
}

float ner_viterbi(const ner_trans *tr, const float *em, size_t n, const uint64_t *allowed,
                  ner_scratch *s, uint8_t *path)
{
    int freel[NER_LABELS];
    int nfree = free_labels(freel);
    float *a = s->alpha;
    uint8_t *bk = s->back;
    for (int b = 0; b < NER_LABELS; b++) {
        int ok = ner_can_start(b) && (!allowed || (allowed[0] >> b & 1));
        a[b] = ok ? tr->start[b] + em[b] : NEG_INF;
        bk[b] = 0;
    }
    for (size_t t = 1; t < n; t++) {
        const float *prev = a + (t - 1) * NER_LABELS;
        float *cur = a + t * NER_LABELS;
        uint8_t *cb = bk + t * NER_LABELS;
        const float *e = em + t * NER_LABELS;
        for (int b = 0; b < NER_LABELS; b++) {
            if (allowed && !(allowed[t] >> b & 1)) {
                cur[b] = NEG_INF;
                cb[b] = 0;
                continue;
            }
            float best = NEG_INF;
            int arg = 0;
            int pos = b ? ner_label_pos(b) : NER_B;
            if (pos == NER_I || pos == NER_L) {
                int ty = ner_label_type(b);
                int cand[2] = {ner_label(ty, NER_B), ner_label(ty, NER_I)};
                for (int k = 0; k < 2; k++) {
                    float v = prev[cand[k]] + tr->trans[cand[k] * NER_LABELS + b];
                    if (v > best) {
                        best = v;
                        arg = cand[k];
                    }
                }
            } else {
                for (int k = 0; k < nfree; k++) {
                    float v = prev[freel[k]] + tr->trans[freel[k] * NER_LABELS + b];
                    if (v > best) {
                        best = v;
                        arg = freel[k];
                    }
                }
            }
            cur[b] = best <= NEG_INF / 2 ? NEG_INF : best + e[b];
            cb[b] = (uint8_t)arg;
        }
    }
    const float *last = a + (n - 1) * NER_LABELS;
    float best = NEG_INF;
    int arg = 0;
    for (int b = 0; b < NER_LABELS; b++) {
        if (!ner_can_end(b)) {
            continue;
        }
        float v = last[b] + tr->end[b];
        if (v > best) {
            best = v;
            arg = b;
        }
    }
    for (size_t t = n; t-- > 0;) {
        path[t] = (uint8_t)arg;
        arg = bk[t * NER_LABELS + arg];
    }
    return best;
}

void ner_margins(const ner_trans *tr, const float *em, size_t n, ner_scratch *s,
                 const uint8_t *path, float *margin)
{
    int next_free[NER_LABELS]; /* what may follow O, L or U: O, and every B and U */
    int nfree = 0;
    next_free[nfree++] = 0;
    for (int t = 1; t <= NER_TYPES; t++) {
        next_free[nfree++] = ner_label(t, NER_B);
        next_free[nfree++] = ner_label(t, NER_U);
    }
    float *be = s->beta;
    float *last = be + (n - 1) * NER_LABELS;
    for (int a = 0; a < NER_LABELS; a++) {
        last[a] = ner_can_end(a) ? tr->end[a] : NEG_INF;
    }
    for (size_t t = n - 1; t-- > 0;) {
        float *cur = be + t * NER_LABELS;
        const float *next = be + (t + 1) * NER_LABELS;
        const float *e = em + (t + 1) * NER_LABELS;
        float gain[NER_LABELS];
        for (int b = 0; b < NER_LABELS; b++) {
            gain[b] = e[b] + next[b];
        }
        for (int a = 0; a < NER_LABELS; a++) {
            float best = NEG_INF;
            int pos = a ? ner_label_pos(a) : NER_L;
            if (pos == NER_B || pos == NER_I) { /* an open name continues */
                int ty = ner_label_type(a);
                int cand[2] = {ner_label(ty, NER_I), ner_label(ty, NER_L)};
                for (int k = 0; k < 2; k++) {
                    float v = tr->trans[a * NER_LABELS + cand[k]] + gain[cand[k]];
                    best = v > best ? v : best;
                }
            } else { /* O, B or U follows */
                for (int k = 0; k < nfree; k++) {
                    int b = next_free[k];
                    float v = tr->trans[a * NER_LABELS + b] + gain[b];
                    best = v > best ? v : best;
                }
            }
            cur[a] = best;
        }
    }
    for (size_t t = 0; t < n; t++) {
        const float *al = s->alpha + t * NER_LABELS;
        const float *b = be + t * NER_LABELS;
        float mine = al[path[t]] + b[path[t]];
        float other = NEG_INF;
        for (int y = 0; y < NER_LABELS; y++) {
            if (y == path[t]) {
                continue;
            }
            float v = al[y] + b[y];
            if (v > other) {
                other = v;
            }
        }
        margin[t] = other <= NEG_INF / 2 ? 1e6f : mine - other;
    }
}

/* --------------------------------------------------------------- model */

struct kg_ner {
    kg_blob *blob;
    kg_gazetteer *gaz;
    ner_extractor x;
    ner_trans tr;
    const uint32_t *fp, *ref;
    uint32_t mask;
    const uint8_t *labels;
    const float *w;
    uint32_t n_pairs;
    float conf_scale;
    float o_penalty;
};

static int is_pow2(uint32_t v)
{
    return v && !(v & (v - 1));
}

static int host_is_little_endian(void)
{
    const uint32_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static int parse_model(kg_ner *m, const char *path)
{
    /* the tables are used in place, and they are stored little-endian */
    if (!host_is_little_endian()) {
        return kg_error_set(KG_EFORMAT, "%s: entity models need a little-endian host", path);
    }
    kg_reader r;
    kg_reader_init(&r, m->blob->data, m->blob->size);
    uint32_t nlabels = kg_read_u32(&r);
    uint32_t fversion = kg_read_u32(&r);
    uint32_t nslots = kg_read_u32(&r);
    uint32_t npairs = kg_read_u32(&r);
    uint32_t lexslots = kg_read_u32(&r);
    m->conf_scale = kg_read_f32(&r);
    m->o_penalty = kg_read_f32(&r);
    if (r.failed || nlabels != NER_LABELS || fversion != NER_FEATURES_VERSION) {
        return kg_error_set(KG_EFORMAT,
                            "%s: model does not match this kgraph (labels %u, "
                            "features %u)",
                            path, nlabels, fversion);
    }
    if (!is_pow2(nslots) || (lexslots && !is_pow2(lexslots)) || npairs >= (1u << 26) ||
        !(m->conf_scale > 0.0f) || !isfinite(m->conf_scale) || !isfinite(m->o_penalty)) {
        return kg_error_set(KG_EFORMAT, "%s: model header corrupt", path);
    }
    for (int i = 0; i < NER_LABELS * NER_LABELS; i++) {
        m->tr.trans[i] = kg_read_f32(&r);
    }
    for (int i = 0; i < NER_LABELS; i++) {
        m->tr.start[i] = kg_read_f32(&r);
    }
    for (int i = 0; i < NER_LABELS; i++) {
        m->tr.end[i] = kg_read_f32(&r);
    }
    kg_read_align(&r, 8);
    m->fp = kg_read_array(&r, sizeof(uint32_t), nslots);
    m->ref = kg_read_array(&r, sizeof(uint32_t), nslots);
    m->labels = kg_read_array(&r, 1, npairs);
    kg_read_align(&r, 8);
    m->w = kg_read_array(&r, sizeof(float), npairs);
    m->x.lex.fp = lexslots ? kg_read_array(&r, sizeof(uint32_t), lexslots) : NULL;
    m->x.lex.val = lexslots ? kg_read_array(&r, sizeof(uint16_t), lexslots) : NULL;
    m->x.lex.mask = lexslots ? lexslots - 1 : 0;
    if (r.failed || r.p != r.end) {
        return kg_error_set(KG_EFORMAT, "%s: model payload truncated or malformed", path);
    }
    m->mask = nslots - 1;
    m->n_pairs = npairs;
    /* every reference and label must be in range, and the tables must have
     * an empty slot so that a lookup always ends */
    int empty = 0;
    for (uint32_t i = 0; i < nslots; i++) {
        if (m->fp[i] == 0) {
            empty = 1;
            if (m->ref[i] != 0) {
                return kg_error_set(KG_EFORMAT, "%s: feature table corrupt", path);
            }
            continue;
        }
        uint32_t off = m->ref[i] >> 6, cnt = m->ref[i] & 63;
        if (cnt > NER_LABELS || off > npairs || cnt > npairs - off) {
            return kg_error_set(KG_EFORMAT, "%s: feature table corrupt", path);
        }
    }
    for (uint32_t i = 0; i < npairs; i++) {
        if (m->labels[i] >= NER_LABELS || !isfinite(m->w[i])) {
            return kg_error_set(KG_EFORMAT, "%s: feature weights corrupt", path);
        }
    }
    int lex_empty = lexslots == 0;
    for (uint32_t i = 0; i < lexslots; i++) {
        lex_empty |= m->x.lex.fp[i] == 0;
    }
    if (!empty || !lex_empty) {
        return kg_error_set(KG_EFORMAT, "%s: model tables full", path);
    }
    for (int i = 0; i < NER_LABELS * NER_LABELS; i++) {
        if (!isfinite(m->tr.trans[i])) {
            return kg_error_set(KG_EFORMAT, "%s: transition scores corrupt", path);
        }
    }
    return KG_OK;
}

int kg_ner_load_files(kg_ner **out, const char *model_path, const char *gazetteer_dir)
{
    int rc = KG_OK;
    kg_ner *m = NULL;
    *out = NULL;
    m = kg_calloc(1, sizeof *m);
    if (!m) {
        rc = KG_ENOMEM;
        goto done;
    }
    rc = kg_model_file_read(&m->blob, model_path, NER_MODEL_KIND, NER_MODEL_VERSION);
    if (rc) {
        goto done;
    }
    rc = parse_model(m, model_path);
    if (rc) {
        goto done;
    }
    rc = kg_gazetteer_load(&m->gaz, gazetteer_dir);
    if (rc) {
        goto done;
    }
    m->x.gaz = m->gaz;
    *out = m;
    m = NULL;
done:
    kg_ner_free(m);
    return rc;
}

int kg_ner_load(kg_ner **out, const char *model_dir)
{
    char model[4096], gaz[4096];
    *out = NULL;
    if ((size_t)snprintf(model, sizeof model, "%s/ner.kgm", model_dir) >= sizeof model ||
        (size_t)snprintf(gaz, sizeof gaz, "%s/gazetteers", model_dir) >= sizeof gaz) {
        return kg_error_set(KG_EINVAL, "%s: model directory name too long", model_dir);
    }
    return kg_ner_load_files(out, model, gaz);
}

void kg_ner_free(kg_ner *m)
{
    if (!m) {
        return;
    }
    kg_blob_free(m->blob);
    kg_gazetteer_free(m->gaz);
    kg_free(m);
}

const kg_gazetteer *kg_ner_gazetteer(const kg_ner *m)
{
    return m->gaz;
}

/* ---------------------------------------------------------- recognition */

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Emission scores of the n tokens. Per token, three passes over its
 * features so that their cache misses overlap: prefetch the table slots,
 * find the rows (prefetching them), then add them up. */
static void emissions(const kg_ner *m, size_t n, ner_scratch *s)
{
    uint32_t rows[NER_MAX_FEATS];
    for (size_t i = 0; i < n; i++) {
        float *e = s->em + i * NER_LABELS;
        memset(e, 0, NER_LABELS * sizeof *e);
        uint32_t k0 = s->foff[i], nk = s->foff[i + 1] - k0, nr = 0;
        if (nk > NER_MAX_FEATS) {
            nk = NER_MAX_FEATS;
        }
        for (uint32_t k = 0; k < nk; k++) {
            PREFETCH(&m->fp[(uint32_t)s->fh[k0 + k] & m->mask]);
        }
        for (uint32_t k = 0; k < nk; k++) {
            int64_t slot = ner_table_find(m->fp, m->mask, s->fh[k0 + k]);
            if (slot >= 0) {
                uint32_t r = m->ref[slot];
                PREFETCH(&m->labels[r >> 6]);
                PREFETCH(&m->w[r >> 6]);
                rows[nr++] = r;
            }
        }
        for (uint32_t k = 0; k < nr; k++) {
            uint32_t off = rows[k] >> 6, cnt = rows[k] & 63;
            for (uint32_t j = 0; j < cnt; j++) {
                e[m->labels[off + j]] += m->w[off + j];
            }
        }
        e[0] -= m->o_penalty;
    }
}

static int is_possessive(const char *s)
{
    return strcmp(s, "'s") == 0 || strcmp(s, "'S") == 0 || strcmp(s, "\xE2\x80\x99s") == 0 ||
           strcmp(s, "'") == 0;
}

#define TITLE_KINDS (KG_GAZ_BIT(KG_GAZ_ROLE) | KG_GAZ_BIT(KG_GAZ_HONORIFIC))
#define PLACE_KINDS                                                                                \
    (KG_GAZ_BIT(KG_GAZ_COUNTRY) | KG_GAZ_BIT(KG_GAZ_CITY) | KG_GAZ_BIT(KG_GAZ_REGION) |            \
     KG_GAZ_BIT(KG_GAZ_DEMONYM))

/* Length in tokens of the longest listed name of the given kinds starting
 * at toks[i] within [i, end), or 0. */
static size_t listed_at(const kg_ner *m, const ner_scratch *s, size_t i, size_t end, unsigned kinds)
{
    kg_gaz_hit hits[16];
    size_t nh = kg_gaz_walk(m->gaz, s->gt, end, i, hits, sizeof hits / sizeof hits[0]);
    size_t best = 0;
    for (size_t h = 0; h < nh; h++) {
        if ((hits[h].kinds & kinds) && hits[h].len > best) {
            best = hits[h].len;
        }
    }
    return best;
}

/* Length of a title at toks[i], with the country or nationality that may
 * come first ("U.S. envoy", "Afghan interior minister"), or 0. */
static size_t title_at(const kg_ner *m, const ner_scratch *s, size_t i, size_t end)
{
    size_t tl = listed_at(m, s, i, end, TITLE_KINDS);
    if (tl) {
        return tl;
    }
    size_t pl = listed_at(m, s, i, end, PLACE_KINDS);
    if (pl && i + pl < end && (tl = listed_at(m, s, i + pl, end, TITLE_KINDS)) > 0) {
        return pl + tl;
    }
    return 0;
}

/* Length of the longest title ending just before toks[i], or 0. */
static size_t title_before(const kg_ner *m, const ner_scratch *s, size_t i)
{
    size_t from = i > KG_GAZ_MAX_WORDS ? i - KG_GAZ_MAX_WORDS : 0;
    for (size_t st = from; st < i; st++) {
        kg_gaz_hit hits[16];
        size_t nh = kg_gaz_walk(m->gaz, s->gt, i, st, hits, sizeof hits / sizeof hits[0]);
        for (size_t h = 0; h < nh; h++) {
            if (st + hits[h].len == i && (hits[h].kinds & TITLE_KINDS)) {
                return i - st;
            }
        }
    }
    return 0;
}

static float confidence(float margin, float scale)
{
    double c = 1.0 / (1.0 + exp(-(double)margin / scale));
    return (float)c;
}

int kg_ner_recognise(const kg_ner *m, kg_document *doc)
{
    int rc = KG_OK;
    ner_scratch s = {0};
    kg_mention *ms = NULL;
    size_t nm = 0, cap = 0;
    float *margin = NULL;
    size_t longest = 0;

    kg_free(doc->mentions);
    doc->mentions = NULL;
    doc->n_mentions = 0;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        const kg_sentence *se = &doc->sentences[i];
        if ((size_t)se->first + se->count > doc->n_tokens) {
            rc = kg_error_set(KG_EINVAL, "%s: sentence %zu is outside the tokens", doc->id, i);
            goto done;
        }
        if (se->count > longest) {
            longest = se->count;
        }
    }
    if (longest == 0) {
        goto done;
    }
    if ((rc = ner_scratch_reserve(&s, longest))) {
        goto done;
    }
    margin = kg_malloc(longest * sizeof *margin);
    if (!margin) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t si = 0; si < doc->n_sentences; si++) {
        const kg_sentence *se = &doc->sentences[si];
        size_t n = se->count;
        if (n == 0) {
            continue;
        }
        const kg_token *toks = doc->tokens + se->first;
        ner_extract(&m->x, toks, n, &s);
        emissions(m, n, &s);
        ner_viterbi(&m->tr, s.em, n, NULL, &s, s.path);
        int any = 0;
        for (size_t i = 0; i < n && !any; i++) {
            any = s.path[i] != 0;
        }
        if (!any) {
            continue;
        }
        ner_margins(&m->tr, s.em, n, &s, s.path, margin);
        for (size_t i = 0; i < n;) {
            int lab = s.path[i];
            if (!lab) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && ner_label_pos(s.path[j]) != NER_L &&
                   ner_label_pos(s.path[j]) != NER_U) {
                j++;
            }
            size_t first = i, end = j + 1; /* [first, end) */
            int type = ner_label_type(lab);
            float mg = 1e6f;
            for (size_t k = first; k < end; k++) {
                mg = margin[k] < mg ? margin[k] : mg;
            }
            i = end;
            /* conventions: no leading "the", no title, no possessive */
            while (end - first > 1 && strcasecmp(toks[first].form, "the") == 0) {
                first++;
            }
            if (type == KG_ENT_PERSON) {
                size_t tl;
                while (end - first > 1 && (tl = title_at(m, &s, first, end)) > 0 &&
                       tl < end - first) {
                    first += tl;
                }
            }
            /* a possessive goes, except in business names ("Wendy's") */
            while (end - first > 1 && is_possessive(toks[end - 1].form) &&
                   (type == KG_ENT_PERSON || type == KG_ENT_GPE || type == KG_ENT_NORP)) {
                end--;
            }
            /* a title alone ("President") names no one here */
            if (type == KG_ENT_PERSON && title_at(m, &s, first, end) == end - first) {
                continue;
            }
            /* a listed place that is nobody's name ("Washington has ...") */
            if (type == KG_ENT_PERSON &&
                listed_at(m, &s, first, end, PLACE_KINDS & ~KG_GAZ_BIT(KG_GAZ_DEMONYM)) ==
                    end - first &&
                listed_at(m, &s, first, end,
                          KG_GAZ_BIT(KG_GAZ_PERSON) | KG_GAZ_BIT(KG_GAZ_GIVEN)) == 0) {
                type = KG_ENT_GPE;
            }
            if (kg_grow((void **)&ms, &cap, nm + 1, sizeof *ms)) {
                rc = KG_ENOMEM;
                goto done;
            }
            kg_mention *me = &ms[nm++];
            memset(me, 0, sizeof *me);
            me->sentence = (uint32_t)si;
            me->first = se->first + (uint32_t)first;
            me->count = (uint32_t)(end - first);
            me->start = toks[first].start;
            me->end = toks[end - 1].end;
            me->type = (uint8_t)type;
            me->confidence = confidence(mg, m->conf_scale);
            me->entity = -1;
            if (type == KG_ENT_PERSON) {
                size_t tl = title_before(m, &s, first);
                if (tl) {
                    me->title_first = se->first + (uint32_t)(first - tl);
                    me->title_count = (uint32_t)tl;
                }
            }
        }
    }
    doc->mentions = ms;
    doc->n_mentions = nm;
    ms = NULL;
done:
    kg_free(ms);
    kg_free(margin);
    ner_scratch_free(&s);
    return rc;
}
