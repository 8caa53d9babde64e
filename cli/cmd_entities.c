/* cmd_entities.c - `kgraph entities FILE...`: the entities of documents, one
 * per real-world thing after resolution within and across documents, with
 * their type, mention count, aliases, roles and documents; or, with
 * --mentions, every named mention with its place in the input and the
 * entity it was resolved into. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"
#include "kg_pipeline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void entities_usage(FILE *f)
{
    fputs("usage: kgraph entities [OPTIONS] FILE...\n"
          "\n"
          "Lists the entities the inputs name, one per line (TSV with a header): label,\n"
          "type, mentions, aliases, roles, documents, sorted by mentions (most first), then\n"
          "label. Entities are resolved as 'kgraph build' resolves graph nodes; triple\n"
          "arguments that recognition did not type are not entities and are left out.\n"
          "\n"
          "  -m, --mentions       list every named mention instead: doc, sentence (from 0),\n"
          "                       start and end byte offsets in the input, text, type and the\n"
          "                       label of its entity\n"
          "      --one-sentence-per-line  each input line is one sentence (sentence = line\n"
          "                       number from 0; keeps every line)\n"
          "  -o, --output FILE    write to FILE (atomically) instead of stdout\n" CLI_GRAPH_HELP
          "  -h, --help           this help\n",
          f);
}

/* Writes s with TAB, CR, newline and backslash escaped as in extraction records. */
typedef struct row {
    size_t node;
    double mentions;
    const char *label;
} row;

static int cmp_rows(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->mentions != y->mentions) {
        return x->mentions > y->mentions ? -1 : 1;
    }
    int c = strcmp(x->label, y->label);
    return c ? c : (x->node < y->node ? -1 : x->node > y->node);
}

static int print_entities(FILE *f, const kg_graph *g)
{
    size_t n = kg_graph_node_count(g), k = 0;
    row *rows = kg_malloc((n ? n : 1) * sizeof *rows);
    if (!rows) {
        return kg_error_set(KG_ENOMEM, "entities: out of memory");
    }
    for (size_t v = 0; v < n; v++) {
        if (!*kg_graph_node_str(g, v, "type")) {
            continue; /* an untyped triple argument, not a recognised entity */
        }
        rows[k].node = v;
        rows[k].mentions = kg_graph_node_num(g, v, "mentions");
        rows[k].label = kg_graph_node_str(g, v, "label");
        k++;
    }
    qsort(rows, k, sizeof *rows, cmp_rows);
    fputs("label\ttype\tmentions\taliases\troles\tdocuments\n", f);
    static const char *const cols[] = {"aliases", "roles", "documents"};
    for (size_t i = 0; i < k; i++) {
        kg_tsv_put_field(f, rows[i].label);
        fputc('\t', f);
        kg_tsv_put_field(f, kg_graph_node_str(g, rows[i].node, "type"));
        fprintf(f, "\t%.0f", rows[i].mentions);
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
            fputc('\t', f);
            kg_tsv_put_field(f, kg_graph_node_str(g, rows[i].node, cols[c]));
        }
        fputc('\n', f);
    }
    kg_free(rows);
    return KG_OK;
}

static void print_mentions(FILE *f, const kg_graph *g, const kg_extraction *x)
{
    fputs("doc\tsentence\tstart\tend\ttext\ttype\tentity\n", f);
    for (size_t i = 0; i < x->n_mentions; i++) {
        const kg_mention_record *m = &x->mentions[i];
        /* the node it was resolved into; dates are no nodes and keep their own name */
        const char *label = kg_graph_entity_label(g, m->doc, m->entity);
        kg_tsv_put_field(f, m->doc);
        fprintf(f, "\t%u\t%u\t%u\t", m->sentence, m->start, m->end);
        kg_tsv_put_field(f, m->text);
        fputc('\t', f);
        kg_tsv_put_field(f, kg_ent_name(m->type));
        fputc('\t', f);
        kg_tsv_put_field(f, label ? label : m->entity);
        fputc('\n', f);
    }
}

int cmd_entities(int argc, char **argv)
{
    enum { OPT_ONE_PER_LINE = 256 };
    static const struct option longopts[] = {
        {"mentions", no_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"one-sentence-per-line", no_argument, NULL, OPT_ONE_PER_LINE},
        {"help", no_argument, NULL, 'h'},
        CLI_GRAPH_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options go;
    cli_graph_options_init(&go);
    int mentions = 0, one_per_line = 0;
    const char *output = "-";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "mo:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'm':
            mentions = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_ONE_PER_LINE:
            one_per_line = 1;
            break;
        case 'h':
            entities_usage(stdout);
            return 0;
        case '?':
            entities_usage(stderr);
            return 1;
        default:
            if (cli_graph_option(&go, c, optarg)) {
                return 1;
            }
        }
    }
    if (optind >= argc && !go.update) {
        return cli_fail("entities: no input files (see 'kgraph entities --help')");
    }

    int status = 1;
    kg_graph *g = NULL;
    kg_extraction *kept = NULL;
    kg_outfile *out = NULL;
    go.one_sentence_per_line = one_per_line;
    if (mentions && kg_extraction_new(&kept)) {
        return cli_fail("%s", kg_error_message());
    }
    go.mentions = kept;
    if (cli_load_graph(&g, argv + optind, (size_t)(argc - optind), &go)) {
        goto done;
    }
    if (kg_outfile_open(&out, output)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    FILE *f = kg_outfile_stream(out);
    if (mentions) {
        print_mentions(f, g, kept);
    } else if (print_entities(f, g)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    if (cli_commit(&out)) {
        goto done;
    }
    status = 0;
done:
    kg_outfile_abort(out);
    kg_graph_free(g);
    kg_extraction_free(kept);
    return status;
}
