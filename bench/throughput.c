/* throughput.c - how fast kgraph turns text into a graph: every stage timed
 * separately (ingest, segmentation, tagging, parsing, entities, extraction,
 * resolution and assembly, analysis, each export), in tokens and documents per
 * second on one thread, then the whole pipeline end to end on 1 and 2 threads,
 * with peak memory; and Debian's link-grammar parser on a fixed sample of the
 * same sentences, in the same invocation, as the baseline ratio.
 *
 * Corpora: (a) the sample articles repeated to at least --min-tokens tokens
 * (each copy its own document), (b) the raw text of treebank files given with
 * --treebank (one document per "# newdoc", the sentences' text run together).
 *
 * usage: throughput [--models DIR] [--samples DIR] [--min-tokens N]
 *                   [--treebank FILE.conllu]... [--lg-sample N] [--lg-timeout S] */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "kg_conllu.h"
#include "kg_coref.h"
#include "kg_export.h"
#include "kg_graph.h"
#include "kg_ingest.h"
#include "kg_ner.h"
#include "kg_pipeline.h"
#include "kg_segment.h"
#include "kg_syntax.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct text {
    char *id;
    char *bytes;
    size_t len;
} text;

typedef struct corpus {
    const char *name;
    text *docs;
    size_t n, cap;
} corpus;

static void die(const char *what)
{
    fprintf(stderr, "throughput: %s: %s\n", what, kg_error_message());
    exit(1);
}

static void add_text(corpus *c, const char *id, const char *bytes, size_t len)
{
    if (kg_grow((void **)&c->docs, &c->cap, c->n + 1, sizeof *c->docs))
        die("memory");
    text *t = &c->docs[c->n++];
    t->id = kg_strdup(id);
    t->bytes = kg_strndup(bytes, len);
    t->len = len;
    if (!t->id || !t->bytes)
        die("memory");
}

static void free_corpus(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        kg_free(c->docs[i].id);
        kg_free(c->docs[i].bytes);
    }
    kg_free(c->docs);
}

/* The samples repeated until they hold at least min_tokens tokens. */
static void samples_corpus(corpus *c, const char *dir, size_t min_tokens)
{
    text files[64];
    size_t n = 0, tokens = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 64) {
        size_t k = strlen(e->d_name);
        if (k < 5 || strcmp(e->d_name + k - 4, ".txt") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (kg_file_read(path, (size_t)64 << 20, &files[n].bytes, &files[n].len))
            die(path);
        files[n].id = kg_strdup(e->d_name);
        n++;
    }
    if (d)
        closedir(d);
    if (n == 0) {
        fprintf(stderr, "throughput: no .txt files in %s\n", dir);
        exit(1);
    }
    /* tokens of one round, to know how many rounds */
    size_t round = 0;
    for (size_t i = 0; i < n; i++) {
        kg_document *doc = NULL;
        if (kg_ingest_text(&doc, files[i].id, files[i].bytes, files[i].len, NULL) ||
            kg_segment(doc, NULL))
            die(files[i].id);
        round += doc->n_tokens;
        kg_document_free(doc);
    }
    char id[256];
    for (size_t r = 0; tokens < min_tokens; r++) {
        for (size_t i = 0; i < n; i++) {
            snprintf(id, sizeof id, "copy%04zu/%s", r, files[i].id);
            add_text(c, id, files[i].bytes, files[i].len);
        }
        tokens += round;
    }
    for (size_t i = 0; i < n; i++) {
        kg_free(files[i].id);
        kg_free(files[i].bytes);
    }
}

/* The raw text of a treebank, one document per newdoc. */
static void treebank_corpus(corpus *c, const char *path)
{
    kg_treebank *tb = NULL;
    if (kg_treebank_read(&tb, path, NULL, NULL))
        die(path);
    kg_strbuf b = KG_STRBUF_INIT;
    const kg_document *d = tb->doc;
    for (size_t s = 0; s < d->n_sentences; s++) {
        const kg_sentence *se = &d->sentences[s];
        if ((b.len && kg_strbuf_putc(&b, ' ')) ||
            kg_strbuf_append(&b, d->text + se->start, se->end - se->start))
            die("memory");
        if (s + 1 == d->n_sentences || tb->sent_doc[s + 1] != tb->sent_doc[s]) {
            add_text(c, tb->doc_ids[tb->sent_doc[s]], b.data, b.len);
            kg_strbuf_clear(&b);
        }
    }
    kg_strbuf_free(&b);
    kg_treebank_free(tb);
}

typedef struct stage_times {
    double ingest, segment, tag, parse, entities, coref, extract, add, finish, analyse;
    size_t tokens, sentences, docs;
} stage_times;

static void print_rate(const char *stage, double t, const stage_times *st)
{
    printf("  %-28s %8.3f s %12.0f tokens/s %9.0f docs/s\n", stage, t,
           t > 0 ? (double)st->tokens / t : 0, t > 0 ? (double)st->docs / t : 0);
}

/* Every stage on its own, on one thread. */
static void per_stage(const corpus *c, const kg_syntax *syn, const kg_ner *ner)
{
    stage_times st;
    memset(&st, 0, sizeof st);
    kg_graph *g = NULL;
    if (kg_graph_new(&g, NULL))
        die("graph");
    for (size_t i = 0; i < c->n; i++) {
        kg_document *doc = NULL;
        kg_extraction *x = NULL;
        double t0 = bench_now();
        if (kg_ingest_text(&doc, c->docs[i].id, c->docs[i].bytes, c->docs[i].len, NULL))
            die("ingest");
        double t1 = bench_now();
        if (kg_segment(doc, NULL))
            die("segment");
        double t2 = bench_now();
        if (kg_syntax_tag(syn, doc))
            die("tag");
        double t3 = bench_now();
        if (kg_syntax_annotate(syn, doc)) /* tags again, then parses */
            die("parse");
        double t4 = bench_now();
        if (kg_ner_recognise(ner, doc))
            die("entities");
        double t4b = bench_now();
        if (kg_coref_resolve(kg_ner_gazetteer(ner), doc))
            die("coreference");
        double t5 = bench_now();
        if (kg_extraction_new(&x) || kg_extract(x, doc, NULL))
            die("extract");
        double t6 = bench_now();
        if (kg_graph_add_extraction(g, x))
            die("graph");
        double t7 = bench_now();
        st.ingest += t1 - t0;
        st.segment += t2 - t1;
        st.tag += t3 - t2;
        st.parse += (t4 - t3) - (t3 - t2);
        st.entities += t4b - t4;
        st.coref += t5 - t4b;
        st.extract += t6 - t5;
        st.add += t7 - t6;
        st.tokens += doc->n_tokens;
        st.sentences += doc->n_sentences;
        st.docs++;
        kg_extraction_free(x);
        kg_document_free(doc);
    }
    double t0 = bench_now();
    if (kg_graph_finish(g))
        die("finish");
    double t1 = bench_now();
    if (kg_graph_analyse(g, NULL))
        die("analyse");
    double t2 = bench_now();
    st.finish = t1 - t0;
    st.analyse = t2 - t1;
    printf("%s: %zu documents, %zu sentences, %zu tokens; graph %zu entities, %zu edges\n", c->name,
           st.docs, st.sentences, st.tokens, kg_graph_node_count(g), kg_graph_edge_count(g));
    print_rate("ingest", st.ingest, &st);
    print_rate("segmentation", st.segment, &st);
    print_rate("tagging + lemmas", st.tag, &st);
    print_rate("parsing", st.parse, &st);
    print_rate("entity recognition", st.entities, &st);
    print_rate("coreference + roles", st.coref, &st);
    print_rate("extraction", st.extract, &st);
    print_rate("records into the graph", st.add, &st);
    print_rate("graph resolution + assembly", st.finish, &st);
    print_rate("analysis", st.analyse, &st);
    double stages = st.ingest + st.segment + st.tag + st.parse + st.entities + st.coref +
                    st.extract + st.add + st.finish + st.analyse;
    print_rate("sum of the stages", stages, &st);
    printf("  extraction adds %.1f%% to the time of parsing\n", 100.0 * st.extract / st.parse);
    static const kg_format formats[] = {KG_FORMAT_GRAPHML, KG_FORMAT_GEXF, KG_FORMAT_JSON,
                                        KG_FORMAT_DOT, KG_FORMAT_TURTLE};
    kg_export_options xo = KG_EXPORT_OPTIONS_INIT;
    xo.positions = 0;
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        FILE *out = fopen("/dev/null", "w");
        double e0 = bench_now();
        if (kg_export(g, formats[f], out, &xo))
            die(kg_format_name(formats[f]));
        fclose(out);
        printf("  export %-21s %8.3f s\n", kg_format_name(formats[f]), bench_now() - e0);
    }
    /* a drawing of the 100 most central entities, laid out and rendered */
    kg_filter_options fo = KG_FILTER_OPTIONS_INIT;
    fo.top = 100;
    double d0 = bench_now();
    FILE *out = fopen("/dev/null", "w");
    if (kg_graph_filter(g, &fo) || kg_export(g, KG_FORMAT_SVG, out, NULL))
        die("svg");
    fclose(out);
    printf("  export svg (--top 100, layout) %5.3f s\n", bench_now() - d0);
    kg_graph_free(g);
}

typedef struct sink_state {
    kg_graph *g;
    size_t docs;
} sink_state;

static int to_graph(void *ctx, const char *path, const kg_extraction *x)
{
    (void)path;
    sink_state *s = ctx;
    s->docs += x->n_documents;
    return kg_graph_add_extraction(s->g, x);
}

/* The whole pipeline from files to GraphML (no layout), on `threads` threads. */
static double end_to_end(const kg_pipeline *p, char **paths, size_t n, unsigned threads)
{
    sink_state s = {NULL, 0};
    double t0 = bench_now();
    if (kg_graph_new(&s.g, NULL) || kg_pipeline_run_files(p, paths, n, threads, to_graph, &s) ||
        kg_graph_finish(s.g) || kg_graph_analyse(s.g, NULL))
        die("end to end");
    kg_export_options xo = KG_EXPORT_OPTIONS_INIT;
    xo.positions = 0;
    FILE *out = fopen("/dev/null", "w");
    if (kg_export(s.g, KG_FORMAT_GRAPHML, out, &xo))
        die("graphml");
    fclose(out);
    double t = bench_now() - t0;
    kg_graph_free(s.g);
    return t;
}

/* Writes the corpus to files under dir (for the multi-threaded run). */
static char **write_files(const corpus *c, const char *dir)
{
    char **paths = kg_calloc(c->n ? c->n : 1, sizeof *paths);
    if (!paths)
        die("memory");
    for (size_t i = 0; i < c->n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%06zu.txt", dir, i);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(c->docs[i].bytes, 1, c->docs[i].len, f) != c->docs[i].len) {
            fprintf(stderr, "throughput: cannot write %s\n", path);
            exit(1);
        }
        fclose(f);
        paths[i] = kg_strdup(path);
    }
    return paths;
}

static void threads_run(const corpus *c, const kg_pipeline *p, size_t tokens)
{
    char dir[] = "/tmp/kg-throughput-XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "throughput: cannot make a temporary directory\n");
        exit(1);
    }
    char **paths = write_files(c, dir);
    double t1 = end_to_end(p, paths, c->n, 1);
    double t2 = end_to_end(p, paths, c->n, 2);
    printf("end to end, text files to GraphML (no layout), %zu documents, %zu tokens:\n", c->n,
           tokens);
    printf("  1 thread:  %8.3f s %12.0f tokens/s %9.0f docs/s\n", t1, (double)tokens / t1,
           (double)c->n / t1);
    printf("  2 threads: %8.3f s %12.0f tokens/s %9.0f docs/s  (speed-up %.2fx)\n", t2,
           (double)tokens / t2, (double)c->n / t2, t1 / t2);
    for (size_t i = 0; i < c->n; i++) {
        unlink(paths[i]);
        kg_free(paths[i]);
    }
    kg_free(paths);
    rmdir(dir);
}

static size_t count_tokens(const corpus *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        kg_document *doc = NULL;
        if (kg_ingest_text(&doc, c->docs[i].id, c->docs[i].bytes, c->docs[i].len, NULL) ||
            kg_segment(doc, NULL))
            die("count");
        n += doc->n_tokens;
        kg_document_free(doc);
    }
    return n;
}

/* kgraph's whole pipeline against link-grammar on the first n sentences of the
 * corpus's first documents, as kgraph segments them. */
static void link_grammar_ratio(const corpus *c, const kg_pipeline *p, size_t n, long timeout)
{
    kg_strbuf b = KG_STRBUF_INIT;
    for (size_t i = 0; i < c->n && b.len < 400000; i++) {
        if ((b.len && kg_strbuf_puts(&b, "\n\n")) ||
            kg_strbuf_append(&b, c->docs[i].bytes, c->docs[i].len))
            die("memory");
    }
    kg_document *doc = NULL;
    if (kg_ingest_text(&doc, "sample", b.data, b.len, NULL) || kg_segment(doc, NULL))
        die("sample");
    if (n > doc->n_sentences)
        n = doc->n_sentences;
    /* the sample as a document of exactly those sentences */
    size_t end = doc->sentences[n - 1].end;
    kg_extraction *x = NULL;
    int rounds = 20;
    double t0 = bench_now();
    for (int r = 0; r < rounds; r++) {
        if (kg_extraction_new(&x) || kg_pipeline_run_text(p, "sample", doc->text, end, x))
            die("sample pipeline");
        kg_extraction_free(x);
    }
    double kg_sps = (double)n * rounds / (bench_now() - t0);
    bench_lg_result lg = bench_link_grammar(doc, n, timeout);
    printf("link-grammar baseline on the first %zu sentences of %s:\n", n, c->name);
    printf("  kgraph, whole pipeline:      %10.1f sentences/s\n", kg_sps);
    if (!lg.available) {
        printf("  link-grammar: not available (not built in, or no English dictionary)\n");
    } else {
        double lg_sps = (double)lg.sentences / lg.seconds;
        printf("  link-grammar %s (parse only): %.1f sentences/s (%zu with a linkage, %zu hit "
               "the %ld s limit)\n",
               lg.version, lg_sps, lg.parsed, lg.timeouts, timeout);
        printf("  kgraph is %.0fx link-grammar's sentences per second\n", kg_sps / lg_sps);
    }
    kg_document_free(doc);
    kg_strbuf_free(&b);
}

int main(int argc, char **argv)
{
    const char *models = "models", *samples = "samples";
    const char *treebanks[8];
    size_t n_treebanks = 0, min_tokens = 1000000, lg_sample = 500;
    long lg_timeout = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--models") == 0 && v)
            models = argv[++i];
        else if (strcmp(a, "--samples") == 0 && v)
            samples = argv[++i];
        else if (strcmp(a, "--min-tokens") == 0 && v)
            min_tokens = (size_t)atol(argv[++i]);
        else if (strcmp(a, "--treebank") == 0 && v && n_treebanks < 8)
            treebanks[n_treebanks++] = argv[++i];
        else if (strcmp(a, "--lg-sample") == 0 && v)
            lg_sample = (size_t)atol(argv[++i]);
        else if (strcmp(a, "--lg-timeout") == 0 && v)
            lg_timeout = atol(argv[++i]);
        else {
            fprintf(stderr, "usage: throughput [--models DIR] [--samples DIR] [--min-tokens N] "
                            "[--treebank FILE.conllu]... [--lg-sample N] [--lg-timeout S]\n");
            return 2;
        }
    }
    double t0 = bench_now();
    kg_syntax *syn = NULL;
    kg_ner *ner = NULL;
    kg_pipeline *p = NULL;
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = models;
    if (kg_syntax_load(&syn, models))
        die("syntax models");
    double t_syntax = bench_now() - t0;
    t0 = bench_now();
    if (kg_ner_load(&ner, models))
        die("entity model");
    double t_ner = bench_now() - t0;
    if (kg_pipeline_new(&p, &po))
        die("pipeline");
    printf("model load: syntax %.0f ms, entities %.0f ms\n", t_syntax * 1e3, t_ner * 1e3);

    corpus a = {"samples repeated", NULL, 0, 0};
    samples_corpus(&a, samples, min_tokens);
    corpus b = {"treebank test text", NULL, 0, 0};
    for (size_t i = 0; i < n_treebanks; i++)
        treebank_corpus(&b, treebanks[i]);

    printf("peak memory after loading the models and the corpora: %.1f MB\n",
           bench_peak_kib() / 1024.0);
    printf("\nper stage, one thread:\n");
    per_stage(&a, syn, ner);
    printf("  peak memory so far: %.1f MB\n", bench_peak_kib() / 1024.0);
    if (b.n)
        per_stage(&b, syn, ner);
    printf("\n");
    threads_run(&a, p, count_tokens(&a));
    if (b.n)
        threads_run(&b, p, count_tokens(&b));
    printf("\npeak memory (ru_maxrss) of all the above: %.1f MB\n", bench_peak_kib() / 1024.0);
    printf("\n");
    link_grammar_ratio(b.n ? &b : &a, p, lg_sample, lg_timeout);
    free_corpus(&a);
    free_corpus(&b);
    kg_pipeline_free(p);
    kg_ner_free(ner);
    kg_syntax_free(syn);
    kg_export_cleanup();
    return 0;
}
