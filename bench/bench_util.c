/* bench_util.c - clock, peak memory and the link-grammar baseline for the
 * benchmark harnesses. link-grammar is linked only into the harnesses. */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifdef KG_HAVE_LINK_GRAMMAR
#include <link-grammar/link-includes.h>
#endif

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

bench_lg_result bench_link_grammar(const kg_document *doc, size_t n, long timeout)
{
    bench_lg_result r;
    memset(&r, 0, sizeof r);
    if (n > doc->n_sentences)
        n = doc->n_sentences;
    r.sentences = n;
#ifdef KG_HAVE_LINK_GRAMMAR
    Dictionary dict = dictionary_create_lang("en");
    Parse_Options opts = parse_options_create();
    if (dict && opts) {
        r.available = 1;
        r.version = linkgrammar_get_version();
        parse_options_set_verbosity(opts, 0);
        parse_options_set_linkage_limit(opts, 100);
        double t0 = bench_now();
        for (size_t s = 0; s < n; s++) {
            const kg_sentence *se = &doc->sentences[s];
            char *text = malloc(se->end - se->start + 1);
            if (!text)
                break;
            memcpy(text, doc->text + se->start, se->end - se->start);
            text[se->end - se->start] = '\0';
            Sentence sent = sentence_create(text, dict);
            if (sent) {
                parse_options_set_max_parse_time(opts, (int)timeout);
                parse_options_set_min_null_count(opts, 0);
                parse_options_set_max_null_count(opts, 0);
                int k = sentence_parse(sent, opts);
                if (k <= 0 && !parse_options_timer_expired(opts)) {
                    parse_options_set_min_null_count(opts, 1);
                    parse_options_set_max_null_count(opts, (int)(se->count + 1));
                    k = sentence_parse(sent, opts);
                }
                r.timeouts += parse_options_timer_expired(opts) != 0;
                r.parsed += k > 0;
                sentence_delete(sent);
            }
            free(text);
        }
        r.seconds = bench_now() - t0;
    }
    if (opts)
        parse_options_delete(opts);
    if (dict)
        dictionary_delete(dict);
#else
    (void)timeout;
#endif
    return r;
}
