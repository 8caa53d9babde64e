/* main.c - the kgraph command: dispatches to subcommands. No pipeline logic
 * lives in cli/; it parses arguments and prints. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "kg_common.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"build", cmd_build, "build the knowledge graph of documents: graph files, drawings, RDF"},
    {"extract", cmd_extract, "print the triples and mentions found in documents (TSV, JSONL)"},
    {"entities", cmd_entities, "list the entities of documents, or every mention (--mentions)"},
    {"stats", cmd_stats, "print the graph's size, central entities and communities"},
    {"train", cmd_train, "train the syntax or entity models from treebanks (models/)"},
    {"text", cmd_text, "print the text kgraph reads from each input (furniture removed)"},
    {"parse", cmd_parse, "tag, lemmatise and parse CoNLL-U input (--conllu)"},
    {NULL, NULL, NULL},
};

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("kgraph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cli_commit(kg_outfile **out)
{
    int rc = kg_outfile_commit(*out);
    *out = NULL;
    return rc ? cli_fail("%s", kg_error_message()) : 0;
}

const char *cli_model_dir(const char *option)
{
    if (option && *option)
        return option;
    const char *env = getenv("KGRAPH_MODELS");
    if (env && *env)
        return env;
    if (access(KG_SOURCE_MODEL_DIR, R_OK) == 0)
        return KG_SOURCE_MODEL_DIR;
    return KG_MODEL_DIR;
}

static void usage(FILE *f)
{
    fputs("usage: kgraph COMMAND [OPTIONS] FILE...\n\nCommands:\n", f);
    for (const command *c = commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fputs("\nRun 'kgraph COMMAND --help' for a command's options; 'kgraph --version'.\n", f);
}

int main(int argc, char **argv)
{
    /* a write past a file-size limit must fail as a write error (and clean up),
     * not kill the process; SIGPIPE keeps its default: quiet under `| head` */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("kgraph %s\n", KG_VERSION);
        return 0;
    }
    for (const command *c = commands; c->name; c++) {
        if (strcmp(argv[1], c->name) == 0)
            return c->run(argc - 1, argv + 1);
    }
    return cli_fail("unknown command '%s' (try 'kgraph --help')", argv[1]);
}
