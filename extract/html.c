/* html.c - the article body of a saved news page, and its metadata.
 *
 * Algorithm (written for kgraph; in the family of Readability, boilerpipe
 * (Kohlschuetter et al., "Boilerplate detection using shallow text features",
 * WSDM 2010) and jusText (Pomikalek, PhD thesis, 2011)):
 *  1. The page is parsed by libxml2's HTML parser (no network; the encoding is
 *     chosen here: BOM, valid UTF-8, the page's declaration, windows-1252).
 *  2. Elements that never hold article text are cut: scripts, styles, forms
 *     controls, media, hidden elements. The rest of the tree is cut into text
 *     blocks at block-level elements; each block has its length and how much
 *     of it is link text.
 *  3. Page furniture is cut by structure and naming: nav/aside/footer/header/
 *     figure elements, ARIA landmark roles, and class/id words such as
 *     "comment", "share", "related", "sidebar", "cookie", "newsletter"... -
 *     unless the element holds most of the page's prose (then the name lies).
 *  4. Each block gets a value: long blocks with little link text count their
 *     length, short blocks and link lists count against. The article container
 *     is the element whose blocks sum highest (a maximum-sum subtree: it takes
 *     in all the prose and as little furniture as it can).
 *  5. Inside it, the span from the first to the last long block is kept (short
 *     paragraphs and subheadings inside the prose stay), link lists and the
 *     headline are dropped, sentence-like short paragraphs at either end are
 *     taken in, and the furniture filter (kg_furniture.h) removes what is
 *     left of widgets, credits and appeals.
 * Metadata come from <meta> (Open Graph, article:*, author, date), JSON-LD,
 * <link rel=canonical>, <time> and byline-named elements. */
#include "html_internal.h"
#include "kg_common.h"
#include "kg_furniture.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <limits.h>
#include <string.h>

#define NONE UINT32_MAX

/* --------------------------------------------------------------- strings */

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char lc(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive ASCII comparison of a NUL-terminated s with lower-case w. */
static int ieq(const char *s, const char *w)
{
    if (!s)
        return 0;
    while (*s && *w && lc((unsigned char)*s) == (unsigned char)*w) {
        s++;
        w++;
    }
    return *s == '\0' && *w == '\0';
}

/* Does s contain lower-case w, case-insensitively? */
static int icontains(const char *s, const char *w)
{
    if (!s)
        return 0;
    size_t wl = strlen(w);
    for (; *s; s++) {
        size_t k = 0;
        while (k < wl && s[k] && lc((unsigned char)s[k]) == (unsigned char)w[k])
            k++;
        if (k == wl)
            return 1;
    }
    return 0;
}

/* Length of a white-space or invisible character at s (0 if none): ASCII
 * white space, no-break space; *drop is set for characters that vanish
 * (zero-width spaces and joiners, soft hyphen, BOM) rather than separate. */
static size_t space_at(const unsigned char *s, size_t n, int *drop)
{
    *drop = 0;
    if (n == 0)
        return 0;
    if (is_ws(s[0]))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
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
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3; /* line/paragraph separator, narrow no-break space */
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3; /* ideographic space */
    return 0;
}

char *kg_html_squash(const char *s, size_t n, int *rc)
{
    kg_strbuf b = KG_STRBUF_INIT;
    int space = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int drop;
        size_t k = space_at(u + i, n - i, &drop);
        if (k) {
            if (!drop)
                space = b.len > 0;
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
    if (b.len == 0)
        return NULL;
    char *r = kg_strbuf_detach(&b);
    if (!r)
        *rc = KG_ENOMEM;
    return r;
}

static int collect_text(kg_strbuf *b, const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && kg_strbuf_puts(b, (const char *)c->content))
                return KG_ENOMEM;
        } else if (c->type == XML_ELEMENT_NODE) {
            if (c->name && (ieq((const char *)c->name, "script") ||
                            ieq((const char *)c->name, "style")))
                continue;
            if (kg_strbuf_putc(b, ' ') || collect_text(b, c))
                return KG_ENOMEM;
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
    if (*dst || !value)
        return KG_OK;
    int rc = KG_OK;
    *dst = kg_html_squash(value, strlen(value), &rc);
    return rc;
}

/* -------------------------------------------------------------- encoding */

/* Scans a tag's attribute text for charset=NAME (as in <meta charset=...> and
 * in content="text/html; charset=..."), copying NAME into enc. */
static int find_charset(const char *s, size_t n, char *enc, size_t cap)
{
    static const char key[] = "charset";
    for (size_t i = 0; i + sizeof key - 1 < n; i++) {
        size_t k = 0;
        while (k < sizeof key - 1 && lc((unsigned char)s[i + k]) == (unsigned char)key[k])
            k++;
        if (k < sizeof key - 1)
            continue;
        size_t j = i + k;
        while (j < n && is_ws((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && (is_ws((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
            j++;
        size_t o = 0;
        while (j < n && o + 1 < cap &&
               (((unsigned char)s[j] >= 'a' && (unsigned char)s[j] <= 'z') ||
                ((unsigned char)s[j] >= 'A' && (unsigned char)s[j] <= 'Z') ||
                ((unsigned char)s[j] >= '0' && (unsigned char)s[j] <= '9') ||
                strchr("-_.:", s[j])))
            enc[o++] = s[j++];
        enc[o] = '\0';
        if (o > 0)
            return 1;
    }
    return 0;
}

/* The encoding the page declares in <meta> or <?xml?> within its first 64 KiB. */
static int declared_encoding(const char *s, size_t n, char *enc, size_t cap)
{
    if (n > 65536)
        n = 65536;
    if (n >= 5 && memcmp(s, "<?xml", 5) == 0) {
        const char *e = memchr(s, '>', n);
        if (e) {
            /* encoding="..." in the XML declaration */
            for (const char *p = s; p + 8 < e; p++) {
                if (memcmp(p, "encoding", 8) == 0) {
                    const char *q = p + 8;
                    while (q < e && (is_ws((unsigned char)*q) || *q == '=' || *q == '"' ||
                                     *q == '\''))
                        q++;
                    size_t o = 0;
                    while (q < e && o + 1 < cap && *q != '"' && *q != '\'' &&
                           !is_ws((unsigned char)*q) && *q != '?')
                        enc[o++] = *q++;
                    enc[o] = '\0';
                    if (o > 0)
                        return 1;
                }
            }
        }
    }
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '<' || lc((unsigned char)s[i + 1]) != 'm' || lc((unsigned char)s[i + 2]) != 'e' ||
            lc((unsigned char)s[i + 3]) != 't' || lc((unsigned char)s[i + 4]) != 'a' ||
            !is_ws((unsigned char)s[i + 5]))
            continue;
        const char *e = memchr(s + i, '>', n - i);
        size_t tl = e ? (size_t)(e - (s + i)) : n - i;
        if (find_charset(s + i, tl, enc, cap))
            return 1;
    }
    return 0;
}

/* windows-1252 to UTF-8, as the WHATWG Encoding standard maps it (0x80-0x9F
 * to typographic characters, the five unassigned bytes to C1 controls, the
 * rest to the same Latin-1 code point). Never fails on input. */
static int decode_cp1252(char **out, size_t *out_len, const char *s, size_t n)
{
    static const uint16_t high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    if (n > (SIZE_MAX - 1) / 3)
        return kg_error_set(KG_ENOMEM, "page too large to decode");
    char *d = kg_malloc(n * 3 + 1);
    if (!d)
        return KG_ENOMEM;
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
static void choose_encoding(const char *s, size_t n, char *enc, size_t cap)
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
    for (size_t i = 0; i < n && ascii; i++)
        ascii = u[i] < 0x80;
    /* Pages are often re-saved as UTF-8 with the old declaration left in; a
     * non-ASCII text that is valid UTF-8 is practically never anything else. */
    if (ascii || kg_utf8_valid(s, n, NULL)) {
        snprintf(enc, cap, "UTF-8");
        return;
    }
    char decl[64];
    if (declared_encoding(s, n, decl, sizeof decl)) {
        /* WHATWG: the Latin-1 and ASCII labels mean windows-1252 */
        static const char *const latin[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                            "l1", "us-ascii", "ascii", "cp819", "iso_8859-1",
                                            "ibm819", "windows-1252", "cp1252", "x-cp1252",
                                            NULL};
        int is_latin = 0;
        for (const char *const *l = latin; *l && !is_latin; l++)
            is_latin = ieq(decl, *l);
        if (!is_latin && !icontains(decl, "utf-16") && !icontains(decl, "utf-32") &&
            !ieq(decl, "utf-8") && !ieq(decl, "utf8")) {
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

/* ---------------------------------------------------------------- tags */

enum tag_kind {
    K_INLINE = 0, /* text flows through */
    K_BLOCK,      /* starts and ends a text block */
    K_CUT,        /* never holds article text: dropped with its subtree */
    K_FURNITURE   /* block whose role is page furniture (nav, footer, ...) */
};

enum tag_id {
    T_OTHER = 0, T_A, T_ARTICLE, T_BLOCKQUOTE, T_BODY, T_BR, T_DD, T_DIV, T_DT, T_H1, T_H2,
    T_H3, T_H4, T_H5, T_H6, T_HTML, T_LI, T_MAIN, T_OL, T_P, T_PRE, T_SECTION, T_TABLE,
    T_TD, T_TH, T_TR, T_UL, T_FORM, T_HEADER, T_HR
};

typedef struct tag_info {
    const char *name;
    unsigned char kind;
    unsigned char id;
} tag_info;

/* Sorted by name for bsearch. */
static const tag_info tags[] = {
    {"a", K_INLINE, T_A},
    {"address", K_BLOCK, T_OTHER},
    {"applet", K_CUT, T_OTHER},
    {"article", K_BLOCK, T_ARTICLE},
    {"aside", K_FURNITURE, T_OTHER},
    {"audio", K_CUT, T_OTHER},
    {"blockquote", K_BLOCK, T_BLOCKQUOTE},
    {"body", K_BLOCK, T_BODY},
    {"br", K_INLINE, T_BR},
    {"button", K_CUT, T_OTHER},
    {"canvas", K_CUT, T_OTHER},
    {"caption", K_BLOCK, T_OTHER},
    {"center", K_BLOCK, T_OTHER},
    {"datalist", K_CUT, T_OTHER},
    {"dd", K_BLOCK, T_DD},
    {"details", K_BLOCK, T_OTHER},
    {"dialog", K_CUT, T_OTHER},
    {"dir", K_BLOCK, T_UL},
    {"div", K_BLOCK, T_DIV},
    {"dl", K_BLOCK, T_OTHER},
    {"dt", K_BLOCK, T_DT},
    {"embed", K_CUT, T_OTHER},
    {"fieldset", K_BLOCK, T_OTHER},
    {"figcaption", K_FURNITURE, T_OTHER},
    {"figure", K_FURNITURE, T_OTHER},
    {"footer", K_FURNITURE, T_OTHER},
    {"form", K_BLOCK, T_FORM},
    {"frame", K_CUT, T_OTHER},
    {"frameset", K_CUT, T_OTHER},
    {"h1", K_BLOCK, T_H1},
    {"h2", K_BLOCK, T_H2},
    {"h3", K_BLOCK, T_H3},
    {"h4", K_BLOCK, T_H4},
    {"h5", K_BLOCK, T_H5},
    {"h6", K_BLOCK, T_H6},
    {"head", K_CUT, T_OTHER},
    {"header", K_FURNITURE, T_HEADER},
    {"hgroup", K_BLOCK, T_OTHER},
    {"hr", K_BLOCK, T_HR},
    {"html", K_BLOCK, T_HTML},
    {"iframe", K_CUT, T_OTHER},
    {"img", K_CUT, T_OTHER},
    {"input", K_CUT, T_OTHER},
    {"label", K_CUT, T_OTHER},
    {"legend", K_BLOCK, T_OTHER},
    {"li", K_BLOCK, T_LI},
    {"link", K_CUT, T_OTHER},
    {"main", K_BLOCK, T_MAIN},
    {"map", K_CUT, T_OTHER},
    {"math", K_CUT, T_OTHER},
    {"menu", K_FURNITURE, T_UL},
    {"meta", K_CUT, T_OTHER},
    {"nav", K_FURNITURE, T_OTHER},
    {"noscript", K_CUT, T_OTHER},
    {"object", K_CUT, T_OTHER},
    {"ol", K_BLOCK, T_OL},
    {"optgroup", K_CUT, T_OTHER},
    {"option", K_CUT, T_OTHER},
    {"output", K_CUT, T_OTHER},
    {"p", K_BLOCK, T_P},
    {"picture", K_CUT, T_OTHER},
    {"pre", K_BLOCK, T_PRE},
    {"progress", K_CUT, T_OTHER},
    {"script", K_CUT, T_OTHER},
    {"section", K_BLOCK, T_SECTION},
    {"select", K_CUT, T_OTHER},
    {"source", K_CUT, T_OTHER},
    {"style", K_CUT, T_OTHER},
    {"summary", K_BLOCK, T_OTHER},
    {"svg", K_CUT, T_OTHER},
    {"table", K_BLOCK, T_TABLE},
    {"tbody", K_BLOCK, T_OTHER},
    {"td", K_INLINE, T_TD},
    {"template", K_CUT, T_OTHER},
    {"textarea", K_CUT, T_OTHER},
    {"tfoot", K_BLOCK, T_OTHER},
    {"th", K_INLINE, T_TH},
    {"thead", K_BLOCK, T_OTHER},
    {"title", K_CUT, T_OTHER},
    {"tr", K_BLOCK, T_TR},
    {"track", K_CUT, T_OTHER},
    {"ul", K_BLOCK, T_UL},
    {"video", K_CUT, T_OTHER},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const tag_info *)elem)->name);
}

static const tag_info *tag_lookup(const xmlNode *n)
{
    static const tag_info other = {"", K_INLINE, T_OTHER};
    if (!n->name)
        return &other;
    const tag_info *t =
        bsearch(n->name, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
    return t ? t : &other;
}

/* The value of attribute name (lower case) of an element: its text, "" when
 * it has none, NULL when absent. Ownership: borrowed from the tree. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

/* ------------------------------------------------------- class/id hints */

/* Words of class/id names (split at punctuation and camelCase) that mark
 * page furniture whatever else the name says ("post-most-popular-list")... */
static const char *const neg_strong[] = {
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "breadcrumb",
    "breadcrumbs", "comment", "comments", "consent", "cookie", "cookies", "copyright", "cta",
    "disqus", "donate", "donation", "footer", "gdpr", "modal", "nav", "navbar",
    "navigation", "newsletter", "outbrain", "overlay", "paywall", "popular", "popup", "promo",
    "promoted", "promotion", "rail", "recirc", "recommend", "recommendations", "recommended",
    "related", "replies", "reply", "share", "sharebar", "shares", "sharing", "sidebar", "signin",
    "signup", "social", "sponsor", "sponsored", "subscribe", "subscription", "taboola", "teaser",
    "teasers", "ticker", "trending", "zergnet", NULL};

/* ... and words that do so only when no article word is in the name too
 * ("entry-meta" is furniture, "article-meta-body" may not be). */
static const char *const neg_weak[] = {
    "aside", "author", "banner", "bio", "breaking", "byline", "date", "dateline", "follow", "header", "hidden", "hide", "infobox", "login", "masthead",
    "menu", "meta", "more", "pagination", "pager", "print", "rating", "skip", "sns", "sronly",
    "subheader", "tag", "tags", "timestamp", "toolbar", "tools", NULL};

/* Substrings of class/id names that mark furniture even inside compounds. */
static const char *const neg_parts[] = {
    "comment", "social", "related", "sidebar", "footer", "newsletter", "cookie", "breadcrumb",
    "disqus", "outbrain", "taboola", "advert", "sponsor", "subscri", "recommend", "popup",
    "trending", "sharing", "sharebar", "share-", "-share", "_share", "share_", "screen-reader",
    "visually-hidden", "visuallyhidden", "nocontent", NULL};

/* Words that mark the article itself. */
static const char *const pos_words[] = {"article", "articlebody", "body", "content", "entry",
                                        "main", "post", "postbody", "story", "storybody",
                                        "text", "prose", "blog", "news", NULL};

/* Words that mark content quoted into the article - embedded posts - which
 * names like "social-media-embed" would otherwise throw out. */
static const char *const embed_words[] = {"embed", "embedded", "tweet", NULL};

/* Picture captions and credits: furniture, embedded or not. */
static const char *const caption_words[] = {"caption", "captions", "credit", "credits", NULL};

enum { H_NEG = 1, H_POS = 2, H_BODY = 4, H_WEAK = 8, H_EMBED = 16, H_CAPTION = 32 };

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

/* Hint flags from one class or id value. */
static int hints_of_name(const char *v)
{
    int h = 0;
    char low[256];
    size_t n = 0;
    for (; v[n] && n + 1 < sizeof low; n++)
        low[n] = (char)lc((unsigned char)v[n]);
    low[n] = '\0';
    for (const char *const *p = neg_parts; *p; p++) {
        const char *at = strstr(low, *p);
        /* "commentary" is an article genre, not a comment section */
        if (at && !(strcmp(*p, "comment") == 0 && strncmp(at, "commentary", 10) == 0)) {
            h |= H_NEG;
            break;
        }
    }
    /* words: split at non-letters and at lower->upper case changes */
    size_t i = 0;
    while (v[i] && i < n) {
        while (i < n && !((low[i] >= 'a' && low[i] <= 'z') || (low[i] >= '0' && low[i] <= '9')))
            i++;
        size_t b = i;
        while (i < n && ((low[i] >= 'a' && low[i] <= 'z') || (low[i] >= '0' && low[i] <= '9'))) {
            i++;
            if (i < n && v[i] >= 'A' && v[i] <= 'Z' && v[i - 1] >= 'a' && v[i - 1] <= 'z')
                break;
        }
        if (i == b)
            break;
        if (word_in(low + b, i - b, neg_strong))
            h |= H_NEG;
        if (word_in(low + b, i - b, neg_weak))
            h |= H_WEAK;
        if (word_in(low + b, i - b, pos_words))
            h |= H_POS;
        if (word_in(low + b, i - b, embed_words))
            h |= H_EMBED;
        if (word_in(low + b, i - b, caption_words))
            h |= H_CAPTION;
    }
    if (h & H_EMBED)
        h &= ~H_NEG;
    if (h & H_CAPTION)
        h |= H_NEG;
    return h;
}

static int hints_of(const xmlNode *n)
{
    int h = 0;
    const char *c = attr(n, "class"), *id = attr(n, "id");
    if (c)
        h |= hints_of_name(c);
    if (id)
        h |= hints_of_name(id);
    const char *ip = attr(n, "itemprop");
    if (ip && icontains(ip, "articlebody"))
        h = (h & ~(H_NEG | H_WEAK)) | H_POS | H_BODY;
    return h;
}

/* Is the element hidden from readers (hidden attribute, display:none)? */
static int is_hidden(const xmlNode *n)
{
    if (attr(n, "hidden"))
        return 1;
    const char *aria = attr(n, "aria-hidden");
    if (aria && ieq(aria, "true"))
        return 1;
    const char *st = attr(n, "style");
    if (st) {
        char sq[128];
        size_t o = 0;
        for (const char *p = st; *p && o + 1 < sizeof sq; p++)
            if (!is_ws((unsigned char)*p))
                sq[o++] = (char)lc((unsigned char)*p);
        sq[o] = '\0';
        if (strstr(sq, "display:none") || strstr(sq, "visibility:hidden"))
            return 1;
    }
    return 0;
}

static int furniture_role(const xmlNode *n)
{
    static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                        "dialog", "alertdialog", "menu", "menubar", "search",
                                        "toolbar", "tablist", "alert", NULL};
    const char *r = attr(n, "role");
    if (!r)
        return 0;
    for (const char *const *p = roles; *p; p++)
        if (ieq(r, *p))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ the model */

enum {
    E_CUT = 1,       /* never article text (hard) */
    E_FURNITURE = 2, /* furniture by structure or name (soft: may be overruled) */
    E_DROP = 4,      /* decided: dropped */
    E_BLOCK = 8,
    E_POS = 16,
    E_BODY = 32, /* itemprop=articleBody */
    E_INNER = 64 /* has a link cluster inside */
};

typedef struct elem {
    xmlNode *node;
    uint32_t parent; /* index, NONE at the top */
    uint32_t b0, b1; /* blocks inside: [b0, b1) */
    uint32_t chars;  /* characters inside (spaces excluded) */
    uint32_t links;  /* of which inside links */
    uint32_t anchors; /* <a> elements inside */
    unsigned char id;
    unsigned char kind;
    uint16_t flags;
} elem;

enum { B_GOOD = 1, B_LINKS = 2, B_HEADING = 4, B_SENTENCE = 8 };

typedef struct block {
    uint32_t off, len;  /* bytes in the text buffer */
    uint32_t chars;     /* characters, spaces excluded */
    uint32_t links;     /* characters inside links */
    uint32_t owner;     /* innermost block element */
    unsigned char id;   /* tag id of the owner */
    unsigned char cls;  /* B_* */
    double value;
} block;

typedef struct extractor {
    htmlDocPtr doc;
    const char *name;
    int mode;
    elem *el;
    size_t n_el, cap_el;
    block *bl;
    size_t n_bl, cap_bl;
    kg_strbuf text; /* block texts */
    /* the block being built */
    size_t cur_off;
    uint32_t cur_chars, cur_links;
    int space, newline, brs;
    uint32_t *bstack; /* open block elements */
    size_t n_bstack, cap_bstack;
    int in_link, in_pre;
    uint32_t all_chars, all_links, all_anchors; /* running totals of the walk */
    kg_strbuf ld_body; /* the longest JSON-LD articleBody */
    double *value_sum; /* prefix sums of block values */
    double *good_sum;  /* prefix sums of the values of long blocks */
    size_t cap_value_sum, cap_good_sum;
} extractor;

static uint32_t elem_of(const xmlNode *n)
{
    return n && n->_private ? (uint32_t)((uintptr_t)n->_private - 1) : NONE;
}

/* Gives every element an entry (node->_private holds index + 1) with its tag
 * and the hard/soft furniture flags. */
static int annotate(extractor *x, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (x->n_el >= UINT32_MAX - 1)
                return kg_error_set(KG_EINPUT, "%s: too many elements", x->name);
            if (kg_grow((void **)&x->el, &x->cap_el, x->n_el + 1, sizeof *x->el))
                return KG_ENOMEM;
            elem *e = &x->el[x->n_el];
            const tag_info *t = tag_lookup(n);
            e->node = n;
            e->parent = elem_of(n->parent);
            e->b0 = e->b1 = 0;
            e->id = t->id;
            e->kind = t->kind;
            e->flags = 0;
            int h = hints_of(n);
            if (t->kind == K_CUT || is_hidden(n))
                e->flags |= E_CUT;
            if (t->kind == K_FURNITURE || furniture_role(n) || (h & H_NEG) ||
                ((h & H_WEAK) && !(h & H_POS)))
                e->flags |= E_FURNITURE;
            if (t->kind != K_INLINE)
                e->flags |= E_BLOCK;
            if (h & H_POS)
                e->flags |= E_POS;
            if (h & H_BODY)
                e->flags |= E_BODY;
            /* the document's own structure is never furniture */
            if (t->id == T_HTML || t->id == T_BODY)
                e->flags &= (uint16_t)~E_FURNITURE;
            n->_private = (void *)(uintptr_t)(x->n_el + 1);
            x->n_el++;
        }
        /* pre-order walk */
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return KG_OK;
}

/* ------------------------------------------------------------ blocks */

static int emit(extractor *x, const char *s, size_t n)
{
    return kg_strbuf_append(&x->text, s, n);
}

/* Ends the block being built, keeping it if it has any text. */
static int flush(extractor *x)
{
    x->space = x->newline = 0;
    x->brs = 0;
    if (x->cur_chars == 0) {
        x->text.len = x->cur_off;
        return KG_OK;
    }
    if (x->text.len - x->cur_off >= UINT32_MAX || x->text.len >= UINT32_MAX)
        return kg_error_set(KG_EINPUT, "%s: page too large", x->name);
    if (kg_grow((void **)&x->bl, &x->cap_bl, x->n_bl + 1, sizeof *x->bl))
        return KG_ENOMEM;
    block *b = &x->bl[x->n_bl++];
    b->off = (uint32_t)x->cur_off;
    b->len = (uint32_t)(x->text.len - x->cur_off);
    b->chars = x->cur_chars;
    b->links = x->cur_links;
    b->owner = x->n_bstack ? x->bstack[x->n_bstack - 1] : NONE;
    b->id = b->owner != NONE ? x->el[b->owner].id : T_OTHER;
    b->cls = 0;
    b->value = 0;
    x->cur_off = x->text.len;
    x->cur_chars = x->cur_links = 0;
    return KG_OK;
}

/* Appends text-node content to the current block, collapsing white space. */
static int add_text(extractor *x, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int drop;
        size_t k = space_at(u + i, n - i, &drop);
        if (k) {
            if (!drop && x->cur_chars > 0) {
                if (x->in_pre && u[i] == '\n')
                    x->newline = 1;
                else
                    x->space = 1;
            }
            i += k;
            continue;
        }
        /* a run of visible characters */
        size_t j = i;
        uint32_t chars = 0;
        while (j < n && !space_at(u + j, n - j, &drop)) {
            if ((u[j] & 0xC0) != 0x80)
                chars++;
            j++;
        }
        if (x->newline) {
            if (emit(x, "\n", 1))
                return KG_ENOMEM;
        } else if (x->space) {
            if (emit(x, " ", 1))
                return KG_ENOMEM;
        }
        x->newline = x->space = 0;
        x->brs = 0;
        if (emit(x, s + i, j - i))
            return KG_ENOMEM;
        x->cur_chars += chars;
        x->all_chars += chars;
        if (x->in_link) {
            x->cur_links += chars;
            x->all_links += chars;
        }
        i = j;
    }
    return KG_OK;
}

/* Cuts the tree under root into blocks, skipping elements with any of the
 * flags in skip; records each element's block range. */
static int build_blocks(extractor *x, xmlNode *root, uint16_t skip)
{
    int rc = KG_OK;
    x->n_bl = 0;
    kg_strbuf_clear(&x->text);
    x->cur_off = 0;
    x->cur_chars = x->cur_links = 0;
    x->space = x->newline = x->brs = 0;
    x->n_bstack = 0;
    x->in_link = x->in_pre = 0;
    x->all_chars = x->all_links = x->all_anchors = 0;
    for (size_t i = 0; i < x->n_el; i++) {
        elem *e = &x->el[i];
        e->b0 = e->b1 = 0;
        e->chars = e->links = e->anchors = 0;
    }

    xmlNode *n = root;
    while (n) {
        int descend = 0;
        uint32_t ei = elem_of(n);
        if (n->type == XML_ELEMENT_NODE && ei != NONE) {
            elem *e = &x->el[ei];
            if (e->flags & skip) {
                e->b0 = e->b1 = (uint32_t)x->n_bl;
            } else {
                if (e->flags & E_BLOCK) {
                    if ((rc = flush(x)))
                        goto done;
                    if ((rc = kg_grow((void **)&x->bstack, &x->cap_bstack, x->n_bstack + 1,
                                      sizeof *x->bstack)))
                        goto done;
                    x->bstack[x->n_bstack++] = ei;
                } else if (e->id == T_BR) {
                    if (x->cur_chars > 0) {
                        if (++x->brs >= 2) {
                            if ((rc = flush(x)))
                                goto done;
                        } else {
                            x->newline = 1;
                        }
                    }
                }
                if (e->id == T_A) {
                    x->in_link++;
                    x->all_anchors++;
                }
                if (e->id == T_PRE)
                    x->in_pre++;
                if ((e->id == T_TD || e->id == T_TH) && x->cur_chars > 0)
                    x->space = 1; /* table cells: a row is one block */
                e->b0 = (uint32_t)x->n_bl;
                e->chars = x->all_chars;
                e->links = x->all_links;
                e->anchors = x->all_anchors;
                descend = 1;
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && (rc = add_text(x, (const char *)n->content)))
                goto done;
        }

        if (descend && n->children) {
            n = n->children;
            continue;
        }
        /* leave n, then every ancestor whose last child we just finished */
        for (;;) {
            uint32_t li = elem_of(n);
            if (n->type == XML_ELEMENT_NODE && li != NONE && !(x->el[li].flags & skip)) {
                elem *e = &x->el[li];
                if (e->flags & E_BLOCK) {
                    if ((rc = flush(x)))
                        goto done;
                    x->n_bstack--;
                }
                if (e->id == T_A)
                    x->in_link--;
                if (e->id == T_PRE)
                    x->in_pre--;
                if ((e->id == T_TD || e->id == T_TH) && x->cur_chars > 0)
                    x->space = 1;
                e->b1 = (uint32_t)x->n_bl;
                e->chars = x->all_chars - e->chars;
                e->links = x->all_links - e->links;
                e->anchors = x->all_anchors - e->anchors;
            }
            if (n == root)
                goto walked;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n)
                goto walked;
        }
    }
walked:
    rc = flush(x);
done:
    return rc;
}

/* --------------------------------------------------------- classification */

static int is_heading(unsigned char id)
{
    return id >= T_H1 && id <= T_H6;
}

static int block_ends_sentence(const extractor *x, const block *b)
{
    const char *s = x->text.data + b->off;
    size_t n = b->len;
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
            (unsigned char)s[n - 1] == 0x82)
            return 1; /* ideographic full stop */
        return c == '.' || c == '!' || c == '?' || c == ':';
    }
    return 0;
}

/* Values each block for the container search. */
static void classify(extractor *x)
{
    for (size_t i = 0; i < x->n_bl; i++) {
        block *b = &x->bl[i];
        double ld = b->chars ? (double)b->links / b->chars : 0;
        b->cls = 0;
        if (is_heading(b->id))
            b->cls |= B_HEADING;
        if (block_ends_sentence(x, b))
            b->cls |= B_SENTENCE;
        /* link lists go; a long sentence-like block with inline links stays */
        if (ld > 0.5 && !(b->chars >= 100 && (b->cls & B_SENTENCE) && ld <= 0.7))
            b->cls |= B_LINKS;
        if (b->chars >= 80 && !(b->cls & B_HEADING)) {
            b->value = b->chars * (1.0 - 2.0 * ld);
            if (ld < 0.5)
                b->cls |= B_GOOD;
        } else if (b->chars >= 40 && (b->cls & B_SENTENCE) && ld < 0.2 &&
                   !(b->cls & B_HEADING)) {
            b->value = 0.5 * b->chars * (1.0 - 2.0 * ld); /* a short paragraph */
            b->cls |= B_GOOD;
        } else if (b->id == T_TR) {
            b->value = -(double)b->links; /* table rows: data, neutral */
        } else {
            b->value = -(double)b->links; /* short text: no evidence either way */
        }
    }
}

/* Fills the prefix sums, so that any element's total is one subtraction. */
static int prefix_sums(extractor *x)
{
    if (kg_grow((void **)&x->value_sum, &x->cap_value_sum, x->n_bl + 1, sizeof(double)) ||
        kg_grow((void **)&x->good_sum, &x->cap_good_sum, x->n_bl + 1, sizeof(double)))
        return KG_ENOMEM;
    x->value_sum[0] = x->good_sum[0] = 0;
    for (size_t i = 0; i < x->n_bl; i++) {
        const block *b = &x->bl[i];
        x->value_sum[i + 1] = x->value_sum[i] + b->value;
        x->good_sum[i + 1] = x->good_sum[i] + (b->cls & B_GOOD ? b->value : 0);
    }
    return KG_OK;
}

/* Marks inline elements that are nothing but a cluster of links (three or
 * more, at least 90% of the text) - pop-up cards and inline link lists that
 * would otherwise run into a paragraph. Only the innermost such element is
 * marked, so a link that merely holds one keeps its own text. */
static void cut_link_clusters(extractor *x)
{
    for (size_t i = x->n_el; i-- > 0;) {
        elem *e = &x->el[i];
        int inner = (e->flags & E_INNER) != 0;
        if (!inner && e->kind == K_INLINE && e->id != T_A && e->anchors >= 3 && e->chars > 0 &&
            e->links * 10 >= e->chars * 9) {
            e->flags |= E_DROP;
            inner = 1;
        }
        if (inner && e->parent != NONE)
            x->el[e->parent].flags |= E_INNER;
    }
}

/* Is the element article-like: <article>, <main>, or an article word in its
 * class/id or itemprop=articleBody? */
static int article_like(const elem *e)
{
    return (e->flags & (E_POS | E_BODY)) || e->id == T_ARTICLE || e->id == T_MAIN;
}

/* Decides which furniture-flagged elements are really dropped. nav, aside,
 * footer, figure are, always. An element named or marked as furniture is
 * kept only when it is a wrapper of the article in disguise: it holds nearly
 * all the page's prose, or (when its name also has an article word, as in
 * "content-with-sidebar", or it is a <header>) most of it; or a good part of
 * the page's prose sits in one article-like element inside it, as in
 * "theiaStickySidebar" around <article class="post">. */
static int decide_furniture(extractor *x)
{
    double total = x->good_sum[x->n_bl];
    /* inner[i]: the most prose in one article-like element in i's subtree */
    double *inner = kg_calloc(x->n_el ? x->n_el : 1, sizeof *inner);
    if (!inner)
        return KG_ENOMEM;
    for (size_t i = x->n_el; i-- > 0;) { /* children before parents */
        const elem *e = &x->el[i];
        double good = x->good_sum[e->b1] - x->good_sum[e->b0];
        if (article_like(e) && inner[i] < good)
            inner[i] = good;
        if (e->parent != NONE && inner[e->parent] < inner[i])
            inner[e->parent] = inner[i];
    }
    for (size_t i = 0; i < x->n_el; i++) {
        elem *e = &x->el[i];
        if (!(e->flags & E_FURNITURE))
            continue;
        double good = x->good_sum[e->b1] - x->good_sum[e->b0];
        double share = total > 0 ? good / total : 0;
        int structural = e->kind == K_FURNITURE && e->id != T_HEADER;
        int wrapper = share > ((e->flags & E_POS) || e->id == T_HEADER ? 0.5 : 0.85);
        double below = 0; /* the best article-like element strictly inside */
        for (const xmlNode *c = e->node->children; c; c = c->next) {
            uint32_t ci = elem_of(c);
            if (c->type == XML_ELEMENT_NODE && ci != NONE && inner[ci] > below)
                below = inner[ci];
        }
        if (share >= 0.25 && below >= 0.5 * good)
            wrapper = 1;
        if (structural || !wrapper)
            e->flags |= E_DROP;
    }
    kg_free(inner);
    return KG_OK;
}

/* ------------------------------------------------------------- assembly */

/* The element whose blocks sum highest. */
static uint32_t best_container(extractor *x)
{
    double best = 0;
    uint32_t arg = NONE;
    for (size_t i = 0; i < x->n_el; i++) {
        const elem *e = &x->el[i];
        if (!(e->flags & E_BLOCK) || (e->flags & (E_CUT | E_DROP)) || e->b1 <= e->b0)
            continue;
        double s = x->value_sum[e->b1] - x->value_sum[e->b0];
        if (e->flags & E_BODY)
            s *= 1.5;
        if (s >= best && s > 0) {
            best = s;
            arg = (uint32_t)i;
        }
    }
    return arg;
}

static int same_text(const char *a, size_t an, const char *b)
{
    return b && strlen(b) == an && memcmp(a, b, an) == 0;
}

/* Is raw offset `at` the start of one of the n heading paragraphs? */
static int starts_heading(const uint32_t *heads, size_t n, uint32_t at)
{
    for (size_t i = n; i-- > 0;)
        if (heads[i] == at)
            return 1;
    return 0;
}

/* Appends the chosen blocks to out as paragraphs, then filters furniture. */
static int assemble(extractor *x, kg_strbuf *out, const char *title)
{
    int rc = KG_OK;
    kg_strbuf raw = KG_STRBUF_INIT;
    kg_range *keep = NULL;
    size_t n_keep = 0;
    uint32_t *heads = NULL; /* raw offsets of the headings */
    size_t n_heads = 0, cap_heads = 0;
    uint32_t lo = 0, hi = (uint32_t)x->n_bl;
    int whole = x->mode == KG_HTML_FRAGMENT; /* keep the whole container */

    if (x->mode == KG_HTML_PAGE) {
        uint32_t c = best_container(x);
        if (c != NONE) {
            lo = x->el[c].b0;
            hi = x->el[c].b1;
            /* the page itself says this is the article body */
            whole = (x->el[c].flags & E_BODY) != 0;
        }
    }
    /* the span from the first to the last long block */
    uint32_t first = NONE, last = NONE;
    for (uint32_t i = lo; i < hi; i++) {
        if (x->bl[i].cls & B_GOOD) {
            if (first == NONE)
                first = i;
            last = i;
        }
    }
    if (whole || first == NONE) {
        first = lo;
        last = hi ? hi - 1 : 0;
    } else {
        /* take in sentence-like short paragraphs on either side */
        while (first > lo) {
            const block *b = &x->bl[first - 1];
            if ((b->cls & (B_LINKS | B_HEADING)) || !(b->cls & B_SENTENCE) || b->chars < 20)
                break;
            first--;
        }
        while (last + 1 < hi) {
            const block *b = &x->bl[last + 1];
            if ((b->cls & (B_LINKS | B_HEADING)) || !(b->cls & B_SENTENCE))
                break;
            last++;
        }
    }
    for (uint32_t i = first; hi > 0 && i <= last && i < hi; i++) {
        const block *b = &x->bl[i];
        if (b->cls & B_LINKS)
            continue;
        const char *s = x->text.data + b->off;
        if (same_text(s, b->len, title))
            continue;
        if (raw.len && (rc = kg_strbuf_append(&raw, "\n\n", 2)))
            goto done;
        if (b->cls & B_HEADING) {
            if ((rc = kg_grow((void **)&heads, &cap_heads, n_heads + 1, sizeof *heads)))
                goto done;
            heads[n_heads++] = (uint32_t)raw.len;
        }
        if ((rc = kg_strbuf_append(&raw, s, b->len)))
            goto done;
    }
    if (raw.len == 0)
        goto done;
    kg_furniture_options fo = KG_FURNITURE_OPTIONS_INIT;
    fo.drop_repeats = 0;
    if ((rc = kg_furniture_filter_opts(&keep, &n_keep, raw.data, raw.len, &fo)))
        goto done;
    /* a heading with nothing after it heads furniture that is gone */
    while (n_keep > 0 && starts_heading(heads, n_heads, keep[n_keep - 1].start))
        n_keep--;
    for (size_t i = 0; i < n_keep; i++) {
        if (i > 0) {
            /* one line break between ranges: same paragraph */
            size_t gap_nl = 0;
            for (uint32_t p = keep[i - 1].end; p < keep[i].start; p++)
                gap_nl += raw.data[p] == '\n';
            if ((rc = kg_strbuf_append(out, "\n\n", gap_nl == 1 ? 1 : 2)))
                goto done;
        }
        if ((rc = kg_strbuf_append(out, raw.data + keep[i].start, keep[i].end - keep[i].start)))
            goto done;
    }
done:
    kg_free(keep);
    kg_free(heads);
    kg_strbuf_free(&raw);
    return rc;
}

/* ------------------------------------------------------------- metadata */

typedef struct meta {
    const char *og_title, *title_tag;
    const char *author;
    const char *date, *time_el;
    const char *canonical, *og_url;
} meta;

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
        if (d < 0)
            return 0;
        *v = *v * 16 + (unsigned)d;
    }
    return 1;
}

/* Decodes the JSON string literal at p (its opening quote) into b, escapes
 * and surrogate pairs included (a lone surrogate becomes U+FFFD). Returns 0,
 * KG_ENOMEM, or KG_EINPUT when the literal is not terminated. */
static int json_decode_string(kg_strbuf *b, const char *p)
{
    if (*p++ != '"')
        return KG_EINPUT;
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
                if (!hex4(p + 1, &cp))
                    return KG_EINPUT;
                p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && p[1] == '\\' && p[2] == 'u' &&
                    hex4(p + 3, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                char u8[4];
                if (kg_strbuf_append(b, u8, kg_utf8_encode(cp, u8)))
                    return KG_ENOMEM;
                continue;
            }
            case '\0':
                return KG_EINPUT;
            default:
                c = *p; /* \" \\ \/ */
            }
        }
        if (kg_strbuf_putc(b, c))
            return KG_ENOMEM;
    }
    return *p == '"' ? KG_OK : KG_EINPUT;
}

/* The value after the first "key": in s (white space skipped), or NULL. */
static const char *json_value_of(const char *s, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = strchr(s, '"'); p; p = strchr(p + 1, '"')) {
        if (strncmp(p + 1, key, kl) != 0 || p[kl + 1] != '"')
            continue;
        const char *v = p + kl + 2;
        while (is_ws((unsigned char)*v))
            v++;
        if (*v != ':')
            continue;
        v++;
        while (is_ws((unsigned char)*v))
            v++;
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
    if (!v || *v != '"')
        return NULL;
    kg_strbuf b = KG_STRBUF_INIT;
    kg_strbuf_init(&b, 4096);
    int r = json_decode_string(&b, v);
    char *out = NULL;
    if (r == KG_ENOMEM)
        *rc = KG_ENOMEM;
    else if (r == KG_OK && b.len)
        out = kg_html_squash(b.data, b.len, rc);
    kg_strbuf_free(&b);
    return out;
}

/* Keeps in *best the longest "articleBody" string of a JSON-LD text. */
static int json_article_body(kg_strbuf *best, const char *s)
{
    const char *v = json_value_of(s, "articleBody");
    if (!v || *v != '"')
        return KG_OK;
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
    if (!v)
        return 0;
    return icontains(v, "byline") || icontains(v, "author-name") || icontains(v, "authorname") ||
           icontains(v, "article-author") || icontains(v, "author") || icontains(v, "writer");
}

/* Gathers metadata candidates from the whole tree (before any cutting). */
static int read_meta(extractor *x, meta *m, kg_article *a)
{
    int rc = KG_OK;
    char *ld_date = NULL, *ld_author = NULL;
    for (size_t i = 0; i < x->n_el; i++) {
        const xmlNode *n = x->el[i].node;
        const char *nm = (const char *)n->name;
        if (!nm)
            continue;
        if (strcmp(nm, "meta") == 0) {
            const char *key = attr(n, "property");
            if (!key)
                key = attr(n, "name");
            if (!key)
                key = attr(n, "itemprop");
            const char *content = attr(n, "content");
            if (!key || !content || !*content)
                continue;
            if (ieq(key, "og:title") && !m->og_title)
                m->og_title = content;
            else if ((ieq(key, "author") || ieq(key, "article:author") ||
                      ieq(key, "byl") || ieq(key, "dc.creator") || ieq(key, "sailthru.author") ||
                      ieq(key, "parsely-author")) &&
                     !m->author && strncmp(content, "http", 4) != 0)
                m->author = content;
            else if ((ieq(key, "article:published_time") || ieq(key, "datepublished") ||
                      ieq(key, "date") || ieq(key, "pubdate") || ieq(key, "publishdate") ||
                      ieq(key, "dc.date") || ieq(key, "dc.date.issued") ||
                      ieq(key, "sailthru.date") || ieq(key, "parsely-pub-date") ||
                      ieq(key, "og:published_time") || ieq(key, "publish-date")) &&
                     !m->date)
                m->date = content;
            else if (ieq(key, "og:url") && !m->og_url)
                m->og_url = content;
        } else if (strcmp(nm, "link") == 0) {
            const char *rel = attr(n, "rel"), *href = attr(n, "href");
            if (rel && href && *href && ieq(rel, "canonical") && !m->canonical)
                m->canonical = href;
        } else if (strcmp(nm, "title") == 0 && !m->title_tag) {
            if (n->children && n->children->content)
                m->title_tag = (const char *)n->children->content;
        } else if (strcmp(nm, "time") == 0 && !m->time_el) {
            const char *dt = attr(n, "datetime");
            if (dt && *dt)
                m->time_el = dt;
        } else if (strcmp(nm, "script") == 0) {
            const char *type = attr(n, "type");
            if (type && icontains(type, "ld+json") && n->children && n->children->content) {
                const char *js = (const char *)n->children->content;
                if (!ld_date && !(ld_date = json_string_after(js, "datePublished", &rc)) && rc)
                    goto done;
                if (!ld_author && !(ld_author = json_string_after(js, "author", &rc)) && rc)
                    goto done;
                if ((rc = json_article_body(&x->ld_body, js)))
                    goto done;
            }
        }
    }
    /* a visible byline element, when no <meta> names the author */
    for (size_t i = 0; i < x->n_el && !m->author && !ld_author && !a->byline; i++) {
        const xmlNode *n = x->el[i].node;
        const char *rel = attr(n, "rel"), *ip = attr(n, "itemprop");
        if ((rel && ieq(rel, "author")) || (ip && ieq(ip, "author")) ||
            is_byline_name(attr(n, "class"))) {
            char *t = kg_html_node_text(n, &rc);
            if (rc)
                goto done;
            if (t && strlen(t) <= 120)
                a->byline = t;
            else
                kg_free(t);
        }
    }
    if ((rc = kg_html_set_field(&a->title, m->og_title)) ||
        (rc = kg_html_set_field(&a->title, m->title_tag)))
        goto done;
    if ((rc = kg_html_set_field(&a->byline, m->author)) ||
        (rc = kg_html_set_field(&a->byline, ld_author)))
        goto done;
    if ((rc = kg_html_set_field(&a->date, m->date)) ||
        (rc = kg_html_set_field(&a->date, ld_date)) ||
        (rc = kg_html_set_field(&a->date, m->time_el)))
        goto done;
    /* a relative canonical link is less use than an absolute og:url */
    if (m->canonical && strstr(m->canonical, "://"))
        rc = kg_html_set_field(&a->url, m->canonical);
    if (!rc)
        rc = kg_html_set_field(&a->url, m->og_url);
    if (!rc)
        rc = kg_html_set_field(&a->url, m->canonical);
    if (rc)
        goto done;
    if (a->byline) {
        /* "By Jane Doe" -> "Jane Doe" */
        char *b = a->byline;
        if ((b[0] == 'B' || b[0] == 'b') && b[1] == 'y' && b[2] == ' ')
            memmove(b, b + 3, strlen(b + 3) + 1);
    }
done:
    kg_free(ld_date);
    kg_free(ld_author);
    return rc;
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
    if ((rc = kg_furniture_filter_opts(&r, &n, text, len, &fo)))
        goto done;
    for (size_t i = 0; i < n; i++) {
        if ((i && (rc = kg_strbuf_append(&b, "\n\n", 2))) ||
            (rc = kg_strbuf_append(&b, text + r[i].start, r[i].end - r[i].start)))
            goto done;
    }
    if (!(*out = kg_strbuf_detach(&b)))
        rc = KG_ENOMEM;
done:
    kg_free(r);
    kg_strbuf_free(&b);
    return rc;
}

/* -------------------------------------------------------------- public */

int kg_article_new(kg_article **out)
{
    *out = kg_calloc(1, sizeof **out);
    return *out ? KG_OK : KG_ENOMEM;
}

void kg_article_free(kg_article *a)
{
    if (!a)
        return;
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

int kg_html_extract_mode(kg_article **out, const char *html, size_t len, const char *name,
                         int mode)
{
    int rc = KG_OK;
    kg_article *a = NULL;
    htmlParserCtxtPtr ctxt = NULL;
    extractor x;
    kg_strbuf body = KG_STRBUF_INIT;
    char *decoded = NULL, *ld_text = NULL;
    size_t dlen = 0;
    meta m;

    memset(&x, 0, sizeof x);
    memset(&m, 0, sizeof m);
    kg_strbuf_init(&x.text, (size_t)1 << 30);
    kg_strbuf_init(&x.ld_body, (size_t)1 << 24);
    x.name = name ? name : "(html)";
    x.mode = mode;
    *out = NULL;

    if (len > INT_MAX) {
        rc = kg_error_set(KG_EINPUT, "%s: page too large (%zu bytes)", x.name, len);
        goto done;
    }
    if ((rc = kg_article_new(&a)))
        goto done;
    if (len > 0) {
        char enc[64];
        choose_encoding(html, len, enc, sizeof enc);
        ctxt = htmlNewParserCtxt();
        if (!ctxt) {
            rc = kg_error_set(KG_ENOMEM, "%s: out of memory creating the HTML parser", x.name);
            goto done;
        }
        ctxt->sax->serror = kg_xml_ignore_error;
        if (strcmp(enc, "windows-1252") == 0) {
            /* decoded here: iconv stops at the five bytes windows-1252 leaves undefined */
            if ((rc = decode_cp1252(&decoded, &dlen, html, len)))
                goto done;
            html = decoded;
            len = dlen;
            snprintf(enc, sizeof enc, "UTF-8");
        }
        if (len > INT_MAX) {
            rc = kg_error_set(KG_EINPUT, "%s: page too large once decoded", x.name);
            goto done;
        }
        kg_xml_quiet quiet;
        kg_xml_quiet_begin(&quiet);
        x.doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, enc,
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC |
                                       HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD);
        kg_xml_quiet_end(&quiet);
        if (!x.doc) {
            rc = kg_error_set(KG_EINPUT, "%s: not parseable as HTML", x.name);
            goto done;
        }
    }
    xmlNode *root = x.doc ? xmlDocGetRootElement(x.doc) : NULL;
    if (root) {
        if ((rc = annotate(&x, root)) || (rc = read_meta(&x, &m, a)))
            goto done;
        /* pass 1: hard cuts only, to see where the prose is */
        if ((rc = build_blocks(&x, root, E_CUT)))
            goto done;
        classify(&x);
        if ((rc = prefix_sums(&x)))
            goto done;
        cut_link_clusters(&x);
        if (mode == KG_HTML_PAGE) {
            if ((rc = decide_furniture(&x)))
                goto done;
        } else {
            for (size_t i = 0; i < x.n_el; i++)
                if (x.el[i].flags & E_FURNITURE)
                    x.el[i].flags |= E_DROP;
        }
        /* pass 2: without the furniture */
        if ((rc = build_blocks(&x, root, E_CUT | E_DROP)))
            goto done;
        classify(&x);
        if ((rc = prefix_sums(&x)) || (rc = assemble(&x, &body, a->title)))
            goto done;
        /* pages rendered by script may have their text only in JSON-LD */
        if (mode == KG_HTML_PAGE && x.ld_body.len >= 200 && body.len * 2 < x.ld_body.len) {
            kg_strbuf_free(&body);
            if (strstr(x.ld_body.data, "<p") || strstr(x.ld_body.data, "<br")) {
                /* some sites put the body's HTML there */
                kg_article *frag = NULL;
                if ((rc = kg_html_extract_mode(&frag, x.ld_body.data, x.ld_body.len, x.name,
                                               KG_HTML_FRAGMENT)))
                    goto done;
                ld_text = frag->text;
                frag->text = NULL;
                kg_article_free(frag);
            } else if ((rc = kg_html_text_body(&ld_text, x.ld_body.data, x.ld_body.len, 0))) {
                goto done;
            }
            if ((rc = kg_strbuf_puts(&body, ld_text)))
                goto done;
        }
    }
    if (!(a->text = kg_strbuf_detach(&body))) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_html_set_field(&a->id, a->url)) || (rc = kg_html_set_field(&a->id, name)))
        goto done;
    *out = a;
    a = NULL;
done:
    if (x.doc)
        xmlFreeDoc(x.doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    kg_free(x.el);
    kg_free(x.bl);
    kg_free(x.bstack);
    kg_free(x.value_sum);
    kg_free(x.good_sum);
    kg_strbuf_free(&x.text);
    kg_strbuf_free(&x.ld_body);
    kg_free(ld_text);
    kg_strbuf_free(&body);
    kg_free(decoded);
    kg_article_free(a);
    return rc;
}

int kg_html_extract(kg_article **out, const char *html, size_t len, const char *name)
{
    return kg_html_extract_mode(out, html, len, name, KG_HTML_PAGE);
}

/* ------------------------------------------------------------- sniffing */

int kg_html_sniff(const char *bytes, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    size_t i = 0;
    if (n >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
        (unsigned char)bytes[2] == 0xBF)
        i = 3;
    /* skip white space, the XML declaration, comments, PIs and the doctype,
     * remembering whether the doctype said html */
    int doctype_html = 0, xml = 0;
    for (;;) {
        while (i < n && is_ws((unsigned char)bytes[i]))
            i++;
        if (i + 1 >= n || bytes[i] != '<')
            break;
        if (bytes[i + 1] == '?') {
            xml = 1;
            const char *e = memchr(bytes + i, '>', n - i);
            if (!e)
                break;
            i = (size_t)(e - bytes) + 1;
        } else if (i + 3 < n && memcmp(bytes + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 2 < n && memcmp(bytes + j, "-->", 3) != 0)
                j++;
            if (j + 2 >= n)
                break;
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
                for (int k = 0; k < 14; k++)
                    d[k] = (char)lc((unsigned char)bytes[i + (size_t)k]);
                d[14] = '\0';
                if (strncmp(d, "<!doctype html", 14) == 0)
                    doctype_html = 1;
            }
            if (!e)
                break;
            i = (size_t)(e - bytes) + 1;
        } else {
            break;
        }
    }
    if (doctype_html)
        return KG_INPUT_HTML;
    if (i < n && bytes[i] == '<') {
        char root[32];
        size_t k = 0, j = i + 1;
        while (j < n && k + 1 < sizeof root &&
               (((unsigned char)bytes[j] >= 'a' && (unsigned char)bytes[j] <= 'z') ||
                ((unsigned char)bytes[j] >= 'A' && (unsigned char)bytes[j] <= 'Z') ||
                ((unsigned char)bytes[j] >= '0' && (unsigned char)bytes[j] <= '9') ||
                bytes[j] == ':' || bytes[j] == '-' || bytes[j] == '_'))
            root[k++] = (char)lc((unsigned char)bytes[j++]);
        root[k] = '\0';
        const char *local = strchr(root, ':') ? strchr(root, ':') + 1 : root;
        if (strcmp(local, "rss") == 0 || strcmp(local, "rdf") == 0 ||
            strcmp(local, "feed") == 0 || strcmp(local, "urlset") == 0 ||
            strcmp(local, "sitemapindex") == 0)
            return KG_INPUT_FEED;
        if (strcmp(local, "html") == 0)
            return KG_INPUT_HTML;
        if (xml)
            return KG_INPUT_TEXT;
    }
    /* a fragment: common HTML tags near the start */
    static const char *const marks[] = {"<html", "<head", "<body", "<div", "<p>", "<p ",
                                        "<meta ", "<title>", "<article", "<br>", "<br/>",
                                        "<script", "<table", "<span", NULL};
    int hits = 0;
    for (const char *const *m = marks; *m; m++) {
        size_t ml = strlen(*m);
        for (size_t p = 0; p + ml <= n; p++) {
            size_t q = 0;
            while (q < ml && lc((unsigned char)bytes[p + q]) == (unsigned char)(*m)[q])
                q++;
            if (q == ml) {
                hits++;
                break;
            }
        }
    }
    return hits >= 2 ? KG_INPUT_HTML : KG_INPUT_TEXT;
}
