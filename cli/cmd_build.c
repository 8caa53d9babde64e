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
    fprintf(f,
            "usage: kgraph build [OPTIONS] FILE... -o OUTPUT [-o OUTPUT...]\n"
            "\n"
            "Builds the knowledge graph of the inputs and writes it in the format each\n"
            "output's extension names.\n"
            "\n" CLI_GRAPH_HELP "Outputs:\n"
            "  -o, --output FILE   repeatable; the extension picks the format:\n"
            "                        .graphml  Gephi, networkx, igraph, yEd (laid out, coloured)\n"
            "                        .gexf     Gephi (GEXF 1.3 with viz colour, size, position)\n"
            "                        .json     node-link JSON for D3 and Cytoscape.js\n"
            "                        .dot      Graphviz source of the drawing\n"
            "                        .svg .png the drawing (legend, tooltips with evidence)\n"
            "                        .html     interactive page: pan, zoom, search, evidence\n"
            "                        .ttl .nt  RDF (Turtle, N-Triples)\n"
            "                      '-' is stdout in --format; --format neo4j -o DIR writes\n"
            "                      DIR/nodes.csv and DIR/relationships.csv for neo4j-admin import\n"
            "  -f, --format NAME   format of outputs whose extension names none (and of '-'):\n"
            "                      graphml (default), gexf, json, dot, svg, png, html, turtle,\n"
            "                      ntriples, neo4j\n"
            "  -t, --title TEXT    title line of drawings (default: the input names)\n"
            "  -l, --layout NAME   Graphviz layout: sfdp, neato, fdp, dot, circo, twopi\n"
            "                      (default: neato up to 100 entities, sfdp above)\n"
            "      --max-draw N    refuse drawings (svg, png, html) of more than N entities\n"
            "                      (default %d; 0: no limit)\n"
            "      --no-positions  no layout positions in GraphML, GEXF and JSON (no layout run)\n"
            "      --rdf-base IRI  prefix of RDF resources (default urn:kgraph:)\n"
            "  -h, --help          this help\n",
            KG_EXPORT_MAX_DRAW_NODES);
}

static int cmp_base(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "kgraph: a.txt, b.txt (2 documents)" from the names of the graph's
 * documents, sorted: the same graph gets the same title however it was built
 * (from texts, from extraction records, or by --update). */
static int default_title(kg_strbuf *b, const kg_graph *g)
{
    size_t n = kg_graph_document_count(g);
    const char **names = kg_malloc((n ? n : 1) * sizeof *names);
    if (!names) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        kg_document_record d;
        kg_graph_document(g, i, &d);
        const char *base = strrchr(d.doc, '/');
        names[i] = base && base[1] ? base + 1 : d.doc;
    }
    if (n > 1) {
        qsort(names, n, sizeof *names, cmp_base);
    }
    int rc = kg_strbuf_puts(b, "kgraph: ");
    for (size_t i = 0; i < n && i < 3 && rc == KG_OK; i++) {
        rc = kg_strbuf_printf(b, "%s%s", i ? ", " : "", names[i]);
    }
    if (rc == KG_OK && n > 3) {
        rc = kg_strbuf_printf(b, ", ... (%zu documents)", n);
    } else if (rc == KG_OK && n > 1) {
        rc = kg_strbuf_printf(b, " (%zu documents)", n);
    }
    kg_free(names);
    return rc;
}

/* The format of one -o: its extension, else --format. */
static kg_format output_format(const char *path, kg_format fallback)
{
    if (strcmp(path, "-") == 0) {
        return fallback;
    }
    kg_format f = kg_format_from_path(path);
    return f != KG_FORMAT_NONE ? f : fallback;
}

int cmd_build(int argc, char **argv)
{
    enum { OPT_MAX_DRAW = 256, OPT_NO_POSITIONS, OPT_RDF_BASE };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"title", required_argument, NULL, 't'},
        {"layout", required_argument, NULL, 'l'},
        {"max-draw", required_argument, NULL, OPT_MAX_DRAW},
        {"no-positions", no_argument, NULL, OPT_NO_POSITIONS},
        {"rdf-base", required_argument, NULL, OPT_RDF_BASE},
        {"help", no_argument, NULL, 'h'},
        CLI_GRAPH_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options go;
    cli_graph_options_init(&go);
    const char *outputs[MAX_OUTPUTS];
    int n_outputs = 0;
    kg_format format = KG_FORMAT_NONE;
    kg_export_options xo = KG_EXPORT_OPTIONS_INIT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:t:l:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (n_outputs == MAX_OUTPUTS) {
                return cli_fail("build: at most %d outputs", MAX_OUTPUTS);
            }
            outputs[n_outputs++] = optarg;
            break;
        case 'f':
            format = kg_format_from_name(optarg);
            if (format == KG_FORMAT_NONE) {
                return cli_fail("build: unknown format '%s' (use graphml, gexf, json, dot, svg, "
                                "png, html, turtle, ntriples or neo4j)",
                                optarg);
            }
            break;
        case 't':
            xo.title = optarg;
            break;
        case 'l':
            xo.layout = optarg;
            break;
        case OPT_MAX_DRAW: {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 0) {
                return cli_fail("build: --max-draw needs a number of entities, not '%s'", optarg);
            }
            xo.max_draw_nodes = (size_t)v;
            break;
        }
        case OPT_NO_POSITIONS:
            xo.positions = 0;
            break;
        case OPT_RDF_BASE:
            xo.rdf_base = optarg;
            break;
        case 'h':
            build_usage(stdout);
            return 0;
        case '?':
            build_usage(stderr);
            return 1;
        default:
            if (cli_graph_option(&go, c, optarg)) {
                return 1;
            }
        }
    }
    /* every output's format is known before any work is done */
    for (int i = 0; i < n_outputs; i++) {
        kg_format f = output_format(
            outputs[i], strcmp(outputs[i], "-") == 0 && !format ? KG_FORMAT_GRAPHML : format);
        if (f == KG_FORMAT_NONE) {
            return cli_fail("%s: unknown output format (use .graphml, .gexf, .json, .dot, .svg, "
                            ".png, .html, .ttl or .nt, or --format NAME)",
                            outputs[i]);
        }
        if (f == KG_FORMAT_NEO4J && strcmp(outputs[i], "-") == 0) {
            return cli_fail("build: --format neo4j writes a directory: give -o DIR");
        }
    }
    if (optind >= argc && !go.update) {
        return cli_fail("build: no input files (see 'kgraph build --help')");
    }
    if (n_outputs == 0) {
        return cli_fail("build: no output given (use -o graph.graphml, -o graph.svg, ...)");
    }

    int status = 1;
    kg_graph *g = NULL;
    kg_export_drawing *drawing = NULL;
    kg_strbuf title = KG_STRBUF_INIT;
    if (cli_load_graph(&g, argv + optind, (size_t)(argc - optind), &go)) {
        goto done;
    }
    if (!xo.title) {
        if (default_title(&title, g)) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
        xo.title = title.data;
    }
    /* refuse an undrawable graph before laying anything out */
    int need_layout = 0, need_drawing = 0;
    for (int i = 0; i < n_outputs; i++) {
        kg_format f = output_format(outputs[i], format ? format : KG_FORMAT_GRAPHML);
        if (kg_export_check(g, f, &xo)) {
            cli_fail("%s: %s", outputs[i], kg_error_message());
            goto done;
        }
        need_drawing |= kg_format_is_drawing(f);
        need_layout |= kg_format_is_drawing(f) || (xo.positions && kg_format_uses_layout(f));
    }
    /* one layout serves every output */
    if (need_layout) {
        if (kg_export_drawing_new(&drawing, g, &xo, need_drawing)) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
        xo.drawing = drawing;
    }
    for (int i = 0; i < n_outputs; i++) {
        kg_format f = output_format(outputs[i], format ? format : KG_FORMAT_GRAPHML);
        if (kg_export_path(g, f, outputs[i], &xo)) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
    }
    status = 0;
done:
    kg_export_drawing_free(drawing);
    kg_strbuf_free(&title);
    kg_graph_free(g);
    kg_export_cleanup();
    return status;
}
