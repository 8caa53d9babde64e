/* kg_html.h - news web pages and feeds as input: the article body of a saved
 * HTML page without its page furniture (navigation, headers and footers, share
 * bars, related-article lists, comments, cookie notices, donation appeals,
 * scripts), its title, byline, date and canonical address as metadata; RSS
 * and Atom feeds and sitemaps of saved pages read item by item; and sniffing
 * of what kind of input a file holds. Parsing is libxml2's, with the network
 * and external entities off: nothing is ever fetched. */
#ifndef KG_HTML_H
#define KG_HTML_H

#include <stddef.h>

/* One article: from a page, a feed item or a page a sitemap names. Every
 * string is UTF-8 and NUL-terminated, whatever the page's encoding; fields the
 * input does not give are NULL (text never is). */
typedef struct kg_article {
    char *text;   /* the article body: paragraphs separated by "\n\n", a heading is a
                     paragraph of its own; "" when nothing was found */
    char *title;  /* headline */
    char *byline; /* author(s) as the page gives them */
    char *date;   /* publication date as the page gives it (ISO 8601 when it has one) */
    char *url;    /* canonical address: <link rel=canonical>, og:url, or a feed item's link */
    char *id;     /* stable document id: url when known, else the input's name (path);
                     feed items without a link are "name#N" (N counting from 1) */
} kg_article;

/* Extracts the article from an HTML page of len bytes. The encoding is
 * sniffed: a byte order mark, else the page's own declaration (<meta charset>,
 * <meta http-equiv="Content-Type">, <?xml encoding?>) unless the bytes are
 * valid UTF-8 with non-ASCII in them, else windows-1252. name (a path, used
 * as the id when the page gives no canonical URL, and in error messages) may
 * be NULL. Ownership: the caller frees *out with kg_article_free. Errors:
 * KG_EINPUT when the bytes cannot be parsed as HTML at all, KG_ENOMEM. */
int kg_html_extract(kg_article **out, const char *html, size_t len, const char *name);

/* Frees an article and its strings; accepts NULL. Ownership: takes a. */
void kg_article_free(kg_article *a);

/* ------------------------------------------------------------------ feeds */

/* A feed (RSS 0.9x/1.0/2.0, Atom) or a sitemap (urlset) read into articles. */
typedef struct kg_feed kg_feed;

enum { KG_FEED_RSS = 1, KG_FEED_ATOM, KG_FEED_SITEMAP };

/* Reads a feed or sitemap of len bytes. Each RSS <item> or Atom <entry>
 * becomes an article: title, link, date, author, and the text extracted from
 * its content (content:encoded, Atom content, else description/summary) by
 * the same article extraction as kg_html_extract. Each sitemap <loc> naming a
 * local file (a relative path, resolved against base_dir, or a file:// URL)
 * is read from disk and extracted (HTML, or plain text through the furniture
 * filter); entries naming anything else (http:, https:, ...) are never fetched
 * but counted by kg_feed_skipped. A sitemap index (<sitemapindex>) is followed
 * the same way into local sitemaps, three levels deep at most. base_dir may be
 * NULL (the current directory). name is used in ids and error messages.
 * Ownership: the caller frees *out with kg_feed_free. Errors: KG_EINPUT when
 * the XML is not well-formed or is not a feed or sitemap, KG_EIO when a local
 * file a sitemap names cannot be read (the message names it), KG_ENOMEM. */
int kg_feed_read(kg_feed **out, const char *xml, size_t len, const char *name,
                 const char *base_dir);

/* KG_FEED_RSS, KG_FEED_ATOM or KG_FEED_SITEMAP. Ownership: reads f only. */
int kg_feed_kind(const kg_feed *f);
/* The feed's own title, or NULL. Ownership: borrowed from f. */
const char *kg_feed_title(const kg_feed *f);
/* Number of items. Ownership: reads f only. */
size_t kg_feed_count(const kg_feed *f);
/* Item i (i < kg_feed_count). Ownership: borrowed from f. */
const kg_article *kg_feed_item(const kg_feed *f, size_t i);
/* Number of sitemap entries not read because they name no local file.
 * Ownership: reads f only. */
size_t kg_feed_skipped(const kg_feed *f);
/* Frees the feed and its items; accepts NULL. Ownership: takes f (items
 * borrowed from it become invalid). */
void kg_feed_free(kg_feed *f);

/* ---------------------------------------------------------------- sniffing */

enum { KG_INPUT_TEXT = 0, KG_INPUT_HTML = 1, KG_INPUT_FEED = 2 };

/* What the bytes are, from their first few kilobytes: KG_INPUT_FEED for an
 * XML document whose root is rss, RDF (RSS 1.0), feed (Atom), urlset or
 * sitemapindex; KG_INPUT_HTML for a page (a doctype, <html>, or common HTML
 * tags near the start); KG_INPUT_TEXT otherwise. Cannot fail. Ownership:
 * reads bytes only. */
int kg_html_sniff(const char *bytes, size_t len);

#endif /* KG_HTML_H */
