/* graph_bench.c - assembly and analysis time for a large graph, with peak
 * memory. The records come from running the pipeline on the sample articles,
 * replicated into COPIES synthetic documents whose entity names are varied
 * (each copy draws its names from a pool, so the graph grows in nodes and
 * edges, not just in weight). The baseline in the same run is reading the
 * same records back from TSV, so ratios survive a noisy machine.
 *
 * usage: graph_bench SAMPLES_DIR [MIN_TRIPLES]   (default 100000; models from
 * $KGRAPH_MODELS, else ./models) */
#define _POSIX_C_SOURCE 200809L
#include "kg_graph.h"
#include "kg_pipeline.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int collect(void *ctx, const char *path, const kg_extraction *r)
{
    (void)path;
    kg_extraction *all = ctx;
    for (size_t i = 0; i < r->n_triples; i++)
        if (kg_extraction_add_triple(all, &r->triples[i]))
            return KG_ENOMEM;
    for (size_t i = 0; i < r->n_mentions; i++)
        if (kg_extraction_add_mention(all, &r->mentions[i]))
            return KG_ENOMEM;
    return KG_OK;
}

/* "name k": each entity is spread over a pool of 997 variants */
static const char *vary(char *buf, size_t n, const char *name, size_t copy)
{
    if (!name)
        return NULL;
    snprintf(buf, n, "%s %zu", name, copy % 997);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: graph_bench SAMPLES_DIR [MIN_TRIPLES]\n");
        return 2;
    }
    size_t want = argc > 2 ? (size_t)atol(argv[2]) : 100000;
    char *paths[64];
    size_t n = 0;
    DIR *dir = opendir(argv[1]);
    struct dirent *de;
    while (dir && (de = readdir(dir)) && n < 64) {
        size_t k = strlen(de->d_name);
        if (k > 4 && strcmp(de->d_name + k - 4, ".txt") == 0) {
            paths[n] = malloc(strlen(argv[1]) + k + 2);
            sprintf(paths[n++], "%s/%s", argv[1], de->d_name);
        }
    }
    if (dir)
        closedir(dir);
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = getenv("KGRAPH_MODELS") ? getenv("KGRAPH_MODELS") : "models";
    kg_pipeline *p = NULL;
    kg_extraction *base = NULL, *big = NULL;
    if (kg_pipeline_new(&p, &po) || kg_extraction_new(&base) ||
        kg_pipeline_run_files(p, paths, n, 1, collect, base) || kg_extraction_new(&big)) {
        fprintf(stderr, "graph_bench: %s\n", kg_error_message());
        return 1;
    }
    if (base->n_triples == 0) {
        fprintf(stderr, "graph_bench: no triples in %s\n", argv[1]);
        return 1;
    }
    char doc[64], s[256], o[256], e[256];
    size_t copies = (want + base->n_triples - 1) / base->n_triples;
    for (size_t c = 0; c < copies; c++) {
        snprintf(doc, sizeof doc, "doc-%06zu", c);
        for (size_t i = 0; i < base->n_triples; i++) {
            kg_triple t = base->triples[i];
            t.doc = doc;
            t.subject.name = vary(s, sizeof s, t.subject.name, c + i);
            t.object.name = vary(o, sizeof o, t.object.name, c * 7 + i);
            if (kg_extraction_add_triple(big, &t))
                return 1;
        }
        for (size_t i = 0; i < base->n_mentions; i++) {
            kg_mention_record m = base->mentions[i];
            m.doc = doc;
            m.entity = vary(e, sizeof e, m.entity, c + i);
            if (kg_extraction_add_mention(big, &m))
                return 1;
        }
    }
    /* baseline: write the records as TSV and read them back */
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    kg_extraction_write(f, big, KG_RECORDS_TSV, 1);
    fclose(f);
    kg_extraction *again = NULL;
    kg_extraction_new(&again);
    double t0 = now();
    if (kg_extraction_read(again, buf, size, "bench")) {
        fprintf(stderr, "graph_bench: %s\n", kg_error_message());
        return 1;
    }
    double t_read = now() - t0;
    kg_extraction_free(again);
    free(buf);
    long rss_before = peak_rss_kb();

    kg_graph *g = NULL;
    kg_graph_new(&g, NULL);
    t0 = now();
    int rc = kg_graph_add_extraction(g, big);
    double t_add = now() - t0;
    t0 = now();
    rc = rc ? rc : kg_graph_finish(g);
    double t_finish = now() - t0;
    size_t nodes = kg_graph_node_count(g), edges = kg_graph_edge_count(g);
    t0 = now();
    rc = rc ? rc : kg_graph_analyse(g, NULL);
    double t_analyse = now() - t0;
    kg_filter_options fo = KG_FILTER_OPTIONS_INIT;
    fo.top = 100;
    t0 = now();
    rc = rc ? rc : kg_graph_filter(g, &fo);
    double t_filter = now() - t0;
    if (rc) {
        fprintf(stderr, "graph_bench: %s\n", kg_error_message());
        return 1;
    }
    printf("records: %zu triples, %zu mentions (%zu copies of %zu sample triples)\n",
           big->n_triples, big->n_mentions, copies, base->n_triples);
    printf("graph: %zu nodes, %zu edges before filtering\n", nodes, edges);
    printf("baseline, read records from TSV: %8.3f s\n", t_read);
    printf("add records to graph:            %8.3f s  (%.2fx baseline)\n", t_add, t_add / t_read);
    printf("finish (resolve, aggregate, igraph): %4.3f s  (%.2fx baseline)\n", t_finish,
           t_finish / t_read);
    printf("analyse (degree, PageRank, betweenness, components, Leiden): %.3f s  (%.2fx)\n",
           t_analyse, t_analyse / t_read);
    printf("filter --top 100 (re-analyses):  %8.3f s\n", t_filter);
    printf("peak memory: %.1f MB (%.1f MB before the graph)\n", peak_rss_kb() / 1024.0,
           rss_before / 1024.0);
    kg_graph_free(g);
    kg_extraction_free(big);
    kg_extraction_free(base);
    kg_pipeline_free(p);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    return 0;
}
