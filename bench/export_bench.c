/* export_bench.c - how long laying out and writing each export takes, by
 * graph size, on synthetic news-like graphs (preferential attachment, so a
 * few hubs and many leaves; names and relation phrases of realistic length;
 * explicitly seeded, so every run draws the same graphs). Prints one line
 * per (size, step): what the drawing size limit and the default engine were
 * chosen from. Usage: export_bench [max_nodes] [outdir]; with outdir it also
 * writes each drawing as outdir/synthetic-N.png to look at. */
#define _POSIX_C_SOURCE 200809L
#include "kg_export.h"
#include "kg_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const first[] = {"Amir",   "Sarah",    "Donald", "Zalmay", "Adam",   "Faye",
                                    "George", "Mohammad", "Hamid",  "Joe",    "Antony", "Ryan"};
static const char *const last[] = {"Amiri",   "Hartsfield", "Trump",    "Khalilzad",
                                   "Boehler", "Hall",       "Glezmann", "Karzai",
                                   "Biden",   "Blinken",    "Corbett"};
static const char *const relations[] = {"release",
                                        "detained by",
                                        "mediate",
                                        "meet with",
                                        "negotiate with",
                                        "signed peace agreement in",
                                        "expressed desires for",
                                        "visit",
                                        "envoy of",
                                        "interior minister of",
                                        "held in",
                                        "criticise"};

static unsigned long long rng_state = 20250101;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n entities, about 1.6 edges per entity, hubs by preferential attachment. */
static kg_graph *synthetic(size_t n)
{
    kg_graph *g = NULL;
    kg_extraction *x = NULL;
    char(*names)[48] = calloc(n, sizeof *names);
    size_t *ends = calloc(4 * n + 2, sizeof *ends), n_ends = 0;
    if (kg_graph_new(&g, NULL) || kg_extraction_new(&x) || !names || !ends) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "%s %s %zu", first[rnd(12)], last[rnd(11)], i);
    }
    for (size_t i = 1; i < n; i++) {
        int links = 1 + (rnd(10) < 6);
        for (int k = 0; k < links; k++) {
            size_t j = n_ends ? ends[rnd((unsigned)n_ends)] : 0;
            if (j == i) {
                j = 0;
            }
            kg_triple t;
            memset(&t, 0, sizeof t);
            t.subject.text = t.subject.name = names[i];
            t.object.text = t.object.name = names[j];
            t.subject.type = (uint8_t)(1 + rnd(4));
            t.object.type = (uint8_t)(1 + rnd(4));
            t.relation = t.relation_surface = relations[rnd(12)];
            t.doc = "synthetic.txt";
            t.sentence = (uint32_t)i;
            t.sentence_text = "A sentence of about the usual length in a news report, where "
                              "one party did something to another.";
            if (kg_extraction_add_triple(x, &t)) {
                abort();
            }
            ends[n_ends++] = i;
            ends[n_ends++] = j;
        }
    }
    if (kg_graph_add_extraction(g, x) || kg_graph_finish(g) || kg_graph_analyse(g, NULL)) {
        abort();
    }
    kg_extraction_free(x);
    free(names);
    free(ends);
    return g;
}

static void time_export(const kg_graph *g, kg_format f, const kg_export_options *o, size_t n,
                        const char *engine)
{
    FILE *out = fopen("/dev/null", "w");
    double t0 = now();
    int rc = kg_export(g, f, out, o);
    printf("%6zu %6zu  %-8s %-8s %8.3f s%s%s\n", n, kg_graph_edge_count(g), kg_format_name(f),
           engine, now() - t0, rc ? "  FAILED: " : "", rc ? kg_error_message() : "");
    fclose(out);
}

int main(int argc, char **argv)
{
    size_t max = argc > 1 ? (size_t)atol(argv[1]) : 20000;
    if (getenv("KG_BENCH_DOT_ONLY")) {
        /* only write the synthetic graphs' DOT (to try Graphviz settings) */
        for (size_t n = 25; n <= max; n *= 2) {
            kg_graph *g = synthetic(n);
            char p[512];
            snprintf(p, sizeof p, "%s/synthetic-%zu.dot", argc > 2 ? argv[2] : ".", n);
            kg_export_path(g, KG_FORMAT_DOT, p, NULL);
            kg_graph_free(g);
        }
        kg_export_cleanup();
        return 0;
    }
    const char *outdir = argc > 2 ? argv[2] : NULL;
    static const size_t drawn[] = {25, 50, 100, 150, 200, 300};
    static const size_t plain[] = {1000, 5000, 20000, 50000};
    printf(" nodes  edges  step     engine       time\n");
    for (size_t i = 0; i < sizeof drawn / sizeof *drawn && drawn[i] <= max; i++) {
        kg_graph *g = synthetic(drawn[i]);
        static const char *const engines[] = {"neato", "sfdp"};
        for (int e = 0; e < 2; e++) {
            kg_export_options o = KG_EXPORT_OPTIONS_INIT;
            o.max_draw_nodes = 0;
            o.layout = engines[e];
            kg_export_drawing *d = NULL;
            double t0 = now();
            if (kg_export_drawing_new(&d, g, &o, 1)) {
                printf("%6zu layout %s failed: %s\n", drawn[i], engines[e], kg_error_message());
                continue;
            }
            printf("%6zu %6zu  %-8s %-8s %8.3f s\n", drawn[i], kg_graph_edge_count(g), "layout",
                   engines[e], now() - t0);
            o.drawing = d;
            time_export(g, KG_FORMAT_SVG, &o, drawn[i], engines[e]);
            time_export(g, KG_FORMAT_PNG, &o, drawn[i], engines[e]);
            if (outdir) {
                char path[512];
                snprintf(path, sizeof path, "%s/synthetic-%zu-%s.png", outdir, drawn[i],
                         engines[e]);
                if (kg_export_path(g, KG_FORMAT_PNG, path, &o)) {
                    printf("  %s\n", kg_error_message());
                }
                snprintf(path, sizeof path, "%s/synthetic-%zu.dot", outdir, drawn[i]);
                if (kg_export_path(g, KG_FORMAT_DOT, path, &o)) {
                    printf("  %s\n", kg_error_message());
                }
            }
            kg_export_drawing_free(d);
        }
        kg_graph_free(g);
    }
    for (size_t i = 0; i < sizeof plain / sizeof *plain && plain[i] <= max; i++) {
        kg_graph *g = synthetic(plain[i]);
        kg_export_options o = KG_EXPORT_OPTIONS_INIT;
        kg_export_drawing *d = NULL;
        double t0 = now();
        if (kg_export_drawing_new(&d, g, &o, 0)) {
            printf("%6zu positions failed: %s\n", plain[i], kg_error_message());
            kg_graph_free(g);
            continue;
        }
        printf("%6zu %6zu  %-8s %-8s %8.3f s\n", plain[i], kg_graph_edge_count(g), "position",
               "sfdp", now() - t0);
        o.drawing = d;
        static const kg_format data[] = {KG_FORMAT_GRAPHML, KG_FORMAT_GEXF, KG_FORMAT_JSON,
                                         KG_FORMAT_DOT, KG_FORMAT_NTRIPLES};
        for (size_t k = 0; k < sizeof data / sizeof *data; k++) {
            time_export(g, data[k], &o, plain[i], "-");
        }
        kg_export_drawing_free(d);
        kg_graph_free(g);
    }
    kg_export_cleanup();
    return 0;
}
