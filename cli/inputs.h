/* inputs.h - what build and stats share: reading their inputs (documents, or
 * records written by kgraph extract) into a graph, with the graph options. */
#ifndef KG_CLI_INPUTS_H
#define KG_CLI_INPUTS_H

#include "kg_graph.h"
#include "kg_pipeline.h"

typedef struct cli_graph_options {
    int records;               /* inputs are kgraph extract records (--triples) */
    const char *include;       /* globs of files to take from directories */
    const char *exclude;       /* globs of files to leave out */
    int keep_furniture;        /* do not remove page furniture from plain text */
    const char *models;        /* --models: directory of the trained models */
    unsigned threads;          /* -j: documents processed in parallel (0: one per CPU) */
    const char *update;        /* GraphML to start from (--update) */
    const char *aliases;       /* user alias file (--aliases) */
    int one_sentence_per_line; /* each input line is one sentence; every line kept */
    kg_extraction *mentions;   /* if set, every mention record read is appended here */
    kg_graph_options graph;
    kg_filter_options filter;
    kg_analysis_options analysis;
} cli_graph_options;

/* Long option codes shared by build and stats. */
enum {
    CLI_OPT_TRIPLES = 1000,
    CLI_OPT_UPDATE,
    CLI_OPT_COOCCURRENCE,
    CLI_OPT_TOP,
    CLI_OPT_MIN_WEIGHT,
    CLI_OPT_TYPES,
    CLI_OPT_FOCUS,
    CLI_OPT_HOPS,
    CLI_OPT_DROP_ISOLATES,
    CLI_OPT_RELATIONS,
    CLI_OPT_SEED,
    CLI_OPT_ALIASES,
    CLI_OPT_MODELS,
    CLI_OPT_INCLUDE,
    CLI_OPT_EXCLUDE,
    CLI_OPT_KEEP_FURNITURE,
    CLI_OPT_JOBS = 'j',
};

#define CLI_INPUT_LONGOPTS                                                                         \
    {"include", required_argument, NULL, CLI_OPT_INCLUDE},                                         \
        {"exclude", required_argument, NULL, CLI_OPT_EXCLUDE},                                     \
        {"keep-furniture", no_argument, NULL, CLI_OPT_KEEP_FURNITURE},                             \
    {                                                                                              \
        "models", required_argument, NULL, CLI_OPT_MODELS                                          \
    }

#define CLI_INPUT_HELP                                                                             \
    "Inputs are text files, saved web pages (.html), RSS/Atom feeds and sitemaps, '-' for\n"       \
    "stdin, or directories, walked for .txt, .text, .html, .htm, .xhtml, .xml, .rss, .atom:\n"     \
    "  --include GLOBS      take only files matching these (comma-separated) globs\n"              \
    "  --exclude GLOBS      leave out files matching these globs\n"                                \
    "  --keep-furniture     keep page furniture in plain text (it is removed by default)\n"        \
    "  --models DIR         the trained models (default: $KGRAPH_MODELS, else kgraph's own)\n"

#define CLI_GRAPH_LONGOPTS                                                                         \
    {"triples", no_argument, NULL, CLI_OPT_TRIPLES},                                               \
        {"update", required_argument, NULL, CLI_OPT_UPDATE},                                       \
        {"aliases", required_argument, NULL, CLI_OPT_ALIASES},                                     \
        {"cooccurrence", no_argument, NULL, CLI_OPT_COOCCURRENCE},                                 \
        {"top", required_argument, NULL, CLI_OPT_TOP},                                             \
        {"min-weight", required_argument, NULL, CLI_OPT_MIN_WEIGHT},                               \
        {"types", required_argument, NULL, CLI_OPT_TYPES},                                         \
        {"focus", required_argument, NULL, CLI_OPT_FOCUS},                                         \
        {"hops", required_argument, NULL, CLI_OPT_HOPS},                                           \
        {"drop-isolates", no_argument, NULL, CLI_OPT_DROP_ISOLATES},                               \
        {"relations", required_argument, NULL, CLI_OPT_RELATIONS},                                 \
        {"seed", required_argument, NULL, CLI_OPT_SEED},                                           \
        {"jobs", required_argument, NULL, CLI_OPT_JOBS}, CLI_INPUT_LONGOPTS

#define CLI_GRAPH_HELP                                                                             \
    CLI_INPUT_HELP                                                                                 \
    "  -j, --jobs N         documents processed in parallel (default: one per CPU)\n"              \
    "  --triples            inputs are records from 'kgraph extract' (TSV or JSONL)\n"             \
    "  --update GRAPHML     add the inputs to this graph (written by kgraph)\n"                    \
    "  --aliases FILE       one entity per line: canonical name|alias|alias (overrides\n"          \
    "                       automatic resolution)\n"                                               \
    "  --cooccurrence       add an edge for every pair of entities named in one sentence\n"        \
    "Filters (applied in this order, before output):\n"                                            \
    "  --relations LIST     keep only these relations (comma-separated)\n"                         \
    "  --min-weight W       keep only edges extracted at least W times\n"                          \
    "  --types LIST         keep only these entity types (e.g. PERSON,ORG,GPE)\n"                  \
    "  --focus NAME         keep only NAME (label or alias) and its neighbourhood...\n"            \
    "  --hops K             ...of radius K (default 1)\n"                                          \
    "  --top N              keep the N most central entities (PageRank)\n"                         \
    "  --drop-isolates      drop entities left without edges\n"                                    \
    "  --seed N             seed of community detection (default 42)\n"

void cli_graph_options_init(cli_graph_options *o);
/* Parses a -j/--jobs value; returns 0, or 1 after printing an error. */
int cli_jobs(const char *arg, unsigned *out);
/* Handles an input option (--include, --exclude, --keep-furniture, --models);
 * returns 1 if code was one, else 0. */
int cli_input_option(cli_graph_options *o, int code, const char *arg);
/* Expands directories among the inputs (with --include/--exclude). Prints an
 * error and returns 1 on failure. Ownership: free with cli_free_inputs. */
int cli_expand_inputs(char ***out, size_t *n_out, char *const *inputs, size_t n,
                      const cli_graph_options *o);
void cli_free_inputs(char **inputs, size_t n);
/* Pipeline options for these input options (models, furniture). */
void cli_pipeline_options(kg_pipeline_options *po, const cli_graph_options *o);
/* Handles one of the shared long options; returns 0, or 1 after printing an error. */
int cli_graph_option(cli_graph_options *o, int code, const char *arg);
/* Builds, filters and analyses the graph of the n inputs. Prints an error and
 * returns 1 on failure. Ownership: the caller frees *out with kg_graph_free. */
int cli_load_graph(kg_graph **out, char *const *inputs, size_t n, const cli_graph_options *o);

#endif
