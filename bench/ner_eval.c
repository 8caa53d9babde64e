/* ner_eval.c - accuracy and speed of entity recognition.
 *
 * Accuracy: entity-level (exact span and type) precision, recall and F1 per
 * type and overall on the UNER English-EWT development set, mapping kgraph
 * types to UNER's (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, others
 * dropped). With --folds K the protocol is honest k-fold cross-validation:
 * for each fold the model is trained on the other data plus the other K-1
 * folds of UNER (documents round-robin: document d is in fold d % K), tested
 * on the held-out fold, and the counts are summed. With --folds 0 the model
 * is trained without UNER at all and tested on all of it. --model tests an
 * existing model (in-sample if that model saw UNER: reported as such).
 * Optionally also scores all kgraph types on GUM-derived annotation
 * (--gum-test, e.g. GUM test, CC BY genres) for a model not trained on it.
 *
 * Speed: tokens per second of kg_ner_recognise over the UNER sentences.
 *
 * Samples: prints the mentions found in text files (--samples FILE...),
 * read and segmented as the pipeline does (kg_ingest_text, kg_segment).
 */
#define _POSIX_C_SOURCE 200809L
#include "kg_ingest.h"
#include "kg_ner.h"
#include "kg_segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 16

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "  %s\n", line);
}

/* ---------------------------------------------------------------- scoring */

enum { U_PER, U_ORG, U_LOC, U_COUNT };
static const char *const uner_names[] = {"PER", "ORG", "LOC"};

static int to_uner(int type)
{
    switch (type) {
    case KG_ENT_PERSON:
        return U_PER;
    case KG_ENT_ORG:
        return U_ORG;
    case KG_ENT_GPE:
    case KG_ENT_LOC:
    case KG_ENT_FAC:
        return U_LOC;
    default:
        return -1;
    }
}

typedef struct counts {
    long tp[KG_ENT_COUNT], fp[KG_ENT_COUNT], fn[KG_ENT_COUNT];
} counts;

typedef int (*type_map)(int type);

static int identity_map(int type) { return type > 0 && type < KG_ENT_COUNT ? type : -1; }

static int uner_map(int type) { return to_uner(type); }

/* Any UNER type as one: span detection without typing. */
static int span_map(int type) { return to_uner(type) < 0 ? -1 : 0; }

/* Adds the matches between gold and predicted mentions of the sentences
 * selected by keep (NULL: all). Mentions are sorted by position. */
static void score(counts *c, const kg_mention *gold, size_t ng, const kg_mention *pred, size_t np,
                  type_map gmap, type_map pmap, const uint8_t *keep)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < ng && (gmap(gold[i].type) < 0 || (keep && !keep[gold[i].sentence])))
            i++;
        while (j < np && (pmap(pred[j].type) < 0 || (keep && !keep[pred[j].sentence])))
            j++;
        if (i >= ng && j >= np)
            break;
        if (j >= np || (i < ng && gold[i].first < pred[j].first)) {
            c->fn[gmap(gold[i].type)]++;
            i++;
        } else if (i >= ng || pred[j].first < gold[i].first) {
            c->fp[pmap(pred[j].type)]++;
            j++;
        } else {
            int gt = gmap(gold[i].type), pt = pmap(pred[j].type);
            if (gold[i].count == pred[j].count && gt == pt) {
                c->tp[gt]++;
            } else {
                c->fn[gt]++;
                c->fp[pt]++;
            }
            i++;
            j++;
        }
    }
}

static void print_scores(const char *title, const counts *c, const char *const *names, int n)
{
    long tp = 0, fp = 0, fn = 0;
    printf("%s\n  %-8s %9s %9s %9s %7s %7s\n", title, "type", "precision", "recall", "F1", "gold",
           "found");
    for (int t = 0; t < n; t++) {
        long g = c->tp[t] + c->fn[t], f = c->tp[t] + c->fp[t];
        if (g == 0 && f == 0)
            continue;
        double p = f ? (double)c->tp[t] / f : 0, r = g ? (double)c->tp[t] / g : 0;
        printf("  %-8s %9.4f %9.4f %9.4f %7ld %7ld\n", names[t], p, r,
               p + r > 0 ? 2 * p * r / (p + r) : 0.0, g, f);
        tp += c->tp[t];
        fp += c->fp[t];
        fn += c->fn[t];
    }
    double p = tp + fp ? (double)tp / (tp + fp) : 0, r = tp + fn ? (double)tp / (tp + fn) : 0;
    printf("  %-8s %9.4f %9.4f %9.4f %7ld %7ld\n", "overall", p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0.0, tp + fn, tp + fp);
}

static kg_mention *copy_mentions(const kg_document *d)
{
    kg_mention *m = malloc((d->n_mentions ? d->n_mentions : 1) * sizeof *m);
    if (m)
        memcpy(m, d->mentions, d->n_mentions * sizeof *m);
    return m;
}

/* Precision of predicted mentions by confidence band. */
typedef struct calib {
    long right[4], all[4];
} calib;

static void calibrate(calib *c, const kg_mention *gold, size_t ng, const kg_mention *pred,
                      size_t np, const uint8_t *keep)
{
    size_t i = 0;
    for (size_t j = 0; j < np; j++) {
        const kg_mention *p = &pred[j];
        if (to_uner(p->type) < 0 || (keep && !keep[p->sentence]))
            continue;
        while (i < ng && gold[i].first < p->first)
            i++;
        int ok = 0;
        for (size_t k = i; k < ng && gold[k].first == p->first; k++)
            ok |= gold[k].count == p->count && to_uner(gold[k].type) == to_uner(p->type);
        int band = p->confidence < 0.5f   ? 0
                   : p->confidence < 0.7f ? 1
                   : p->confidence < 0.9f ? 2
                                          : 3;
        c->all[band]++;
        c->right[band] += ok;
    }
}

static void print_calib(const calib *c)
{
    static const char *const bands[] = {"< 0.5", "0.5-0.7", "0.7-0.9", ">= 0.9"};
    printf("precision by confidence (exact span and type):\n");
    for (int b = 0; b < 4; b++) {
        if (c->all[b])
            printf("  %-8s %9.4f %7ld mentions\n", bands[b], (double)c->right[b] / c->all[b],
                   c->all[b]);
    }
}

/* Prints the sentences where gold and predicted mentions differ. */
static void show_errors(const kg_document *d, const kg_mention *gold, size_t ng,
                        const kg_mention *pred, size_t np, type_map map, const uint8_t *keep)
{
    size_t i = 0, j = 0;
    for (size_t s = 0; s < d->n_sentences; s++) {
        size_t i0 = i, j0 = j;
        while (i < ng && gold[i].sentence == s)
            i++;
        while (j < np && pred[j].sentence == s)
            j++;
        if (keep && !keep[s])
            continue;
        int same = 1;
        size_t a = i0, b = j0;
        for (;;) {
            while (a < i && map(gold[a].type) < 0)
                a++;
            while (b < j && map(pred[b].type) < 0)
                b++;
            if (a == i || b == j) {
                same = a == i && b == j;
                break;
            }
            if (gold[a].first != pred[b].first || gold[a].count != pred[b].count ||
                map(gold[a].type) != map(pred[b].type)) {
                same = 0;
                break;
            }
            a++;
            b++;
        }
        if (same)
            continue;
        const kg_sentence *se = &d->sentences[s];
        printf("S: %.*s\n", (int)(se->end - se->start), d->text + se->start);
        for (a = i0; a < i; a++)
            printf("   gold %-6s %.*s\n", kg_ent_name(gold[a].type),
                   (int)(gold[a].end - gold[a].start), d->text + gold[a].start);
        for (b = j0; b < j; b++)
            printf("   pred %-6s %.*s\n", kg_ent_name(pred[b].type),
                   (int)(pred[b].end - pred[b].start), d->text + pred[b].start);
    }
}

/* ------------------------------------------------------------------ speed */

static void speed(const kg_ner *m, kg_document *d)
{
    double t0 = now_seconds(), t;
    long rounds = 0;
    do {
        if (kg_ner_recognise(m, d)) {
            fprintf(stderr, "recognise: %s\n", kg_error_message());
            return;
        }
        rounds++;
        t = now_seconds() - t0;
    } while (t < 2.0);
    printf("speed: %.0f tokens/s (%ld passes over %zu tokens in %.2f s, one thread)\n",
           (double)rounds * d->n_tokens / t, rounds, d->n_tokens, t);
}

/* ---------------------------------------------------------------- samples */

static int print_sample(const kg_ner *m, const char *path)
{
    kg_document *d = NULL;
    char *text = NULL;
    size_t len = 0;
    if (kg_file_read(path, (size_t)16 << 20, &text, &len) ||
        kg_ingest_text(&d, path, text, len, NULL) || kg_segment(d, NULL) ||
        kg_ner_recognise(m, d)) {
        fprintf(stderr, "%s: %s\n", path, kg_error_message());
        kg_free(text);
        kg_document_free(d);
        return -1;
    }
    kg_free(text);
    printf("\n== %s: %zu tokens, %zu sentences, %zu mentions\n", path, d->n_tokens, d->n_sentences,
           d->n_mentions);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *me = &d->mentions[i];
        printf("  %-6s %.2f  %.*s", kg_ent_name(me->type), me->confidence,
               (int)(me->end - me->start), d->text + me->start);
        if (me->title_count) {
            const kg_token *a = &d->tokens[me->title_first];
            const kg_token *z = &d->tokens[me->title_first + me->title_count - 1];
            printf("   [title: %.*s]", (int)(z->end - a->start), d->text + a->start);
        }
        putchar('\n');
    }
    kg_document_free(d);
    return 0;
}

/* ------------------------------------------------------------------- main */

static void usage(void)
{
    fputs("usage: ner_eval --uner FILE [--models DIR] [--folds K | --model FILE]\n"
          "         [--gum FILE]... [--lexicon FILE]... [--weak FILE]... [--epochs N] [--seed N]\n"
          "         [--min-count N] [--lowercase R] [--uner-weight N] [--o-penalty X]\n"
          "         [--gum-test FILE] [--no-speed] [--errors] [--samples FILE...]\n"
          "  --folds K   K-fold cross-validation over UNER (K >= 2); 0 = train without UNER\n"
          "  --model F   score an existing model on all of UNER\n",
          stderr);
}

int main(int argc, char **argv)
{
    kg_ner_train_options o = KG_NER_TRAIN_OPTIONS_INIT;
    const char *gum[MAX_FILES + 1] = {0}, *lex[MAX_FILES + 1] = {0}, *weak[MAX_FILES + 1] = {0};
    size_t ngum = 0, nlex = 0, nweak = 0;
    const char *uner = NULL, *models = "models", *model = NULL, *gum_test = NULL;
    long folds = -1;
    int do_speed = 1, first_sample = 0, errors = 0;
    char gazdir[4096], tmpmodel[4096];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-speed") == 0) {
            do_speed = 0;
            continue;
        }
        if (strcmp(a, "--errors") == 0) {
            errors = 1;
            continue;
        }
        if (strcmp(a, "--samples") == 0) {
            first_sample = i + 1;
            break;
        }
        if (!v) {
            usage();
            return 1;
        }
        i++;
        if (strcmp(a, "--uner") == 0)
            uner = v;
        else if (strcmp(a, "--models") == 0)
            models = v;
        else if (strcmp(a, "--model") == 0)
            model = v;
        else if (strcmp(a, "--folds") == 0)
            folds = atol(v);
        else if (strcmp(a, "--gum") == 0 && ngum < MAX_FILES)
            gum[ngum++] = v;
        else if (strcmp(a, "--lexicon") == 0 && nlex < MAX_FILES)
            lex[nlex++] = v;
        else if (strcmp(a, "--weak") == 0 && nweak < MAX_FILES)
            weak[nweak++] = v;
        else if (strcmp(a, "--gum-test") == 0)
            gum_test = v;
        else if (strcmp(a, "--epochs") == 0)
            o.epochs = (unsigned)atol(v);
        else if (strcmp(a, "--seed") == 0)
            o.seed = (uint64_t)atoll(v);
        else if (strcmp(a, "--min-count") == 0)
            o.min_count = (unsigned)atol(v);
        else if (strcmp(a, "--lowercase") == 0)
            o.lowercase_rate = atof(v);
        else if (strcmp(a, "--word-dropout") == 0)
            o.word_dropout = atof(v);
        else if (strcmp(a, "--o-penalty") == 0)
            o.o_penalty = atof(v);
        else if (strcmp(a, "--uner-weight") == 0)
            o.uner_weight = (unsigned)atol(v);
        else {
            usage();
            return 1;
        }
    }
    if (!uner || (folds < 0 && !model) || folds == 1) {
        usage();
        return 1;
    }
    snprintf(gazdir, sizeof gazdir, "%s/gazetteers", models);
    snprintf(tmpmodel, sizeof tmpmodel, "%s/kg-ner-eval-%ld.model",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());

    int rc = 1;
    kg_gazetteer *gz = NULL;
    kg_ner_corpus *raw = NULL, *conv = NULL, *gt = NULL;
    kg_ner *m = NULL;
    kg_mention *gold = NULL, *gold_conv = NULL, *pred = NULL;
    uint8_t *keep = NULL;
    counts c_raw, c_conv, c_fine, c_gum, c_span;
    calib cal;
    memset(&cal, 0, sizeof cal);
    memset(&c_raw, 0, sizeof c_raw);
    memset(&c_conv, 0, sizeof c_conv);
    memset(&c_fine, 0, sizeof c_fine);
    memset(&c_gum, 0, sizeof c_gum);
    memset(&c_span, 0, sizeof c_span);
    if (kg_gazetteer_load(&gz, gazdir) || kg_ner_corpus_read_iob2(&raw, uner, gz, 0) ||
        kg_ner_corpus_read_iob2(&conv, uner, gz, 1)) {
        fprintf(stderr, "ner_eval: %s\n", kg_error_message());
        goto done;
    }
    kg_document *d = raw->doc;
    gold = copy_mentions(d);
    gold_conv = copy_mentions(conv->doc);
    keep = calloc(d->n_sentences ? d->n_sentences : 1, 1);
    if (!gold || !gold_conv || !keep)
        goto done;
    size_t ng = d->n_mentions, ngc = conv->doc->n_mentions;
    o.gazetteer_dir = gazdir;
    o.gum = ngum ? gum : NULL;
    o.lexicon = nlex ? lex : NULL;
    o.weak = nweak ? weak : NULL;
    o.progress = progress;
    o.output = tmpmodel;
    long rounds = model ? 1 : folds >= 2 ? folds : 1;
    double t0 = now_seconds();
    for (long f = 0; f < rounds; f++) {
        if (model) {
            if (kg_ner_load_files(&m, model, gazdir))
                goto fail;
        } else {
            o.uner = folds >= 2 ? uner : NULL;
            o.folds = folds >= 2 ? (unsigned)folds : 0;
            o.holdout = (unsigned)f;
            fprintf(stderr, "training %s %ld of %ld\n", folds >= 2 ? "fold" : "model", f + 1,
                    rounds);
            if (kg_ner_train(&o) || kg_ner_load_files(&m, tmpmodel, gazdir))
                goto fail;
        }
        for (size_t s = 0; s < d->n_sentences; s++)
            keep[s] = folds >= 2 && !model ? raw->sent_doc[s] % (size_t)folds == (size_t)f : 1;
        if (kg_ner_recognise(m, d))
            goto fail;
        free(pred);
        pred = copy_mentions(d);
        if (!pred)
            goto done;
        score(&c_raw, gold, ng, d->mentions, d->n_mentions, uner_map, uner_map, keep);
        score(&c_conv, gold_conv, ngc, d->mentions, d->n_mentions, uner_map, uner_map, keep);
        score(&c_span, gold, ng, d->mentions, d->n_mentions, span_map, span_map, keep);
        calibrate(&cal, gold, ng, d->mentions, d->n_mentions, keep);
        if (errors)
            show_errors(d, gold, ng, d->mentions, d->n_mentions, uner_map, keep);
        if (gum_test && f == 0) {
            if (!gt && kg_ner_corpus_read_gum(&gt, gum_test, gz))
                goto fail;
            kg_mention *g2 = copy_mentions(gt->doc);
            size_t ng2 = gt->doc->n_mentions;
            if (!g2 || kg_ner_recognise(m, gt->doc)) {
                free(g2);
                goto fail;
            }
            /* where GUM leaves the type open (a place that is GPE or LOC),
             * any allowed type is right */
            for (size_t a = 0, b = 0; a < ng2; a++) {
                const kg_mention *p = gt->doc->mentions;
                while (b < gt->doc->n_mentions && p[b].first < g2[a].first)
                    b++;
                if (b < gt->doc->n_mentions && p[b].first == g2[a].first &&
                    p[b].count == g2[a].count && (gt->mention_types[a] >> p[b].type & 1))
                    g2[a].type = p[b].type;
            }
            score(&c_gum, g2, ng2, gt->doc->mentions, gt->doc->n_mentions, identity_map,
                  identity_map, NULL);
            if (errors)
                show_errors(gt->doc, g2, ng2, gt->doc->mentions, gt->doc->n_mentions, identity_map,
                            NULL);
            free(g2);
        }
        if (f + 1 < rounds) {
            kg_ner_free(m);
            m = NULL;
        }
    }
    if (!model)
        remove(tmpmodel);
    printf("UNER English-EWT dev (%zu sentences, %zu tokens, %zu gold mentions)\n", d->n_sentences,
           d->n_tokens, ng);
    if (model)
        printf("protocol: existing model %s on all sentences (in-sample if it was trained "
               "on UNER)\n",
               model);
    else if (folds >= 2)
        printf("protocol: %ld-fold cross-validation by document (train: GUM CC BY + %ld folds "
               "of UNER; test: held-out fold; counts summed); %.0f s\n",
               folds, folds - 1, now_seconds() - t0);
    else
        printf("protocol: trained without UNER, tested on all of it; %.0f s\n", now_seconds() - t0);
    print_scores("exact span and type, gold as annotated:", &c_raw, uner_names, U_COUNT);
    print_scores("exact span and type, gold trimmed to kgraph conventions (no titles, no "
                 "leading 'the', no possessive after a person's name):",
                 &c_conv, uner_names, U_COUNT);
    static const char *const any_name[] = {"any"};
    print_scores("exact span, type ignored (PER, ORG and LOC as one):", &c_span, any_name, 1);
    print_calib(&cal);
    if (gum_test) {
        static const char *ent_names[KG_ENT_COUNT];
        for (int t = 0; t < KG_ENT_COUNT; t++)
            ent_names[t] = kg_ent_name(t);
        printf("GUM-derived annotation, %s (%s):\n", gum_test,
               folds >= 2 ? "model of fold 1" : "the model above");
        print_scores("exact span and type, all kgraph types:", &c_gum, ent_names, KG_ENT_COUNT);
    }
    if (do_speed)
        speed(m, d);
    for (int i = first_sample; first_sample && i < argc; i++)
        print_sample(m, argv[i]);
    rc = 0;
    goto done;
fail:
    fprintf(stderr, "ner_eval: %s\n", kg_error_message());
done:
    free(gold);
    free(gold_conv);
    free(pred);
    free(keep);
    kg_ner_free(m);
    kg_ner_corpus_free(raw);
    kg_ner_corpus_free(conv);
    kg_ner_corpus_free(gt);
    kg_gazetteer_free(gz);
    return rc;
}
