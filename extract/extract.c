/* extract.c - a first, pattern-based triple extractor over segmented text.
 *
 * Names are maximal runs of capitalised tokens (titles such as "President"
 * and sentence-initial function words stripped). Between two names in one
 * sentence, a short stretch of words containing a verb-like word is the
 * relation: "Qatar mediated Glezmann's release" -> (Qatar; mediated;
 * Glezmann). A passive stretch "was detained by" swaps the arguments. This is
 * the thin first version of the interface the dependency-based extractor
 * implements.
 */
#include "kg_triples.h"

#include <ctype.h>
#include <string.h>

#define MAX_RELATION_TOKENS 6

/* Capitalised words that do not begin a name. */
static const char *const non_names[] = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "In", "On", "At", "By", "For", "From", "With",
    "But", "And", "Or", "If", "When", "While", "After", "Before", "Since", "As", "During",
    "However", "Although", "Despite", "Following", "According", "Such", "Some", "Many", "Most",
    "Both", "All", "No", "Not", "Yet", "So", "Then", "There", "Thus", "Additionally",
    "Consequently", "Economically", "Ultimately", "Concurrently", "Previous", "Last", "Next",
    "Almost", "One", "Two", "Three", "Establishing", "Reports", "Conditions", "Detainees",
    "Prisoner", "Human", "Western", "Clean", "Wait", "Do", "Whether", "Against", "Without",
    "Through", "Within", "Under", "Until", "What", "Why", "How", "Who", "Which", "Where",
};

/* Titles and honorifics: part of what the text says about a person, not of
 * the name. */
static const char *const titles[] = {
    "President", "Secretary", "Minister", "Prime", "Prof.", "Dr.", "Mr.", "Mrs.", "Ms.",
    "Senator", "Sen.", "Rep.", "Gov.", "Governor", "General", "Gen.", "Ambassador", "Envoy",
    "King", "Queen", "Prince", "Sheikh", "Former", "former", "Chancellor", "Judge", "Justice",
    "Congressman", "Congresswoman", "Commander", "Colonel", "Captain", "Lt.", "Col.",
};

/* Auxiliaries and determiners dropped from relation phrases. */
static const char *const function_words[] = {
    "the", "a", "an", "has", "have", "had", "will", "would", "also", "again", "already", "then",
    "now", "just", "still", "recently", "previously", "reportedly",
};

static const char *const passive_aux[] = {"was", "were", "is", "are", "been", "being", "be"};

/* Common verbs of news prose that do not end in -ed or -s. */
static const char *const verbs[] = {
    "led", "held", "met", "sent", "told", "said", "made", "took", "gave", "brought", "sought",
    "won", "lost", "left", "freed", "paid", "kept", "signed", "seek", "meet", "hold", "send",
    "free", "release", "invite", "accuse", "attack", "support", "help", "lead", "urge",
    "recognize", "recognise", "praise", "host", "ask", "admires", "killed",
};

static int in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i], s) == 0)
            return 1;
    }
    return 0;
}

#define IN(list, s) in_list(list, sizeof list / sizeof *list, s)

static int capitalised(const kg_token *t)
{
    unsigned char c = (unsigned char)t->form[0];
    return isupper(c) || (c >= 0x80 && t->form[1] != '\0');
}

static int is_word(const kg_token *t)
{
    return isalpha((unsigned char)t->form[0]) != 0;
}

static int verb_like(const kg_token *t)
{
    const char *f = t->form;
    size_t n = strlen(f);
    if (!islower((unsigned char)f[0]))
        return 0;
    if (IN(verbs, f))
        return 1;
    return n > 3 && (strcmp(f + n - 2, "ed") == 0 || strcmp(f + n - 3, "ies") == 0 ||
                     (f[n - 1] == 's' && f[n - 2] != 's' && f[n - 2] != 'u' && f[n - 2] != 'i'));
}

typedef struct span {
    uint32_t first, last; /* token indices in the document, inclusive */
} span;

/* Finds name spans in sentence s; returns how many were stored in out. */
static size_t find_names(const kg_document *d, const kg_sentence *s, span *out, size_t max)
{
    size_t n = 0;
    uint32_t end = s->first + s->count;
    for (uint32_t i = s->first; i < end && n < max;) {
        const kg_token *t = &d->tokens[i];
        if (!capitalised(t) || IN(non_names, t->form) || IN(titles, t->form)) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j + 1 < end && capitalised(&d->tokens[j + 1]) && !IN(titles, d->tokens[j + 1].form))
            j++;
        out[n].first = i;
        out[n].last = j;
        n++;
        i = j + 1;
    }
    return n;
}

/* The name of a span as written (tokens joined as in the text). */
static int span_text(kg_strbuf *b, const kg_document *d, const span *sp)
{
    kg_strbuf_clear(b);
    return kg_strbuf_append(b, d->text + d->tokens[sp->first].start,
                            d->tokens[sp->last].end - d->tokens[sp->first].start);
}

/* Builds relation phrases from the tokens strictly between two names.
 * Returns 1 if the stretch is a relation, with *passive set for "was X by". */
static int relation_between(const kg_document *d, uint32_t from, uint32_t to, kg_strbuf *rel,
                            kg_strbuf *surface, int *passive)
{
    int has_verb = 0, saw_aux = 0;
    *passive = 0;
    kg_strbuf_clear(rel);
    kg_strbuf_clear(surface);
    if (to <= from || to - from > MAX_RELATION_TOKENS)
        return 0;
    for (uint32_t i = from; i < to; i++) {
        const kg_token *t = &d->tokens[i];
        if (!is_word(t) && strcmp(t->form, "'s") != 0)
            return 0; /* punctuation between the names: a different clause or a list */
        if (capitalised(t))
            return 0;
        if (IN(passive_aux, t->form))
            saw_aux = 1;
        else if (verb_like(t))
            has_verb = 1;
        if (i + 1 == to && strcmp(t->form, "by") == 0 && saw_aux)
            *passive = 1;
        if (surface->len && kg_strbuf_putc(surface, ' '))
            return -1;
        if (kg_strbuf_puts(surface, t->form))
            return -1;
        if (IN(function_words, t->form) || IN(passive_aux, t->form) ||
            strcmp(t->form, "'s") == 0 || (*passive && strcmp(t->form, "by") == 0))
            continue;
        if (rel->len && kg_strbuf_putc(rel, ' '))
            return -1;
        if (kg_strbuf_puts(rel, t->form))
            return -1;
    }
    return has_verb && rel->len > 0;
}

static int add_triple(kg_extraction *out, const kg_document *d, size_t si, const span *subj,
                      const span *obj, const char *rel, const char *surface, double confidence,
                      kg_strbuf *sbuf, kg_strbuf *obuf)
{
    const kg_sentence *s = &d->sentences[si];
    if (span_text(sbuf, d, subj) || span_text(obuf, d, obj))
        return KG_ENOMEM;
    char *sentence = kg_strndup(d->text + s->start, s->end - s->start);
    if (!sentence)
        return KG_ENOMEM;
    kg_triple t;
    memset(&t, 0, sizeof t);
    t.subject.text = t.subject.name = sbuf->data;
    t.subject.start = kg_document_orig_offset(d, d->tokens[subj->first].start);
    t.subject.end = kg_document_orig_offset(d, d->tokens[subj->last].end);
    t.object.text = t.object.name = obuf->data;
    t.object.start = kg_document_orig_offset(d, d->tokens[obj->first].start);
    t.object.end = kg_document_orig_offset(d, d->tokens[obj->last].end);
    t.relation = rel;
    t.relation_surface = surface;
    t.confidence = confidence;
    t.doc = d->id;
    t.sentence = (uint32_t)si;
    t.start = kg_document_orig_offset(d, s->start);
    t.end = kg_document_orig_offset(d, s->end);
    t.sentence_text = sentence;
    int rc = kg_extraction_add_triple(out, &t);
    kg_free(sentence);
    return rc;
}

/* A mention record for each of the document's entity mentions. */
static int add_mentions(kg_extraction *out, const kg_document *d)
{
    int rc = KG_OK;
    kg_strbuf text = KG_STRBUF_INIT, sentence = KG_STRBUF_INIT;
    for (size_t i = 0; i < d->n_mentions && rc == KG_OK; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->kind != KG_MENTION_NAME)
            continue; /* pronouns and descriptions are not names of the entity */
        const kg_sentence *s = &d->sentences[m->sentence];
        kg_strbuf_clear(&text);
        kg_strbuf_clear(&sentence);
        if (kg_strbuf_append(&text, d->text + m->start, m->end - m->start) ||
            kg_strbuf_append(&sentence, d->text + s->start, s->end - s->start)) {
            rc = KG_ENOMEM;
            break;
        }
        kg_mention_record r;
        memset(&r, 0, sizeof r);
        r.doc = d->id;
        r.sentence = m->sentence;
        r.start = kg_document_orig_offset(d, m->start);
        r.end = kg_document_orig_offset(d, m->end);
        r.text = text.data;
        r.type = m->type;
        r.entity = m->entity >= 0 ? d->entities[m->entity].name : text.data;
        r.roles = m->roles;
        r.sentence_text = sentence.data;
        rc = kg_extraction_add_mention(out, &r);
    }
    kg_strbuf_free(&text);
    kg_strbuf_free(&sentence);
    return rc;
}

static int extract_triples(kg_extraction *out, const kg_document *d, const kg_extract_options *opts)
{
    static const kg_extract_options defaults = KG_EXTRACT_OPTIONS_INIT;
    const kg_extract_options *o = opts ? opts : &defaults;
    int rc = KG_OK;
    kg_strbuf rel = KG_STRBUF_INIT, surface = KG_STRBUF_INIT;
    kg_strbuf sbuf = KG_STRBUF_INIT, obuf = KG_STRBUF_INIT;
    span names[64];

    for (size_t si = 0; si < d->n_sentences && rc == KG_OK; si++) {
        const kg_sentence *s = &d->sentences[si];
        if (s->flags & KG_SENT_HEADING)
            continue; /* titles, bylines and section heads state no facts */
        size_t n = find_names(d, s, names, sizeof names / sizeof *names);
        for (size_t k = 0; k + 1 < n && rc == KG_OK; k++) {
            /* skip a possessive 's right after the subject ("Qatar's mediation") */
            uint32_t from = names[k].last + 1;
            int passive = 0;
            int r = relation_between(d, from, names[k + 1].first, &rel, &surface, &passive);
            if (r < 0) {
                rc = KG_ENOMEM;
                break;
            }
            if (r == 0)
                continue;
            uint32_t len = names[k + 1].first - from;
            double confidence = 0.6 - 0.05 * (len - 1);
            if (confidence < o->min_confidence)
                continue;
            const span *subj = passive ? &names[k + 1] : &names[k];
            const span *obj = passive ? &names[k] : &names[k + 1];
            rc = add_triple(out, d, si, subj, obj, rel.data, surface.data, confidence, &sbuf,
                            &obuf);
        }
    }
    kg_strbuf_free(&rel);
    kg_strbuf_free(&surface);
    kg_strbuf_free(&sbuf);
    kg_strbuf_free(&obuf);
    if (rc == KG_OK)
        rc = add_mentions(out, d);
    return rc;
}

int kg_extract(kg_extraction *out, const kg_document *d, const kg_extract_options *opts)
{
    kg_document_record r = {d->id, d->title, d->byline, d->date, d->url};
    int rc = kg_extraction_add_document(out, &r);
    return rc ? rc : extract_triples(out, d, opts);
}
