/* segment.c - rule-based tokenisation and sentence splitting for news English.
 *
 * Tokenisation scans each whitespace-separated chunk left to right: a word
 * runs over letters and digits and keeps inner periods (U.S., 3.5, cnn.com),
 * digit-group commas (2,500), inner apostrophes of names (O'Brien) and the
 * hyphen of a few bound prefixes (e-mail, non-, co-); it stops before the
 * clitics 's 're 've 'll 'd 'm and n't. A period right after a word stays in
 * the token for abbreviations, initials and dotted acronyms. Everything else
 * is a punctuation token (runs such as ... -- !!! stay together).
 *
 * Sentences end after . ! ? ... (plus closing quotes and brackets) when the
 * next token can start a sentence, after an abbreviation that ends a sentence
 * ("with the U.S. The road"), at blank lines, and at single line breaks unless
 * the line was hard-wrapped mid-sentence. Lines without final punctuation are
 * marked as headings (titles, bylines, section heads).
 */
#include "kg_segment.h"

#include <ctype.h>
#include <string.h>

/* ------------------------------------------------------------ word lists */

/* Abbreviations that keep their period (lower-cased, without the period). */
static const char *const abbreviations[] = {
    "mr",  "mrs", "ms",   "dr",   "prof", "sr",   "jr",   "st",   "mt",    "ft",     "gen",  "sen",
    "rep", "gov", "lt",   "col",  "capt", "cpt",  "sgt",  "maj",  "adm",   "cmdr",   "pres", "rev",
    "hon", "amb", "supt", "jan",  "feb",  "mar",  "apr",  "jun",  "jul",   "aug",    "sep",  "sept",
    "oct", "nov", "dec",  "mon",  "tue",  "tues", "wed",  "thu",  "thurs", "fri",    "sat",  "sun",
    "inc", "ltd", "corp", "co",   "bros", "dept", "univ", "assn", "est",   "approx", "vs",   "etc",
    "no",  "nos", "vol",  "pp",   "fig",  "al",   "cf",   "ca",   "e.g",   "i.e",    "a.m",  "p.m",
    "u.s", "u.k", "u.n",  "ph.d", "ave",  "blvd", "rd",
};

/* Abbreviations that precede a name or number and so never end a sentence. */
static const char *const prefix_abbreviations[] = {
    "mr",   "mrs", "ms",  "dr",  "prof", "sr",  "st",  "mt",  "gen", "sen",
    "rep",  "gov", "lt",  "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr",
    "pres", "rev", "hon", "amb", "supt", "no",  "nos", "vol", "pp",  "fig",
};

/* Words that keep a following hyphen inside the token, as the treebanks do. */
static const char *const hyphen_prefixes[] = {
    "e",    "non", "co",   "re",  "pre",   "anti",  "mis", "counter", "ex", "multi",
    "post", "pro", "semi", "sub", "inter", "intra", "mid", "self",    "de",
};

/* Capitalised words that usually start a sentence (to end one after an
 * abbreviation such as "U.S." or "Inc."). */
static const char *const sentence_starters[] = {
    "The",    "This",  "That",      "These",     "Those",     "It",    "Its",      "He",
    "She",    "They",  "We",        "I",         "You",       "In",    "On",       "At",
    "But",    "And",   "However",   "A",         "An",        "As",    "After",    "Before",
    "When",   "While", "If",        "There",     "Their",     "His",   "Her",      "Our",
    "Some",   "Many",  "Most",      "Such",      "Meanwhile", "Since", "Although", "Despite",
    "During", "For",   "Following", "According", "Officials", "Other", "Both",     "No",
    "Yet",    "So",    "Still",     "Last",      "Earlier",   "Later",
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len, int fold)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list[i]);
        if (k != len) {
            continue;
        }
        size_t j = 0;
        while (j < len && (fold ? tolower((unsigned char)s[j]) : s[j]) == list[i][j]) {
            j++;
        }
        if (j == len) {
            return 1;
        }
    }
    return 0;
}

#define IN_LIST(list, s, len, fold) in_list(list, sizeof list / sizeof *list, s, len, fold)

/* ------------------------------------------------------ character classes */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_alpha(char c)
{
    return is_upper(c) || is_lower(c);
}

static int is_alnum(char c)
{
    return is_alpha(c) || is_digit(c);
}

/* Is code point cp (>= 0x80) a letter, digit or combining mark of some script?
 * Typographic punctuation was normalised to ASCII at ingest; what remains
 * outside these ranges (currency signs, symbols, emoji, CJK and Arabic
 * punctuation) is punctuation to the tokeniser. */
static int is_word_cp(uint32_t cp)
{
    if (cp == 0xd7 || cp == 0xf7) {
        return 0;
    }
    if (cp >= 0x600 && cp <= 0x6ff) {
        return cp != 0x60c && cp != 0x61b && cp != 0x61f && cp != 0x6d4;
    }
    return (cp >= 0xc0 && cp <= 0x1fff) || (cp >= 0x3040 && cp <= 0x9fff) ||
           (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
           (cp >= 0xff41 && cp <= 0xff5a) || cp >= 0x20000;
}

/* Byte length of the word character (letter or digit, any script) at p, or 0. */
static size_t word_char(const char *p, const char *end)
{
    if (p >= end) {
        return 0;
    }
    if ((unsigned char)*p < 0x80) {
        return is_alnum(*p) ? 1 : 0;
    }
    uint32_t cp;
    size_t k = kg_utf8_decode(p, (size_t)(end - p), &cp);
    return k && is_word_cp(cp) ? k : 0;
}

/* Longest token, in bytes: longer runs (a script without spaces, a pasted
 * blob) are cut so no later stage sees unbounded strings. */
#define MAX_TOKEN_BYTES 128

/* ------------------------------------------------------------- tokeniser */

typedef struct seg {
    kg_document *doc;
    size_t cap_tokens;
    size_t cap_sents;
} seg;

static int emit(seg *s, size_t start, size_t end)
{
    kg_document *d = s->doc;
    if (kg_grow((void **)&d->tokens, &s->cap_tokens, d->n_tokens + 1, sizeof *d->tokens)) {
        return KG_ENOMEM;
    }
    kg_token *t = &d->tokens[d->n_tokens];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->head = -2;
    t->form = kg_arena_strndup(d->arena, d->text + start, end - start);
    if (!t->form) {
        return KG_ENOMEM;
    }
    if (end < d->len && is_space(d->text[end])) {
        t->flags |= KG_TOK_SPACE_AFTER;
    }
    size_t k = start;
    while (k > 0 && (d->text[k - 1] == ' ' || d->text[k - 1] == '\t')) {
        k--;
    }
    if (k == 0 || d->text[k - 1] == '\n') {
        t->flags |= KG_TOK_LINE_START;
    }
    d->n_tokens++;
    return KG_OK;
}

/* Length of a clitic ('s 're 've 'll 'd 'm, any case) at p, ending at a word
 * boundary, or 0. */
static size_t clitic_at(const char *p, const char *end)
{
    if (p >= end || *p != '\'') {
        return 0;
    }
    static const char *const clitics[] = {"s", "re", "ve", "ll", "d", "m"};
    for (size_t i = 0; i < sizeof clitics / sizeof *clitics; i++) {
        size_t k = strlen(clitics[i]);
        if ((size_t)(end - p) < k + 1) {
            continue;
        }
        size_t j = 0;
        while (j < k && tolower((unsigned char)p[1 + j]) == clitics[i][j]) {
            j++;
        }
        if (j == k && (p + 1 + k == end || !is_alnum(p[1 + k]))) {
            return k + 1;
        }
    }
    return 0;
}

/* Is p the start of "n't" ending at a word boundary? */
static int nt_at(const char *p, const char *end)
{
    return end - p >= 3 && (p[0] == 'n' || p[0] == 'N') && p[1] == '\'' &&
           (p[2] == 't' || p[2] == 'T') && (p + 3 == end || !is_alnum(p[3]));
}

/* URLs and e-mail addresses are single tokens. Returns their length or 0. */
static size_t url_at(const char *p, const char *end)
{
    size_t n = (size_t)(end - p);
    int url = (n > 7 && (memcmp(p, "http://", 7) == 0 || memcmp(p, "https://", 8) == 0)) ||
              (n > 4 && memcmp(p, "www.", 4) == 0);
    if (!url) {
        const char *at = memchr(p, '@', n);
        const char *dot = at ? memchr(at, '.', (size_t)(end - at)) : NULL;
        url = at && at > p && dot && dot + 1 < end && is_alpha(dot[1]);
    }
    if (!url) {
        return 0;
    }
    /* trailing sentence punctuation is not part of the address */
    while (end > p && strchr(".,;:!?)]}\"'", end[-1])) {
        end--;
    }
    return (size_t)(end - p) <= 4 * MAX_TOKEN_BYTES ? (size_t)(end - p) : 0;
}

/* Scans a word starting at p; returns its end. */
static const char *scan_word(const char *p, const char *end)
{
    const char *start = p;
    while (p < end && p - start < MAX_TOKEN_BYTES) {
        size_t k = word_char(p, end);
        if (k) {
            if (nt_at(p, end) && p > start) {
                return p; /* do|n't */
            }
            p += k;
            continue;
        }
        char c = *p;
        int next = word_char(p + 1, end) != 0;
        if (c == '.' && next && p > start) {
            p++; /* U.S, 3.5, cnn.com */
        } else if (c == ',' && p > start && is_digit(p[-1]) && end - p >= 4 && is_digit(p[1]) &&
                   is_digit(p[2]) && is_digit(p[3]) && (end - p == 4 || !is_digit(p[4]))) {
            p++; /* 2,500 */
        } else if (c == '\'' && next && p > start && !clitic_at(p, end)) {
            p++; /* O'Brien */
        } else if (c == '-' && next && IN_LIST(hyphen_prefixes, start, (size_t)(p - start), 1)) {
            p++; /* e-mail, non-Microsoft */
        } else if (c == '&' && p + 1 < end && is_upper(p[1]) && p > start && is_upper(p[-1])) {
            p++; /* AT&T */
        } else if (c == '/' && p + 1 < end && is_digit(p[1]) && p > start && is_digit(p[-1])) {
            p++; /* 9/11, 24/7 */
        } else {
            return p;
        }
    }
    return p;
}

/* Does the word [s, e) keep a following period? */
static int keeps_period(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n == 1 && is_alpha(s[0])) {
        return is_upper(s[0]); /* initials: J. R. */
    }
    if (n <= 4 && strspn(s, "IVX") == n) {
        return 1; /* section numbers: II. III. */
    }
    if (memchr(s, '.', n)) {
        /* dotted acronyms (U.S, e.g) but not numbers (3.5) or domains (cnn.com) */
        for (size_t i = 0; i < n; i++) {
            if (s[i] != '.' && (!is_alpha(s[i]) || (i + 1 < n && s[i + 1] != '.'))) {
                return IN_LIST(abbreviations, s, n, 1);
            }
        }
        return 1;
    }
    return IN_LIST(abbreviations, s, n, 1);
}

static int tokenise_chunk(seg *s, size_t a, size_t b)
{
    const char *text = s->doc->text;
    const char *p = text + a, *end = text + b;
    while (p < end) {
        const char *q;
        size_t k;
        if ((k = url_at(p, end)) != 0) {
            q = p + k;
        } else if (word_char(p, end)) {
            q = scan_word(p, end);
            if (q < end && *q == '.' && keeps_period(p, q) && !word_char(q + 1, end)) {
                q++;
            }
        } else if ((k = clitic_at(p, end)) != 0 && p > text + a && !is_space(p[-1])) {
            q = p + k;
        } else if (nt_at(p, end)) {
            q = p + 3;
        } else if (*p == '.' || *p == '-' || *p == '!' || *p == '?' || *p == '*' || *p == '=' ||
                   *p == '_' || *p == '#') {
            q = p + 1;
            while (q < end && *q == *p && q - p < MAX_TOKEN_BYTES) {
                q++; /* ... -- !!! */
            }
            if (*p == '!' || *p == '?') {
                while (q < end && (*q == '!' || *q == '?')) {
                    q++; /* ?! */
                }
            }
        } else if (*p == '`' && p + 1 < end && p[1] == '`') {
            q = p + 2;
        } else if (*p == '\'' && p + 1 < end && p[1] == '\'') {
            q = p + 2;
        } else {
            uint32_t cp;
            k = kg_utf8_decode(p, (size_t)(end - p), &cp);
            q = p + (k ? k : 1);
        }
        int rc = emit(s, (size_t)(p - text), (size_t)(q - text));
        if (rc) {
            return rc;
        }
        p = q;
    }
    return KG_OK;
}

static int tokenise(seg *s, int pretokenised)
{
    const char *text = s->doc->text;
    size_t len = s->doc->len, i = 0;
    while (i < len) {
        while (i < len && is_space(text[i])) {
            i++;
        }
        size_t j = i;
        while (j < len && !is_space(text[j])) {
            j++;
        }
        if (j > i) {
            int rc = pretokenised ? emit(s, i, j) : tokenise_chunk(s, i, j);
            if (rc) {
                return rc;
            }
        }
        i = j;
    }
    return KG_OK;
}

/* --------------------------------------------------------- sentence split */

static int tok_is(const kg_token *t, const char *s)
{
    return strcmp(t->form, s) == 0;
}

static int is_terminal(const kg_token *t)
{
    const char *f = t->form;
    if (f[0] == '.' || f[0] == '!' || f[0] == '?') {
        return strspn(f, ".!?") == strlen(f);
    }
    return 0;
}

static int is_closing(const kg_token *t)
{
    return tok_is(t, "\"") || tok_is(t, "'") || tok_is(t, "''") || tok_is(t, ")") ||
           tok_is(t, "]") || tok_is(t, "}");
}

/* Can token t begin a sentence? */
static int can_start(const kg_token *t)
{
    char c = t->form[0];
    return is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c == '(' || c == '[' ||
           c == '`' || c == '-' || (unsigned char)c >= 0x80;
}

/* Number of line breaks between two tokens. */
static int breaks_between(const kg_document *d, const kg_token *a, const kg_token *b)
{
    int n = 0;
    for (uint32_t i = a->end; i < b->start; i++) {
        n += d->text[i] == '\n';
    }
    return n;
}

/* An abbreviation token (ending in a period) that may end a sentence. */
static int abbreviation_ends(const kg_token *t, const kg_token *next)
{
    size_t n = strlen(t->form);
    if (n < 2 || t->form[n - 1] != '.' || is_terminal(t)) {
        return 0;
    }
    if (n == 2 && is_upper(t->form[0])) {
        return 0; /* an initial */
    }
    if (IN_LIST(prefix_abbreviations, t->form, n - 1, 1)) {
        return 0;
    }
    return IN_LIST(sentence_starters, next->form, strlen(next->form), 0);
}

/* Is the line break between a and b a hard wrap inside a sentence? */
static int hard_wrap(const kg_token *a, const kg_token *b)
{
    char last = a->form[strlen(a->form) - 1];
    return (is_lower(last) || last == ',') && is_lower(b->form[0]);
}

static int add_sentence(seg *s, size_t first, size_t count)
{
    kg_document *d = s->doc;
    if (count == 0) {
        return KG_OK;
    }
    if (kg_grow((void **)&d->sentences, &s->cap_sents, d->n_sentences + 1, sizeof *d->sentences)) {
        return KG_ENOMEM;
    }
    kg_sentence *st = &d->sentences[d->n_sentences++];
    st->first = (uint32_t)first;
    st->count = (uint32_t)count;
    st->start = d->tokens[first].start;
    st->end = d->tokens[first + count - 1].end;
    st->flags = 0;
    /* a heading: no final punctuation (possibly inside closing quotes) */
    size_t last = first + count - 1;
    while (last > first && is_closing(&d->tokens[last])) {
        last--;
    }
    if (!is_terminal(&d->tokens[last]) && !tok_is(&d->tokens[last], ":")) {
        st->flags |= KG_SENT_HEADING;
    }
    return KG_OK;
}

/* Adds tokens [first, first+count) as one or more sentences of at most max tokens. */
static int add_bounded(seg *s, size_t first, size_t count, unsigned max)
{
    const kg_token *t = s->doc->tokens;
    while (max > 0 && count > max) {
        /* prefer to cut after a clause-level punctuation mark in the last quarter */
        size_t cut = max;
        for (size_t i = max; i > max - max / 4; i--) {
            const kg_token *k = &t[first + i - 1];
            if (tok_is(k, ";") || tok_is(k, ",") || tok_is(k, ":") || tok_is(k, "--")) {
                cut = i;
                break;
            }
        }
        int rc = add_sentence(s, first, cut);
        if (rc) {
            return rc;
        }
        first += cut;
        count -= cut;
    }
    return add_sentence(s, first, count);
}

static int split_sentences(seg *s, const kg_segment_options *o)
{
    kg_document *d = s->doc;
    size_t start = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const kg_token *t = &d->tokens[i];
        int end = 0;
        if (i + 1 == d->n_tokens) {
            end = 1;
        } else {
            const kg_token *next = &d->tokens[i + 1];
            int br = breaks_between(d, t, next);
            if (o->one_sentence_per_line) {
                end = br > 0;
            } else if (br >= 2) {
                end = 1;
            } else if (is_terminal(t) || (is_closing(t) && i > start && is_terminal(t - 1))) {
                /* absorb closing quotes and brackets into this sentence */
                end = !is_closing(next) && (can_start(next) || br > 0);
            } else if (abbreviation_ends(t, next)) {
                end = 1;
            } else if (br == 1) {
                end = !hard_wrap(t, next);
            }
        }
        if (end) {
            int rc = add_bounded(s, start, i + 1 - start, o->max_tokens);
            if (rc) {
                return rc;
            }
            start = i + 1;
        }
    }
    return KG_OK;
}

int kg_segment(kg_document *doc, const kg_segment_options *opts)
{
    static const kg_segment_options defaults = KG_SEGMENT_OPTIONS_INIT;
    const kg_segment_options *o = opts ? opts : &defaults;
    seg s = {doc, 0, 0};
    kg_free(doc->tokens);
    kg_free(doc->sentences);
    doc->tokens = NULL;
    doc->sentences = NULL;
    doc->n_tokens = 0;
    doc->n_sentences = 0;
    int rc = tokenise(&s, o->pretokenised);
    if (rc == KG_OK) {
        rc = split_sentences(&s, o);
    }
    return rc;
}
