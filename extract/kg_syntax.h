/* kg_syntax.h - kgraph's statistical syntax: a part-of-speech and
 * morphological-feature tagger, a lemmatiser and a dependency parser, trained
 * by kgraph itself on Universal Dependencies treebanks and loaded from
 * models/ at run time.
 *
 * Algorithms: averaged perceptron tagging (Collins 2002) over joint UPOS+XPOS
 * classes with a second perceptron for FEATS; lexicon plus learned suffix edit
 * scripts for lemmas; greedy arc-eager dependency parsing (Nivre 2003; root at
 * the end, Ballesteros & Nivre 2013) with a labelled averaged perceptron over
 * Zhang & Nivre (2011) features, trained with the dynamic oracle of Goldberg &
 * Nivre (2012).
 */
#ifndef KG_SYNTAX_H
#define KG_SYNTAX_H

#include "kg_common.h"
#include "kg_document.h"

#include <stddef.h>
#include <stdint.h>

/* The loaded models. Immutable once loaded; one kg_syntax may be shared by
 * any number of threads. */
typedef struct kg_syntax kg_syntax;

/* Loads every syntax model file from model_dir (syntax-tagger.kgm,
 * syntax-lemmas.kgm, syntax-parser.kgm). A missing, truncated, corrupt or
 * mismatched file is an error (KG_EIO or KG_EFORMAT) naming the file.
 * Ownership: the caller frees *out with kg_syntax_free. */
int kg_syntax_load(kg_syntax **out, const char *model_dir);

/* Ownership: frees s and unmaps its files; accepts NULL. */
void kg_syntax_free(kg_syntax *s);

/* Tags, lemmatises and parses every sentence of doc in place: sets upos, xpos,
 * feats, lemma, head and deprel of each token, reading only token forms.
 * Every sentence gets a valid tree (each head in range, one root, no cycles),
 * whatever its length; time is linear in the number of tokens.
 * Thread-safe for concurrent calls on different documents with one shared s
 * (scratch memory is per call).
 * Ownership: lemma and feats strings point into the model or into doc->arena;
 * they live as long as both s and doc. */
int kg_syntax_annotate(const kg_syntax *s, kg_document *doc);

/* Like kg_syntax_annotate but without parsing: sets upos, xpos, feats and
 * lemma only (head and deprel are left as they are). For stages that need
 * tags but no trees. Ownership: as for kg_syntax_annotate. */
int kg_syntax_tag(const kg_syntax *s, kg_document *doc);

/* Progress messages from training (one line each, no newline). */
typedef void (*kg_syntax_log_fn)(void *ctx, const char *message);

typedef struct kg_syntax_train_options {
    const char *const *train; /* CoNLL-U training files */
    size_t n_train;
    const char *const *dev; /* CoNLL-U development files for model selection (may be none) */
    size_t n_dev;
    const char *out_dir; /* where the model files are written */
    uint64_t seed;       /* seeds every shuffle: same seed, same models */
    int tagger_epochs;   /* passes over the training data */
    int parser_epochs;   /* 0: train and write the tagger and lemmatiser only */
    int jackknife;       /* folds for predicted training tags (< 2: use gold tags) */
    int two_pass;        /* add the tagger's right-context second pass (needs jackknife;
                            measured +0.1 UPOS for half the tagging speed, so off) */
    int cc_by_only;      /* keep only the CC BY genres of GUM documents (train and dev) */
    float tagger_prune;  /* drop averaged weights smaller than this in magnitude */
    float parser_prune;
    kg_syntax_log_fn log; /* may be NULL */
    void *log_ctx;
} kg_syntax_train_options;

#define KG_SYNTAX_TRAIN_OPTIONS_INIT                                                               \
    {                                                                                              \
        NULL, 0, NULL, 0, "models", 1, 8, 15, 4, 0, 1, 0.5f, 1.0f, NULL, NULL                      \
    }

/* Trains the tagger, lemmatiser and parser on the given treebanks and writes
 * the three model files into o->out_dir (atomically). Deterministic for a
 * fixed seed. Ownership: nothing is retained. */
int kg_syntax_train(const kg_syntax_train_options *o);

/* Whether a GUM document id ("GUM_<genre>_<name>") is from a CC BY genre
 * (academic, bio, conversation, court, essay, interview, letter, news,
 * podcast, speech, textbook, vlog, voyage). Ids not starting with "GUM_" are
 * accepted. Ownership: reads doc_id only. */
int kg_syntax_doc_allowed(const char *doc_id);

#endif /* KG_SYNTAX_H */
