/* kg_conllu.h - reading Universal Dependencies treebanks (CoNLL-U) into
 * kgraph documents with their gold annotation, and writing documents as
 * CoNLL-U. This is how models are trained and evaluated on gold tokenisation. */
#ifndef KG_CONLLU_H
#define KG_CONLLU_H

#include "kg_document.h"

#include <stdio.h>

/* A treebank: one kg_document holding every sentence (tokens carry the gold
 * LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL), plus what the document model
 * has no place for. Multiword-token ranges (1-2) and empty nodes (8.1) are
 * skipped: tokens are the syntactic words. doc->text is the words joined by a
 * space (none where MISC has SpaceAfter=No), one sentence per line. */
typedef struct kg_treebank {
    kg_document *doc;
    const char **misc;      /* per token: the MISC column, NULL for "_" */
    const char **sent_ids;  /* per sentence: "# sent_id" value, or NULL */
    uint32_t *sent_doc;     /* per sentence: index into doc_ids */
    char **doc_ids;         /* "# newdoc id" values in order ("" before the first) */
    size_t n_doc_ids;
} kg_treebank;

/* Keeps a sentence when it returns nonzero; doc_id is the current newdoc id. */
typedef int (*kg_treebank_filter)(const char *doc_id, void *ctx);

/* Reads a CoNLL-U file ("-" for stdin). filter may be NULL (keep all). Errors
 * name the file and line. Ownership: the caller frees with kg_treebank_free. */
int kg_treebank_read(kg_treebank **out, const char *path, kg_treebank_filter filter, void *ctx);
/* Parses CoNLL-U text already in memory (name is used in error messages). */
int kg_treebank_parse(kg_treebank **out, const char *text, size_t len, const char *name,
                      kg_treebank_filter filter, void *ctx);
void kg_treebank_free(kg_treebank *tb);

/* Writes every sentence of doc as CoNLL-U: a "# text" comment, then ID, FORM,
 * LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS ("_") and MISC (SpaceAfter=No
 * where no space follows). Unset fields are "_". Returns KG_EIO if a write fails. */
int kg_conllu_write(FILE *f, const kg_document *doc);

#endif /* KG_CONLLU_H */
