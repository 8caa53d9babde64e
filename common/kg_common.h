/* kg_common.h - what every kgraph module shares: error codes and the per-thread
 * error message, checked allocation (with a fail-the-Nth-allocation test hook),
 * a growable string buffer with a size cap, a bump arena, a string-keyed hash
 * map, UTF-8 helpers, whole-file reading and atomic (temp file + rename) output.
 */
#ifndef KG_COMMON_H
#define KG_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KG_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

/* Every function that can fail returns 0 or one of these negative codes and
 * sets a one-line message readable with kg_error_message(). */
enum {
    KG_OK = 0,
    KG_ENOMEM = -1,  /* allocation failed or a size cap was reached */
    KG_EIO = -2,     /* reading or writing a file failed */
    KG_EINPUT = -3,  /* the input is not what it should be (bad UTF-8, binary, ...) */
    KG_EFORMAT = -4, /* a model or data file is corrupt, truncated or mismatched */
    KG_EINVAL = -5,  /* a caller passed an invalid argument or option */
    KG_ELIB = -6     /* igraph, libxml2 or Graphviz reported an error */
};

/* The message of the last error on this thread ("" if none). Ownership: borrowed,
 * valid until the next kg call on this thread. */
const char *kg_error_message(void);

/* Sets this thread's error message (printf-style) and returns code, so callers
 * can write `return kg_error_set(KG_EINPUT, "%s: not UTF-8", path);`. */
int kg_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prefixes the current message with "prefix: " (e.g. a file name). Returns code. */
int kg_error_prefix(int code, const char *prefix);

/* Clears this thread's error message. */
void kg_error_clear(void);

/* ------------------------------------------------------------ allocation */

/* malloc/calloc/realloc/strdup that set KG_ENOMEM's message on failure and
 * return NULL. All of kgraph's own allocations go through these so that a test
 * build can make the Nth one fail. Ownership: the caller frees with kg_free. */
void *kg_malloc(size_t n);
void *kg_calloc(size_t count, size_t size);
void *kg_realloc(void *p, size_t n);
char *kg_strdup(const char *s);
char *kg_strndup(const char *s, size_t n);
void kg_free(void *p);

/* Grows *array (of *cap elements of size elem) so that it holds at least need
 * elements, doubling. Returns 0 or KG_ENOMEM (leaving *array untouched). */
int kg_grow(void **array, size_t *cap, size_t need, size_t elem);

/* Test hook: after `n` more successful allocations, every allocation fails
 * (n < 0 disables). Only has an effect in builds with KG_ALLOC_TESTING. */
void kg_alloc_fail_after(long n);
/* Number of allocations that were made to fail since the hook was set. */
long kg_alloc_failures(void);

/* ---------------------------------------------------------------- strbuf */

/* A growable byte buffer, always NUL-terminated when non-empty. A failed append
 * (no memory, or the cap `max` would be exceeded) frees the buffer and returns
 * KG_ENOMEM, so callers need no cleanup on that path. */
typedef struct kg_strbuf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
} kg_strbuf;

#define KG_STRBUF_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, SIZE_MAX                                                                       \
    }

void kg_strbuf_init(kg_strbuf *b, size_t max);
int kg_strbuf_append(kg_strbuf *b, const void *p, size_t n);
int kg_strbuf_puts(kg_strbuf *b, const char *s);
int kg_strbuf_putc(kg_strbuf *b, char c);
int kg_strbuf_printf(kg_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Empties the buffer but keeps its memory. */
void kg_strbuf_clear(kg_strbuf *b);
/* Returns the contents (never NULL: "" for an empty buffer is a fresh
 * allocation) and leaves b empty. Ownership: the caller frees with kg_free.
 * Returns NULL only when out of memory. */
char *kg_strbuf_detach(kg_strbuf *b);
/* The contents as a C string ("" when empty). Ownership: borrowed. */
const char *kg_strbuf_cstr(const kg_strbuf *b);
void kg_strbuf_free(kg_strbuf *b);

/* ----------------------------------------------------------------- arena */

/* A bump allocator for many small objects that die together (one document's
 * tokens and strings). Built with KG_ARENA_MALLOC it makes one malloc per
 * object so sanitizers and valgrind see each one. */
typedef struct kg_arena kg_arena;

/* Ownership: the caller frees with kg_arena_free. */
int kg_arena_new(kg_arena **out);
/* Zeroed memory aligned for any type, or NULL (KG_ENOMEM). Ownership: the arena. */
void *kg_arena_alloc(kg_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n), or NULL. Ownership: the arena. */
char *kg_arena_strndup(kg_arena *a, const char *s, size_t n);
char *kg_arena_strdup(kg_arena *a, const char *s);
/* Bytes handed out so far (for memory accounting). */
size_t kg_arena_used(const kg_arena *a);
void kg_arena_free(kg_arena *a);

/* ------------------------------------------------------------------- map */

/* Open-addressing hash map from byte strings to uint32 values. Keys are copied.
 * Insertion order is kept: entry i is the i-th distinct key added. */
typedef struct kg_map kg_map;

int kg_map_new(kg_map **out);
void kg_map_free(kg_map *m);
/* Finds key; returns 1 and sets *value if present, else 0. */
int kg_map_get(const kg_map *m, const char *key, size_t len, uint32_t *value);
/* Sets key to value (inserting or overwriting). Returns 0 or KG_ENOMEM. */
int kg_map_put(kg_map *m, const char *key, size_t len, uint32_t value);
/* Looks key up, inserting it with value `fresh` when absent. *out receives the
 * stored value; *inserted (may be NULL) says whether the key was new. */
int kg_map_intern(kg_map *m, const char *key, size_t len, uint32_t fresh, uint32_t *out,
                  int *inserted);
size_t kg_map_count(const kg_map *m);
/* The i-th inserted key (NUL-terminated; borrowed) and its length. */
const char *kg_map_key(const kg_map *m, size_t i, size_t *len);
uint32_t kg_map_value(const kg_map *m, size_t i);

/* FNV-1a 64-bit hash of a byte string. */
uint64_t kg_hash(const void *p, size_t n);

/* ------------------------------------------------------------------ utf8 */

/* Decodes one UTF-8 sequence at s[0..n). Returns its length (1-4) and the code
 * point in *cp, or 0 if the bytes are not well-formed UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are rejected). */
size_t kg_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t kg_utf8_encode(uint32_t cp, char *out);
/* Returns 1 if s[0..n) is valid UTF-8; otherwise 0 and the byte offset of the
 * first bad sequence in *bad (may be NULL). */
int kg_utf8_valid(const char *s, size_t n, size_t *bad);
/* Number of space-separated words in s (runs of ' ' separate; leading and
 * trailing spaces count for nothing). */
size_t kg_word_count(const char *s);

/* ----------------------------------------------------------------- files */

/* Reads a whole file ("-" is stdin) of at most max bytes. The buffer is
 * NUL-terminated. Errors name the file. Ownership: the caller kg_frees *out. */
int kg_file_read(const char *path, size_t max, char **out, size_t *out_len);

/* An output file written to a temporary sibling and renamed over the target by
 * kg_outfile_commit, so a failure never leaves a partial or clobbered file.
 * "-" writes to stdout directly. */
typedef struct kg_outfile kg_outfile;

/* Ownership: the caller ends it with kg_outfile_commit or kg_outfile_abort. */
int kg_outfile_open(kg_outfile **out, const char *path);
/* The stream to write to. Ownership: borrowed. */
FILE *kg_outfile_stream(kg_outfile *f);
/* The target path (borrowed). */
const char *kg_outfile_path(const kg_outfile *f);
/* Flushes, checks every write succeeded, closes and renames into place. On
 * failure the temporary file is removed. Always frees f. */
int kg_outfile_commit(kg_outfile *f);
/* Closes and removes the temporary file; frees f. Accepts NULL. */
void kg_outfile_abort(kg_outfile *f);

/* ----------------------------------------------------------- model files */

/* Trained models are single files: a 32-byte header, then the payload.
 *   bytes 0-7   magic "KGRAPHM1"
 *   bytes 8-11  kind, four characters naming the model ("SYNT", "NER1", ...)
 *   bytes 12-15 format version of that kind (little-endian u32)
 *   bytes 16-23 payload size in bytes (little-endian u64)
 *   bytes 24-31 checksum of the payload (kg_hash, little-endian u64)
 * Loading maps the file read-only, checks all of the above, and hands out the
 * payload; models are immutable and may be shared between threads. */
typedef struct kg_blob {
    const unsigned char *data; /* the payload */
    size_t size;
    void *map;       /* the mapping (private) */
    size_t map_size; /* (private) */
} kg_blob;

/* Ownership: the caller frees with kg_blob_free. A missing, truncated, corrupt
 * or mismatched (kind or version) file is KG_EFORMAT/KG_EIO naming the file. */
int kg_model_file_read(kg_blob **out, const char *path, const char kind[4], uint32_t version);
void kg_blob_free(kg_blob *b);
/* Writes header and payload atomically to path. */
int kg_model_file_write(const char *path, const char kind[4], uint32_t version, const void *payload,
                        size_t size);

/* Bounds-checked little-endian reading of a payload. Any read past the end sets
 * failed and returns zeros/NULL, so a loader checks `failed` once at the end. */
typedef struct kg_reader {
    const unsigned char *base, *p, *end;
    int failed;
} kg_reader;

void kg_reader_init(kg_reader *r, const void *data, size_t size);
uint32_t kg_read_u32(kg_reader *r);
uint64_t kg_read_u64(kg_reader *r);
float kg_read_f32(kg_reader *r);
/* Skips to the next multiple of `align` bytes from the payload start. */
void kg_read_align(kg_reader *r, size_t align);
/* A pointer to count elements of elem bytes inside the payload (no copy), or
 * NULL (and failed) if they do not fit. Callers align first for typed access. */
const void *kg_read_array(kg_reader *r, size_t elem, size_t count);
/* A length-prefixed (u32) string; returns a pointer into the payload and sets *len. */
const char *kg_read_str(kg_reader *r, uint32_t *len);

/* Writers append to a kg_strbuf (which frees itself on failure). */
int kg_write_u32(kg_strbuf *b, uint32_t v);
int kg_write_u64(kg_strbuf *b, uint64_t v);
int kg_write_f32(kg_strbuf *b, float v);
int kg_write_align(kg_strbuf *b, size_t align);
int kg_write_str(kg_strbuf *b, const char *s, uint32_t len);

#endif /* KG_COMMON_H */
