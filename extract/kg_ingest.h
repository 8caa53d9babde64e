/* kg_ingest.h - turning input bytes into a kg_document: UTF-8 validation,
 * rejection of binary and UTF-16 input, and normalisation of typographic
 * characters (curly quotes, dashes, non-breaking and exotic spaces, ellipses,
 * CR/LF) with a map back to byte offsets in the original. */
#ifndef KG_INGEST_H
#define KG_INGEST_H

#include "kg_document.h"

/* Largest input accepted, in bytes. */
#define KG_INGEST_MAX_BYTES ((size_t)256 * 1024 * 1024)

/* Makes a document from plain text. id names the document in provenance and
 * in error messages. Rejects (KG_EINPUT, message naming id and the problem):
 * invalid UTF-8 (with the byte offset), NUL bytes and other binary content,
 * UTF-16/UTF-32 (by byte-order mark). A UTF-8 byte-order mark is skipped.
 * Ownership: the caller frees *out with kg_document_free. */
int kg_ingest_text(kg_document **out, const char *id, const char *bytes, size_t len);

/* Reads path ("-" for stdin, id "<stdin>") and ingests it as kg_ingest_text. */
int kg_ingest_file(kg_document **out, const char *path);

#endif /* KG_INGEST_H */
