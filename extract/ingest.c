/* ingest.c - from input bytes to a normalised kg_document.
 *
 * Normalisation only ever shortens or keeps the length of a character (’ → ',
 * “ → ", — → --, NBSP → space, … → ..., CRLF → LF, zero-width characters
 * dropped), so the pipeline's text is never longer than the input; each place
 * where the two drift apart is recorded as a kg_offset_point, from which
 * kg_document_orig_offset recovers original byte offsets exactly. */
#include "kg_ingest.h"

#include <string.h>

/* What a code point becomes in the pipeline's text: a replacement string,
 * "" to drop it, or NULL to keep it as it is. */
static const char *replacement(uint32_t cp, uint32_t prev, uint32_t next)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc:
        return "'";
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0x00ab: case 0x00bb:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2212:
        return "-";
    case 0x2013: case 0x2014: case 0x2015:
        /* a dash between digits is a range (2020–2021); elsewhere a dash in a sentence */
        return prev >= '0' && prev <= '9' && next >= '0' && next <= '9' ? "-" : "--";
    case 0x00a0: case 0x2007: case 0x202f: case 0x205f: case 0x3000: case 0x1680:
        return " ";
    case 0x2026:
        return "...";
    case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff: case 0x00ad:
        return "";
    default:
        if (cp >= 0x2000 && cp <= 0x200a)
            return " ";
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x0085)
            return "\n";
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
            return " ";
        return NULL;
    }
}

typedef struct writer {
    kg_document *doc;
    char *out;
    size_t len;
    size_t cap_points;
    int64_t shift; /* original offset minus text offset at the current point */
} writer;

static int note_point(writer *w, size_t text_off, size_t orig_off)
{
    int64_t shift = (int64_t)orig_off - (int64_t)text_off;
    if (shift == w->shift)
        return KG_OK;
    kg_document *d = w->doc;
    if (kg_grow((void **)&d->offsets, &w->cap_points, d->n_offsets + 1, sizeof *d->offsets))
        return KG_ENOMEM;
    d->offsets[d->n_offsets].text = (uint32_t)text_off;
    d->offsets[d->n_offsets].orig = (uint32_t)orig_off;
    d->n_offsets++;
    w->shift = shift;
    return KG_OK;
}

/* Binary content: NUL bytes, or many control characters in the first 4 KiB. */
static int looks_binary(const char *s, size_t len)
{
    if (memchr(s, '\0', len))
        return 1;
    size_t n = len < 4096 ? len : 4096, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ctrl++;
    }
    return ctrl * 20 > n; /* more than 5% control bytes */
}

static uint32_t peek(const char *s, size_t len, size_t i)
{
    uint32_t cp = 0;
    if (i >= len || kg_utf8_decode(s + i, len - i, &cp) == 0)
        return 0;
    return cp;
}

int kg_ingest_text(kg_document **out, const char *id, const char *bytes, size_t len)
{
    int rc = KG_OK;
    kg_document *d = NULL;
    writer w;
    memset(&w, 0, sizeof w);
    *out = NULL;

    if (len > KG_INGEST_MAX_BYTES)
        return kg_error_set(KG_EINPUT, "%s: input too large (%zu bytes; the limit is %zu)", id, len,
                            KG_INGEST_MAX_BYTES);
    if (len >= 2 && ((bytes[0] == '\xff' && bytes[1] == '\xfe') ||
                     (bytes[0] == '\xfe' && bytes[1] == '\xff')))
        return kg_error_set(KG_EINPUT, "%s: UTF-16 or UTF-32 text (byte-order mark); convert it "
                            "to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)", id);
    if (looks_binary(bytes, len))
        return kg_error_set(KG_EINPUT, "%s: binary file (contains NUL or control bytes), not text",
                            id);
    size_t bad = 0;
    if (!kg_utf8_valid(bytes, len, &bad))
        return kg_error_set(KG_EINPUT, "%s: invalid UTF-8 at byte %zu (convert the file to UTF-8)",
                            id, bad);

    rc = kg_document_new(&d, id);
    if (rc)
        goto done;
    w.doc = d;
    w.out = kg_malloc(len + 1);
    if (!w.out) {
        rc = KG_ENOMEM;
        goto done;
    }
    size_t i = 0;
    if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    uint32_t prev = 0;
    while (i < len) {
        unsigned char c = (unsigned char)bytes[i];
        uint32_t cp = c;
        size_t n = 1;
        const char *rep = NULL;
        if (c == '\r') {
            n = i + 1 < len && bytes[i + 1] == '\n' ? 2 : 1;
            rep = "\n";
        } else if (c >= 0x80) {
            n = kg_utf8_decode(bytes + i, len - i, &cp);
            rep = replacement(cp, prev, peek(bytes, len, i + n));
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            rep = " ";
        }
        if (note_point(&w, w.len, i)) {
            rc = KG_ENOMEM;
            goto done;
        }
        if (rep) {
            size_t k = strlen(rep);
            memcpy(w.out + w.len, rep, k);
            w.len += k;
            /* bytes after a shortened character map past it */
            if (k != n && note_point(&w, w.len, i + n)) {
                rc = KG_ENOMEM;
                goto done;
            }
        } else {
            memcpy(w.out + w.len, bytes + i, n);
            w.len += n;
        }
        prev = cp;
        i += n;
    }
    w.out[w.len] = '\0';
    d->text = w.out;
    d->len = w.len;
    w.out = NULL;
    *out = d;
    d = NULL;
done:
    kg_free(w.out);
    kg_document_free(d);
    return rc;
}

int kg_ingest_file(kg_document **out, const char *path)
{
    char *bytes = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = kg_file_read(path, KG_INGEST_MAX_BYTES, &bytes, &len);
    if (rc == KG_OK)
        rc = kg_ingest_text(out, strcmp(path, "-") == 0 ? "<stdin>" : path, bytes, len);
    kg_free(bytes);
    return rc;
}
