/* html_input.c - what input bytes are: sniffing text, HTML and feeds apart,
 * and choosing a page's character encoding the way browsers do (byte order
 * mark, then the page's own <meta charset> or http-equiv declaration, with
 * windows-1252 for the Latin-1 labels and as the fallback; WHATWG Encoding
 * Standard), except that bytes which are valid UTF-8 are read as UTF-8. */
#include "html_internal.h"

#include <libxml/encoding.h>
#include <string.h>

/* Scans a tag's attribute text for charset=NAME (as in <meta charset=...> and
 * in content="text/html; charset=..."), copying NAME into enc. */
static int find_charset(const char *s, size_t n, char *enc, size_t cap)
{
    static const char key[] = "charset";
    for (size_t i = 0; i + sizeof key - 1 < n; i++) {
        size_t k = 0;
        while (k < sizeof key - 1 && html_lower((unsigned char)s[i + k]) == (unsigned char)key[k]) {
            k++;
        }
        if (k < sizeof key - 1) {
            continue;
        }
        size_t j = i + k;
        while (j < n && html_is_space((unsigned char)s[j])) {
            j++;
        }
        if (j >= n || s[j] != '=') {
            continue;
        }
        j++;
        while (j < n && (html_is_space((unsigned char)s[j]) || s[j] == '"' || s[j] == '\'')) {
            j++;
        }
        size_t o = 0;
        while (j < n && o + 1 < cap &&
               (((unsigned char)s[j] >= 'a' && (unsigned char)s[j] <= 'z') ||
                ((unsigned char)s[j] >= 'A' && (unsigned char)s[j] <= 'Z') ||
                ((unsigned char)s[j] >= '0' && (unsigned char)s[j] <= '9') ||
                strchr("-_.:", s[j]))) {
            enc[o++] = s[j++];
        }
        enc[o] = '\0';
        if (o > 0) {
            return 1;
        }
    }
    return 0;
}

/* The encoding the page declares in <meta> or <?xml?> within its first 64 KiB. */
static int declared_encoding(const char *s, size_t n, char *enc, size_t cap)
{
    if (n > 65536) {
        n = 65536;
    }
    if (n >= 5 && memcmp(s, "<?xml", 5) == 0) {
        const char *e = memchr(s, '>', n);
        if (e) {
            /* encoding="..." in the XML declaration */
            for (const char *p = s; p + 8 < e; p++) {
                if (memcmp(p, "encoding", 8) == 0) {
                    const char *q = p + 8;
                    while (q < e && (html_is_space((unsigned char)*q) || *q == '=' || *q == '"' ||
                                     *q == '\'')) {
                        q++;
                    }
                    size_t o = 0;
                    while (q < e && o + 1 < cap && *q != '"' && *q != '\'' &&
                           !html_is_space((unsigned char)*q) && *q != '?') {
                        enc[o++] = *q++;
                    }
                    enc[o] = '\0';
                    if (o > 0) {
                        return 1;
                    }
                }
            }
        }
    }
    for (size_t i = 0; i + 5 < n; i++) {
        static const char tag[] = "<meta";
        size_t k = 0;
        while (k < 5 && html_lower((unsigned char)s[i + k]) == (unsigned char)tag[k]) {
            k++;
        }
        if (k < 5 || !html_is_space((unsigned char)s[i + 5])) {
            continue;
        }
        const char *e = memchr(s + i, '>', n - i);
        size_t tl = e ? (size_t)(e - (s + i)) : n - i;
        if (find_charset(s + i, tl, enc, cap)) {
            return 1;
        }
    }
    return 0;
}

/* windows-1252 to UTF-8, as the WHATWG Encoding standard maps it (0x80-0x9F
 * to typographic characters, the five unassigned bytes to C1 controls, the
 * rest to the same Latin-1 code point). Never fails on input. */
int kg_html_decode_cp1252(char **out, size_t *out_len, const char *s, size_t n)
{
    static const uint16_t high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    if (n > (SIZE_MAX - 1) / 3) {
        return kg_error_set(KG_ENOMEM, "page too large to decode");
    }
    char *d = kg_malloc(n * 3 + 1);
    if (!d) {
        return KG_ENOMEM;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c;
        o += kg_utf8_encode(cp, d + o);
    }
    d[o] = '\0';
    *out = d;
    *out_len = o;
    return KG_OK;
}

/* Chooses the encoding to parse with; writes a libxml2/iconv name into enc. */
void kg_html_choose_encoding(const char *s, size_t n, char *enc, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(enc, cap, "UTF-8");
        return;
    }
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        snprintf(enc, cap, "UTF-16LE");
        return;
    }
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        snprintf(enc, cap, "UTF-16BE");
        return;
    }
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++) {
        ascii = u[i] < 0x80;
    }
    /* Pages are often re-saved as UTF-8 with the old declaration left in; a
     * non-ASCII text that is valid UTF-8 is practically never anything else. */
    if (ascii || kg_utf8_valid(s, n, NULL)) {
        snprintf(enc, cap, "UTF-8");
        return;
    }
    char decl[64];
    if (declared_encoding(s, n, decl, sizeof decl)) {
        /* WHATWG: the Latin-1 and ASCII labels mean windows-1252 */
        static const char *const latin[] = {
            "iso-8859-1", "iso8859-1",  "latin1", "latin-1",      "l1",     "us-ascii", "ascii",
            "cp819",      "iso_8859-1", "ibm819", "windows-1252", "cp1252", "x-cp1252", NULL};
        int is_latin = 0;
        for (const char *const *l = latin; *l && !is_latin; l++) {
            is_latin = html_ieq(decl, *l);
        }
        if (!is_latin && !html_icontains(decl, "utf-16") && !html_icontains(decl, "utf-32") &&
            !html_ieq(decl, "utf-8") && !html_ieq(decl, "utf8")) {
            xmlCharEncodingHandler *h = xmlFindCharEncodingHandler(decl);
            if (h) {
                xmlCharEncCloseFunc(h);
                snprintf(enc, cap, "%s", decl);
                return;
            }
        }
    }
    snprintf(enc, cap, "windows-1252");
}

/* ------------------------------------------------------------- sniffing */

int kg_html_sniff(const char *bytes, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    size_t i = 0;
    if (n >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
        (unsigned char)bytes[2] == 0xBF) {
        i = 3;
    }
    /* skip white space, the XML declaration, comments, PIs and the doctype,
     * remembering whether the doctype said html */
    int doctype_html = 0, xml = 0;
    for (;;) {
        while (i < n && html_is_space((unsigned char)bytes[i])) {
            i++;
        }
        if (i + 1 >= n || bytes[i] != '<') {
            break;
        }
        if (bytes[i + 1] == '?') {
            xml = 1;
            const char *e = memchr(bytes + i, '>', n - i);
            if (!e) {
                break;
            }
            i = (size_t)(e - bytes) + 1;
        } else if (i + 3 < n && memcmp(bytes + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 2 < n && memcmp(bytes + j, "-->", 3) != 0) {
                j++;
            }
            if (j + 2 >= n) {
                break;
            }
            i = j + 3;
        } else if (bytes[i + 1] == '!') {
            /* a doctype, possibly with an internal subset in [...] */
            const char *e = memchr(bytes + i, '>', n - i);
            const char *sub = memchr(bytes + i, '[', n - i);
            if (sub && e && sub < e) {
                const char *close = memchr(sub, ']', n - (size_t)(sub - bytes));
                e = close ? memchr(close, '>', n - (size_t)(close - bytes)) : NULL;
            }
            if (i + 14 <= n) {
                char d[15];
                for (int k = 0; k < 14; k++) {
                    d[k] = (char)html_lower((unsigned char)bytes[i + (size_t)k]);
                }
                d[14] = '\0';
                if (strncmp(d, "<!doctype html", 14) == 0) {
                    doctype_html = 1;
                }
            }
            if (!e) {
                break;
            }
            i = (size_t)(e - bytes) + 1;
        } else {
            break;
        }
    }
    if (doctype_html) {
        return KG_INPUT_HTML;
    }
    if (i < n && bytes[i] == '<') {
        char root[32];
        size_t k = 0, j = i + 1;
        while (j < n && k + 1 < sizeof root &&
               (((unsigned char)bytes[j] >= 'a' && (unsigned char)bytes[j] <= 'z') ||
                ((unsigned char)bytes[j] >= 'A' && (unsigned char)bytes[j] <= 'Z') ||
                ((unsigned char)bytes[j] >= '0' && (unsigned char)bytes[j] <= '9') ||
                bytes[j] == ':' || bytes[j] == '-' || bytes[j] == '_')) {
            root[k++] = (char)html_lower((unsigned char)bytes[j++]);
        }
        root[k] = '\0';
        const char *local = strchr(root, ':') ? strchr(root, ':') + 1 : root;
        if (strcmp(local, "rss") == 0 || strcmp(local, "rdf") == 0 || strcmp(local, "feed") == 0 ||
            strcmp(local, "urlset") == 0 || strcmp(local, "sitemapindex") == 0) {
            return KG_INPUT_FEED;
        }
        if (strcmp(local, "html") == 0) {
            return KG_INPUT_HTML;
        }
        if (xml) {
            return KG_INPUT_TEXT;
        }
    }
    /* a fragment: common HTML tags near the start */
    static const char *const marks[] = {"<html", "<head",   "<body",   "<div",     "<p>",
                                        "<p ",   "<meta ",  "<title>", "<article", "<br>",
                                        "<br/>", "<script", "<table",  "<span",    NULL};
    int hits = 0;
    for (const char *const *m = marks; *m; m++) {
        size_t ml = strlen(*m);
        for (size_t p = 0; p + ml <= n; p++) {
            size_t q = 0;
            while (q < ml && html_lower((unsigned char)bytes[p + q]) == (unsigned char)(*m)[q]) {
                q++;
            }
            if (q == ml) {
                hits++;
                break;
            }
        }
    }
    return hits >= 2 ? KG_INPUT_HTML : KG_INPUT_TEXT;
}
