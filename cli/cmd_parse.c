/* cmd_parse.c - `kgraph parse`: tags, lemmatises and parses text (segmented
 * by kgraph) or CoNLL-U (keeping its tokenisation) and writes CoNLL-U with
 * the predicted LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL. This is how anyone
 * checks the parser against a treebank. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"
#include "kg_conllu.h"
#include "kg_pipeline.h"
#include "kg_syntax.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void parse_usage(FILE *f)
{
    fputs("usage: kgraph parse [OPTIONS] FILE...\n"
          "\n"
          "Tags, lemmatises and parses the inputs and writes CoNLL-U (LEMMA, UPOS, XPOS,\n"
          "FEATS, HEAD, DEPREL predicted). Inputs are text (segmented by kgraph; web pages\n"
          "and feeds too) or, with --conllu, CoNLL-U files whose tokenisation is kept.\n"
          "\n"
          "      --conllu        the inputs are CoNLL-U\n"
          "      --models DIR    the trained models (default: kgraph's models/)\n"
          "  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
          "  -h, --help          this help\n",
          f);
}

typedef struct parse_state {
    const kg_pipeline *p;
    FILE *out;
} parse_state;

static int write_document(void *ctx, kg_document *d)
{
    parse_state *st = ctx;
    int rc = kg_pipeline_annotate(st->p, d);
    if (rc == KG_OK) {
        rc = kg_conllu_write(st->out, d);
    }
    kg_document_free(d);
    return rc;
}

int cmd_parse(int argc, char **argv)
{
    enum { OPT_CONLLU = 256, OPT_MODELS };
    static const struct option longopts[] = {
        {"conllu", no_argument, NULL, OPT_CONLLU},
        {"models", required_argument, NULL, OPT_MODELS},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *models = NULL, *output = "-";
    int conllu = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_CONLLU:
            conllu = 1;
            break;
        case OPT_MODELS:
            models = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            parse_usage(stdout);
            return 0;
        default:
            parse_usage(stderr);
            return 1;
        }
    }
    if (optind >= argc) {
        return cli_fail("parse: no input files (see 'kgraph parse --help')");
    }

    int status = 1;
    kg_pipeline *p = NULL;
    kg_syntax *syntax = NULL;
    kg_outfile *out = NULL;
    kg_treebank *tb = NULL;
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = cli_model_dir(models);
    if ((conllu ? kg_syntax_load(&syntax, po.model_dir) : kg_pipeline_new(&p, &po)) ||
        kg_outfile_open(&out, output)) {
        cli_fail("%s", kg_error_message());
        goto done;
    }
    for (int i = optind; i < argc; i++) {
        int rc;
        if (conllu) {
            rc = kg_treebank_read(&tb, argv[i], NULL, NULL);
            if (rc == KG_OK) {
                rc = kg_syntax_annotate(syntax, tb->doc);
            }
            if (rc == KG_OK) {
                rc = kg_conllu_write(kg_outfile_stream(out), tb->doc);
            }
            kg_treebank_free(tb);
            tb = NULL;
        } else {
            parse_state st = {p, kg_outfile_stream(out)};
            rc = kg_ingest_file(argv[i], NULL, write_document, &st);
        }
        if (rc) {
            cli_fail("%s", kg_error_message());
            goto done;
        }
    }
    if (cli_commit(&out)) {
        goto done;
    }
    status = 0;
done:
    kg_outfile_abort(out);
    kg_syntax_free(syntax);
    kg_pipeline_free(p);
    return status;
}
