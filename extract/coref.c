/* coref.c - within-document entity resolution: canonical names, nationalities,
 * headings, clustering of named mentions into document-level entities, and
 * the assembly of doc->mentions and doc->entities (kg_coref.h).
 *
 * Named mentions are clustered by precision-ranked passes in the spirit of
 * Lee et al. (2013, "Deterministic coreference resolution based on
 * entity-centric, precision-ranked rules"): exact canonical name (the
 * gazetteer's canonical form when it lists the name, so "U.S." and "America"
 * meet as "United States"), then one-word person names to the one full name
 * in the document that ends with them ("Glezmann" -> "George Glezmann"), then
 * acronyms to the one name whose initials they spell. Heading and byline
 * names are matched last and may only join an entity the body text names.
 * Pronouns, descriptions and roles are found in coref_refs.c and roles.c. */
#include "coref_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEY_BYTES 256

/* ------------------------------------------------------ token helpers */

static int is_possessive_token(const coref *c, uint32_t t)
{
    return cr_form_is(c, t, "'s") || cr_form_is(c, t, "\xE2\x80\x99s") || cr_form_is(c, t, "'") ||
           cr_form_is(c, t, "\xE2\x80\x99");
}

static char ascii_lower(char ch)
{
    if (ch >= 'A' && ch <= 'Z') {
        return (char)(ch - 'A' + 'a');
    }
    return ch;
}

int cr_form_is(const coref *c, uint32_t t, const char *word)
{
    return t < c->doc->n_tokens && strcasecmp(c->doc->tokens[t].form, word) == 0;
}

size_t cr_lemma(const coref *c, uint32_t t, char *out, size_t cap)
{
    const kg_token *k = &c->doc->tokens[t];
    const char *s = k->lemma && k->lemma[0] && strcmp(k->lemma, "_") != 0 ? k->lemma : k->form;
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++) {
        out[n] = ascii_lower(s[n]);
    }
    out[n] = '\0';
    return n;
}

unsigned cr_noun_flags(const coref *c, uint32_t t)
{
    const kg_token *k = &c->doc->tokens[t];
    if (k->upos != KG_UPOS_NONE && k->upos != KG_UPOS_NOUN && k->upos != KG_UPOS_PROPN) {
        return 0;
    }
    char lem[64];
    size_t n = cr_lemma(c, t, lem, sizeof lem);
    unsigned f = cr_lexicon(lem, n);
    /* untagged text has no lemmas: try the singular of a plural */
    if (!f && k->upos == KG_UPOS_NONE && n > 3 && lem[n - 1] == 's') {
        f = cr_lexicon(lem, n - 1);
    }
    return f;
}

int32_t cr_child_dep(const coref *c, uint32_t t, int dep)
{
    for (int32_t ch = c->child[t]; ch >= 0; ch = c->sibling[ch]) {
        if (c->doc->tokens[ch].deprel == dep) {
            return ch;
        }
    }
    return -1;
}

int cr_dominates(const coref *c, uint32_t a, uint32_t t)
{
    int32_t x = (int32_t)t;
    for (int steps = 0; x >= 0 && steps < 40; steps++) {
        if ((uint32_t)x == a) {
            return 1;
        }
        x = cr_head(c, (uint32_t)x);
    }
    return 0;
}

/* Whether token x may sit before the head h of its noun phrase through its
 * relation: determiners, modifiers, compounds and possessors ("'s" only
 * among case markers; adverbs only on a modifier: "very senior"). */
static int np_left_dep(const coref *c, uint32_t x, uint32_t h)
{
    switch (cr_dep(c, x)) {
    case KG_DEP_DET:
    case KG_DEP_DET_PREDET:
    case KG_DEP_AMOD:
    case KG_DEP_COMPOUND:
    case KG_DEP_NMOD_POSS:
    case KG_DEP_NUMMOD:
    case KG_DEP_FLAT:
        return 1;
    case KG_DEP_CASE:
        return is_possessive_token(c, x);
    case KG_DEP_ADVMOD:
        return cr_head(c, x) != (int32_t)h;
    case KG_DEP_PUNCT:
        return cr_form_is(c, x, "-");
    default:
        return 0;
    }
}

/* Whether t is inside the phrase of head h through noun-phrase relations. */
static int in_np_of(const coref *c, uint32_t t, uint32_t h)
{
    int32_t x = (int32_t)t;
    for (int steps = 0; x >= 0 && steps < 6; steps++) {
        if ((uint32_t)x == h) {
            return 1;
        }
        if (!np_left_dep(c, (uint32_t)x, h)) {
            return 0;
        }
        x = cr_head(c, (uint32_t)x);
    }
    return 0;
}

uint32_t cr_np_left(const coref *c, uint32_t t)
{
    const kg_sentence *s = &c->doc->sentences[c->sent_of[t]];
    uint32_t left = t;
    if (c->parsed) {
        for (uint32_t j = t; j > s->first;) {
            j--;
            if (!in_np_of(c, j, t)) {
                break;
            }
            left = j;
        }
        /* a phrase does not start with punctuation */
        while (left < t && c->doc->tokens[left].upos == KG_UPOS_PUNCT) {
            left++;
        }
        return left;
    }
    /* untagged or unparsed: adjectives, nouns and names just before */
    for (uint32_t j = t, k = 0; j > s->first && k < 4; k++) {
        j--;
        int u = c->doc->tokens[j].upos;
        if (u == KG_UPOS_DET) {
            left = j;
            break;
        }
        if (u != KG_UPOS_ADJ && u != KG_UPOS_NOUN && u != KG_UPOS_PROPN) {
            break;
        }
        left = j;
    }
    return left;
}

int cr_plural(const coref *c, uint32_t t)
{
    const kg_token *k = &c->doc->tokens[t];
    if (k->xpos == KG_XPOS_NNS || k->xpos == KG_XPOS_NNPS) {
        return 1;
    }
    return k->feats && strstr(k->feats, "Number=Plur") != NULL;
}

int32_t cr_comma_apposition(const coref *c, const kg_mention *m, uint32_t *left)
{
    const kg_sentence *s = &c->doc->sentences[m->sentence];
    uint32_t end = s->first + s->count, after = m->first + m->count;
    if (m->first < s->first + 2 || !cr_form_is(c, m->first - 1, ",")) {
        return -1;
    }
    /* the name closes the apposition */
    if (after < end && !cr_form_is(c, after, ",") && !cr_form_is(c, after, ".") &&
        !cr_form_is(c, after, ";") && !cr_form_is(c, after, ")")) {
        return -1;
    }
    uint32_t h = m->first - 2;
    int u = cr_upos(c, h);
    if (c->ment_of[h] >= 0 || (u != KG_UPOS_NOUN && u != KG_UPOS_NONE) || cr_plural(c, h)) {
        return -1;
    }
    /* its modifiers, after a determiner or a possessor */
    uint32_t j = h;
    int possessor = 0;
    for (int k = 0; k < 5 && j > s->first; k++) {
        uint32_t t = j - 1;
        int tu = cr_upos(c, t);
        if (is_possessive_token(c, t)) {
            possessor = 1;
        } else if (tu != KG_UPOS_ADJ && tu != KG_UPOS_NOUN && tu != KG_UPOS_PROPN) {
            break;
        }
        j = t;
    }
    if (!possessor && !(j > s->first && cr_upos(c, j - 1) == KG_UPOS_DET)) {
        return -1;
    }
    *left = possessor || j == s->first ? j : j - 1;
    return (int32_t)h;
}

const char *cr_demonym_country(const coref *c, uint32_t first, uint32_t count)
{
    const kg_token *a = &c->doc->tokens[first], *b = &c->doc->tokens[first + count - 1];
    /* a nationality is capitalised; "american" in lower case is not one */
    if (!(a->form[0] >= 'A' && a->form[0] <= 'Z')) {
        return NULL;
    }
    return kg_gazetteer_demonym_country(c->gz, c->doc->text + a->start, b->end - a->start);
}

/* Whether the words of a[0..an) begin b ("secretary" and "secretary of state"). */
static int word_prefix(const char *a, size_t an, const char *b)
{
    return strncmp(a, b, an) == 0 && (b[an] == '\0' || b[an] == ' ');
}

int cr_add_role(coref *c, uint32_t mi, const char *text, size_t len)
{
    /* once per mention; a role that a fuller one of the mention begins with goes */
    for (size_t i = 0; i < c->n_roles; i++) {
        if (c->roles[i].ment != mi) {
            continue;
        }
        if (word_prefix(text, len, c->roles[i].text)) {
            return KG_OK;
        }
        size_t ol = strlen(c->roles[i].text);
        if (ol < len && word_prefix(c->roles[i].text, ol, text)) {
            char *s = kg_arena_strndup(c->doc->arena, text, len);
            if (!s) {
                return KG_ENOMEM;
            }
            c->roles[i].text = s;
            return KG_OK;
        }
    }
    if (kg_grow((void **)&c->roles, &c->cap_roles, c->n_roles + 1, sizeof *c->roles)) {
        return KG_ENOMEM;
    }
    char *s = kg_arena_strndup(c->doc->arena, text, len);
    if (!s) {
        return KG_ENOMEM;
    }
    c->roles[c->n_roles].ment = mi;
    c->roles[c->n_roles].text = s;
    c->n_roles++;
    return KG_OK;
}

int32_t cr_add_mention(coref *c, uint32_t first, uint32_t last, int kind, int32_t e,
                       float confidence)
{
    /* mentions never overlap: a description starts after any name inside it
     * ("the Taliban's interior minister" -> "interior minister") */
    for (uint32_t k = first; k <= last; k++) {
        if (c->ment_of[k] >= 0) {
            const kg_mention *in = &c->ms[c->ment_of[k]].m;
            first = in->first + in->count;
            while (first <= last && is_possessive_token(c, first)) {
                first++;
            }
            k = first - 1;
        }
    }
    if (first > last) {
        return -2;
    }
    if (kg_grow((void **)&c->ms, &c->cap_ms, c->n_ms + 1, sizeof *c->ms)) {
        return -1;
    }
    const kg_document *d = c->doc;
    cr_ment *cm = &c->ms[c->n_ms];
    memset(cm, 0, sizeof *cm);
    cm->m.sentence = c->sent_of[first];
    cm->m.first = first;
    cm->m.count = last - first + 1;
    cm->m.start = d->tokens[first].start;
    cm->m.end = d->tokens[last].end;
    cm->m.type = c->ents[e].type;
    cm->m.confidence = confidence;
    cm->m.entity = e;
    cm->m.kind = (uint8_t)kind;
    cm->head = last;
    cm->heading = c->heading[cm->m.sentence];
    return (int32_t)c->n_ms++;
}

/* ------------------------------------------------------------- setup */

static int is_function_word(const char *f)
{
    static const char *const words[] = {"a",    "an",    "the",   "of",      "and",  "or",
                                        "in",   "on",    "at",    "to",      "for",  "with",
                                        "by",   "from",  "vs",    "between", "into", "as",
                                        "over", "under", "about", "via",     "de",   "al"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strcmp(words[i], f) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A sentence without final punctuation that reads like a heading or byline:
 * very short and half capitalised, or in title case (every word but function
 * words capitalised, one slip in eight allowed). "The Taliban freed George
 * Glezmann in Kabul" is a sentence that lost its period, not a heading. */
static int looks_like_heading(const kg_document *d, const kg_sentence *s)
{
    if (!(s->flags & KG_SENT_HEADING)) {
        return 0;
    }
    size_t content = 0, caps = 0;
    for (uint32_t i = s->first; i < s->first + s->count; i++) {
        const char *f = d->tokens[i].form;
        unsigned char ch = (unsigned char)f[0];
        int upper = (ch >= 'A' && ch <= 'Z') ||
                    (ch == 0xC3 && (unsigned char)f[1] >= 0x80 && (unsigned char)f[1] <= 0x9E);
        int lower = (ch >= 'a' && ch <= 'z');
        if (!upper && !lower) {
            continue;
        }
        if (lower && is_function_word(f)) {
            continue;
        }
        content++;
        caps += (size_t)upper;
    }
    if (content <= 4) {
        return caps * 2 >= content;
    }
    return (content - caps) * 8 <= content;
}

/* A line that credits a source, a photograph or an author ("By ...",
 * "Source: CNN Brasil", "AP Photo / ..."): its first two words say so. */
static int credit_line(const kg_document *d, const kg_sentence *s)
{
    static const char *const words[] = {
        "By",        "Source",     "Sources",     "Photo",     "Photos",  "Credit", "Credits",
        "Image",     "Images",     "Picture",     "Reporting", "Written", "Edited", "Author",
        "Copyright", "Translated", "Translation", "Via",       "Video"};
    for (uint32_t i = s->first; i < s->first + s->count && i < s->first + 2; i++) {
        for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
            if (strcmp(d->tokens[i].form, words[k]) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* Headings and bylines, whose names may only join entities of the body: the
 * heading-like lines before the first sentence of the body (title, byline,
 * dateline, first section heading), and credit lines anywhere. A line that
 * ends with a comma is a salutation ("Renee ,"), not a heading; a name on its
 * own line further down (a signature, a list of attendees) stays. */
static size_t find_headings(coref *c)
{
    const kg_document *d = c->doc;
    size_t n = 0;
    int top = 1;
    for (size_t s = 0; s < d->n_sentences; s++) {
        const kg_sentence *se = &d->sentences[s];
        int comma = se->count && strcmp(d->tokens[se->first + se->count - 1].form, ",") == 0;
        int like = !comma && looks_like_heading(d, se);
        if (!like) {
            top = 0;
        }
        c->heading[s] = (uint8_t)((top && like) ||
                                  (!comma && (se->flags & KG_SENT_HEADING) && credit_line(d, se)));
        n += c->heading[s];
    }
    return n;
}

static int setup(coref *c)
{
    kg_document *d = c->doc;
    size_t n = d->n_tokens ? d->n_tokens : 1;
    c->sent_of = kg_malloc(n * sizeof *c->sent_of);
    c->ment_of = kg_malloc(n * sizeof *c->ment_of);
    c->child = kg_malloc(n * sizeof *c->child);
    c->sibling = kg_malloc(n * sizeof *c->sibling);
    c->heading = kg_calloc(d->n_sentences ? d->n_sentences : 1, 1);
    if (!c->sent_of || !c->ment_of || !c->child || !c->sibling || !c->heading) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < d->n_tokens; i++) {
        c->sent_of[i] = 0;
        c->ment_of[i] = -1;
        c->child[i] = -1;
        c->sibling[i] = -1;
    }
    int parsed = d->n_tokens > 0;
    for (size_t s = 0; s < d->n_sentences; s++) {
        const kg_sentence *se = &d->sentences[s];
        if ((size_t)se->first + se->count > d->n_tokens) {
            return kg_error_set(KG_EINVAL, "%s: sentence %zu is outside the tokens", d->id, s);
        }
        for (uint32_t i = se->first; i < se->first + se->count; i++) {
            c->sent_of[i] = (uint32_t)s;
            const kg_token *t = &d->tokens[i];
            if (t->head == -2 || t->upos == KG_UPOS_NONE || t->head >= (int32_t)se->count) {
                parsed = 0;
            }
        }
    }
    size_t headings = find_headings(c);
    /* a text of nothing but headings has no body to keep them out of */
    if (c->opts.keep_headings || headings == d->n_sentences) {
        memset(c->heading, 0, d->n_sentences);
    }
    c->parsed = parsed;
    if (parsed) { /* dependents in text order: link from the last token back */
        for (size_t i = d->n_tokens; i-- > 0;) {
            int32_t h = cr_head(c, (uint32_t)i);
            if (h < 0 || (size_t)h == i) {
                continue;
            }
            c->sibling[i] = c->child[h];
            c->child[h] = (int32_t)i;
        }
    }
    return KG_OK;
}

/* The head token of a mention: the one whose head lies outside it (the
 * first such), else its last token. */
static uint32_t mention_head(const coref *c, const kg_mention *m)
{
    if (!c->parsed) {
        return m->first + m->count - 1;
    }
    for (uint32_t t = m->first; t < m->first + m->count; t++) {
        int32_t h = cr_head(c, t);
        if (h < (int32_t)m->first || h >= (int32_t)(m->first + m->count)) {
            return t;
        }
    }
    return m->first + m->count - 1;
}

/* Copies the named mentions (dropping any pronoun or description left by an
 * earlier call) into the working array. */
static int load_mentions(coref *c)
{
    kg_document *d = c->doc;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->kind != KG_MENTION_NAME || m->count == 0 || m->sentence >= d->n_sentences ||
            (size_t)m->first + m->count > d->n_tokens) {
            continue;
        }
        if (kg_grow((void **)&c->ms, &c->cap_ms, c->n_ms + 1, sizeof *c->ms)) {
            return KG_ENOMEM;
        }
        cr_ment *cm = &c->ms[c->n_ms++];
        memset(cm, 0, sizeof *cm);
        cm->m = *m;
        cm->m.entity = -1;
        cm->m.roles = NULL;
        cm->head = mention_head(c, m);
        cm->heading = c->heading[m->sentence];
        cm->vote_type = m->type;
    }
    return KG_OK;
}

static void index_mentions(coref *c)
{
    for (size_t i = 0; i < c->doc->n_tokens; i++) {
        c->ment_of[i] = -1;
    }
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.kind != KG_MENTION_NAME) {
            continue;
        }
        for (uint32_t t = cm->m.first; t < cm->m.first + cm->m.count; t++) {
            c->ment_of[t] = (int32_t)mi;
        }
    }
}

/* ------------------------------------------------------------- names */

static size_t mention_text(const coref *c, const kg_mention *m, char *out, size_t cap)
{
    /* the mention as written, whitespace runs made one space, a final
     * possessive left out */
    const kg_document *d = c->doc;
    uint32_t last = m->first + m->count - 1;
    while (last > m->first) {
        const char *f = d->tokens[last].form;
        if (strcmp(f, "'s") != 0 && strcmp(f, "\xE2\x80\x99s") != 0 && strcmp(f, "'") != 0 &&
            strcmp(f, "\xE2\x80\x99") != 0) {
            break;
        }
        last--;
    }
    const char *s = d->text + d->tokens[m->first].start;
    size_t len = d->tokens[last].end - d->tokens[m->first].start, n = 0;
    int space = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = 1;
            continue;
        }
        if (space && n && n + 2 < cap) {
            out[n++] = ' ';
        }
        space = 0;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n;
}

static int is_place(int type)
{
    return type == KG_ENT_GPE || type == KG_ENT_LOC || type == KG_ENT_FAC;
}

/* Whether a recognised type and a listed type may name the same thing. */
static int type_compatible(int mention, int listed)
{
    if (listed == KG_ENT_NONE) {
        return 1;
    }
    if ((mention == KG_ENT_PERSON) != (listed == KG_ENT_PERSON)) {
        return 0;
    }
    return mention != KG_ENT_DATE && listed != KG_ENT_DATE;
}

static int family_of(int type)
{
    switch (type) {
    case KG_ENT_PERSON:
        return CR_FAM_PERSON;
    case KG_ENT_NORP:
        return CR_FAM_NORP;
    case KG_ENT_DATE:
        return CR_FAM_DATE;
    default:
        return CR_FAM_THING;
    }
}

#define NAME_KINDS (KG_GAZ_NAMES & ~KG_GAZ_BIT(KG_GAZ_DEMONYM))

/* The listed name a mention gives, if any: the whole mention, or the mention
 * with one or two lower-case words after it ("Haqqani" + "network"). */
static const kg_gazetteer_entry *listed_name(const coref *c, const kg_mention *m, const char *text,
                                             size_t len)
{
    const kg_gazetteer_entry *e = kg_gazetteer_lookup(c->gz, text, len, NAME_KINDS);
    if (e && type_compatible(m->type, e->type)) {
        return e;
    }
    if (m->type == KG_ENT_PERSON || m->type == KG_ENT_DATE) {
        return NULL;
    }
    const kg_sentence *s = &c->doc->sentences[m->sentence];
    uint32_t end = s->first + s->count;
    size_t n = kg_gazetteer_match(c->gz, c->doc->tokens, end, m->first, KG_GAZ_BIT(KG_GAZ_ORG), &e);
    if (n <= m->count || n > m->count + 2 || !e || !type_compatible(m->type, e->type)) {
        return NULL;
    }
    for (uint32_t k = m->first + m->count; k < m->first + n; k++) {
        unsigned char ch = (unsigned char)c->doc->tokens[k].form[0];
        if (!(ch >= 'a' && ch <= 'z')) {
            return NULL;
        }
    }
    return e;
}

/* Canonical names, and the type each named mention votes for. */
static int canonical_names(coref *c)
{
    char text[KEY_BYTES];
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        cr_ment *cm = &c->ms[mi];
        if (cm->drop) {
            continue;
        }
        if (cm->canon) {
            continue; /* a nationality already given its country */
        }
        size_t len = mention_text(c, &cm->m, text, sizeof text);
        const char *canon = NULL;
        if (cm->m.type == KG_ENT_NORP) {
            const kg_gazetteer_entry *e =
                kg_gazetteer_lookup(c->gz, text, len, KG_GAZ_BIT(KG_GAZ_DEMONYM));
            if (e) {
                canon = e->name;
                cm->gaz_kind = KG_GAZ_DEMONYM + 1;
            }
        } else if (cm->m.type != KG_ENT_DATE) {
            const kg_gazetteer_entry *e = listed_name(c, &cm->m, text, len);
            if (e) {
                canon = e->name;
                cm->gaz_kind = (uint8_t)(e->kind + 1);
                if (is_place(cm->m.type) && is_place(e->type)) {
                    cm->vote_type = e->type;
                }
            }
        }
        if (!canon && !(canon = kg_arena_strndup(c->doc->arena, text, len))) {
            return KG_ENOMEM;
        }
        cm->canon = canon;
    }
    return KG_OK;
}

/* -------------------------------------------------- nationalities, fixes */

/* Whether a person's name starts at token t within a few role words
 * ("American [prisoner] George Glezmann"). */
static int person_follows(const coref *c, uint32_t t, uint32_t end)
{
    for (uint32_t k = 0; k < 4 && t + k < end; k++) {
        int32_t mi = c->ment_of[t + k];
        if (mi >= 0) {
            return c->ms[mi].m.type == KG_ENT_PERSON && c->ms[mi].m.first == t + k;
        }
        unsigned f = cr_noun_flags(c, t + k);
        int u = cr_upos(c, t + k);
        if (!(f & CR_LEX_ROLE) && u != KG_UPOS_ADJ) {
            return 0;
        }
    }
    return 0;
}

/* Nationalities: the country when they stand for it, nothing when they only
 * describe a named person, else a group (NORP). */
static void nationalities(coref *c)
{
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.type != KG_ENT_NORP) {
            continue;
        }
        const char *country = cr_demonym_country(c, cm->m.first, cm->m.count);
        const kg_sentence *s = &c->doc->sentences[cm->m.sentence];
        uint32_t next = cm->m.first + cm->m.count, end = s->first + s->count;
        /* the noun it modifies: its head in the parse, or the next word */
        unsigned flags = 0;
        int modifier = 0;
        int32_t h = c->parsed ? cr_head(c, cm->head) : -1;
        int dep = cr_dep(c, cm->head);
        if (h >= 0 && (dep == KG_DEP_AMOD || dep == KG_DEP_COMPOUND || dep == KG_DEP_NMOD_POSS)) {
            modifier = 1;
            flags |= cr_noun_flags(c, (uint32_t)h);
            if (c->ment_of[h] >= 0 && c->ms[c->ment_of[h]].m.type == KG_ENT_PERSON) {
                cm->drop = 1; /* "the American Faye Hall" */
                continue;
            }
        }
        if (next < end && c->ment_of[next] < 0) {
            unsigned f = cr_noun_flags(c, next);
            if (f && (!c->parsed || cr_head(c, next) != (int32_t)cm->head)) {
                flags |= f;
            }
            modifier |= f != 0;
        }
        if (country && modifier && (flags & CR_LEX_AGENT)) {
            cm->demonym = 1;
            cm->m.type = KG_ENT_GPE;
            cm->vote_type = KG_ENT_GPE;
            cm->canon = country;
            cm->gaz_kind = KG_GAZ_COUNTRY + 1;
            continue;
        }
        if (next < end && person_follows(c, next, end)) {
            cm->drop = 1; /* "American prisoner George Glezmann" */
        }
    }
}

/* Whether words is the name of a person the document or the gazetteer knows. */
static int known_person(const coref *c, const char *words, size_t len)
{
    char key[KEY_BYTES], other[KEY_BYTES];
    if (kg_gazetteer_lookup(c->gz, words, len, KG_GAZ_BIT(KG_GAZ_PERSON))) {
        return 1;
    }
    size_t kl = kg_gazetteer_normalise(key, sizeof key, words, len, 1);
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.type != KG_ENT_PERSON) {
            continue;
        }
        size_t ol = kg_gazetteer_normalise(other, sizeof other, c->doc->text + cm->m.start,
                                           cm->m.end - cm->m.start, 1);
        if (ol == kl && memcmp(key, other, kl) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Recognition slips that the document itself shows: a person's name with a
 * role after it taken for an organisation ("Trump National Security
 * Counselor"), and a person taken for a place ("American Faye Hall"). */
static void fix_names(coref *c)
{
    const kg_document *d = c->doc;
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        cr_ment *cm = &c->ms[mi];
        kg_mention *m = &cm->m;
        if (cm->drop || m->type == KG_ENT_PERSON || m->type == KG_ENT_NORP ||
            m->type == KG_ENT_DATE || m->count < 2) {
            continue;
        }
        const char *text = d->text + m->start;
        size_t len = m->end - m->start;
        if (kg_gazetteer_lookup(c->gz, text, len, NAME_KINDS)) {
            continue;
        }
        uint32_t last = m->first + m->count - 1;
        if (cr_noun_flags(c, last) & CR_LEX_ROLE) {
            /* the longest leading part that names a known person */
            for (uint32_t k = m->count - 1; k >= 1; k--) {
                uint32_t e = m->first + k - 1;
                if (known_person(c, text, d->tokens[e].end - m->start)) {
                    m->count = k;
                    m->end = d->tokens[e].end;
                    m->type = KG_ENT_PERSON;
                    cm->vote_type = KG_ENT_PERSON;
                    cm->head = mention_head(c, m);
                    break;
                }
            }
            continue;
        }
        /* a given name first, and a nationality, role or title just before */
        const char *f = d->tokens[m->first].form;
        if (!kg_gazetteer_lookup(c->gz, f, strlen(f), KG_GAZ_BIT(KG_GAZ_GIVEN))) {
            continue;
        }
        const kg_sentence *s = &d->sentences[m->sentence];
        if (m->first == s->first) {
            continue;
        }
        uint32_t p = m->first - 1;
        const char *pf = d->tokens[p].form;
        if (cr_demonym_country(c, p, 1) || (cr_noun_flags(c, p) & CR_LEX_ROLE) ||
            kg_gazetteer_title(c->gz, pf, strlen(pf))) {
            m->type = KG_ENT_PERSON;
            cm->vote_type = KG_ENT_PERSON;
        }
    }
}

/* ----------------------------------------------------------- clustering */

typedef struct cluster_state {
    kg_map *by_key;     /* family + folded canonical name -> entity */
    kg_map *by_surname; /* folded last word of a full person name -> entity, or UINT32_MAX */
    kg_map *by_first;   /* folded first word of a full person name -> entity, or UINT32_MAX */
} cluster_state;

/* Records word -> e in m, or marks word ambiguous when another entity has it. */
static int index_word(kg_map *m, const char *word, size_t len, uint32_t e)
{
    uint32_t prev;
    if (kg_map_get(m, word, len, &prev)) {
        return prev == e ? KG_OK : kg_map_put(m, word, len, UINT32_MAX);
    }
    return kg_map_put(m, word, len, e);
}

static size_t entity_key(char *out, size_t cap, int family, const char *name)
{
    out[0] = (char)('0' + family);
    return 1 + kg_gazetteer_normalise(out + 1, cap - 1, name, strlen(name), 1);
}

static int new_entity(coref *c, cluster_state *st, const cr_ment *cm, uint32_t *out)
{
    char key[KEY_BYTES];
    if (kg_grow((void **)&c->ents, &c->cap_ents, c->n_ents + 1, sizeof *c->ents)) {
        return KG_ENOMEM;
    }
    uint32_t e = (uint32_t)c->n_ents++;
    cr_ent *en = &c->ents[e];
    memset(en, 0, sizeof *en);
    en->name = cm->canon;
    en->gaz_kind = cm->gaz_kind;
    en->family = (uint8_t)family_of(cm->m.type);
    en->words = (uint16_t)kg_word_count(cm->canon);
    en->out = -1;
    size_t kl = entity_key(key, sizeof key, en->family, cm->canon);
    if (kg_map_put(st->by_key, key, kl, e)) {
        return KG_ENOMEM;
    }
    if (en->family == CR_FAM_PERSON && en->words >= 2) {
        const char *last = strrchr(key, ' ') + 1;
        const char *first = key + 1;
        if (index_word(st->by_surname, last, strlen(last), e) ||
            index_word(st->by_first, first, (size_t)(strchr(first, ' ') - first), e)) {
            return KG_ENOMEM;
        }
    }
    *out = e;
    return KG_OK;
}

/* Whether a word is written in capitals (an acronym: "UAE", "U.S."). */
static int all_capitals(const char *s)
{
    size_t upper = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z') {
            return 0;
        }
        upper += *s >= 'A' && *s <= 'Z';
    }
    return upper >= 2;
}

/* The entity a mention of family fam joins without creating one, or -1. */
static int32_t existing_entity(const coref *c, const cluster_state *st, const cr_ment *cm, int fam)
{
    char key[KEY_BYTES];
    size_t kl = entity_key(key, sizeof key, fam, cm->canon);
    uint32_t e;
    if (kg_map_get(st->by_key, key, kl, &e)) {
        return (int32_t)e;
    }
    if (fam == CR_FAM_PERSON && !strchr(key, ' ')) {
        /* a surname, else a first name, of one full name in the document */
        if (kg_map_get(st->by_surname, key + 1, kl - 1, &e)) {
            return e == UINT32_MAX ? -1 : (int32_t)e;
        }
        if (kg_map_get(st->by_first, key + 1, kl - 1, &e)) {
            return e == UINT32_MAX ? -1 : (int32_t)e;
        }
        return -1;
    }
    if (fam == CR_FAM_THING && cm->m.count == 1 && all_capitals(cm->canon)) {
        /* an acronym and the one name it spells */
        int32_t found = -1;
        for (size_t i = 0; i < c->n_ents; i++) {
            const cr_ent *en = &c->ents[i];
            if (en->family != CR_FAM_THING || en->words < 2 ||
                !kg_gazetteer_is_acronym_of(cm->canon, strlen(cm->canon), en->name,
                                            strlen(en->name))) {
                continue;
            }
            if (found >= 0) {
                return -1;
            }
            found = (int32_t)i;
        }
        return found;
    }
    return -1;
}

static void join(coref *c, cr_ment *cm, uint32_t e)
{
    cr_ent *en = &c->ents[e];
    cm->m.entity = (int32_t)e;
    /* an unlisted entity takes its fullest name */
    size_t w = kg_word_count(cm->canon);
    if (!en->gaz_kind && (cm->gaz_kind || w > en->words)) {
        en->name = cm->canon;
        en->words = (uint16_t)w;
        en->gaz_kind = cm->gaz_kind;
    }
}

/* Clusters named mentions: body person names (full and listed names), other
 * body names, one-word person names, then heading names, which only join. */
static int cluster(coref *c)
{
    int rc = KG_OK;
    cluster_state st = {NULL, NULL, NULL};
    if (kg_map_new(&st.by_key) || kg_map_new(&st.by_surname) || kg_map_new(&st.by_first)) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (int pass = 0; pass < 4 && rc == KG_OK; pass++) {
        for (size_t mi = 0; mi < c->n_ms && rc == KG_OK; mi++) {
            cr_ment *cm = &c->ms[mi];
            if (cm->drop || cm->m.entity >= 0) {
                continue;
            }
            int person = cm->m.type == KG_ENT_PERSON;
            int single = person && !cm->gaz_kind && !strchr(cm->canon, ' ');
            if (pass < 3 && cm->heading) {
                continue;
            }
            if ((pass == 0 && (!person || single)) || (pass == 1 && person) ||
                (pass == 2 && !single)) {
                continue;
            }
            int32_t e = existing_entity(c, &st, cm, family_of(cm->m.type));
            if (e < 0 && !person && !cm->gaz_kind && cm->m.type != KG_ENT_NORP &&
                cm->m.type != KG_ENT_DATE &&
                (e = existing_entity(c, &st, cm, CR_FAM_PERSON)) >= 0) {
                /* an unlisted name the document uses for a person ("Glezmann"
                 * typed an event here, a person there) */
                cm->m.type = KG_ENT_PERSON;
                cm->vote_type = KG_ENT_PERSON;
            }
            if (e >= 0) {
                join(c, cm, (uint32_t)e);
            } else if (pass < 3) {
                uint32_t ne;
                rc = new_entity(c, &st, cm, &ne);
                if (rc == KG_OK) {
                    join(c, cm, ne);
                }
            } else {
                cm->drop = 1; /* a heading or byline name the body never uses */
            }
        }
    }
done:
    kg_map_free(st.by_key);
    kg_map_free(st.by_surname);
    kg_map_free(st.by_first);
    return rc;
}

/* Entity types (confidence-weighted votes of the named mentions) and genders. */
static void type_entities(coref *c)
{
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.entity < 0 || cm->vote_type >= KG_ENT_COUNT) {
            continue;
        }
        float w = cm->m.confidence > 0.05f ? cm->m.confidence : 0.05f;
        if (cm->gaz_kind) {
            w += 1.0f;
        }
        c->ents[cm->m.entity].votes[cm->vote_type] += w;
    }
    for (size_t e = 0; e < c->n_ents; e++) {
        cr_ent *en = &c->ents[e];
        float best = 0.0f;
        for (int t = 1; t < KG_ENT_COUNT; t++) {
            if (en->votes[t] > best) {
                best = en->votes[t];
                en->type = (uint8_t)t;
            }
        }
        if (en->type == KG_ENT_PERSON) {
            /* gender from the first name, when the list knows it */
            const char *sp = strchr(en->name, ' ');
            if (sp) {
                const kg_gazetteer_entry *g = kg_gazetteer_lookup(
                    c->gz, en->name, (size_t)(sp - en->name), KG_GAZ_BIT(KG_GAZ_GIVEN));
                if (g && g->link && (g->link[0] == 'M' || g->link[0] == 'F')) {
                    en->gender = (uint8_t)g->link[0];
                }
            }
        }
    }
    /* gender from titles and honorifics ("Mrs.", "Congresswoman") */
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.entity < 0 || cm->m.title_count == 0) {
            continue;
        }
        cr_ent *en = &c->ents[cm->m.entity];
        if (en->type != KG_ENT_PERSON || en->gender) {
            continue;
        }
        static const char *const female[] = {
            "mrs",  "mrs.", "ms",    "ms.",      "miss",          "madam",      "madame",
            "lady", "dame", "queen", "princess", "congresswoman", "chairwoman", "spokeswoman"};
        static const char *const male[] = {"mr",       "mr.",      "mister", "sir",
                                           "lord",     "king",     "prince", "congressman",
                                           "chairman", "spokesman"};
        for (uint32_t t = cm->m.title_first; t < cm->m.title_first + cm->m.title_count; t++) {
            for (size_t k = 0; k < sizeof female / sizeof *female; k++) {
                if (cr_form_is(c, t, female[k])) {
                    en->gender = 'F';
                }
            }
            for (size_t k = 0; k < sizeof male / sizeof *male; k++) {
                if (cr_form_is(c, t, male[k])) {
                    en->gender = 'M';
                }
            }
        }
    }
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        cr_ment *cm = &c->ms[mi];
        if (!cm->drop && cm->m.entity >= 0) {
            cm->m.type = c->ents[cm->m.entity].type;
        }
    }
}

/* ----------------------------------------------------- repeated names */

/* Whether token t is a capitalised proper noun (any capitalised word when
 * untagged, except a sentence's first). */
static int proper_word(const coref *c, uint32_t t)
{
    const kg_token *k = &c->doc->tokens[t];
    if (!(k->form[0] >= 'A' && k->form[0] <= 'Z')) {
        return 0;
    }
    if (k->upos != KG_UPOS_NONE) {
        return k->upos == KG_UPOS_PROPN;
    }
    return t != c->doc->sentences[c->sent_of[t]].first;
}

/* Repeats of a person's name that recognition missed: a proper noun
 * standing alone, outside every kept mention, that is the surname of
 * exactly one person the document names in full ("Glezmann's release" after
 * "George Glezmann"). Body sentences only. */
static int repeated_names(coref *c)
{
    char key[KEY_BYTES];
    kg_map *by_surname = NULL;
    if (kg_map_new(&by_surname)) {
        return KG_ENOMEM;
    }
    int rc = KG_OK;
    size_t surnames = 0;
    for (size_t e = 0; e < c->n_ents && rc == KG_OK; e++) {
        const cr_ent *en = &c->ents[e];
        const char *sp = strrchr(en->name, ' ');
        if (en->type != KG_ENT_PERSON || !sp) {
            continue;
        }
        size_t kl = kg_gazetteer_normalise(key, sizeof key, sp + 1, strlen(sp + 1), 1);
        if (kl > 0) {
            rc = index_word(by_surname, key, kl, (uint32_t)e);
            surnames++;
        }
    }
    const kg_document *d = c->doc;
    size_t n_before = c->n_ms;
    for (uint32_t t = 0; surnames && rc == KG_OK && t < d->n_tokens; t++) {
        uint32_t e;
        const char *f = d->tokens[t].form;
        if (c->ment_of[t] >= 0 || c->heading[c->sent_of[t]] || !proper_word(c, t)) {
            continue;
        }
        const kg_sentence *s = &d->sentences[c->sent_of[t]];
        if ((t > s->first && proper_word(c, t - 1)) ||
            (t + 1 < s->first + s->count && proper_word(c, t + 1))) {
            continue; /* part of a longer name recognition left alone */
        }
        size_t kl = kg_gazetteer_normalise(key, sizeof key, f, strlen(f), 1);
        if (kl == 0 || !kg_map_get(by_surname, key, kl, &e) || e == UINT32_MAX) {
            continue;
        }
        int32_t mi = cr_add_mention(c, t, t, KG_MENTION_NAME, (int32_t)e, 0.5f);
        if (mi == -1) {
            rc = KG_ENOMEM;
        } else if (mi >= 0) {
            c->ms[mi].canon = c->ents[e].name;
            c->ms[mi].vote_type = KG_ENT_PERSON;
        }
    }
    kg_map_free(by_surname);
    if (c->n_ms != n_before) {
        index_mentions(c);
    }
    return rc;
}

/* ------------------------------------------------------------- assembly */

static int cmp_mentions(const void *a, const void *b)
{
    const kg_mention *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    if (x->end != y->end) {
        return x->end > y->end ? -1 : 1; /* the longer first */
    }
    return (int)x->kind - (int)y->kind;
}

static int cmp_role_index(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

static int assemble(coref *c)
{
    kg_document *d = c->doc;
    int rc = KG_OK;
    kg_mention *ms = NULL;
    kg_entity *es = NULL;
    uint32_t *order = NULL; /* (mention, role) pairs, sorted: each mention's roles in a run */
    size_t nm = 0, ne = 0, r = 0;
    ms = kg_malloc((c->n_ms ? c->n_ms : 1) * sizeof *ms);
    es = kg_malloc((c->n_ents ? c->n_ents : 1) * sizeof *es);
    order = kg_malloc((c->n_roles ? c->n_roles : 1) * 2 * sizeof *order);
    if (!ms || !es || !order) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < c->n_roles; k++) {
        order[2 * k] = c->roles[k].ment;
        order[2 * k + 1] = (uint32_t)k;
    }
    qsort(order, c->n_roles, 2 * sizeof *order, cmp_role_index);
    /* within the document, a role that a fuller one of the same entity
     * begins with says nothing more ("detainee" beside "detainee of Taliban") */
    for (size_t k = 0; k < c->n_roles; k++) {
        const cr_role *a = &c->roles[k];
        if (!a->text) {
            continue;
        }
        int32_t e = c->ms[a->ment].m.entity;
        size_t al = strlen(a->text);
        for (size_t j = 0; j < c->n_roles && a->text; j++) {
            const cr_role *b = &c->roles[j];
            if (j != k && b->text && c->ms[b->ment].m.entity == e && strlen(b->text) > al &&
                word_prefix(a->text, al, b->text)) {
                c->roles[k].text = NULL;
            }
        }
    }
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.entity < 0) {
            continue;
        }
        cr_ent *en = &c->ents[cm->m.entity];
        if (en->out < 0) {
            en->out = (int32_t)ne;
            es[ne].name = kg_arena_strdup(d->arena, en->name);
            es[ne].type = en->type;
            if (!es[ne].name) {
                rc = KG_ENOMEM;
                goto done;
            }
            ne++;
        }
        /* this mention's roles, '|'-separated, in the order found */
        kg_strbuf_clear(&c->buf);
        while (r < c->n_roles && order[2 * r] < mi) {
            r++;
        }
        for (; r < c->n_roles && order[2 * r] == mi; r++) {
            if (!c->roles[order[2 * r + 1]].text) {
                continue;
            }
            if ((c->buf.len && kg_strbuf_putc(&c->buf, '|')) ||
                kg_strbuf_puts(&c->buf, c->roles[order[2 * r + 1]].text)) {
                rc = KG_ENOMEM;
                goto done;
            }
        }
        kg_mention m = cm->m;
        m.entity = en->out;
        m.type = en->type;
        m.roles = NULL;
        if (c->buf.len && !(m.roles = kg_arena_strndup(d->arena, c->buf.data, c->buf.len))) {
            rc = KG_ENOMEM;
            goto done;
        }
        ms[nm++] = m;
    }
    qsort(ms, nm, sizeof *ms, cmp_mentions);
    kg_free(d->mentions);
    kg_free(d->entities);
    d->mentions = ms;
    d->n_mentions = nm;
    d->entities = es;
    d->n_entities = ne;
    ms = NULL;
    es = NULL;
done:
    kg_free(ms);
    kg_free(es);
    kg_free(order);
    return rc;
}

/* ------------------------------------------------------------- public */

static void coref_free(coref *c)
{
    kg_free(c->sent_of);
    kg_free(c->ment_of);
    kg_free(c->child);
    kg_free(c->sibling);
    kg_free(c->heading);
    kg_free(c->ms);
    kg_free(c->ents);
    kg_free(c->roles);
    kg_strbuf_free(&c->buf);
}

/* Leaves the named mentions unresolved (the state promised on failure). */
static void unresolve(kg_document *d)
{
    size_t o = 0;
    for (size_t i = 0; i < d->n_mentions; i++) {
        if (d->mentions[i].kind != KG_MENTION_NAME) {
            continue;
        }
        d->mentions[o] = d->mentions[i];
        d->mentions[o].entity = -1;
        o++;
    }
    d->n_mentions = o;
    kg_free(d->entities);
    d->entities = NULL;
    d->n_entities = 0;
}

int kg_coref_resolve_with(const kg_gazetteer *gz, kg_document *doc, const kg_coref_options *opts)
{
    static const kg_coref_options defaults = KG_COREF_OPTIONS_INIT;
    coref c;
    memset(&c, 0, sizeof c);
    c.gz = gz;
    c.doc = doc;
    c.opts = opts ? *opts : defaults;
    if (c.opts.window == 0) {
        c.opts.window = defaults.window;
    }
    kg_strbuf_init(&c.buf, SIZE_MAX);
    int rc = KG_OK;
    if (!gz || !doc) {
        rc = kg_error_set(KG_EINVAL, "kg_coref_resolve: no gazetteer or document");
        goto done;
    }
    if ((rc = setup(&c)) || (rc = load_mentions(&c))) {
        goto done;
    }
    index_mentions(&c);
    fix_names(&c);
    index_mentions(&c);
    nationalities(&c);
    index_mentions(&c);
    if ((rc = canonical_names(&c)) || (rc = cluster(&c))) {
        goto done;
    }
    type_entities(&c);
    index_mentions(&c);
    if ((rc = repeated_names(&c))) {
        goto done;
    }
    size_t named = c.n_ms;
    if ((rc = cr_find_roles(&c, 0)) || (rc = cr_resolve_references(&c)) ||
        (rc = cr_find_roles(&c, named)) || (rc = cr_find_event_roles(&c))) {
        goto done;
    }
    rc = assemble(&c);
done:
    if (rc && doc) {
        unresolve(doc);
    }
    coref_free(&c);
    return rc;
}

int kg_coref_resolve(const kg_gazetteer *gz, kg_document *doc)
{
    return kg_coref_resolve_with(gz, doc, NULL);
}

int32_t kg_coref_mention_at(const kg_document *doc, uint32_t t)
{
    if (!doc || t >= doc->n_tokens || doc->n_mentions == 0) {
        return -1;
    }
    uint32_t pos = doc->tokens[t].start;
    /* the last mention starting at or before the token */
    size_t lo = 0, hi = doc->n_mentions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->mentions[mid].start <= pos) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    int32_t best = -1;
    /* covering mentions start before it; a mention is at most one sentence long */
    for (size_t i = lo; i-- > 0;) {
        const kg_mention *m = &doc->mentions[i];
        if (m->first <= t && t < m->first + m->count) {
            const kg_mention *b = best >= 0 ? &doc->mentions[best] : NULL;
            if (!b || m->count < b->count || (m->count == b->count && m->kind < b->kind)) {
                best = (int32_t)i;
            }
        } else if (m->sentence < doc->n_sentences &&
                   doc->sentences[m->sentence].first + doc->sentences[m->sentence].count <= t) {
            break; /* an earlier sentence: nothing before it can cover t */
        }
    }
    return best;
}
