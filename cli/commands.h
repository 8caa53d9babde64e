/* commands.h - the kgraph subcommands. Each takes the arguments after its name
 * (argv[0] is the subcommand name), prints its own output and errors, and
 * returns the process exit status. */
#ifndef KG_CLI_COMMANDS_H
#define KG_CLI_COMMANDS_H

#include "kg_common.h"

/* Prints "kgraph: <message>" on stderr as one line and returns 1. */
int cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Commits an output opened with kg_outfile_open (it replaces its target only
 * now) and sets *out to NULL; on failure prints the error and returns 1. */
int cli_commit(kg_outfile **out);

/* The directory holding the trained models: --models, else $KGRAPH_MODELS,
 * else the source tree's models/ (for an uninstalled build), else the
 * installed data directory. Ownership: static storage. */
const char *cli_model_dir(const char *option);

int cmd_build(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_train_ner(int argc, char **argv);
int cmd_train_syntax(int argc, char **argv);

#endif
