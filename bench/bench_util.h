/* bench_util.h - what the benchmark harnesses share: a monotonic clock, peak
 * memory, and Debian's link-grammar parser run on kgraph's sentences as the
 * speed baseline measured in the same invocation. */
#ifndef KG_BENCH_UTIL_H
#define KG_BENCH_UTIL_H

#include "kg_document.h"

/* Seconds on a monotonic clock. */
double bench_now(void);
/* Peak resident memory of this process so far, in KiB (getrusage). */
long bench_peak_kib(void);

typedef struct bench_lg_result {
    int available;    /* link-grammar was built in and its dictionary loaded */
    double seconds;   /* wall time for the sentences */
    size_t sentences; /* sentences given */
    size_t parsed;    /* with a linkage */
    size_t timeouts;  /* that hit the time limit */
    const char *version;
} bench_lg_result;

/* Parses the first n sentences of doc with link-grammar, as link-parser does
 * (first without null links, then with), each with a time limit of timeout
 * seconds so no sentence can hang the run. */
bench_lg_result bench_link_grammar(const kg_document *doc, size_t n, long timeout);

#endif
