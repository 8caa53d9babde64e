/* roles.c - what the text says a person or organisation is: roles gathered
 * from titles ("President Donald Trump" -> "president"), role nouns before a
 * name ("American prisoner George Glezmann" -> "prisoner"), appositions
 * ("an American prisoner, George Glezmann"; "Trump's former envoy, Zalmay
 * Khalilzad" -> "envoy of Donald Trump"), copulas and role verbs
 * ("Sirajuddin Haqqani is the interior minister of the Taliban" ->
 * "interior minister of Taliban"; "who acts as ..."; "positioned itself as
 * a mediator"), and events ("Amir Amiri was detained by the Taliban" ->
 * "detainee of Taliban"; "Glezmann's release" -> "detainee"; "mediated by
 * Qatar" -> "mediator"), with the role's other end by its canonical name.
 *
 * Method: patterns over the dependency tree (Universal Dependencies
 * relations appos, nsubj + cop, xcomp/obl + "as", acl:relcl) checked against
 * the token sequence (the role phrase must be contiguous with the name), and
 * a lexicon of role nouns written for kgraph, so that a parser slip
 * ("the release ..., George Glezmann" as an apposition) gives no role. */
#include "coref_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- lexicon */

typedef struct lex_entry {
    const char *lemma;
    unsigned flags;
} lex_entry;

/* Common nouns, by lemma, sorted by byte value (bsearch). Written for kgraph. */
static const lex_entry lexicon[] = {
    {"activist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"actor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"actress", CR_LEX_PERSON | CR_LEX_ROLE},
    {"administration", CR_LEX_ORGROLE | CR_LEX_AGENT},
    {"adviser", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"advisor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"advocate", CR_LEX_PERSON | CR_LEX_ROLE},
    {"affiliate", CR_LEX_ORGROLE},
    {"agency", CR_LEX_ORGROLE},
    {"agent", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"aide", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"airstrike", CR_LEX_AGENT},
    {"alliance", CR_LEX_ORGROLE},
    {"ally", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"ambassador", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"analyst", CR_LEX_PERSON | CR_LEX_ROLE},
    {"anchor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"army", CR_LEX_AGENT},
    {"artist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"assistant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"athlete", CR_LEX_PERSON | CR_LEX_ROLE},
    {"attorney", CR_LEX_PERSON | CR_LEX_ROLE},
    {"author", CR_LEX_PERSON | CR_LEX_ROLE},
    {"authority", CR_LEX_ORGROLE | CR_LEX_AGENT},
    {"backing", CR_LEX_AGENT},
    {"bank", CR_LEX_ORGROLE},
    {"banker", CR_LEX_PERSON | CR_LEX_ROLE},
    {"bishop", CR_LEX_PERSON | CR_LEX_ROLE},
    {"body", CR_LEX_ORGROLE},
    {"boy", CR_LEX_PERSON},
    {"broadcaster", CR_LEX_ORGROLE},
    {"broker", CR_LEX_ORGROLE},
    {"brother", CR_LEX_PERSON},
    {"businessman", CR_LEX_PERSON | CR_LEX_ROLE},
    {"businesswoman", CR_LEX_PERSON | CR_LEX_ROLE},
    {"campaigner", CR_LEX_PERSON | CR_LEX_ROLE},
    {"candidate", CR_LEX_PERSON | CR_LEX_ROLE},
    {"captain", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"captive", CR_LEX_PERSON | CR_LEX_ROLE},
    {"ceo", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"chair", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"chairman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"chairwoman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"chancellor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"charity", CR_LEX_ORGROLE},
    {"chief", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"child", CR_LEX_PERSON},
    {"citizen", CR_LEX_PERSON | CR_LEX_ROLE},
    {"cleric", CR_LEX_PERSON | CR_LEX_ROLE},
    {"coach", CR_LEX_PERSON | CR_LEX_ROLE},
    {"coalition", CR_LEX_ORGROLE},
    {"colleague", CR_LEX_PERSON},
    {"colonel", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"columnist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"commander", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"commissioner", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"committee", CR_LEX_ORGROLE},
    {"company", CR_LEX_ORGROLE},
    {"congressman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"congresswoman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"consul", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"consultant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"contractor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"convict", CR_LEX_PERSON | CR_LEX_ROLE},
    {"corporation", CR_LEX_ORGROLE},
    {"correspondent", CR_LEX_PERSON | CR_LEX_ROLE},
    {"council", CR_LEX_ORGROLE},
    {"counsellor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"counselor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"country", CR_LEX_ORGROLE},
    {"court", CR_LEX_ORGROLE},
    {"critic", CR_LEX_PERSON | CR_LEX_ROLE},
    {"daughter", CR_LEX_PERSON},
    {"defendant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"delegate", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"delegation", CR_LEX_AGENT},
    {"department", CR_LEX_ORGROLE},
    {"deputy", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"detainee", CR_LEX_PERSON | CR_LEX_ROLE},
    {"detective", CR_LEX_PERSON | CR_LEX_ROLE},
    {"dictator", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"diplomacy", CR_LEX_AGENT},
    {"diplomat", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"director", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"doctor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"driver", CR_LEX_PERSON | CR_LEX_ROLE},
    {"economist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"editor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"effort", CR_LEX_AGENT},
    {"embassy", CR_LEX_AGENT},
    {"emir", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"employee", CR_LEX_PERSON | CR_LEX_ROLE},
    {"enemy", CR_LEX_ORGROLE},
    {"engineer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"entrepreneur", CR_LEX_PERSON | CR_LEX_ROLE},
    {"envoy", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"executive", CR_LEX_PERSON | CR_LEX_ROLE},
    {"expert", CR_LEX_PERSON | CR_LEX_ROLE},
    {"faction", CR_LEX_ORGROLE},
    {"father", CR_LEX_PERSON},
    {"fighter", CR_LEX_PERSON | CR_LEX_ROLE},
    {"filmmaker", CR_LEX_PERSON | CR_LEX_ROLE},
    {"firm", CR_LEX_ORGROLE},
    {"force", CR_LEX_AGENT},
    {"founder", CR_LEX_PERSON | CR_LEX_ROLE},
    {"friend", CR_LEX_PERSON},
    {"general", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"girl", CR_LEX_PERSON},
    {"government", CR_LEX_ORGROLE | CR_LEX_AGENT},
    {"governor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"group", CR_LEX_ORGROLE},
    {"guard", CR_LEX_PERSON},
    {"host", CR_LEX_ORGROLE},
    {"hostage", CR_LEX_PERSON | CR_LEX_ROLE},
    {"husband", CR_LEX_PERSON},
    {"imam", CR_LEX_PERSON | CR_LEX_ROLE},
    {"immigrant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"individual", CR_LEX_PERSON},
    {"inmate", CR_LEX_PERSON | CR_LEX_ROLE},
    {"institution", CR_LEX_ORGROLE},
    {"insurgency", CR_LEX_ORGROLE},
    {"insurgent", CR_LEX_PERSON | CR_LEX_ROLE},
    {"intelligence", CR_LEX_AGENT},
    {"interest", CR_LEX_AGENT},
    {"invasion", CR_LEX_AGENT},
    {"investor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"journalist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"judge", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"king", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"lawmaker", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"lawyer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"leader", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"leadership", CR_LEX_AGENT},
    {"legislator", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"lieutenant", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"man", CR_LEX_PERSON},
    {"mayor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"mechanic", CR_LEX_PERSON | CR_LEX_ROLE},
    {"mediation", CR_LEX_AGENT},
    {"mediator", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"member", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"migrant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"militant", CR_LEX_PERSON | CR_LEX_ROLE},
    {"military", CR_LEX_AGENT},
    {"militia", CR_LEX_ORGROLE},
    {"minister", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"ministry", CR_LEX_ORGROLE | CR_LEX_AGENT},
    {"monarch", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"mother", CR_LEX_PERSON},
    {"movement", CR_LEX_ORGROLE},
    {"mullah", CR_LEX_PERSON | CR_LEX_ROLE},
    {"musician", CR_LEX_PERSON | CR_LEX_ROLE},
    {"nation", CR_LEX_ORGROLE},
    {"national", CR_LEX_PERSON | CR_LEX_ROLE},
    {"native", CR_LEX_PERSON | CR_LEX_ROLE},
    {"navy", CR_LEX_AGENT},
    {"negotiator", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"network", CR_LEX_ORGROLE},
    {"newspaper", CR_LEX_ORGROLE},
    {"nominee", CR_LEX_PERSON | CR_LEX_ROLE},
    {"novelist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"nurse", CR_LEX_PERSON | CR_LEX_ROLE},
    {"officer", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"official", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"operative", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_AGENT},
    {"opponent", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"organisation", CR_LEX_ORGROLE},
    {"organization", CR_LEX_ORGROLE},
    {"outlet", CR_LEX_ORGROLE},
    {"partner", CR_LEX_ORGROLE},
    {"party", CR_LEX_ORGROLE},
    {"people", CR_LEX_PERSON},
    {"person", CR_LEX_PERSON},
    {"personnel", CR_LEX_AGENT},
    {"photographer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"pilot", CR_LEX_PERSON | CR_LEX_ROLE},
    {"player", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"poet", CR_LEX_PERSON | CR_LEX_ROLE},
    {"police", CR_LEX_AGENT},
    {"policy", CR_LEX_AGENT},
    {"politician", CR_LEX_PERSON | CR_LEX_ROLE},
    {"pope", CR_LEX_PERSON | CR_LEX_ROLE},
    {"power", CR_LEX_ORGROLE},
    {"premier", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"presence", CR_LEX_AGENT},
    {"president", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"priest", CR_LEX_PERSON | CR_LEX_ROLE},
    {"prince", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"princess", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"prisoner", CR_LEX_PERSON | CR_LEX_ROLE},
    {"producer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"professor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"prosecutor", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"proxy", CR_LEX_ORGROLE},
    {"queen", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"rabbi", CR_LEX_PERSON | CR_LEX_ROLE},
    {"refugee", CR_LEX_PERSON | CR_LEX_ROLE},
    {"regime", CR_LEX_ORGROLE | CR_LEX_AGENT},
    {"reporter", CR_LEX_PERSON | CR_LEX_ROLE},
    {"representative", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"researcher", CR_LEX_PERSON | CR_LEX_ROLE},
    {"resident", CR_LEX_PERSON | CR_LEX_ROLE},
    {"rival", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"ruler", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"sanction", CR_LEX_AGENT},
    {"scholar", CR_LEX_PERSON | CR_LEX_ROLE},
    {"scientist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"secretary", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"senator", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"sergeant", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"sheikh", CR_LEX_PERSON | CR_LEX_ROLE},
    {"sheriff", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"side", CR_LEX_AGENT},
    {"singer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"sister", CR_LEX_PERSON},
    {"soldier", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_AGENT},
    {"son", CR_LEX_PERSON},
    {"spokesman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"spokesperson", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"spokeswoman", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE | CR_LEX_AGENT},
    {"sponsor", CR_LEX_ORGROLE},
    {"staffer", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"strike", CR_LEX_AGENT},
    {"strongman", CR_LEX_PERSON | CR_LEX_ROLE},
    {"student", CR_LEX_PERSON | CR_LEX_ROLE},
    {"successor", CR_LEX_PERSON | CR_LEX_ROLE},
    {"sultan", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_OFFICE},
    {"support", CR_LEX_AGENT},
    {"supporter", CR_LEX_PERSON | CR_LEX_ROLE | CR_LEX_ORGROLE},
    {"surgeon", CR_LEX_PERSON | CR_LEX_ROLE},
    {"suspect", CR_LEX_PERSON | CR_LEX_ROLE},
    {"teacher", CR_LEX_PERSON | CR_LEX_ROLE},
    {"terrorist", CR_LEX_PERSON | CR_LEX_ROLE},
    {"troop", CR_LEX_AGENT},
    {"union", CR_LEX_ORGROLE},
    {"university", CR_LEX_ORGROLE},
    {"veteran", CR_LEX_PERSON | CR_LEX_ROLE},
    {"victim", CR_LEX_PERSON | CR_LEX_ROLE},
    {"volunteer", CR_LEX_PERSON | CR_LEX_ROLE},
    {"warlord", CR_LEX_PERSON | CR_LEX_ROLE},
    {"wife", CR_LEX_PERSON},
    {"withdrawal", CR_LEX_AGENT},
    {"witness", CR_LEX_PERSON | CR_LEX_ROLE},
    {"woman", CR_LEX_PERSON},
    {"worker", CR_LEX_PERSON | CR_LEX_ROLE},
    {"writer", CR_LEX_PERSON | CR_LEX_ROLE},
};

static int cmp_lex(const void *key, const void *elem)
{
    const char *k = key;
    return strcmp(k, ((const lex_entry *)elem)->lemma);
}

unsigned cr_lexicon(const char *lemma, size_t len)
{
    char w[48];
    if (len == 0 || len >= sizeof w) {
        return 0;
    }
    memcpy(w, lemma, len);
    w[len] = '\0';
    const lex_entry *e =
        bsearch(w, lexicon, sizeof lexicon / sizeof *lexicon, sizeof *lexicon, cmp_lex);
    return e ? e->flags : 0;
}

/* --------------------------------------------------------- role phrases */

/* Modifiers that say when or how sure, not what: left out of roles. */
static int skipped_modifier(const char *w)
{
    static const char *const words[] = {
        "former",    "then",       "ex",       "new",       "current", "key",       "main",
        "major",     "longtime",   "actual",   "same",      "other",   "another",   "several",
        "many",      "some",       "own",      "late",      "alleged", "so-called", "apparent",
        "possible",  "potential",  "future",   "next",      "last",    "previous",  "recent",
        "freed",     "released",   "detained", "jailed",    "now",     "also",      "still",
        "first",     "second",     "one",      "both",      "such",    "certain",   "various",
        "prominent", "well-known", "famous",   "notorious", "veteran"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strcmp(words[i], w) == 0) {
            return 1;
        }
    }
    return 0;
}

static int is_possessive_mark(const coref *c, uint32_t t)
{
    return cr_form_is(c, t, "'s") || cr_form_is(c, t, "\xE2\x80\x99s") || cr_form_is(c, t, "'") ||
           cr_form_is(c, t, "\xE2\x80\x99");
}

/* The entity a kept named mention at t stands for (not owner, not a date), or -1. */
static int32_t other_entity(const coref *c, uint32_t t, int32_t owner)
{
    int32_t mi = c->ment_of[t];
    if (mi < 0) {
        return -1;
    }
    int32_t e = c->ms[mi].m.entity;
    if (e < 0 || e == owner || c->ents[e].type == KG_ENT_DATE) {
        return -1;
    }
    return e;
}

static void lower_in_place(char *w)
{
    for (; *w; w++) {
        if (*w >= 'A' && *w <= 'Z') {
            *w = (char)(*w - 'A' + 'a');
        }
    }
}

static int append_word(kg_strbuf *b, const char *w, size_t n)
{
    if (b->len && kg_strbuf_putc(b, ' ')) {
        return KG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (ch >= 'A' && ch <= 'Z') {
            ch = (char)(ch + 32);
        }
        if (kg_strbuf_putc(b, ch)) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* Writes into c->buf the role phrase made of tokens [first, head] (head the
 * role noun), with "of X"/"for X" for the entity it relates to: a name among
 * the modifiers or a possessor ("Trump's envoy", "Taliban official", and a
 * nationality before an office: "Afghan minister"), else "of"/"for" and a
 * name just after the head. Returns 1 if a phrase was written, 0 if not, or
 * KG_ENOMEM. */
static int build_role(coref *c, int32_t owner, uint32_t first, uint32_t head, int office)
{
    const kg_document *d = c->doc;
    kg_strbuf *b = &c->buf;
    const char *of = NULL, *prep = "of";
    char w[64];
    kg_strbuf_clear(b);
    for (uint32_t t = first; t <= head; t++) {
        int32_t mi = c->ment_of[t];
        if (mi >= 0 && t != head && c->ms[mi].m.type == KG_ENT_NORP) {
            /* a nationality: whose office, or just the person's nationality */
            const char *country = cr_demonym_country(c, c->ms[mi].m.first, c->ms[mi].m.count);
            if (office && country && !of) {
                of = country;
            }
            t = c->ms[mi].m.first + c->ms[mi].m.count - 1;
            continue;
        }
        int32_t e = other_entity(c, t, owner);
        if (e >= 0) {
            if (!of) {
                of = c->ents[e].name;
            }
            const cr_ment *cm = &c->ms[c->ment_of[t]];
            t = cm->m.first + cm->m.count - 1;
            continue;
        }
        if (c->ment_of[t] >= 0 && t != head) {
            continue; /* the owner's own name */
        }
        size_t n;
        if (t == head) {
            n = cr_lemma(c, t, w, sizeof w);
        } else {
            int u = cr_upos(c, t);
            if (is_possessive_mark(c, t) || u == KG_UPOS_DET || u == KG_UPOS_PRON ||
                u == KG_UPOS_PUNCT || u == KG_UPOS_NUM || u == KG_UPOS_ADP || u == KG_UPOS_PART ||
                u == KG_UPOS_CCONJ || u == KG_UPOS_ADV) {
                continue;
            }
            const char *country = cr_demonym_country(c, t, 1);
            if (country) {
                if (office && !of) {
                    of = country;
                }
                continue;
            }
            /* modifiers keep their written form ("armed group", not "arm group") */
            const char *f = d->tokens[t].form;
            n = strlen(f) < sizeof w ? strlen(f) : sizeof w - 1;
            memcpy(w, f, n);
            w[n] = '\0';
            lower_in_place(w);
            if (skipped_modifier(w)) {
                continue;
            }
        }
        if (n && append_word(b, w, n)) {
            return KG_ENOMEM;
        }
    }
    if (b->len == 0) {
        return 0;
    }
    if (!of) { /* "minister of the Taliban", "envoy for Afghanistan" */
        const kg_sentence *s = &d->sentences[c->sent_of[head]];
        uint32_t end = s->first + s->count, k = head + 1;
        if (k + 1 < end && (cr_form_is(c, k, "of") || cr_form_is(c, k, "for"))) {
            prep = cr_form_is(c, k, "of") ? "of" : "for";
            k++;
            if (k + 1 < end && cr_form_is(c, k, "the")) {
                k++;
            }
            int32_t e = other_entity(c, k, owner);
            if (e >= 0 && c->ms[c->ment_of[k]].m.first == k) {
                of = c->ents[e].name;
            }
        }
    }
    if (of && (kg_strbuf_putc(b, ' ') || kg_strbuf_puts(b, prep) || kg_strbuf_putc(b, ' ') ||
               kg_strbuf_puts(b, of))) {
        return KG_ENOMEM;
    }
    return 1;
}

/* Whether a role noun with these lexicon flags suits an entity of type. */
static int suits(unsigned flags, int type)
{
    if (type == KG_ENT_PERSON) {
        return (flags & CR_LEX_ROLE) != 0;
    }
    if (type == KG_ENT_ORG || type == KG_ENT_GPE || type == KG_ENT_NORP) {
        return (flags & CR_LEX_ORGROLE) != 0;
    }
    return 0;
}

/* Records the role phrase of the noun h for mention mi if h is a role noun
 * that suits the entity. */
static int noun_role(coref *c, uint32_t mi, uint32_t h)
{
    const cr_ment *cm = &c->ms[mi];
    int32_t owner = cm->m.entity;
    if (c->ment_of[h] >= 0) {
        return KG_OK; /* a name, not a role */
    }
    unsigned flags = cr_noun_flags(c, h);
    if (!suits(flags, c->ents[owner].type)) {
        return KG_OK;
    }
    int rc = build_role(c, owner, cr_np_left(c, h), h, (flags & CR_LEX_OFFICE) != 0);
    if (rc <= 0) {
        return rc;
    }
    return cr_add_role(c, mi, c->buf.data, c->buf.len);
}

/* ----------------------------------------------------------- the sources */

/* A title recognition kept out of the name ("President", "Secretary of State"),
 * with the country or body before it ("U.S. envoy", "Taliban spokesman"). */
static int title_role(coref *c, uint32_t mi)
{
    const kg_document *d = c->doc;
    const kg_mention *m = &c->ms[mi].m;
    if (m->title_count == 0 || (size_t)m->title_first + m->title_count > d->n_tokens) {
        return KG_OK;
    }
    uint32_t a = m->title_first, z = m->title_first + m->title_count - 1;
    const kg_gazetteer_entry *e =
        kg_gazetteer_lookup(c->gz, d->text + d->tokens[a].start,
                            d->tokens[z].end - d->tokens[a].start, KG_GAZ_BIT(KG_GAZ_ROLE));
    if (!e) {
        return KG_OK; /* an honorific ("Dr.") is not a role */
    }
    const char *name = e->name;
    if (strncmp(name, "former ", 7) == 0) {
        name += 7;
    } else if (strncmp(name, "ex-", 3) == 0) {
        name += 3;
    }
    kg_strbuf *b = &c->buf;
    kg_strbuf_clear(b);
    if (append_word(b, name, strlen(name))) {
        return KG_ENOMEM;
    }
    /* whose office: a name, a possessor or a nationality just before */
    const kg_sentence *s = &d->sentences[m->sentence];
    const char *of = NULL;
    /* a nationality says whose office ("Afghan interior minister"), but only
     * the person's nationality before other titles ("American mechanic") */
    unsigned flags = cr_noun_flags(c, z);
    int office = !(flags & CR_LEX_ROLE) || (flags & CR_LEX_OFFICE);
    for (uint32_t t = a, k = 0; t > s->first && k < 3 && !of; k++) {
        t--;
        int32_t oe = other_entity(c, t, m->entity);
        const char *country = cr_demonym_country(c, t, 1);
        if (country) {
            if (!office) {
                break;
            }
            of = country;
        } else if (oe >= 0) {
            of = c->ents[oe].name;
        } else if (!is_possessive_mark(c, t)) {
            char w[32];
            const char *f = d->tokens[t].form;
            size_t n = strlen(f);
            if (n >= sizeof w) {
                break;
            }
            memcpy(w, f, n + 1);
            lower_in_place(w);
            if (!skipped_modifier(w)) {
                break;
            }
        }
    }
    if (of && (kg_strbuf_puts(b, " of ") || kg_strbuf_puts(b, of))) {
        return KG_ENOMEM;
    }
    return cr_add_role(c, mi, b->data, b->len);
}

/* A role noun just before the name ("American prisoner George Glezmann"). */
static int prenominal_role(coref *c, uint32_t mi)
{
    const kg_mention *m = &c->ms[mi].m;
    const kg_sentence *s = &c->doc->sentences[m->sentence];
    if (m->title_count || m->kind != KG_MENTION_NAME || m->first == s->first) {
        return KG_OK;
    }
    /* "an American prisoner, George Glezmann," */
    uint32_t left;
    int32_t ah = cr_comma_apposition(c, m, &left);
    if (ah >= 0) {
        unsigned f = cr_noun_flags(c, (uint32_t)ah);
        if (!suits(f, c->ents[m->entity].type)) {
            return KG_OK;
        }
        int rc = build_role(c, m->entity, left, (uint32_t)ah, (f & CR_LEX_OFFICE) != 0);
        return rc <= 0 ? rc : cr_add_role(c, mi, c->buf.data, c->buf.len);
    }
    uint32_t h = m->first - 1;
    if (c->parsed && cr_upos(c, h) != KG_UPOS_NOUN) {
        return KG_OK;
    }
    unsigned flags = cr_noun_flags(c, h);
    if (!suits(flags, c->ents[m->entity].type) || c->ment_of[h] >= 0) {
        return KG_OK;
    }
    /* its modifiers: adjectives, nouns, names and possessors right before */
    left = h;
    for (uint32_t k = 0; k < 4 && left > s->first; k++) {
        uint32_t t = left - 1;
        int u = cr_upos(c, t);
        if (u != KG_UPOS_ADJ && u != KG_UPOS_NOUN && u != KG_UPOS_PROPN &&
            !is_possessive_mark(c, t)) {
            break;
        }
        left = t;
    }
    int rc = build_role(c, m->entity, left, h, (flags & CR_LEX_OFFICE) != 0);
    if (rc <= 0) {
        return rc;
    }
    return cr_add_role(c, mi, c->buf.data, c->buf.len);
}

/* Whether every token strictly between a and b is punctuation or inside the
 * phrase of h. */
static int joined(const coref *c, uint32_t a, uint32_t b, uint32_t h)
{
    for (uint32_t t = a + 1; t < b; t++) {
        if (cr_upos(c, t) != KG_UPOS_PUNCT && !cr_dominates(c, h, t)) {
            return 0;
        }
    }
    return 1;
}

/* Verbs that give their subject the role in their "as" phrase or complement. */
static int role_verb(const coref *c, uint32_t v)
{
    static const char *const verbs[] = {"serve", "act",    "work",      "position", "appoint",
                                        "name",  "elect",  "designate", "install",  "nominate",
                                        "hire",  "become", "remain",    "describe", "confirm",
                                        "sworn", "swear",  "emerge",    "operate",  "continue"};
    char lem[32];
    cr_lemma(c, v, lem, sizeof lem);
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        if (strcmp(verbs[i], lem) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The role a predicate gives its subject: "is the interior minister of the
 * Taliban", "became envoy", "acts as counselor", "positioned itself as a
 * mediator". */
static int predicate_role(coref *c, uint32_t mi, uint32_t p)
{
    int u = cr_upos(c, p);
    if ((u == KG_UPOS_NOUN || u == KG_UPOS_PROPN) && cr_child_dep(c, p, KG_DEP_COP) >= 0) {
        return noun_role(c, mi, p);
    }
    if (u != KG_UPOS_VERB || !role_verb(c, p)) {
        return KG_OK;
    }
    for (int32_t ch = c->child[p]; ch >= 0; ch = c->sibling[ch]) {
        int dep = cr_dep(c, (uint32_t)ch);
        int as = 0;
        for (int32_t k = c->child[ch]; k >= 0; k = c->sibling[k]) {
            as |= cr_dep(c, (uint32_t)k) == KG_DEP_CASE && cr_form_is(c, (uint32_t)k, "as");
        }
        if (dep == KG_DEP_XCOMP || ((dep == KG_DEP_OBL || dep == KG_DEP_OBJ) && as)) {
            int rc = noun_role(c, mi, (uint32_t)ch);
            if (rc) {
                return rc;
            }
        }
    }
    return KG_OK;
}

static int is_relative_pronoun(const coref *c, uint32_t t)
{
    return cr_form_is(c, t, "who") || cr_form_is(c, t, "which") || cr_form_is(c, t, "that");
}

/* Roles from the parse around the mention's head: appositions both ways,
 * the predicate of which it is the subject, and relative clauses about it. */
static int parse_roles(coref *c, uint32_t mi)
{
    const cr_ment *cm = &c->ms[mi];
    uint32_t h = cm->head, first = cm->m.first, last = cm->m.first + cm->m.count - 1;
    int rc = KG_OK;
    /* "an American prisoner, George Glezmann": the name is the apposition */
    int32_t ah = cr_head(c, h);
    if (cm->m.kind == KG_MENTION_NAME && ah >= 0 && ah < (int32_t)first &&
        cr_dep(c, h) == KG_DEP_APPOS && joined(c, (uint32_t)ah, first, (uint32_t)ah) &&
        (rc = noun_role(c, mi, (uint32_t)ah))) {
        return rc;
    }
    /* "George Glezmann, an American prisoner" */
    for (int32_t ch = c->child[h]; ch >= 0; ch = c->sibling[ch]) {
        if (cr_dep(c, (uint32_t)ch) != KG_DEP_APPOS || ch <= (int32_t)last) {
            continue;
        }
        if (joined(c, last, cr_np_left(c, (uint32_t)ch), (uint32_t)ch) &&
            (rc = noun_role(c, mi, (uint32_t)ch))) {
            return rc;
        }
    }
    /* the subject of a copula or role verb, also through an apposition
     * ("One of them, Sirajuddin Haqqani, is the interior minister") */
    int32_t x = (int32_t)h;
    for (int steps = 0; x >= 0 && steps < 3; steps++) {
        int dep = cr_dep(c, (uint32_t)x);
        if (dep == KG_DEP_NSUBJ || dep == KG_DEP_NSUBJ_PASS) {
            int32_t p = cr_head(c, (uint32_t)x);
            if (p >= 0 && (rc = predicate_role(c, mi, (uint32_t)p))) {
                return rc;
            }
            break;
        }
        int32_t up = cr_head(c, (uint32_t)x);
        if (up < 0) {
            break;
        }
        /* through an apposition, or a comma the parser hung the name on */
        if (dep == KG_DEP_APPOS || dep == KG_DEP_FLAT || cr_upos(c, (uint32_t)x) == KG_UPOS_PUNCT ||
            cr_upos(c, (uint32_t)up) == KG_UPOS_PUNCT) {
            x = up;
        } else {
            break;
        }
    }
    /* "Mike Waltz, who now acts as ...": relative clauses on the name or on
     * the noun it is in apposition to */
    uint32_t hosts[2] = {h, ah >= 0 && cr_dep(c, h) == KG_DEP_APPOS ? (uint32_t)ah : h};
    for (int k = 0; k < 2; k++) {
        if (k == 1 && hosts[1] == h) {
            break;
        }
        for (int32_t v = c->child[hosts[k]]; v >= 0; v = c->sibling[v]) {
            if (cr_dep(c, (uint32_t)v) != KG_DEP_ACL_RELCL) {
                continue;
            }
            int32_t subj = cr_child_dep(c, (uint32_t)v, KG_DEP_NSUBJ);
            if (subj < 0) {
                subj = cr_child_dep(c, (uint32_t)v, KG_DEP_NSUBJ_PASS);
            }
            if (subj >= 0 && is_relative_pronoun(c, (uint32_t)subj) &&
                (rc = predicate_role(c, mi, (uint32_t)v))) {
                return rc;
            }
        }
    }
    return KG_OK;
}

/* The named mention of mention mi's entity nearest before it (else after). */
static int32_t named_anchor(const coref *c, uint32_t mi)
{
    const cr_ment *cm = &c->ms[mi];
    int32_t before = -1, after = -1;
    for (size_t k = 0; k < c->n_ms; k++) {
        const cr_ment *o = &c->ms[k];
        if (o->drop || o->m.kind != KG_MENTION_NAME || o->m.entity != cm->m.entity) {
            continue;
        }
        if (o->m.start <= cm->m.start) {
            if (before < 0 || o->m.start > c->ms[before].m.start) {
                before = (int32_t)k;
            }
        } else if (after < 0 || o->m.start < c->ms[after].m.start) {
            after = (int32_t)k;
        }
    }
    return before >= 0 ? before : after;
}

int cr_find_roles(coref *c, size_t from)
{
    int rc = KG_OK;
    for (size_t mi = from; mi < c->n_ms && rc == KG_OK; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (cm->drop || cm->m.entity < 0 || cm->demonym) {
            continue;
        }
        int type = c->ents[cm->m.entity].type;
        if (type == KG_ENT_DATE || type == KG_ENT_NONE) {
            continue;
        }
        size_t before = c->n_roles;
        if (cm->m.kind == KG_MENTION_NAME) {
            if (type == KG_ENT_PERSON && (rc = title_role(c, (uint32_t)mi))) {
                break;
            }
            if ((rc = prenominal_role(c, (uint32_t)mi))) {
                break;
            }
        } else if (cm->apposition) {
            continue; /* an apposition's role was given at its name */
        }
        if (c->parsed && (rc = parse_roles(c, (uint32_t)mi))) {
            break;
        }
        /* roles found at a pronoun or description go to the nearest name */
        if (cm->m.kind != KG_MENTION_NAME && c->n_roles > before) {
            int32_t anchor = named_anchor(c, (uint32_t)mi);
            for (size_t r = before; r < c->n_roles; r++) {
                c->roles[r].ment = anchor >= 0 ? (uint32_t)anchor : (uint32_t)mi;
            }
        }
    }
    return rc;
}

/* -------------------------------------------------------- event roles */

/* The kept mention a token stands for: a name it is part of, a pronoun or
 * description it heads, or a name in apposition to it. */
static int32_t mention_for(const coref *c, const int32_t *head_of, int32_t t)
{
    if (t < 0) {
        return -1;
    }
    if (c->ment_of[t] >= 0 && !c->ms[c->ment_of[t]].drop) {
        return c->ment_of[t];
    }
    if (head_of[t] >= 0) {
        return head_of[t];
    }
    for (int32_t ch = c->child[t]; ch >= 0; ch = c->sibling[ch]) {
        if (cr_dep(c, (uint32_t)ch) == KG_DEP_APPOS && c->ment_of[ch] >= 0) {
            return c->ms[c->ment_of[ch]].drop ? -1 : c->ment_of[ch];
        }
    }
    return -1;
}

static int lemma_in(const coref *c, uint32_t t, const char *const *words, size_t n)
{
    char lem[24];
    cr_lemma(c, t, lem, sizeof lem);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(words[i], lem) == 0) {
            return 1;
        }
    }
    return 0;
}

#define LEMMA_IN(c, t, list) lemma_in(c, t, list, sizeof(list) / sizeof *(list))

/* The subject of verb v: its own, a controlling or first conjunct verb's
 * ("Qatar helped broker"; "who has no role, but led"), and for a relative
 * pronoun the name it follows ("Khalilzad, who ..."). */
static int32_t subject_of(const coref *c, uint32_t v, int *passive)
{
    int32_t x = (int32_t)v, subj = -1;
    *passive = 0;
    for (int steps = 0; x >= 0 && steps < 3 && subj < 0; steps++) {
        subj = cr_child_dep(c, (uint32_t)x, KG_DEP_NSUBJ);
        if (subj < 0 && (subj = cr_child_dep(c, (uint32_t)x, KG_DEP_NSUBJ_PASS)) >= 0) {
            *passive = steps == 0;
        }
        int dep = cr_dep(c, (uint32_t)x);
        if (subj < 0 && dep != KG_DEP_XCOMP && dep != KG_DEP_CONJ) {
            break;
        }
        x = cr_head(c, (uint32_t)x);
    }
    if (subj >= 0 && is_relative_pronoun(c, (uint32_t)subj)) {
        int32_t h = cr_head(c, (uint32_t)subj);
        int32_t v0 = h;
        if (v0 >= 0 && cr_dep(c, (uint32_t)v0) == KG_DEP_ACL_RELCL) {
            return cr_head(c, (uint32_t)v0);
        }
        /* "NAME , who": the name just before */
        if (subj >= 2 && cr_form_is(c, (uint32_t)subj - 1, ",")) {
            return subj - 2;
        }
        return -1;
    }
    return subj;
}

/* Adds role text (with " of OTHER" when other is an entity's mention) to the
 * named mention of the entity mention mi stands for. */
static int event_role(coref *c, int32_t mi, const char *role, int32_t other)
{
    if (mi < 0 || c->ms[mi].m.entity < 0) {
        return KG_OK;
    }
    int32_t target = c->ms[mi].m.kind == KG_MENTION_NAME ? mi : named_anchor(c, (uint32_t)mi);
    if (target < 0) {
        return KG_OK;
    }
    kg_strbuf *b = &c->buf;
    kg_strbuf_clear(b);
    if (kg_strbuf_puts(b, role)) {
        return KG_ENOMEM;
    }
    if (other >= 0 && c->ms[other].m.entity >= 0 && c->ms[other].m.entity != c->ms[mi].m.entity &&
        c->ents[c->ms[other].m.entity].type != KG_ENT_DATE &&
        (kg_strbuf_puts(b, " of ") || kg_strbuf_puts(b, c->ents[c->ms[other].m.entity].name))) {
        return KG_ENOMEM;
    }
    return cr_add_role(c, (uint32_t)target, b->data, b->len);
}

static int is_type(const coref *c, int32_t mi, int type)
{
    return mi >= 0 && c->ms[mi].m.entity >= 0 && c->ents[c->ms[mi].m.entity].type == type;
}

static int is_actor(const coref *c, int32_t mi)
{
    if (mi < 0 || c->ms[mi].m.entity < 0) {
        return 0;
    }
    int t = c->ents[c->ms[mi].m.entity].type;
    return t == KG_ENT_PERSON || t == KG_ENT_ORG || t == KG_ENT_GPE;
}

int cr_find_event_roles(coref *c)
{
    static const char *const holding[] = {"detain", "imprison", "jail", "arrest",  "capture",
                                          "kidnap", "abduct",   "hold", "release", "free"};
    static const char *const held_nouns[] = {"release", "detention",  "imprisonment", "arrest",
                                             "capture", "kidnapping", "abduction",    "freedom"};
    static const char *const mediating[] = {"mediate", "broker"};
    static const char *const negotiating[] = {"negotiate"};
    static const char *const leading[] = {"lead", "conduct"};
    static const char *const talks[] = {"negotiation", "talk"};
    int rc = KG_OK;
    if (!c->parsed) {
        return KG_OK;
    }
    int32_t *head_of = kg_malloc((c->doc->n_tokens ? c->doc->n_tokens : 1) * sizeof *head_of);
    if (!head_of) {
        return KG_ENOMEM;
    }
    for (size_t t = 0; t < c->doc->n_tokens; t++) {
        head_of[t] = -1;
    }
    for (size_t mi = 0; mi < c->n_ms; mi++) {
        const cr_ment *cm = &c->ms[mi];
        if (!cm->drop && cm->m.entity >= 0 && cm->m.kind != KG_MENTION_NAME) {
            head_of[cm->head] = (int32_t)mi;
        }
    }
    for (uint32_t v = 0; v < c->doc->n_tokens && rc == KG_OK; v++) {
        if (c->heading[c->sent_of[v]]) {
            continue;
        }
        int u = cr_upos(c, v);
        if (u == KG_UPOS_VERB) {
            int passive;
            int32_t subj = subject_of(c, v, &passive);
            int32_t agent = passive ? cr_child_dep(c, v, KG_DEP_OBL_AGENT) : subj;
            int32_t patient = passive ? subj : cr_child_dep(c, v, KG_DEP_OBJ);
            int32_t am = mention_for(c, head_of, agent), pm = mention_for(c, head_of, patient);
            if (LEMMA_IN(c, v, holding) && is_type(c, pm, KG_ENT_PERSON) &&
                (passive || !cr_form_is(c, v, "held"))) {
                rc = event_role(c, pm, "detainee", is_actor(c, am) ? am : -1);
            } else if (LEMMA_IN(c, v, mediating) && is_actor(c, am)) {
                rc = event_role(c, am, "mediator", -1);
            } else if ((LEMMA_IN(c, v, negotiating) || (LEMMA_IN(c, v, leading) && patient >= 0 &&
                                                        LEMMA_IN(c, (uint32_t)patient, talks))) &&
                       is_actor(c, am)) {
                rc = event_role(c, am, "negotiator", -1); /* negotiated; led the talks */
            }
        } else if (u == KG_UPOS_NOUN && LEMMA_IN(c, v, held_nouns)) {
            /* "Amiri's release", "the release of Amir Amiri", "his detention" */
            for (int32_t ch = c->child[v]; ch >= 0 && rc == KG_OK; ch = c->sibling[ch]) {
                int d = cr_dep(c, (uint32_t)ch);
                int of = 0;
                for (int32_t k = c->child[ch]; k >= 0; k = c->sibling[k]) {
                    of |= cr_dep(c, (uint32_t)k) == KG_DEP_CASE && cr_form_is(c, (uint32_t)k, "of");
                }
                /* an apposition only within the phrase, no comma between
                 * ("the release of American prisoner George Glezmann") */
                int close = d == KG_DEP_APPOS && ch > (int32_t)v;
                for (uint32_t k = v + 1; close && k < (uint32_t)ch; k++) {
                    close = !cr_form_is(c, k, ",") && cr_dominates(c, v, k);
                }
                if (d != KG_DEP_NMOD_POSS && !(d == KG_DEP_NMOD && of) && !close) {
                    continue;
                }
                int32_t pm = mention_for(c, head_of, ch);
                if (is_type(c, pm, KG_ENT_PERSON)) {
                    rc = event_role(c, pm, "detainee", -1);
                }
            }
        } else if (u == KG_UPOS_NOUN && LEMMA_IN(c, v, mediating) == 0) {
            /* "Qatari mediation", "Qatar's mediation", "mediation by Qatar" */
            char lem[16];
            cr_lemma(c, v, lem, sizeof lem);
            if (strcmp(lem, "mediation") != 0) {
                continue;
            }
            for (int32_t ch = c->child[v]; ch >= 0 && rc == KG_OK; ch = c->sibling[ch]) {
                int d = cr_dep(c, (uint32_t)ch);
                if (d != KG_DEP_AMOD && d != KG_DEP_COMPOUND && d != KG_DEP_NMOD_POSS &&
                    d != KG_DEP_NMOD) {
                    continue;
                }
                int32_t am = mention_for(c, head_of, ch);
                if (is_actor(c, am)) {
                    rc = event_role(c, am, "mediator", -1);
                }
            }
        }
    }
    kg_free(head_of);
    return rc;
}

/* The head word of a role ("minister" in "interior minister of Taliban"). */
static size_t role_head(const char *role, const char **out)
{
    const char *end = strstr(role, " of ");
    const char *f = strstr(role, " for ");
    if (!end || (f && f < end)) {
        end = f;
    }
    if (!end) {
        end = role + strlen(role);
    }
    const char *start = end;
    while (start > role && start[-1] != ' ') {
        start--;
    }
    *out = start;
    return (size_t)(end - start);
}

int cr_entity_has_role(const coref *c, int32_t e, const char *word)
{
    size_t wl = strlen(word);
    for (size_t r = 0; r < c->n_roles; r++) {
        const cr_ment *cm = &c->ms[c->roles[r].ment];
        if (cm->m.entity != e) {
            continue;
        }
        const char *h;
        size_t n = role_head(c->roles[r].text, &h);
        if (n == wl && memcmp(h, word, n) == 0) {
            return 1;
        }
    }
    return 0;
}
