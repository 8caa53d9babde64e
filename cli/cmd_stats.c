/* cmd_stats.c - `kgraph stats FILE...`: the shape of the graph, its most
 * central entities and its communities. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void stats_usage(FILE *f)
{
    fputs("usage: kgraph stats [OPTIONS] FILE...\n"
          "\n"
          "Builds the graph of the inputs as 'kgraph build' does and prints its size,\n"
          "components, the most central entities (PageRank, degree, betweenness) and the\n"
          "communities found (Leiden).\n"
          "\n"
          "  -n, --rank N         how many entities to rank (default 10)\n" CLI_GRAPH_HELP
          "  -h, --help           this help\n",
          f);
}

typedef struct ranked {
    double pagerank;
    size_t node;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->pagerank != y->pagerank) {
        return x->pagerank > y->pagerank ? -1 : 1;
    }
    return x->node < y->node ? -1 : 1;
}

static void print_stats(const kg_graph *g, size_t rank)
{
    size_t n = kg_graph_node_count(g), m = kg_graph_edge_count(g), cooc = 0;
    size_t components = 0, communities = 0;
    for (size_t e = 0; e < m; e++) {
        cooc += strcmp(kg_graph_edge_str(g, e, "layer"), "cooccurrence") == 0;
    }
    for (size_t v = 0; v < n; v++) {
        size_t c = (size_t)kg_graph_node_num(g, v, "component") + 1;
        size_t k = (size_t)kg_graph_node_num(g, v, "community") + 1;
        components = c > components ? c : components;
        communities = k > communities ? k : communities;
    }
    printf("graph: %zu entities, %zu edges (%zu relations, %zu co-occurrences), "
           "%zu components, %zu communities\n",
           n, m, m - cooc, cooc, components, communities);
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) {
        return;
    }
    for (size_t v = 0; v < n; v++) {
        r[v].pagerank = kg_graph_node_num(g, v, "pagerank");
        r[v].node = v;
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    printf("\ntop %zu entities by PageRank:\n", rank < n ? rank : n);
    printf("  %4s  %8s  %6s  %8s  %11s  %-7s  %s\n", "rank", "pagerank", "degree", "weighted",
           "betweenness", "type", "entity");
    for (size_t i = 0; i < n && i < rank; i++) {
        size_t v = r[i].node;
        const char *type = kg_graph_node_str(g, v, "type");
        printf("  %4zu  %8.4f  %6.0f  %8.1f  %11.1f  %-7s  %s\n", i + 1, r[i].pagerank,
               kg_graph_node_num(g, v, "degree"), kg_graph_node_num(g, v, "weighted_degree"),
               kg_graph_node_num(g, v, "betweenness"), *type ? type : "-",
               kg_graph_node_str(g, v, "label"));
    }
    printf("\ncommunities (Leiden, modularity):\n");
    for (size_t k = 0; k < communities; k++) {
        size_t members = 0;
        for (size_t i = 0; i < n; i++) {
            members += (size_t)kg_graph_node_num(g, r[i].node, "community") == k;
        }
        if (members == 1) {
            /* numbered largest first: the rest are entities on their own,
             * listed on one line, most central first */
            printf("  %zu %sof one entity each:", communities - k, k ? "more " : "");
            size_t shown = 0;
            for (size_t i = 0; i < n; i++) {
                if ((size_t)kg_graph_node_num(g, r[i].node, "community") < k) {
                    continue;
                }
                if (shown == 12) {
                    printf(", ...");
                    break;
                }
                printf("%s %s", shown ? "," : "", kg_graph_node_str(g, r[i].node, "label"));
                shown++;
            }
            printf("\n");
            break;
        }
        printf("  %zu (%zu entities):", k, members);
        size_t shown = 0;
        for (size_t i = 0; i < n; i++) {
            size_t v = r[i].node;
            if ((size_t)kg_graph_node_num(g, v, "community") != k) {
                continue;
            }
            if (shown == 12) {
                printf(", ...");
                break;
            }
            printf("%s %s", shown ? "," : "", kg_graph_node_str(g, v, "label"));
            shown++;
        }
        printf("\n");
    }
    free(r);
}

int cmd_stats(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rank", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        CLI_GRAPH_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options go;
    cli_graph_options_init(&go);
    size_t rank = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'n': {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1) {
                return cli_fail("stats: --rank needs a positive number");
            }
            rank = (size_t)v;
            break;
        }
        case 'h':
            stats_usage(stdout);
            return 0;
        case '?':
            stats_usage(stderr);
            return 1;
        default:
            if (cli_graph_option(&go, c, optarg)) {
                return 1;
            }
        }
    }
    if (optind >= argc && !go.update) {
        return cli_fail("stats: no input files (see 'kgraph stats --help')");
    }
    kg_graph *g = NULL;
    if (cli_load_graph(&g, argv + optind, (size_t)(argc - optind), &go)) {
        return 1;
    }
    print_stats(g, rank);
    kg_graph_free(g);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return cli_fail("stats: write failed");
    }
    return 0;
}
