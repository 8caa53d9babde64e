/* carb_speed.c - what triple extraction costs next to parsing, measured on
 * pre-tokenised sentences (one per line, tokens separated by spaces, as in
 * CaRB's dev.txt): for each of R repeats the text is segmented, then tagged
 * and parsed (kg_syntax_annotate), entity-annotated (kg_ner_recognise) and
 * extracted (kg_extract), each stage timed on its own, one thread. Prints the
 * seconds per stage and extraction's time as a share of parsing time.
 *
 * With --raw the file is plain running text instead (news articles: sentence
 * splitting and tokenisation as in the pipeline). With --conllu it prints the
 * parse of every sentence instead (for looking at the trees extraction reads),
 * and with --triples the TSV records.
 *
 * usage: carb_speed [--models DIR] [--repeat R] [--raw] [--conllu] [--triples] FILE... */
#define _POSIX_C_SOURCE 200809L
#include "kg_conllu.h"
#include "kg_ingest.h"
#include "kg_ner.h"
#include "kg_segment.h"
#include "kg_syntax.h"
#include "kg_triples.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
    fprintf(stderr, "carb_speed: %s: %s\n", what, kg_error_message());
    return 1;
}

int main(int argc, char **argv)
{
    const char *models = "models", *path = NULL;
    long repeat = 5;
    int conllu = 0, triples = 0, raw = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--models") == 0 && i + 1 < argc)
            models = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--conllu") == 0)
            conllu = 1;
        else if (strcmp(argv[i], "--triples") == 0)
            triples = 1;
        else if (strcmp(argv[i], "--raw") == 0)
            raw = 1;
        else
            path = argv[i];
    }
    if (!path || repeat < 1) {
        fputs("usage: carb_speed [--models DIR] [--repeat R] [--raw] [--conllu] [--triples] FILE\n",
              stderr);
        return 1;
    }
    int status = 1;
    char *bytes = NULL;
    size_t len = 0;
    kg_syntax *syn = NULL;
    kg_ner *ner = NULL;
    kg_document *doc = NULL;
    kg_extraction *x = NULL;
    if (kg_file_read(path, KG_INGEST_MAX_BYTES, &bytes, &len)) {
        fail("reading input");
        goto done;
    }
    if (kg_syntax_load(&syn, models) || kg_ner_load(&ner, models)) {
        fail("loading models");
        goto done;
    }
    kg_ingest_options io = KG_INGEST_OPTIONS_INIT;
    io.furniture = 0;
    kg_segment_options so = KG_SEGMENT_OPTIONS_INIT;
    so.one_sentence_per_line = !raw;
    so.pretokenised = !raw;
    double t_syntax = 0, t_ner = 0, t_extract = 0;
    size_t n_sentences = 0, n_tokens = 0, n_triples = 0;
    long rounds = conllu || triples ? 1 : repeat + 1; /* the first round warms up */
    for (long r = 0; r < rounds; r++) {
        if (kg_ingest_text(&doc, path, bytes, len, &io) || kg_segment(doc, &so)) {
            fail("segmenting");
            goto done;
        }
        double t0 = now();
        if (kg_syntax_annotate(syn, doc)) {
            fail("parsing");
            goto done;
        }
        double t1 = now();
        if (kg_ner_recognise(ner, doc)) {
            fail("entities");
            goto done;
        }
        double t2 = now();
        if (kg_extraction_new(&x) || kg_extract(x, doc, NULL)) {
            fail("extracting");
            goto done;
        }
        double t3 = now();
        if (r > 0 || rounds == 1) {
            t_syntax += t1 - t0;
            t_ner += t2 - t1;
            t_extract += t3 - t2;
        }
        n_sentences = doc->n_sentences;
        n_tokens = doc->n_tokens;
        n_triples = x->n_triples;
        if (conllu && kg_conllu_write(stdout, doc)) {
            fail("writing");
            goto done;
        }
        if (triples && kg_extraction_write(stdout, x, KG_RECORDS_TSV, 1)) {
            fail("writing");
            goto done;
        }
        kg_extraction_free(x);
        x = NULL;
        kg_document_free(doc);
        doc = NULL;
    }
    if (!conllu && !triples) {
        printf("kgraph extraction speed on %s: %zu sentences, %zu tokens, %zu triples, "
               "%ld repeats, one thread\n",
               path, n_sentences, n_tokens, n_triples, repeat);
        printf("tag+parse (kg_syntax_annotate): %8.3f s  (%.0f sentences/s)\n", t_syntax,
               (double)n_sentences * (double)repeat / t_syntax);
        printf("entities (kg_ner_recognise):    %8.3f s\n", t_ner);
        printf("extraction (kg_extract):        %8.3f s  (%.0f sentences/s)\n", t_extract,
               (double)n_sentences * (double)repeat / t_extract);
        printf("extraction adds %.1f%% to parsing time\n", 100.0 * t_extract / t_syntax);
    }
    status = 0;
done:
    kg_extraction_free(x);
    kg_document_free(doc);
    kg_ner_free(ner);
    kg_syntax_free(syn);
    kg_free(bytes);
    return status;
}
