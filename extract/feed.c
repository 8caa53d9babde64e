/* feed.c - RSS (0.9x, 1.0, 2.0) and Atom feeds, and sitemaps of saved pages,
 * read item by item into articles. XML is parsed by libxml2 with the network
 * off, no DTD loading, no entity substitution and an entity resolver that
 * refuses everything; text is taken from text and CDATA nodes only, so an
 * entity reference (XXE, "billion laughs") is never expanded. An item's HTML
 * content goes through kg_html's article extraction; a sitemap's local files
 * are read from disk - nothing is ever fetched from the network.
 * Formats: RSS 2.0 (https://www.rssboard.org/rss-specification), RSS 1.0
 * (RDF Site Summary), Atom (RFC 4287), Sitemaps 0.9 (sitemaps.org). */
#include "html_internal.h"
#include "kg_common.h"
#include "kg_furniture.h"

#include <libxml/parser.h>
#include <limits.h>
#include <string.h>

#define MAX_FILE ((size_t)64 << 20) /* largest page or sitemap read from disk */
#define MAX_DEPTH 3                 /* sitemap index nesting */

struct kg_feed {
    int kind;
    char *title;
    kg_article **items;
    size_t n, cap;
    size_t skipped;
};

static const char NS_CONTENT[] = "http://purl.org/rss/1.0/modules/content/";

/* ------------------------------------------------------------- helpers */

static int is_elem(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, local) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_elem(c, local)) {
            return c;
        }
    }
    return NULL;
}

/* The raw text of an element (text and CDATA children, concatenated, not
 * squashed: it may be HTML). Ownership: the caller kg_frees; NULL if empty. */
static char *raw_text(const xmlNode *n, int *rc)
{
    kg_strbuf b = KG_STRBUF_INIT;
    kg_strbuf_init(&b, MAX_FILE);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
            kg_strbuf_puts(&b, (const char *)c->content)) {
            *rc = KG_ENOMEM;
            return NULL;
        }
    }
    if (b.len == 0) {
        return NULL;
    }
    char *r = kg_strbuf_detach(&b);
    if (!r) {
        *rc = KG_ENOMEM;
    }
    return r;
}

static int set_text_of(char **dst, const xmlNode *n)
{
    if (*dst || !n) {
        return KG_OK;
    }
    int rc = KG_OK;
    *dst = kg_html_node_text(n, &rc);
    return rc;
}

/* Moves the extracted body of an HTML fragment into a->text. */
static int html_body(kg_article *a, const char *html, size_t len, const char *name)
{
    kg_article *tmp = NULL;
    int rc = kg_html_extract_mode(&tmp, html, len, name, KG_HTML_FRAGMENT);
    if (rc) {
        return rc;
    }
    kg_free(a->text);
    a->text = tmp->text;
    tmp->text = NULL;
    kg_article_free(tmp);
    return KG_OK;
}

static int add_item(kg_feed *f, kg_article *a)
{
    if (kg_grow((void **)&f->items, &f->cap, f->n + 1, sizeof *f->items)) {
        return KG_ENOMEM;
    }
    f->items[f->n++] = a;
    return KG_OK;
}

/* Gives an item without a link the id "name#N". */
static int finish_item(kg_article *a, const char *name, size_t index, const char *fallback_id)
{
    int rc = KG_OK;
    if ((rc = kg_html_set_field(&a->id, a->url)) || (rc = kg_html_set_field(&a->id, fallback_id))) {
        return rc;
    }
    if (!a->id) {
        kg_strbuf b = KG_STRBUF_INIT;
        if (kg_strbuf_printf(&b, "%s#%zu", name, index + 1) || !(a->id = kg_strbuf_detach(&b))) {
            return KG_ENOMEM;
        }
    }
    if (!a->text && !(a->text = kg_strdup(""))) {
        return KG_ENOMEM;
    }
    return rc;
}

/* ----------------------------------------------------------------- RSS */

static int read_rss_item(kg_feed *f, const xmlNode *item, const char *name)
{
    int rc = KG_OK;
    kg_article *a = NULL;
    char *html = NULL, *guid = NULL;
    const xmlNode *encoded = NULL, *description = NULL;

    if ((rc = kg_article_new(&a))) {
        goto done;
    }
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *ln = (const char *)c->name;
        if (strcmp(ln, "title") == 0) {
            rc = set_text_of(&a->title, c);
        } else if (strcmp(ln, "link") == 0) {
            rc = set_text_of(&a->url, c);
        } else if (strcmp(ln, "pubDate") == 0 || strcmp(ln, "date") == 0) {
            rc = set_text_of(&a->date, c);
        } else if (strcmp(ln, "author") == 0 || strcmp(ln, "creator") == 0) {
            rc = set_text_of(&a->byline, c);
        } else if (strcmp(ln, "guid") == 0 && !guid) {
            guid = kg_html_node_text(c, &rc);
        } else if (strcmp(ln, "encoded") == 0 && c->ns && c->ns->href &&
                   strcmp((const char *)c->ns->href, NS_CONTENT) == 0) {
            encoded = c;
        } else if (strcmp(ln, "description") == 0) {
            description = c;
        }
        if (rc) {
            goto done;
        }
    }
    const xmlNode *content = encoded ? encoded : description;
    if (content && (html = raw_text(content, &rc)) &&
        (rc = html_body(a, html, strlen(html), name))) {
        goto done;
    }
    if (rc || (rc = finish_item(a, name, f->n, guid)) || (rc = add_item(f, a))) {
        goto done;
    }
    a = NULL;
done:
    kg_free(html);
    kg_free(guid);
    kg_article_free(a);
    return rc;
}

/* ---------------------------------------------------------------- Atom */

/* Atom text constructs: type="xhtml" holds markup as elements, "html" holds
 * escaped markup, "text" (the default) plain text. */
static int atom_body(kg_article *a, const xmlNode *c, const char *name)
{
    int rc = KG_OK;
    char *text = NULL;
    xmlBufferPtr buf = NULL;
    const char *type = kg_html_attr(c, "type");
    if (type && strcmp(type, "xhtml") == 0) {
        if (!(buf = xmlBufferCreate())) {
            rc = kg_error_set(KG_ENOMEM, "%s: out of memory", name);
            goto done;
        }
        for (xmlNode *k = c->children; k; k = k->next) {
            if (xmlNodeDump(buf, c->doc, k, 0, 0) < 0) {
                rc = kg_error_set(KG_ELIB, "%s: cannot serialise xhtml content", name);
                goto done;
            }
        }
        rc = html_body(a, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf), name);
    } else if ((text = raw_text(c, &rc))) {
        if (type && (strcmp(type, "html") == 0 || strstr(type, "html"))) {
            rc = html_body(a, text, strlen(text), name);
        } else {
            kg_free(a->text);
            a->text = NULL;
            rc = kg_html_text_body(&a->text, text, strlen(text), 1);
        }
    }
done:
    if (buf) {
        xmlBufferFree(buf);
    }
    kg_free(text);
    return rc;
}

static int read_atom_entry(kg_feed *f, const xmlNode *entry, const char *name)
{
    int rc = KG_OK;
    kg_article *a = NULL;
    char *atom_id = NULL;
    const xmlNode *content = NULL, *summary = NULL;

    if ((rc = kg_article_new(&a))) {
        goto done;
    }
    for (const xmlNode *c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *ln = (const char *)c->name;
        if (strcmp(ln, "title") == 0) {
            rc = set_text_of(&a->title, c);
        } else if (strcmp(ln, "link") == 0) {
            const char *rel = kg_html_attr(c, "rel"), *href = kg_html_attr(c, "href");
            if (href && (!rel || strcmp(rel, "alternate") == 0)) {
                rc = kg_html_set_field(&a->url, href);
            }
        } else if (strcmp(ln, "published") == 0) {
            rc = set_text_of(&a->date, c);
        } else if (strcmp(ln, "author") == 0) {
            const xmlNode *nm = child(c, "name");
            rc = set_text_of(&a->byline, nm ? nm : c);
        } else if (strcmp(ln, "id") == 0 && !atom_id) {
            atom_id = kg_html_node_text(c, &rc);
        } else if (strcmp(ln, "content") == 0) {
            content = c;
        } else if (strcmp(ln, "summary") == 0) {
            summary = c;
        }
        if (rc) {
            goto done;
        }
    }
    /* "updated" only when nothing says when it was published */
    const xmlNode *upd = child(entry, "updated");
    if ((upd && (rc = set_text_of(&a->date, upd))) ||
        ((content || summary) && (rc = atom_body(a, content ? content : summary, name))) ||
        (rc = finish_item(a, name, f->n, atom_id)) || (rc = add_item(f, a))) {
        goto done;
    }
    a = NULL;
done:
    kg_free(atom_id);
    kg_article_free(a);
    return rc;
}

/* ------------------------------------------------------------- sitemaps */

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The local path a sitemap <loc> names, or *out NULL when it names
 * something that is not a local file. Relative paths are resolved against
 * base_dir; file:// URLs (of this host) are percent-decoded. */
static int local_path(char **out, const char *loc, const char *base_dir)
{
    int rc = KG_OK;
    kg_strbuf b = KG_STRBUF_INIT;
    const char *p = loc;
    int is_url = 0;

    *out = NULL;
    if (*p == '\0') {
        goto done;
    }
    if (strncmp(p, "file://", 7) == 0) {
        p += 7;
        if (strncmp(p, "localhost/", 10) == 0) {
            p += 9;
        }
        if (*p != '/') {
            goto done; /* file://otherhost/... */
        }
        is_url = 1;
    } else {
        /* any other scheme ("http:", "ftp:", "data:", ...) is not local */
        const char *q = p;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
               *q == '+' || *q == '-' || *q == '.') {
            q++;
        }
        if (*q == ':' && q > p) {
            goto done;
        }
        if (*p != '/' && base_dir && *base_dir &&
            ((rc = kg_strbuf_puts(&b, base_dir)) ||
             (b.data[b.len - 1] != '/' && (rc = kg_strbuf_putc(&b, '/'))))) {
            goto done;
        }
    }
    for (; *p; p++) {
        char c = *p;
        if (is_url && c == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            p += 2;
            if (c == '\0') {
                goto done; /* %00: no file has that name */
            }
        } else if (is_url && (c == '?' || c == '#')) {
            break;
        }
        if ((rc = kg_strbuf_putc(&b, c))) {
            goto done;
        }
    }
    if (!(*out = kg_strbuf_detach(&b))) {
        rc = KG_ENOMEM;
    }
done:
    kg_strbuf_free(&b);
    return rc;
}

/* The directory part of a path ("." when it has none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        return kg_strdup(".");
    }
    if (slash == path) {
        return kg_strdup("/");
    }
    return kg_strndup(path, (size_t)(slash - path));
}

static int read_xml(kg_feed *f, const char *xml, size_t len, const char *name, const char *base_dir,
                    int depth);

/* Reads the local file a sitemap names: a page, a text, or (from a sitemap
 * index) another sitemap. */
static int read_sitemap_file(kg_feed *f, const char *path, const char *lastmod, int depth)
{
    int rc = KG_OK;
    char *data = NULL, *dir = NULL;
    size_t len = 0;
    kg_article *a = NULL;

    if ((rc = kg_file_read(path, MAX_FILE, &data, &len))) {
        goto done;
    }
    int kind = kg_html_sniff(data, len);
    if (kind == KG_INPUT_FEED) {
        if (depth >= MAX_DEPTH) {
            rc = kg_error_set(KG_EINPUT, "%s: sitemaps nested more than %d deep", path, MAX_DEPTH);
            goto done;
        }
        if (!(dir = dir_of(path))) {
            rc = KG_ENOMEM;
            goto done;
        }
        rc = read_xml(f, data, len, path, dir, depth + 1);
        goto done;
    }
    if (kind == KG_INPUT_HTML) {
        if ((rc = kg_html_extract(&a, data, len, path))) {
            goto done;
        }
    } else {
        if ((rc = kg_article_new(&a)) || (rc = kg_html_text_body(&a->text, data, len, 1)) ||
            (rc = kg_html_set_field(&a->id, path))) {
            goto done;
        }
    }
    if ((rc = kg_html_set_field(&a->date, lastmod)) || (rc = add_item(f, a))) {
        goto done;
    }
    a = NULL;
done:
    kg_free(data);
    kg_free(dir);
    kg_article_free(a);
    return rc;
}

static int read_sitemap(kg_feed *f, const xmlNode *root, const char *name, const char *base_dir,
                        int depth)
{
    int rc = KG_OK;
    char *loc = NULL, *mod = NULL, *path = NULL;
    const char *entry_name = is_elem(root, "sitemapindex") ? "sitemap" : "url";
    for (const xmlNode *u = root->children; u; u = u->next) {
        if (!is_elem(u, entry_name)) {
            continue;
        }
        const xmlNode *locn = child(u, "loc"), *modn = child(u, "lastmod");
        if ((locn && !(loc = kg_html_node_text(locn, &rc)) && rc) ||
            (modn && !(mod = kg_html_node_text(modn, &rc)) && rc) ||
            (loc && (rc = local_path(&path, loc, base_dir)))) {
            goto done;
        }
        if (loc && !path) {
            f->skipped++;
        }
        if (path && (rc = read_sitemap_file(f, path, mod, depth))) {
            if (rc != KG_ENOMEM) {
                kg_error_prefix(rc, name);
            }
            goto done;
        }
        kg_free(loc);
        kg_free(mod);
        kg_free(path);
        loc = mod = path = NULL;
    }
done:
    kg_free(loc);
    kg_free(mod);
    kg_free(path);
    return rc;
}

/* ---------------------------------------------------------------- parse */

/* External entities and DTDs are never loaded, whatever the document asks. */
static xmlParserInputPtr refuse_entity(void *ctx, const xmlChar *public_id,
                                       const xmlChar *system_id)
{
    (void)ctx;
    (void)public_id;
    (void)system_id;
    return NULL;
}

static int read_xml(kg_feed *f, const char *xml, size_t len, const char *name, const char *base_dir,
                    int depth)
{
    int rc = KG_OK;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;

    if (len > INT_MAX) {
        rc = kg_error_set(KG_EINPUT, "%s: feed too large (%zu bytes)", name, len);
        goto done;
    }
    if (!(ctxt = xmlNewParserCtxt())) {
        rc = kg_error_set(KG_ENOMEM, "%s: out of memory creating the XML parser", name);
        goto done;
    }
    ctxt->sax->serror = kg_xml_ignore_error;
    ctxt->sax->resolveEntity = refuse_entity;
    /* no XML_PARSE_NOENT (entity substitution), no DTDLOAD/DTDATTR/DTDVALID */
    kg_xml_quiet quiet;
    kg_xml_quiet_begin(&quiet);
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    kg_xml_quiet_end(&quiet);
    if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        const char *msg = e && e->message ? e->message : "parse error";
        rc = kg_error_set(KG_EINPUT, "%s:%d: not well-formed XML (%.*s)", name, e ? e->line : 0,
                          (int)strcspn(msg, "\n"), msg);
        goto done;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    int kind = 0;
    if (is_elem(root, "rss") || is_elem(root, "RDF")) {
        kind = KG_FEED_RSS;
    } else if (is_elem(root, "feed")) {
        kind = KG_FEED_ATOM;
    } else if (is_elem(root, "urlset") || is_elem(root, "sitemapindex")) {
        kind = KG_FEED_SITEMAP;
    }
    if (!kind) {
        rc = kg_error_set(KG_EINPUT, "%s: not an RSS or Atom feed or a sitemap (root <%s>)", name,
                          root && root->name ? (const char *)root->name : "none");
        goto done;
    }
    if (!f->kind) {
        f->kind = kind;
    }
    if (kind == KG_FEED_RSS) {
        /* RSS 2.0: rss/channel/item; RSS 1.0: rdf:RDF/item beside the channel */
        const xmlNode *channel = child(root, "channel");
        if (channel && !f->title && (rc = set_text_of(&f->title, child(channel, "title")))) {
            goto done;
        }
        for (int pass = 0; pass < 2 && !rc; pass++) {
            const xmlNode *parent = pass == 0 ? channel : root;
            for (const xmlNode *c = parent ? parent->children : NULL; c && !rc; c = c->next) {
                if (is_elem(c, "item")) {
                    rc = read_rss_item(f, c, name);
                }
            }
        }
    } else if (kind == KG_FEED_ATOM) {
        if (!f->title && (rc = set_text_of(&f->title, child(root, "title")))) {
            goto done;
        }
        for (const xmlNode *c = root->children; c && !rc; c = c->next) {
            if (is_elem(c, "entry")) {
                rc = read_atom_entry(f, c, name);
            }
        }
    } else {
        rc = read_sitemap(f, root, name, base_dir, depth);
    }
done:
    if (doc) {
        xmlFreeDoc(doc);
    }
    if (ctxt) {
        xmlFreeParserCtxt(ctxt);
    }
    return rc;
}

/* --------------------------------------------------------------- public */

int kg_feed_read(kg_feed **out, const char *xml, size_t len, const char *name, const char *base_dir)
{
    int rc = KG_OK;
    kg_feed *f = NULL;
    *out = NULL;
    if (!name) {
        name = "(feed)";
    }
    if (!(f = kg_calloc(1, sizeof *f))) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = read_xml(f, xml, len, name, base_dir, 0))) {
        goto done;
    }
    *out = f;
    f = NULL;
done:
    kg_feed_free(f);
    return rc;
}

int kg_feed_kind(const kg_feed *f)
{
    return f->kind;
}

const char *kg_feed_title(const kg_feed *f)
{
    return f->title;
}

size_t kg_feed_count(const kg_feed *f)
{
    return f->n;
}

const kg_article *kg_feed_item(const kg_feed *f, size_t i)
{
    return i < f->n ? f->items[i] : NULL;
}

size_t kg_feed_skipped(const kg_feed *f)
{
    return f->skipped;
}

void kg_feed_free(kg_feed *f)
{
    if (!f) {
        return;
    }
    for (size_t i = 0; i < f->n; i++) {
        kg_article_free(f->items[i]);
    }
    kg_free(f->items);
    kg_free(f->title);
    kg_free(f);
}
