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

typedef struct state {
    kg_graph *g;
    kg_extraction *kept; /* every mention record, for --mentions */
} state;

static int keep_mentions(state *st, const kg_extraction *x)
{
    for (size_t i = 0; i < x->n_mentions; i++) {
        if (kg_extraction_add_mention(st->kept, &x->mentions[i])) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

static int add_records(void *ctx, const char *path, const kg_extraction *x)
{
    state *st = ctx;
    (void)path;
    int rc = kg_graph_add_extraction(st->g, x);
    return rc ? rc : keep_mentions(st, x);
}

/* Reads a records file written by kgraph extract (--triples). */
static int add_records_file(state *st, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    kg_extraction *x = NULL;
    int rc = kg_file_read(path, (size_t)1 << 32, &text, &len);
    if (rc == KG_OK) {
        rc = kg_extraction_new(&x);
    }
    if (rc == KG_OK) {
        rc = kg_extraction_read(x, text, len, strcmp(path, "-") ? path : "<stdin>");
    }
    if (rc == KG_OK) {
        rc = add_records(st, path, x);
    }
    kg_extraction_free(x);
    kg_free(text);
    return rc;
}

/* Writes s with TAB, CR, newline and backslash escaped as in extraction records. */
static void put_field(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t':
            fputs("\\t", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

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
        put_field(f, rows[i].label);
        fputc('\t', f);
        put_field(f, kg_graph_node_str(g, rows[i].node, "type"));
        fprintf(f, "\t%.0f", rows[i].mentions);
        for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
            fputc('\t', f);
            put_field(f, kg_graph_node_str(g, rows[i].node, cols[c]));
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
        put_field(f, m->doc);
        fprintf(f, "\t%u\t%u\t%u\t", m->sentence, m->start, m->end);
        put_field(f, m->text);
        fputc('\t', f);
        put_field(f, kg_ent_name(m->type));
        fputc('\t', f);
        put_field(f, label ? label : m->entity);
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
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
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

    int status = 1, rc = KG_OK;
    char **inputs = NULL;
    size_t n = 0;
    kg_pipeline *p = NULL;
    kg_outfile *out = NULL;
    state st = {NULL, NULL};
    cli_pipeline_options(&po, &go);
    if (one_per_line) {
        /* line numbers stay sentence numbers only if every line is kept */
        po.segment.one_sentence_per_line = 1;
        po.ingest.furniture = 0;
    }
    if (cli_expand_inputs(&inputs, &n, argv + optind, (size_t)(argc - optind), &go)) {
        return 1;
    }
    rc = kg_graph_new(&st.g, &go.graph);
    if (rc == KG_OK) {
        rc = kg_extraction_new(&st.kept);
    }
    if (rc == KG_OK && go.aliases) {
        rc = kg_graph_load_aliases(st.g, go.aliases);
    }
    if (rc == KG_OK && go.update) {
        rc = kg_graph_add_graphml(st.g, go.update);
    }
    if (rc == KG_OK && go.records) {
        for (size_t i = 0; i < n && rc == KG_OK; i++) {
            rc = add_records_file(&st, inputs[i]);
        }
    } else if (rc == KG_OK) {
        rc = kg_pipeline_new(&p, &po);
        if (rc == KG_OK) {
            rc = kg_pipeline_run_files(p, inputs, n, go.threads, add_records, &st);
        }
    }
    if (rc == KG_OK) {
        rc = kg_graph_finish(st.g);
    }
    if (rc == KG_OK) {
        rc = kg_graph_analyse(st.g, &go.analysis);
    }
    if (rc == KG_OK) {
        rc = kg_graph_filter(st.g, &go.filter);
    }
    if (rc == KG_OK) {
        rc = kg_outfile_open(&out, output);
    }
    if (rc) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    FILE *f = kg_outfile_stream(out);
    if (mentions) {
        print_mentions(f, st.g, st.kept);
    } else if (print_entities(f, st.g)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    rc = kg_outfile_commit(out);
    out = NULL;
    if (rc) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    status = 0;
done:
    kg_outfile_abort(out);
    kg_pipeline_free(p);
    kg_graph_free(st.g);
    kg_extraction_free(st.kept);
    cli_free_inputs(inputs, n);
    return status;
}
