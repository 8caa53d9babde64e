/* lemmatizer.c - lemmas from forms and tags.
 *
 * Algorithm: a lexicon of (form, XPOS) -> most frequent lemma taken from the
 * training treebanks (forms lower-cased except for proper nouns), and for
 * unknown words suffix edit scripts ("strip n bytes, append s") learned per
 * XPOS from the training word types, applied by longest matching suffix (up to
 * five bytes), in the spirit of the edit-tree lemmatisers of Chrupala (2008)
 * and Mueller et al. (2015), reduced to suffix edits. Proper nouns keep their
 * case; other words are lower-cased before the edit. */
#include "syntax_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SAME_AS_FORM 0xffffffffu
#define MAX_SUFFIX 5

static size_t lem_slot(uint64_t key, uint64_t mask)
{
    return (size_t)((key ^ (key >> 27)) & mask);
}

static int keeps_case(int xpos)
{
    return xpos == KG_XPOS_NNP || xpos == KG_XPOS_NNPS;
}

/* Lexicon key: proper nouns by their exact form, other words lower-cased (so
 * "People" and "people" share one entry). */
static uint64_t lex_key(const kg_syn_lex *lx, int xpos)
{
    return kg_syn_feat(1, keeps_case(xpos) ? lx->form : lx->lower, (uint64_t)xpos, 0);
}

static uint64_t rule_key(const kg_syn_lex *lx, int xpos, size_t k)
{
    return kg_syn_feat(2, (uint64_t)xpos, k ? lx->suf[k - 1] : 0, k);
}

static int table_get(const uint64_t *keys, const uint32_t *vals, uint64_t mask, uint64_t key,
                     uint32_t *out)
{
    size_t i = lem_slot(key, mask);
    for (;;) {
        if (keys[i] == key) {
            *out = vals[i];
            return 1;
        }
        if (keys[i] == 0) {
            return 0;
        }
        i = (i + 1) & mask;
    }
}

/* The tag whose forms share their lemma with this one's, or 0: past tense
 * and past participle ("postponed" is postpone whichever it was tagged),
 * base form and non-third-person present. A word the lexicon knows under
 * the sibling tag takes that lemma before any suffix rule is tried. */
static int sibling_tag(int xpos)
{
    switch (xpos) {
    case KG_XPOS_VBD:
        return KG_XPOS_VBN;
    case KG_XPOS_VBN:
        return KG_XPOS_VBD;
    case KG_XPOS_VB:
        return KG_XPOS_VBP;
    case KG_XPOS_VBP:
        return KG_XPOS_VB;
    default:
        return 0;
    }
}

/* form with its case normalised for xpos, into buf (n + 1 bytes). */
static void normalise(char *buf, const char *form, size_t n, int xpos)
{
    for (size_t i = 0; i < n; i++) {
        char c = form[i];
        buf[i] = !keeps_case(xpos) && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    buf[n] = '\0';
}

int kg_syn_lemmatize(const kg_syn_lemmatizer *l, kg_syn_scratch *sc, kg_token *tokens, size_t n,
                     kg_arena *arena)
{
    for (size_t i = 0; i < n; i++) {
        kg_token *t = &tokens[i];
        const kg_syn_lex *lx = &sc->lex[i];
        uint32_t v;
        size_t len = strlen(t->form);
        if (kg_grow((void **)&sc->buf, &sc->buf_cap, len + 1, 1)) {
            return KG_ENOMEM;
        }
        if (table_get(l->lex_keys, l->lex_vals, l->lex_mask, lex_key(lx, t->xpos), &v) ||
            (sibling_tag(t->xpos) && table_get(l->lex_keys, l->lex_vals, l->lex_mask,
                                               lex_key(lx, sibling_tag(t->xpos)), &v))) {
            if (v != SAME_AS_FORM) {
                t->lemma = l->strings + v;
            } else if (keeps_case(t->xpos) || lx->form == lx->lower) {
                t->lemma = t->form; /* (no upper-case letter: same hash) */
            } else {
                normalise(sc->buf, t->form, len, t->xpos);
                if (!(t->lemma = kg_arena_strndup(arena, sc->buf, len))) {
                    return KG_ENOMEM;
                }
            }
            continue;
        }
        normalise(sc->buf, t->form, len, t->xpos);
        uint32_t strip = 0;
        const char *app = "";
        size_t kmax = len <= MAX_SUFFIX ? (len ? len - 1 : 0) : MAX_SUFFIX;
        for (size_t k = kmax + 1; k-- > 0;) {
            if (table_get(l->rule_keys, l->rule_vals, l->rule_mask, rule_key(lx, t->xpos, k), &v)) {
                strip = v >> 24;
                app = l->strings + (v & 0xffffffu);
                break;
            }
        }
        if (strip >= len) {
            strip = 0, app = "";
        }
        size_t keep = len - strip, alen = strlen(app);
        if (alen == 0 && keep == len && memcmp(sc->buf, t->form, len) == 0) {
            t->lemma = t->form;
            continue;
        }
        char *s = kg_arena_alloc(arena, keep + alen + 1);
        if (!s) {
            return KG_ENOMEM;
        }
        memcpy(s, sc->buf, keep);
        memcpy(s + keep, app, alen);
        s[keep + alen] = '\0';
        t->lemma = s;
    }
    return KG_OK;
}

int kg_syn_lemmatizer_read(kg_syn_lemmatizer *out, const kg_blob *blob)
{
    kg_reader r;
    kg_syn_lemmatizer l;
    memset(&l, 0, sizeof l);
    kg_reader_init(&r, blob->data, blob->size);
    uint32_t lex_log2 = kg_read_u32(&r), rule_log2 = kg_read_u32(&r);
    l.strings_len = kg_read_u32(&r);
    if (r.failed || lex_log2 > 30 || rule_log2 > 30) {
        return kg_error_set(KG_EFORMAT, "bad lemmatiser header");
    }
    size_t lcap = (size_t)1 << lex_log2, rcap = (size_t)1 << rule_log2;
    kg_read_align(&r, 8);
    l.lex_keys = kg_read_array(&r, 8, lcap);
    l.lex_vals = kg_read_array(&r, 4, lcap);
    kg_read_align(&r, 8);
    l.rule_keys = kg_read_array(&r, 8, rcap);
    l.rule_vals = kg_read_array(&r, 4, rcap);
    l.strings = kg_read_array(&r, 1, l.strings_len);
    if (r.failed) {
        return kg_error_set(KG_EFORMAT, "lemmatiser tables truncated");
    }
    if (r.p != r.end) {
        return kg_error_set(KG_EFORMAT, "trailing bytes after the lemmatiser model");
    }
    if (l.strings_len == 0 || l.strings[l.strings_len - 1] != '\0') {
        return kg_error_set(KG_EFORMAT, "bad lemmatiser string table");
    }
    size_t empty = 0;
    for (size_t i = 0; i < lcap; i++) {
        if (!l.lex_keys[i]) {
            empty++;
        } else if (l.lex_vals[i] != SAME_AS_FORM && l.lex_vals[i] >= l.strings_len) {
            return kg_error_set(KG_EFORMAT, "lemma offset out of range");
        }
    }
    if (!empty) {
        return kg_error_set(KG_EFORMAT, "lemma table has no empty slot");
    }
    empty = 0;
    for (size_t i = 0; i < rcap; i++) {
        if (!l.rule_keys[i]) {
            empty++;
        } else if ((l.rule_vals[i] & 0xffffffu) >= l.strings_len) {
            return kg_error_set(KG_EFORMAT, "lemma rule offset out of range");
        }
    }
    if (!empty) {
        return kg_error_set(KG_EFORMAT, "lemma rule table has no empty slot");
    }
    l.lex_mask = lcap - 1;
    l.rule_mask = rcap - 1;
    *out = l;
    return KG_OK;
}

/* ----------------------------------------------------------------- training */

typedef struct pair {
    uint64_t key;    /* lexicon or rule key */
    uint64_t parent; /* rule key of the next shorter suffix (rules only) */
    uint32_t value;  /* lemma string id or script id */
    uint32_t count;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    if (x->value != y->value) {
        return x->value < y->value ? -1 : 1;
    }
    return 0;
}

/* Sorts pairs and reduces them to one per key: the value with the highest
 * count (ties: smallest value, i.e. first seen). Returns the new count. */
static size_t majority(pair *p, size_t n)
{
    if (n == 0) {
        return 0;
    }
    qsort(p, n, sizeof *p, cmp_pair);
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        pair best = p[i];
        best.count = 0;
        while (j < n && p[j].key == p[i].key) {
            size_t k = j;
            uint32_t c = 0;
            while (k < n && p[k].key == p[j].key && p[k].value == p[j].value) {
                c += p[k++].count;
            }
            if (c > best.count) {
                best = p[j];
                best.count = c;
            }
            j = k;
        }
        p[out++] = best;
        i = j;
    }
    return out;
}

static int write_table(kg_strbuf *b, const pair *p, size_t n, uint32_t log2,
                       const uint32_t *value_map)
{
    size_t cap = (size_t)1 << log2;
    int rc = KG_OK;
    uint64_t *keys = kg_calloc(cap, sizeof *keys);
    uint32_t *vals = kg_calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = lem_slot(p[i].key, cap - 1);
        while (keys[s]) {
            s = (s + 1) & (cap - 1);
        }
        keys[s] = p[i].key;
        vals[s] = value_map[p[i].value];
    }
    rc = kg_write_align(b, 8);
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = kg_write_u64(b, keys[i]);
    }
    for (size_t i = 0; !rc && i < cap; i++) {
        rc = kg_write_u32(b, vals[i]);
    }
done:
    kg_free(keys);
    kg_free(vals);
    return rc;
}

static uint32_t log2_for(size_t n)
{
    uint32_t l = 4;
    while (((size_t)1 << l) < n * 2 + 16) {
        l++;
    }
    return l;
}

/* A lemma the treebank got wrong in a way English morphology rules out: the
 * past of a verb in -ee keeps its stem ("freed" is "free", as "agreed" is
 * "agree"), never "fre". GUM has one such slip; learning it would lemmatise
 * every "freed" in the news to "fre". */
static int annotation_slip(const kg_token *t)
{
    size_t f = strlen(t->form), l = strlen(t->lemma);
    return (t->xpos == KG_XPOS_VBD || t->xpos == KG_XPOS_VBN) && f >= 4 && l + 2 == f &&
           strcmp(t->form + f - 3, "eed") == 0 && strncasecmp(t->form, t->lemma, l) == 0;
}

int kg_syn_lemmatizer_train(kg_strbuf *out, const kg_document *train, const uint8_t *weight)
{
    int rc = KG_OK;
    kg_map *strs = NULL;  /* lemma strings and scripts ("\x01" strip append) */
    kg_map *types = NULL; /* distinct "form \t xpos \t lemma" */
    pair *lexp = NULL, *rulep = NULL;
    size_t n_lex = 0, cap_lex = 0, n_rule = 0, cap_rule = 0;
    uint32_t *value_map = NULL;
    kg_strbuf key = KG_STRBUF_INIT, pool = KG_STRBUF_INIT;
    char *buf = NULL;
    size_t buf_cap = 0;

    if ((rc = kg_map_new(&strs)) || (rc = kg_map_new(&types))) {
        goto done;
    }
    for (size_t i = 0; i < train->n_tokens; i++) {
        const kg_token *t = &train->tokens[i];
        if (!t->lemma || annotation_slip(t)) {
            continue;
        }
        size_t flen = strlen(t->form), llen = strlen(t->lemma);
        kg_syn_lex lx;
        kg_syn_lex_compute(&lx, t->form, 0);
        /* lexicon: every token counts; SAME_AS_FORM means the lemma is the
         * form with its case normalised */
        if (kg_grow((void **)&buf, &buf_cap, flen + 1, 1)) {
            rc = KG_ENOMEM;
            goto done;
        }
        normalise(buf, t->form, flen, t->xpos);
        uint32_t sid;
        int same = flen == llen && memcmp(buf, t->lemma, flen) == 0;
        if (same) {
            sid = SAME_AS_FORM;
        } else if ((rc = kg_map_intern(strs, t->lemma, llen, (uint32_t)kg_map_count(strs), &sid,
                                       NULL))) {
            goto done;
        }
        if (kg_grow((void **)&lexp, &cap_lex, n_lex + 1, sizeof *lexp)) {
            rc = KG_ENOMEM;
            goto done;
        }
        lexp[n_lex++] = (pair){lex_key(&lx, t->xpos), 0, sid, weight ? weight[i] : 1u};
        /* rules: each (form, xpos, lemma) type counts once */
        kg_strbuf_clear(&key);
        if ((rc = kg_strbuf_printf(&key, "%s\t%d\t%s", t->form, t->xpos, t->lemma))) {
            goto done;
        }
        int fresh = 0;
        uint32_t dummy;
        if ((rc = kg_map_intern(types, key.data, key.len, 0, &dummy, &fresh))) {
            goto done;
        }
        if (!fresh) {
            continue;
        }
        size_t lcp = 0;
        while (lcp < flen && lcp < llen && buf[lcp] == t->lemma[lcp]) {
            lcp++;
        }
        size_t strip = flen - lcp;
        if (strip > 255) {
            continue;
        }
        kg_strbuf_clear(&key);
        if ((rc = kg_strbuf_putc(&key, (char)1)) || (rc = kg_strbuf_putc(&key, (char)strip)) ||
            (rc = kg_strbuf_append(&key, t->lemma + lcp, llen - lcp))) {
            goto done;
        }
        if ((rc = kg_map_intern(strs, key.data, key.len, (uint32_t)kg_map_count(strs), &sid,
                                NULL))) {
            goto done;
        }
        /* proper suffixes only: a whole word is the lexicon's business */
        size_t kmax = flen <= MAX_SUFFIX ? (flen ? flen - 1 : 0) : MAX_SUFFIX;
        for (size_t k = strip; k <= kmax; k++) { /* the suffix covers what is stripped */
            if (kg_grow((void **)&rulep, &cap_rule, n_rule + 1, sizeof *rulep)) {
                rc = KG_ENOMEM;
                goto done;
            }
            rulep[n_rule++] =
                (pair){rule_key(&lx, t->xpos, k), k ? rule_key(&lx, t->xpos, k - 1) : 0, sid, 1};
        }
    }
    n_lex = majority(lexp, n_lex);
    n_rule = majority(rulep, n_rule);
    /* keep a suffix rule only when two or more word types support it (a
     * rule from one word is that word's quirk: "Sept." -> "September" must
     * not turn "Capt." into "Captember"); the empty suffix always stays */
    size_t kept = 0;
    for (size_t i = 0; i < n_rule; i++) {
        if (rulep[i].count >= 2 || rulep[i].parent == 0) {
            rulep[kept++] = rulep[i];
        }
    }
    n_rule = kept;

    /* string pool: every lemma and every script's appended text */
    size_t ns = kg_map_count(strs);
    value_map = kg_malloc((ns + 1) * sizeof *value_map);
    if (!value_map) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_strbuf_putc(&pool, '\0'))) {
        goto done;
    }
    for (size_t i = 0; i < ns; i++) {
        size_t len;
        const char *s = kg_map_key(strs, i, &len);
        uint32_t off = (uint32_t)pool.len;
        if (len >= 2 && s[0] == 1) {
            if ((rc = kg_strbuf_append(&pool, s + 2, len - 2)) ||
                (rc = kg_strbuf_putc(&pool, '\0'))) {
                goto done;
            }
            value_map[i] = (uint32_t)(unsigned char)s[1] << 24 | off;
        } else {
            if ((rc = kg_strbuf_append(&pool, s, len)) || (rc = kg_strbuf_putc(&pool, '\0'))) {
                goto done;
            }
            value_map[i] = off;
        }
    }
    if (pool.len >= 0xffffffu) {
        rc = kg_error_set(KG_EINPUT, "lemma strings too large");
        goto done;
    }
    /* SAME_AS_FORM maps to itself: give it a slot past the strings */
    for (size_t i = 0; i < n_lex; i++) {
        if (lexp[i].value == SAME_AS_FORM) {
            lexp[i].value = (uint32_t)ns;
        }
    }
    value_map[ns] = SAME_AS_FORM;
    uint32_t l1 = log2_for(n_lex), l2 = log2_for(n_rule);
    if ((rc = kg_write_u32(out, l1)) || (rc = kg_write_u32(out, l2)) ||
        (rc = kg_write_u32(out, (uint32_t)pool.len)) ||
        (rc = write_table(out, lexp, n_lex, l1, value_map)) ||
        (rc = write_table(out, rulep, n_rule, l2, value_map)) ||
        (rc = kg_strbuf_append(out, pool.data, pool.len))) {
        goto done;
    }
done:
    kg_map_free(strs);
    kg_map_free(types);
    kg_free(lexp);
    kg_free(rulep);
    kg_free(value_map);
    kg_free(buf);
    kg_strbuf_free(&key);
    kg_strbuf_free(&pool);
    return rc;
}
