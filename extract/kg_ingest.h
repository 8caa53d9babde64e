/* kg_ingest.h - turning inputs into kg_documents: plain text (UTF-8 checked,
 * page furniture removed, typographic characters normalised with a map back
 * to byte offsets in the original), saved web pages (the article body and its
 * title, byline, date and canonical address), RSS/Atom feeds and sitemaps
 * (one document per item), and directories walked for such files. */
#ifndef KG_INGEST_H
#define KG_INGEST_H

#include "kg_document.h"

/* Largest input accepted, in bytes. */
#define KG_INGEST_MAX_BYTES ((size_t)256 * 1024 * 1024)

typedef struct kg_ingest_options {
    /* Remove page furniture from plain text ("Loading Now", bank details,
     * donation appeals, repeated paragraphs...). Web pages always lose theirs. */
    int furniture;
} kg_ingest_options;

#define KG_INGEST_OPTIONS_INIT {1}

/* Makes a document from plain UTF-8 text. id names the document in provenance
 * and in error messages. Rejects (KG_EINPUT, message naming id and the
 * problem): invalid UTF-8 (with the byte offset), NUL bytes and other binary
 * content, UTF-16/UTF-32 (by byte-order mark). A UTF-8 byte-order mark is
 * skipped. Offsets map back to the bytes given. opts may be NULL.
 * Ownership: the caller frees *out with kg_document_free. */
int kg_ingest_text(kg_document **out, const char *id, const char *bytes, size_t len,
                   const kg_ingest_options *opts);

/* Receives one document and takes ownership of it; returns 0 to go on or an
 * error code to stop. */
typedef int (*kg_document_sink)(void *ctx, kg_document *doc);

/* Makes the documents of an input whose kind is recognised from its content:
 * plain text (one document, id = name), a web page (one document, id = its
 * canonical address when it has one, else name; offsets index the article
 * text as kg_document.text holds it), or a feed or sitemap (one document per
 * item; base_dir resolves the local files a sitemap names). */
int kg_ingest_bytes(const char *name, const char *bytes, size_t len, const char *base_dir,
                    const kg_ingest_options *opts, kg_document_sink sink, void *ctx);

/* Reads path ("-" for stdin, named "<stdin>") and ingests it as kg_ingest_bytes. */
int kg_ingest_file(const char *path, const kg_ingest_options *opts, kg_document_sink sink,
                   void *ctx);

/* Expands the n paths into input files: a directory is walked recursively
 * (symbolic links to directories are not followed) for .txt, .text, .html,
 * .htm, .xhtml, .xml, .rss and .atom files, in name order; files named on the
 * command line are kept as given. include and exclude (NULL for none) are
 * comma-separated shell globs matched against each found file's name and
 * path. Ownership: the caller frees each (*out)[i] and *out with kg_free. */
int kg_ingest_expand(char ***out, size_t *n_out, char *const *paths, size_t n,
                     const char *include, const char *exclude);

#endif /* KG_INGEST_H */
