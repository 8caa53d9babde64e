/* cmd_parse.c - `kgraph parse`: tags, lemmatises and parses CoNLL-U input
 * with the trained syntax models, keeping the given tokenisation, and writes
 * CoNLL-U with predicted LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "kg_conllu.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kgraph parse --conllu FILE... [--models DIR] [-o FILE]\n"
    "Reads CoNLL-U (\"-\" is stdin), keeps its tokens and writes CoNLL-U with predicted\n"
    "lemmas, tags, features and dependency trees to FILE (default: standard output).\n";

int cmd_parse(int argc, char **argv)
{
    const char *models = NULL, *output = "-";
    int conllu = 0, status = 1, n_files = 0;
    kg_syntax *syn = NULL;
    kg_outfile *out = NULL;
    kg_treebank *tb = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--conllu") == 0) {
            conllu = 1;
        } else if (strcmp(a, "--models") == 0 || strcmp(a, "-o") == 0) {
            if (i + 1 >= argc)
                return cli_fail("parse: %s needs a value", a);
            if (strcmp(a, "-o") == 0)
                output = argv[++i];
            else
                models = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return cli_fail("parse: unknown option '%s' (try --help)", a);
        } else {
            n_files++;
        }
    }
    if (!conllu)
        return cli_fail("parse: only --conllu input is supported for now (try --help)");
    if (n_files == 0)
        return cli_fail("parse: no input files (try --help)");
    const char *dir = cli_model_dir(models);
    if (kg_syntax_load(&syn, dir) != 0) {
        cli_fail("parse: %s", kg_error_message());
        goto done;
    }
    if (kg_outfile_open(&out, output) != 0) {
        cli_fail("parse: %s", kg_error_message());
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--models") == 0 || strcmp(a, "-o") == 0) {
            i++;
            continue;
        }
        if (a[0] == '-' && a[1])
            continue;
        if (kg_treebank_read(&tb, a, NULL, NULL) != 0 || kg_syntax_annotate(syn, tb->doc) != 0 ||
            kg_conllu_write(kg_outfile_stream(out), tb->doc) != 0) {
            cli_fail("parse: %s", kg_error_message());
            goto done;
        }
        kg_treebank_free(tb);
        tb = NULL;
    }
    if (kg_outfile_commit(out) != 0) {
        out = NULL;
        cli_fail("parse: %s", kg_error_message());
        goto done;
    }
    out = NULL;
    status = 0;
done:
    kg_treebank_free(tb);
    kg_outfile_abort(out);
    kg_syntax_free(syn);
    return status;
}
