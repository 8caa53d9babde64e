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
 *     figure elements, ARIA landmark roles, class/id words such as "comment",
 *     "share", "related", "sidebar", "cookie", "newsletter", "caption"... -
 *     unless the element is a wrapper of the article in disguise (it holds
 *     nearly all the prose, or most of it sits in one article-like element
 *     inside it). Inline clusters of three or more links (pop-up cards) go.
 *     A page's text only in JSON-LD articleBody (script-rendered pages) is
 *     the fallback.
 *  4. Each block gets a value: long blocks (and sentence-like shorter ones)
 *     count their length less twice their link text, link lists count
 *     against, other short blocks are neutral. The article container is the
 *     element whose blocks sum highest (a maximum-sum subtree: it takes in
 *     the prose and as little link furniture as it can).
 *  5. Inside it, the span from the first to the last long block is kept (short
 *     paragraphs and subheadings inside the prose stay), link lists and the
 *     headline are dropped, sentence-like short paragraphs at either end are
 *     taken in (a container marked itemprop=articleBody is kept whole), and
 *     the furniture filter (kg_furniture.h) removes what is left of widgets,
 *     credits and appeals, and a heading left with nothing after it.
 * Metadata are read in html_meta.c, the encoding chosen in html_input.c. */
#include "html_internal.h"
#include "kg_common.h"
#include "kg_furniture.h"

#include <libxml/HTMLparser.h>
#include <limits.h>
#include <string.h>

#define NONE UINT32_MAX

/* ---------------------------------------------------------------- tags */

enum tag_kind {
    K_INLINE = 0, /* text flows through */
    K_BLOCK,      /* starts and ends a text block */
    K_CUT,        /* never holds article text: dropped with its subtree */
    K_FURNITURE   /* block whose role is page furniture (nav, footer, ...) */
};

enum tag_id {
    T_OTHER = 0,
    T_A,
    T_ARTICLE,
    T_BLOCKQUOTE,
    T_BODY,
    T_BR,
    T_DD,
    T_DIV,
    T_DT,
    T_H1,
    T_H2,
    T_H3,
    T_H4,
    T_H5,
    T_H6,
    T_HTML,
    T_LI,
    T_MAIN,
    T_OL,
    T_P,
    T_PRE,
    T_SECTION,
    T_TABLE,
    T_TD,
    T_TH,
    T_TR,
    T_UL,
    T_FORM,
    T_HEADER,
    T_HR
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
    if (!n->name) {
        return &other;
    }
    const tag_info *t = bsearch(n->name, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
    return t ? t : &other;
}

/* ------------------------------------------------------- class/id hints */

/* Words of class/id names (split at punctuation and camelCase) that mark
 * page furniture whatever else the name says ("post-most-popular-list")... */
static const char *const neg_strong[] = {"ad",          "ads",
                                         "adv",         "advert",
                                         "adverts",     "advertisement",
                                         "advertising", "breadcrumb",
                                         "breadcrumbs", "comment",
                                         "comments",    "consent",
                                         "cookie",      "cookies",
                                         "copyright",   "cta",
                                         "disqus",      "donate",
                                         "donation",    "footer",
                                         "gdpr",        "modal",
                                         "nav",         "navbar",
                                         "navigation",  "newsletter",
                                         "outbrain",    "overlay",
                                         "paywall",     "popular",
                                         "popup",       "promo",
                                         "promoted",    "promotion",
                                         "rail",        "recirc",
                                         "recommend",   "recommendations",
                                         "recommended", "related",
                                         "replies",     "reply",
                                         "share",       "sharebar",
                                         "shares",      "sharing",
                                         "sidebar",     "signin",
                                         "signup",      "social",
                                         "sponsor",     "sponsored",
                                         "subscribe",   "subscription",
                                         "taboola",     "teaser",
                                         "teasers",     "ticker",
                                         "trending",    "zergnet",
                                         NULL};

/* ... and words that do so only when no article word is in the name too
 * ("entry-meta" is furniture, "article-meta-body" may not be). */
static const char *const neg_weak[] = {
    "aside",  "author",    "banner",     "bio",   "breaking",  "byline",  "date",     "dateline",
    "follow", "header",    "hidden",     "hide",  "infobox",   "login",   "masthead", "menu",
    "meta",   "more",      "pagination", "pager", "print",     "rating",  "skip",     "sns",
    "sronly", "subheader", "tag",        "tags",  "timestamp", "toolbar", "tools",    NULL};

/* Substrings of class/id names that mark furniture even inside compounds. */
static const char *const neg_parts[] = {
    "comment",         "social",         "related",   "sidebar",  "footer",   "newsletter",
    "cookie",          "breadcrumb",     "disqus",    "outbrain", "taboola",  "advert",
    "sponsor",         "subscri",        "recommend", "popup",    "trending", "sharing",
    "sharebar",        "share-",         "-share",    "_share",   "share_",   "screen-reader",
    "visually-hidden", "visuallyhidden", "nocontent", NULL};

/* Words that mark the article itself. */
static const char *const pos_words[] = {
    "article", "articlebody", "body", "content", "entry", "main", "post", "postbody",
    "story",   "storybody",   "text", "prose",   "blog",  "news", NULL};

/* Words that mark content quoted into the article - embedded posts - which
 * names like "social-media-embed" would otherwise throw out. */
static const char *const embed_words[] = {"embed", "embedded", "tweet", NULL};

/* Picture captions and credits: furniture, embedded or not. */
static const char *const caption_words[] = {"caption", "captions", "credit", "credits", NULL};

enum { H_NEG = 1, H_POS = 2, H_BODY = 4, H_WEAK = 8, H_EMBED = 16, H_CAPTION = 32 };

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++) {
        if (strlen(*list) == n && memcmp(*list, w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Hint flags from one class or id value. */
static int hints_of_name(const char *v)
{
    int h = 0;
    char low[256];
    size_t n = 0;
    for (; v[n] && n + 1 < sizeof low; n++) {
        low[n] = (char)html_lower((unsigned char)v[n]);
    }
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
        while (i < n && !((low[i] >= 'a' && low[i] <= 'z') || (low[i] >= '0' && low[i] <= '9'))) {
            i++;
        }
        size_t b = i;
        while (i < n && ((low[i] >= 'a' && low[i] <= 'z') || (low[i] >= '0' && low[i] <= '9'))) {
            i++;
            if (i < n && v[i] >= 'A' && v[i] <= 'Z' && v[i - 1] >= 'a' && v[i - 1] <= 'z') {
                break;
            }
        }
        if (i == b) {
            break;
        }
        if (word_in(low + b, i - b, neg_strong)) {
            h |= H_NEG;
        }
        if (word_in(low + b, i - b, neg_weak)) {
            h |= H_WEAK;
        }
        if (word_in(low + b, i - b, pos_words)) {
            h |= H_POS;
        }
        if (word_in(low + b, i - b, embed_words)) {
            h |= H_EMBED;
        }
        if (word_in(low + b, i - b, caption_words)) {
            h |= H_CAPTION;
        }
    }
    if (h & H_EMBED) {
        h &= ~H_NEG;
    }
    if (h & H_CAPTION) {
        h |= H_NEG;
    }
    return h;
}

static int hints_of(const xmlNode *n)
{
    int h = 0;
    const char *c = kg_html_attr(n, "class"), *id = kg_html_attr(n, "id");
    if (c) {
        h |= hints_of_name(c);
    }
    if (id) {
        h |= hints_of_name(id);
    }
    const char *ip = kg_html_attr(n, "itemprop");
    if (ip && html_icontains(ip, "articlebody")) {
        h = (h & ~(H_NEG | H_WEAK)) | H_POS | H_BODY;
    }
    return h;
}

/* Is the element hidden from readers (hidden attribute, display:none)? */
static int is_hidden(const xmlNode *n)
{
    if (kg_html_attr(n, "hidden")) {
        return 1;
    }
    const char *aria = kg_html_attr(n, "aria-hidden");
    if (aria && html_ieq(aria, "true")) {
        return 1;
    }
    const char *st = kg_html_attr(n, "style");
    if (st) {
        char sq[128];
        size_t o = 0;
        for (const char *p = st; *p && o + 1 < sizeof sq; p++) {
            if (!html_is_space((unsigned char)*p)) {
                sq[o++] = (char)html_lower((unsigned char)*p);
            }
        }
        sq[o] = '\0';
        if (strstr(sq, "display:none") || strstr(sq, "visibility:hidden")) {
            return 1;
        }
    }
    return 0;
}

static int furniture_role(const xmlNode *n)
{
    static const char *const roles[] = {
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu",
        "menubar",    "search", "toolbar",     "tablist",       "alert",  NULL};
    const char *r = kg_html_attr(n, "role");
    if (!r) {
        return 0;
    }
    for (const char *const *p = roles; *p; p++) {
        if (html_ieq(r, *p)) {
            return 1;
        }
    }
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
    uint32_t parent;  /* index, NONE at the top */
    uint32_t b0, b1;  /* blocks inside: [b0, b1) */
    uint32_t chars;   /* characters inside (spaces excluded) */
    uint32_t links;   /* of which inside links */
    uint32_t anchors; /* <a> elements inside */
    unsigned char id;
    unsigned char kind;
    uint16_t flags;
} elem;

enum { B_GOOD = 1, B_LINKS = 2, B_HEADING = 4, B_SENTENCE = 8 };

typedef struct block {
    uint32_t off, len; /* bytes in the text buffer */
    uint32_t chars;    /* characters, spaces excluded */
    uint32_t links;    /* characters inside links */
    uint32_t owner;    /* innermost block element */
    unsigned char id;  /* tag id of the owner */
    unsigned char cls; /* B_* */
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
    kg_strbuf ld_body;                          /* the longest JSON-LD articleBody */
    double *value_sum;                          /* prefix sums of block values */
    double *good_sum;                           /* prefix sums of the values of long blocks */
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
            if (x->n_el >= UINT32_MAX - 1) {
                return kg_error_set(KG_EINPUT, "%s: too many elements", x->name);
            }
            if (kg_grow((void **)&x->el, &x->cap_el, x->n_el + 1, sizeof *x->el)) {
                return KG_ENOMEM;
            }
            elem *e = &x->el[x->n_el];
            const tag_info *t = tag_lookup(n);
            e->node = n;
            e->parent = elem_of(n->parent);
            e->b0 = e->b1 = 0;
            e->id = t->id;
            e->kind = t->kind;
            e->flags = 0;
            int h = hints_of(n);
            if (t->kind == K_CUT || is_hidden(n)) {
                e->flags |= E_CUT;
            }
            if (t->kind == K_FURNITURE || furniture_role(n) || (h & H_NEG) ||
                ((h & H_WEAK) && !(h & H_POS))) {
                e->flags |= E_FURNITURE;
            }
            if (t->kind != K_INLINE) {
                e->flags |= E_BLOCK;
            }
            if (h & H_POS) {
                e->flags |= E_POS;
            }
            if (h & H_BODY) {
                e->flags |= E_BODY;
            }
            /* the document's own structure is never furniture */
            if (t->id == T_HTML || t->id == T_BODY) {
                e->flags &= (uint16_t)~E_FURNITURE;
            }
            n->_private = (void *)(uintptr_t)(x->n_el + 1);
            x->n_el++;
        }
        /* pre-order walk */
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
        }
        if (!n || n == root) {
            break;
        }
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
    if (x->text.len - x->cur_off >= UINT32_MAX || x->text.len >= UINT32_MAX) {
        return kg_error_set(KG_EINPUT, "%s: page too large", x->name);
    }
    if (kg_grow((void **)&x->bl, &x->cap_bl, x->n_bl + 1, sizeof *x->bl)) {
        return KG_ENOMEM;
    }
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
        size_t k = kg_html_space_at(u + i, n - i, &drop);
        if (k) {
            if (!drop && x->cur_chars > 0) {
                if (x->in_pre && u[i] == '\n') {
                    x->newline = 1;
                } else {
                    x->space = 1;
                }
            }
            i += k;
            continue;
        }
        /* a run of visible characters */
        size_t j = i;
        uint32_t chars = 0;
        while (j < n && !kg_html_space_at(u + j, n - j, &drop)) {
            if ((u[j] & 0xC0) != 0x80) {
                chars++;
            }
            j++;
        }
        if (x->newline) {
            if (emit(x, "\n", 1)) {
                return KG_ENOMEM;
            }
        } else if (x->space) {
            if (emit(x, " ", 1)) {
                return KG_ENOMEM;
            }
        }
        x->newline = x->space = 0;
        x->brs = 0;
        if (emit(x, s + i, j - i)) {
            return KG_ENOMEM;
        }
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
                    if ((rc = flush(x))) {
                        goto done;
                    }
                    if ((rc = kg_grow((void **)&x->bstack, &x->cap_bstack, x->n_bstack + 1,
                                      sizeof *x->bstack))) {
                        goto done;
                    }
                    x->bstack[x->n_bstack++] = ei;
                } else if (e->id == T_BR) {
                    if (x->cur_chars > 0) {
                        if (++x->brs >= 2) {
                            if ((rc = flush(x))) {
                                goto done;
                            }
                        } else {
                            x->newline = 1;
                        }
                    }
                }
                if (e->id == T_A) {
                    x->in_link++;
                    x->all_anchors++;
                }
                if (e->id == T_PRE) {
                    x->in_pre++;
                }
                if ((e->id == T_TD || e->id == T_TH) && x->cur_chars > 0) {
                    x->space = 1; /* table cells: a row is one block */
                }
                e->b0 = (uint32_t)x->n_bl;
                e->chars = x->all_chars;
                e->links = x->all_links;
                e->anchors = x->all_anchors;
                descend = 1;
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && (rc = add_text(x, (const char *)n->content))) {
                goto done;
            }
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
                    if ((rc = flush(x))) {
                        goto done;
                    }
                    x->n_bstack--;
                }
                if (e->id == T_A) {
                    x->in_link--;
                }
                if (e->id == T_PRE) {
                    x->in_pre--;
                }
                if ((e->id == T_TD || e->id == T_TH) && x->cur_chars > 0) {
                    x->space = 1;
                }
                e->b1 = (uint32_t)x->n_bl;
                e->chars = x->all_chars - e->chars;
                e->links = x->all_links - e->links;
                e->anchors = x->all_anchors - e->anchors;
            }
            if (n == root) {
                goto walked;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (!n) {
                goto walked;
            }
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
            (unsigned char)s[n - 1] == 0x82) {
            return 1; /* ideographic full stop */
        }
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
        if (is_heading(b->id)) {
            b->cls |= B_HEADING;
        }
        if (block_ends_sentence(x, b)) {
            b->cls |= B_SENTENCE;
        }
        /* link lists go; a long sentence-like block with inline links stays */
        if (ld > 0.5 && !(b->chars >= 100 && (b->cls & B_SENTENCE) && ld <= 0.7)) {
            b->cls |= B_LINKS;
        }
        if (b->chars >= 80 && !(b->cls & B_HEADING)) {
            b->value = b->chars * (1.0 - 2.0 * ld);
            if (ld < 0.5) {
                b->cls |= B_GOOD;
            }
        } else if (b->chars >= 40 && (b->cls & B_SENTENCE) && ld < 0.2 && !(b->cls & B_HEADING)) {
            b->value = 0.5 * b->chars * (1.0 - 2.0 * ld); /* a short paragraph */
            b->cls |= B_GOOD;
        } else {
            /* short text, table rows too: no evidence either way, but its links count */
            b->value = -(double)b->links;
        }
    }
}

/* Fills the prefix sums, so that any element's total is one subtraction. */
static int prefix_sums(extractor *x)
{
    if (kg_grow((void **)&x->value_sum, &x->cap_value_sum, x->n_bl + 1, sizeof(double)) ||
        kg_grow((void **)&x->good_sum, &x->cap_good_sum, x->n_bl + 1, sizeof(double))) {
        return KG_ENOMEM;
    }
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
        if (inner && e->parent != NONE) {
            x->el[e->parent].flags |= E_INNER;
        }
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
    if (!inner) {
        return KG_ENOMEM;
    }
    for (size_t i = x->n_el; i-- > 0;) { /* children before parents */
        const elem *e = &x->el[i];
        double good = x->good_sum[e->b1] - x->good_sum[e->b0];
        if (article_like(e) && inner[i] < good) {
            inner[i] = good;
        }
        if (e->parent != NONE && inner[e->parent] < inner[i]) {
            inner[e->parent] = inner[i];
        }
    }
    for (size_t i = 0; i < x->n_el; i++) {
        elem *e = &x->el[i];
        if (!(e->flags & E_FURNITURE)) {
            continue;
        }
        double good = x->good_sum[e->b1] - x->good_sum[e->b0];
        double share = total > 0 ? good / total : 0;
        int structural = e->kind == K_FURNITURE && e->id != T_HEADER;
        int wrapper = share > ((e->flags & E_POS) || e->id == T_HEADER ? 0.5 : 0.85);
        double below = 0; /* the best article-like element strictly inside */
        for (const xmlNode *c = e->node->children; c; c = c->next) {
            uint32_t ci = elem_of(c);
            if (c->type == XML_ELEMENT_NODE && ci != NONE && inner[ci] > below) {
                below = inner[ci];
            }
        }
        if (share >= 0.25 && below >= 0.5 * good) {
            wrapper = 1;
        }
        if (structural || !wrapper) {
            e->flags |= E_DROP;
        }
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
        if (!(e->flags & E_BLOCK) || (e->flags & (E_CUT | E_DROP)) || e->b1 <= e->b0) {
            continue;
        }
        double s = x->value_sum[e->b1] - x->value_sum[e->b0];
        if (e->flags & E_BODY) {
            s *= 1.5;
        }
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
    for (size_t i = n; i-- > 0;) {
        if (heads[i] == at) {
            return 1;
        }
    }
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
            if (first == NONE) {
                first = i;
            }
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
            if ((b->cls & (B_LINKS | B_HEADING)) || !(b->cls & B_SENTENCE) || b->chars < 20) {
                break;
            }
            first--;
        }
        while (last + 1 < hi) {
            const block *b = &x->bl[last + 1];
            if ((b->cls & (B_LINKS | B_HEADING)) || !(b->cls & B_SENTENCE)) {
                break;
            }
            last++;
        }
    }
    for (uint32_t i = first; hi > 0 && i <= last && i < hi; i++) {
        const block *b = &x->bl[i];
        if (b->cls & B_LINKS) {
            continue;
        }
        const char *s = x->text.data + b->off;
        if (same_text(s, b->len, title)) {
            continue;
        }
        if (raw.len && (rc = kg_strbuf_append(&raw, "\n\n", 2))) {
            goto done;
        }
        if (b->cls & B_HEADING) {
            if ((rc = kg_grow((void **)&heads, &cap_heads, n_heads + 1, sizeof *heads))) {
                goto done;
            }
            heads[n_heads++] = (uint32_t)raw.len;
        }
        if ((rc = kg_strbuf_append(&raw, s, b->len))) {
            goto done;
        }
    }
    if (raw.len == 0) {
        goto done;
    }
    kg_furniture_options fo = KG_FURNITURE_OPTIONS_INIT;
    fo.drop_repeats = 0;
    if ((rc = kg_furniture_filter_opts(&keep, &n_keep, raw.data, raw.len, &fo))) {
        goto done;
    }
    /* a heading with nothing after it heads furniture that is gone */
    while (n_keep > 0 && starts_heading(heads, n_heads, keep[n_keep - 1].start)) {
        n_keep--;
    }
    for (size_t i = 0; i < n_keep; i++) {
        if (i > 0) {
            /* one line break between ranges: same paragraph */
            size_t gap_nl = 0;
            for (uint32_t p = keep[i - 1].end; p < keep[i].start; p++) {
                gap_nl += raw.data[p] == '\n';
            }
            if ((rc = kg_strbuf_append(out, "\n\n", gap_nl == 1 ? 1 : 2))) {
                goto done;
            }
        }
        if ((rc = kg_strbuf_append(out, raw.data + keep[i].start, keep[i].end - keep[i].start))) {
            goto done;
        }
    }
done:
    kg_free(keep);
    kg_free(heads);
    kg_strbuf_free(&raw);
    return rc;
}

/* -------------------------------------------------------------- public */

int kg_html_extract_mode(kg_article **out, const char *html, size_t len, const char *name, int mode)
{
    int rc = KG_OK;
    kg_article *a = NULL;
    htmlParserCtxtPtr ctxt = NULL;
    extractor x;
    kg_strbuf body = KG_STRBUF_INIT;
    char *decoded = NULL, *ld_text = NULL;
    size_t dlen = 0;

    memset(&x, 0, sizeof x);
    kg_strbuf_init(&x.text, (size_t)1 << 30);
    kg_strbuf_init(&x.ld_body, (size_t)1 << 24);
    x.name = name ? name : "(html)";
    x.mode = mode;
    *out = NULL;

    if (len > INT_MAX) {
        rc = kg_error_set(KG_EINPUT, "%s: page too large (%zu bytes)", x.name, len);
        goto done;
    }
    if ((rc = kg_article_new(&a))) {
        goto done;
    }
    if (len > 0) {
        char enc[64];
        kg_html_choose_encoding(html, len, enc, sizeof enc);
        ctxt = htmlNewParserCtxt();
        if (!ctxt) {
            rc = kg_error_set(KG_ENOMEM, "%s: out of memory creating the HTML parser", x.name);
            goto done;
        }
        ctxt->sax->serror = kg_xml_ignore_error;
        if (strcmp(enc, "windows-1252") == 0) {
            /* decoded here: iconv stops at the five bytes windows-1252 leaves undefined */
            if ((rc = kg_html_decode_cp1252(&decoded, &dlen, html, len))) {
                goto done;
            }
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
        if ((rc = annotate(&x, root)) || (rc = kg_html_read_meta(a, &x.ld_body, root))) {
            goto done;
        }
        /* pass 1: hard cuts only, to see where the prose is */
        if ((rc = build_blocks(&x, root, E_CUT))) {
            goto done;
        }
        classify(&x);
        if ((rc = prefix_sums(&x))) {
            goto done;
        }
        cut_link_clusters(&x);
        if (mode == KG_HTML_PAGE) {
            if ((rc = decide_furniture(&x))) {
                goto done;
            }
        } else {
            for (size_t i = 0; i < x.n_el; i++) {
                if (x.el[i].flags & E_FURNITURE) {
                    x.el[i].flags |= E_DROP;
                }
            }
        }
        /* pass 2: without the furniture */
        if ((rc = build_blocks(&x, root, E_CUT | E_DROP))) {
            goto done;
        }
        classify(&x);
        if ((rc = prefix_sums(&x)) || (rc = assemble(&x, &body, a->title))) {
            goto done;
        }
        /* pages rendered by script may have their text only in JSON-LD */
        if (mode == KG_HTML_PAGE && x.ld_body.len >= 200 && body.len * 2 < x.ld_body.len) {
            kg_strbuf_free(&body);
            if (strstr(x.ld_body.data, "<p") || strstr(x.ld_body.data, "<br")) {
                /* some sites put the body's HTML there */
                kg_article *frag = NULL;
                if ((rc = kg_html_extract_mode(&frag, x.ld_body.data, x.ld_body.len, x.name,
                                               KG_HTML_FRAGMENT))) {
                    goto done;
                }
                ld_text = frag->text;
                frag->text = NULL;
                kg_article_free(frag);
            } else if ((rc = kg_html_text_body(&ld_text, x.ld_body.data, x.ld_body.len, 0))) {
                goto done;
            }
            if ((rc = kg_strbuf_puts(&body, ld_text))) {
                goto done;
            }
        }
    }
    if (!(a->text = kg_strbuf_detach(&body))) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_html_set_field(&a->id, a->url)) || (rc = kg_html_set_field(&a->id, name))) {
        goto done;
    }
    *out = a;
    a = NULL;
done:
    if (x.doc) {
        xmlFreeDoc(x.doc);
    }
    if (ctxt) {
        htmlFreeParserCtxt(ctxt);
    }
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
