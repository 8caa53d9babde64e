/* inputs.h - what build and stats share: reading their inputs (documents, or
 * records written by kgraph extract) into a graph, with the graph options. */
#ifndef KG_CLI_INPUTS_H
#define KG_CLI_INPUTS_H

#include "kg_graph.h"

typedef struct cli_graph_options {
    int records;                /* inputs are kgraph extract records (--triples) */
    unsigned threads;           /* -j: documents processed in parallel (0: one per CPU) */
    const char *update;         /* GraphML to start from (--update) */
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
    CLI_OPT_JOBS = 'j',
};

#define CLI_GRAPH_LONGOPTS                                                                         \
    {"triples", no_argument, NULL, CLI_OPT_TRIPLES},                                               \
        {"update", required_argument, NULL, CLI_OPT_UPDATE},                                       \
        {"cooccurrence", no_argument, NULL, CLI_OPT_COOCCURRENCE},                                 \
        {"top", required_argument, NULL, CLI_OPT_TOP},                                             \
        {"min-weight", required_argument, NULL, CLI_OPT_MIN_WEIGHT},                               \
        {"types", required_argument, NULL, CLI_OPT_TYPES},                                         \
        {"focus", required_argument, NULL, CLI_OPT_FOCUS},                                         \
        {"hops", required_argument, NULL, CLI_OPT_HOPS},                                           \
        {"drop-isolates", no_argument, NULL, CLI_OPT_DROP_ISOLATES},                               \
        {"relations", required_argument, NULL, CLI_OPT_RELATIONS},                                 \
        {"seed", required_argument, NULL, CLI_OPT_SEED},                                          \
        {"jobs", required_argument, NULL, CLI_OPT_JOBS}

#define CLI_GRAPH_HELP                                                                             \
    "  -j, --jobs N         documents processed in parallel (default: one per CPU)\n"            \
    "  --triples            inputs are records from 'kgraph extract' (TSV or JSONL)\n"             \
    "  --update GRAPHML     add the inputs to this graph (written by kgraph)\n"                   \
    "  --cooccurrence       add an edge for every pair of entities named in one sentence\n"        \
    "Filters (applied in this order, before output):\n"                                           \
    "  --relations LIST     keep only these relations (comma-separated)\n"                        \
    "  --min-weight W       keep only edges extracted at least W times\n"                         \
    "  --types LIST         keep only these entity types (e.g. PERSON,ORG,GPE)\n"                  \
    "  --focus NAME         keep only NAME (label or alias) and its neighbourhood...\n"            \
    "  --hops K             ...of radius K (default 1)\n"                                          \
    "  --top N              keep the N most central entities (PageRank)\n"                        \
    "  --drop-isolates      drop entities left without edges\n"                                   \
    "  --seed N             seed of community detection (default 42)\n"

void cli_graph_options_init(cli_graph_options *o);
/* Parses a -j/--jobs value; returns 0, or 1 after printing an error. */
int cli_jobs(const char *arg, unsigned *out);
/* Handles one of the shared long options; returns 0, or 1 after printing an error. */
int cli_graph_option(cli_graph_options *o, int code, const char *arg);
/* Builds, filters and analyses the graph of the n inputs. Prints an error and
 * returns 1 on failure. Ownership: the caller frees *out with kg_graph_free. */
int cli_load_graph(kg_graph **out, char *const *inputs, size_t n, const cli_graph_options *o);

#endif
