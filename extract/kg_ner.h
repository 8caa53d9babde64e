/* kg_ner.h - named-entity recognition: finds the names of people,
 * organisations, countries and cities, nationalities, locations, facilities,
 * events, laws and dates in a tokenised document (OntoNotes types, KG_ENT_*).
 *
 * The model is a linear-chain sequence labeller over BILOU tags trained with
 * the averaged structured perceptron (Collins 2002), decoded with Viterbi,
 * with features in the style of Ratinov & Roth 2009 (word, shape, affixes,
 * capitalisation, +-2 context, gazetteer matches, titles, and per-word
 * statistics from the treebanks). It reads token forms only.
 *
 * Span conventions: titles and honorifics are not part of a mention
 * ("President Donald Trump" -> "Donald Trump", with the title range in
 * kg_mention.title_first/title_count); a leading "the" and a possessive "'s"
 * are left out ("the Taliban's" -> "Taliban").
 */
#ifndef KG_NER_H
#define KG_NER_H

#include "kg_document.h"
#include "kg_gazetteer.h"

#include <stdint.h>

/* Immutable once loaded; shareable across threads. */
typedef struct kg_ner kg_ner;

/* Loads model_dir/ner.kgm and the gazetteers in model_dir/gazetteers/.
 * A missing, corrupt, truncated or mismatched model is KG_EIO/KG_EFORMAT
 * naming the file. Ownership: the caller frees *out with kg_ner_free. */
int kg_ner_load(kg_ner **out, const char *model_dir);
/* Loads a model file and a gazetteer directory given separately.
 * Ownership: as kg_ner_load. */
int kg_ner_load_files(kg_ner **out, const char *model_path, const char *gazetteer_dir);
/* Frees m, its model mapping and its gazetteer. Ownership: takes m;
 * accepts NULL. */
void kg_ner_free(kg_ner *m);

/* The gazetteer loaded with the model. Ownership: borrowed from m. */
const kg_gazetteer *kg_ner_gazetteer(const kg_ner *m);

/* Finds named mentions in every sentence of doc (doc->sentences and tokens
 * filled; tags may or may not be filled) and replaces doc->mentions with
 * them, sorted by start, each with type, confidence (0..1), title range and
 * entity = -1. Thread-safe for concurrent calls on different documents.
 * Ownership: the mentions array is kg_malloc'ed and owned by doc (freed by
 * kg_document_free). On failure doc->mentions is left empty. */
int kg_ner_recognise(const kg_ner *m, kg_document *doc);

/* ------------------------------------------------------------ corpora */

/* A corpus with gold named-entity annotation, for training and evaluation.
 * doc holds sentences and tokens; doc->mentions the gold mentions (type set,
 * confidence 1, entity -1). */
typedef struct kg_ner_corpus {
    kg_document *doc;
    /* per mention: the types the annotation allows (bit t = KG_ENT type t);
     * e.g. UNER's LOC allows GPE, LOC and FAC */
    uint16_t *mention_types;
    /* per token outside the mentions: types it may carry although the
     * annotation does not mark them (UNER does not mark NORP, DATE, ...) */
    uint16_t *free_types;
    uint32_t *sent_doc; /* per sentence: index of its source document */
    size_t n_docs;
} kg_ner_corpus;

/* Reads UNER IOB2 (token index, token, tag O/B-X/I-X; "#" comments; blank
 * line between sentences; "# newdoc id" starts a document). PER -> PERSON,
 * ORG -> ORG, LOC -> LOC (allowing GPE, LOC, FAC). With conventions set,
 * spans are trimmed to kgraph's conventions (leading "the", titles before
 * person names and a final "'s" go) using g; otherwise they are kept as
 * annotated (for scoring). Ownership: free with kg_ner_corpus_free. */
int kg_ner_corpus_read_iob2(kg_ner_corpus **out, const char *path, const kg_gazetteer *g,
                            int conventions);

/* Reads GUM CoNLL-U and derives named mentions from its entity annotation
 * (MISC Entity=): mentions headed by a proper noun, typed from GUM's etype
 * (person, organization, place, event, time, ...) with the gazetteer telling
 * countries and cities (GPE) from other places; dates from time mentions that
 * name a month, weekday, year or century; demonyms as NORP. Only documents of
 * the CC BY genres are read (never whow or fiction). Ownership: the caller
 * frees *out with kg_ner_corpus_free. */
int kg_ner_corpus_read_gum(kg_ner_corpus **out, const char *path, const kg_gazetteer *g);

/* Whether a GUM "# newdoc id" belongs to a CC BY genre (academic, bio,
 * conversation, court, essay, interview, letter, news, podcast, speech,
 * textbook, vlog, voyage): 1 or 0. Ownership: reads doc_id only. */
int kg_ner_gum_genre_allowed(const char *doc_id);

/* Frees c and its document. Ownership: takes c; accepts NULL. */
void kg_ner_corpus_free(kg_ner_corpus *c);

/* ----------------------------------------------------------- training */

/* Training progress, one line per call (no newline). */
typedef void (*kg_ner_progress)(void *ctx, const char *line);

typedef struct kg_ner_train_options {
    const char *output;        /* model file to write */
    const char *gazetteer_dir; /* models/gazetteers */
    const char *const *gum;    /* NULL-terminated GUM CoNLL-U files, or NULL */
    const char *uner;          /* UNER IOB2 file, or NULL */
    /* Cross-validation: with folds > 1, UNER documents d with
     * d % folds == holdout are left out (document order in the file). */
    unsigned folds;
    unsigned holdout;
    /* NULL-terminated CoNLL-U files whose word forms and NNP/NNPS tags give
     * the per-word lexicon (EWT train), or NULL */
    const char *const *lexicon;
    /* NULL-terminated CoNLL-U files trained as weakly labelled text: tokens
     * not tagged as proper nouns (or joining words) are outside names */
    const char *const *weak;
    unsigned epochs;          /* passes over the data */
    uint64_t seed;            /* shuffling and augmentation */
    unsigned min_count;       /* features seen fewer times are dropped */
    double lowercase_rate;    /* share of GUM sentences also trained lower-cased */
    unsigned uner_weight;     /* times each UNER sentence is seen per epoch */
    double word_dropout;      /* chance that a token's own-word features are hidden
                                 in a training step (teaches unknown words) */
    double o_penalty;         /* subtracted from the O label's score when decoding
                                 (trades precision for recall) */
    kg_ner_progress progress; /* may be NULL */
    void *progress_ctx;
} kg_ner_train_options;

#define KG_NER_TRAIN_OPTIONS_INIT                                                                  \
    {                                                                                              \
        NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, 12, 1, 2, 0.1, 1, 0.0, 0.0, NULL, NULL           \
    }

/* Trains a model from the data the options name and writes it with
 * kg_model_file_write. Deterministic for a fixed seed. Ownership: nothing
 * is kept. */
int kg_ner_train(const kg_ner_train_options *o);

#endif /* KG_NER_H */
