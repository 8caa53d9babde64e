/* cmd_train.c - `kgraph train syntax|ner ...`: the project's own training
 * programs, which make the model files in models/ from ../shared/data. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static void train_usage(FILE *f)
{
    fputs("usage: kgraph train syntax [OPTIONS]   tagger, lemmatiser and parser (UD CoNLL-U)\n"
          "       kgraph train ner [OPTIONS]      entity recogniser (GUM, UNER, EWT)\n"
          "\n"
          "'kgraph train syntax --help' and 'kgraph train ner --help' list the options;\n"
          "models/MODELS.md gives the exact commands the shipped models were made with.\n",
          f);
}

int cmd_train(int argc, char **argv)
{
    if (argc < 2) {
        train_usage(stderr);
        return 1;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        train_usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "syntax") == 0) {
        return cmd_train_syntax(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "ner") == 0) {
        return cmd_train_ner(argc - 1, argv + 1);
    }
    return cli_fail("train: unknown model '%s' (use syntax or ner)", argv[1]);
}
