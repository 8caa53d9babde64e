/* parser.c - labelled dependency parsing.
 *
 * Algorithm: the arc-eager transition system (Nivre 2003; SHIFT, REDUCE,
 * LEFT-ARC(l), RIGHT-ARC(l)) with the artificial root at the end of the
 * buffer rather than on the stack (Ballesteros & Nivre 2013, "Going to the
 * roots of dependency parsing"), so the root word is chosen last, once the
 * whole sentence has been read. Decoding is greedy, one transition at a time:
 * a sentence of n words takes at most 2n + 1 transitions, and each scores a
 * fixed set of about 80 feature templates from Zhang & Nivre (2011): words
 * and tags of the stack top, the first three buffer words, heads and
 * left/rightmost dependents, distance, valency and label sets. Weights are a
 * labelled averaged perceptron trained with the dynamic oracle and error
 * exploration of Goldberg & Nivre (2012, "A Dynamic Oracle for Arc-Eager
 * Dependency Parsing"). The root takes one LEFT-ARC(root); stack words still
 * without a head when only the root is left are popped and attached to the
 * root's dependent, so every sentence gets a tree with exactly one root. */
#include "syntax_internal.h"

#include <stdlib.h>
#include <string.h>

#define N_LABELS (KG_DEP_COUNT - 1)
#define N_ACTIONS (2 + 2 * N_LABELS)
#define A_SHIFT 0
#define A_REDUCE 1
#define A_LEFT 2
#define A_RIGHT (2 + N_LABELS)
#define MAX_FEATS 80

/* special word/tag values for the root and for absent positions */
#define W_ROOT 0x524f4f54u
#define W_NONE 0x4e4f4e45u
#define P_ROOT 0xfff0u
#define P_NONE 0xfff1u

typedef struct pstate {
    int32_t n; /* words 1..n; 0 is the root */
    int32_t *stack;
    int32_t sp;
    int32_t b; /* buffer front; the buffer is b..n */
    int32_t *head;
    uint8_t *label;
    int32_t *l1, *l2, *r1, *r2; /* left/rightmost and second dependents, -1 none */
    uint8_t *nl, *nr;
    uint64_t *lset, *rset;
    const kg_syn_lex *lex; /* per word, 0-based */
    const uint16_t *tag;   /* per word, 0-based */
    int32_t root_child;
} pstate;

static void state_init(pstate *st, kg_syn_scratch *sc, int32_t n, const uint16_t *tags)
{
    st->n = n;
    st->stack = sc->stack;
    st->head = sc->head;
    st->label = sc->label;
    st->l1 = sc->l1;
    st->l2 = sc->l2;
    st->r1 = sc->r1;
    st->r2 = sc->r2;
    st->nl = sc->nl;
    st->nr = sc->nr;
    st->lset = sc->lset;
    st->rset = sc->rset;
    st->lex = sc->lex;
    st->tag = tags;
    for (int32_t i = 0; i <= n + 1; i++) {
        st->head[i] = -1;
        st->label[i] = 0;
        st->l1[i] = st->l2[i] = st->r1[i] = st->r2[i] = -1;
        st->nl[i] = st->nr[i] = 0;
        st->lset[i] = st->rset[i] = 0;
    }
    st->sp = 0; /* the root waits at the end of the buffer, index n + 1 */
    st->b = 1;
    st->root_child = -1;
}

static int32_t ROOT(const pstate *st)
{
    return st->n + 1;
}

static uint64_t W(const pstate *st, int32_t i)
{
    return i <= 0 ? W_NONE : i > st->n ? W_ROOT : st->lex[i - 1].lower;
}

static uint64_t P(const pstate *st, int32_t i)
{
    return i <= 0 ? P_NONE : i > st->n ? P_ROOT : st->tag[i - 1];
}

static uint64_t L(const pstate *st, int32_t i)
{
    return i <= 0 || i > st->n ? 0xff : st->label[i];
}

static int32_t headof(const pstate *st, int32_t i)
{
    return i <= 0 || i > st->n ? -1 : st->head[i];
}

static void add_arc(pstate *st, int32_t h, int32_t d, int label)
{
    st->head[d] = h;
    st->label[d] = (uint8_t)label;
    if (d < h) {
        if (st->l1[h] < 0 || d < st->l1[h]) {
            st->l2[h] = st->l1[h];
            st->l1[h] = d;
        } else if (st->l2[h] < 0 || d < st->l2[h]) {
            st->l2[h] = d;
        }
        if (st->nl[h] < 255) {
            st->nl[h]++;
        }
        st->lset[h] |= (uint64_t)1 << (label & 63);
    } else {
        if (st->r1[h] < 0 || d > st->r1[h]) {
            st->r2[h] = st->r1[h];
            st->r1[h] = d;
        } else if (st->r2[h] < 0 || d > st->r2[h]) {
            st->r2[h] = d;
        }
        if (st->nr[h] < 255) {
            st->nr[h]++;
        }
        st->rset[h] |= (uint64_t)1 << (label & 63);
    }
    if (h == ROOT(st)) {
        st->root_child = d;
    }
}

static int valid(const pstate *st, int a)
{
    int32_t s = st->sp ? st->stack[st->sp - 1] : -1;
    int at_root = st->b == ROOT(st);
    if (a == A_SHIFT) {
        return !at_root;
    }
    if (s < 0) {
        return 0;
    }
    if (a == A_REDUCE) { /* a headless word is dropped only once the root is taken */
        return st->head[s] >= 0 || (at_root && st->root_child >= 0);
    }
    if (a < A_RIGHT) {
        int l = a - A_LEFT + 1;
        if (st->head[s] >= 0) {
            return 0;
        }
        return at_root ? l == KG_DEP_ROOT && st->root_child < 0 : l != KG_DEP_ROOT;
    }
    int l = a - A_RIGHT + 1;
    return !at_root && l != KG_DEP_ROOT;
}

static void apply(pstate *st, int a)
{
    if (a == A_SHIFT) {
        st->stack[st->sp++] = st->b++;
        return;
    }
    int32_t s = st->stack[st->sp - 1];
    if (a == A_REDUCE) {
        st->sp--;
    } else if (a < A_RIGHT) {
        add_arc(st, st->b, s, a - A_LEFT + 1);
        st->sp--;
    } else {
        add_arc(st, s, st->b, a - A_RIGHT + 1);
        st->stack[st->sp++] = st->b++;
    }
}

static int done(const pstate *st)
{
    return st->b == ROOT(st) && st->sp == 0;
}

static uint64_t dist_bucket(int32_t d)
{
    return d <= 5 ? (uint64_t)d : d < 10 ? 6 : 7;
}

/* Zhang & Nivre (2011) feature templates. */
static size_t features(const pstate *st, uint64_t *f)
{
    int32_t s0 = st->sp ? st->stack[st->sp - 1] : -1;
    int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : -1;
    int32_t n0 = st->b; /* a word or the root */
    int32_t n1 = n0 + 1 <= ROOT(st) ? n0 + 1 : -1;
    int32_t n2 = n1 >= 0 && n1 + 1 <= ROOT(st) ? n1 + 1 : -1;
    int32_t s0h = headof(st, s0), s0h2 = headof(st, s0h);
    int32_t s0l = s0 >= 0 ? st->l1[s0] : -1, s0l2 = s0 >= 0 ? st->l2[s0] : -1;
    int32_t s0r = s0 >= 0 ? st->r1[s0] : -1, s0r2 = s0 >= 0 ? st->r2[s0] : -1;
    int32_t n0l = n0 >= 0 ? st->l1[n0] : -1, n0l2 = n0 >= 0 ? st->l2[n0] : -1;
    uint64_t s0w = W(st, s0), s0p = P(st, s0), n0w = W(st, n0), n0p = P(st, n0);
    uint64_t n1w = W(st, n1), n1p = P(st, n1), n2w = W(st, n2), n2p = P(st, n2);
    uint64_t d = s0 >= 0 ? dist_bucket(n0 - s0) : 0;
    uint64_t s0vl = s0 >= 0 ? st->nl[s0] : 0, s0vr = s0 >= 0 ? st->nr[s0] : 0;
    uint64_t n0vl = n0 >= 0 ? st->nl[n0] : 0;
    uint64_t s0sl = s0 >= 0 ? st->lset[s0] : 0, s0sr = s0 >= 0 ? st->rset[s0] : 0;
    uint64_t n0sl = n0 >= 0 ? st->lset[n0] : 0;
    uint64_t s0lp = P(st, s0l), s0rp = P(st, s0r), n0lp = P(st, n0l), s0hp = P(st, s0h);
    size_t k = 0;
    /* single words */
    f[k++] = kg_syn_feat(1, 0, 0, 0);
    f[k++] = kg_syn_feat(2, s0w, 0, 0);
    f[k++] = kg_syn_feat(3, s0p, 0, 0);
    f[k++] = kg_syn_feat(4, s0w, s0p, 0);
    f[k++] = kg_syn_feat(5, n0w, 0, 0);
    f[k++] = kg_syn_feat(6, n0p, 0, 0);
    f[k++] = kg_syn_feat(7, n0w, n0p, 0);
    f[k++] = kg_syn_feat(8, n1w, 0, 0);
    f[k++] = kg_syn_feat(9, n1p, 0, 0);
    f[k++] = kg_syn_feat(10, n1w, n1p, 0);
    f[k++] = kg_syn_feat(11, n2w, 0, 0);
    f[k++] = kg_syn_feat(12, n2p, 0, 0);
    f[k++] = kg_syn_feat(13, n2w, n2p, 0);
    /* word pairs */
    f[k++] = kg_syn_feat(14, s0w, s0p, kg_syn_mix(n0w, n0p));
    f[k++] = kg_syn_feat(15, s0w, s0p, n0w);
    f[k++] = kg_syn_feat(16, s0w, n0w, n0p);
    f[k++] = kg_syn_feat(17, s0w, s0p, n0p);
    f[k++] = kg_syn_feat(18, s0p, n0w, n0p);
    f[k++] = kg_syn_feat(19, s0w, n0w, 0);
    f[k++] = kg_syn_feat(20, s0p, n0p, 0);
    f[k++] = kg_syn_feat(21, n0p, n1p, 0);
    /* three words */
    f[k++] = kg_syn_feat(22, n0p, n1p, n2p);
    f[k++] = kg_syn_feat(23, s0p, n0p, n1p);
    f[k++] = kg_syn_feat(24, s0hp, s0p, n0p);
    f[k++] = kg_syn_feat(25, s0p, s0lp, n0p);
    f[k++] = kg_syn_feat(26, s0p, s0rp, n0p);
    f[k++] = kg_syn_feat(27, s0p, n0p, n0lp);
    /* distance */
    f[k++] = kg_syn_feat(28, s0w, d, 0);
    f[k++] = kg_syn_feat(29, s0p, d, 0);
    f[k++] = kg_syn_feat(30, n0w, d, 0);
    f[k++] = kg_syn_feat(31, n0p, d, 0);
    f[k++] = kg_syn_feat(32, s0w, n0w, d);
    f[k++] = kg_syn_feat(33, s0p, n0p, d);
    /* valency */
    f[k++] = kg_syn_feat(34, s0w, s0vr, 0);
    f[k++] = kg_syn_feat(35, s0p, s0vr, 0);
    f[k++] = kg_syn_feat(36, s0w, s0vl, 0);
    f[k++] = kg_syn_feat(37, s0p, s0vl, 0);
    f[k++] = kg_syn_feat(38, n0w, n0vl, 0);
    f[k++] = kg_syn_feat(39, n0p, n0vl, 0);
    /* unigrams of heads and dependents */
    f[k++] = kg_syn_feat(40, W(st, s0h), 0, 0);
    f[k++] = kg_syn_feat(41, s0hp, 0, 0);
    f[k++] = kg_syn_feat(42, L(st, s0), 0, 0);
    f[k++] = kg_syn_feat(43, W(st, s0l), 0, 0);
    f[k++] = kg_syn_feat(44, s0lp, 0, 0);
    f[k++] = kg_syn_feat(45, L(st, s0l), 0, 0);
    f[k++] = kg_syn_feat(46, W(st, s0r), 0, 0);
    f[k++] = kg_syn_feat(47, s0rp, 0, 0);
    f[k++] = kg_syn_feat(48, L(st, s0r), 0, 0);
    f[k++] = kg_syn_feat(49, W(st, n0l), 0, 0);
    f[k++] = kg_syn_feat(50, n0lp, 0, 0);
    f[k++] = kg_syn_feat(51, L(st, n0l), 0, 0);
    /* third order */
    f[k++] = kg_syn_feat(52, W(st, s0h2), 0, 0);
    f[k++] = kg_syn_feat(53, P(st, s0h2), 0, 0);
    f[k++] = kg_syn_feat(54, L(st, s0h), 0, 0);
    f[k++] = kg_syn_feat(55, W(st, s0l2), 0, 0);
    f[k++] = kg_syn_feat(56, P(st, s0l2), 0, 0);
    f[k++] = kg_syn_feat(57, L(st, s0l2), 0, 0);
    f[k++] = kg_syn_feat(58, W(st, s0r2), 0, 0);
    f[k++] = kg_syn_feat(59, P(st, s0r2), 0, 0);
    f[k++] = kg_syn_feat(60, L(st, s0r2), 0, 0);
    f[k++] = kg_syn_feat(61, W(st, n0l2), 0, 0);
    f[k++] = kg_syn_feat(62, P(st, n0l2), 0, 0);
    f[k++] = kg_syn_feat(63, L(st, n0l2), 0, 0);
    f[k++] = kg_syn_feat(64, s0p, s0lp, P(st, s0l2));
    f[k++] = kg_syn_feat(65, s0p, s0rp, P(st, s0r2));
    f[k++] = kg_syn_feat(66, s0p, s0hp, P(st, s0h2));
    f[k++] = kg_syn_feat(67, n0p, n0lp, P(st, n0l2));
    /* label sets */
    f[k++] = kg_syn_feat(68, s0w, s0sr, 0);
    f[k++] = kg_syn_feat(69, s0p, s0sr, 0);
    f[k++] = kg_syn_feat(70, s0w, s0sl, 0);
    f[k++] = kg_syn_feat(71, s0p, s0sl, 0);
    f[k++] = kg_syn_feat(72, n0w, n0sl, 0);
    f[k++] = kg_syn_feat(73, n0p, n0sl, 0);
    /* the second stack word */
    f[k++] = kg_syn_feat(74, W(st, s1), 0, 0);
    f[k++] = kg_syn_feat(75, P(st, s1), 0, 0);
    f[k++] = kg_syn_feat(76, P(st, s1), s0p, n0p);
    f[k++] = kg_syn_feat(77, W(st, s1), s0w, 0);
    /* suffixes, for words too rare to have word features */
    f[k++] = kg_syn_feat(78, n0 <= st->n ? st->lex[n0 - 1].suf[2] : W_ROOT, n0p, 0);
    f[k++] = kg_syn_feat(79, s0 > 0 ? st->lex[s0 - 1].suf[2] : W_NONE, s0p, 0);
    return k;
}

/* Attaches words left without a head: the first becomes the root when the
 * root has no dependent; the rest attach to the root's dependent. */
static void finish(pstate *st, const kg_token *tokens)
{
    for (int32_t i = 1; i <= st->n; i++) {
        if (st->head[i] >= 0) {
            continue;
        }
        if (st->root_child < 0) {
            add_arc(st, ROOT(st), i, KG_DEP_ROOT);
            continue;
        }
        int u = tokens[i - 1].upos;
        add_arc(st, st->root_child, i,
                u == KG_UPOS_PUNCT  ? KG_DEP_PUNCT
                : u == KG_UPOS_VERB ? KG_DEP_PARATAXIS
                                    : KG_DEP_DEP);
    }
}

static int best_valid(const pstate *st, const int32_t *scores)
{
    int best = -1;
    for (int a = 0; a < N_ACTIONS; a++) {
        if (valid(st, a) && (best < 0 || scores[a] > scores[best])) {
            best = a;
        }
    }
    return best;
}

void kg_syn_parser_parse(const kg_syn_parser *p, kg_syn_scratch *sc, kg_token *tokens, size_t n)
{
    pstate st;
    uint64_t f[MAX_FEATS];
    state_init(&st, sc, (int32_t)n, sc->tag);
    while (!done(&st)) {
        size_t k = features(&st, f);
        memset(sc->scores, 0, N_ACTIONS * sizeof *sc->scores);
        kg_syn_model_score(&p->model, f, k, sc->scores);
        int a = best_valid(&st, sc->scores);
        apply(&st, a);
    }
    finish(&st, tokens);
    for (size_t i = 0; i < n; i++) {
        tokens[i].head = st.head[i + 1] == ROOT(&st) ? -1 : st.head[i + 1] - 1;
        tokens[i].deprel = st.label[i + 1];
    }
}

int kg_syn_parser_read(kg_syn_parser *out, const kg_blob *blob)
{
    kg_reader r;
    kg_syn_parser p;
    memset(&p, 0, sizeof p);
    kg_reader_init(&r, blob->data, blob->size);
    p.n_tags = kg_read_u32(&r);
    uint32_t n_labels = kg_read_u32(&r);
    if (r.failed) {
        return kg_error_set(KG_EFORMAT, "parser header truncated");
    }
    if (n_labels != N_LABELS) {
        return kg_error_set(KG_EFORMAT,
                            "parser was trained with %u relation labels, this kgraph "
                            "has %d",
                            n_labels, N_LABELS);
    }
    kg_read_align(&r, 8);
    int rc = kg_syn_model_read(&p.model, &r);
    if (rc) {
        return rc;
    }
    if (p.model.n_classes != N_ACTIONS) {
        return kg_error_set(KG_EFORMAT, "parser action count does not match");
    }
    if (r.p != r.end) {
        return kg_error_set(KG_EFORMAT, "trailing bytes after the parser model");
    }
    *out = p;
    return KG_OK;
}

/* ----------------------------------------------------------------- training */

/* Cost of each action: gold arcs it makes unreachable (Goldberg & Nivre 2012),
 * plus one for a wrong label on a gold arc. -1 for invalid actions. */
static void costs(const pstate *st, const kg_token *gold, const uint8_t *on_stack, int *cost)
{
    int32_t s = st->sp ? st->stack[st->sp - 1] : -1, b = st->b, n = st->n, R = n + 1;
#define GH(i) (gold[(i)-1].head < 0 ? R : gold[(i)-1].head + 1) /* gold head; R = root */
    int lost_s_deps = 0; /* gold dependents of s in the buffer */
    for (int32_t k = b; s > 0 && k <= n; k++) {
        lost_s_deps += GH(k) == s;
    }
    int32_t gb = b <= n ? GH(b) : -1;
    int lost_b_deps = 0; /* headless stack words whose gold head is b */
    for (int32_t i = 0; i < st->sp; i++) {
        int32_t k = st->stack[i];
        lost_b_deps += st->head[k] < 0 && GH(k) == b;
    }
    int b_head_in_stack = gb > 0 && gb <= n && on_stack[gb];
    cost[A_SHIFT] = valid(st, A_SHIFT) ? b_head_in_stack + lost_b_deps : -1;
    cost[A_REDUCE] = valid(st, A_REDUCE) ? lost_s_deps + (st->head[s] < 0 ? 1 : 0) : -1;
    /* LEFT-ARC(l): s gets head b (b may be the root) */
    int32_t gs = s > 0 ? GH(s) : -1;
    int left_base = (gs > b) + lost_s_deps;
    for (int l = 1; l <= N_LABELS; l++) {
        int a = A_LEFT + l - 1;
        if (!valid(st, a)) {
            cost[a] = -1;
            continue;
        }
        int gl = gs == R ? KG_DEP_ROOT : gold[s - 1].deprel;
        cost[a] = left_base + (gs == b && gl != l);
    }
    /* RIGHT-ARC(l): b gets head s */
    int right_base = ((b_head_in_stack && gb != s) || gb > b) + lost_b_deps;
    for (int l = 1; l <= N_LABELS; l++) {
        int a = A_RIGHT + l - 1;
        if (!valid(st, a)) {
            cost[a] = -1;
            continue;
        }
        cost[a] = right_base + (gb == s && gold[b - 1].deprel != l);
    }
#undef GH
}

typedef struct eval_counts {
    size_t total, uas, las;
} eval_counts;

static int parser_evaluate(const kg_strbuf *payload, const kg_document *dev,
                           const uint16_t *dev_tags, eval_counts *ec)
{
    int rc = KG_OK;
    kg_syn_parser p;
    kg_syn_scratch sc;
    kg_token *toks = NULL;
    memset(&sc, 0, sizeof sc);
    memset(ec, 0, sizeof *ec);
    kg_blob blob = {(const unsigned char *)payload->data, payload->len, NULL, 0};
    if ((rc = kg_syn_parser_read(&p, &blob))) {
        goto done;
    }
    toks = kg_malloc((dev->n_tokens + 1) * sizeof *toks);
    if (!toks) {
        rc = KG_ENOMEM;
        goto done;
    }
    memcpy(toks, dev->tokens, dev->n_tokens * sizeof *toks);
    for (size_t s = 0; s < dev->n_sentences; s++) {
        const kg_sentence *se = &dev->sentences[s];
        if ((rc = kg_syn_scratch_reserve(&sc, (size_t)se->count + 1, N_ACTIONS))) {
            goto done;
        }
        for (uint32_t i = 0; i < se->count; i++) {
            kg_syn_lex_compute(&sc.lex[i], dev->tokens[se->first + i].form, i == 0);
            sc.tag[i] = dev_tags[se->first + i];
        }
        kg_syn_parser_parse(&p, &sc, toks + se->first, se->count);
    }
    for (size_t i = 0; i < dev->n_tokens; i++) {
        const kg_token *g = &dev->tokens[i], *q = &toks[i];
        if (g->upos == KG_UPOS_PUNCT) {
            continue;
        }
        ec->total++;
        if (g->head == q->head) {
            ec->uas++;
            ec->las += g->deprel == q->deprel;
        }
    }
done:
    kg_free(toks);
    kg_syn_scratch_free(&sc);
    return rc;
}

static int parser_write(kg_strbuf *b, uint32_t n_tags, const kg_syn_ptrain *pt, float prune)
{
    int rc = kg_write_u32(b, n_tags);
    if (!rc) {
        rc = kg_write_u32(b, N_LABELS);
    }
    if (!rc) {
        rc = kg_write_align(b, 8);
    }
    if (!rc) {
        rc = kg_syn_ptrain_write(pt, b, prune);
    }
    return rc;
}

int kg_syn_parser_train(kg_strbuf *out, const kg_document *train, const uint16_t *tags,
                        const kg_document *dev, const uint16_t *dev_tags, uint32_t n_tags,
                        int epochs, float prune, uint64_t seed, const kg_syn_log *log)
{
    int rc = KG_OK;
    kg_syn_ptrain *pt = NULL;
    kg_syn_scratch sc;
    uint32_t *order = NULL;
    uint8_t *on_stack = NULL;
    size_t on_stack_cap = 0;
    kg_strbuf cand = KG_STRBUF_INIT;
    memset(&sc, 0, sizeof sc);
    uint64_t rng = seed ^ 0x7061727365720002ull;
    double best = -1;

    if ((rc = kg_syn_ptrain_new(&pt, N_ACTIONS))) {
        goto done;
    }
    order = kg_malloc((train->n_sentences + 1) * sizeof *order);
    if (!order) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < train->n_sentences; i++) {
        order[i] = (uint32_t)i;
    }
    for (int ep = 0; ep < epochs; ep++) {
        kg_syn_shuffle(order, train->n_sentences, &rng);
        size_t steps = 0, errors = 0;
        for (size_t oi = 0; oi < train->n_sentences; oi++) {
            const kg_sentence *se = &train->sentences[order[oi]];
            const kg_token *gold = train->tokens + se->first;
            int32_t n = (int32_t)se->count;
            int bad = 0;
            for (int32_t i = 0; i < n; i++) {
                bad |= gold[i].head < -1 || gold[i].deprel == 0;
            }
            if (bad) {
                continue;
            }
            if ((rc = kg_syn_scratch_reserve(&sc, (size_t)se->count + 1, N_ACTIONS))) {
                goto done;
            }
            if (kg_grow((void **)&on_stack, &on_stack_cap, (size_t)n + 2, 1)) {
                rc = KG_ENOMEM;
                goto done;
            }
            memset(on_stack, 0, (size_t)n + 2);
            for (int32_t i = 0; i < n; i++) {
                kg_syn_lex_compute(&sc.lex[i], gold[i].form, i == 0);
            }
            pstate st;
            state_init(&st, &sc, n, tags + se->first);
            float scores[N_ACTIONS];
            int cost[N_ACTIONS];
            uint64_t f[MAX_FEATS];
            while (!done(&st)) {
                size_t k = features(&st, f);
                memset(scores, 0, sizeof scores);
                kg_syn_ptrain_score(pt, f, k, scores);
                costs(&st, gold, on_stack, cost);
                int pred = -1, corr = -1, minc = -1;
                for (int a = 0; a < N_ACTIONS; a++) {
                    if (cost[a] < 0) {
                        continue;
                    }
                    if (pred < 0 || scores[a] > scores[pred]) {
                        pred = a;
                    }
                    if (minc < 0 || cost[a] < minc) {
                        minc = cost[a];
                    }
                }
                for (int a = 0; a < N_ACTIONS; a++) {
                    if (cost[a] == minc && (corr < 0 || scores[a] > scores[corr])) {
                        corr = a;
                    }
                }
                kg_syn_ptrain_tick(pt);
                steps++;
                if (cost[pred] > minc) {
                    errors++;
                    if ((rc = kg_syn_ptrain_update(pt, f, k, (uint32_t)corr, (uint32_t)pred))) {
                        goto done;
                    }
                }
                int next = corr;
                if (ep >= 1 && (kg_syn_rand(&rng) % 10) != 0) {
                    next = pred;
                }
                int32_t s0 = st.sp ? st.stack[st.sp - 1] : -1;
                apply(&st, next);
                if (next == A_REDUCE || (next >= A_LEFT && next < A_RIGHT)) {
                    on_stack[s0] = 0;
                } else {
                    on_stack[st.stack[st.sp - 1]] = 1;
                }
            }
        }
        kg_strbuf_clear(&cand);
        if ((rc = parser_write(&cand, n_tags, pt, prune))) {
            goto done;
        }
        eval_counts ec = {0, 0, 0};
        if (dev && (rc = parser_evaluate(&cand, dev, dev_tags, &ec))) {
            goto done;
        }
        double uas = ec.total ? (double)ec.uas / (double)ec.total : 0;
        double las = ec.total ? (double)ec.las / (double)ec.total : 0;
        kg_syn_logf(log, "parser epoch %d: train errors %.4f, dev UAS %.4f LAS %.4f (%zu bytes)",
                    ep + 1, steps ? (double)errors / (double)steps : 0, uas, las, cand.len);
        double score = dev ? las : (double)ep;
        if ((rc = kg_syn_keep_best(out, &cand, score, &best))) {
            goto done;
        }
    }
done:
    kg_syn_ptrain_free(pt);
    kg_syn_scratch_free(&sc);
    kg_free(order);
    kg_free(on_stack);
    kg_strbuf_free(&cand);
    return rc;
}
