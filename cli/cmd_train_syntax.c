/* cmd_train_syntax.c - `kgraph train syntax`: trains the tagger, lemmatiser and
 * parser models from CoNLL-U treebanks (see models/MODELS.md for the exact
 * command that made the shipped models). Argument parsing and progress output
 * only; training lives in extract/syntax.c. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: kgraph train syntax --train FILE... [--dev FILE...] [--out DIR] [--seed N]\n"
    "                           [--tagger-epochs N] [--parser-epochs N] [--jackknife N]\n"
    "                           [--prune W] [--tagger-prune W] [--parser-prune W]\n"
    "                           [--two-pass] [--all-genres] [--quiet]\n"
    "Trains models/syntax-{tagger,lemmas,parser}.kgm from CoNLL-U files. GUM documents\n"
    "outside the CC BY genres are skipped unless --all-genres is given.\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double start_time;

static void log_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "[%7.1fs] %s\n", now() - start_time, msg);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

int cmd_train_syntax(int argc, char **argv)
{
    kg_syntax_train_options o = KG_SYNTAX_TRAIN_OPTIONS_INIT;
    const char **train = kg_calloc((size_t)argc + 1, sizeof *train);
    const char **dev = kg_calloc((size_t)argc + 1, sizeof *dev);
    int quiet = 0, status = 1;
    const char **list = NULL;
    size_t *count = NULL;
    if (!train || !dev) {
        cli_fail("out of memory");
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            status = 0;
            goto done;
        } else if (strcmp(a, "--train") == 0) {
            list = train;
            count = &o.n_train;
        } else if (strcmp(a, "--dev") == 0) {
            list = dev;
            count = &o.n_dev;
        } else if (strcmp(a, "--all-genres") == 0) {
            o.cc_by_only = 0;
        } else if ((strcmp(a, "--prune") == 0 || strcmp(a, "--tagger-prune") == 0 ||
                    strcmp(a, "--parser-prune") == 0) &&
                   i + 1 < argc) {
            char *end = NULL;
            float w = strtof(argv[++i], &end);
            if (!*argv[i] || *end || !(w >= 0)) {
                cli_fail("train syntax: bad %s '%s'", a, argv[i]);
                goto done;
            }
            if (strcmp(a, "--parser-prune") != 0) {
                o.tagger_prune = w;
            }
            if (strcmp(a, "--tagger-prune") != 0) {
                o.parser_prune = w;
            }
            list = NULL;
        } else if (strcmp(a, "--two-pass") == 0) {
            o.two_pass = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--out") == 0 || strcmp(a, "--seed") == 0 ||
                   strcmp(a, "--tagger-epochs") == 0 || strcmp(a, "--parser-epochs") == 0 ||
                   strcmp(a, "--jackknife") == 0) {
            list = NULL;
            if (i + 1 >= argc) {
                cli_fail("train syntax: %s needs a value", a);
                goto done;
            }
            const char *val = argv[++i];
            if (strcmp(a, "--out") == 0) {
                o.out_dir = val;
            } else if (strcmp(a, "--seed") == 0) {
                if (parse_int(val, 0, 2147483647L, &v)) {
                    cli_fail("train syntax: bad --seed '%s'", val);
                    goto done;
                }
                o.seed = (uint64_t)v;
            } else if (parse_int(val, 0, 1000, &v)) {
                cli_fail("train syntax: bad %s '%s'", a, val);
                goto done;
            } else if (strcmp(a, "--tagger-epochs") == 0) {
                o.tagger_epochs = (int)v;
            } else if (strcmp(a, "--parser-epochs") == 0) {
                o.parser_epochs = (int)v;
            } else {
                o.jackknife = (int)v;
            }
        } else if (a[0] == '-' && a[1]) {
            cli_fail("train syntax: unknown option '%s' (try --help)", a);
            goto done;
        } else if (list) {
            list[(*count)++] = a;
        } else {
            cli_fail("train syntax: '%s': files go after --train or --dev", a);
            goto done;
        }
    }
    if (o.n_train == 0) {
        fputs(usage, stderr);
        goto done;
    }
    o.train = train;
    o.dev = dev;
    if (!quiet) {
        o.log = log_line;
    }
    start_time = now();
    if (kg_syntax_train(&o) != 0) {
        cli_fail("train syntax: %s", kg_error_message());
        goto done;
    }
    if (!quiet) {
        fprintf(stderr, "[%7.1fs] done\n", now() - start_time);
    }
    status = 0;
done:
    kg_free(train);
    kg_free(dev);
    return status;
}
