/* html_internal.h - what html.c shares with feed.c (not installed). */
#ifndef KG_HTML_INTERNAL_H
#define KG_HTML_INTERNAL_H

#include "kg_html.h"

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

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

#endif /* KG_HTML_INTERNAL_H */
