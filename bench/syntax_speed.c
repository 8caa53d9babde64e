/* syntax_speed.c - speed of kgraph's syntax models: model load time, tokens
 * per second for tagging (with lemmas) and for parsing on one thread, peak
 * memory (getrusage ru_maxrss), and sentences per second on a fixed sample of
 * sentences compared, in the same run, with Debian's link-grammar parser on
 * the same sentences (each with a time limit so none can hang the run).
 *
 * usage: syntax_speed [--models DIR] [--sample N] [--repeat R] [--lg-timeout S]
 *                     [--no-link-grammar] FILE.conllu */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "kg_conllu.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define now bench_now

/* Seconds for `repeat` runs of fn over doc's first n_sent sentences. */
static double run(const kg_syntax *syn, kg_document *doc, size_t n_sent, int repeat,
                  int (*fn)(const kg_syntax *, kg_document *))
{
    size_t saved = doc->n_sentences;
    doc->n_sentences = n_sent;
    double t0 = now();
    for (int r = 0; r < repeat; r++) {
        if (fn(syn, doc) != 0) {
            fprintf(stderr, "syntax_speed: %s\n", kg_error_message());
            exit(1);
        }
    }
    double t = now() - t0;
    doc->n_sentences = saved;
    return t;
}

int main(int argc, char **argv)
{
    const char *models = "models", *path = NULL;
    long sample = 500, repeat = 5, lg_timeout = 2;
    int use_lg = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--models") == 0 && i + 1 < argc)
            models = argv[++i];
        else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
            sample = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--lg-timeout") == 0 && i + 1 < argc)
            lg_timeout = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-link-grammar") == 0)
            use_lg = 0;
        else
            path = argv[i];
    }
    if (!path || sample < 1 || repeat < 1 || lg_timeout < 1) {
        fputs("usage: syntax_speed [--models DIR] [--sample N] [--repeat R] [--lg-timeout S] "
              "[--no-link-grammar] FILE.conllu\n",
              stderr);
        return 1;
    }
    kg_syntax *syn = NULL;
    kg_treebank *tb = NULL;
    /* load time: the first load, then the best of five */
    double t0 = now();
    if (kg_syntax_load(&syn, models) != 0) {
        fprintf(stderr, "syntax_speed: %s\n", kg_error_message());
        return 1;
    }
    double first_load = now() - t0, best_load = first_load;
    for (int i = 0; i < 5; i++) {
        kg_syntax *s2 = NULL;
        t0 = now();
        if (kg_syntax_load(&s2, models) != 0)
            return 1;
        double t = now() - t0;
        if (t < best_load)
            best_load = t;
        kg_syntax_free(s2);
    }
    if (kg_treebank_read(&tb, path, NULL, NULL) != 0) {
        fprintf(stderr, "syntax_speed: %s\n", kg_error_message());
        return 1;
    }
    kg_document *doc = tb->doc;
    size_t ns = doc->n_sentences, nt = doc->n_tokens;
    printf("kgraph syntax speed on %s: %zu sentences, %zu tokens, %ld repeats, one thread\n", path,
           ns, nt, repeat);
    printf("model load: %.1f ms first, %.1f ms best of 5\n", first_load * 1e3, best_load * 1e3);
    run(syn, doc, ns, 1, kg_syntax_annotate); /* warm up */
    double t_tag = run(syn, doc, ns, (int)repeat, kg_syntax_tag);
    double t_all = run(syn, doc, ns, (int)repeat, kg_syntax_annotate);
    double tokens = (double)nt * (double)repeat;
    double t_parse = t_all - t_tag > 1e-9 ? t_all - t_tag : 1e-9;
    printf("tagging+lemmas:  %10.0f tokens/s\n", tokens / t_tag);
    printf("parsing only:    %10.0f tokens/s\n", tokens / t_parse);
    printf("tag+lemma+parse: %10.0f tokens/s  (%.0f sentences/s)\n", tokens / t_all,
           (double)ns * (double)repeat / t_all);
    if ((size_t)sample > ns)
        sample = (long)ns;
    size_t sample_tokens = doc->sentences[sample - 1].first + doc->sentences[sample - 1].count;
    int sample_rep = (int)(repeat * 10);
    double t_sample = run(syn, doc, (size_t)sample, sample_rep, kg_syntax_annotate);
    double kg_sps = (double)sample * sample_rep / t_sample;
    printf("sample of the first %ld sentences (%zu tokens): %.0f sentences/s\n", sample,
           sample_tokens, kg_sps);
    printf("peak memory (ru_maxrss) before link-grammar: %ld KiB\n", bench_peak_kib());

    if (use_lg) {
        bench_lg_result lg = bench_link_grammar(doc, (size_t)sample, lg_timeout);
        if (!lg.available) {
            printf("link-grammar: not available (not built in, or no English dictionary)\n");
        } else {
            double lg_sps = (double)lg.sentences / lg.seconds;
            printf("link-grammar %s: %.1f sentences/s on the same %zu sentences (%zu with a "
                   "linkage, %zu hit the %ld s limit)\n",
                   lg.version, lg_sps, lg.sentences, lg.parsed, lg.timeouts, lg_timeout);
            printf("kgraph is %.0fx faster than link-grammar (sentences/s)\n", kg_sps / lg_sps);
        }
    }
    kg_treebank_free(tb);
    kg_syntax_free(syn);
    return 0;
}
