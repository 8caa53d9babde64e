/* cmd_train_ner.c - `kgraph train ner`: trains the entity recogniser from
 * GUM (CC BY genres), optionally UNER English-EWT, with the EWT treebank as
 * the source of per-word statistics, and writes models/ner.kgm. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "kg_ner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 16

static void usage(FILE *f)
{
    fputs("usage: kgraph train ner [OPTIONS]\n"
          "  -o, --output FILE       model to write (default: MODELS/ner.kgm)\n"
          "      --models DIR        model directory (gazetteers are read from DIR/gazetteers)\n"
          "      --gum FILE          GUM CoNLL-U file (CC BY genres are used); repeatable\n"
          "      --uner FILE         UNER English-EWT IOB2 file\n"
          "      --lexicon FILE      CoNLL-U file for per-word statistics (EWT train); repeatable\n"
          "      --weak FILE         CoNLL-U file trained as weak labels: words not tagged\n"
          "                          NNP/NNPS (or joining words) are outside names; repeatable\n"
          "      --folds K --holdout I   leave UNER fold I of K out (cross-validation)\n"
          "      --epochs N          passes over the data (default 12)\n"
          "      --seed N            random seed (default 1)\n"
          "      --min-count N       drop features seen fewer times (default 2)\n"
          "      --lowercase R       share of GUM sentences also trained lower-cased (0.1)\n"
          "      --uner-weight N     times each UNER sentence is seen per epoch (default 1)\n"
          "      --word-dropout R    chance of hiding a token's own-word features (default 0)\n"
          "      --o-penalty X       lower the O label's score by X when decoding (default 0)\n"
          "  -q, --quiet             no progress lines\n",
          f);
}

static void progress(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "train ner: %s\n", line);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!s || !*s) {
        return 0;
    }
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max) {
        return 0;
    }
    *out = v;
    return 1;
}

int cmd_train_ner(int argc, char **argv)
{
    kg_ner_train_options o = KG_NER_TRAIN_OPTIONS_INIT;
    const char *gum[MAX_FILES + 1] = {0}, *lex[MAX_FILES + 1] = {0}, *weak[MAX_FILES + 1] = {0};
    size_t ngum = 0, nlex = 0, nweak = 0;
    const char *models = NULL, *output = NULL;
    char outbuf[4096], gazbuf[4096];
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long n;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if (!v) {
            return cli_fail("train ner: %s needs a value", a);
        }
        i++;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            output = v;
        } else if (strcmp(a, "--models") == 0) {
            models = v;
        } else if (strcmp(a, "--gum") == 0) {
            if (ngum == MAX_FILES) {
                return cli_fail("train ner: too many --gum files");
            }
            gum[ngum++] = v;
        } else if (strcmp(a, "--lexicon") == 0) {
            if (nlex == MAX_FILES) {
                return cli_fail("train ner: too many --lexicon files");
            }
            lex[nlex++] = v;
        } else if (strcmp(a, "--weak") == 0) {
            if (nweak == MAX_FILES) {
                return cli_fail("train ner: too many --weak files");
            }
            weak[nweak++] = v;
        } else if (strcmp(a, "--uner") == 0) {
            o.uner = v;
        } else if (strcmp(a, "--folds") == 0 && parse_uint(v, 1000, &n)) {
            o.folds = (unsigned)n;
        } else if (strcmp(a, "--holdout") == 0 && parse_uint(v, 1000, &n)) {
            o.holdout = (unsigned)n;
        } else if (strcmp(a, "--epochs") == 0 && parse_uint(v, 1000, &n) && n > 0) {
            o.epochs = (unsigned)n;
        } else if (strcmp(a, "--seed") == 0 && parse_uint(v, ~0ul, &n)) {
            o.seed = n;
        } else if (strcmp(a, "--min-count") == 0 && parse_uint(v, 1000000, &n)) {
            o.min_count = (unsigned)n;
        } else if (strcmp(a, "--uner-weight") == 0 && parse_uint(v, 100, &n) && n > 0) {
            o.uner_weight = (unsigned)n;
        } else if (strcmp(a, "--word-dropout") == 0) {
            char *end;
            double r = strtod(v, &end);
            if (*end || !(r >= 0.0 && r < 1.0)) {
                return cli_fail("train ner: --word-dropout wants a number from 0 to 1");
            }
            o.word_dropout = r;
        } else if (strcmp(a, "--o-penalty") == 0) {
            char *end;
            double r = strtod(v, &end);
            if (*end || !(r >= -100.0 && r <= 100.0)) {
                return cli_fail("train ner: --o-penalty wants a number");
            }
            o.o_penalty = r;
        } else if (strcmp(a, "--lowercase") == 0) {
            char *end;
            double r = strtod(v, &end);
            if (*end || !(r >= 0.0 && r <= 1.0)) {
                return cli_fail("train ner: --lowercase wants a number from 0 to 1");
            }
            o.lowercase_rate = r;
        } else {
            usage(stderr);
            return cli_fail("train ner: bad option or value: %s %s", a, v);
        }
    }
    if (ngum == 0 && !o.uner) {
        return cli_fail("train ner: give training data with --gum and/or --uner");
    }
    const char *dir = cli_model_dir(models);
    if (!output) {
        if ((size_t)snprintf(outbuf, sizeof outbuf, "%s/ner.kgm", dir) >= sizeof outbuf) {
            return cli_fail("train ner: model directory name too long");
        }
        output = outbuf;
    }
    if ((size_t)snprintf(gazbuf, sizeof gazbuf, "%s/gazetteers", dir) >= sizeof gazbuf) {
        return cli_fail("train ner: model directory name too long");
    }
    o.output = output;
    o.gazetteer_dir = gazbuf;
    o.gum = ngum ? gum : NULL;
    o.lexicon = nlex ? lex : NULL;
    o.weak = nweak ? weak : NULL;
    if (!quiet) {
        o.progress = progress;
    }
    if (kg_ner_train(&o) != 0) {
        return cli_fail("train ner: %s", kg_error_message());
    }
    if (!quiet) {
        fprintf(stderr, "train ner: wrote %s\n", output);
    }
    return 0;
}
