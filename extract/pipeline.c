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
static int run(const kg_pipeline *p, kg_document *d, kg_document **doc, kg_triple_list *triples)
{
    int rc = kg_segment(d, &p->opts.segment);
    if (rc == KG_OK && triples)
        rc = kg_extract_triples(triples, d, &p->opts.extract);
    if (rc)
        kg_error_prefix(rc, d->id);
    if (rc == KG_OK && doc)
        *doc = d;
    else
        kg_document_free(d);
    return rc;
}

int kg_pipeline_run_text(const kg_pipeline *p, const char *id, const char *bytes, size_t len,
                         kg_document **doc, kg_triple_list *triples)
{
    kg_document *d = NULL;
    if (doc)
        *doc = NULL;
    int rc = kg_ingest_text(&d, id, bytes, len);
    return rc ? rc : run(p, d, doc, triples);
}

int kg_pipeline_run_file(const kg_pipeline *p, const char *path, kg_document **doc,
                         kg_triple_list *triples)
{
    kg_document *d = NULL;
    if (doc)
        *doc = NULL;
    int rc = kg_ingest_file(&d, path);
    return rc ? rc : run(p, d, doc, triples);
}
