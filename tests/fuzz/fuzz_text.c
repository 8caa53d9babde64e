/* fuzz_text.c - libFuzzer target: arbitrary bytes through ingest (text, web
 * page or feed, by content), segmentation, tagging, parsing, entity
 * recognition (the shipped models) and extraction; then the records through TSV and JSONL and back. */
#define _POSIX_C_SOURCE 200809L
#include "kg_pipeline.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static kg_pipeline *pipeline;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (!pipeline) {
        /* the shipped models, so tagging, parsing, entities and extraction are fuzzed too */
        kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
        po.model_dir = KG_SOURCE_DIR "/models";
        if (kg_pipeline_new(&pipeline, &po))
            abort();
    }
    kg_extraction *x = NULL;
    if (kg_extraction_new(&x))
        return 0;
    if (kg_pipeline_run_text(pipeline, "fuzz", (const char *)data, size, x) == KG_OK) {
        for (int f = 0; f < 2; f++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            if (!out)
                break;
            int rc = kg_extraction_write(out, x, f ? KG_RECORDS_JSONL : KG_RECORDS_TSV, 1);
            fclose(out);
            kg_extraction *y = NULL;
            /* what kgraph writes, kgraph reads back, record for record */
            if (rc == KG_OK && kg_extraction_new(&y) == KG_OK) {
                if (kg_extraction_read(y, buf, len, "fuzz") != KG_OK ||
                    y->n_triples != x->n_triples || y->n_mentions != x->n_mentions ||
                    y->n_documents != x->n_documents)
                    abort();
            }
            kg_extraction_free(y);
            free(buf);
        }
    }
    kg_extraction_free(x);
    return 0;
}
