/* html_meta.c - a page's metadata: title, byline, publication date and
 * canonical address, from <meta> (Open Graph, article:*, author, Dublin Core
 * and the usual publishers' names), <link rel=canonical>, <title>, <time>,
 * byline-named elements and JSON-LD (schema.org NewsArticle) - read with just
 * enough JSON to pick out a few string values - which also gives the
 * articleBody that kg_html falls back on. */
#include "html_internal.h"

#include <string.h>

/* ---- JSON-LD: just enough JSON to read a few string values ---- */

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char h = p[k];
        int d = h >= '0' && h <= '9'   ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                       : -1;
        if (d < 0) {
            return 0;
        }
        *v = *v * 16 + (unsigned)d;
    }
    return 1;
}

/* Decodes the JSON string literal at p (its opening quote) into b, escapes
 * and surrogate pairs included (a lone surrogate becomes U+FFFD). Returns 0,
 * KG_ENOMEM, or KG_EINPUT when the literal is not terminated. */
static int json_decode_string(kg_strbuf *b, const char *p)
{
    if (*p++ != '"') {
        return KG_EINPUT;
    }
    for (; *p && *p != '"'; p++) {
        char c = *p;
        if (c == '\\') {
            p++;
            switch (*p) {
            case 'n':
                c = '\n';
                break;
            case 't':
            case 'r':
            case 'b':
            case 'f':
                c = ' ';
                break;
            case 'u': {
                unsigned cp, lo;
                if (!hex4(p + 1, &cp)) {
                    return KG_EINPUT;
                }
                p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && p[1] == '\\' && p[2] == 'u' &&
                    hex4(p + 3, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                char u8[4];
                if (kg_strbuf_append(b, u8, kg_utf8_encode(cp, u8))) {
                    return KG_ENOMEM;
                }
                continue;
            }
            case '\0':
                return KG_EINPUT;
            default:
                c = *p; /* \" \\ \/ */
            }
        }
        if (kg_strbuf_putc(b, c)) {
            return KG_ENOMEM;
        }
    }
    return *p == '"' ? KG_OK : KG_EINPUT;
}

/* The value after the first "key": in s (white space skipped), or NULL. */
static const char *json_value_of(const char *s, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = strchr(s, '"'); p; p = strchr(p + 1, '"')) {
        if (strncmp(p + 1, key, kl) != 0 || p[kl + 1] != '"') {
            continue;
        }
        const char *v = p + kl + 2;
        while (html_is_space((unsigned char)*v)) {
            v++;
        }
        if (*v != ':') {
            continue;
        }
        v++;
        while (html_is_space((unsigned char)*v)) {
            v++;
        }
        return v;
    }
    return NULL;
}

/* The string value of "key" in a JSON-LD text, squashed to one line; an
 * object or array value gives its first "name" (authors). NULL when absent
 * or malformed (*rc set only when out of memory). Ownership: caller kg_frees. */
static char *json_string_after(const char *s, const char *key, int *rc)
{
    const char *v = json_value_of(s, key);
    if (v && (*v == '{' || *v == '[')) {
        const char *name = json_value_of(v, "name");
        const char *end = strchr(v, *v == '{' ? '}' : ']');
        v = name && (!end || name < end) ? name : NULL;
    }
    if (!v || *v != '"') {
        return NULL;
    }
    kg_strbuf b = KG_STRBUF_INIT;
    kg_strbuf_init(&b, 4096);
    int r = json_decode_string(&b, v);
    char *out = NULL;
    if (r == KG_ENOMEM) {
        *rc = KG_ENOMEM;
    } else if (r == KG_OK && b.len) {
        out = kg_html_squash(b.data, b.len, rc);
    }
    kg_strbuf_free(&b);
    return out;
}

/* Keeps in *best the longest "articleBody" string of a JSON-LD text. */
static int json_article_body(kg_strbuf *best, const char *s)
{
    const char *v = json_value_of(s, "articleBody");
    if (!v || *v != '"') {
        return KG_OK;
    }
    kg_strbuf b = KG_STRBUF_INIT;
    kg_strbuf_init(&b, (size_t)1 << 24);
    int r = json_decode_string(&b, v);
    if (r == KG_OK && b.len > best->len) {
        kg_strbuf_free(best);
        *best = b;
        return KG_OK;
    }
    kg_strbuf_free(&b);
    return r == KG_ENOMEM ? KG_ENOMEM : KG_OK;
}

static int is_byline_name(const char *v)
{
    if (!v) {
        return 0;
    }
    return html_icontains(v, "byline") || html_icontains(v, "author") ||
           html_icontains(v, "writer");
}

/* <meta> names (property, name or itemprop) that carry the author and the
 * publication date: Open Graph, Dublin Core, schema.org microdata and the
 * names of common publishing systems. */
static const char *const author_keys[] = {"author",          "article:author", "byl", "dc.creator",
                                          "sailthru.author", "parsely-author", NULL};
static const char *const date_keys[] = {"article:published_time",
                                        "datepublished",
                                        "date",
                                        "pubdate",
                                        "publishdate",
                                        "dc.date",
                                        "dc.date.issued",
                                        "sailthru.date",
                                        "parsely-pub-date",
                                        "og:published_time",
                                        "publish-date",
                                        NULL};

static int key_in(const char *key, const char *const *list)
{
    for (; *list; list++) {
        if (html_ieq(key, *list)) {
            return 1;
        }
    }
    return 0;
}

/* What the page offers for each field; the first of each kind is kept. */
typedef struct meta {
    const char *og_title, *title_tag;
    const char *author;
    const char *date, *time_el;
    const char *canonical, *og_url;
} meta;

/* The element after n in document order under root, or NULL. */
static const xmlNode *next_element(const xmlNode *n, const xmlNode *root)
{
    if (n->children) {
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE) {
                return c;
            }
        }
    }
    for (; n && n != root; n = n->parent) {
        for (const xmlNode *s = n->next; s; s = s->next) {
            if (s->type == XML_ELEMENT_NODE) {
                return s;
            }
        }
    }
    return NULL;
}

int kg_html_read_meta(kg_article *a, kg_strbuf *ld_body, const xmlNode *root)
{
    int rc = KG_OK;
    char *ld_date = NULL, *ld_author = NULL;
    meta mv = {0};
    meta *m = &mv;
    for (const xmlNode *n = root; n; n = next_element(n, root)) {
        const char *nm = (const char *)n->name;
        if (!nm) {
            continue;
        }
        if (strcmp(nm, "meta") == 0) {
            const char *key = kg_html_attr(n, "property");
            if (!key) {
                key = kg_html_attr(n, "name");
            }
            if (!key) {
                key = kg_html_attr(n, "itemprop");
            }
            const char *content = kg_html_attr(n, "content");
            if (!key || !content || !*content) {
                continue;
            }
            if (html_ieq(key, "og:title") && !m->og_title) {
                m->og_title = content;
            } else if (key_in(key, author_keys) && !m->author && strncmp(content, "http", 4) != 0) {
                m->author = content; /* article:author is sometimes a profile URL */
            } else if (key_in(key, date_keys) && !m->date) {
                m->date = content;
            } else if (html_ieq(key, "og:url") && !m->og_url) {
                m->og_url = content;
            }
        } else if (strcmp(nm, "link") == 0) {
            const char *rel = kg_html_attr(n, "rel"), *href = kg_html_attr(n, "href");
            if (rel && href && *href && html_ieq(rel, "canonical") && !m->canonical) {
                m->canonical = href;
            }
        } else if (strcmp(nm, "title") == 0 && !m->title_tag) {
            if (n->children && n->children->content) {
                m->title_tag = (const char *)n->children->content;
            }
        } else if (strcmp(nm, "time") == 0 && !m->time_el) {
            const char *dt = kg_html_attr(n, "datetime");
            if (dt && *dt) {
                m->time_el = dt;
            }
        } else if (strcmp(nm, "script") == 0) {
            const char *type = kg_html_attr(n, "type");
            if (type && html_icontains(type, "ld+json") && n->children && n->children->content) {
                const char *js = (const char *)n->children->content;
                if (!ld_date && !(ld_date = json_string_after(js, "datePublished", &rc)) && rc) {
                    goto done;
                }
                if (!ld_author && !(ld_author = json_string_after(js, "author", &rc)) && rc) {
                    goto done;
                }
                if ((rc = json_article_body(ld_body, js))) {
                    goto done;
                }
            }
        }
    }
    /* a visible byline element, when no <meta> names the author */
    for (const xmlNode *n = root; n && !m->author && !ld_author && !a->byline;
         n = next_element(n, root)) {
        const char *rel = kg_html_attr(n, "rel"), *ip = kg_html_attr(n, "itemprop");
        if ((rel && html_ieq(rel, "author")) || (ip && html_ieq(ip, "author")) ||
            is_byline_name(kg_html_attr(n, "class"))) {
            char *t = kg_html_node_text(n, &rc);
            if (rc) {
                goto done;
            }
            if (t && strlen(t) <= 120) {
                a->byline = t;
            } else {
                kg_free(t);
            }
        }
    }
    if ((rc = kg_html_set_field(&a->title, m->og_title)) ||
        (rc = kg_html_set_field(&a->title, m->title_tag))) {
        goto done;
    }
    if ((rc = kg_html_set_field(&a->byline, m->author)) ||
        (rc = kg_html_set_field(&a->byline, ld_author))) {
        goto done;
    }
    if ((rc = kg_html_set_field(&a->date, m->date)) ||
        (rc = kg_html_set_field(&a->date, ld_date)) ||
        (rc = kg_html_set_field(&a->date, m->time_el))) {
        goto done;
    }
    /* a relative canonical link is less use than an absolute og:url */
    if (m->canonical && strstr(m->canonical, "://")) {
        rc = kg_html_set_field(&a->url, m->canonical);
    }
    if (!rc) {
        rc = kg_html_set_field(&a->url, m->og_url);
    }
    if (!rc) {
        rc = kg_html_set_field(&a->url, m->canonical);
    }
    if (rc) {
        goto done;
    }
    if (a->byline) {
        /* "By Jane Doe" -> "Jane Doe" */
        char *b = a->byline;
        if ((b[0] == 'B' || b[0] == 'b') && b[1] == 'y' && b[2] == ' ') {
            memmove(b, b + 3, strlen(b + 3) + 1);
        }
    }
done:
    kg_free(ld_date);
    kg_free(ld_author);
    return rc;
}
