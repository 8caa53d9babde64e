/* kg_segment.h - sentence splitting and tokenisation of news English, following
 * the tokenisation of the English UD treebanks (Penn Treebank style: clitics
 * 's and n't split off, hyphens and most punctuation are tokens of their own,
 * abbreviations and initials keep their periods). */
#ifndef KG_SEGMENT_H
#define KG_SEGMENT_H

#include "kg_document.h"

typedef struct kg_segment_options {
    /* Sentences longer than this many tokens are split (at a comma, semicolon
     * or dash near the limit when there is one) so later stages stay linear. */
    unsigned max_tokens;
    /* Treat every line as exactly one sentence (for pre-segmented input). */
    int one_sentence_per_line;
    /* Take the text as already tokenised: tokens are separated by spaces. */
    int pretokenised;
} kg_segment_options;

#define KG_SEGMENT_OPTIONS_INIT {200, 0, 0}

/* Fills doc->tokens and doc->sentences from doc->text (replacing any already
 * there). opts may be NULL for the defaults. Ownership: the arrays belong to
 * doc; token forms live in doc->arena. */
int kg_segment(kg_document *doc, const kg_segment_options *opts);

#endif /* KG_SEGMENT_H */
