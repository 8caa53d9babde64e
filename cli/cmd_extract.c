/* cmd_extract.c - `kgraph extract FILE...`: print the triples of documents. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"
#include "kg_pipeline.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void extract_usage(FILE *f)
{
    fputs("usage: kgraph extract [OPTIONS] FILE...\n"
          "\n"
          "Prints what extraction finds in the input documents (text files, '-' for stdin):\n"
          "triples and entity mentions, with their provenance. 'kgraph build --triples'\n"
          "reads this output back and builds the same graph as from the documents.\n"
          "\n"
          CLI_INPUT_HELP
          "  -o, --output FILE          write to FILE (atomically) instead of stdout\n"
          "  -j, --jobs N               documents processed in parallel (default: one per CPU)\n"
          "  -f, --format NAME          tsv (default; one record per line, header first),\n"
          "                             jsonl (one JSON object per line) or carb (the CaRB\n"
          "                             benchmark's tabbed output: one line per triple, the\n"
          "                             input sentence, confidence, relation and arguments;\n"
          "                             reads one tokenised sentence per line, tokens\n"
          "                             separated by spaces, and keeps those tokens)\n"
          "      --one-sentence-per-line  each input line is one sentence (keeps every line)\n"
          "      --no-header            omit the TSV header line\n"
          "  -h, --help                 this help\n",
          f);
}

typedef struct sink_state {
    FILE *f;
    kg_records_format format;
    int header; /* still to be written */
} sink_state;

static int write_records(void *ctx, const char *path, const kg_extraction *records)
{
    sink_state *st = ctx;
    (void)path;
    int rc = kg_extraction_write(st->f, records, st->format, st->header);
    st->header = 0;
    return rc;
}

int cmd_extract(int argc, char **argv)
{
    enum { OPT_ONE_PER_LINE = 256, OPT_NO_HEADER };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"one-sentence-per-line", no_argument, NULL, OPT_ONE_PER_LINE},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"help", no_argument, NULL, 'h'},
        CLI_INPUT_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options io;
    cli_graph_options_init(&io);
    const char *output = "-";
    int header = 1;
    kg_records_format format = KG_RECORDS_TSV;
    unsigned threads = 0;
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "tsv") == 0)
                format = KG_RECORDS_TSV;
            else if (strcmp(optarg, "jsonl") == 0)
                format = KG_RECORDS_JSONL;
            else if (strcmp(optarg, "carb") == 0)
                format = KG_RECORDS_CARB;
            else
                return cli_fail("extract: unknown format '%s' (use tsv, jsonl or carb)", optarg);
            break;
        case 'j':
            if (cli_jobs(optarg, &threads))
                return 1;
            break;
        case OPT_ONE_PER_LINE:
            po.segment.one_sentence_per_line = 1;
            break;
        case OPT_NO_HEADER:
            header = 0;
            break;
        case 'h':
            extract_usage(stdout);
            return 0;
        default:
            if (cli_input_option(&io, c, optarg))
                break;
            extract_usage(stderr);
            return 1;
        }
    }
    if (optind >= argc)
        return cli_fail("extract: no input files (see 'kgraph extract --help')");

    cli_pipeline_options(&po, &io);
    /* CaRB's sentences come tokenised, one per line: keep its tokens */
    if (format == KG_RECORDS_CARB) {
        po.segment.pretokenised = 1;
        po.segment.one_sentence_per_line = 1;
    }
    /* one sentence per line must keep every line, so line numbers stay sentence numbers,
       and every line may state facts, with final punctuation or without */
    if (po.segment.one_sentence_per_line) {
        po.ingest.furniture = 0;
        po.extract.headings = 1;
    }
    int status = 1;
    kg_pipeline *p = NULL;
    kg_outfile *out = NULL;
    char **inputs = NULL;
    size_t n_inputs = 0;
    if (cli_expand_inputs(&inputs, &n_inputs, argv + optind, (size_t)(argc - optind), &io))
        return 1;
    if (kg_pipeline_new(&p, &po) || kg_outfile_open(&out, output)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    sink_state st = {kg_outfile_stream(out), format, header};
    if (kg_pipeline_run_files(p, inputs, n_inputs, threads, write_records, &st)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    if (cli_commit(&out)) {
        goto done;
    }
    status = 0;
done:
    kg_outfile_abort(out);
    kg_pipeline_free(p);
    cli_free_inputs(inputs, n_inputs);
    return status;
}
