/* extract.c - triples from dependency-parsed documents (kg_extract).
 *
 * The clause finder (extract_clause.c: clause-based open information
 * extraction over Universal Dependencies trees, after ClausIE and Stanford
 * Open IE) hands over propositions as token subtrees; this file writes them as
 * triples: the argument texts as the sentence writes them, the relation as
 * written (for evidence and Open IE output) and normalised (lemma + particle +
 * preposition, for the graph), the entities the arguments name (through the
 * mentions entity recognition and coreference left on the document), the
 * attributes (negation, modality, time, place, attribution), a confidence and
 * the provenance. Documents that were not parsed (no models) give no triples,
 * only their document and mention records.
 */
#include "extract_internal.h"
#include "kg_triples.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- the state */

typedef struct builder {
    kg_extraction *out;
    const kg_document *d;
    const kg_extract_options *o;
    const kg_sentence *sent;
    xt_sentence view;
    kg_strbuf subj, obj, rel, surface, attr, sentence, subj_name, obj_name, scratch;
    kg_strbuf extra[XT_MAX_EXTRA];
    int32_t *tokens; /* scratch: tokens of one argument, then a stack */
    size_t cap;
    uint64_t *seen; /* hashes of the sentence's triples, against duplicates */
    size_t n_seen, cap_seen;
} builder;

/* ------------------------------------------------------------- arguments */

static int cut_by_default(int d)
{
    return d == KG_DEP_ACL_RELCL || d == KG_DEP_ADVCL_RELCL || d == KG_DEP_APPOS ||
           d == KG_DEP_PARATAXIS || d == KG_DEP_REPARANDUM || d == KG_DEP_DISCOURSE;
}

static int is_cut(const xt_arg *a, int32_t t)
{
    for (uint8_t i = 0; i < a->n_cut; i++) {
        if (a->cut[i] == t)
            return 1;
    }
    return 0;
}

static int is_punct(const xt_sentence *s, int32_t t)
{
    return s->tok[t].upos == KG_UPOS_PUNCT;
}

static int cmp_token(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Collects the tokens of argument a into b->tokens (sorted); returns how many. */
static size_t collect(builder *b, const xt_arg *a)
{
    const xt_sentence *s = &b->view;
    size_t n = 0;
    if (a->head < 0)
        return 0;
    /* depth-first from the head, the stack in the second half of the scratch */
    int32_t *stack = b->tokens + s->n;
    size_t top = 0;
    stack[top++] = a->head;
    while (top > 0) {
        int32_t t = stack[--top];
        b->tokens[n++] = t;
        for (uint32_t k = s->kid_start[t]; k < s->kid_start[t + 1]; k++) {
            int32_t c = s->kids[k];
            int d = s->tok[c].deprel;
            if (is_cut(a, c) || cut_by_default(d))
                continue;
            /* an adverbial clause under a noun is mostly a misattached clause modifier */
            if (d == KG_DEP_ADVCL && s->tok[t].upos != KG_UPOS_VERB)
                continue;
            if (a->drop_case && t == a->head && (d == KG_DEP_CASE || d == KG_DEP_MARK) &&
                c < a->head)
                continue;
            if (top < s->n)
                stack[top++] = c;
        }
    }
    if (n > 1)
        qsort(b->tokens, n, sizeof *b->tokens, cmp_token);
    /* trim punctuation and conjunctions at the edges, keeping paired quotes and brackets */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        int32_t t = b->tokens[lo];
        int d = s->tok[t].deprel;
        if ((is_punct(s, t) &&
             !(s->tok[t].xpos == KG_XPOS_OQUOTE || s->tok[t].xpos == KG_XPOS_LRB)) ||
            d == KG_DEP_CC || (d == KG_DEP_MARK && t != a->head))
            lo++;
        else
            break;
    }
    while (hi > lo) {
        int32_t t = b->tokens[hi - 1];
        int closing = s->tok[t].xpos == KG_XPOS_CQUOTE || s->tok[t].xpos == KG_XPOS_RRB;
        if ((is_punct(s, t) && !closing) || s->tok[t].deprel == KG_DEP_CC)
            hi--;
        else
            break;
    }
    /* punctuation before a closing quote: "`` ... either , ''" */
    if (hi - lo >= 3 && s->tok[b->tokens[hi - 1]].xpos == KG_XPOS_CQUOTE &&
        is_punct(s, b->tokens[hi - 2]) && s->tok[b->tokens[hi - 2]].xpos != KG_XPOS_CQUOTE &&
        s->tok[b->tokens[hi - 2]].xpos != KG_XPOS_RRB) {
        b->tokens[hi - 2] = b->tokens[hi - 1];
        hi--;
    }
    /* an opening quote or bracket without its partner, or a partner without it */
    for (int pass = 0; pass < 2 && hi > lo; pass++) {
        int open = 0, close = 0;
        for (size_t i = lo; i < hi; i++) {
            int x = s->tok[b->tokens[i]].xpos;
            open += x == KG_XPOS_OQUOTE || x == KG_XPOS_LRB;
            close += x == KG_XPOS_CQUOTE || x == KG_XPOS_RRB;
        }
        int x0 = s->tok[b->tokens[lo]].xpos, x1 = s->tok[b->tokens[hi - 1]].xpos;
        if (open > close && (x0 == KG_XPOS_OQUOTE || x0 == KG_XPOS_LRB))
            lo++;
        else if (close > open && (x1 == KG_XPOS_CQUOTE || x1 == KG_XPOS_RRB))
            hi--;
        while (hi > lo && is_punct(s, b->tokens[hi - 1]) &&
               s->tok[b->tokens[hi - 1]].xpos != KG_XPOS_CQUOTE &&
               s->tok[b->tokens[hi - 1]].xpos != KG_XPOS_RRB)
            hi--;
        while (lo < hi && is_punct(s, b->tokens[lo]) &&
               s->tok[b->tokens[lo]].xpos != KG_XPOS_OQUOTE &&
               s->tok[b->tokens[lo]].xpos != KG_XPOS_LRB)
            lo++;
    }
    /* a quote or bracket closed (opened) right after (before) the span joins it:
       "the `` art of doctoring ''" with the closing quote attached to the verb */
    if (hi > lo) {
        int open = 0, close = 0;
        for (size_t i = lo; i < hi; i++) {
            int x = s->tok[b->tokens[i]].xpos;
            open += x == KG_XPOS_OQUOTE || x == KG_XPOS_LRB;
            close += x == KG_XPOS_CQUOTE || x == KG_XPOS_RRB;
        }
        int32_t next = b->tokens[hi - 1] + 1, prev = b->tokens[lo] - 1;
        if (open > close && next < (int32_t)s->n &&
            (s->tok[next].xpos == KG_XPOS_CQUOTE || s->tok[next].xpos == KG_XPOS_RRB))
            b->tokens[hi++] = next;
        else if (close > open && prev >= 0 && lo > 0 &&
                 (s->tok[prev].xpos == KG_XPOS_OQUOTE || s->tok[prev].xpos == KG_XPOS_LRB))
            b->tokens[--lo] = prev;
    }
    /* an argument of nothing but function words ("to" stranded by a misparse) is none */
    size_t content = 0;
    for (size_t i = lo; i < hi && !content; i++) {
        int u = s->tok[b->tokens[i]].upos;
        content = u != KG_UPOS_ADP && u != KG_UPOS_CCONJ && u != KG_UPOS_PUNCT &&
                  u != KG_UPOS_DET && u != KG_UPOS_PART && u != KG_UPOS_SCONJ;
    }
    if (!content)
        return 0;
    memmove(b->tokens + a->n_lead, b->tokens + lo, (hi - lo) * sizeof *b->tokens);
    for (uint8_t i = 0; i < a->n_lead; i++)
        b->tokens[i] = a->lead[i];
    return a->n_lead + (hi - lo);
}

/* Appends tokens[0..n) to buf as the text writes them: adjacent tokens with
 * their own spacing, a gap as one space. */
static int put_tokens(kg_strbuf *buf, const xt_sentence *s, const int32_t *tokens, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const kg_token *t = &s->tok[tokens[i]];
        if (i > 0 &&
            (tokens[i] != tokens[i - 1] + 1 ||
             (s->tok[tokens[i - 1]].flags & KG_TOK_SPACE_AFTER)) &&
            kg_strbuf_putc(buf, ' '))
            return KG_ENOMEM;
        if (kg_strbuf_append(buf, s->doc->text + t->start, t->end - t->start))
            return KG_ENOMEM;
    }
    return KG_OK;
}

/* Fills arg with a's text, byte range and the entity it names. Returns the
 * number of tokens (0: empty), or a negative error. */
static int build_arg(builder *b, const xt_arg *a, kg_strbuf *text, kg_strbuf *name, kg_arg *arg)
{
    const xt_sentence *s = &b->view;
    memset(arg, 0, sizeof *arg);
    kg_strbuf_clear(text);
    size_t n = collect(b, a);
    if (n == 0)
        return 0;
    if (put_tokens(text, s, b->tokens, n))
        return KG_ENOMEM;
    int32_t first = b->tokens[0], last = b->tokens[0];
    for (size_t i = 1; i < n; i++) {
        if (b->tokens[i] < first)
            first = b->tokens[i];
        if (b->tokens[i] > last)
            last = b->tokens[i];
    }
    arg->text = text->data;
    arg->start = kg_document_orig_offset(b->d, s->tok[first].start);
    arg->end = kg_document_orig_offset(b->d, s->tok[last].end);
    int32_t m = xt_arg_mention(s, a->head);
    if (m >= 0) {
        const kg_mention *me = &b->d->mentions[m];
        if (me->entity >= 0 && (size_t)me->entity < b->d->n_entities) {
            arg->name = b->d->entities[me->entity].name;
            arg->type = b->d->entities[me->entity].type;
        } else {
            /* no coreference ran: the mention names itself */
            kg_strbuf_clear(name);
            if (kg_strbuf_append(name, b->d->text + me->start, me->end - me->start))
                return KG_ENOMEM;
            arg->name = name->data;
            arg->type = me->type;
        }
    }
    return (int)n;
}

/* ------------------------------------------------------------- relations */

static int put_word(kg_strbuf *buf, const char *w, size_t n, int lower)
{
    /* "are being magazines": one "be" */
    if (n == 2 && memcmp(w, "be", 2) == 0 && buf->len >= 2 &&
        memcmp(buf->data + buf->len - 2, "be", 2) == 0 &&
        (buf->len == 2 || buf->data[buf->len - 3] == ' '))
        return KG_OK;
    if (buf->len && kg_strbuf_putc(buf, ' '))
        return KG_ENOMEM;
    size_t at = buf->len;
    if (kg_strbuf_append(buf, w, n))
        return KG_ENOMEM;
    if (lower) {
        for (size_t i = at; i < buf->len; i++)
            buf->data[i] = (char)tolower((unsigned char)buf->data[i]);
    }
    return KG_OK;
}

static int put_form(kg_strbuf *buf, const xt_sentence *s, int32_t t, int lower)
{
    const kg_token *k = &s->tok[t];
    return put_word(buf, s->doc->text + k->start, k->end - k->start, lower);
}

static int put_lemma(kg_strbuf *buf, const xt_sentence *s, int32_t t)
{
    const char *l = s->tok[t].lemma;
    if (!l || !*l || strcmp(l, "_") == 0)
        return put_form(buf, s, t, 1);
    int proper = s->tok[t].upos == KG_UPOS_PROPN;
    return put_word(buf, l, strlen(l), !proper);
}

/* The noun folded into a derived relation, with its modifiers: "interior minister". */
static int put_relnoun(kg_strbuf *buf, const xt_sentence *s, int32_t n, int normalised)
{
    for (uint32_t k = s->kid_start[n]; k < s->kid_start[n + 1]; k++) {
        int32_t c = s->kids[k];
        int d = s->tok[c].deprel;
        if (c < n && (d == KG_DEP_AMOD || d == KG_DEP_COMPOUND) &&
            s->tok[c].upos != KG_UPOS_PROPN && s->mention[c] < 0 &&
            s->kid_start[c] == s->kid_start[c + 1] && put_form(buf, s, c, normalised))
            return KG_ENOMEM;
    }
    return put_form(buf, s, n, normalised);
}

/* The relation as written: "was detained by", "seeks to improve", "be". */
static int build_surface(kg_strbuf *buf, const xt_sentence *s, const xt_prop *p)
{
    kg_strbuf_clear(buf);
    if (p->implicit && p->kind != XT_DERIVED && put_word(buf, p->implicit, strlen(p->implicit), 0))
        return KG_ENOMEM;
    for (uint8_t i = 0; i < p->n_rel; i++) {
        /* a derived reading of a passive is in the active voice: "mediated release of" */
        if (p->kind == XT_DERIVED && p->active &&
            (s->tok[p->rel[i]].deprel == KG_DEP_AUX_PASS || s->tok[p->rel[i]].deprel == KG_DEP_AUX))
            continue;
        if (put_form(buf, s, p->rel[i], 0))
            return KG_ENOMEM;
    }
    if (p->relnoun >= 0 && put_relnoun(buf, s, p->relnoun, 0))
        return KG_ENOMEM;
    for (uint8_t i = 0; i < p->n_prep; i++) {
        if (put_form(buf, s, p->prep[i], 0))
            return KG_ENOMEM;
    }
    if (p->kind == XT_DERIVED && p->relnoun >= 0 && p->n_prep == 0 && put_word(buf, "of", 2, 0))
        return KG_ENOMEM;
    return KG_OK;
}

/* The relation for the graph: lemmas of the verbs, particles and prepositions,
 * "be" for copulas and "be" + participle for passives read without their
 * agent; no auxiliaries, adverbs or negation (those are attributes). "detain",
 * "hand over to", "be held in", "be interior minister of", "seek to improve
 * ties with". */
static int build_normalised(kg_strbuf *buf, const xt_sentence *s, const xt_prop *p)
{
    kg_strbuf_clear(buf);
    if (p->implicit && p->kind != XT_DERIVED) {
        const char *w = strcmp(p->implicit, "has") == 0 ? "have" : p->implicit;
        if (put_word(buf, w, strlen(w), 0))
            return KG_ENOMEM;
    }
    int passive = 0; /* read without its agent: "be held in" */
    for (uint8_t i = 0; i < p->n_rel && !p->active; i++)
        passive |= s->tok[p->rel[i]].deprel == KG_DEP_AUX_PASS;
    for (uint8_t i = 0; i < p->n_rel; i++) {
        int32_t t = p->rel[i];
        const kg_token *k = &s->tok[t];
        int rc = KG_OK;
        switch (k->deprel) {
        case KG_DEP_AUX_PASS:
            if (!p->active)
                rc = put_word(buf, "be", 2, 0);
            break;
        case KG_DEP_COP:
            rc = put_word(buf, "be", 2, 0);
            break;
        case KG_DEP_AUX:
            break;
        case KG_DEP_ADVMOD:
            /* an adverb after the verb in the relation is its particle: "hand over" */
            if (t > p->rel[0] && s->tok[p->rel[i - 1]].upos == KG_UPOS_VERB &&
                !(k->feats && strstr(k->feats, "Polarity=Neg")))
                rc = put_form(buf, s, t, 1);
            break;
        default:
            if (k->upos == KG_UPOS_ADV || (k->upos == KG_UPOS_PART && strcmp(k->form, "to") != 0))
                break;
            if (passive && k->upos == KG_UPOS_VERB && k->xpos == KG_XPOS_VBN)
                rc = put_form(buf, s, t, 1);
            else if (k->upos == KG_UPOS_VERB || k->upos == KG_UPOS_AUX)
                rc = put_lemma(buf, s, t);
            else
                rc = put_form(buf, s, t, k->upos != KG_UPOS_PROPN);
        }
        if (rc)
            return rc;
    }
    if (p->relnoun >= 0 && put_relnoun(buf, s, p->relnoun, 1))
        return KG_ENOMEM;
    /* a passive read with its agent is active: "detain", not "detain by" */
    for (uint8_t i = 0; i < p->n_prep && !p->agent_first; i++) {
        if (put_form(buf, s, p->prep[i], 1))
            return KG_ENOMEM;
    }
    if (p->kind == XT_DERIVED && p->relnoun >= 0 && p->n_prep == 0 && put_word(buf, "of", 2, 0))
        return KG_ENOMEM;
    return KG_OK;
}

/* ------------------------------------------------------------ confidence */

/* Lowers the clause finder's confidence for what tends to go wrong: long
 * arguments (attachment errors pile up in them) and pronoun subjects. */
static double adjust_confidence(const xt_sentence *s, const xt_prop *p, int subj_len, int obj_len)
{
    double c = p->confidence;
    (void)obj_len;
    if (subj_len > 6)
        c -= 0.02 * (subj_len - 6);
    if (p->n_rel + p->n_prep >= 3)
        c += 0.03;
    if (p->subj.head >= 0 && s->tok[p->subj.head].upos == KG_UPOS_PRON &&
        xt_arg_mention(s, p->subj.head) < 0)
        c -= 0.05;
    if (c < 0.05)
        c = 0.05;
    if (c > 0.99)
        c = 0.99;
    return c;
}

/* --------------------------------------------------------------- emitting */

static int seen_before(builder *b, const kg_triple *t)
{
    uint64_t h = kg_hash(t->subject.text, strlen(t->subject.text));
    h = h * 31 + kg_hash(t->relation, strlen(t->relation));
    h = h * 31 + kg_hash(t->object.text, strlen(t->object.text));
    h = h * 31 + (t->flags & (KG_TRIPLE_PASSIVE | KG_TRIPLE_DERIVED));
    for (size_t i = 0; i < b->n_seen; i++) {
        if (b->seen[i] == h)
            return 1;
    }
    if (kg_grow((void **)&b->seen, &b->cap_seen, b->n_seen + 1, sizeof *b->seen))
        return -1;
    b->seen[b->n_seen++] = h;
    return 0;
}

/* Text of the attribution: "officials said", "according to the ministry". */
static int build_attribution(builder *b, const xt_prop *p)
{
    const xt_sentence *s = &b->view;
    kg_strbuf_clear(&b->attr);
    kg_arg ignored;
    if (p->attr_according >= 0) {
        xt_arg a;
        memset(&a, 0, sizeof a);
        a.head = p->attr_according;
        int n = build_arg(b, &a, &b->attr, &b->scratch, &ignored);
        return n < 0 ? n : KG_OK;
    }
    if (p->attr_verb < 0 || p->attr_subj < 0)
        return KG_OK;
    xt_arg a;
    memset(&a, 0, sizeof a);
    a.head = p->attr_subj;
    int n = build_arg(b, &a, &b->attr, &b->scratch, &ignored);
    if (n < 0)
        return n;
    return put_form(&b->attr, s, p->attr_verb, 0);
}

static int emit_prop(void *ctx, const xt_sentence *s, const xt_prop *p)
{
    builder *b = ctx;
    kg_arg subj, obj;
    int ns = build_arg(b, &p->subj, &b->subj, &b->subj_name, &subj);
    if (ns <= 0)
        return ns;
    int no = build_arg(b, &p->obj, &b->obj, &b->obj_name, &obj);
    if (no <= 0)
        return no;
    if (subj.name && obj.name && strcmp(subj.name, obj.name) == 0) {
        /* an entity related to itself ("Qatar leveraged its relationships",
         * "Qatar positioned itself"): no entity-level reading, and the
         * object names no entity of the graph */
        if (p->kind == XT_DERIVED)
            return KG_OK;
        obj.name = NULL;
        obj.type = 0;
    }
    if (build_surface(&b->surface, s, p) || build_normalised(&b->rel, s, p))
        return KG_ENOMEM;
    if (b->rel.len == 0 || b->surface.len == 0)
        return KG_OK;
    double conf = adjust_confidence(s, p, ns, no);
    if (conf < b->o->min_confidence)
        return KG_OK;

    kg_triple t;
    memset(&t, 0, sizeof t);
    if (p->agent_first) {
        t.subject = obj;
        t.object = subj;
        t.flags |= KG_TRIPLE_PASSIVE;
    } else {
        t.subject = subj;
        t.object = obj;
    }
    if (p->kind == XT_DERIVED)
        t.flags |= KG_TRIPLE_DERIVED;
    if (p->negated)
        t.flags |= KG_TRIPLE_NEGATED;
    t.relation = b->rel.data;
    t.relation_surface = b->surface.data;
    t.confidence = conf;
    if (p->modal >= 0)
        t.modality = s->tok[p->modal].lemma ? s->tok[p->modal].lemma : s->tok[p->modal].form;

    const char *args[XT_MAX_EXTRA];
    uint8_t time_role = XT_ROLE_PLACE; /* less specific than any time */
    uint32_t n_args = 0;
    for (uint8_t i = 0; i < p->n_extra; i++) {
        kg_arg e;
        int n = build_arg(b, &p->extra[i], &b->extra[i], &b->scratch, &e);
        if (n < 0)
            return n;
        if (n == 0)
            continue;
        args[n_args++] = e.text;
        uint8_t role = p->extra_role[i];
        if (role >= XT_ROLE_DATE && role <= XT_ROLE_TIME_WEAK && role < time_role) {
            t.time = e.text; /* the most specific: "in 2020" before "after years of war" */
            time_role = role;
        } else if (role == XT_ROLE_PLACE && !t.place) {
            t.place = e.text;
        }
    }
    t.args = args;
    t.n_args = n_args;
    int rc = build_attribution(b, p);
    if (rc)
        return rc;
    t.attribution = b->attr.len ? b->attr.data : NULL;

    int seen = seen_before(b, &t);
    if (seen)
        return seen < 0 ? KG_ENOMEM : KG_OK;
    t.doc = b->d->id;
    t.sentence = s->index;
    t.start = kg_document_orig_offset(b->d, b->sent->start);
    t.end = kg_document_orig_offset(b->d, b->sent->end);
    t.sentence_text = b->sentence.data;
    return kg_extraction_add_triple(b->out, &t);
}

/* ---------------------------------------------------------------- driver */

/* Prepares b->view for sentence si: children lists and the mention of each token. */
static int view_sentence(builder *b, size_t si, size_t *next_mention)
{
    const kg_document *d = b->d;
    const kg_sentence *st = &d->sentences[si];
    xt_sentence *v = &b->view;
    uint32_t n = st->count;
    if (n + 1 > b->cap) {
        size_t cap = (size_t)n + 1;
        kg_free(v->kid_start);
        kg_free(v->kids);
        kg_free(v->mention);
        kg_free(b->tokens);
        v->kid_start = kg_malloc(cap * sizeof *v->kid_start);
        v->kids = kg_malloc(cap * sizeof *v->kids);
        v->mention = kg_malloc(cap * sizeof *v->mention);
        b->tokens = kg_malloc(2 * cap * sizeof *b->tokens);
        if (!v->kid_start || !v->kids || !v->mention || !b->tokens) {
            b->cap = 0;
            return KG_ENOMEM;
        }
        b->cap = cap;
    }
    v->doc = d;
    v->tok = d->tokens + st->first;
    v->first = st->first;
    v->n = n;
    v->index = (uint32_t)si;
    /* children in sentence order, by counting */
    memset(v->kid_start, 0, ((size_t)n + 1) * sizeof *v->kid_start);
    for (uint32_t i = 0; i < n; i++) {
        int32_t h = v->tok[i].head;
        if (h >= 0 && (uint32_t)h < n)
            v->kid_start[h + 1]++;
    }
    for (uint32_t i = 0; i < n; i++)
        v->kid_start[i + 1] += v->kid_start[i];
    uint32_t *fill = (uint32_t *)b->tokens; /* scratch: next free slot per head */
    for (uint32_t i = 0; i < n; i++)
        fill[i] = v->kid_start[i];
    for (uint32_t i = 0; i < n; i++) {
        int32_t h = v->tok[i].head;
        if (h >= 0 && (uint32_t)h < n)
            v->kids[fill[h]++] = (int32_t)i;
    }
    for (uint32_t i = 0; i < n; i++)
        v->mention[i] = -1;
    size_t m = *next_mention;
    while (m < d->n_mentions && d->mentions[m].sentence < si)
        m++;
    *next_mention = m;
    for (; m < d->n_mentions && d->mentions[m].sentence == si; m++) {
        const kg_mention *me = &d->mentions[m];
        for (uint32_t k = 0; k < me->count; k++) {
            uint32_t t = me->first + k;
            if (t >= st->first && t < st->first + n && v->mention[t - st->first] < 0)
                v->mention[t - st->first] = (int32_t)m;
        }
    }
    return KG_OK;
}

/* Whether the sentence has a dependency tree to read. */
static int parsed(const kg_document *d, const kg_sentence *st)
{
    for (uint32_t i = 0; i < st->count; i++) {
        const kg_token *t = &d->tokens[st->first + i];
        if (t->head < -1 || t->head >= (int32_t)st->count || t->deprel == KG_DEP_NONE)
            return 0;
    }
    return st->count > 0;
}

#define N_BUFS 9 /* the builder's string buffers */

static int extract_triples(kg_extraction *out, const kg_document *d, const kg_extract_options *o)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.out = out;
    b.d = d;
    b.o = o;
    kg_strbuf *bufs[N_BUFS] = {&b.subj,     &b.obj,       &b.rel,      &b.surface, &b.attr,
                               &b.sentence, &b.subj_name, &b.obj_name, &b.scratch};
    for (size_t i = 0; i < N_BUFS; i++)
        kg_strbuf_init(bufs[i], SIZE_MAX);
    for (size_t i = 0; i < XT_MAX_EXTRA; i++)
        kg_strbuf_init(&b.extra[i], SIZE_MAX);
    int rc = KG_OK;
    size_t next_mention = 0;
    for (size_t si = 0; si < d->n_sentences && rc == KG_OK; si++) {
        const kg_sentence *st = &d->sentences[si];
        if ((st->flags & KG_SENT_HEADING) && !o->headings)
            continue; /* titles, bylines and section heads state no facts */
        if (!parsed(d, st))
            continue;
        rc = view_sentence(&b, si, &next_mention);
        if (rc)
            break;
        b.sent = st;
        b.n_seen = 0;
        kg_strbuf_clear(&b.sentence);
        if (kg_strbuf_append(&b.sentence, d->text + st->start, st->end - st->start)) {
            rc = KG_ENOMEM;
            break;
        }
        rc = xt_find_propositions(&b.view, emit_prop, &b);
    }
    kg_free(b.view.kid_start);
    kg_free(b.view.kids);
    kg_free(b.view.mention);
    kg_free(b.tokens);
    kg_free(b.seen);
    for (size_t i = 0; i < N_BUFS; i++)
        kg_strbuf_free(bufs[i]);
    for (size_t i = 0; i < XT_MAX_EXTRA; i++)
        kg_strbuf_free(&b.extra[i]);
    return rc == KG_OK ? KG_OK : kg_error_set(rc, "out of memory extracting triples");
}

/* ------------------------------------------------------------- mentions */

/* A mention record for each of the document's entity mentions. */
static int add_mentions(kg_extraction *out, const kg_document *d)
{
    int rc = KG_OK;
    kg_strbuf text = KG_STRBUF_INIT, sentence = KG_STRBUF_INIT;
    for (size_t i = 0; i < d->n_mentions && rc == KG_OK; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->kind != KG_MENTION_NAME)
            continue; /* pronouns and descriptions are not names of the entity */
        const kg_sentence *s = &d->sentences[m->sentence];
        kg_strbuf_clear(&text);
        kg_strbuf_clear(&sentence);
        if (kg_strbuf_append(&text, d->text + m->start, m->end - m->start) ||
            kg_strbuf_append(&sentence, d->text + s->start, s->end - s->start)) {
            rc = KG_ENOMEM;
            break;
        }
        kg_mention_record r;
        memset(&r, 0, sizeof r);
        r.doc = d->id;
        r.sentence = m->sentence;
        r.start = kg_document_orig_offset(d, m->start);
        r.end = kg_document_orig_offset(d, m->end);
        r.text = text.data;
        r.type = m->type;
        r.entity = m->entity >= 0 ? d->entities[m->entity].name : text.data;
        r.roles = m->roles;
        r.sentence_text = sentence.data;
        rc = kg_extraction_add_mention(out, &r);
    }
    kg_strbuf_free(&text);
    kg_strbuf_free(&sentence);
    return rc;
}

int kg_extract(kg_extraction *out, const kg_document *d, const kg_extract_options *opts)
{
    static const kg_extract_options defaults = KG_EXTRACT_OPTIONS_INIT;
    const kg_extract_options *o = opts ? opts : &defaults;
    kg_document_record r = {d->id, d->title, d->byline, d->date, d->url};
    int rc = kg_extraction_add_document(out, &r);
    if (rc == KG_OK)
        rc = extract_triples(out, d, o);
    if (rc == KG_OK)
        rc = add_mentions(out, d);
    return rc;
}
