/* pipeline.c - runs the extraction stages in order on one document. */
#include "kg_pipeline.h"
#include "kg_ingest.h"

#include <string.h>

struct kg_pipeline {
    kg_pipeline_options opts;
};

int kg_pipeline_new(kg_pipeline **out, const kg_pipeline_options *opts)
{
    static const kg_pipeline_options defaults = KG_PIPELINE_OPTIONS_INIT;
    *out = kg_calloc(1, sizeof **out);
    if (!*out)
        return KG_ENOMEM;
    (*out)->opts = opts ? *opts : defaults;
    return KG_OK;
}

void kg_pipeline_free(kg_pipeline *p)
{
    kg_free(p);
}

/* Runs the stages after ingest; takes ownership of d. */
static int run(const kg_pipeline *p, kg_document *d, kg_document **doc, kg_extraction *records)
{
    int rc = kg_segment(d, &p->opts.segment);
    if (rc == KG_OK && records)
        rc = kg_extract(records, d, &p->opts.extract);
    if (rc)
        kg_error_prefix(rc, d->id);
    if (rc == KG_OK && doc)
        *doc = d;
    else
        kg_document_free(d);
    return rc;
}

int kg_pipeline_run_text(const kg_pipeline *p, const char *id, const char *bytes, size_t len,
                         kg_document **doc, kg_extraction *records)
{
    kg_document *d = NULL;
    if (doc)
        *doc = NULL;
    int rc = kg_ingest_text(&d, id, bytes, len);
    return rc ? rc : run(p, d, doc, records);
}

int kg_pipeline_run_file(const kg_pipeline *p, const char *path, kg_document **doc,
                         kg_extraction *records)
{
    kg_document *d = NULL;
    if (doc)
        *doc = NULL;
    int rc = kg_ingest_file(&d, path);
    return rc ? rc : run(p, d, doc, records);
}

int kg_pipeline_run_files(const kg_pipeline *p, char *const *paths, size_t n,
                          kg_records_sink sink, void *ctx)
{
    int rc = KG_OK;
    for (size_t i = 0; i < n && rc == KG_OK; i++) {
        kg_extraction *records = NULL;
        rc = kg_extraction_new(&records);
        if (rc == KG_OK)
            rc = kg_pipeline_run_file(p, paths[i], NULL, records);
        if (rc == KG_OK)
            rc = sink(ctx, paths[i], records);
        kg_extraction_free(records);
    }
    return rc;
}
