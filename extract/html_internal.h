/* html_internal.h - what html.c shares with feed.c (not installed). */
#ifndef KG_HTML_INTERNAL_H
#define KG_HTML_INTERNAL_H

#include "kg_common.h"
#include "kg_html.h"

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stddef.h>

/* ---- ASCII helpers (pages name their tags and attributes in ASCII) ---- */

static inline int html_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline unsigned char html_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Is s (may be NULL) equal to the lower-case w, ignoring ASCII case? */
static inline int html_ieq(const char *s, const char *w)
{
    if (!s)
        return 0;
    while (*s && *w && html_lower((unsigned char)*s) == (unsigned char)*w) {
        s++;
        w++;
    }
    return *s == '\0' && *w == '\0';
}

/* Does s (may be NULL) contain the lower-case w, ignoring ASCII case? */
static inline int html_icontains(const char *s, const char *w)
{
    if (!s)
        return 0;
    for (; *s; s++) {
        size_t k = 0;
        while (w[k] && s[k] && html_lower((unsigned char)s[k]) == (unsigned char)w[k])
            k++;
        if (!w[k])
            return 1;
    }
    return 0;
}

/* ---- html_text.c ---- */

/* Length of the white-space or invisible character at s (0 if none); *drop
 * says it vanishes (zero-width space, soft hyphen) rather than separates. */
size_t kg_html_space_at(const unsigned char *s, size_t n, int *drop);

/* The value of attribute name (lower case) of an element: its text, "" when
 * it has none, NULL when absent. Ownership: borrowed from the tree. */
const char *kg_html_attr(const xmlNode *n, const char *name);

/* How kg_html_extract_mode treats its input. */
enum {
    KG_HTML_PAGE = 0,    /* a whole page: find the article body among the furniture */
    KG_HTML_FRAGMENT = 1 /* a feed item's content: all of it is the article, less furniture */
};

/* kg_html_extract with a mode. Ownership: as kg_html_extract. */
int kg_html_extract_mode(kg_article **out, const char *html, size_t len, const char *name,
                         int mode);

/* A zeroed article. Ownership: the caller frees with kg_article_free. */
int kg_article_new(kg_article **out);

/* s[0..n) with runs of white space (and no-break spaces) made one space and
 * both ends trimmed; NULL when nothing is left or out of memory (then *rc is
 * KG_ENOMEM, else untouched). Ownership: the caller kg_frees the result. */
char *kg_html_squash(const char *s, size_t n, int *rc);

/* The text of a subtree (text and CDATA nodes; entity references are never
 * expanded), squashed as kg_html_squash. Ownership: the caller kg_frees it. */
char *kg_html_node_text(const xmlNode *node, int *rc);

/* Plain text as an article body: the lines the furniture filter keeps, one
 * paragraph each, joined by blank lines. Ownership: the caller kg_frees *out. */
int kg_html_text_body(char **out, const char *text, size_t len, int drop_repeats);

/* Sets *dst to a squashed copy of value unless *dst is already set or value
 * is NULL. */
int kg_html_set_field(char **dst, const char *value);

/* libxml2 reports some errors (encoding conversion, I/O) not to the parser
 * context but through its per-thread generic error function, which prints on
 * stderr. Library code never prints: parsing runs between these two calls,
 * which silence that function and then restore whatever it was. */
typedef struct kg_xml_quiet {
    xmlGenericErrorFunc func;
    void *ctx;
} kg_xml_quiet;

void kg_xml_quiet_begin(kg_xml_quiet *saved);
void kg_xml_quiet_end(const kg_xml_quiet *saved);

/* A structured error handler that drops the error (the parser context still
 * records the last one for messages). */
void kg_xml_ignore_error(void *ctx, xmlErrorPtr err);

/* ---- html_input.c ---- */

/* Chooses the encoding to parse a page with: a libxml2/iconv name in enc. */
void kg_html_choose_encoding(const char *s, size_t n, char *enc, size_t cap);

/* windows-1252 to UTF-8 (never fails on input). Ownership: caller kg_frees. */
int kg_html_decode_cp1252(char **out, size_t *out_len, const char *s, size_t n);

/* ---- html_meta.c ---- */

/* Fills a's title, byline, date and url from the page under root, and keeps
 * the longest JSON-LD articleBody in ld_body. */
int kg_html_read_meta(kg_article *a, kg_strbuf *ld_body, const xmlNode *root);

#endif /* KG_HTML_INTERNAL_H */
