/* test_alloc.c - every error path frees what it took: the whole path from text
 * to exported graph is run again and again, the Nth allocation failing on run
 * N, until it succeeds; each failed run must report KG_ENOMEM and leave
 * nothing allocated (AddressSanitizer's leak check fails the test otherwise).
 * Needs a build with KG_ALLOC_TESTING; skipped otherwise. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_export.h"
#include "kg_graph.h"
#include "kg_pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef KG_ALLOC_TESTING
static const char text[] =
    "The Taliban released Amir Amiry, a U.S. citizen, officials said on Sunday. "
    "Qatar mediated Glezmann's release.\n\nLoading Now\n";


/* One run of the whole path after the models are loaded; returns the first
 * error code. */
static int run(const kg_pipeline *p)
{
    kg_extraction *x = NULL, *y = NULL;
    kg_graph *g = NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = NULL;
    kg_graph_options go = KG_GRAPH_OPTIONS_INIT;
    go.cooccurrence = 1;
    int rc = kg_extraction_new(&x);
    if (rc == KG_OK)
        rc = kg_pipeline_run_text(p, "doc.txt", text, sizeof text - 1, x);
    if (rc == KG_OK && (f = open_memstream(&buf, &size)) == NULL)
        rc = KG_EIO;
    if (rc == KG_OK)
        rc = kg_extraction_write(f, x, KG_RECORDS_TSV, 1);
    if (f)
        fclose(f);
    if (rc == KG_OK)
        rc = kg_extraction_new(&y);
    if (rc == KG_OK)
        rc = kg_extraction_read(y, buf, size, "records");
    if (rc == KG_OK)
        rc = kg_graph_new(&g, &go);
    if (rc == KG_OK)
        rc = kg_graph_add_extraction(g, y);
    if (rc == KG_OK)
        rc = kg_graph_finish(g);
    if (rc == KG_OK)
        rc = kg_graph_analyse(g, NULL);
    kg_filter_options fo = KG_FILTER_OPTIONS_INIT;
    fo.top = 3;
    if (rc == KG_OK)
        rc = kg_graph_filter(g, &fo);
    FILE *null = fopen("/dev/null", "w");
    kg_export_options xo = KG_EXPORT_OPTIONS_INIT;
    xo.positions = 0;
    static const kg_format formats[] = {KG_FORMAT_GRAPHML, KG_FORMAT_GEXF, KG_FORMAT_JSON,
                                        KG_FORMAT_TURTLE};
    for (size_t i = 0; rc == KG_OK && i < sizeof formats / sizeof *formats; i++)
        rc = kg_export(g, formats[i], null, &xo);
    if (null)
        fclose(null);
    free(buf);
    kg_graph_free(g);
    kg_extraction_free(y);
    kg_extraction_free(x);
    return rc;
}

/* Fails allocation 0, 1, 2, ... of fn(ctx) until a run succeeds; every failed
 * run must report it. Returns the number of allocation points. */
static long each_failure(int (*fn)(void *), void *ctx)
{
    long n = 0;
    for (;; n++) {
        kg_alloc_fail_after(n);
        int rc = fn(ctx);
        long failures = kg_alloc_failures();
        kg_alloc_fail_after(-1);
        if (failures == 0) {
            assert_int_equal(rc, KG_OK);
            return n;
        }
        /* an allocation failed: the run must say so (KG_ENOMEM from kgraph's own
         * code, KG_ELIB when igraph or libxml2 saw it fail) */
        if (rc != KG_ENOMEM && rc != KG_ELIB)
            fail_msg("allocation %ld failed but the run returned %d (%s)", n, rc,
                     kg_error_message());
    }
}

static int load(void *ctx)
{
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    kg_pipeline *p = NULL;
    po.model_dir = ctx;
    int rc = kg_pipeline_new(&p, &po);
    kg_pipeline_free(p);
    return rc;
}

static int process(void *ctx)
{
    return run(ctx);
}
#endif

static void test_every_allocation_failure_cleans_up(void **state)
{
    (void)state;
#ifndef KG_ALLOC_TESTING
    skip();
#else
    static char model_dir[] = KG_SOURCE_DIR "/models";
    char *models = model_dir;
    if (access(KG_SOURCE_DIR "/models/syntax-parser.kgm", R_OK) != 0)
        models = NULL; /* the path without models still runs */
    /* loading the models has its own allocation-failure tests in test_syntax and
     * test_ner (each run checksums 28 MB, so thousands of runs here would take
     * minutes); here loading fails once, at its first allocation */
    kg_alloc_fail_after(0);
    int rc = load(models);
    kg_alloc_fail_after(-1);
    assert_int_equal(rc, KG_ENOMEM);
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    kg_pipeline *p = NULL;
    po.model_dir = models;
    assert_int_equal(kg_pipeline_new(&p, &po), 0);
    long processing = each_failure(process, p);
    kg_pipeline_free(p);
    assert_true(processing > 100); /* the path really allocates through kg_malloc */
    print_message("%ld allocation points checked\n", processing);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_failure_cleans_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
