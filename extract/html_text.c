/* html_text.c - text helpers shared by the HTML and feed readers: white
 * space as pages use it (no-break and zero-width spaces, soft hyphens), the
 * text of a subtree, plain text as an article body, articles themselves, and
 * keeping libxml2 from printing. */
#include "html_internal.h"
#include "kg_furniture.h"

#include <string.h>

/* Length of a white-space or invisible character at s (0 if none): ASCII
 * white space, no-break space; *drop is set for characters that vanish
 * (zero-width spaces and joiners, soft hyphen, BOM) rather than separate. */
size_t kg_html_space_at(const unsigned char *s, size_t n, int *drop)
{
    *drop = 0;
    if (n == 0) {
        return 0;
    }
    if (html_is_space(s[0])) {
        return 1;
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
        return 2;
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAD) {
        *drop = 1;
        return 2;
    }
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0x8C || s[2] == 0x8D)) {
        *drop = 1;
        return 3;
    }
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *drop = 1;
        return 3;
    }
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) {
        return 3; /* line/paragraph separator, narrow no-break space */
    }
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
        return 3; /* ideographic space */
    }
    return 0;
}

char *kg_html_squash(const char *s, size_t n, int *rc)
{
    kg_strbuf b = KG_STRBUF_INIT;
    int space = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int drop;
        size_t k = kg_html_space_at(u + i, n - i, &drop);
        if (k) {
            if (!drop) {
                space = b.len > 0;
            }
            i += k;
            continue;
        }
        if ((space && kg_strbuf_putc(&b, ' ')) || kg_strbuf_putc(&b, s[i])) {
            *rc = KG_ENOMEM;
            return NULL;
        }
        space = 0;
        i++;
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

static int collect_text(kg_strbuf *b, const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && kg_strbuf_puts(b, (const char *)c->content)) {
                return KG_ENOMEM;
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            if (c->name && (html_ieq((const char *)c->name, "script") ||
                            html_ieq((const char *)c->name, "style"))) {
                continue;
            }
            if (kg_strbuf_putc(b, ' ') || collect_text(b, c)) {
                return KG_ENOMEM;
            }
        }
    }
    return KG_OK;
}

char *kg_html_node_text(const xmlNode *node, int *rc)
{
    kg_strbuf b = KG_STRBUF_INIT;
    kg_strbuf_init(&b, (size_t)1 << 26);
    if (collect_text(&b, node)) {
        *rc = KG_ENOMEM;
        return NULL;
    }
    char *r = kg_html_squash(b.data ? b.data : "", b.len, rc);
    kg_strbuf_free(&b);
    return r;
}

int kg_html_set_field(char **dst, const char *value)
{
    if (*dst || !value) {
        return KG_OK;
    }
    int rc = KG_OK;
    *dst = kg_html_squash(value, strlen(value), &rc);
    return rc;
}

/* The value of attribute name (lower case) of an element: its text, "" when
 * it has none, NULL when absent. Ownership: borrowed from the tree. */
const char *kg_html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->type == XML_TEXT_NODE && a->children->content) {
                return (const char *)a->children->content;
            }
            return "";
        }
    }
    return NULL;
}

int kg_html_text_body(char **out, const char *text, size_t len, int drop_repeats)
{
    int rc = KG_OK;
    kg_range *r = NULL;
    size_t n = 0;
    kg_strbuf b = KG_STRBUF_INIT;
    kg_furniture_options fo = KG_FURNITURE_OPTIONS_INIT;
    fo.drop_repeats = drop_repeats;
    *out = NULL;
    if ((rc = kg_furniture_filter_opts(&r, &n, text, len, &fo))) {
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if ((i && (rc = kg_strbuf_append(&b, "\n\n", 2))) ||
            (rc = kg_strbuf_append(&b, text + r[i].start, r[i].end - r[i].start))) {
            goto done;
        }
    }
    if (!(*out = kg_strbuf_detach(&b))) {
        rc = KG_ENOMEM;
    }
done:
    kg_free(r);
    kg_strbuf_free(&b);
    return rc;
}

int kg_article_new(kg_article **out)
{
    *out = kg_calloc(1, sizeof **out);
    return *out ? KG_OK : KG_ENOMEM;
}

void kg_article_free(kg_article *a)
{
    if (!a) {
        return;
    }
    kg_free(a->text);
    kg_free(a->title);
    kg_free(a->byline);
    kg_free(a->date);
    kg_free(a->url);
    kg_free(a->id);
    kg_free(a);
}

void kg_xml_ignore_error(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void kg_xml_quiet_begin(kg_xml_quiet *saved)
{
    saved->func = xmlGenericError;
    saved->ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet_generic);
}

void kg_xml_quiet_end(const kg_xml_quiet *saved)
{
    xmlSetGenericErrorFunc(saved->ctx, saved->func);
}
