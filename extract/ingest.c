/* ingest.c - from input bytes to normalised kg_documents: plain text (with
 * page furniture removed by kg_furniture), web pages and feeds (through
 * kg_html), and directories of such files.
 *
 * Normalisation only ever shortens or keeps the length of a character (’ → ',
 * “ → ", — → --, NBSP → space, … → ..., CRLF → LF, zero-width characters
 * dropped), so the pipeline's text is never longer than the input; each place
 * where the two drift apart is recorded as a kg_offset_point, from which
 * kg_document_orig_offset recovers original byte offsets exactly. */
#define _POSIX_C_SOURCE 200809L
#include "kg_furniture.h"
#include "kg_html.h"
#include "kg_ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* What a code point becomes in the pipeline's text: a replacement string,
 * "" to drop it, or NULL to keep it as it is. */
static const char *replacement(uint32_t cp, uint32_t prev, uint32_t next)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
    case 0x02bc:
        return "'";
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
    case 0x00ab:
    case 0x00bb:
        return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2212:
        return "-";
    case 0x2013:
    case 0x2014:
    case 0x2015:
        /* a dash between digits is a range (2020–2021); elsewhere a dash in a sentence */
        return prev >= '0' && prev <= '9' && next >= '0' && next <= '9' ? "-" : "--";
    case 0x00a0:
    case 0x2007:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0x1680:
        return " ";
    case 0x2026:
        return "...";
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
    case 0x00ad:
        return "";
    default:
        if (cp >= 0x2000 && cp <= 0x200a) {
            return " ";
        }
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x0085) {
            return "\n";
        }
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            return " ";
        }
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
    if (shift == w->shift) {
        return KG_OK;
    }
    kg_document *d = w->doc;
    if (kg_grow((void **)&d->offsets, &w->cap_points, d->n_offsets + 1, sizeof *d->offsets)) {
        return KG_ENOMEM;
    }
    d->offsets[d->n_offsets].text = (uint32_t)text_off;
    d->offsets[d->n_offsets].orig = (uint32_t)orig_off;
    d->n_offsets++;
    w->shift = shift;
    return KG_OK;
}

/* Binary content: NUL bytes, or many control characters in the first 4 KiB. */
static int looks_binary(const char *s, size_t len)
{
    if (memchr(s, '\0', len)) {
        return 1;
    }
    size_t n = len < 4096 ? len : 4096, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
            ctrl++;
        }
    }
    return ctrl * 20 > n; /* more than 5% control bytes */
}

static uint32_t peek(const char *s, size_t len, size_t i)
{
    uint32_t cp = 0;
    if (i >= len || kg_utf8_decode(s + i, len - i, &cp) == 0) {
        return 0;
    }
    return cp;
}

/* Rejects what is not text: UTF-16/32 byte-order marks and binary content. */
static int check_not_binary(const char *id, const char *bytes, size_t len)
{
    if (len > KG_INGEST_MAX_BYTES) {
        return kg_error_set(KG_EINPUT, "%s: input too large (%zu bytes; the limit is %zu)", id, len,
                            KG_INGEST_MAX_BYTES);
    }
    if (len >= 2 && ((bytes[0] == '\xff' && bytes[1] == '\xfe') ||
                     (bytes[0] == '\xfe' && bytes[1] == '\xff'))) {
        return kg_error_set(KG_EINPUT,
                            "%s: UTF-16 or UTF-32 text (byte-order mark); convert it "
                            "to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)",
                            id);
    }
    if (looks_binary(bytes, len)) {
        return kg_error_set(KG_EINPUT, "%s: binary file (contains NUL or control bytes), not text",
                            id);
    }
    return KG_OK;
}

/* Appends the normalised form of bytes[from, to) to the writer, recording
 * where text and original offsets drift apart. */
static int normalise(writer *w, const char *bytes, size_t from, size_t to)
{
    uint32_t prev = 0;
    size_t i = from;
    while (i < to) {
        unsigned char c = (unsigned char)bytes[i];
        uint32_t cp = c;
        size_t n = 1;
        const char *rep = NULL;
        if (c == '\r') {
            n = i + 1 < to && bytes[i + 1] == '\n' ? 2 : 1;
            rep = "\n";
        } else if (c >= 0x80) {
            n = kg_utf8_decode(bytes + i, to - i, &cp);
            if (n == 0) {
                return kg_error_set(KG_EINPUT, "invalid UTF-8 at byte %zu", i);
            }
            rep = replacement(cp, prev, peek(bytes, to, i + n));
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            rep = " ";
        }
        if (note_point(w, w->len, i)) {
            return KG_ENOMEM;
        }
        if (rep) {
            size_t k = strlen(rep);
            memcpy(w->out + w->len, rep, k);
            w->len += k;
            /* bytes after a shortened character map past it */
            if (k != n && note_point(w, w->len, i + n)) {
                return KG_ENOMEM;
            }
        } else {
            memcpy(w->out + w->len, bytes + i, n);
            w->len += n;
        }
        prev = cp;
        i += n;
    }
    return KG_OK;
}

/* Number of line breaks in bytes[from, to). */
static size_t breaks(const char *bytes, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        n += bytes[i] == '\n';
    }
    return n;
}

/* A document whose text is the normalised concatenation of the ranges of
 * bytes: lines of one paragraph joined by a line break, paragraphs (and the
 * places where furniture was cut out) by a blank line. */
static int build(kg_document **out, const char *id, const char *bytes, const kg_range *r, size_t n)
{
    int rc = KG_OK;
    kg_document *d = NULL;
    writer w;
    memset(&w, 0, sizeof w);
    *out = NULL;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += r[i].end - r[i].start + 2;
    }
    rc = kg_document_new(&d, id);
    if (rc) {
        goto done;
    }
    w.doc = d;
    w.out = kg_malloc(total + 1);
    if (!w.out) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            size_t gap = breaks(bytes, r[i - 1].end, r[i].start);
            const char *join = gap >= 2 ? "\n\n" : "\n";
            /* the joiner stands for the gap: it maps to the gap's first byte */
            if (note_point(&w, w.len, r[i - 1].end)) {
                rc = KG_ENOMEM;
                goto done;
            }
            memcpy(w.out + w.len, join, strlen(join));
            w.len += strlen(join);
        }
        rc = normalise(&w, bytes, r[i].start, r[i].end);
        if (rc) {
            kg_error_prefix(rc, id);
            goto done;
        }
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

int kg_ingest_text(kg_document **out, const char *id, const char *bytes, size_t len,
                   const kg_ingest_options *opts)
{
    static const kg_ingest_options defaults = KG_INGEST_OPTIONS_INIT;
    const kg_ingest_options *o = opts ? opts : &defaults;
    int rc = check_not_binary(id, bytes, len);
    size_t bad = 0;
    *out = NULL;
    if (rc) {
        return rc;
    }
    if (!kg_utf8_valid(bytes, len, &bad)) {
        return kg_error_set(KG_EINPUT, "%s: invalid UTF-8 at byte %zu (convert the file to UTF-8)",
                            id, bad);
    }
    size_t skip = len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    if (!o->furniture) {
        kg_range all = {(uint32_t)skip, (uint32_t)len};
        return build(out, id, bytes, &all, 1);
    }
    kg_range *kept = NULL;
    size_t n = 0;
    rc = kg_furniture_filter(&kept, &n, bytes + skip, len - skip);
    if (rc == KG_OK) {
        for (size_t i = 0; i < n; i++) {
            kept[i].start += (uint32_t)skip;
            kept[i].end += (uint32_t)skip;
        }
        rc = build(out, id, bytes, kept, n);
    }
    kg_free(kept);
    return rc;
}

/* A document from an extracted article: its text is normalised and offsets
 * index that normalised text (there is no file text to point back to). */
static int article_document(kg_document **out, const kg_article *a, const char *fallback_id)
{
    const char *id = a->id && *a->id ? a->id : fallback_id;
    size_t len = strlen(a->text);
    kg_range all = {0, (uint32_t)len};
    int rc = build(out, id, a->text, &all, len ? 1 : 0);
    if (rc) {
        return rc;
    }
    kg_document *d = *out;
    kg_free(d->offsets);
    d->offsets = NULL;
    d->n_offsets = 0;
    if ((a->title && !(d->title = kg_strdup(a->title))) ||
        (a->byline && !(d->byline = kg_strdup(a->byline))) ||
        (a->date && !(d->date = kg_strdup(a->date))) || (a->url && !(d->url = kg_strdup(a->url)))) {
        kg_document_free(d);
        *out = NULL;
        return KG_ENOMEM;
    }
    return KG_OK;
}

int kg_ingest_bytes(const char *name, const char *bytes, size_t len, const char *base_dir,
                    const kg_ingest_options *opts, kg_document_sink sink, void *ctx)
{
    int rc = check_not_binary(name, bytes, len);
    kg_document *d = NULL;
    if (rc) {
        return rc;
    }
    switch (kg_html_sniff(bytes, len)) {
    case KG_INPUT_HTML: {
        kg_article *a = NULL;
        rc = kg_html_extract(&a, bytes, len, name);
        if (rc == KG_OK) {
            rc = article_document(&d, a, name);
        }
        kg_article_free(a);
        return rc ? rc : sink(ctx, d);
    }
    case KG_INPUT_FEED: {
        kg_feed *f = NULL;
        rc = kg_feed_read(&f, bytes, len, name, base_dir);
        for (size_t i = 0; rc == KG_OK && i < kg_feed_count(f); i++) {
            rc = article_document(&d, kg_feed_item(f, i), name);
            if (rc == KG_OK) {
                rc = sink(ctx, d);
            }
        }
        kg_feed_free(f);
        return rc;
    }
    default:
        rc = kg_ingest_text(&d, name, bytes, len, opts);
        return rc ? rc : sink(ctx, d);
    }
}

int kg_ingest_file(const char *path, const kg_ingest_options *opts, kg_document_sink sink,
                   void *ctx)
{
    char *bytes = NULL, *dir = NULL;
    size_t len = 0;
    int stdin_input = strcmp(path, "-") == 0;
    int rc = kg_file_read(path, KG_INGEST_MAX_BYTES, &bytes, &len);
    if (rc == KG_OK) {
        const char *slash = strrchr(path, '/');
        dir = stdin_input || !slash ? kg_strdup(".") : kg_strndup(path, (size_t)(slash - path));
        rc = dir ? KG_OK : KG_ENOMEM;
    }
    if (rc == KG_OK) {
        rc = kg_ingest_bytes(stdin_input ? "<stdin>" : path, bytes, len, dir, opts, sink, ctx);
    }
    kg_free(dir);
    kg_free(bytes);
    return rc;
}

/* ---------------------------------------------------------- directories */

typedef struct path_list {
    char **items;
    size_t n, cap;
} path_list;

static int push_path(path_list *l, const char *path)
{
    if (kg_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items)) {
        return KG_ENOMEM;
    }
    l->items[l->n] = kg_strdup(path);
    return l->items[l->n++] ? KG_OK : KG_ENOMEM;
}

/* Does path, its part below the walked directory (rel) or its last component
 * match one of the comma-separated globs? */
static int matches(const char *globs, const char *path, const char *rel)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char glob[256];
    for (const char *p = globs; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0 && n < sizeof glob) {
            memcpy(glob, p, n);
            glob[n] = '\0';
            if (fnmatch(glob, base, 0) == 0 || fnmatch(glob, rel, 0) == 0 ||
                fnmatch(glob, path, 0) == 0) {
                return 1;
            }
        }
        p = end ? end + 1 : p + n;
    }
    return 0;
}

static int input_extension(const char *name)
{
    static const char *const exts[] = {".txt",   ".text", ".html", ".htm",
                                       ".xhtml", ".xml",  ".rss",  ".atom"};
    const char *dot = strrchr(name, '.');
    if (!dot) {
        return 0;
    }
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        if (strcasecmp(dot, exts[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(path_list *out, const char *dir, size_t root_len, const char *include,
                const char *exclude, int depth)
{
    int rc = KG_OK;
    path_list names = {NULL, 0, 0};
    kg_strbuf path = KG_STRBUF_INIT;
    if (depth > 64) {
        return kg_error_set(KG_EINPUT, "%s: directories nested too deep", dir);
    }
    DIR *d = opendir(dir);
    if (!d) {
        return kg_error_set(KG_EIO, "%s: cannot open directory: %s", dir, strerror(errno));
    }
    struct dirent *e;
    while (rc == KG_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files */
        }
        rc = push_path(&names, e->d_name);
    }
    closedir(d);
    if (names.n > 1) {
        qsort(names.items, names.n, sizeof *names.items, cmp_names);
    }
    for (size_t i = 0; i < names.n && rc == KG_OK; i++) {
        kg_strbuf_clear(&path);
        if (kg_strbuf_printf(&path, "%s/%s", dir, names.items[i])) {
            rc = KG_ENOMEM;
            break;
        }
        struct stat st;
        if (lstat(path.data, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = walk(out, path.data, root_len, include, exclude, depth + 1);
        } else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
            if (S_ISLNK(st.st_mode) && (stat(path.data, &st) != 0 || !S_ISREG(st.st_mode))) {
                continue;
            }
            const char *rel = path.data + root_len + 1;
            /* include globs replace the default choice by extension */
            if (include ? !matches(include, path.data, rel) : !input_extension(names.items[i])) {
                continue;
            }
            if (exclude && matches(exclude, path.data, rel)) {
                continue;
            }
            rc = push_path(out, path.data);
        }
    }
    for (size_t i = 0; i < names.n; i++) {
        kg_free(names.items[i]);
    }
    kg_free(names.items);
    kg_strbuf_free(&path);
    return rc;
}

int kg_ingest_expand(char ***out, size_t *n_out, char *const *paths, size_t n, const char *include,
                     const char *exclude)
{
    int rc = KG_OK;
    path_list l = {NULL, 0, 0};
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < n && rc == KG_OK; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t before = l.n;
            rc = walk(&l, paths[i], strlen(paths[i]), include, exclude, 0);
            if (rc == KG_OK && l.n == before) {
                rc = kg_error_set(KG_EINPUT,
                                  "%s: directory holds no input files (.txt, .html, "
                                  ".htm, .xml, ...)",
                                  paths[i]);
            }
        } else {
            rc = push_path(&l, paths[i]);
        }
    }
    if (rc) {
        for (size_t i = 0; i < l.n; i++) {
            kg_free(l.items[i]);
        }
        kg_free(l.items);
        return rc;
    }
    *out = l.items;
    *n_out = l.n;
    return KG_OK;
}
