/* ner_corpus.c - gold named-entity corpora for training and evaluating
 * entity recognition: UNER's IOB2 files, and named mentions derived from
 * GUM's entity annotation (MISC "Entity=", Zeldes 2017, "The GUM corpus").
 *
 * GUM marks every mention (pronouns and common nouns too) with one of ten
 * entity types and, often, a Wikipedia identity. A named mention here is one
 * whose syntactic head is a proper noun; its name is the run of proper nouns
 * around the head (with "of", "de", "and", hyphens ... between them), less
 * leading titles. Types: person -> PERSON (NORP for demonyms such as
 * "Americans"); organization -> ORG (GPE when the name is a listed country or
 * city); place -> GPE for listed countries, cities and regions and for
 * Wikipedia identities of the form "Town,_Region", FAC or LOC by listed name
 * or head word ("Airport", "River"), otherwise GPE-or-LOC left to the
 * trainer; event -> EVENT; abstract or object names of acts, treaties and
 * constitutions -> LAW; time mentions that name a month, weekday, year,
 * decade, century or holiday -> DATE (a leading determiner dropped).
 * Capitalised demonyms outside other names ("Qatari mediators") -> NORP. */
#include "ner_internal.h"

#include "kg_conllu.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BIT(t) (1u << (t))

void kg_ner_corpus_free(kg_ner_corpus *c)
{
    if (!c) {
        return;
    }
    kg_document_free(c->doc);
    kg_free(c->mention_types);
    kg_free(c->free_types);
    kg_free(c->sent_doc);
    kg_free(c);
}

/* Whether s[0..n) is word (lower case) in any ASCII case. */
static int lower_eq(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static int word_in(const char *s, const char *const *list)
{
    size_t n = strlen(s);
    for (size_t i = 0; list[i]; i++) {
        if (lower_eq(s, n, list[i])) {
            return 1;
        }
    }
    return 0;
}

static int is_possessive(const char *s)
{
    return strcmp(s, "'s") == 0 || strcmp(s, "'S") == 0 || strcmp(s, "\xE2\x80\x99s") == 0 ||
           strcmp(s, "'") == 0;
}

/* A span [first, end) in sentence-relative tokens, with its allowed types. */
typedef struct span {
    uint32_t first, end;
    uint16_t types;
    uint8_t type; /* the type reported for scoring */
} span;

/* Trims a span to kgraph's conventions. */
static void trim_span(const kg_gazetteer *g, const kg_token *toks, span *sp)
{
    while (sp->end - sp->first > 1 &&
           lower_eq(toks[sp->first].form, strlen(toks[sp->first].form), "the")) {
        sp->first++;
    }
    if (sp->types == BIT(KG_ENT_PERSON) && g) {
        const unsigned kinds = KG_GAZ_BIT(KG_GAZ_ROLE) | KG_GAZ_BIT(KG_GAZ_HONORIFIC);
        for (;;) {
            size_t tl = kg_gazetteer_match(g, toks, sp->end, sp->first, kinds, NULL);
            if (tl == 0 || tl >= sp->end - sp->first) {
                break;
            }
            sp->first += (uint32_t)tl;
        }
    }
    /* a person's possessive goes; a business's "'s" is part of its name */
    while (sp->types == BIT(KG_ENT_PERSON) && sp->end - sp->first > 1 &&
           is_possessive(toks[sp->end - 1].form)) {
        sp->end--;
    }
}

/* Appends the spans of one sentence as mentions of c->doc. */
static int add_mentions(kg_ner_corpus *c, size_t *cap, size_t *cap_types, uint32_t sent,
                        span *spans, size_t n)
{
    kg_document *d = c->doc;
    const kg_sentence *se = &d->sentences[sent];
    for (size_t i = 0; i < n; i++) {
        if (kg_grow((void **)&d->mentions, cap, d->n_mentions + 1, sizeof *d->mentions) ||
            kg_grow((void **)&c->mention_types, cap_types, d->n_mentions + 1,
                    sizeof *c->mention_types)) {
            return KG_ENOMEM;
        }
        kg_mention *m = &d->mentions[d->n_mentions];
        memset(m, 0, sizeof *m);
        m->sentence = sent;
        m->first = se->first + spans[i].first;
        m->count = spans[i].end - spans[i].first;
        m->start = d->tokens[m->first].start;
        m->end = d->tokens[m->first + m->count - 1].end;
        m->type = spans[i].type;
        m->confidence = 1.0f;
        m->entity = -1;
        c->mention_types[d->n_mentions] = spans[i].types;
        d->n_mentions++;
    }
    return KG_OK;
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* ------------------------------------------------------------------ IOB2 */

typedef struct iob_reader {
    kg_ner_corpus *c;
    const kg_gazetteer *g;
    int conventions;
    kg_strbuf text;
    size_t cap_tok, cap_sent, cap_sd, cap_m, cap_mt;
    uint32_t sent_first;
    char **tags; /* per token of the current sentence: tag (arena) */
    size_t cap_tags, n_tags;
    int doc_pending;
    const char *path;
    size_t line;
} iob_reader;

static int iob_end_sentence(iob_reader *r)
{
    kg_document *d = r->c->doc;
    if (d->n_tokens == r->sent_first) {
        return KG_OK;
    }
    if (kg_grow((void **)&d->sentences, &r->cap_sent, d->n_sentences + 1, sizeof *d->sentences) ||
        kg_grow((void **)&r->c->sent_doc, &r->cap_sd, d->n_sentences + 1, sizeof(uint32_t))) {
        return KG_ENOMEM;
    }
    if (r->doc_pending || r->c->n_docs == 0) {
        r->c->n_docs++;
        r->doc_pending = 0;
    }
    uint32_t si = (uint32_t)d->n_sentences;
    kg_sentence *s = &d->sentences[si];
    s->first = r->sent_first;
    s->count = (uint32_t)(d->n_tokens - r->sent_first);
    s->start = d->tokens[s->first].start;
    s->end = d->tokens[d->n_tokens - 1].end;
    s->flags = 0;
    r->c->sent_doc[si] = (uint32_t)(r->c->n_docs - 1);
    d->n_sentences++;
    /* spans from the tags */
    span spans[256];
    size_t ns = 0;
    const kg_token *toks = d->tokens + s->first;
    for (uint32_t i = 0; i < s->count;) {
        const char *t = r->tags[i];
        if (t[0] != 'B' && t[0] != 'I') {
            i++;
            continue;
        }
        const char *ty = t + 2;
        uint32_t j = i + 1;
        while (j < s->count && r->tags[j][0] == 'I' && strcmp(r->tags[j] + 2, ty) == 0) {
            j++;
        }
        span sp = {i, j, 0, 0};
        if (strcmp(ty, "PER") == 0) {
            sp.types = BIT(KG_ENT_PERSON);
            sp.type = KG_ENT_PERSON;
        } else if (strcmp(ty, "ORG") == 0) {
            sp.types = BIT(KG_ENT_ORG);
            sp.type = KG_ENT_ORG;
        } else if (strcmp(ty, "LOC") == 0) {
            sp.types = BIT(KG_ENT_GPE) | BIT(KG_ENT_LOC) | BIT(KG_ENT_FAC);
            sp.type = KG_ENT_LOC;
        }
        if (sp.types && ns < sizeof spans / sizeof spans[0]) {
            if (r->conventions) {
                trim_span(r->g, toks, &sp);
            }
            spans[ns++] = sp;
        }
        i = j;
    }
    int rc = add_mentions(r->c, &r->cap_m, &r->cap_mt, si, spans, ns);
    if (rc) {
        return rc;
    }
    r->sent_first = (uint32_t)d->n_tokens;
    r->n_tags = 0;
    return kg_strbuf_putc(&r->text, '\n');
}

static int iob_token(iob_reader *r, const char *line, size_t n)
{
    kg_document *d = r->c->doc;
    const char *f[4];
    size_t fl[4];
    size_t nf = 0;
    const char *p = line, *end = line + n;
    while (nf < 4) {
        const char *q = memchr(p, '\t', (size_t)(end - p));
        f[nf] = p;
        fl[nf] = (size_t)((q ? q : end) - p);
        nf++;
        if (!q) {
            break;
        }
        p = q + 1;
    }
    if (nf < 3 || fl[1] == 0) {
        return kg_error_set(KG_EFORMAT, "%s:%zu: expected INDEX<TAB>TOKEN<TAB>TAG", r->path,
                            r->line);
    }
    const char *tag = f[2];
    size_t tl = fl[2];
    if (!((tl == 1 && tag[0] == 'O') ||
          (tl > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-'))) {
        return kg_error_set(KG_EFORMAT, "%s:%zu: bad tag '%.*s'", r->path, r->line, (int)tl, tag);
    }
    if (kg_grow((void **)&d->tokens, &r->cap_tok, d->n_tokens + 1, sizeof *d->tokens) ||
        kg_grow((void **)&r->tags, &r->cap_tags, r->n_tags + 1, sizeof *r->tags)) {
        return KG_ENOMEM;
    }
    if (d->n_tokens > r->sent_first && kg_strbuf_putc(&r->text, ' ')) {
        return KG_ENOMEM;
    }
    kg_token *t = &d->tokens[d->n_tokens];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)r->text.len;
    if (kg_strbuf_append(&r->text, f[1], fl[1])) {
        return KG_ENOMEM;
    }
    t->end = (uint32_t)r->text.len;
    t->form = kg_arena_strndup(d->arena, f[1], fl[1]);
    t->head = -2;
    t->flags = KG_TOK_SPACE_AFTER;
    r->tags[r->n_tags] = kg_arena_strndup(d->arena, tag, tl);
    if (!t->form || !r->tags[r->n_tags]) {
        return KG_ENOMEM;
    }
    r->n_tags++;
    d->n_tokens++;
    return KG_OK;
}

int kg_ner_corpus_read_iob2(kg_ner_corpus **out, const char *path, const kg_gazetteer *g,
                            int conventions)
{
    int rc = KG_OK;
    char *text = NULL;
    size_t len = 0;
    iob_reader r;
    memset(&r, 0, sizeof r);
    kg_strbuf_init(&r.text, SIZE_MAX);
    *out = NULL;
    r.path = path;
    r.g = g;
    r.conventions = conventions;
    if ((rc = kg_file_read(path, (size_t)1 << 30, &text, &len))) {
        goto done;
    }
    if (!kg_utf8_valid(text, len, NULL)) {
        rc = kg_error_set(KG_EINPUT, "%s: not UTF-8", path);
        goto done;
    }
    r.c = kg_calloc(1, sizeof *r.c);
    if (!r.c || kg_document_new(&r.c->doc, path)) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < len;) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        r.line++;
        if (n && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0) {
            if ((rc = iob_end_sentence(&r))) {
                goto done;
            }
        } else if (line[0] == '#') {
            static const char newdoc[] = "# newdoc";
            if (n >= sizeof newdoc - 1 && memcmp(line, newdoc, sizeof newdoc - 1) == 0) {
                r.doc_pending = 1;
            }
        } else if ((rc = iob_token(&r, line, n))) {
            goto done;
        }
    }
    if ((rc = iob_end_sentence(&r))) {
        goto done;
    }
    kg_document *d = r.c->doc;
    d->len = r.text.len;
    d->text = kg_strbuf_detach(&r.text);
    if (!d->text) {
        rc = KG_ENOMEM;
        goto done;
    }
    r.c->free_types = kg_malloc((d->n_tokens ? d->n_tokens : 1) * sizeof *r.c->free_types);
    if (!r.c->free_types) {
        rc = KG_ENOMEM;
        goto done;
    }
    /* UNER marks only PER, ORG, LOC: anything else may hide in its O */
    for (size_t k = 0; k < d->n_tokens; k++) {
        r.c->free_types[k] =
            BIT(KG_ENT_NORP) | BIT(KG_ENT_DATE) | BIT(KG_ENT_EVENT) | BIT(KG_ENT_LAW);
    }
    *out = r.c;
    r.c = NULL;
done:
    kg_free(text);
    kg_free(r.tags);
    kg_strbuf_free(&r.text);
    kg_ner_corpus_free(r.c);
    return rc;
}

/* ------------------------------------------------------------------- GUM */

int kg_ner_gum_genre_allowed(const char *doc_id)
{
    static const char *const genres[] = {"academic",  "bio",    "conversation", "court",   "essay",
                                         "interview", "letter", "news",         "podcast", "speech",
                                         "textbook",  "vlog",   "voyage",       NULL};
    /* GUM_<genre>_<name> */
    if (strncmp(doc_id, "GUM_", 4) != 0) {
        return 0;
    }
    const char *g = doc_id + 4;
    const char *us = strchr(g, '_');
    size_t n = us ? (size_t)(us - g) : strlen(g);
    for (size_t i = 0; genres[i]; i++) {
        if (strlen(genres[i]) == n && memcmp(genres[i], g, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int gum_filter(const char *doc_id, void *ctx)
{
    (void)ctx;
    return kg_ner_gum_genre_allowed(doc_id);
}

#define MAX_OPEN 64
#define MAX_MENTIONS 512

typedef struct gmention {
    uint32_t first, last; /* inclusive, sentence-relative */
    char etype[16];
    const char *identity; /* into the MISC string, or NULL */
    size_t identity_len;
} gmention;

/* Parses the Entity= attribute of each token of one sentence. */
static size_t gum_mentions(const char *const *misc, size_t n, gmention *out, size_t max)
{
    struct open_m {
        long id;
        gmention m;
    } open[MAX_OPEN];
    size_t nopen = 0, nout = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ms = misc[i];
        if (!ms) {
            continue;
        }
        const char *e = strstr(ms, "Entity=");
        if (!e || (e != ms && e[-1] != '|')) {
            continue;
        }
        e += 7;
        const char *end = strchr(e, '|');
        if (!end) {
            end = e + strlen(e);
        }
        const char *p = e;
        while (p < end) {
            if (*p == '(') {
                const char *q = p + 1;
                while (q < end && *q != '(' && *q != ')') {
                    q++;
                }
                /* content p+1 .. q: id-etype-infstat-salience-centering-minspan-link[-identity] */
                gmention m;
                memset(&m, 0, sizeof m);
                m.first = m.last = (uint32_t)i;
                long id = strtol(p + 1, NULL, 10);
                const char *f = p + 1;
                int field = 0;
                const char *fs[8] = {0};
                fs[0] = f;
                for (const char *c = f; c < q && field < 7; c++) {
                    if (*c == '-') {
                        fs[++field] = c + 1;
                    }
                }
                if (field >= 1) {
                    const char *et = fs[1];
                    size_t etl = (size_t)((field >= 2 ? fs[2] - 1 : q) - et);
                    if (etl >= sizeof m.etype) {
                        etl = sizeof m.etype - 1;
                    }
                    memcpy(m.etype, et, etl);
                    m.etype[etl] = '\0';
                }
                if (field == 7 && fs[7] < q) {
                    m.identity = fs[7];
                    m.identity_len = (size_t)(q - fs[7]);
                }
                if (q < end && *q == ')') { /* single-token mention */
                    if (nout < max) {
                        out[nout++] = m;
                    }
                    q++;
                } else if (nopen < MAX_OPEN) {
                    open[nopen].id = id;
                    open[nopen].m = m;
                    nopen++;
                }
                p = q;
            } else if (*p >= '0' && *p <= '9') {
                char *q;
                long id = strtol(p, &q, 10);
                for (size_t k = nopen; k-- > 0;) {
                    if (open[k].id == id) {
                        open[k].m.last = (uint32_t)i;
                        if (nout < max) {
                            out[nout++] = open[k].m;
                        }
                        memmove(&open[k], &open[k + 1], (nopen - k - 1) * sizeof open[0]);
                        nopen--;
                        break;
                    }
                }
                p = q;
            } else {
                p++;
            }
        }
    }
    return nout;
}

static int is_name_tok(const kg_token *t)
{
    return t->upos == KG_UPOS_PROPN || t->xpos == KG_XPOS_NNP || t->xpos == KG_XPOS_NNPS;
}

/* Words that may join the proper nouns of one name ("Bank of America");
 * person names only take particles ("Ludwig van Beethoven"). */
static int is_connector(const kg_token *t, int person)
{
    static const char *const particles[] = {"de",  "du",  "des", "la",  "le",  "del", "da", "van",
                                            "von", "der", "al",  "bin", "ibn", "el",  "-",  NULL};
    static const char *const words[] = {"of", "and", "&", "for", "the", "on", "y", NULL};
    return word_in(t->form, particles) || (!person && word_in(t->form, words));
}

static int has_word(const kg_token *toks, uint32_t first, uint32_t end, const char *const *list)
{
    for (uint32_t i = first; i < end; i++) {
        if (word_in(toks[i].form, list)) {
            return 1;
        }
    }
    return 0;
}

static const char *const fac_words[] = {
    "airport",   "airfield",   "base",     "bridge",   "street",    "road",       "avenue",
    "boulevard", "square",     "museum",   "gallery",  "hospital",  "prison",     "jail",
    "station",   "hall",       "tower",    "church",   "cathedral", "chapel",     "temple",
    "mosque",    "synagogue",  "palace",   "castle",   "stadium",   "arena",      "building",
    "center",    "centre",     "library",  "hotel",    "theatre",   "theater",    "mall",
    "zoo",       "dam",        "tunnel",   "highway",  "harbour",   "harbor",     "campus",
    "fort",      "abbey",      "monument", "memorial", "cemetery",  "lighthouse", "pier",
    "plaza",     "restaurant", "cafe",     "pub",      "bar",       "market",     "house",
    NULL};
static const char *const loc_words[] = {
    "river",  "mountain", "mountains", "mount",     "mt",      "lake",    "ocean",
    "sea",    "gulf",     "bay",       "island",    "islands", "isle",    "valley",
    "desert", "forest",   "peninsula", "coast",     "canyon",  "falls",   "hills",
    "hill",   "strait",   "channel",   "beach",     "glacier", "plateau", "plain",
    "plains", "basin",    "region",    "continent", "delta",   "creek",   "range",
    "cape",   "park",     "woods",     "reef",      "volcano", NULL};
static const char *const law_words[] = {"act",       "law",         "constitution", "treaty",
                                        "amendment", "convention",  "accord",       "accords",
                                        "agreement", "charter",     "code",         "bill",
                                        "protocol",  "declaration", "resolution",   NULL};
static const char *const months[] = {
    "january",   "february", "march",    "april",    "may",  "june", "july", "august",
    "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
    "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec",
    "jan.",      "feb.",     "mar.",     "apr.",     "jun.", "jul.", "aug.", "sep.",
    "sept.",     "oct.",     "nov.",     "dec.",     NULL};
static const char *const days[] = {
    "monday",   "tuesday", "wednesday", "thursday",  "friday",  "saturday", "sunday",
    "mon.",     "tue.",    "tues.",     "wed.",      "thu.",    "thurs.",   "fri.",
    "sat.",     "sun.",    "christmas", "easter",    "ramadan", "eid",      "thanksgiving",
    "hanukkah", "diwali",  "century",   "centuries", NULL};

static int is_year_like(const char *s)
{
    size_t n = strlen(s);
    const char *p = s;
    if (n == 4 && p[0] == '\'') { /* '90s */
        return p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] == 's';
    }
    if (n == 6 && memcmp(p, "\xE2\x80\x99", 3) == 0) { /* ’90s */
        return p[3] >= '0' && p[3] <= '9' && p[4] >= '0' && p[4] <= '9' && p[5] == 's';
    }
    size_t digits = 0;
    while (p[digits] >= '0' && p[digits] <= '9') {
        digits++;
    }
    if (digits != 4) {
        return 0;
    }
    if (p[4] == '\0' || (p[4] == 's' && p[5] == '\0')) {
        int y = atoi(p);
        return y >= 1000 && y <= 2099;
    }
    return 0;
}

static int is_ordinal(const char *s)
{
    static const char *const words[] = {"first",    "second",  "third",  "fourth", "fifth",
                                        "sixth",    "seventh", "eighth", "ninth",  "tenth",
                                        "eleventh", "twelfth", NULL};
    size_t n = strlen(s);
    if (n >= 3 && s[0] >= '0' && s[0] <= '9') {
        const char *e = s + n - 2;
        return !strcmp(e, "st") || !strcmp(e, "nd") || !strcmp(e, "rd") || !strcmp(e, "th");
    }
    if (word_in(s, words)) {
        return 1;
    }
    return (n > 6 && strcmp(s + n - 6, "teenth") == 0) ||
           (n > 5 && strcmp(s + n - 5, "tieth") == 0);
}

/* Words that belong to a date before its month, year or century word. */
static int is_date_modifier(const kg_token *t)
{
    static const char *const words[] = {"early", "late", "mid", "-", NULL};
    return t->upos == KG_UPOS_NUM || is_ordinal(t->form) || word_in(t->form, words);
}

static int is_date_cue(const kg_token *t)
{
    return word_in(t->form, months) || word_in(t->form, days) || is_year_like(t->form);
}

/* The identity with "_" as spaces and "%2C" as ",", cut at the first comma. */
static size_t identity_name(char *out, size_t cap, const char *id, size_t n, int *has_comma)
{
    size_t o = 0;
    *has_comma = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (id[i] == '%' && i + 2 < n && id[i + 1] == '2' &&
            (id[i + 2] == 'C' || id[i + 2] == 'c')) {
            *has_comma = 1;
            break;
        }
        if (id[i] == ',') {
            *has_comma = 1;
            break;
        }
        out[o++] = id[i] == '_' ? ' ' : id[i];
    }
    out[o] = '\0';
    return o;
}

/* The span's words joined by spaces. */
static size_t span_text(char *out, size_t cap, const kg_token *toks, uint32_t first, uint32_t end)
{
    size_t o = 0;
    for (uint32_t i = first; i < end; i++) {
        size_t n = strlen(toks[i].form);
        if (o + n + 2 >= cap) {
            break;
        }
        if (o) {
            out[o++] = ' ';
        }
        memcpy(out + o, toks[i].form, n);
        o += n;
    }
    out[o] = '\0';
    return o;
}

static const kg_gazetteer_entry *lookup_either(const kg_gazetteer *g, const char *text, size_t tl,
                                               const char *ident, size_t il, unsigned kinds)
{
    const kg_gazetteer_entry *e = kg_gazetteer_lookup(g, text, tl, kinds);
    if (!e && il) {
        e = kg_gazetteer_lookup(g, ident, il, kinds);
    }
    return e;
}

#define GPE_KINDS (KG_GAZ_BIT(KG_GAZ_COUNTRY) | KG_GAZ_BIT(KG_GAZ_CITY) | KG_GAZ_BIT(KG_GAZ_REGION))

/* Types for a named GUM mention spanning [first, end); 0 for none of ours. */
static uint16_t gum_types(const kg_gazetteer *g, const kg_token *toks, uint32_t first, uint32_t end,
                          const gmention *m, uint8_t *type)
{
    char text[256], ident[256];
    int comma = 0;
    size_t tl = span_text(text, sizeof text, toks, first, end);
    size_t il =
        m->identity ? identity_name(ident, sizeof ident, m->identity, m->identity_len, &comma) : 0;
    const char *et = m->etype;
    const kg_gazetteer_entry *e;
    if (strcmp(et, "person") == 0) {
        /* GUM types groups of people as persons: "Americans" is NORP, "the
         * Taliban" an organisation, other plural names either */
        if (kg_gazetteer_lookup(g, text, tl, KG_GAZ_BIT(KG_GAZ_DEMONYM))) {
            *type = KG_ENT_NORP;
            return BIT(KG_ENT_NORP);
        }
        if (!lookup_either(g, text, tl, ident, il, KG_GAZ_BIT(KG_GAZ_PERSON)) &&
            lookup_either(g, text, tl, ident, il, KG_GAZ_BIT(KG_GAZ_ORG))) {
            *type = KG_ENT_ORG;
            return BIT(KG_ENT_ORG);
        }
        if (toks[end - 1].xpos == KG_XPOS_NNPS) {
            *type = KG_ENT_NORP;
            return BIT(KG_ENT_NORP) | BIT(KG_ENT_ORG);
        }
        *type = KG_ENT_PERSON;
        return BIT(KG_ENT_PERSON);
    }
    if (strcmp(et, "organization") == 0) {
        if (!lookup_either(g, text, tl, ident, il, KG_GAZ_BIT(KG_GAZ_ORG)) &&
            lookup_either(g, text, tl, ident, il, GPE_KINDS)) {
            *type = KG_ENT_GPE;
            return BIT(KG_ENT_GPE);
        }
        *type = KG_ENT_ORG;
        return BIT(KG_ENT_ORG);
    }
    if (strcmp(et, "place") == 0) {
        if (lookup_either(g, text, tl, ident, il, GPE_KINDS) || comma) {
            *type = KG_ENT_GPE;
            return BIT(KG_ENT_GPE);
        }
        if ((e = lookup_either(g, text, tl, ident, il, KG_GAZ_BIT(KG_GAZ_LOCATION)))) {
            *type = e->type;
            return (uint16_t)BIT(e->type);
        }
        if (has_word(toks, first, end, fac_words)) {
            *type = KG_ENT_FAC;
            return BIT(KG_ENT_FAC);
        }
        if (has_word(toks, first, end, loc_words)) {
            *type = KG_ENT_LOC;
            return BIT(KG_ENT_LOC);
        }
        *type = KG_ENT_GPE;
        return BIT(KG_ENT_GPE) | BIT(KG_ENT_LOC);
    }
    if (strcmp(et, "event") == 0) {
        *type = KG_ENT_EVENT;
        return BIT(KG_ENT_EVENT);
    }
    if ((strcmp(et, "abstract") == 0 || strcmp(et, "object") == 0) &&
        has_word(toks, first, end, law_words)) {
        *type = KG_ENT_LAW;
        return BIT(KG_ENT_LAW);
    }
    return 0;
}

static int cmp_len_desc(const void *a, const void *b)
{
    const span *x = a, *y = b;
    uint32_t lx = x->end - x->first, ly = y->end - y->first;
    if (lx != ly) {
        return lx > ly ? -1 : 1;
    }
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Derives the named spans of one GUM sentence. free_types receives DATE for
 * tokens of date expressions too long to trust as one name. */
static size_t gum_sentence(const kg_gazetteer *g, const kg_token *toks, const char *const *misc,
                           uint32_t n, span *out, size_t max, uint16_t *free_types)
{
    gmention ms[MAX_MENTIONS];
    span cand[MAX_MENTIONS];
    uint8_t taken[1024];
    uint8_t lang_head[1024];
    size_t nm = gum_mentions(misc, n, ms, MAX_MENTIONS);
    size_t nc = 0;
    if (n > sizeof taken) {
        return 0;
    }
    memset(taken, 0, n);
    memset(lang_head, 0, n);
    for (size_t k = 0; k < nm; k++) {
        const gmention *m = &ms[k];
        if (m->last >= n) {
            continue;
        }
        /* the head: the token whose head lies outside the mention */
        uint32_t h = m->first;
        for (uint32_t i = m->first; i <= m->last; i++) {
            int32_t hd = toks[i].head;
            if (hd < (int32_t)m->first || hd > (int32_t)m->last) {
                h = i;
                break;
            }
        }
        if (strcmp(m->etype, "time") == 0) {
            /* from the first to the last date word, with the numbers,
             * ordinals and "early"/"late" next to them */
            uint32_t first = UINT32_MAX, last = 0;
            for (uint32_t i = m->first; i <= m->last; i++) {
                if (is_date_cue(&toks[i])) {
                    first = first == UINT32_MAX ? i : first;
                    last = i;
                }
            }
            if (first == UINT32_MAX) {
                continue;
            }
            while (first > m->first && is_date_modifier(&toks[first - 1])) {
                first--;
            }
            while (last < m->last && toks[last + 1].upos == KG_UPOS_NUM) {
                last++;
            }
            uint32_t end = last + 1;
            if (end - first > 8) {
                for (uint32_t i = first; i < end; i++) {
                    free_types[i] |= BIT(KG_ENT_DATE);
                }
                continue;
            }
            if (nc < MAX_MENTIONS) {
                cand[nc++] = (span){first, end, BIT(KG_ENT_DATE), KG_ENT_DATE};
            }
            continue;
        }
        if (!is_name_tok(&toks[h])) {
            /* "the physician Yang Buwei", "his son James": a name closing a
             * mention headed by a common noun names the same thing */
            if (!is_name_tok(&toks[m->last]) || m->last == m->first) {
                continue;
            }
            h = m->last;
        }
        if (strcmp(m->etype, "abstract") == 0) {
            lang_head[h] = 1;
        }
        /* the run of name words around the head */
        int person = strcmp(m->etype, "person") == 0;
        uint32_t s = h, e = h;
        for (;;) {
            if (s > m->first && is_name_tok(&toks[s - 1])) {
                s--;
            } else if (s > m->first + 1 && is_connector(&toks[s - 1], person) &&
                       is_name_tok(&toks[s - 2])) {
                s -= 2;
            } else {
                break;
            }
        }
        for (;;) {
            if (e < m->last && is_name_tok(&toks[e + 1])) {
                e++;
            } else if (e + 1 < m->last && is_connector(&toks[e + 1], person) &&
                       is_name_tok(&toks[e + 2])) {
                e += 2;
            } else if (e < m->last && toks[e + 1].upos == KG_UPOS_NUM) {
                e++;
            } else {
                break;
            }
        }
        span sp = {s, e + 1, 0, 0};
        sp.types = gum_types(g, toks, sp.first, sp.end, m, &sp.type);
        if (!sp.types) {
            continue;
        }
        trim_span(g, toks, &sp);
        if (nc < MAX_MENTIONS) {
            cand[nc++] = sp;
        }
    }
    /* longest first; a span whose tokens are taken is dropped */
    qsort(cand, nc, sizeof cand[0], cmp_len_desc);
    size_t no = 0;
    for (size_t k = 0; k < nc && no < max; k++) {
        int free_ = 1;
        for (uint32_t i = cand[k].first; i < cand[k].end; i++) {
            free_ &= !taken[i];
        }
        if (!free_) {
            continue;
        }
        for (uint32_t i = cand[k].first; i < cand[k].end; i++) {
            taken[i] = 1;
        }
        out[no++] = cand[k];
    }
    /* capitalised demonyms elsewhere: NORP */
    for (uint32_t i = 0; i < n && no < max; i++) {
        if (taken[i] || lang_head[i] || !(toks[i].form[0] >= 'A' && toks[i].form[0] <= 'Z')) {
            continue;
        }
        size_t len = kg_gazetteer_match(g, toks, n, i, KG_GAZ_BIT(KG_GAZ_DEMONYM), NULL);
        if (!len) {
            continue;
        }
        int free_ = 1;
        for (uint32_t j = i; j < i + len; j++) {
            free_ &= !taken[j] && !lang_head[j];
        }
        if (!free_) {
            continue;
        }
        for (uint32_t j = i; j < i + len; j++) {
            taken[j] = 1;
        }
        out[no++] = (span){i, (uint32_t)(i + len), BIT(KG_ENT_NORP), KG_ENT_NORP};
        i += (uint32_t)len - 1;
    }
    qsort(out, no, sizeof out[0], cmp_span);
    return no;
}

/* A corpus taking over tb's document and sentence-to-document map, without
 * mentions, with every token's free types 0. *out is set even on failure
 * (KG_ENOMEM), for the caller to free with kg_ner_corpus_free. */
static int corpus_from(kg_ner_corpus **out, kg_treebank *tb)
{
    kg_ner_corpus *c = kg_calloc(1, sizeof *c);
    *out = c;
    if (!c) {
        return KG_ENOMEM;
    }
    c->doc = tb->doc;
    tb->doc = NULL;
    c->sent_doc = tb->sent_doc;
    tb->sent_doc = NULL;
    c->n_docs = tb->n_doc_ids;
    kg_document *d = c->doc;
    kg_free(d->mentions);
    d->mentions = NULL;
    d->n_mentions = 0;
    c->free_types = kg_calloc(d->n_tokens ? d->n_tokens : 1, sizeof *c->free_types);
    return c->free_types ? KG_OK : KG_ENOMEM;
}

int kg_ner_corpus_read_gum(kg_ner_corpus **out, const char *path, const kg_gazetteer *g)
{
    int rc = KG_OK;
    kg_treebank *tb = NULL;
    kg_ner_corpus *c = NULL;
    size_t cap_m = 0, cap_mt = 0;
    *out = NULL;
    if ((rc = kg_treebank_read(&tb, path, gum_filter, NULL))) {
        goto done;
    }
    if ((rc = corpus_from(&c, tb))) {
        goto done;
    }
    kg_document *d = c->doc;
    span spans[MAX_MENTIONS];
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *se = &d->sentences[si];
        size_t ns = gum_sentence(g, d->tokens + se->first, tb->misc + se->first, se->count, spans,
                                 MAX_MENTIONS, c->free_types + se->first);
        if ((rc = add_mentions(c, &cap_m, &cap_mt, (uint32_t)si, spans, ns))) {
            goto done;
        }
    }
    *out = c;
    c = NULL;
done:
    kg_treebank_free(tb);
    kg_ner_corpus_free(c);
    return rc;
}

/* ------------------------------------------------- weakly labelled text */

/* Treebank tags as weak entity labels: in EWT 93% of the tokens of UNER's
 * names are NNP/NNPS and the rest are joining words ("of", "'s", "-",
 * "the", "and", ","); so a token with another tag is outside every name,
 * except adjectives (nationalities, NORP) and numbers (dates). */
static uint16_t tag_types(const kg_token *t)
{
    const uint16_t all = (uint16_t)(((1u << KG_ENT_COUNT) - 1) & ~1u);
    switch (t->xpos) {
    case KG_XPOS_NNP:
    case KG_XPOS_NNPS:
    case KG_XPOS_POS:
    case KG_XPOS_IN:
    case KG_XPOS_HYPH:
    case KG_XPOS_DT:
    case KG_XPOS_CC:
    case KG_XPOS_COMMA:
    case KG_XPOS_GW:
    case KG_XPOS_ADD:
    case KG_XPOS_PERIOD:
        return all;
    case KG_XPOS_CD:
        return BIT(KG_ENT_DATE) | BIT(KG_ENT_EVENT) | BIT(KG_ENT_LAW) | BIT(KG_ENT_ORG) |
               BIT(KG_ENT_FAC);
    case KG_XPOS_JJ:
        return BIT(KG_ENT_NORP);
    default:
        return 0;
    }
}

int ner_corpus_read_tagged(kg_ner_corpus **out, const char *path)
{
    int rc = KG_OK;
    kg_treebank *tb = NULL;
    kg_ner_corpus *c = NULL;
    *out = NULL;
    if ((rc = kg_treebank_read(&tb, path, NULL, NULL))) {
        goto done;
    }
    if ((rc = corpus_from(&c, tb))) {
        goto done;
    }
    kg_document *d = c->doc;
    c->mention_types = kg_calloc(1, sizeof *c->mention_types);
    if (!c->mention_types) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < d->n_tokens; i++) {
        c->free_types[i] = tag_types(&d->tokens[i]);
    }
    *out = c;
    c = NULL;
done:
    kg_treebank_free(tb);
    kg_ner_corpus_free(c);
    return rc;
}
