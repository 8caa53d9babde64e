/* syntax.c - the syntax module's public face: loading the tagger, lemmatiser
 * and parser model files, annotating documents with them, and the training
 * driver (treebank selection, jackknifed training tags for the parser, model
 * selection on development data). The algorithms live in tagger.c,
 * lemmatizer.c, parser.c and perceptron.c. */
#include "kg_conllu.h"
#include "syntax_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kg_syntax {
    kg_blob *tagger_blob, *lemma_blob, *parser_blob;
    kg_syn_tagger tagger;
    kg_syn_lemmatizer lemmatizer;
    kg_syn_parser parser;
};

static int host_is_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char c;
    memcpy(&c, &one, 1);
    return c == 1;
}

static int model_path(char **out, const char *dir, const char *file)
{
    kg_strbuf b = KG_STRBUF_INIT;
    if (kg_strbuf_printf(&b, "%s/%s", dir, file)) {
        return KG_ENOMEM;
    }
    *out = kg_strbuf_detach(&b);
    return *out ? KG_OK : KG_ENOMEM;
}

/* Reads one model file and parses it with read(); errors name the file. */
static int load_one(kg_blob **blob, const char *dir, const char *file, const char *kind,
                    int (*read)(void *model, const kg_blob *blob), void *model)
{
    char *path = NULL;
    int rc = model_path(&path, dir, file);
    if (rc) {
        return rc;
    }
    rc = kg_model_file_read(blob, path, kind, KG_SYN_VERSION);
    if (!rc) {
        rc = read(model, *blob);
        if (rc) {
            rc = kg_error_prefix(rc, path);
        }
    }
    kg_free(path);
    return rc;
}

static int read_tagger(void *m, const kg_blob *b)
{
    return kg_syn_tagger_read(m, b);
}

static int read_lemmatizer(void *m, const kg_blob *b)
{
    return kg_syn_lemmatizer_read(m, b);
}

static int read_parser(void *m, const kg_blob *b)
{
    return kg_syn_parser_read(m, b);
}

int kg_syntax_load(kg_syntax **out, const char *model_dir)
{
    int rc = KG_OK;
    kg_syntax *s = NULL;
    *out = NULL;
    if (!host_is_little_endian()) {
        return kg_error_set(KG_EINVAL, "syntax models need a little-endian machine");
    }
    s = kg_calloc(1, sizeof *s);
    if (!s) {
        return KG_ENOMEM;
    }
    if ((rc = load_one(&s->tagger_blob, model_dir, KG_SYN_TAGGER_FILE, KG_SYN_TAGGER_KIND,
                       read_tagger, &s->tagger)) ||
        (rc = load_one(&s->lemma_blob, model_dir, KG_SYN_LEMMA_FILE, KG_SYN_LEMMA_KIND,
                       read_lemmatizer, &s->lemmatizer)) ||
        (rc = load_one(&s->parser_blob, model_dir, KG_SYN_PARSER_FILE, KG_SYN_PARSER_KIND,
                       read_parser, &s->parser))) {
        goto done;
    }
    if (s->parser.n_tags != s->tagger.n_tags) {
        rc = kg_error_set(KG_EFORMAT,
                          "%s/%s: parser was trained with another tagger "
                          "(%u tag classes, tagger has %u)",
                          model_dir, KG_SYN_PARSER_FILE, s->parser.n_tags, s->tagger.n_tags);
        goto done;
    }
    *out = s;
    s = NULL;
done:
    kg_syntax_free(s);
    return rc;
}

void kg_syntax_free(kg_syntax *s)
{
    if (!s) {
        return;
    }
    kg_blob_free(s->tagger_blob);
    kg_blob_free(s->lemma_blob);
    kg_blob_free(s->parser_blob);
    kg_free(s);
}

static size_t max_classes(const kg_syntax *s)
{
    size_t m = s->tagger.n_tags;
    if (s->tagger.n_feats > m) {
        m = s->tagger.n_feats;
    }
    if (s->parser.model.n_classes > m) {
        m = s->parser.model.n_classes;
    }
    return m;
}

static int annotate(const kg_syntax *s, kg_document *doc, int parse)
{
    int rc = KG_OK;
    kg_syn_scratch sc;
    memset(&sc, 0, sizeof sc);
    if (!s || !doc) {
        return kg_error_set(KG_EINVAL, "kg_syntax: NULL argument");
    }
    for (size_t si = 0; si < doc->n_sentences; si++) {
        const kg_sentence *se = &doc->sentences[si];
        if (se->count == 0) {
            continue;
        }
        if (se->count > (1u << 30)) {
            rc =
                kg_error_set(KG_EINPUT, "sentence %zu has %u words, more than 2^30", si, se->count);
            goto done;
        }
        if ((size_t)se->first + se->count > doc->n_tokens) {
            rc = kg_error_set(KG_EINVAL, "sentence %zu points past the last token", si);
            goto done;
        }
        kg_token *toks = doc->tokens + se->first;
        if ((rc = kg_syn_scratch_reserve(&sc, (size_t)se->count + 1, max_classes(s)))) {
            goto done;
        }
        for (uint32_t i = 0; i < se->count; i++) {
            kg_syn_lex_compute(&sc.lex[i], toks[i].form ? toks[i].form : "", i == 0);
        }
        for (uint32_t i = 0; i < se->count; i++) {
            if (!toks[i].form) {
                toks[i].form = "";
            }
        }
        kg_syn_tagger_tag(&s->tagger, &sc, toks, se->count);
        if ((rc = kg_syn_lemmatize(&s->lemmatizer, &sc, toks, se->count, doc->arena))) {
            goto done;
        }
        if (parse) {
            kg_syn_parser_parse(&s->parser, &sc, toks, se->count);
        }
    }
done:
    kg_syn_scratch_free(&sc);
    return rc;
}

int kg_syntax_annotate(const kg_syntax *s, kg_document *doc)
{
    return annotate(s, doc, 1);
}

int kg_syntax_tag(const kg_syntax *s, kg_document *doc)
{
    return annotate(s, doc, 0);
}

int kg_syntax_doc_allowed(const char *doc_id)
{
    static const char *const genres[] = {"academic",  "bio",    "conversation", "court",   "essay",
                                         "interview", "letter", "news",         "podcast", "speech",
                                         "textbook",  "vlog",   "voyage"};
    if (!doc_id || strncmp(doc_id, "GUM_", 4) != 0) {
        return 1;
    }
    const char *g = doc_id + 4;
    const char *end = strchr(g, '_');
    size_t n = end ? (size_t)(end - g) : strlen(g);
    for (size_t i = 0; i < sizeof genres / sizeof *genres; i++) {
        if (strlen(genres[i]) == n && memcmp(genres[i], g, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ----------------------------------------------------------------- training */

static int filter_allowed(const char *doc_id, void *ctx)
{
    (void)ctx;
    return kg_syntax_doc_allowed(doc_id);
}

/* Several treebanks seen as one document (tokens and sentences copied; the
 * strings stay in the treebanks). */
typedef struct corpus {
    kg_treebank **tb;
    size_t n_tb;
    kg_document doc;
} corpus;

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n_tb; i++) {
        kg_treebank_free(c->tb[i]);
    }
    kg_free(c->tb);
    kg_free(c->doc.tokens);
    kg_free(c->doc.sentences);
    memset(c, 0, sizeof *c);
}

static int corpus_read(corpus *c, const char *const *paths, size_t n, int cc_by_only)
{
    int rc = KG_OK;
    memset(c, 0, sizeof *c);
    c->tb = kg_calloc(n + 1, sizeof *c->tb);
    if (!c->tb) {
        return KG_ENOMEM;
    }
    size_t ntok = 0, nsent = 0;
    for (size_t i = 0; i < n; i++) {
        if ((rc =
                 kg_treebank_read(&c->tb[i], paths[i], cc_by_only ? filter_allowed : NULL, NULL))) {
            return rc;
        }
        c->n_tb++;
        ntok += c->tb[i]->doc->n_tokens;
        nsent += c->tb[i]->doc->n_sentences;
    }
    c->doc.tokens = kg_malloc((ntok + 1) * sizeof *c->doc.tokens);
    c->doc.sentences = kg_malloc((nsent + 1) * sizeof *c->doc.sentences);
    if (!c->doc.tokens || !c->doc.sentences) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const kg_document *d = c->tb[i]->doc;
        memcpy(c->doc.tokens + c->doc.n_tokens, d->tokens, d->n_tokens * sizeof *d->tokens);
        for (size_t s = 0; s < d->n_sentences; s++) {
            kg_sentence se = d->sentences[s];
            se.first += (uint32_t)c->doc.n_tokens;
            c->doc.sentences[c->doc.n_sentences++] = se;
        }
        c->doc.n_tokens += d->n_tokens;
    }
    return rc;
}

/* Per token: 1 for GUM documents, 3 for everything else. */
static void corpus_weights(const corpus *c, uint8_t *w)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n_tb; i++) {
        const kg_treebank *tb = c->tb[i];
        for (size_t s = 0; s < tb->doc->n_sentences; s++) {
            const char *id = tb->doc_ids[tb->sent_doc[s]];
            uint8_t v = strncmp(id, "GUM_", 4) == 0 ? 1 : 3;
            for (uint32_t j = 0; j < tb->doc->sentences[s].count; j++) {
                w[k++] = v;
            }
        }
    }
}

/* Tags every sentence of d with the tagger in payload; tags[i] receives the
 * class of (upos, xpos) in the reference tagger ref. */
static int tag_with(const kg_strbuf *payload, const kg_syn_tagger *ref, const kg_document *d,
                    const uint32_t *sents, size_t n_sents, uint16_t *tags)
{
    int rc = KG_OK;
    kg_syn_tagger t;
    kg_syn_scratch sc;
    kg_token *toks = NULL;
    size_t toks_cap = 0;
    memset(&sc, 0, sizeof sc);
    kg_blob blob = {(const unsigned char *)payload->data, payload->len, NULL, 0};
    if ((rc = kg_syn_tagger_read(&t, &blob))) {
        goto done;
    }
    for (size_t k = 0; k < n_sents; k++) {
        const kg_sentence *se = &d->sentences[sents ? sents[k] : k];
        if ((rc = kg_syn_scratch_reserve(&sc, se->count,
                                         t.n_tags > t.n_feats ? t.n_tags : t.n_feats))) {
            goto done;
        }
        if (kg_grow((void **)&toks, &toks_cap, se->count + 1, sizeof *toks)) {
            rc = KG_ENOMEM;
            goto done;
        }
        memcpy(toks, d->tokens + se->first, se->count * sizeof *toks);
        for (uint32_t i = 0; i < se->count; i++) {
            kg_syn_lex_compute(&sc.lex[i], toks[i].form, i == 0);
        }
        kg_syn_tagger_tag(&t, &sc, toks, se->count);
        for (uint32_t i = 0; i < se->count; i++) {
            tags[se->first + i] = kg_syn_tagger_class(ref, toks[i].upos, toks[i].xpos);
        }
    }
done:
    kg_free(toks);
    kg_syn_scratch_free(&sc);
    return rc;
}

static int write_model(const char *dir, const char *file, const char *kind, const kg_strbuf *b)
{
    char *path = NULL;
    int rc = model_path(&path, dir, file);
    if (!rc) {
        rc = kg_model_file_write(path, kind, KG_SYN_VERSION, b->data, b->len);
    }
    kg_free(path);
    return rc;
}

int kg_syntax_train(const kg_syntax_train_options *o)
{
    int rc = KG_OK;
    corpus train, dev, fold_train;
    memset(&train, 0, sizeof train);
    memset(&dev, 0, sizeof dev);
    memset(&fold_train, 0, sizeof fold_train);
    kg_strbuf tag_payload = KG_STRBUF_INIT, lem_payload = KG_STRBUF_INIT,
              par_payload = KG_STRBUF_INIT, fold_payload = KG_STRBUF_INIT;
    uint16_t *train_tags = NULL, *dev_tags = NULL;
    uint32_t *sents = NULL;
    uint8_t *lemma_weight = NULL;
    kg_syn_log log = {NULL, NULL};

    if (o) {
        log.fn = o->log;
        log.ctx = o->log_ctx;
    }
    if (!o || !o->n_train || !o->out_dir || o->tagger_epochs < 1 || o->parser_epochs < 0) {
        rc = kg_error_set(KG_EINVAL, "train syntax: need training files, an output directory "
                                     "and at least one epoch");
        goto done;
    }
    if ((rc = corpus_read(&train, o->train, o->n_train, o->cc_by_only))) {
        goto done;
    }
    /* development data is filtered like the training data, so nothing outside
     * the allowed genres influences the shipped models, not even through
     * model selection */
    if (o->n_dev && (rc = corpus_read(&dev, o->dev, o->n_dev, o->cc_by_only))) {
        goto done;
    }
    if (train.doc.n_sentences == 0) {
        rc = kg_error_set(KG_EINPUT, "train syntax: no training sentences in the given files");
        goto done;
    }
    const kg_document *devd = o->n_dev && dev.doc.n_sentences ? &dev.doc : NULL;
    kg_syn_logf(&log, "training data: %zu sentences, %zu words; dev: %zu sentences",
                train.doc.n_sentences, train.doc.n_tokens, devd ? devd->n_sentences : 0);

    /* where EWT and GUM lemmatise a word differently (people -> people or
     * person), EWT's convention wins: its lemmas count three times */
    lemma_weight = kg_malloc(train.doc.n_tokens + 1);
    if (!lemma_weight) {
        rc = KG_ENOMEM;
        goto done;
    }
    corpus_weights(&train, lemma_weight);
    if ((rc = kg_syn_lemmatizer_train(&lem_payload, &train.doc, lemma_weight))) {
        goto done;
    }
    kg_syn_logf(&log, "lemmatiser: %zu bytes", lem_payload.len);
    if ((rc = kg_syn_tagger_train(&tag_payload, &train.doc, devd, o->tagger_epochs, o->tagger_prune,
                                  o->seed, &log))) {
        goto done;
    }
    kg_syn_tagger tagger;
    kg_blob tblob = {(const unsigned char *)tag_payload.data, tag_payload.len, NULL, 0};
    if ((rc = kg_syn_tagger_read(&tagger, &tblob))) {
        goto done;
    }

    /* predicted tags for the parser's training data and the tagger's second
     * pass: each fold is tagged by a tagger that never saw it */
    train_tags = kg_calloc(train.doc.n_tokens + 1, sizeof *train_tags);
    sents = kg_malloc((train.doc.n_sentences + 1) * sizeof *sents);
    if (!train_tags || !sents) {
        rc = KG_ENOMEM;
        goto done;
    }
    if (o->jackknife >= 2) {
        size_t folds = (size_t)o->jackknife;
        for (size_t f = 0; f < folds; f++) {
            /* fold f: sentences i with i % folds == f are tagged by a tagger
             * trained on the others */
            kg_document part;
            memset(&part, 0, sizeof part);
            part.tokens = train.doc.tokens;
            part.n_tokens = train.doc.n_tokens;
            kg_sentence *ps = kg_malloc((train.doc.n_sentences + 1) * sizeof *ps);
            if (!ps) {
                rc = KG_ENOMEM;
                goto done;
            }
            size_t held = 0;
            for (size_t i = 0; i < train.doc.n_sentences; i++) {
                if (i % folds == f) {
                    sents[held++] = (uint32_t)i;
                } else {
                    ps[part.n_sentences++] = train.doc.sentences[i];
                }
            }
            part.sentences = ps;
            kg_strbuf_clear(&fold_payload);
            rc = kg_syn_tagger_train(&fold_payload, &part, NULL, o->tagger_epochs, o->tagger_prune,
                                     o->seed + f + 1, NULL);
            kg_free(ps);
            if (rc) {
                goto done;
            }
            if ((rc = tag_with(&fold_payload, &tagger, &train.doc, sents, held, train_tags))) {
                goto done;
            }
            kg_syn_logf(&log, "jackknife fold %zu of %zu tagged", f + 1, folds);
        }
    } else {
        for (size_t i = 0; i < train.doc.n_tokens; i++) {
            train_tags[i] =
                kg_syn_tagger_class(&tagger, train.doc.tokens[i].upos, train.doc.tokens[i].xpos);
        }
    }
    if (o->two_pass && o->jackknife >= 2) {
        kg_strbuf_clear(&fold_payload);
        if ((rc = kg_syn_tagger_train2(&fold_payload, &tag_payload, &train.doc, train_tags, devd,
                                       o->tagger_epochs, o->tagger_prune, o->seed, &log))) {
            goto done;
        }
        kg_strbuf_clear(&tag_payload);
        if ((rc = kg_strbuf_append(&tag_payload, fold_payload.data, fold_payload.len))) {
            goto done;
        }
        tblob.data = (const unsigned char *)tag_payload.data;
        tblob.size = tag_payload.len;
        if ((rc = kg_syn_tagger_read(&tagger, &tblob))) {
            goto done;
        }
    }
    if (o->parser_epochs == 0) { /* tagger and lemmatiser only */
        if ((rc = write_model(o->out_dir, KG_SYN_TAGGER_FILE, KG_SYN_TAGGER_KIND, &tag_payload)) ||
            (rc = write_model(o->out_dir, KG_SYN_LEMMA_FILE, KG_SYN_LEMMA_KIND, &lem_payload))) {
            goto done;
        }
        kg_syn_logf(&log, "wrote %s, %s; no parser (0 epochs)", KG_SYN_TAGGER_FILE,
                    KG_SYN_LEMMA_FILE);
        goto done;
    }
    if (devd) {
        dev_tags = kg_calloc(devd->n_tokens + 1, sizeof *dev_tags);
        if (!dev_tags) {
            rc = KG_ENOMEM;
            goto done;
        }
        if ((rc = tag_with(&tag_payload, &tagger, devd, NULL, devd->n_sentences, dev_tags))) {
            goto done;
        }
    }
    if ((rc = kg_syn_parser_train(&par_payload, &train.doc, train_tags, devd, dev_tags,
                                  tagger.n_tags, o->parser_epochs, o->parser_prune, o->seed,
                                  &log))) {
        goto done;
    }
    if ((rc = write_model(o->out_dir, KG_SYN_TAGGER_FILE, KG_SYN_TAGGER_KIND, &tag_payload)) ||
        (rc = write_model(o->out_dir, KG_SYN_LEMMA_FILE, KG_SYN_LEMMA_KIND, &lem_payload)) ||
        (rc = write_model(o->out_dir, KG_SYN_PARSER_FILE, KG_SYN_PARSER_KIND, &par_payload))) {
        goto done;
    }
    kg_syn_logf(&log, "wrote %s, %s (%zu bytes), %s (%zu bytes), %s (%zu bytes)", o->out_dir,
                KG_SYN_TAGGER_FILE, tag_payload.len, KG_SYN_LEMMA_FILE, lem_payload.len,
                KG_SYN_PARSER_FILE, par_payload.len);
done:
    corpus_free(&train);
    corpus_free(&dev);
    corpus_free(&fold_train);
    kg_strbuf_free(&tag_payload);
    kg_strbuf_free(&lem_payload);
    kg_strbuf_free(&par_payload);
    kg_strbuf_free(&fold_payload);
    kg_free(train_tags);
    kg_free(dev_tags);
    kg_free(sents);
    kg_free(lemma_weight);
    return rc;
}
