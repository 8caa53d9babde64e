/* pipeline.c - runs the extraction stages in order on one document, and on
 * many documents with a pool of worker threads that hands results back in
 * document order through a bounded window. */
#define _POSIX_C_SOURCE 200809L
#include "kg_pipeline.h"
#include "kg_coref.h"
#include "kg_ner.h"
#include "kg_syntax.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct kg_pipeline {
    kg_pipeline_options opts;
    kg_syntax *syntax; /* NULL without models */
    kg_ner *ner;       /* NULL without models */
};

int kg_pipeline_new(kg_pipeline **out, const kg_pipeline_options *opts)
{
    static const kg_pipeline_options defaults = KG_PIPELINE_OPTIONS_INIT;
    kg_pipeline *p = kg_calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return KG_ENOMEM;
    p->opts = opts ? *opts : defaults;
    p->opts.model_dir = NULL; /* not kept: the caller owns the string */
    int rc = KG_OK;
    if (opts && opts->model_dir) {
        rc = kg_syntax_load(&p->syntax, opts->model_dir);
        if (rc == KG_OK)
            rc = kg_ner_load(&p->ner, opts->model_dir);
    }
    if (rc) {
        kg_pipeline_free(p);
        return rc;
    }
    *out = p;
    return KG_OK;
}

void kg_pipeline_free(kg_pipeline *p)
{
    if (!p)
        return;
    kg_syntax_free(p->syntax);
    kg_ner_free(p->ner);
    kg_free(p);
}

int kg_pipeline_annotate(const kg_pipeline *p, kg_document *d)
{
    int rc = kg_segment(d, &p->opts.segment);
    if (rc == KG_OK && p->syntax)
        rc = kg_syntax_annotate(p->syntax, d);
    if (rc == KG_OK && p->ner)
        rc = kg_ner_recognise(p->ner, d);
    if (rc == KG_OK && p->ner) {
        /* input with one sentence per line has no headings to keep out */
        kg_coref_options co = KG_COREF_OPTIONS_INIT;
        co.keep_headings = p->opts.segment.one_sentence_per_line;
        rc = kg_coref_resolve_with(kg_ner_gazetteer(p->ner), d, &co);
    }
    return rc ? kg_error_prefix(rc, d->id) : KG_OK;
}

typedef struct run_state {
    const kg_pipeline *p;
    kg_extraction *records;
} run_state;

/* Annotates and extracts one ingested document; takes ownership of it. */
static int run_document(void *ctx, kg_document *d)
{
    run_state *st = ctx;
    int rc = kg_pipeline_annotate(st->p, d);
    if (rc == KG_OK && st->records) {
        rc = kg_extract(st->records, d, &st->p->opts.extract);
        if (rc)
            kg_error_prefix(rc, d->id);
    }
    kg_document_free(d);
    return rc;
}

int kg_pipeline_run_text(const kg_pipeline *p, const char *name, const char *bytes, size_t len,
                         kg_extraction *records)
{
    run_state st = {p, records};
    return kg_ingest_bytes(name, bytes, len, ".", &p->opts.ingest, run_document, &st);
}

int kg_pipeline_run_file(const kg_pipeline *p, const char *path, kg_extraction *records)
{
    run_state st = {p, records};
    return kg_ingest_file(path, &p->opts.ingest, run_document, &st);
}

/* ------------------------------------------------------- many documents */

/* A document's slot in the window of documents in flight. */
typedef struct slot {
    kg_extraction *records;
    int rc;
    int done;
    char error[512];
} slot;

typedef struct pool {
    const kg_pipeline *p;
    char *const *paths;
    size_t n;
    size_t window;      /* slots: documents in flight at most */
    slot *slots;        /* slots[i % window] holds document i */
    size_t next_claim;  /* next document a worker takes */
    size_t next_sink;   /* next document handed to the sink */
    int stop;           /* an error was found: claim nothing more */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pool;

static void process_one(const kg_pipeline *p, const char *path, slot *s)
{
    s->records = NULL;
    s->rc = kg_extraction_new(&s->records);
    if (s->rc == KG_OK)
        s->rc = kg_pipeline_run_file(p, path, s->records);
    if (s->rc) {
        snprintf(s->error, sizeof s->error, "%s", kg_error_message());
        kg_extraction_free(s->records);
        s->records = NULL;
    }
}

static void *worker(void *arg)
{
    pool *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        /* wait for a free slot: the window keeps memory bounded */
        while (!w->stop && w->next_claim < w->n && w->next_claim >= w->next_sink + w->window)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->stop || w->next_claim >= w->n)
            break;
        size_t i = w->next_claim++;
        slot *s = &w->slots[i % w->window];
        pthread_mutex_unlock(&w->lock);
        process_one(w->p, w->paths[i], s);
        pthread_mutex_lock(&w->lock);
        s->done = 1;
        if (s->rc)
            w->stop = 1;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 1024 ? (unsigned)n : 1;
}

int kg_pipeline_run_files(const kg_pipeline *p, char *const *paths, size_t n, unsigned threads,
                          kg_records_sink sink, void *ctx)
{
    if (threads == 0)
        threads = online_cpus();
    if (threads > n)
        threads = n ? (unsigned)n : 1;
    if (threads <= 1) {
        int rc = KG_OK;
        for (size_t i = 0; i < n && rc == KG_OK; i++) {
            slot s;
            process_one(p, paths[i], &s);
            rc = s.rc ? kg_error_set(s.rc, "%s", s.error) : sink(ctx, paths[i], s.records);
            kg_extraction_free(s.records);
        }
        return rc;
    }

    int rc = KG_OK;
    size_t started = 0;
    pthread_t *tids = NULL;
    pool w;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.paths = paths;
    w.n = n;
    w.window = 2 * (size_t)threads;
    w.slots = kg_calloc(w.window, sizeof *w.slots);
    tids = kg_calloc(threads, sizeof *tids);
    if (!w.slots || !tids) {
        kg_free(w.slots);
        kg_free(tids);
        return KG_ENOMEM;
    }
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.changed, NULL);
    for (; started < threads; started++) {
        if (pthread_create(&tids[started], NULL, worker, &w) != 0)
            break;
    }
    if (started == 0) {
        rc = kg_error_set(KG_ENOMEM, "cannot start worker threads");
        w.stop = 1;
    }
    /* hand results to the sink in document order */
    pthread_mutex_lock(&w.lock);
    while (rc == KG_OK && w.next_sink < n) {
        slot *s = &w.slots[w.next_sink % w.window];
        while (!s->done)
            pthread_cond_wait(&w.changed, &w.lock);
        pthread_mutex_unlock(&w.lock);
        rc = s->rc ? kg_error_set(s->rc, "%s", s->error) : sink(ctx, paths[w.next_sink], s->records);
        kg_extraction_free(s->records);
        s->records = NULL;
        pthread_mutex_lock(&w.lock);
        s->done = 0;
        w.next_sink++;
        if (rc)
            w.stop = 1;
        pthread_cond_broadcast(&w.changed);
    }
    w.stop = 1;
    pthread_cond_broadcast(&w.changed);
    pthread_mutex_unlock(&w.lock);
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    /* documents finished after an error are discarded */
    for (size_t i = 0; i < w.window; i++)
        kg_extraction_free(w.slots[i].records);
    pthread_cond_destroy(&w.changed);
    pthread_mutex_destroy(&w.lock);
    kg_free(w.slots);
    kg_free(tids);
    return rc;
}
