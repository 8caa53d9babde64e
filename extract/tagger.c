/* tagger.c - part-of-speech and morphological-feature tagging.
 *
 * Algorithm: greedy left-to-right tagging with a multi-class averaged
 * perceptron (Collins 2002) over joint (UPOS, XPOS) classes, using rich
 * lexical features (word, affixes, shape, +-2 words) and the two previous
 * predicted tags, as in Ratnaparkhi (1996) and Collins (2002). Frequent words
 * that are (almost) never ambiguous are tagged from a dictionary. A second
 * perceptron then picks each token's FEATS string among those seen in
 * training with its tag class, from the token's word, affixes and the tags
 * and words around it. */
#include "syntax_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------- lexical attributes */

#define FNV_OFF 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static unsigned char lower_byte(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

void kg_syn_lex_compute(kg_syn_lex *out, const char *form, int first)
{
    const unsigned char *s = (const unsigned char *)form;
    size_t n = strlen(form);
    uint64_t hf = FNV_OFF, hl = FNV_OFF;
    uint32_t flags = 0;
    size_t upper = 0, letters = 0;
    /* shape: X x d or the byte itself, runs collapsed to 3 */
    uint64_t hs = FNV_OFF;
    unsigned char last = 0;
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        hf = (hf ^ c) * FNV_PRIME;
        hl = (hl ^ lower_byte(c)) * FNV_PRIME;
        unsigned char sh;
        if (c >= 'A' && c <= 'Z') {
            sh = 'X';
            upper++;
            letters++;
        } else if (c >= 'a' && c <= 'z') {
            sh = 'x';
            letters++;
        } else if (c >= '0' && c <= '9') {
            sh = 'd';
            flags |= KG_SYN_F_DIGIT;
        } else if (c >= 0x80) {
            if ((c & 0xc0) == 0x80) {
                continue; /* continuation byte */
            }
            sh = 'u';
            letters++;
        } else {
            sh = c;
            if (c == '-') {
                flags |= KG_SYN_F_HYPHEN;
            }
        }
        run = sh == last ? run + 1 : 1;
        last = sh;
        if (run <= 3) {
            hs = (hs ^ sh) * FNV_PRIME;
        }
    }
    if (n && s[0] >= 'A' && s[0] <= 'Z') {
        flags |= KG_SYN_F_UPPER;
    }
    if (upper >= 2 && upper == letters) {
        flags |= KG_SYN_F_ALLCAP;
    }
    if (letters) {
        flags |= KG_SYN_F_ALPHA;
    }
    if (first) {
        flags |= KG_SYN_F_FIRST;
    }
    out->form = hf;
    out->lower = hl;
    out->shape = hs;
    out->flags = flags;
    for (size_t k = 1; k <= 5; k++) {
        uint64_t h = FNV_OFF ^ (k * 0x51);
        size_t from = n > k ? n - k : 0;
        for (size_t i = from; i < n; i++) {
            h = (h ^ lower_byte(s[i])) * FNV_PRIME;
        }
        out->suf[k - 1] = h;
    }
    for (size_t k = 1; k <= 3; k++) {
        uint64_t h = FNV_OFF ^ (k * 0x77);
        for (size_t i = 0; i < k && i < n; i++) {
            h = (h ^ lower_byte(s[i])) * FNV_PRIME;
        }
        out->pre[k - 1] = h;
    }
}

static const kg_syn_lex boundary_lex = {0x5eed0001u, 0x5eed0002u, {3, 4, 5, 6, 7},
                                        {8, 9, 10},  0x5eed0003u, 0};

static const kg_syn_lex *lex_at(const kg_syn_lex *lex, size_t n, ptrdiff_t i)
{
    return i < 0 || (size_t)i >= n ? &boundary_lex : &lex[i];
}

/* ------------------------------------------------------------- features */

#define TAG_FEATS 40
#define AMB_NONE 0xfffffff0u
#define BOS_TAG 0xfffe
#define EOS_TAG 0xfffd

static size_t tag_features(uint64_t *f, const kg_syn_lex *lex, const uint32_t *amb, size_t n,
                           size_t i, const uint16_t *tag)
{
    uint64_t a0 = amb[i], a1 = i + 1 < n ? amb[i + 1] : AMB_NONE,
             a2 = i + 2 < n ? amb[i + 2] : AMB_NONE;
    const kg_syn_lex *w = &lex[i];
    const kg_syn_lex *p1 = lex_at(lex, n, (ptrdiff_t)i - 1), *p2 = lex_at(lex, n, (ptrdiff_t)i - 2);
    const kg_syn_lex *n1 = lex_at(lex, n, (ptrdiff_t)i + 1), *n2 = lex_at(lex, n, (ptrdiff_t)i + 2);
    uint64_t t1 = i >= 1 ? tag[i - 1] : BOS_TAG;
    uint64_t t2 = i >= 2 ? tag[i - 2] : BOS_TAG;
    size_t k = 0;
    f[k++] = kg_syn_feat(1, 0, 0, 0);
    f[k++] = kg_syn_feat(2, w->lower, 0, 0);
    f[k++] = kg_syn_feat(3, w->form, 0, 0);
    for (uint32_t j = 0; j < 5; j++) {
        f[k++] = kg_syn_feat(4 + j, w->suf[j], 0, 0);
    }
    for (uint32_t j = 0; j < 3; j++) {
        f[k++] = kg_syn_feat(9 + j, w->pre[j], 0, 0);
    }
    f[k++] = kg_syn_feat(12, w->shape, 0, 0);
    f[k++] = kg_syn_feat(13, w->flags, 0, 0);
    f[k++] = kg_syn_feat(14, t1, 0, 0);
    f[k++] = kg_syn_feat(15, t1, t2, 0);
    f[k++] = kg_syn_feat(16, t1, w->lower, 0);
    f[k++] = kg_syn_feat(17, p1->lower, 0, 0);
    f[k++] = kg_syn_feat(18, p1->suf[2], 0, 0);
    f[k++] = kg_syn_feat(19, p2->lower, 0, 0);
    f[k++] = kg_syn_feat(20, n1->lower, 0, 0);
    f[k++] = kg_syn_feat(21, n1->suf[2], 0, 0);
    f[k++] = kg_syn_feat(22, n2->lower, 0, 0);
    f[k++] = kg_syn_feat(23, p1->lower, w->lower, 0);
    f[k++] = kg_syn_feat(24, w->lower, n1->lower, 0);
    f[k++] = kg_syn_feat(25, t1, n1->lower, 0);
    f[k++] = kg_syn_feat(26, n1->shape, 0, 0);
    f[k++] = kg_syn_feat(27, p1->shape, w->shape, 0);
    f[k++] = kg_syn_feat(28, t2, 0, 0);
    f[k++] = kg_syn_feat(29, n1->lower, n2->lower, 0);
    f[k++] = kg_syn_feat(30, t1, w->suf[2], 0);
    f[k++] = kg_syn_feat(31, n1->suf[0], w->suf[1], 0);
    /* ambiguity classes: the tags a known word was seen with */
    f[k++] = kg_syn_feat(32, a0, 0, 0);
    f[k++] = kg_syn_feat(33, a1, 0, 0);
    f[k++] = kg_syn_feat(34, a2, 0, 0);
    f[k++] = kg_syn_feat(35, a0, a1, 0);
    f[k++] = kg_syn_feat(36, t1, a0, 0);
    f[k++] = kg_syn_feat(37, a1, w->lower, 0);
    f[k++] = kg_syn_feat(38, a1, a2, 0);
    f[k++] = kg_syn_feat(39, t1, a0, a1);
    return k;
}

/* Second pass: the first pass's features plus the first pass's tags of this
 * word and the two words to its right (stacking; right context). */
#define TAG2_FEATS (TAG_FEATS + 8)

static size_t tag2_features(uint64_t *f, const kg_syn_lex *lex, const uint32_t *amb, size_t n,
                            size_t i, const uint16_t *tag, const uint16_t *first)
{
    size_t k = tag_features(f, lex, amb, n, i, tag);
    const kg_syn_lex *w = &lex[i], *n1 = lex_at(lex, n, (ptrdiff_t)i + 1);
    uint64_t t1 = i >= 1 ? tag[i - 1] : BOS_TAG;
    uint64_t u0 = first[i];
    uint64_t u1 = i + 1 < n ? first[i + 1] : EOS_TAG;
    uint64_t u2 = i + 2 < n ? first[i + 2] : EOS_TAG;
    f[k++] = kg_syn_feat(60, u0, 0, 0);
    f[k++] = kg_syn_feat(61, u0, w->lower, 0);
    f[k++] = kg_syn_feat(62, u1, 0, 0);
    f[k++] = kg_syn_feat(63, u1, u2, 0);
    f[k++] = kg_syn_feat(64, u1, w->lower, 0);
    f[k++] = kg_syn_feat(65, t1, u1, 0);
    f[k++] = kg_syn_feat(66, u1, n1->lower, 0);
    f[k++] = kg_syn_feat(67, t1, u0, u1);
    return k;
}

#define FEATS_FEATS 16

static size_t feats_features(uint64_t *f, const kg_syn_lex *lex, size_t n, size_t i,
                             const uint16_t *tag)
{
    const kg_syn_lex *w = &lex[i];
    const kg_syn_lex *p1 = lex_at(lex, n, (ptrdiff_t)i - 1), *p2 = lex_at(lex, n, (ptrdiff_t)i - 2);
    const kg_syn_lex *n1 = lex_at(lex, n, (ptrdiff_t)i + 1);
    uint64_t t = tag[i];
    uint64_t t1 = i >= 1 ? tag[i - 1] : BOS_TAG;
    uint64_t t2 = i >= 2 ? tag[i - 2] : BOS_TAG;
    uint64_t u1 = i + 1 < n ? tag[i + 1] : EOS_TAG;
    uint64_t u2 = i + 2 < n ? tag[i + 2] : EOS_TAG;
    size_t k = 0;
    f[k++] = kg_syn_feat(101, t, 0, 0);
    f[k++] = kg_syn_feat(102, t, w->lower, 0);
    f[k++] = kg_syn_feat(103, t, w->suf[0], 0);
    f[k++] = kg_syn_feat(104, t, w->suf[1], 0);
    f[k++] = kg_syn_feat(105, t, w->suf[2], 0);
    f[k++] = kg_syn_feat(106, t, t1, 0);
    f[k++] = kg_syn_feat(107, t, u1, 0);
    f[k++] = kg_syn_feat(108, t, p1->lower, 0);
    f[k++] = kg_syn_feat(109, t, n1->lower, 0);
    f[k++] = kg_syn_feat(110, t, t1, t2);
    f[k++] = kg_syn_feat(111, t, p2->lower, 0);
    f[k++] = kg_syn_feat(112, t, w->form, 0);
    f[k++] = kg_syn_feat(113, t, u1, u2);
    f[k++] = kg_syn_feat(114, t, w->flags, 0);
    f[k++] = kg_syn_feat(115, t, p2->lower, p1->lower);
    f[k++] = kg_syn_feat(116, t, t1, p1->lower);
    return k;
}

/* ---------------------------------------------------------------- scratch */

int kg_syn_scratch_reserve(kg_syn_scratch *s, size_t n, size_t n_scores)
{
    if (n_scores > s->scores_cap) {
        int32_t *p = kg_realloc(s->scores, n_scores * sizeof *p);
        if (!p) {
            return KG_ENOMEM;
        }
        s->scores = p;
        s->scores_cap = n_scores;
    }
    if (n + 1 <= s->cap) {
        return KG_OK;
    }
    size_t cap = n + 1 > 64 ? n + 1 : 64;
#define GROW(field)                                                                                \
    do {                                                                                           \
        void *p_ = kg_realloc(s->field, cap * sizeof *s->field);                                   \
        if (!p_)                                                                                   \
            return KG_ENOMEM;                                                                      \
        s->field = p_;                                                                             \
    } while (0)
    GROW(lex);
    GROW(tag);
    GROW(amb);
    GROW(tag1);
    GROW(stack);
    GROW(head);
    GROW(l1);
    GROW(l2);
    GROW(r1);
    GROW(r2);
    GROW(label);
    GROW(nl);
    GROW(nr);
    GROW(lset);
    GROW(rset);
#undef GROW
    s->cap = cap;
    return KG_OK;
}

void kg_syn_scratch_free(kg_syn_scratch *s)
{
    kg_free(s->lex);
    kg_free(s->tag);
    kg_free(s->amb);
    kg_free(s->tag1);
    kg_free(s->scores);
    kg_free(s->stack);
    kg_free(s->head);
    kg_free(s->l1);
    kg_free(s->l2);
    kg_free(s->r1);
    kg_free(s->r2);
    kg_free(s->label);
    kg_free(s->nl);
    kg_free(s->nr);
    kg_free(s->lset);
    kg_free(s->rset);
    kg_free(s->buf);
    memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------------------- tagging */

static int dict_get(const kg_syn_tagger *t, uint64_t key)
{
    uint32_t v;
    return kg_syn_table_get(&t->dict, key, &v) ? (int)v : -1;
}

static void amb_fill(const kg_syn_table *amb, const kg_syn_lex *lex, size_t n, uint32_t *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!kg_syn_table_get(amb, lex[i].lower, &out[i])) {
            out[i] = 0;
        }
    }
}

uint16_t kg_syn_tagger_class(const kg_syn_tagger *t, int upos, int xpos)
{
    for (uint32_t i = 1; i < t->n_tags; i++) {
        if (t->tag_upos[i] == upos && t->tag_xpos[i] == xpos) {
            return (uint16_t)i;
        }
    }
    return 0;
}

static uint32_t argmax_from(const int32_t *scores, uint32_t from, uint32_t n)
{
    uint32_t best = from;
    for (uint32_t c = from + 1; c < n; c++) {
        if (scores[c] > scores[best]) {
            best = c;
        }
    }
    return best;
}

static uint16_t predict_tag(const kg_syn_tagger *t, kg_syn_scratch *sc, size_t n, size_t i)
{
    int d = dict_get(t, sc->lex[i].form);
    if (d > 0) {
        return (uint16_t)d;
    }
    uint64_t f[TAG_FEATS];
    size_t k = tag_features(f, sc->lex, sc->amb, n, i, sc->tag);
    memset(sc->scores, 0, t->n_tags * sizeof *sc->scores);
    kg_syn_model_score(&t->tags, f, k, sc->scores);
    return (uint16_t)argmax_from(sc->scores, 1, t->n_tags);
}

static uint32_t predict_feats(const kg_syn_tagger *t, kg_syn_scratch *sc, size_t n, size_t i)
{
    uint16_t tag = sc->tag[i];
    uint32_t a = t->cand_off[tag], b = t->cand_off[tag + 1];
    if (b == a) {
        return 0; /* never seen: feats class 0 is "_" */
    }
    if (b - a == 1) {
        return t->cand[a];
    }
    /* the classes of the FEATS model are positions in the tag's candidate
     * list (every FEATS feature includes the tag) */
    uint64_t f[FEATS_FEATS];
    size_t k = feats_features(f, sc->lex, n, i, sc->tag);
    memset(sc->scores, 0, t->feats.n_classes * sizeof *sc->scores);
    kg_syn_model_score(&t->feats, f, k, sc->scores);
    uint32_t best = 0;
    for (uint32_t j = 1; j < b - a; j++) {
        if (sc->scores[j] > sc->scores[best]) {
            best = j;
        }
    }
    return t->cand[a + best];
}

void kg_syn_tagger_tag(const kg_syn_tagger *t, kg_syn_scratch *sc, kg_token *tokens, size_t n)
{
    amb_fill(&t->amb, sc->lex, n, sc->amb);
    for (size_t i = 0; i < n; i++) {
        sc->tag[i] = predict_tag(t, sc, n, i);
    }
    if (t->two_pass) {
        memcpy(sc->tag1, sc->tag, n * sizeof *sc->tag);
        for (size_t i = 0; i < n; i++) {
            if (dict_get(t, sc->lex[i].form) > 0) {
                continue;
            }
            uint64_t f[TAG2_FEATS];
            size_t k = tag2_features(f, sc->lex, sc->amb, n, i, sc->tag, sc->tag1);
            memset(sc->scores, 0, t->n_tags * sizeof *sc->scores);
            kg_syn_model_score(&t->tags2, f, k, sc->scores);
            sc->tag[i] = (uint16_t)argmax_from(sc->scores, 1, t->n_tags);
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t fc = predict_feats(t, sc, n, i);
        tokens[i].upos = t->tag_upos[sc->tag[i]];
        tokens[i].xpos = t->tag_xpos[sc->tag[i]];
        tokens[i].feats = t->strings + t->feats_off[fc];
    }
}

/* ------------------------------------------------------------------ loading */

int kg_syn_tagger_read(kg_syn_tagger *out, const kg_blob *blob)
{
    kg_reader r;
    kg_syn_tagger t;
    memset(&t, 0, sizeof t);
    kg_reader_init(&r, blob->data, blob->size);
    t.n_tags = kg_read_u32(&r);
    if (r.failed || t.n_tags < 2 || t.n_tags > 255) {
        return kg_error_set(KG_EFORMAT, "bad tag class count");
    }
    t.tag_upos = kg_read_array(&r, 1, t.n_tags);
    t.tag_xpos = kg_read_array(&r, 1, t.n_tags);
    kg_read_align(&r, 4);
    t.n_feats = kg_read_u32(&r);
    t.strings_len = kg_read_u32(&r);
    if (r.failed || t.n_feats == 0 || t.n_feats > 65535) {
        return kg_error_set(KG_EFORMAT, "bad feature class count");
    }
    t.feats_off = kg_read_array(&r, 4, t.n_feats);
    t.strings = kg_read_array(&r, 1, t.strings_len);
    kg_read_align(&r, 4);
    t.cand_off = kg_read_array(&r, 4, (size_t)t.n_tags + 1);
    uint32_t n_cand = kg_read_u32(&r);
    t.cand = kg_read_array(&r, 2, n_cand);
    kg_read_align(&r, 8);
    if (r.failed) {
        return kg_error_set(KG_EFORMAT, "tagger tables truncated");
    }
    for (uint32_t i = 0; i < t.n_tags; i++) {
        if (t.tag_upos[i] >= KG_UPOS_COUNT || t.tag_xpos[i] >= KG_XPOS_COUNT) {
            return kg_error_set(KG_EFORMAT, "tag out of range");
        }
    }
    if (t.strings_len == 0 || t.strings[t.strings_len - 1] != '\0') {
        return kg_error_set(KG_EFORMAT, "bad string table");
    }
    for (uint32_t i = 0; i < t.n_feats; i++) {
        if (t.feats_off[i] >= t.strings_len) {
            return kg_error_set(KG_EFORMAT, "string offset out of range");
        }
    }
    for (uint32_t i = 0; i < t.n_tags; i++) {
        if (t.cand_off[i] > t.cand_off[i + 1]) {
            return kg_error_set(KG_EFORMAT, "bad candidate table");
        }
    }
    if (t.cand_off[0] != 0 || t.cand_off[t.n_tags] != n_cand) {
        return kg_error_set(KG_EFORMAT, "bad candidate table");
    }
    for (uint32_t i = 0; i < n_cand; i++) {
        if (t.cand[i] >= t.n_feats) {
            return kg_error_set(KG_EFORMAT, "feature candidate out of range");
        }
    }
    int rc = kg_syn_table_read(&t.dict, &r, t.n_tags, t.n_tags);
    if (!rc) {
        rc = kg_syn_table_read(&t.amb, &r, UINT32_MAX, 0);
    }
    if (rc) {
        return rc;
    }
    rc = kg_syn_model_read(&t.tags, &r);
    if (!rc) {
        kg_read_align(&r, 8);
        rc = kg_syn_model_read(&t.feats, &r);
    }
    if (rc) {
        return rc;
    }
    if (t.tags.n_classes != t.n_tags) {
        return kg_error_set(KG_EFORMAT, "tagger class counts do not match");
    }
    for (uint32_t i = 0; i < t.n_tags; i++) {
        if (t.cand_off[i + 1] - t.cand_off[i] > t.feats.n_classes) {
            return kg_error_set(KG_EFORMAT, "feature candidates do not match the model");
        }
    }
    t.two_pass = (int)kg_read_u32(&r);
    if (r.failed || t.two_pass > 1) {
        return kg_error_set(KG_EFORMAT, "bad tagger pass count");
    }
    if (t.two_pass) {
        kg_read_align(&r, 8);
        if ((rc = kg_syn_model_read(&t.tags2, &r))) {
            return rc;
        }
        if (t.tags2.n_classes != t.n_tags) {
            return kg_error_set(KG_EFORMAT, "tagger class counts do not match");
        }
    }
    if (r.p != r.end) {
        return kg_error_set(KG_EFORMAT, "trailing bytes after the tagger model");
    }
    *out = t;
    return KG_OK;
}

/* ----------------------------------------------------------------- training */

void kg_syn_logf(const kg_syn_log *log, const char *fmt, ...)
{
    if (!log || !log->fn) {
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log->fn(log->ctx, msg);
}

typedef struct tag_trainer {
    kg_map *tags; /* "upos xpos" -> class */
    uint8_t *upos, *xpos;
    size_t n_tags, cap_upos, cap_xpos;
    kg_map *feats;               /* feats string -> class */
    uint8_t *seen;               /* n_tags x n_feats: feats seen with tag */
    kg_strbuf dict_buf, amb_buf; /* the tables as written */
    kg_syn_table dict, amb;
    uint16_t *gold_tag; /* per train token */
    uint32_t *gold_feats;
} tag_trainer;

static int tag_class_of(tag_trainer *tt, int upos, int xpos, int add, uint32_t *out)
{
    char key[2] = {(char)upos, (char)xpos};
    if (kg_map_get(tt->tags, key, 2, out)) {
        return KG_OK;
    }
    if (!add) {
        *out = 0;
        return KG_OK;
    }
    if (kg_grow((void **)&tt->upos, &tt->cap_upos, tt->n_tags + 1, 1) ||
        kg_grow((void **)&tt->xpos, &tt->cap_xpos, tt->n_tags + 1, 1)) {
        return KG_ENOMEM;
    }
    tt->upos[tt->n_tags] = (uint8_t)upos;
    tt->xpos[tt->n_tags] = (uint8_t)xpos;
    *out = (uint32_t)tt->n_tags;
    tt->n_tags++;
    return kg_map_put(tt->tags, key, 2, *out);
}

/* Counts tags per form hash (exact form, or lower-cased when lower): *forms
 * maps the 8-byte hash to an id, counts[id * (n_tags + 1)] is the total and
 * counts[id * (n_tags + 1) + 1 + tag] the count of tag. */
static int count_tags(const tag_trainer *tt, const kg_document *d, int lower, kg_map **forms,
                      uint32_t **counts)
{
    size_t stride = tt->n_tags + 1, cap = 0;
    int rc = kg_map_new(forms);
    if (rc) {
        return rc;
    }
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *se = &d->sentences[si];
        for (size_t i = se->first; i < se->first + se->count; i++) {
            kg_syn_lex lx;
            kg_syn_lex_compute(&lx, d->tokens[i].form, 0);
            uint64_t h = lower ? lx.lower : lx.form;
            char key[8];
            memcpy(key, &h, 8);
            uint32_t id;
            int inserted = 0;
            if ((rc = kg_map_intern(*forms, key, 8, (uint32_t)kg_map_count(*forms), &id,
                                    &inserted))) {
                return rc;
            }
            if (inserted) {
                size_t old = cap;
                if (kg_grow((void **)counts, &cap, (id + 1) * stride, sizeof **counts)) {
                    return KG_ENOMEM;
                }
                memset(*counts + old, 0, (cap - old) * sizeof **counts);
            }
            (*counts)[id * stride]++;
            (*counts)[id * stride + 1 + tt->gold_tag[i]]++;
        }
    }
    return KG_OK;
}

static uint64_t key_hash(const kg_map *forms, size_t id)
{
    size_t len = 0;
    uint64_t h;
    memcpy(&h, kg_map_key(forms, id, &len), 8);
    return h;
}

/* Dictionary: forms seen >= 20 times with one tag >= 99.5% of the time. */
static int build_dict(tag_trainer *tt, const kg_map *forms, const uint32_t *counts)
{
    size_t stride = tt->n_tags + 1, nforms = kg_map_count(forms), n = 0;
    uint64_t *keys = kg_malloc((nforms + 1) * sizeof *keys);
    uint32_t *vals = kg_malloc((nforms + 1) * sizeof *vals);
    int rc = KG_OK;
    if (!keys || !vals) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t id = 0; id < nforms; id++) {
        const uint32_t *c = counts + id * stride;
        if (c[0] < 20) {
            continue;
        }
        uint32_t best = 0;
        for (size_t t = 1; t < tt->n_tags; t++) {
            if (c[1 + t] > c[1 + best]) {
                best = (uint32_t)t;
            }
        }
        if (c[1 + best] * 1000u < c[0] * 995u) {
            continue;
        }
        keys[n] = key_hash(forms, id);
        vals[n++] = best;
    }
    kg_reader r;
    if ((rc = kg_syn_table_write(&tt->dict_buf, keys, vals, n))) {
        goto done;
    }
    kg_reader_init(&r, tt->dict_buf.data, tt->dict_buf.len);
    rc = kg_syn_table_read(&tt->dict, &r, (uint32_t)tt->n_tags, (uint32_t)tt->n_tags);
done:
    kg_free(keys);
    kg_free(vals);
    return rc;
}

/* Ambiguity classes: for lower-cased forms seen >= 3 times, the set of tags
 * making up at least 5% of their occurrences, numbered from 1. */
static int build_amb(tag_trainer *tt, const kg_map *forms, const uint32_t *counts)
{
    size_t stride = tt->n_tags + 1, nforms = kg_map_count(forms), n = 0;
    uint64_t *keys = kg_malloc((nforms + 1) * sizeof *keys);
    uint32_t *vals = kg_malloc((nforms + 1) * sizeof *vals);
    uint16_t *set = kg_malloc(stride * sizeof *set);
    kg_map *classes = NULL;
    int rc = kg_map_new(&classes);
    if (rc) {
        goto done;
    }
    if (!keys || !vals || !set) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t id = 0; id < nforms; id++) {
        const uint32_t *c = counts + id * stride;
        if (c[0] < 3) {
            continue;
        }
        size_t k = 0;
        for (size_t t = 1; t < tt->n_tags; t++) {
            if (c[1 + t] && c[1 + t] * 20u >= c[0]) {
                set[k++] = (uint16_t)t;
            }
        }
        uint32_t cls;
        if ((rc = kg_map_intern(classes, (const char *)set, k * sizeof *set,
                                (uint32_t)kg_map_count(classes) + 1, &cls, NULL))) {
            goto done;
        }
        keys[n] = key_hash(forms, id);
        vals[n++] = cls;
    }
    kg_reader r;
    if ((rc = kg_syn_table_write(&tt->amb_buf, keys, vals, n))) {
        goto done;
    }
    kg_reader_init(&r, tt->amb_buf.data, tt->amb_buf.len);
    rc = kg_syn_table_read(&tt->amb, &r, UINT32_MAX, 0);
done:
    kg_map_free(classes);
    kg_free(keys);
    kg_free(vals);
    kg_free(set);
    return rc;
}

/* Collects tag classes (class 0 = none), feats classes (class 0 = "_"),
 * candidates and the dictionary of unambiguous frequent words. */
static int tag_prepare(tag_trainer *tt, const kg_document *d)
{
    int rc = KG_OK;
    kg_map *forms = NULL;
    uint32_t *counts = NULL; /* per distinct form: total, then per tag */
    uint32_t cls;
    if ((rc = kg_map_new(&tt->tags)) || (rc = kg_map_new(&tt->feats))) {
        goto done;
    }
    if ((rc = tag_class_of(tt, 0, 0, 1, &cls))) {
        goto done;
    }
    uint32_t fc;
    if ((rc = kg_map_intern(tt->feats, "_", 1, 0, &fc, NULL))) {
        goto done;
    }
    tt->gold_tag = kg_calloc(d->n_tokens + 1, sizeof *tt->gold_tag);
    tt->gold_feats = kg_calloc(d->n_tokens + 1, sizeof *tt->gold_feats);
    if (!tt->gold_tag || !tt->gold_feats) {
        rc = KG_ENOMEM;
        goto done;
    }
    /* only the tokens of d's sentences count (jackknifing passes a subset) */
    for (size_t si = 0; si < d->n_sentences; si++) {
        for (size_t i = d->sentences[si].first; i < d->sentences[si].first + d->sentences[si].count;
             i++) {
            const kg_token *t = &d->tokens[i];
            if ((rc = tag_class_of(tt, t->upos, t->xpos, 1, &cls))) {
                goto done;
            }
            tt->gold_tag[i] = (uint16_t)cls;
            const char *fs = t->feats ? t->feats : "_";
            if ((rc = kg_map_intern(tt->feats, fs, strlen(fs), (uint32_t)kg_map_count(tt->feats),
                                    &fc, NULL))) {
                goto done;
            }
            tt->gold_feats[i] = fc;
        }
    }
    if (tt->n_tags > 255 || kg_map_count(tt->feats) > 65535) {
        rc = kg_error_set(KG_EINPUT, "too many tag classes");
        goto done;
    }
    size_t nf = kg_map_count(tt->feats);
    tt->seen = kg_calloc(tt->n_tags * nf, 1);
    if (!tt->seen) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t si = 0; si < d->n_sentences; si++) {
        for (size_t i = d->sentences[si].first; i < d->sentences[si].first + d->sentences[si].count;
             i++) {
            tt->seen[tt->gold_tag[i] * nf + tt->gold_feats[i]] = 1;
        }
    }

    /* per exact form (dictionary) and per lower-cased form (ambiguity
     * classes): how often each tag was seen */
    if ((rc = count_tags(tt, d, 0, &forms, &counts)) || (rc = build_dict(tt, forms, counts))) {
        goto done;
    }
    kg_map_free(forms);
    kg_free(counts);
    forms = NULL;
    counts = NULL;
    if ((rc = count_tags(tt, d, 1, &forms, &counts)) || (rc = build_amb(tt, forms, counts))) {
        goto done;
    }
done:
    kg_map_free(forms);
    kg_free(counts);
    return rc;
}

static void tag_trainer_free(tag_trainer *tt)
{
    kg_map_free(tt->tags);
    kg_map_free(tt->feats);
    kg_free(tt->upos);
    kg_free(tt->xpos);
    kg_free(tt->seen);
    kg_strbuf_free(&tt->dict_buf);
    kg_strbuf_free(&tt->amb_buf);
    kg_free(tt->gold_tag);
    kg_free(tt->gold_feats);
}

static int tag_write(kg_strbuf *b, const tag_trainer *tt, const kg_syn_ptrain *pt,
                     const kg_syn_ptrain *pf, float prune)
{
    int rc = kg_write_u32(b, (uint32_t)tt->n_tags);
    if (!rc) {
        rc = kg_strbuf_append(b, tt->upos, tt->n_tags);
    }
    if (!rc) {
        rc = kg_strbuf_append(b, tt->xpos, tt->n_tags);
    }
    if (!rc) {
        rc = kg_write_align(b, 4);
    }
    size_t nf = kg_map_count(tt->feats);
    uint32_t slen = 0;
    for (size_t i = 0; i < nf; i++) {
        size_t len;
        kg_map_key(tt->feats, i, &len);
        slen += (uint32_t)len + 1;
    }
    if (!rc) {
        rc = kg_write_u32(b, (uint32_t)nf);
    }
    if (!rc) {
        rc = kg_write_u32(b, slen);
    }
    uint32_t off = 0;
    for (size_t i = 0; !rc && i < nf; i++) {
        size_t len;
        kg_map_key(tt->feats, i, &len);
        rc = kg_write_u32(b, off);
        off += (uint32_t)len + 1;
    }
    for (size_t i = 0; !rc && i < nf; i++) {
        size_t len;
        const char *k = kg_map_key(tt->feats, i, &len);
        rc = kg_strbuf_append(b, k, len + 1);
    }
    if (!rc) {
        rc = kg_write_align(b, 4);
    }
    uint32_t n_cand = 0;
    for (size_t t = 0; !rc && t < tt->n_tags; t++) {
        rc = kg_write_u32(b, n_cand);
        for (size_t f = 0; f < nf; f++) {
            n_cand += tt->seen[t * nf + f];
        }
    }
    if (!rc) {
        rc = kg_write_u32(b, n_cand);
    }
    if (!rc) {
        rc = kg_write_u32(b, n_cand);
    }
    for (size_t t = 0; !rc && t < tt->n_tags; t++) {
        for (size_t f = 0; !rc && f < nf; f++) {
            if (tt->seen[t * nf + f]) {
                unsigned char q[2] = {(unsigned char)(f & 0xff), (unsigned char)(f >> 8)};
                rc = kg_strbuf_append(b, q, 2);
            }
        }
    }
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
    if (!rc) {
        rc = kg_strbuf_append(b, tt->dict_buf.data, tt->dict_buf.len);
    }
    if (!rc) {
        rc = kg_strbuf_append(b, tt->amb_buf.data, tt->amb_buf.len);
    }
    if (!rc) {
        rc = kg_syn_ptrain_write(pt, b, prune);
    }
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
    if (!rc) {
        rc = kg_syn_ptrain_write(pf, b, prune);
    }
    if (!rc) {
        rc = kg_write_u32(b, 0); /* one pass; kg_syn_tagger_train2 adds the second */
    }
    return rc;
}

static uint32_t fargmax_from(const float *scores, uint32_t from, uint32_t n)
{
    uint32_t best = from;
    for (uint32_t c = from + 1; c < n; c++) {
        if (scores[c] > scores[best]) {
            best = c;
        }
    }
    return best;
}

/* Tags dev with a candidate payload; returns joint tag and feats accuracy. */
static int tag_evaluate(const kg_strbuf *payload, const kg_document *dev, double *tag_acc,
                        double *upos_acc, double *feats_acc)
{
    int rc = KG_OK;
    kg_syn_tagger t;
    kg_syn_scratch sc;
    memset(&sc, 0, sizeof sc);
    kg_blob blob = {(const unsigned char *)payload->data, payload->len, NULL, 0};
    kg_token *toks = NULL;
    if ((rc = kg_syn_tagger_read(&t, &blob))) {
        goto done;
    }
    size_t ok_tag = 0, ok_upos = 0, ok_feats = 0;
    toks = kg_malloc((dev->n_tokens + 1) * sizeof *toks);
    if (!toks) {
        rc = KG_ENOMEM;
        goto done;
    }
    memcpy(toks, dev->tokens, dev->n_tokens * sizeof *toks);
    for (size_t s = 0; s < dev->n_sentences; s++) {
        const kg_sentence *se = &dev->sentences[s];
        if ((rc = kg_syn_scratch_reserve(&sc, se->count,
                                         t.n_tags > t.n_feats ? t.n_tags : t.n_feats))) {
            goto done;
        }
        for (uint32_t i = 0; i < se->count; i++) {
            kg_syn_lex_compute(&sc.lex[i], dev->tokens[se->first + i].form, i == 0);
        }
        kg_syn_tagger_tag(&t, &sc, toks + se->first, se->count);
    }
    for (size_t i = 0; i < dev->n_tokens; i++) {
        const kg_token *g = &dev->tokens[i], *p = &toks[i];
        ok_upos += g->upos == p->upos;
        ok_tag += g->upos == p->upos && g->xpos == p->xpos;
        ok_feats += strcmp(g->feats ? g->feats : "_", p->feats) == 0;
    }
    double n = dev->n_tokens ? (double)dev->n_tokens : 1.0;
    *tag_acc = ok_tag / n;
    *upos_acc = ok_upos / n;
    *feats_acc = ok_feats / n;
done:
    kg_free(toks);
    kg_syn_scratch_free(&sc);
    return rc;
}

int kg_syn_tagger_train(kg_strbuf *out, const kg_document *train, const kg_document *dev,
                        int epochs, float prune, uint64_t seed, const kg_syn_log *log)
{
    int rc = KG_OK;
    tag_trainer tt;
    memset(&tt, 0, sizeof tt);
    kg_strbuf_init(&tt.dict_buf, SIZE_MAX);
    kg_strbuf_init(&tt.amb_buf, SIZE_MAX);
    kg_syn_ptrain *pt = NULL, *pf = NULL;
    uint32_t *order = NULL;
    float *scores = NULL;
    uint16_t *tags = NULL;
    kg_syn_lex *lex = NULL;
    uint32_t *amb = NULL;
    size_t lex_cap = 0, amb_cap = 0;
    kg_strbuf cand = KG_STRBUF_INIT;
    double best = -1;
    uint64_t rng = seed ^ 0x7461676765720001ull;

    if ((rc = tag_prepare(&tt, train))) {
        goto done;
    }
    size_t nf = kg_map_count(tt.feats);
    /* FEATS classes are positions in a tag's candidate list */
    size_t max_cand = 1;
    for (size_t t = 0; t < tt.n_tags; t++) {
        size_t c = 0;
        for (size_t f = 0; f < nf; f++) {
            c += tt.seen[t * nf + f];
        }
        if (c > max_cand) {
            max_cand = c;
        }
    }
    if (max_cand > 255) {
        rc = kg_error_set(KG_EINPUT, "a tag has %zu FEATS values (at most 255)", max_cand);
        goto done;
    }
    if ((rc = kg_syn_ptrain_new(&pt, (uint32_t)tt.n_tags)) ||
        (rc = kg_syn_ptrain_new(&pf, (uint32_t)max_cand))) {
        goto done;
    }
    order = kg_malloc((train->n_sentences + 1) * sizeof *order);
    scores = kg_malloc((tt.n_tags > nf ? tt.n_tags : nf) * sizeof *scores);
    tags = kg_malloc((train->n_tokens + 1) * sizeof *tags);
    if (!order || !scores || !tags) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < train->n_sentences; i++) {
        order[i] = (uint32_t)i;
    }
    kg_syn_tagger tmp; /* for dictionary look-ups during training */
    memset(&tmp, 0, sizeof tmp);
    tmp.dict = tt.dict;
    for (int ep = 0; ep < epochs; ep++) {
        kg_syn_shuffle(order, train->n_sentences, &rng);
        size_t correct = 0, total = 0;
        for (size_t oi = 0; oi < train->n_sentences; oi++) {
            const kg_sentence *se = &train->sentences[order[oi]];
            size_t n = se->count;
            if (kg_grow((void **)&lex, &lex_cap, n + 1, sizeof *lex) ||
                kg_grow((void **)&amb, &amb_cap, n + 1, sizeof *amb)) {
                rc = KG_ENOMEM;
                goto done;
            }
            const uint16_t *gold = tt.gold_tag + se->first;
            uint16_t *pred = tags + se->first;
            for (size_t i = 0; i < n; i++) {
                kg_syn_lex_compute(&lex[i], train->tokens[se->first + i].form, i == 0);
            }
            amb_fill(&tt.amb, lex, n, amb);
            for (size_t i = 0; i < n; i++) {
                int d = dict_get(&tmp, lex[i].form);
                if (d > 0) {
                    pred[i] = (uint16_t)d;
                    continue;
                }
                uint64_t f[TAG_FEATS];
                size_t k = tag_features(f, lex, amb, n, i, pred);
                memset(scores, 0, tt.n_tags * sizeof *scores);
                kg_syn_ptrain_score(pt, f, k, scores);
                uint32_t g = fargmax_from(scores, 1, (uint32_t)tt.n_tags);
                kg_syn_ptrain_tick(pt);
                if ((rc = kg_syn_ptrain_update(pt, f, k, gold[i], g))) {
                    goto done;
                }
                pred[i] = (uint16_t)g;
                correct += g == gold[i];
                total++;
            }
            /* FEATS, trained on gold tags */
            for (size_t i = 0; i < n; i++) {
                uint32_t gf = tt.gold_feats[se->first + i];
                const uint8_t *seen = tt.seen + (size_t)gold[i] * nf;
                uint32_t nseen = 0, truth = 0;
                for (size_t c = 0; c < nf; c++) {
                    truth += c < gf && seen[c]; /* position of gf among the candidates */
                    nseen += seen[c];
                }
                if (nseen < 2) {
                    continue;
                }
                uint64_t f[FEATS_FEATS];
                size_t k = feats_features(f, lex, n, i, gold);
                memset(scores, 0, max_cand * sizeof *scores);
                kg_syn_ptrain_score(pf, f, k, scores);
                /* the same tie-breaking as predict_feats: first candidate wins */
                uint32_t g = 0;
                for (uint32_t c = 1; c < nseen; c++) {
                    if (scores[c] > scores[g]) {
                        g = c;
                    }
                }
                kg_syn_ptrain_tick(pf);
                if ((rc = kg_syn_ptrain_update(pf, f, k, truth, g))) {
                    goto done;
                }
            }
        }
        kg_strbuf_clear(&cand);
        if ((rc = tag_write(&cand, &tt, pt, pf, prune))) {
            goto done;
        }
        double acc = total ? (double)correct / (double)total : 0, tag_acc = 0, upos = 0, feats = 0;
        if (dev && (rc = tag_evaluate(&cand, dev, &tag_acc, &upos, &feats))) {
            goto done;
        }
        kg_syn_logf(log,
                    "tagger epoch %d: train %.4f (non-dictionary), dev tag %.4f upos %.4f "
                    "feats %.4f",
                    ep + 1, acc, tag_acc, upos, feats);
        double score = dev ? tag_acc + feats : (double)ep;
        if ((rc = kg_syn_keep_best(out, &cand, score, &best))) {
            goto done;
        }
    }
done:
    tag_trainer_free(&tt);
    kg_syn_ptrain_free(pt);
    kg_syn_ptrain_free(pf);
    kg_free(order);
    kg_free(scores);
    kg_free(tags);
    kg_free(lex);
    kg_free(amb);
    kg_strbuf_free(&cand);
    return rc;
}

/* ------------------------------------------------------- second pass */

int kg_syn_tagger_train2(kg_strbuf *out, const kg_strbuf *pass1, const kg_document *train,
                         const uint16_t *first, const kg_document *dev, int epochs, float prune,
                         uint64_t seed, const kg_syn_log *log)
{
    int rc = KG_OK;
    kg_syn_tagger t;
    kg_syn_ptrain *pt = NULL;
    uint32_t *order = NULL;
    float *scores = NULL;
    uint16_t *pred = NULL, *gold = NULL;
    kg_syn_lex *lex = NULL;
    uint32_t *amb = NULL;
    size_t cap = 0, cap_amb = 0, cap_pred = 0, cap_gold = 0;
    kg_strbuf cand = KG_STRBUF_INIT;
    double best = -1;
    uint64_t rng = seed ^ 0x7461676765720002ull;
    kg_blob blob = {(const unsigned char *)pass1->data, pass1->len, NULL, 0};

    if ((rc = kg_syn_tagger_read(&t, &blob))) {
        goto done;
    }
    if (t.two_pass || pass1->len < 4) {
        rc = kg_error_set(KG_EINVAL, "kg_syn_tagger_train2 needs a one-pass tagger");
        goto done;
    }
    if ((rc = kg_syn_ptrain_new(&pt, t.n_tags))) {
        goto done;
    }
    order = kg_malloc((train->n_sentences + 1) * sizeof *order);
    scores = kg_malloc(t.n_tags * sizeof *scores);
    if (!order || !scores) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < train->n_sentences; i++) {
        order[i] = (uint32_t)i;
    }
    for (int ep = 0; ep < epochs; ep++) {
        kg_syn_shuffle(order, train->n_sentences, &rng);
        size_t correct = 0, total = 0;
        for (size_t oi = 0; oi < train->n_sentences; oi++) {
            const kg_sentence *se = &train->sentences[order[oi]];
            size_t n = se->count;
            if (kg_grow((void **)&lex, &cap, n + 1, sizeof *lex) ||
                kg_grow((void **)&amb, &cap_amb, n + 1, sizeof *amb) ||
                kg_grow((void **)&pred, &cap_pred, n + 1, sizeof *pred) ||
                kg_grow((void **)&gold, &cap_gold, n + 1, sizeof *gold)) {
                rc = KG_ENOMEM;
                goto done;
            }
            const kg_token *tok = train->tokens + se->first;
            const uint16_t *f1 = first + se->first;
            for (size_t i = 0; i < n; i++) {
                kg_syn_lex_compute(&lex[i], tok[i].form, i == 0);
                gold[i] = kg_syn_tagger_class(&t, tok[i].upos, tok[i].xpos);
            }
            amb_fill(&t.amb, lex, n, amb);
            for (size_t i = 0; i < n; i++) {
                int d = dict_get(&t, lex[i].form);
                if (d > 0) {
                    pred[i] = (uint16_t)d;
                    continue;
                }
                uint64_t f[TAG2_FEATS];
                size_t k = tag2_features(f, lex, amb, n, i, pred, f1);
                memset(scores, 0, t.n_tags * sizeof *scores);
                kg_syn_ptrain_score(pt, f, k, scores);
                uint32_t g = fargmax_from(scores, 1, t.n_tags);
                kg_syn_ptrain_tick(pt);
                if (gold[i] && (rc = kg_syn_ptrain_update(pt, f, k, gold[i], g))) {
                    goto done;
                }
                pred[i] = (uint16_t)g;
                correct += g == gold[i];
                total++;
            }
        }
        kg_strbuf_clear(&cand);
        if ((rc = kg_strbuf_append(&cand, pass1->data, pass1->len - 4)) ||
            (rc = kg_write_u32(&cand, 1)) || (rc = kg_write_align(&cand, 8)) ||
            (rc = kg_syn_ptrain_write(pt, &cand, prune))) {
            goto done;
        }
        double acc = total ? (double)correct / (double)total : 0, tag_acc = 0, upos = 0, feats = 0;
        if (dev && (rc = tag_evaluate(&cand, dev, &tag_acc, &upos, &feats))) {
            goto done;
        }
        kg_syn_logf(log, "tagger pass 2 epoch %d: train %.4f, dev tag %.4f upos %.4f feats %.4f",
                    ep + 1, acc, tag_acc, upos, feats);
        double score = dev ? tag_acc + feats : (double)ep;
        if ((rc = kg_syn_keep_best(out, &cand, score, &best))) {
            goto done;
        }
    }
done:
    kg_syn_ptrain_free(pt);
    kg_free(order);
    kg_free(scores);
    kg_free(pred);
    kg_free(gold);
    kg_free(lex);
    kg_free(amb);
    kg_strbuf_free(&cand);
    return rc;
}
