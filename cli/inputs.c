/* inputs.c - loading build and stats inputs into a graph. */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"
#include "commands.h"
#include "kg_pipeline.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

void cli_graph_options_init(cli_graph_options *o)
{
    static const kg_graph_options g = KG_GRAPH_OPTIONS_INIT;
    static const kg_filter_options f = KG_FILTER_OPTIONS_INIT;
    static const kg_analysis_options a = KG_ANALYSIS_OPTIONS_INIT;
    memset(o, 0, sizeof *o);
    o->graph = g;
    o->filter = f;
    o->analysis = a;
}

static int parse_number(const char *opt, const char *arg, double min, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    if (!*arg || *end || errno || !(v >= min) || v > 1e15) {
        return cli_fail("--%s: '%s' is not a number of at least %g", opt, arg, min);
    }
    *out = v;
    return 0;
}

int cli_jobs(const char *arg, unsigned *out)
{
    char *end = NULL;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < 1 || v > 1024) {
        return cli_fail("--jobs: '%s' is not a number of threads from 1 to 1024", arg);
    }
    *out = (unsigned)v;
    return 0;
}

int cli_input_option(cli_graph_options *o, int code, const char *arg)
{
    switch (code) {
    case CLI_OPT_INCLUDE:
        o->include = arg;
        return 1;
    case CLI_OPT_EXCLUDE:
        o->exclude = arg;
        return 1;
    case CLI_OPT_KEEP_FURNITURE:
        o->keep_furniture = 1;
        return 1;
    case CLI_OPT_MODELS:
        o->models = arg;
        return 1;
    default:
        return 0;
    }
}

int cli_expand_inputs(char ***out, size_t *n_out, char *const *inputs, size_t n,
                      const cli_graph_options *o)
{
    if (kg_ingest_expand(out, n_out, inputs, n, o->include, o->exclude)) {
        return cli_fail("%s", kg_error_message());
    }
    return 0;
}

void cli_pipeline_options(kg_pipeline_options *po, const cli_graph_options *o)
{
    po->model_dir = cli_model_dir(o->models);
    po->ingest.furniture = !o->keep_furniture;
    if (o->one_sentence_per_line) {
        /* line numbers stay sentence numbers only if every line is kept */
        po->segment.one_sentence_per_line = 1;
        po->ingest.furniture = 0;
    }
}

void cli_free_inputs(char **inputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kg_free(inputs[i]);
    }
    kg_free(inputs);
}

int cli_graph_option(cli_graph_options *o, int code, const char *arg)
{
    double v = 0;
    if (cli_input_option(o, code, arg)) {
        return 0;
    }
    switch (code) {
    case CLI_OPT_JOBS:
        return cli_jobs(arg, &o->threads);
    case CLI_OPT_TRIPLES:
        o->records = 1;
        return 0;
    case CLI_OPT_UPDATE:
        o->update = arg;
        return 0;
    case CLI_OPT_ALIASES:
        o->aliases = arg;
        return 0;
    case CLI_OPT_COOCCURRENCE:
        o->graph.cooccurrence = 1;
        return 0;
    case CLI_OPT_TOP:
        if (parse_number("top", arg, 1, &v)) {
            return 1;
        }
        o->filter.top = (size_t)v;
        return 0;
    case CLI_OPT_MIN_WEIGHT:
        if (parse_number("min-weight", arg, 0, &v)) {
            return 1;
        }
        o->filter.min_weight = v;
        return 0;
    case CLI_OPT_TYPES:
        o->filter.types = arg;
        return 0;
    case CLI_OPT_FOCUS:
        o->filter.focus = arg;
        return 0;
    case CLI_OPT_HOPS:
        if (parse_number("hops", arg, 0, &v)) {
            return 1;
        }
        o->filter.hops = (unsigned)v;
        return 0;
    case CLI_OPT_DROP_ISOLATES:
        o->filter.drop_isolates = 1;
        return 0;
    case CLI_OPT_RELATIONS:
        o->filter.relations = arg;
        return 0;
    case CLI_OPT_SEED:
        if (parse_number("seed", arg, 0, &v)) {
            return 1;
        }
        o->analysis.seed = (unsigned long)v;
        return 0;
    default:
        return cli_fail("unknown option");
    }
}

typedef struct sink {
    kg_graph *g;
    kg_extraction *mentions; /* or NULL */
} sink;

static int add_records(void *ctx, const char *path, const kg_extraction *records)
{
    const sink *to = ctx;
    (void)path;
    int rc = kg_graph_add_extraction(to->g, records);
    for (size_t i = 0; to->mentions && rc == KG_OK && i < records->n_mentions; i++) {
        rc = kg_extraction_add_mention(to->mentions, &records->mentions[i]);
    }
    return rc;
}

/* Reads a records file (kgraph extract output) into the graph. */
static int add_records_file(const sink *to, const char *path)
{
    kg_extraction *x = NULL;
    int rc = kg_extraction_new(&x);
    if (rc == KG_OK) {
        rc = kg_extraction_read_file(x, path);
    }
    if (rc == KG_OK) {
        rc = add_records((void *)to, path, x);
    }
    kg_extraction_free(x);
    return rc;
}

int cli_load_graph(kg_graph **out, char *const *args, size_t n_args, const cli_graph_options *o)
{
    kg_graph *g = NULL;
    kg_pipeline *p = NULL;
    char **inputs = NULL;
    size_t n = 0;
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    cli_pipeline_options(&po, o);
    if (cli_expand_inputs(&inputs, &n, args, n_args, o)) {
        return 1;
    }
    int rc = kg_graph_new(&g, &o->graph);
    if (rc == KG_OK && o->aliases) {
        rc = kg_graph_load_aliases(g, o->aliases);
    }
    if (rc == KG_OK && o->update) {
        rc = kg_graph_add_graphml(g, o->update);
    }
    sink to = {g, o->mentions};
    if (rc == KG_OK && o->records) {
        for (size_t i = 0; i < n && rc == KG_OK; i++) {
            rc = add_records_file(&to, inputs[i]);
        }
    } else if (rc == KG_OK) {
        rc = kg_pipeline_new(&p, &po);
        if (rc == KG_OK) {
            rc = kg_pipeline_run_files(p, inputs, n, o->threads, add_records, &to);
        }
    }
    if (rc == KG_OK) {
        rc = kg_graph_finish(g);
    }
    if (rc == KG_OK) {
        rc = kg_graph_analyse(g, &o->analysis);
    }
    if (rc == KG_OK) {
        rc = kg_graph_filter(g, &o->filter);
    }
    kg_pipeline_free(p);
    cli_free_inputs(inputs, n);
    if (rc) {
        cli_fail("%s", kg_error_message());
        kg_graph_free(g);
        return 1;
    }
    *out = g;
    return 0;
}
