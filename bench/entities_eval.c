/* entities_eval.c - what within-document resolution (kg_coref.h) does to the
 * named mentions the pipeline hands on, measured on UNER English-EWT dev,
 * and how fast it is.
 *
 *   entities_eval --models DIR --uner FILE (--model FILE | --fold-dir DIR --folds K)
 *                 [--keep-headings] [--errors] [--speed FILE...]
 *
 * Each UNER document goes through the pipeline's stages from its gold
 * tokens and sentences (tagger, parser, entity recognition) and is scored
 * twice: the recogniser's mentions, and the named mentions left after
 * kg_coref_resolve (headings and bylines dropped, nationalities resolved,
 * types fixed from the rest of the document). With --fold-dir, document d
 * is recognised by the model DIR/fold-I.kgm, I = d mod K, trained without
 * UNER fold I (kgraph train-ner --folds K --holdout I), so the figures are
 * held out. Exact span and type; kgraph types map to UNER's as PERSON->PER,
 * ORG->ORG, GPE/LOC/FAC->LOC, the rest dropped. A nationality resolved to its
 * country ("Qatari mediators" -> Qatar, GPE) names no location in UNER's
 * scheme; such mentions are counted apart, not as false locations.
 *
 * --gum FILE --ner-model FILE: pronoun and description resolution against
 * GUM's coreference annotation (MISC Entity=, CC BY genres only). Each
 * document goes through tagger, parser, the given recogniser and
 * kg_coref_resolve from its gold tokens. A pronoun or description that
 * resolution links to an entity is right when one of that entity's named
 * mentions overlaps a mention of the gold chain the pronoun belongs to;
 * recall counts the third-person pronouns whose gold chain has a proper-noun
 * mention before them. Name clustering is scored pairwise over the named
 * mentions that overlap a gold mention. Use a recogniser that was not trained
 * on the file (the shipped one saw all of GUM).
 *
 * --speed: tokens per second of kg_coref_resolve alone and of the whole
 * pipeline (ingest, segmentation, tagging, parsing, recognition,
 * resolution) on the given files, one thread. */
#define _POSIX_C_SOURCE 200809L
#include "kg_conllu.h"
#include "kg_coref.h"
#include "kg_ingest.h"
#include "kg_ner.h"
#include "kg_pipeline.h"
#include "kg_segment.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------- scoring */

enum { PER, ORG, LOC, NTYPES };
static const char *const type_names[NTYPES] = {"PER", "ORG", "LOC"};

static int uner_type(int t)
{
    if (t == KG_ENT_PERSON) {
        return PER;
    }
    if (t == KG_ENT_ORG) {
        return ORG;
    }
    if (t == KG_ENT_GPE || t == KG_ENT_LOC || t == KG_ENT_FAC) {
        return LOC;
    }
    return -1;
}

/* A mention by position within its document: sentence, first token, length. */
typedef struct span {
    uint32_t sent, tok, len;
    int type;
} span;

typedef struct tally {
    long tp[NTYPES], fp[NTYPES], fn[NTYPES];
} tally;

static void count(tally *t, const span *gold, size_t ng, const span *pred, size_t np)
{
    char *used = calloc(np ? np : 1, 1);
    if (!used) {
        exit(1);
    }
    for (size_t i = 0; i < ng; i++) {
        int hit = 0;
        for (size_t j = 0; j < np && !hit; j++) {
            if (!used[j] && pred[j].sent == gold[i].sent && pred[j].tok == gold[i].tok &&
                pred[j].len == gold[i].len && pred[j].type == gold[i].type) {
                used[j] = 1;
                hit = 1;
            }
        }
        if (hit) {
            t->tp[gold[i].type]++;
        } else {
            t->fn[gold[i].type]++;
        }
    }
    for (size_t j = 0; j < np; j++) {
        if (!used[j]) {
            t->fp[pred[j].type]++;
        }
    }
    free(used);
}

static void print_tally(const char *title, const tally *t)
{
    long tp = 0, fp = 0, fn = 0;
    printf("%s\n  %-8s %9s %9s %9s %6s %6s\n", title, "type", "precision", "recall", "F1", "gold",
           "found");
    for (int k = 0; k < NTYPES; k++) {
        long g = t->tp[k] + t->fn[k], f = t->tp[k] + t->fp[k];
        double p = f ? (double)t->tp[k] / (double)f : 0, r = g ? (double)t->tp[k] / (double)g : 0;
        printf("  %-8s %9.4f %9.4f %9.4f %6ld %6ld\n", type_names[k], p, r,
               p + r > 0 ? 2 * p * r / (p + r) : 0.0, g, f);
        tp += t->tp[k];
        fp += t->fp[k];
        fn += t->fn[k];
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    printf("  %-8s %9.4f %9.4f %9.4f %6ld %6ld\n", "overall", p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0.0, tp + fn, tp + fp);
}

/* ------------------------------------------------------------- documents */

/* The text of corpus sentences [first, last]: tokens joined by spaces, one
 * sentence per line. */
static char *document_text(const kg_document *c, const uint32_t *sents, size_t n, size_t *len)
{
    kg_strbuf b = KG_STRBUF_INIT;
    for (size_t k = 0; k < n; k++) {
        const kg_sentence *s = &c->sentences[sents[k]];
        for (uint32_t t = s->first; t < s->first + s->count; t++) {
            if ((t > s->first && kg_strbuf_putc(&b, ' ')) ||
                kg_strbuf_puts(&b, c->tokens[t].form)) {
                return NULL;
            }
        }
        if (kg_strbuf_putc(&b, '\n')) {
            return NULL;
        }
    }
    *len = b.len;
    return kg_strbuf_detach(&b);
}

typedef struct run {
    tally ner, coref;
    long demonyms, dropped, recovered, added, retyped, docs, skipped, tokens;
    double coref_seconds;
} run;

/* Gold spans of the corpus document made of sentences sents[0..n). */
static size_t gold_spans(const kg_document *c, const uint32_t *sents, size_t n, span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n_mentions; i++) {
        const kg_mention *m = &c->mentions[i];
        for (size_t j = 0; j < n; j++) {
            if (sents[j] != m->sentence || uner_type(m->type) < 0) {
                continue;
            }
            out[k].sent = (uint32_t)j;
            out[k].tok = m->first - c->sentences[m->sentence].first;
            out[k].len = m->count;
            out[k].type = uner_type(m->type);
            k++;
        }
    }
    return k;
}

static size_t pred_spans(const kg_document *d, const kg_gazetteer *gz, span *out, long *demonyms,
                         int coref)
{
    size_t k = 0;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->kind != KG_MENTION_NAME || uner_type(m->type) < 0) {
            continue;
        }
        if (coref && m->type == KG_ENT_GPE &&
            kg_gazetteer_demonym_country(gz, d->text + m->start, m->end - m->start)) {
            (*demonyms)++; /* "Qatari" as Qatar: no location in UNER's scheme */
            continue;
        }
        out[k].sent = m->sentence;
        out[k].tok = m->first - d->sentences[m->sentence].first;
        out[k].len = m->count;
        out[k].type = uner_type(m->type);
        k++;
    }
    return k;
}

static void show_errors(const char *what, const kg_document *d, const span *g, size_t ng,
                        const span *p, size_t np)
{
    for (size_t j = 0; j < np; j++) {
        int hit = 0;
        for (size_t i = 0; i < ng && !hit; i++) {
            hit = g[i].sent == p[j].sent && g[i].tok == p[j].tok && g[i].len == p[j].len &&
                  g[i].type == p[j].type;
        }
        if (hit) {
            continue;
        }
        const kg_sentence *s = &d->sentences[p[j].sent];
        const kg_token *a = &d->tokens[s->first + p[j].tok];
        const kg_token *z = &d->tokens[s->first + p[j].tok + p[j].len - 1];
        printf("  %s false %s: %.*s\n", what, type_names[p[j].type], (int)(z->end - a->start),
               d->text + a->start);
    }
}

static int evaluate(run *r, const kg_ner_corpus *corpus, const kg_syntax *syn, const kg_ner *ner,
                    const kg_coref_options *co, unsigned folds, unsigned fold, int errors)
{
    const kg_document *c = corpus->doc;
    const kg_gazetteer *gz = kg_ner_gazetteer(ner);
    int rc = 0;
    uint32_t *sents = malloc((c->n_sentences ? c->n_sentences : 1) * sizeof *sents);
    span *gold = malloc((c->n_mentions + 1) * sizeof *gold);
    if (!sents || !gold) {
        free(sents);
        free(gold);
        return -1;
    }
    for (size_t di = 0; di < corpus->n_docs && rc == 0; di++) {
        if (folds && di % folds != fold) {
            continue;
        }
        size_t n = 0;
        for (size_t s = 0; s < c->n_sentences; s++) {
            if (corpus->sent_doc[s] == di) {
                sents[n++] = (uint32_t)s;
            }
        }
        if (n == 0) {
            continue;
        }
        size_t len = 0;
        char *text = document_text(c, sents, n, &len);
        kg_document *d = NULL;
        kg_ingest_options io = {0};
        kg_segment_options so = KG_SEGMENT_OPTIONS_INIT;
        so.pretokenised = 1;
        so.one_sentence_per_line = 1;
        so.max_tokens = 0;
        if (!text || kg_ingest_text(&d, "uner", text, len, &io) || kg_segment(d, &so)) {
            kg_free(text);
            kg_document_free(d);
            rc = -1;
            break;
        }
        kg_free(text);
        size_t want = 0;
        for (size_t k = 0; k < n; k++) {
            want += c->sentences[sents[k]].count;
        }
        if (d->n_sentences != n || d->n_tokens != want) {
            r->skipped++; /* the tokenisation could not be reproduced */
            kg_document_free(d);
            continue;
        }
        if (kg_syntax_annotate(syn, d) || kg_ner_recognise(ner, d)) {
            kg_document_free(d);
            rc = -1;
            break;
        }
        size_t ng = gold_spans(c, sents, n, gold);
        span *pred = malloc((d->n_mentions + 1) * 2 * sizeof *pred);
        if (!pred) {
            kg_document_free(d);
            rc = -1;
            break;
        }
        size_t np = pred_spans(d, gz, pred, &r->demonyms, 0);
        count(&r->ner, gold, ng, pred, np);
        kg_mention *ner_ms = errors ? malloc((d->n_mentions + 1) * sizeof *ner_ms) : NULL;
        size_t n_ner = d->n_mentions;
        if (ner_ms) {
            memcpy(ner_ms, d->mentions, n_ner * sizeof *ner_ms);
        }
        size_t before = d->n_mentions;
        uint32_t *spans = malloc((2 * before + 1) * sizeof *spans);
        if (!spans) {
            free(pred);
            kg_document_free(d);
            rc = -1;
            break;
        }
        for (size_t i = 0; i < before; i++) {
            spans[2 * i] = d->mentions[i].start;
            spans[2 * i + 1] = d->mentions[i].end;
        }
        double t0 = seconds();
        if (kg_coref_resolve_with(gz, d, co)) {
            free(pred);
            free(spans);
            kg_document_free(d);
            rc = -1;
            break;
        }
        r->coref_seconds += seconds() - t0;
        r->tokens += (long)d->n_tokens;
        size_t named = 0, unchanged = 0;
        for (size_t i = 0; i < d->n_mentions; i++) {
            const kg_mention *m = &d->mentions[i];
            if (m->kind != KG_MENTION_NAME) {
                continue;
            }
            named++;
            int found = 0;
            for (size_t k = 0; k < before && !found; k++) {
                found = spans[2 * k] == m->start && spans[2 * k + 1] == m->end;
            }
            unchanged += (size_t)found;
        }
        free(spans);
        r->added += (long)(d->n_mentions - named);
        r->dropped += (long)before - (long)unchanged;
        r->recovered += (long)(named - unchanged);
        size_t np2 = pred_spans(d, gz, pred + np, &r->demonyms, 1);
        count(&r->coref, gold, ng, pred + np, np2);
        /* mentions whose type resolution changed (same span, other type) */
        for (size_t j = np; j < np + np2; j++) {
            for (size_t i = 0; i < np; i++) {
                if (pred[i].sent == pred[j].sent && pred[i].tok == pred[j].tok &&
                    pred[i].len == pred[j].len && pred[i].type != pred[j].type) {
                    r->retyped++;
                }
            }
        }
        if (errors) {
            show_errors("coref", d, gold, ng, pred + np, np2);
            /* names resolution dropped, with their sentence */
            for (size_t i = 0; ner_ms && i < n_ner; i++) {
                const kg_mention *m = &ner_ms[i];
                int kept = 0;
                for (size_t k = 0; k < d->n_mentions && !kept; k++) {
                    kept = d->mentions[k].kind == KG_MENTION_NAME &&
                           d->mentions[k].start == m->start && d->mentions[k].end == m->end;
                }
                if (kept) {
                    continue;
                }
                const kg_sentence *se = &d->sentences[m->sentence];
                printf("  dropped %s %.*s | %.*s\n", kg_ent_name(m->type), (int)(m->end - m->start),
                       d->text + m->start, (int)(se->end - se->start), d->text + se->start);
            }
        }
        free(ner_ms);
        free(pred);
        r->docs++;
        kg_document_free(d);
    }
    free(sents);
    free(gold);
    return rc;
}

/* ------------------------------------------------------------------- GUM */

typedef struct gmention {
    uint32_t first, last; /* document-local token range */
    uint32_t chain;       /* GUM entity number */
    uint8_t named;        /* contains a proper noun */
} gmention;

typedef struct open_entity {
    uint32_t id, first;
} open_entity;

typedef struct coref_tally {
    long pron_resolved, pron_right, pron_gold, pron_gold_found;
    long base_resolved, base_right, base_gold_found; /* nearest agreeing name */
    long desc_resolved, desc_right;
    long pair_tp, pair_fp, pair_fn;
    long docs, skipped;
    int errors; /* print the wrong links */
} coref_tally;

static const char *const pronoun_forms[] = {
    "he", "him", "his",    "himself", "she",  "her",   "hers",   "herself",
    "it", "its", "itself", "they",    "them", "their", "theirs", "themselves"};

static int is_pronoun_form(const char *f)
{
    char w[16];
    size_t n = strlen(f);
    if (n >= sizeof w) {
        return 0;
    }
    for (size_t i = 0; i <= n; i++) {
        w[i] = f[i];
        if (w[i] >= 'A' && w[i] <= 'Z') {
            w[i] = (char)(w[i] - 'A' + 'a');
        }
    }
    for (size_t i = 0; i < sizeof pronoun_forms / sizeof *pronoun_forms; i++) {
        if (strcmp(pronoun_forms[i], w) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The gold mentions of tokens [from, to) of the treebank (MISC Entity=). */
static size_t gum_mentions(const kg_treebank *tb, uint32_t from, uint32_t to, gmention **out)
{
    size_t n = 0, cap = 0, nopen = 0, capopen = 0;
    gmention *v = NULL;
    open_entity *open = NULL;
    for (uint32_t t = from; t < to; t++) {
        const char *misc = tb->misc[t];
        const char *e = misc ? strstr(misc, "Entity=") : NULL;
        if (!e) {
            continue;
        }
        e += 7;
        while (*e && *e != '|') {
            if (*e == '(') {
                uint32_t id = (uint32_t)strtoul(e + 1, NULL, 10);
                e++;
                while (*e && *e != '|' && *e != '(' && *e != ')') {
                    e++;
                }
                if (*e == ')') { /* opened and closed on this token */
                    e++;
                    if (kg_grow((void **)&v, &cap, n + 1, sizeof *v)) {
                        exit(1);
                    }
                    v[n++] = (gmention){t - from, t - from, id, 0};
                } else {
                    if (kg_grow((void **)&open, &capopen, nopen + 1, sizeof *open)) {
                        exit(1);
                    }
                    open[nopen++] = (open_entity){id, t - from};
                }
            } else if (*e >= '0' && *e <= '9') {
                char *end;
                uint32_t id = (uint32_t)strtoul(e, &end, 10);
                e = end;
                if (*e == ')') {
                    e++;
                }
                for (size_t k = nopen; k-- > 0;) {
                    if (open[k].id != id) {
                        continue;
                    }
                    if (kg_grow((void **)&v, &cap, n + 1, sizeof *v)) {
                        exit(1);
                    }
                    v[n++] = (gmention){open[k].first, t - from, id, 0};
                    open[k] = open[--nopen];
                    break;
                }
            } else {
                e++;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (uint32_t t = v[i].first; t <= v[i].last && !v[i].named; t++) {
            v[i].named = tb->doc->tokens[from + t].upos == KG_UPOS_PROPN;
        }
    }
    kg_free(open);
    *out = v;
    return n;
}

/* Whether entity e of d has a named mention overlapping a gold mention of chain. */
static int entity_in_chain(const kg_document *d, int32_t e, const gmention *g, size_t ng,
                           uint32_t chain)
{
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->kind != KG_MENTION_NAME || m->entity != e) {
            continue;
        }
        for (size_t k = 0; k < ng; k++) {
            if (g[k].chain == chain && g[k].first <= m->first + m->count - 1 &&
                m->first <= g[k].last) {
                return 1;
            }
        }
    }
    return 0;
}

/* The smallest gold mention covering token t, or -1. */
static long gold_at(const gmention *g, size_t ng, uint32_t t)
{
    long best = -1;
    for (size_t k = 0; k < ng; k++) {
        if (g[k].first <= t && t <= g[k].last &&
            (best < 0 || g[k].last - g[k].first < g[best].last - g[best].first)) {
            best = (long)k;
        }
    }
    return best;
}

static int gum_allowed(const char *doc_id, void *ctx)
{
    (void)ctx;
    return kg_ner_gum_genre_allowed(doc_id);
}

static int gum_coref(const char *path, const kg_syntax *syn, const kg_ner *ner,
                     const kg_coref_options *co, coref_tally *r)
{
    kg_treebank *tb = NULL;
    if (kg_treebank_read(&tb, path, gum_allowed, NULL)) {
        return -1;
    }
    const kg_document *c = tb->doc;
    const kg_gazetteer *gz = kg_ner_gazetteer(ner);
    int rc = 0;
    uint32_t *sents = malloc((c->n_sentences + 1) * sizeof *sents);
    if (!sents) {
        kg_treebank_free(tb);
        return -1;
    }
    for (size_t di = 0; di < tb->n_doc_ids && rc == 0; di++) {
        size_t n = 0;
        for (size_t s = 0; s < c->n_sentences; s++) {
            if (tb->sent_doc[s] == di) {
                sents[n++] = (uint32_t)s;
            }
        }
        if (n == 0) {
            continue;
        }
        uint32_t from = c->sentences[sents[0]].first;
        uint32_t to = c->sentences[sents[n - 1]].first + c->sentences[sents[n - 1]].count;
        size_t len = 0;
        char *text = document_text(c, sents, n, &len);
        kg_document *d = NULL;
        kg_ingest_options io = {0};
        kg_segment_options so = KG_SEGMENT_OPTIONS_INIT;
        so.pretokenised = 1;
        so.one_sentence_per_line = 1;
        so.max_tokens = 0;
        if (!text || kg_ingest_text(&d, tb->doc_ids[di], text, len, &io) || kg_segment(d, &so)) {
            kg_free(text);
            kg_document_free(d);
            rc = -1;
            break;
        }
        kg_free(text);
        if (d->n_tokens != to - from) {
            r->skipped++;
            kg_document_free(d);
            continue;
        }
        if (kg_syntax_annotate(syn, d) || kg_ner_recognise(ner, d) ||
            kg_coref_resolve_with(gz, d, co)) {
            kg_document_free(d);
            rc = -1;
            break;
        }
        gmention *g = NULL;
        size_t ng = gum_mentions(tb, from, to, &g);
        /* gold pronouns with a named mention of their chain before them */
        for (size_t k = 0; k < ng; k++) {
            if (g[k].first != g[k].last || !is_pronoun_form(d->tokens[g[k].first].form)) {
                continue;
            }
            int named_before = 0;
            for (size_t j = 0; j < ng && !named_before; j++) {
                named_before = g[j].chain == g[k].chain && g[j].named && g[j].last < g[k].first;
            }
            if (!named_before) {
                continue;
            }
            r->pron_gold++;
            int found = 0, linked = 0;
            for (size_t i = 0; i < d->n_mentions; i++) {
                const kg_mention *m = &d->mentions[i];
                if (m->kind != KG_MENTION_PRONOUN || m->first != g[k].first) {
                    continue;
                }
                linked = 1;
                found |= entity_in_chain(d, m->entity, g, ng, g[k].chain);
            }
            r->pron_gold_found += found;
            if (r->errors && !linked) {
                const kg_token *pt = &d->tokens[g[k].first];
                const kg_sentence *se = &d->sentences[0];
                for (size_t s2 = 0; s2 < d->n_sentences; s2++) {
                    if (d->sentences[s2].first <= g[k].first) {
                        se = &d->sentences[s2];
                    }
                }
                /* the named mention of its chain nearest before it */
                const gmention *ante = NULL;
                for (size_t j = 0; j < ng; j++) {
                    if (g[j].chain == g[k].chain && g[j].named && g[j].last < g[k].first &&
                        (!ante || g[j].first > ante->first)) {
                        ante = &g[j];
                    }
                }
                printf("  missed '%s' (antecedent '%.*s', %u tokens back) | %.*s\n", pt->form,
                       (int)(d->tokens[ante->last].end - d->tokens[ante->first].start),
                       d->text + d->tokens[ante->first].start, g[k].first - ante->last,
                       (int)(se->end - se->start), d->text + se->start);
            }
        }
        /* baseline: each pronoun to the nearest earlier agreeing named mention
         * in the same or the three previous sentences */
        for (uint32_t t = 0; t < d->n_tokens; t++) {
            const char *f = d->tokens[t].form;
            if (!is_pronoun_form(f) || d->tokens[t].upos != KG_UPOS_PRON) {
                continue;
            }
            char l = (char)(f[0] | 0x20);
            int she = l == 's' || (l == 'h' && (f[1] | 0x20) == 'e' && (f[2] | 0x20) == 'r');
            int he = l == 'h' && !she, it = l == 'i', they = l == 't';
            uint32_t ts = 0;
            for (size_t s2 = 0; s2 < d->n_sentences; s2++) {
                if (d->sentences[s2].first <= t) {
                    ts = (uint32_t)s2;
                }
            }
            int32_t pick = -1;
            for (size_t i = d->n_mentions; i-- > 0;) {
                const kg_mention *m = &d->mentions[i];
                if (m->kind != KG_MENTION_NAME || m->first + m->count > t) {
                    continue;
                }
                if (m->sentence + 3 < ts) {
                    break;
                }
                int ty = m->type;
                int ok = ((he || she) && ty == KG_ENT_PERSON) ||
                         (it && (ty == KG_ENT_ORG || ty == KG_ENT_GPE || ty == KG_ENT_LOC ||
                                 ty == KG_ENT_FAC || ty == KG_ENT_EVENT || ty == KG_ENT_LAW)) ||
                         (they && (ty == KG_ENT_ORG || ty == KG_ENT_NORP));
                if (ok) {
                    pick = m->entity;
                    break;
                }
            }
            if (pick < 0) {
                continue;
            }
            r->base_resolved++;
            long k = gold_at(g, ng, t);
            int right = k >= 0 && entity_in_chain(d, pick, g, ng, g[k].chain);
            r->base_right += right;
            if (right && g[k].first == t && g[k].last == t) {
                int named_before = 0;
                for (size_t j = 0; j < ng && !named_before; j++) {
                    named_before = g[j].chain == g[k].chain && g[j].named && g[j].last < t;
                }
                r->base_gold_found += named_before;
            }
        }
        /* every pronoun and description resolution made */
        for (size_t i = 0; i < d->n_mentions; i++) {
            const kg_mention *m = &d->mentions[i];
            if (m->kind == KG_MENTION_NAME) {
                continue;
            }
            uint32_t head = m->first + m->count - 1;
            long k = gold_at(g, ng, head);
            int right = k >= 0 && entity_in_chain(d, m->entity, g, ng, g[k].chain);
            if (r->errors && !right) {
                const kg_sentence *se = &d->sentences[m->sentence];
                printf("  wrong %s '%.*s' -> %s | %.*s\n",
                       m->kind == KG_MENTION_PRONOUN ? "pronoun" : "description",
                       (int)(m->end - m->start), d->text + m->start, d->entities[m->entity].name,
                       (int)(se->end - se->start), d->text + se->start);
            }
            if (m->kind == KG_MENTION_PRONOUN) {
                r->pron_resolved++;
                r->pron_right += right;
            } else {
                r->desc_resolved++;
                r->desc_right += right;
            }
        }
        /* name clustering, pairwise over named mentions that meet a gold mention */
        long *chain_of = malloc((d->n_mentions + 1) * sizeof *chain_of);
        for (size_t i = 0; chain_of && i < d->n_mentions; i++) {
            const kg_mention *m = &d->mentions[i];
            long k = m->kind == KG_MENTION_NAME ? gold_at(g, ng, m->first + m->count - 1) : -1;
            chain_of[i] = k >= 0 ? (long)g[k].chain : -1;
        }
        for (size_t i = 0; chain_of && i < d->n_mentions; i++) {
            for (size_t j = i + 1; chain_of[i] >= 0 && j < d->n_mentions; j++) {
                if (chain_of[j] < 0) {
                    continue;
                }
                int ours = d->mentions[i].entity == d->mentions[j].entity;
                int gold = chain_of[i] == chain_of[j];
                r->pair_tp += ours && gold;
                r->pair_fp += ours && !gold;
                r->pair_fn += !ours && gold;
            }
        }
        free(chain_of);
        kg_free(g);
        r->docs++;
        kg_document_free(d);
    }
    free(sents);
    kg_treebank_free(tb);
    return rc;
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void print_coref(const char *path, const coref_tally *r)
{
    printf("GUM coreference (%s, CC BY genres): %ld documents (%ld not reproduced)\n", path,
           r->docs, r->skipped);
    printf("  pronouns linked to a named entity: %ld, right %ld: precision %.4f\n",
           r->pron_resolved, r->pron_right, ratio(r->pron_right, r->pron_resolved));
    printf("  third-person pronouns whose gold chain is named before them: %ld, linked right "
           "%ld: recall %.4f\n",
           r->pron_gold, r->pron_gold_found, ratio(r->pron_gold_found, r->pron_gold));
    printf("  baseline (nearest earlier agreeing name, 3 sentences): linked %ld, right %ld: "
           "precision %.4f, recall %.4f\n",
           r->base_resolved, r->base_right, ratio(r->base_right, r->base_resolved),
           ratio(r->base_gold_found, r->pron_gold));
    printf("  descriptions linked (definite descriptions, identifications): %ld, right %ld: "
           "precision %.4f\n",
           r->desc_resolved, r->desc_right, ratio(r->desc_right, r->desc_resolved));
    double p = ratio(r->pair_tp, r->pair_tp + r->pair_fp),
           q = ratio(r->pair_tp, r->pair_tp + r->pair_fn);
    printf(
        "  name clustering, pairwise: precision %.4f recall %.4f F1 %.4f (%ld same-entity pairs)\n",
        p, q, p + q > 0 ? 2 * p * q / (p + q) : 0.0, r->pair_tp + r->pair_fn);
}

/* ------------------------------------------------------------------ speed */

static int speed(const char *models, char **files, int n)
{
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = models;
    kg_pipeline *p = NULL;
    kg_ner *ner = NULL;
    if (kg_pipeline_new(&p, &po) || kg_ner_load(&ner, models)) {
        return -1;
    }
    const kg_gazetteer *gz = kg_ner_gazetteer(ner);
    double pipe_s = 0, coref_s = 0;
    long pipe_tokens = 0, coref_tokens = 0;
    int rc = 0;
    for (int round = 0; round < 5 && rc == 0; round++) {
        for (int i = 0; i < n && rc == 0; i++) {
            char *text = NULL;
            size_t len = 0;
            kg_document *d = NULL;
            if (kg_file_read(files[i], (size_t)64 << 20, &text, &len)) {
                rc = -1;
                break;
            }
            double t0 = seconds();
            if (kg_ingest_text(&d, files[i], text, len, NULL) || kg_pipeline_annotate(p, d)) {
                kg_free(text);
                kg_document_free(d);
                rc = -1;
                break;
            }
            pipe_s += seconds() - t0;
            pipe_tokens += (long)d->n_tokens;
            /* resolution again, alone, on the recogniser's names */
            double t1 = seconds();
            for (int k = 0; k < 20 && rc == 0; k++) {
                rc = kg_coref_resolve(gz, d);
            }
            coref_s += seconds() - t1;
            coref_tokens += 20 * (long)d->n_tokens;
            kg_free(text);
            kg_document_free(d);
        }
    }
    if (rc == 0) {
        printf("speed (one thread): pipeline %.0f tokens/s (ingest to resolution, %ld tokens); "
               "kg_coref_resolve alone %.0f tokens/s\n",
               (double)pipe_tokens / pipe_s, pipe_tokens, (double)coref_tokens / coref_s);
    }
    kg_pipeline_free(p);
    kg_ner_free(ner);
    return rc;
}

/* ------------------------------------------------------------------- main */

static void usage(void)
{
    fputs("usage: entities_eval --models DIR [--uner FILE (--model FILE | --fold-dir DIR "
          "--folds K)]\n"
          "                     [--gum FILE --ner-model FILE] [--keep-headings] [--errors]\n"
          "                     [--speed FILE...]\n",
          stderr);
}

int main(int argc, char **argv)
{
    const char *models = "models", *uner = NULL, *model = NULL, *pattern = NULL;
    const char *gum = NULL, *ner_model = NULL;
    unsigned folds = 0;
    int errors = 0, first_speed = 0;
    kg_coref_options co = KG_COREF_OPTIONS_INIT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--keep-headings") == 0) {
            co.keep_headings = 1;
        } else if (strcmp(a, "--errors") == 0) {
            errors = 1;
        } else if (strcmp(a, "--speed") == 0) {
            first_speed = i + 1;
            break;
        } else if (v && strcmp(a, "--models") == 0) {
            models = argv[++i];
        } else if (v && strcmp(a, "--uner") == 0) {
            uner = argv[++i];
        } else if (v && strcmp(a, "--model") == 0) {
            model = argv[++i];
        } else if (v && strcmp(a, "--fold-dir") == 0) {
            pattern = argv[++i];
        } else if (v && strcmp(a, "--window") == 0) {
            co.window = (unsigned)atoi(argv[++i]);
        } else if (v && strcmp(a, "--gum") == 0) {
            gum = argv[++i];
        } else if (v && strcmp(a, "--ner-model") == 0) {
            ner_model = argv[++i];
        } else if (v && strcmp(a, "--folds") == 0) {
            folds = (unsigned)atoi(argv[++i]);
        } else {
            usage();
            return 1;
        }
    }
    int rc = 1;
    char gazdir[4096], path[4096];
    kg_gazetteer *gz = NULL;
    kg_ner_corpus *corpus = NULL;
    kg_syntax *syn = NULL;
    kg_ner *ner = NULL;
    run r;
    memset(&r, 0, sizeof r);
    snprintf(gazdir, sizeof gazdir, "%s/gazetteers", models);
    if (uner && (model || (pattern && folds >= 2))) {
        if (kg_gazetteer_load(&gz, gazdir) || kg_ner_corpus_read_iob2(&corpus, uner, gz, 0) ||
            kg_syntax_load(&syn, models)) {
            goto fail;
        }
        unsigned rounds = model ? 1 : folds;
        for (unsigned f = 0; f < rounds; f++) {
            if (!model) {
                snprintf(path, sizeof path, "%s/fold-%u.kgm", pattern, f);
            }
            if (kg_ner_load_files(&ner, model ? model : path, gazdir) ||
                evaluate(&r, corpus, syn, ner, &co, model ? 0 : folds, f, errors)) {
                goto fail;
            }
            kg_ner_free(ner);
            ner = NULL;
        }
        printf("UNER English-EWT dev: %ld documents (%ld not reproduced), %s, headings %s\n",
               r.docs, r.skipped,
               model ? "one model (in-sample if it was trained on UNER)" : "fold models (held out)",
               co.keep_headings ? "kept" : "dropped as in running text");
        print_tally("recognition only (kg_ner_recognise)", &r.ner);
        print_tally("after within-document resolution (kg_coref_resolve): named mentions",
                    &r.coref);
        printf("resolution: %ld names dropped or reshaped (headings, bylines, nationalities of "
               "a person, names with a role after them), %ld names added (repeated surnames "
               "recognition missed, reshaped names), %ld nationalities resolved to their country "
               "(not scored), %ld names retyped, %ld pronoun and description mentions added; "
               "%.0f tokens/s\n",
               r.dropped, r.recovered, r.demonyms, r.retyped, r.added,
               r.coref_seconds > 0 ? (double)r.tokens / r.coref_seconds : 0.0);
    } else if (!first_speed && !(gum && ner_model)) {
        usage();
        return 1;
    }
    if (gum && ner_model) {
        coref_tally ct;
        memset(&ct, 0, sizeof ct);
        ct.errors = errors;
        if ((!syn && kg_syntax_load(&syn, models)) || kg_ner_load_files(&ner, ner_model, gazdir) ||
            gum_coref(gum, syn, ner, &co, &ct)) {
            goto fail;
        }
        print_coref(gum, &ct);
        kg_ner_free(ner);
        ner = NULL;
    }
    if (first_speed && speed(models, argv + first_speed, argc - first_speed)) {
        goto fail;
    }
    rc = 0;
    goto done;
fail:
    fprintf(stderr, "entities_eval: %s\n", kg_error_message());
done:
    kg_ner_free(ner);
    kg_syntax_free(syn);
    kg_ner_corpus_free(corpus);
    kg_gazetteer_free(gz);
    return rc;
}
