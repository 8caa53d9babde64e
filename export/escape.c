/* escape.c - every piece of text that leaves kgraph passes through one of
 * these: one escaper per output syntax (Graphviz escString, XML/HTML, JSON,
 * CSV, N-Triples/Turtle literals, IRIs). All of them first decode the text
 * as UTF-8 and replace what no output can carry: malformed sequences and
 * U+FFFE/U+FFFF become U+FFFD, C0/C1 control characters become spaces (a
 * newline is kept only where the caller asks for it). Each runs in one
 * linear pass, and `max` bounds how many input bytes are taken: longer text
 * is cut at a character boundary and marked with "...". */
#include "export_internal.h"

#include <string.h>

#define REPLACEMENT 0xFFFDu

/* The next code point of s[*i..n), advancing *i; malformed input gives
 * U+FFFD for one byte. */
static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
    uint32_t cp = 0;
    size_t k = kg_utf8_decode(s + *i, n - *i, &cp);
    if (k == 0) {
        *i += 1;
        return REPLACEMENT;
    }
    *i += k;
    if (cp == 0xFFFEu || cp == 0xFFFFu) {
        return REPLACEMENT;
    }
    return cp;
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* The code point as the output should see it before format escaping:
 * controls become spaces, newlines (and "\r\n" pieces) survive only with
 * KG_ESC_NEWLINES. Returns 0 when the character is dropped. */
static uint32_t normalise(uint32_t cp, unsigned flags)
{
    if (cp == '\n') {
        return (flags & KG_ESC_NEWLINES) ? '\n' : ' ';
    }
    if (cp == '\r') {
        return (flags & KG_ESC_NEWLINES) ? 0 : ' ';
    }
    if (is_control(cp)) {
        return ' ';
    }
    return cp;
}

static int put_cp(kg_strbuf *b, uint32_t cp)
{
    char tmp[4];
    size_t k = kg_utf8_encode(cp, tmp);
    return kg_strbuf_append(b, tmp, k);
}

/* One escaper per syntax: appends cp (already normalised) to b. */
typedef int (*emit_fn)(kg_strbuf *b, uint32_t cp);

static int emit_plain(kg_strbuf *b, uint32_t cp)
{
    return put_cp(b, cp);
}

static int emit_dot(kg_strbuf *b, uint32_t cp)
{
    if (cp == '\\') {
        return kg_strbuf_puts(b, "\\\\");
    }
    if (cp == '\n') {
        return kg_strbuf_puts(b, "\\n");
    }
    return put_cp(b, cp);
}

static int emit_xml(kg_strbuf *b, uint32_t cp)
{
    switch (cp) {
    case '&':
        return kg_strbuf_puts(b, "&amp;");
    case '<':
        return kg_strbuf_puts(b, "&lt;");
    case '>':
        return kg_strbuf_puts(b, "&gt;");
    case '"':
        return kg_strbuf_puts(b, "&quot;");
    case '\'':
        return kg_strbuf_puts(b, "&#39;");
    case '\n':
        return kg_strbuf_puts(b, "&#10;");
    default:
        return put_cp(b, cp);
    }
}

static int emit_json(kg_strbuf *b, uint32_t cp)
{
    switch (cp) {
    case '"':
        return kg_strbuf_puts(b, "\\\"");
    case '\\':
        return kg_strbuf_puts(b, "\\\\");
    case '\n':
        return kg_strbuf_puts(b, "\\n");
    /* safe inside an HTML <script> element and in JavaScript source */
    case '<':
    case '>':
    case '&':
    case '\'':
    case 0x2028:
    case 0x2029:
        return kg_strbuf_printf(b, "\\u%04x", (unsigned)cp);
    default:
        return put_cp(b, cp);
    }
}

static int emit_csv(kg_strbuf *b, uint32_t cp)
{
    if (cp == '"') {
        return kg_strbuf_puts(b, "\"\"");
    }
    return put_cp(b, cp);
}

static int emit_rdf(kg_strbuf *b, uint32_t cp)
{
    switch (cp) {
    case '"':
        return kg_strbuf_puts(b, "\\\"");
    case '\\':
        return kg_strbuf_puts(b, "\\\\");
    case '\n':
        return kg_strbuf_puts(b, "\\n");
    default:
        return put_cp(b, cp);
    }
}

/* IRIs: everything but ASCII letters, digits and '_' is percent-encoded
 * byte by byte, which also makes the text a valid Turtle local name. */
static int emit_iri(kg_strbuf *b, uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
        cp == '_') {
        return kg_strbuf_putc(b, (char)cp);
    }
    char tmp[4];
    size_t k = kg_utf8_encode(cp, tmp);
    for (size_t j = 0; j < k; j++) {
        if (kg_strbuf_printf(b, "%%%02X", (unsigned char)tmp[j])) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

static int escape(kg_strbuf *b, const char *s, unsigned flags, size_t max, emit_fn emit)
{
    if (!s) {
        return KG_OK;
    }
    size_t n = strlen(s), i = 0;
    size_t limit = max && max < n ? max : n;
    while (i < limit) {
        uint32_t cp = normalise(next_cp(s, n, &i), flags);
        if (cp && emit(b, cp)) {
            return KG_ENOMEM;
        }
    }
    if (i < n && kg_strbuf_puts(b, "...")) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

int kg_esc_clean(kg_strbuf *b, const char *s, unsigned flags, size_t max)
{
    return escape(b, s, flags, max, emit_plain);
}

int kg_esc_dot(kg_strbuf *b, const char *s, unsigned flags, size_t max)
{
    return escape(b, s, flags, max, emit_dot);
}

int kg_esc_xml(kg_strbuf *b, const char *s, unsigned flags, size_t max)
{
    return escape(b, s, flags, max, emit_xml);
}

int kg_esc_json(kg_strbuf *b, const char *s)
{
    if (kg_strbuf_putc(b, '"') || escape(b, s, KG_ESC_NEWLINES, 0, emit_json)) {
        return KG_ENOMEM;
    }
    return kg_strbuf_putc(b, '"');
}

int kg_esc_csv(kg_strbuf *b, const char *s)
{
    if (kg_strbuf_putc(b, '"') || escape(b, s, 0, 0, emit_csv)) {
        return KG_ENOMEM;
    }
    return kg_strbuf_putc(b, '"');
}

int kg_esc_rdf(kg_strbuf *b, const char *s)
{
    if (kg_strbuf_putc(b, '"') || escape(b, s, KG_ESC_NEWLINES, 0, emit_rdf)) {
        return KG_ENOMEM;
    }
    return kg_strbuf_putc(b, '"');
}

int kg_esc_iri(kg_strbuf *b, const char *s)
{
    return escape(b, s, 0, 0, emit_iri);
}

int kg_esc_short(kg_strbuf *b, const char *s, size_t max)
{
    if (!s) {
        return KG_OK;
    }
    size_t n = strlen(s);
    if (n <= max) {
        return kg_esc_clean(b, s, 0, 0);
    }
    /* cut at the last space before max, unless that loses most of it */
    size_t cut = max;
    while (cut > max / 2 && s[cut] != ' ') {
        cut--;
    }
    if (cut <= max / 2) {
        cut = max;
    }
    size_t start = b->len;
    if (escape(b, s, 0, cut, emit_plain)) {
        return KG_ENOMEM;
    }
    /* escape() marked the cut; drop a space left before the dots */
    if (b->len >= start + 4 && b->data[b->len - 4] == ' ') {
        b->len -= 4;
        b->data[b->len] = '\0';
        return kg_strbuf_puts(b, "...");
    }
    return KG_OK;
}
