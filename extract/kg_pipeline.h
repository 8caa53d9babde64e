/* kg_pipeline.h - one document through every extraction stage: ingest,
 * segmentation, (tagging, parsing, entity recognition when their models are
 * loaded), and triple extraction. The loaded models are immutable, so one
 * pipeline may serve several threads. */
#ifndef KG_PIPELINE_H
#define KG_PIPELINE_H

#include "kg_ingest.h"
#include "kg_segment.h"
#include "kg_triples.h"

typedef struct kg_pipeline_options {
    /* Directory of the trained models (tagger, lemmatiser, parser, entity
     * recogniser and gazetteers; `pkg-config --variable=modeldir kgraph` once
     * installed). NULL runs without them: documents are ingested and
     * segmented, but no entities or triples are found. */
    const char *model_dir;
    kg_ingest_options ingest;
    kg_segment_options segment;
    kg_extract_options extract;
} kg_pipeline_options;

#define KG_PIPELINE_OPTIONS_INIT                                                                   \
    {NULL, KG_INGEST_OPTIONS_INIT, KG_SEGMENT_OPTIONS_INIT, KG_EXTRACT_OPTIONS_INIT}

typedef struct kg_pipeline kg_pipeline;

/* Loads the models (a missing or corrupt model file is an error naming it).
 * opts may be NULL for the defaults. Ownership: the caller frees with
 * kg_pipeline_free. */
int kg_pipeline_new(kg_pipeline **out, const kg_pipeline_options *opts);
void kg_pipeline_free(kg_pipeline *p);

/* Runs the stages after ingest on an ingested document: segmentation, and
 * tagging, parsing, entity recognition and within-document entity
 * resolution (kg_coref.h) when their models are loaded. */
int kg_pipeline_annotate(const kg_pipeline *p, kg_document *doc);

/* Ingests text, a web page or a feed (recognised from the content; name
 * identifies it), annotates every document it holds and appends their
 * records (triples and mentions) to records. */
int kg_pipeline_run_text(const kg_pipeline *p, const char *name, const char *bytes, size_t len,
                         kg_extraction *records);
/* The same for a file ("-" is stdin). */
int kg_pipeline_run_file(const kg_pipeline *p, const char *path, kg_extraction *records);

/* Receives the records of one input file; returns 0 to go on, or an error
 * code to stop. The records are borrowed: they are freed after the call. */
typedef int (*kg_records_sink)(void *ctx, const char *path, const kg_extraction *records);

/* Runs every stage on each of the n files, on `threads` threads (0: one per
 * online CPU), and hands each file's records to sink on the calling
 * thread, in the order of paths, so the result does not depend on the number
 * of threads. At most a few documents per thread are in memory at once. On
 * failure it returns the error of the first failing document in path order
 * (every document before it has been handed to sink). */
int kg_pipeline_run_files(const kg_pipeline *p, char *const *paths, size_t n, unsigned threads,
                          kg_records_sink sink, void *ctx);

#endif /* KG_PIPELINE_H */
