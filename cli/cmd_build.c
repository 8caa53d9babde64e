/* cmd_build.c - `kgraph build FILE... -o OUT...`: text to graph files. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"
#include "kg_export.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OUTPUTS 16

static void build_usage(FILE *f)
{
    fputs("usage: kgraph build [OPTIONS] FILE... -o OUTPUT [-o OUTPUT...]\n"
          "\n"
          "Builds the knowledge graph of the input documents (text files, '-' for stdin)\n"
          "and writes it in the format each output's extension names.\n"
          "\n"
          "  -o, --output FILE   .graphml (Gephi, networkx, igraph), .dot (Graphviz), .svg\n"
          "                      (drawing); '-' writes to stdout in --format. Repeatable.\n"
          "  -f, --format NAME   format for '-' outputs: graphml (default), dot, svg\n"
          "  -t, --title TEXT    title line of drawings (default: the input names)\n"
          "  -l, --layout NAME   Graphviz layout for SVG: neato, sfdp, fdp, dot, circo\n"
          CLI_GRAPH_HELP
          "  -h, --help          this help\n",
          f);
}

static int cmp_base(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "kgraph: a.txt, b.txt (2 documents)" from the input names, sorted so the
 * title does not depend on their order. */
static int default_title(kg_strbuf *b, char **files, int n)
{
    const char **names = kg_malloc((size_t)(n ? n : 1) * sizeof *names);
    if (!names)
        return KG_ENOMEM;
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(files[i], '/');
        names[i] = base ? base + 1 : files[i];
    }
    qsort(names, (size_t)n, sizeof *names, cmp_base);
    int rc = kg_strbuf_puts(b, "kgraph: ");
    for (int i = 0; i < n && rc == KG_OK; i++) {
        if (i == 3) {
            rc = kg_strbuf_printf(b, ", ... (%d documents)", n);
            kg_free(names);
            return rc;
        }
        rc = kg_strbuf_printf(b, "%s%s", i ? ", " : "", names[i]);
    }
    if (rc == KG_OK && n > 1)
        rc = kg_strbuf_printf(b, " (%d documents)", n);
    kg_free(names);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'f'},
        {"title", required_argument, NULL, 't'},  {"layout", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},         CLI_GRAPH_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options go;
    cli_graph_options_init(&go);
    const char *outputs[MAX_OUTPUTS];
    int n_outputs = 0;
    kg_format stdout_format = KG_FORMAT_GRAPHML;
    kg_export_options xo = KG_EXPORT_OPTIONS_INIT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:t:l:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (n_outputs == MAX_OUTPUTS)
                return cli_fail("build: at most %d outputs", MAX_OUTPUTS);
            if (strcmp(optarg, "-") != 0 && kg_format_from_path(optarg) == KG_FORMAT_NONE)
                return cli_fail("%s: unknown output format (use .graphml, .dot or .svg)", optarg);
            outputs[n_outputs++] = optarg;
            break;
        case 'f':
            stdout_format = kg_format_from_name(optarg);
            if (stdout_format == KG_FORMAT_NONE)
                return cli_fail("build: unknown format '%s' (use graphml, dot or svg)", optarg);
            break;
        case 't':
            xo.title = optarg;
            break;
        case 'l':
            xo.layout = optarg;
            break;
        case 'h':
            build_usage(stdout);
            return 0;
        case '?':
            build_usage(stderr);
            return 1;
        default:
            if (cli_graph_option(&go, c, optarg))
                return 1;
        }
    }
    if (optind >= argc)
        return cli_fail("build: no input files (see 'kgraph build --help')");
    if (n_outputs == 0)
        return cli_fail("build: no output given (use -o graph.graphml, -o graph.svg, ...)");

    int status = 1;
    kg_graph *g = NULL;
    kg_strbuf title = KG_STRBUF_INIT;
    if (cli_load_graph(&g, argv + optind, (size_t)(argc - optind), &go))
        goto done;
    if (!xo.title) {
        if (default_title(&title, argv + optind, argc - optind)) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
        xo.title = title.data;
    }
    for (int i = 0; i < n_outputs; i++) {
        kg_format fmt = strcmp(outputs[i], "-") == 0 ? stdout_format : KG_FORMAT_NONE;
        if (kg_export_path(g, fmt, outputs[i], &xo)) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
    }
    status = 0;
done:
    kg_strbuf_free(&title);
    kg_graph_free(g);
    kg_export_cleanup();
    return status;
}
