/* kg_furniture.h - page furniture removal for news text: the lines a saved web
 * page or a copied article carries besides the article itself ("Loading Now",
 * "Post Comment", "You may also like", "Comments are closed.", "Source: CNN
 * Brasil", donation appeals, bank account details, cookie notices, paragraphs
 * repeated further down). Works on plain text line by line, so it serves text
 * files and the paragraphs of kg_html's article extraction alike. */
#ifndef KG_FURNITURE_H
#define KG_FURNITURE_H

#include <stddef.h>
#include <stdint.h>

/* A byte range [start, end) of a text. */
typedef struct kg_range {
    uint32_t start, end;
} kg_range;

/* Why a line is furniture. */
enum {
    KG_FURNITURE_NONE = 0, /* not furniture: keep */
    KG_FURNITURE_WIDGET,   /* a page control or section label: "Post Comment", "Read more" */
    KG_FURNITURE_SOURCE,   /* a source or republication credit: "Source: CNN Brasil" */
    KG_FURNITURE_PAYMENT,  /* bank or payment details: account numbers, IBANs, "Vipps: #557320" */
    KG_FURNITURE_APPEAL,   /* a donation, subscription or cookie appeal to the reader */
    KG_FURNITURE_REPEAT    /* a paragraph already seen earlier in the same text */
};

/* Judges one line on its own (no context, so never KG_FURNITURE_REPEAT):
 * returns a KG_FURNITURE_* kind. line need not be NUL-terminated; leading and
 * trailing white space is ignored. Cannot fail. Ownership: reads line only. */
int kg_furniture_classify(const char *line, size_t len);

/* The name of a KG_FURNITURE_* kind ("widget", "source", ...). Ownership: static. */
const char *kg_furniture_kind_name(int kind);

/* Splits text into lines (LF, CRLF or CR) and returns, in order, the byte
 * ranges of the lines to keep: one range per kept non-blank line, without its
 * line break and without leading or trailing white space, so text[start, end)
 * is exactly the kept line. Blank lines and furniture are left out; of a
 * paragraph that occurs more than once (five words or more) only the first
 * occurrence is kept. Two consecutive ranges separated by a single line break
 * belong to the same paragraph. text need not be NUL-terminated; len must be
 * below 4 GiB (KG_EINVAL otherwise).
 * Ownership: *out is allocated with kg_malloc (NULL when *n_out is 0); the
 * caller frees it with kg_free. On failure *out is NULL and *n_out 0. */
int kg_furniture_filter(kg_range **out, size_t *n_out, const char *text, size_t len);

/* Options for kg_furniture_filter_opts. */
typedef struct kg_furniture_options {
    int drop_repeats;        /* drop later copies of a repeated paragraph */
    size_t repeat_min_words; /* ... when it has at least this many words */
} kg_furniture_options;

#define KG_FURNITURE_OPTIONS_INIT {1, 5}

/* kg_furniture_filter with options (opts NULL: the defaults above, which are
 * what kg_furniture_filter uses). kg_html turns drop_repeats off: on a page,
 * repeated paragraphs (recipes, lists) belong to the article, and furniture
 * is found by the page's structure. Ownership: as kg_furniture_filter. */
int kg_furniture_filter_opts(kg_range **out, size_t *n_out, const char *text, size_t len,
                             const kg_furniture_options *opts);

#endif /* KG_FURNITURE_H */
