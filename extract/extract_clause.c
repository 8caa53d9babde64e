/* extract_clause.c - finds propositions in a Universal Dependencies tree:
 * clause-based open information extraction in the spirit of ClausIE (Del Corro
 * & Gemulla, WWW 2013) and of the clause splitting of Stanford Open IE (Angeli
 * et al., ACL 2015), written for kgraph's parser output.
 *
 * Every verb heading a clause, and every nominal or adjectival predicate with
 * a copula, is a predicate. Its subject is its nsubj/csubj, or, when it has
 * none, the subject it shares: a conjoined verb takes its first conjunct's, a
 * controlled verb (xcomp) its controller's, a participle its head's, a
 * relative clause its antecedent (also when the relative pronoun is the
 * object or sits in a prepositional phrase). Control chains become one
 * relation ("seeks to improve"). The object is the direct object, a nominal
 * or clausal complement, or - when there is none - the first oblique
 * argument, whose preposition joins the relation ("negotiated with"); a
 * passive's by-phrase is preferred, so the graph can read the sentence in the
 * active voice. Other obliques are further arguments; temporal ones (date
 * mentions, time nouns, years) are the time and locative ones naming places
 * the place. Coordinated subjects and objects are split into one proposition
 * each. Negation and modal auxiliaries are attributes; a clause under a
 * speech verb (ccomp, or a parenthetical "officials said") carries the
 * speaker as its attribution ("according to X" too). Appositions and
 * descriptions before names ("former U.S. Attorney Todd Graves") give
 * implicit "be" propositions, and an object whose head is a common noun with
 * an entity under it (possessor or prepositional modifier) gives an
 * entity-level reading for the graph ("mediated Glezmann's release" ->
 * "mediate release of" Glezmann; "the Taliban's interior minister" ->
 * "interior minister of" the Taliban), as does an oblique naming an entity
 * beside an object ("handed Amiri over to Qatar" -> "hand over to" Qatar).
 *
 * The trees come from a parser with about 83% LAS, so the rules try to
 * survive its common errors: prepositional phrases are taken whether labelled
 * obl or nmod under a verb; time and place phrases hung on the object are
 * moved to the clause; an oblique in front of a subordinate clause's mark is
 * given to the clause above; a "who" clause attached away from its noun still
 * names the noun before it; a verb tagged as a noun or a coordinated verb
 * taken for a complement is still a predicate; names are whole flat/compound
 * chains.
 */
#include "extract_internal.h"

#include <string.h>

/* ------------------------------------------------------------ tree access */

static int dep(const xt_sentence *s, int32_t i)
{
    return s->tok[i].deprel;
}

static int upos(const xt_sentence *s, int32_t i)
{
    return s->tok[i].upos;
}

static int32_t head_of(const xt_sentence *s, int32_t i)
{
    return s->tok[i].head;
}

static const char *lemma(const xt_sentence *s, int32_t i)
{
    return s->tok[i].lemma ? s->tok[i].lemma : s->tok[i].form;
}

static int lemma_is(const xt_sentence *s, int32_t i, const char *w)
{
    return strcmp(lemma(s, i), w) == 0;
}

static int in_list(const char *const *list, const char *w)
{
    for (; *list; list++) {
        if (strcmp(*list, w) == 0)
            return 1;
    }
    return 0;
}

#define KIDS(s, i, k)                                                                              \
    for (uint32_t k##_ = (s)->kid_start[i]; k##_ < (s)->kid_start[(i) + 1]; k##_++)                \
        for (int32_t k = (s)->kids[k##_], k##_once = 1; k##_once; k##_once = 0)

/* First child of i with relation d, or -1. */
static int32_t child(const xt_sentence *s, int32_t i, int d)
{
    KIDS(s, i, c)
    {
        if (dep(s, c) == d)
            return c;
    }
    return -1;
}

static int is_nominal(const xt_sentence *s, int32_t i)
{
    int u = upos(s, i);
    return u == KG_UPOS_NOUN || u == KG_UPOS_PROPN || u == KG_UPOS_PRON || u == KG_UPOS_NUM ||
           u == KG_UPOS_SYM || u == KG_UPOS_X || u == KG_UPOS_DET || u == KG_UPOS_ADJ;
}

static int is_subject_dep(int d)
{
    return d == KG_DEP_NSUBJ || d == KG_DEP_NSUBJ_PASS || d == KG_DEP_CSUBJ ||
           d == KG_DEP_CSUBJ_PASS || d == KG_DEP_NSUBJ_OUTER;
}

static int is_oblique_dep(int d)
{
    return d == KG_DEP_OBL || d == KG_DEP_OBL_AGENT || d == KG_DEP_OBL_UNMARKED;
}

/* The explicit subject of predicate p, or -1. */
static int32_t subject_child(const xt_sentence *s, int32_t p)
{
    KIDS(s, p, c)
    {
        if (is_subject_dep(dep(s, c)))
            return c;
    }
    return -1;
}

static int has_feat(const xt_sentence *s, int32_t i, const char *feat)
{
    const char *f = s->tok[i].feats;
    return f && strstr(f, feat) != NULL;
}

/* A relative pronoun: "who", "which", "that" introducing a relative clause
 * ("that" also when tagged as a determiner or complementiser, as long as it
 * stands alone in an argument position). */
static int is_relative(const xt_sentence *s, int32_t i)
{
    static const char *const rel[] = {"who", "whom", "which", "that", NULL};
    if (!in_list(rel, lemma(s, i)) && !in_list(rel, s->tok[i].form))
        return 0;
    int x = s->tok[i].xpos;
    if (x == KG_XPOS_WDT || x == KG_XPOS_WP || has_feat(s, i, "PronType=Rel"))
        return 1;
    int d = dep(s, i);
    return (d == KG_DEP_NSUBJ || d == KG_DEP_NSUBJ_PASS || d == KG_DEP_OBJ || d == KG_DEP_OBL) &&
           s->kid_start[i] == s->kid_start[i + 1];
}

static int is_clause_dep(int d)
{
    return d == KG_DEP_ROOT || d == KG_DEP_CONJ || d == KG_DEP_CCOMP || d == KG_DEP_XCOMP ||
           d == KG_DEP_ADVCL || d == KG_DEP_ADVCL_RELCL || d == KG_DEP_ACL ||
           d == KG_DEP_ACL_RELCL || d == KG_DEP_PARATAXIS || d == KG_DEP_CSUBJ ||
           d == KG_DEP_CSUBJ_PASS || d == KG_DEP_DEP || d == KG_DEP_LIST;
}

static int has_cop(const xt_sentence *s, int32_t i)
{
    return child(s, i, KG_DEP_COP) >= 0;
}

/* A verb heading a clause, or a nominal/adjectival predicate with a copula. */
static int is_predicate(const xt_sentence *s, int32_t i)
{
    int u = upos(s, i);
    if (has_cop(s, i) && u != KG_UPOS_VERB) {
        return u == KG_UPOS_NOUN || u == KG_UPOS_PROPN || u == KG_UPOS_PRON || u == KG_UPOS_ADJ ||
               u == KG_UPOS_NUM || u == KG_UPOS_X || u == KG_UPOS_SYM || u == KG_UPOS_DET;
    }
    if (!is_clause_dep(dep(s, i)))
        return 0;
    if (u == KG_UPOS_VERB)
        return 1;
    /* a verb the tagger took for a noun: "Mr. Baker hears her out" has a subject
       and an object, "executions do not weight" a subject and an auxiliary */
    return u == KG_UPOS_NOUN && child(s, i, KG_DEP_NSUBJ) >= 0 &&
           (child(s, i, KG_DEP_OBJ) >= 0 || child(s, i, KG_DEP_AUX) >= 0);
}

static int is_passive(const xt_sentence *s, int32_t p)
{
    if (child(s, p, KG_DEP_AUX_PASS) >= 0 || child(s, p, KG_DEP_NSUBJ_PASS) >= 0 ||
        child(s, p, KG_DEP_CSUBJ_PASS) >= 0)
        return 1;
    /* a participle modifying a noun: "the house built in 1900" */
    return dep(s, p) == KG_DEP_ACL && s->tok[p].xpos == KG_XPOS_VBN;
}

/* Verbs that report speech or thought: their complement is what someone said. */
static int is_speech_verb(const xt_sentence *s, int32_t v)
{
    static const char *const speech[] = {
        "say",         "tell",      "add",       "announce", "claim",   "state",    "report",
        "confirm",     "deny",      "insist",    "warn",     "explain", "note",     "argue",
        "write",       "reply",     "respond",   "declare",  "stress",  "assert",   "allege",
        "acknowledge", "admit",     "believe",   "think",    "suggest", "indicate", "reveal",
        "disclose",    "emphasize", "emphasise", "maintain", "predict", "estimate", "conclude",
        "tweet",       "post",      NULL};
    return in_list(speech, lemma(s, v));
}

/* ---------------------------------------------------------- classification */

static int in_entity_of_type(const xt_sentence *s, int32_t i, int type)
{
    int32_t m = s->mention[i];
    return m >= 0 && s->doc->mentions[m].type == type;
}

int xt_is_entity(const xt_sentence *s, int32_t i)
{
    int32_t m = s->mention[i];
    return m >= 0 && s->doc->mentions[m].type != KG_ENT_DATE;
}

int32_t xt_arg_mention(const xt_sentence *s, int32_t h)
{
    if (h < 0)
        return -1;
    if (s->mention[h] >= 0)
        return s->mention[h];
    /* a title or common-noun head over a name: "President Trump" headed by Trump is
       covered above; "the group Hamas" headed by group is not a name of it */
    KIDS(s, h, c)
    {
        int d = dep(s, c);
        if ((d == KG_DEP_FLAT || d == KG_DEP_COMPOUND) && upos(s, c) == KG_UPOS_PROPN &&
            upos(s, h) == KG_UPOS_PROPN && s->mention[c] >= 0)
            return s->mention[c];
    }
    return -1;
}

static int is_year(const char *w)
{
    size_t n = strlen(w);
    if (n == 5 && w[4] == 's')
        n = 4; /* 1990s */
    if (n != 4)
        return 0;
    for (size_t i = 0; i < 4; i++) {
        if (w[i] < '0' || w[i] > '9')
            return 0;
    }
    return (w[0] == '1' && w[1] >= '5') || (w[0] == '2' && w[1] == '0');
}

/* Whether the oblique headed by o says when: 3 for a date ("in December 2024",
 * "in 2020"), 2 for a time noun ("last week", "after years of conflict"), 1 for
 * a temporal preposition only ("after the talks"), 0 otherwise. */
static int time_strength(const xt_sentence *s, int32_t o)
{
    static const char *const words[] = {
        "year",      "month",     "week",      "day",       "decade",   "century", "time",
        "morning",   "afternoon", "evening",   "night",     "era",      "period",  "season",
        "summer",    "winter",    "spring",    "autumn",    "weekend",  "today",   "yesterday",
        "tomorrow",  "hour",      "minute",    "moment",    "age",      "date",    "Monday",
        "Tuesday",   "Wednesday", "Thursday",  "Friday",    "Saturday", "Sunday",  "January",
        "February",  "March",     "April",     "May",       "June",     "July",    "August",
        "September", "October",   "November",  "December",  "Jan.",     "Feb.",    "Aug.",
        "Sept.",     "Sep.",      "Oct.",      "Nov.",      "Dec.",     "tonight", "noon",
        "midnight",  "dawn",      "childhood", "beginning", "end",      "term",    "tenure",
        "reign",     "lifetime",  "war",       "fortnight", "semester", "quarter", NULL};
    static const char *const preps[] = {"during", "since", "until",      "till",
                                        "before", "after", "throughout", NULL};
    if (in_entity_of_type(s, o, KG_ENT_DATE) || is_year(s->tok[o].form))
        return 3;
    int strength = in_list(words, lemma(s, o)) || in_list(words, s->tok[o].form) ? 2 : 0;
    KIDS(s, o, c)
    {
        if (dep(s, c) == KG_DEP_CASE && in_list(preps, lemma(s, c)) && strength == 0)
            strength = 1;
        if ((dep(s, c) == KG_DEP_NUMMOD || dep(s, c) == KG_DEP_NMOD_UNMARKED ||
             dep(s, c) == KG_DEP_COMPOUND) &&
            (is_year(s->tok[c].form) || in_entity_of_type(s, c, KG_ENT_DATE)))
            return 3;
    }
    return strength;
}

static int is_time(const xt_sentence *s, int32_t o)
{
    return time_strength(s, o) > 0;
}

/* Whether the oblique headed by o says where: a locative preposition and a place name. */
static int is_place(const xt_sentence *s, int32_t o)
{
    static const char *const preps[] = {"in",     "at",     "near",       "inside", "outside",
                                        "within", "across", "throughout", "around", NULL};
    int32_t m = xt_arg_mention(s, o);
    if (m < 0)
        return 0;
    int t = s->doc->mentions[m].type;
    if (t != KG_ENT_GPE && t != KG_ENT_LOC && t != KG_ENT_FAC)
        return 0;
    int32_t c = child(s, o, KG_DEP_CASE);
    return c >= 0 && in_list(preps, lemma(s, c));
}

/* ------------------------------------------------------------- propositions */

static void arg_init(xt_arg *a, int32_t head)
{
    memset(a, 0, sizeof *a);
    a->head = head;
}

static void arg_cut(xt_arg *a, int32_t t)
{
    if (t >= 0 && a->n_cut < XT_MAX_CUT)
        a->cut[a->n_cut++] = t;
}

static void prop_init(xt_prop *p, int kind)
{
    memset(p, 0, sizeof *p);
    p->kind = (uint8_t)kind;
    p->relnoun = -1;
    p->subj.head = p->obj.head = -1;
    p->modal = p->attr_subj = p->attr_verb = p->attr_according = -1;
}

static void rel_add(xt_prop *p, int32_t t)
{
    for (uint8_t i = 0; i < p->n_rel; i++) {
        if (p->rel[i] == t)
            return;
    }
    if (p->n_rel >= XT_MAX_REL)
        return;
    uint8_t i = p->n_rel++;
    while (i > 0 && p->rel[i - 1] > t) {
        p->rel[i] = p->rel[i - 1];
        i--;
    }
    p->rel[i] = t;
}

/* The preposition of oblique o (its case marker with fixed parts: "according to"). */
static void prep_set(const xt_sentence *s, xt_prop *p, int32_t o)
{
    p->n_prep = 0;
    int32_t c = child(s, o, KG_DEP_CASE);
    if (c < 0)
        c = child(s, o, KG_DEP_MARK);
    if (c < 0)
        return;
    p->prep[p->n_prep++] = c;
    KIDS(s, c, f)
    {
        if (dep(s, f) == KG_DEP_FIXED && p->n_prep < XT_MAX_PREP)
            p->prep[p->n_prep++] = f;
    }
}

/* ---------------------------------------------------------------- state */

#define MAX_CHAIN 6
#define MAX_ARGS 12

/* A predicate with its relation, subject and candidate objects and obliques. */
typedef struct clause {
    int32_t pred; /* where the subject hangs (first of a control chain) */
    int32_t last; /* where the objects hang (last of the chain) */
    int32_t chain[MAX_CHAIN];
    uint8_t n_chain;
    uint8_t copular; /* last is a nominal/adjectival predicate */
    uint8_t passive;
    uint8_t subj_shared; /* the subject comes from another clause */
    xt_prop base;        /* relation tokens, negation, modality, attribution */
    xt_arg subj;
    int32_t objects[MAX_ARGS]; /* direct/clausal/nominal complements */
    uint8_t n_objects;
    int32_t obliques[MAX_ARGS];
    uint8_t n_obliques;
    xt_arg rel_object;      /* the antecedent standing for a relative pronoun object */
    int32_t rel_object_for; /* which object token it replaces, or -1 */
    xt_arg rel_oblique;     /* same for an oblique ("in which") */
    int32_t rel_oblique_for;
} clause;

typedef struct finder {
    const xt_sentence *s;
    xt_emit_fn emit;
    void *ctx;
    int rc;
} finder;

static void emit(finder *f, const xt_prop *p)
{
    if (f->rc == KG_OK)
        f->rc = f->emit(f->ctx, f->s, p);
}

/* -------------------------------------------------------------- subjects */

/* The relative clause a predicate belongs to (itself or the first conjunct it
 * is conjoined to), or -1. */
static int32_t relative_clause_of(const xt_sentence *s, int32_t p)
{
    for (int guard = 0; p >= 0 && guard < 8; guard++) {
        int d = dep(s, p);
        if (d == KG_DEP_ACL_RELCL || d == KG_DEP_ADVCL_RELCL)
            return p;
        if (d != KG_DEP_CONJ)
            return -1;
        p = head_of(s, p);
    }
    return -1;
}

static void find_subject(const xt_sentence *s, int32_t p, xt_arg *out, int *shared, int depth);

/* The antecedent of relative clause (or participle) r as an argument: the noun
 * without r and without any preposition; for a predicate nominal ("X is a
 * think tank founded in 2005") the subject it describes. */
static void antecedent(const xt_sentence *s, int32_t r, xt_arg *out, int depth)
{
    int32_t n = head_of(s, r);
    if (n >= 0 && has_cop(s, n) && subject_child(s, n) >= 0 && depth < 6) {
        int shared = 0;
        find_subject(s, n, out, &shared, depth + 1);
        if (out->head >= 0)
            return;
    }
    /* "who"/"whom" stand for a person: "the release of Amiri, whom the Taliban had
       detained" is about Amiri, wherever the parser attached the clause */
    int personal = 0;
    KIDS(s, r, c)
    {
        if ((lemma_is(s, c, "who") || lemma_is(s, c, "whom")) && c < r)
            personal = 1;
    }
    if (personal && n >= 0 && upos(s, n) == KG_UPOS_NOUN &&
        !in_entity_of_type(s, n, KG_ENT_PERSON)) {
        KIDS(s, n, c)
        {
            if (dep(s, c) == KG_DEP_NMOD && c < r && in_entity_of_type(s, c, KG_ENT_PERSON)) {
                arg_init(out, c);
                out->drop_case = 1;
                return;
            }
        }
    }
    arg_init(out, n);
    arg_cut(out, r);
    out->drop_case = 1;
}

/* A clausal complement without subject or mark right after a comma: a
 * coordinated verb, misparsed. */
static int is_bare_ccomp(const xt_sentence *s, int32_t p)
{
    if (dep(s, p) != KG_DEP_CCOMP || subject_child(s, p) >= 0 || child(s, p, KG_DEP_MARK) >= 0 ||
        p == 0 || s->tok[p].xpos == KG_XPOS_VB || s->tok[p].xpos == KG_XPOS_VBG)
        return 0;
    int32_t before = p - 1;
    while (before > 0 && dep(s, before) == KG_DEP_ADVMOD)
        before--;
    return strcmp(s->tok[before].form, ",") == 0 || dep(s, before) == KG_DEP_CC;
}

/* Whether a comma closes relative clause r before its conjunct v. */
static int relative_comma_before(const xt_sentence *s, int32_t r, int32_t v)
{
    for (int32_t i = r + 1; i < v; i++) {
        if (strcmp(s->tok[i].form, ",") == 0)
            return 1;
    }
    return 0;
}

/* The subject of predicate p: its own, or the one it shares. *shared is set
 * when it comes from elsewhere. */
static void find_subject(const xt_sentence *s, int32_t p, xt_arg *out, int *shared, int depth)
{
    arg_init(out, -1);
    out->drop_case = 1;
    if (depth > 6 || p < 0)
        return;
    int32_t c = subject_child(s, p);
    if (c >= 0) {
        if (upos(s, c) == KG_UPOS_PRON && lemma_is(s, c, "there"))
            return;
        int32_t r = is_relative(s, c) ? relative_clause_of(s, p) : -1;
        if (r >= 0 && head_of(s, r) >= 0) {
            antecedent(s, r, out, depth);
            *shared = 1;
        } else if (r < 0 && (lemma_is(s, c, "who") || lemma_is(s, c, "which")) &&
                   !has_feat(s, c, "PronType=Int") && c > 0) {
            /* a relative clause the parser attached elsewhere: ", who has no role"
               stands for the name before it */
            int32_t n = c - 1;
            while (n > 0 && upos(s, n) == KG_UPOS_PUNCT)
                n--;
            while (n > 0 &&
                   (dep(s, n) == KG_DEP_FLAT || dep(s, n) == KG_DEP_COMPOUND ||
                    dep(s, n) == KG_DEP_FIXED) &&
                   head_of(s, n) < n)
                n = head_of(s, n);
            if (upos(s, n) == KG_UPOS_PROPN || upos(s, n) == KG_UPOS_NOUN) {
                arg_init(out, n);
                out->drop_case = 1;
                KIDS(s, n, k)
                {
                    int d = dep(s, k);
                    if (k > n && d != KG_DEP_FLAT && d != KG_DEP_COMPOUND && d != KG_DEP_FIXED)
                        arg_cut(out, k);
                }
                *shared = 1;
            }
        } else {
            arg_init(out, c);
            out->drop_case = 1;
        }
        return;
    }
    int32_t h = head_of(s, p);
    if (h < 0)
        return;
    switch (dep(s, p)) {
    case KG_DEP_CONJ:
        /* "The talks, which Qatar mediated, ended in March" parsed with "ended" as a
           second verb of the relative clause over a verbless sentence: the verb is
           the sentence's, and the noun its subject */
        if ((dep(s, h) == KG_DEP_ACL_RELCL) && head_of(s, h) >= 0 &&
            dep(s, head_of(s, h)) == KG_DEP_ROOT && !is_predicate(s, head_of(s, h)) &&
            relative_comma_before(s, h, p)) {
            *shared = 1;
            antecedent(s, h, out, depth);
            arg_cut(out, p);
            return;
        }
        if (is_predicate(s, h)) {
            *shared = 1;
            find_subject(s, h, out, shared, depth + 1);
        }
        return;
    case KG_DEP_XCOMP: {
        int32_t o = child(s, h, KG_DEP_OBJ);
        *shared = 1;
        if (o >= 0) {
            arg_init(out, o);
            out->drop_case = 1;
        } else
            find_subject(s, h, out, shared, depth + 1);
        return;
    }
    case KG_DEP_CCOMP:
        /* a complement without subject or mark after a comma is a coordinated verb
           the parser took for one: "hears her out, pokes around a bit, asks ..." */
        if (is_predicate(s, h) && is_bare_ccomp(s, p)) {
            *shared = 1;
            find_subject(s, h, out, shared, depth + 1);
        }
        return;
    case KG_DEP_ADVCL:
        /* a non-finite adverbial clause: "Having returned ..., they gained" */
        if (is_predicate(s, h)) {
            *shared = 1;
            find_subject(s, h, out, shared, depth + 1);
        }
        return;
    case KG_DEP_ACL:
    case KG_DEP_ACL_RELCL:
    case KG_DEP_ADVCL_RELCL:
        if (is_nominal(s, h) && child(s, p, KG_DEP_MARK) < 0) {
            *shared = 1;
            antecedent(s, p, out, depth);
        }
        return;
    default:
        return;
    }
}

/* --------------------------------------------------------- relation tokens */

/* An adverb that is a verb particle: "over" in "handed Amiri over". */
static int is_particle(const xt_sentence *s, int32_t c)
{
    static const char *const prt[] = {"over", "up",   "out",     "off",    "down",
                                      "away", "back", "through", "around", NULL};
    return upos(s, c) == KG_UPOS_ADV && s->kid_start[c] == s->kid_start[c + 1] &&
           in_list(prt, s->tok[c].form);
}

/* Adds the auxiliaries, negation, particles and adverbs of verb v to the relation. */
static void add_verb_group(const xt_sentence *s, xt_prop *p, int32_t v, int with_adverbs)
{
    int32_t first = v;
    rel_add(p, v);
    KIDS(s, v, c)
    {
        int d = dep(s, c);
        if (d == KG_DEP_AUX || d == KG_DEP_AUX_PASS || d == KG_DEP_COP) {
            rel_add(p, c);
            if (c < first)
                first = c;
            if (s->tok[c].xpos == KG_XPOS_MD && p->modal < 0)
                p->modal = c;
        } else if (d == KG_DEP_COMPOUND_PRT ||
                   /* "would be to use" */
                   (d == KG_DEP_MARK && upos(s, c) == KG_UPOS_PART && has_cop(s, v) && c < v) ||
                   /* "handed Amiri over", parsed as an adverb */
                   (d == KG_DEP_ADVMOD && c > v && c <= v + 3 && is_particle(s, c))) {
            rel_add(p, c);
        } else if (d == KG_DEP_ADVMOD && (has_feat(s, c, "Polarity=Neg") || lemma_is(s, c, "not") ||
                                          lemma_is(s, c, "never"))) {
            rel_add(p, c);
            p->negated = 1;
        }
    }
    if (!with_adverbs)
        return;
    /* adverbs inside the verb group ("has also instituted") or right before the verb */
    KIDS(s, v, c)
    {
        if (dep(s, c) != KG_DEP_ADVMOD || upos(s, c) != KG_UPOS_ADV ||
            s->kid_start[c] != s->kid_start[c + 1])
            continue;
        if (s->tok[c].xpos == KG_XPOS_WRB)
            continue;
        if ((c > first && c < v) || c == v - 1)
            rel_add(p, c);
    }
}

/* Auxiliaries a conjoined verb shares with its first conjunct: "has instituted ...
 * and allowed" -> "has allowed". */
static void add_shared_aux(const xt_sentence *s, xt_prop *p, int32_t v)
{
    if (dep(s, v) != KG_DEP_CONJ || child(s, v, KG_DEP_AUX) >= 0 ||
        child(s, v, KG_DEP_AUX_PASS) >= 0 || child(s, v, KG_DEP_COP) >= 0)
        return;
    int32_t h = head_of(s, v);
    if (h < 0 || upos(s, h) != KG_UPOS_VERB)
        return;
    int x = s->tok[v].xpos;
    if (x != KG_XPOS_VBN && x != KG_XPOS_VB && x != KG_XPOS_VBG)
        return;
    KIDS(s, h, c)
    {
        int d = dep(s, c);
        /* only an auxiliary that fits the form: "has instituted and allowed",
           "will buy and sell", "is buying and selling" */
        int fits = x == KG_XPOS_VBN  ? lemma_is(s, c, "have") || d == KG_DEP_AUX_PASS
                   : x == KG_XPOS_VB ? s->tok[c].xpos == KG_XPOS_MD || lemma_is(s, c, "do")
                                     : lemma_is(s, c, "be") && d == KG_DEP_AUX;
        if ((d == KG_DEP_AUX || d == KG_DEP_AUX_PASS) && c < h && fits) {
            rel_add(p, c);
            if (s->tok[c].xpos == KG_XPOS_MD && p->modal < 0)
                p->modal = c;
        } else if (d == KG_DEP_ADVMOD && has_feat(s, c, "Polarity=Neg") && c < h) {
            p->negated = 1;
            rel_add(p, c);
        }
    }
}

/* ----------------------------------------------------------- attribution */

/* "According" (to X), whatever the tagger made of it. */
static int is_according(const xt_sentence *s, int32_t k)
{
    const char *w = s->tok[k].form;
    return (w[0] == 'a' || w[0] == 'A') && strcmp(w + 1, "ccording") == 0;
}

/* Sets p's attribution when the clause of predicate v is reported speech:
 * the complement of a speech verb, or a clause with a parenthetical "X said",
 * or one with "according to X". */
static void find_attribution(const xt_sentence *s, xt_prop *p, int32_t v)
{
    KIDS(s, v, c)
    {
        if ((dep(s, c) == KG_DEP_PARATAXIS || dep(s, c) == KG_DEP_ADVCL) && is_speech_verb(s, c) &&
            child(s, c, KG_DEP_OBJ) < 0 && child(s, c, KG_DEP_CCOMP) < 0 &&
            subject_child(s, c) >= 0) {
            p->attr_verb = c;
            p->attr_subj = subject_child(s, c);
            return;
        }
        if (is_oblique_dep(dep(s, c))) {
            int32_t k = child(s, c, KG_DEP_CASE);
            if (k >= 0 && is_according(s, k)) {
                p->attr_according = c;
                return;
            }
        }
    }
    int32_t cur = v;
    for (int guard = 0; guard < 8 && cur >= 0; guard++) {
        int d = dep(s, cur);
        int32_t h = head_of(s, cur);
        if (h < 0)
            return;
        if ((d == KG_DEP_CCOMP || d == KG_DEP_PARATAXIS) && is_speech_verb(s, h)) {
            int shared = 0;
            xt_arg who;
            find_subject(s, h, &who, &shared, 0);
            if (who.head >= 0) {
                p->attr_verb = h;
                p->attr_subj = who.head;
            }
            return;
        }
        if (d != KG_DEP_CONJ && d != KG_DEP_XCOMP)
            return;
        cur = h;
    }
}

/* ------------------------------------------------------------ arguments */

/* Conjuncts of nominal head h that are arguments of their own: h itself and
 * its conj children that are not predicates and not inside the same name;
 * with between unset, "between X and Y" stays one. */
static size_t conjuncts(const xt_sentence *s, int32_t h, int32_t *out, size_t max, int between)
{
    size_t n = 0;
    out[n++] = h;
    if (h < 0)
        return n;
    int32_t mh = s->mention[h];
    KIDS(s, h, c)
    {
        if (dep(s, c) != KG_DEP_CONJ || n >= max)
            continue;
        if (has_cop(s, c) || subject_child(s, c) >= 0 || upos(s, c) == KG_UPOS_VERB ||
            upos(s, c) == KG_UPOS_AUX)
            continue;
        if (mh >= 0 && s->mention[c] == mh)
            continue;
        /* "Kucharski, EG&G's chairman and chief executive,": the conjunct is the
           apposition's */
        int after_appos = 0;
        KIDS(s, h, a)
        {
            if (dep(s, a) == KG_DEP_APPOS && a < c)
                after_appos = 1;
        }
        if (after_appos)
            continue;
        /* "between X and Y" is one argument, unless asked for each */
        int32_t k = child(s, h, KG_DEP_CASE);
        if (!between && k >= 0 && (lemma_is(s, k, "between") || lemma_is(s, k, "among")))
            return 1;
        out[n++] = c;
    }
    return n;
}

/* Argument a narrowed to conjunct c of its head (c == a->head: the first, without
 * the others). */
static void arg_conjunct(const xt_sentence *s, const xt_arg *a, int32_t c, const int32_t *all,
                         size_t n, xt_arg *out)
{
    *out = *a;
    if (n <= 1)
        return;
    if (c == a->head) {
        for (size_t i = 1; i < n; i++)
            arg_cut(out, all[i]);
        /* dependents after the last conjunct belong to it: "fraud and breach of duty" */
        int32_t last = all[n - 1];
        KIDS(s, c, k)
        {
            if (k > last && dep(s, k) != KG_DEP_PUNCT)
                arg_cut(out, k);
        }
        return;
    }
    out->head = c;
    out->n_cut = 0;
    KIDS(s, c, k)
    {
        if (dep(s, k) == KG_DEP_CC || dep(s, k) == KG_DEP_CC_PRECONJ)
            arg_cut(out, k);
    }
    /* a determiner or preposition of the first conjunct belongs to all:
       "at Civitavecchia and Rome" -> "at Rome" */
    if (a->drop_case)
        out->drop_case = 1;
    else {
        int32_t k = child(s, a->head, KG_DEP_CASE);
        if (k >= 0 && child(s, c, KG_DEP_CASE) < 0 && out->n_lead < XT_MAX_LEAD)
            out->lead[out->n_lead++] = k;
    }
}

/* ----------------------------------------------------------------- clauses */

static int is_object_dep(int d)
{
    return d == KG_DEP_OBJ || d == KG_DEP_IOBJ || d == KG_DEP_CCOMP;
}

/* The first subordinating mark of clause v ("though", "because", "that"), or -1. */
static int32_t first_mark(const xt_sentence *s, int32_t v)
{
    KIDS(s, v, c)
    {
        if (dep(s, c) == KG_DEP_MARK)
            return c;
    }
    return -1;
}

static void add_oblique(const xt_sentence *s, clause *cl, int32_t c)
{
    int32_t k = child(s, c, KG_DEP_CASE);
    if (k >= 0 && is_according(s, k))
        return; /* attribution */
    if (cl->n_obliques < MAX_ARGS)
        cl->obliques[cl->n_obliques++] = c;
}

/* Adds v's objects and obliques to the clause. An oblique in front of a
 * subordinate clause's mark cannot be the subordinate clause's ("detained in
 * December, though reasons remain unclear" with "in December" attached to
 * "remain"): it is taken for the clause above. */
static void collect_args(const xt_sentence *s, clause *cl, int32_t v, int objects)
{
    int32_t mark = first_mark(s, v);
    KIDS(s, v, c)
    {
        int d = dep(s, c);
        if (d == KG_DEP_ADVCL || d == KG_DEP_ACL || d == KG_DEP_CCOMP) {
            int32_t m = first_mark(s, c);
            KIDS(s, c, o)
            {
                if (m >= 0 && o < m && is_oblique_dep(dep(s, o)))
                    add_oblique(s, cl, o);
            }
        }
        if (mark >= 0 && c < mark && is_oblique_dep(d))
            continue;
        if (d == KG_DEP_CCOMP && is_bare_ccomp(s, c))
            continue; /* a clause of its own */
        if (objects && (is_object_dep(d) ||
                        (d == KG_DEP_XCOMP && upos(s, c) != KG_UPOS_VERB && !has_cop(s, c)))) {
            if (cl->n_objects < MAX_ARGS)
                cl->objects[cl->n_objects++] = c;
        } else if (is_oblique_dep(d) || (d == KG_DEP_NMOD && upos(s, v) == KG_UPOS_VERB)) {
            add_oblique(s, cl, c);
        }
    }
}

/* A relative pronoun among the clause's objects or obliques stands for the antecedent. */
static void resolve_relative_args(const xt_sentence *s, clause *cl)
{
    cl->rel_object_for = cl->rel_oblique_for = -1;
    int32_t r = relative_clause_of(s, cl->pred);
    if (r < 0)
        return;
    for (uint8_t i = 0; i < cl->n_objects; i++) {
        if (is_relative(s, cl->objects[i])) {
            antecedent(s, r, &cl->rel_object, 0);
            cl->rel_object_for = cl->objects[i];
        }
    }
    for (uint8_t i = 0; i < cl->n_obliques; i++) {
        int32_t o = cl->obliques[i];
        if (is_relative(s, o) || lemma_is(s, o, "which") || lemma_is(s, o, "whom")) {
            antecedent(s, r, &cl->rel_oblique, 0);
            int32_t k = child(s, o, KG_DEP_CASE);
            if (k >= 0)
                cl->rel_oblique.lead[cl->rel_oblique.n_lead++] = k;
            cl->rel_oblique_for = o;
        }
    }
    /* a relative clause without a relative pronoun or a subject of its own whose
       verb lacks an object: "the book he read" */
    if (cl->n_objects == 0 && !cl->subj_shared && dep(s, r) == KG_DEP_ACL_RELCL && !cl->copular &&
        s->tok[cl->last].xpos != KG_XPOS_VBN) {
        int has_rel = 0;
        KIDS(s, cl->pred, c)
        {
            if (is_relative(s, c) || s->tok[c].xpos == KG_XPOS_WRB)
                has_rel = 1;
        }
        if (!has_rel && cl->subj.head >= 0 && cl->n_obliques == 0) {
            antecedent(s, r, &cl->rel_object, 0);
            cl->rel_object_for = head_of(s, r); /* a token no object has */
            cl->objects[cl->n_objects++] = cl->rel_object_for;
        }
    }
}

/* The argument for object/oblique token o, with a relative pronoun replaced. */
static void object_arg(const clause *cl, int32_t o, xt_arg *out)
{
    if (o == cl->rel_object_for) {
        *out = cl->rel_object;
        return;
    }
    if (o == cl->rel_oblique_for) {
        *out = cl->rel_oblique;
        return;
    }
    arg_init(out, o);
}

/* Builds the clause of predicate p; returns 0 when p is not one to extract. */
static int build_clause(const xt_sentence *s, int32_t p, const uint8_t *absorbed, clause *cl)
{
    memset(cl, 0, sizeof *cl);
    prop_init(&cl->base, XT_VERB);
    if (absorbed[p])
        return 0;
    cl->pred = p;
    cl->chain[cl->n_chain++] = p;
    xt_prop *b = &cl->base;
    int shared = 0;
    find_subject(s, p, &cl->subj, &shared, 0);
    cl->subj_shared = (uint8_t)shared;
    add_verb_group(s, b, p, 1);
    add_shared_aux(s, b, p);
    /* control: "seeks to improve", "attempted to popularize", "is able to service" */
    int32_t cur = p;
    while (cl->n_chain < MAX_CHAIN) {
        int32_t x = child(s, cur, KG_DEP_XCOMP);
        if (x < 0 || child(s, cur, KG_DEP_OBJ) >= 0)
            break;
        if (upos(s, x) != KG_UPOS_VERB && !has_cop(s, x))
            break;
        collect_args(s, cl, cur, 0);
        int32_t m = child(s, x, KG_DEP_MARK);
        if (m >= 0)
            rel_add(b, m);
        add_verb_group(s, b, x, 1);
        cl->chain[cl->n_chain++] = x;
        cur = x;
    }
    cl->last = cur;
    cl->copular = has_cop(s, cur) && upos(s, cur) != KG_UPOS_VERB;
    cl->passive = (uint8_t)is_passive(s, cur);
    collect_args(s, cl, cur, 1);
    if (cl->copular) {
        /* the predicate nominal's own conjuncts that are predicates go their own way */
        cl->base.kind = XT_COPULA;
        /* the nominal is the object, so it is not part of the relation */
        for (uint8_t i = 0; i < b->n_rel; i++) {
            if (b->rel[i] == cur) {
                memmove(&b->rel[i], &b->rel[i + 1], (size_t)(b->n_rel - i - 1) * sizeof *b->rel);
                b->n_rel--;
                break;
            }
        }
    }
    /* shared objects of coordinated verbs: "buy and sell large amounts" */
    if (!cl->copular && cl->n_objects == 0 && cl->n_obliques == 0 && upos(s, cur) == KG_UPOS_VERB) {
        int32_t h = dep(s, cur) == KG_DEP_CONJ ? head_of(s, cur) : -1;
        if (h >= 0) {
            int32_t o = child(s, h, KG_DEP_OBJ);
            if (o > cur)
                cl->objects[cl->n_objects++] = o;
        }
        KIDS(s, cur, c)
        {
            if (dep(s, c) == KG_DEP_CONJ && upos(s, c) == KG_UPOS_VERB && cl->n_objects == 0) {
                int32_t o = child(s, c, KG_DEP_OBJ);
                if (o > c && subject_child(s, c) < 0)
                    cl->objects[cl->n_objects++] = o;
            }
        }
    }
    resolve_relative_args(s, cl);
    find_attribution(s, b, p);
    return 1;
}

/* Whether oblique o is an argument, not a time or place: for choosing the object. */
static int oblique_rank(const xt_sentence *s, const clause *cl, int32_t o)
{
    if (dep(s, o) == KG_DEP_OBL_AGENT)
        return 0;
    int32_t k = child(s, o, KG_DEP_CASE);
    if (cl->passive && k >= 0 && lemma_is(s, k, "by") && upos(s, o) != KG_UPOS_VERB)
        return 0;
    if (k < 0) /* unmarked: "re-elected U.S. Senator" is an argument, "last week" not */
        return o > cl->last && !is_time(s, o) && is_nominal(s, o) ? 1 : 4;
    if (is_time(s, o))
        return 3;
    if (o < cl->last)
        return 2; /* fronted: "In Kabul, ..." */
    if (is_place(s, o))
        return 2;
    return 1;
}

/* Adds a further argument in sentence order, with what it says: the first
 * temporal one is the time, the first locative one naming a place the place. */
static void add_extra(const xt_sentence *s, xt_prop *p, const xt_arg *a)
{
    uint8_t n = p->n_extra;
    if (n >= XT_MAX_EXTRA)
        return;
    int when = time_strength(s, a->head);
    uint8_t role = when == 3              ? XT_ROLE_DATE
                   : when == 2            ? XT_ROLE_TIME
                   : when == 1            ? XT_ROLE_TIME_WEAK
                   : is_place(s, a->head) ? XT_ROLE_PLACE
                                          : XT_ROLE_OTHER;
    uint8_t at = 0;
    while (at < n && p->extra[at].head < a->head)
        at++;
    for (uint8_t i = n; i > at; i--) {
        p->extra[i] = p->extra[i - 1];
        p->extra_role[i] = p->extra_role[i - 1];
    }
    p->extra[at] = *a;
    p->extra_role[at] = role;
    p->n_extra = (uint8_t)(n + 1);
}

/* Moves the prepositional modifiers of time and place under token h of
 * argument a (and under those, "in Doha in 2020") to p's further arguments. */
static void hoist_time_place(const xt_sentence *s, xt_prop *p, xt_arg *a, int32_t h, int depth)
{
    if (depth > 3)
        return;
    KIDS(s, h, c)
    {
        if (dep(s, c) != KG_DEP_NMOD || c < h || child(s, c, KG_DEP_CASE) < 0 ||
            (!is_time(s, c) && !is_place(s, c)))
            continue;
        arg_cut(a, c);
        xt_arg e;
        arg_init(&e, c);
        hoist_time_place(s, p, &e, c, depth + 1);
        add_extra(s, p, &e);
    }
}

/* ------------------------------------------------------ entity readings */

/* The entity-level readings of p for the graph: an object that is a common
 * noun with a named entity under it ("mediated Glezmann's release", "improve
 * ties with Washington", "the interior minister of the Taliban"), and an
 * oblique naming an entity beside an object ("handed Amiri over to Qatar"). */
static void emit_derived(finder *f, const xt_prop *p)
{
    const xt_sentence *s = f->s;
    /* the argument the graph sees as object */
    const xt_arg *patient = p->agent_first ? &p->subj : &p->obj;
    const xt_arg *agent = p->agent_first ? &p->obj : &p->subj;
    int32_t o = patient->head;
    if (o < 0 || agent->head < 0)
        return;
    int noun = upos(s, o) == KG_UPOS_NOUN && xt_arg_mention(s, o) < 0;
    if (noun) {
        KIDS(s, o, c)
        {
            int d = dep(s, c);
            if (d != KG_DEP_NMOD_POSS && d != KG_DEP_NMOD)
                continue;
            if (xt_arg_mention(s, c) < 0 && upos(s, c) != KG_UPOS_PROPN)
                continue;
            /* a time moved out of the object names no entity of the graph; a place
               does ("have ambassadors in China") */
            if (is_time(s, c))
                continue;
            int32_t k = child(s, c, KG_DEP_CASE);
            if (d == KG_DEP_NMOD && (k < 0 || c < o))
                continue;
            int32_t all[8];
            size_t n = conjuncts(s, c, all, 8, 1); /* talks between X and Y: with each */
            for (size_t i = 0; i < n; i++) {
                if (xt_arg_mention(s, all[i]) < 0 && upos(s, all[i]) != KG_UPOS_PROPN)
                    continue;
                xt_prop d2 = *p;
                d2.kind = XT_DERIVED;
                d2.implicit = p->kind == XT_APPOS ? NULL : p->implicit;
                d2.relnoun = o;
                /* "talk about removal from": the object's own preposition stays */
                for (uint8_t j = 0; j < p->n_prep && !p->agent_first; j++)
                    rel_add(&d2, p->prep[j]);
                d2.subj = *agent;
                d2.agent_first = 0;
                xt_arg whole;
                arg_init(&whole, c);
                whole.drop_case = 1;
                arg_conjunct(s, &whole, all[i], all, n, &d2.obj);
                if (d == KG_DEP_NMOD) {
                    prep_set(s, &d2, c);
                } else {
                    d2.n_prep = 0; /* possessive: "of" */
                    KIDS(s, all[i], k2)
                    {
                        if (dep(s, k2) == KG_DEP_CASE)
                            arg_cut(&d2.obj, k2);
                    }
                }
                d2.n_extra = 0;
                d2.confidence = p->confidence * 0.9;
                emit(f, &d2);
            }
        }
    }
    if (p->kind != XT_VERB)
        return;
    for (uint8_t i = 0; i < p->n_extra; i++) {
        const xt_arg *e = &p->extra[i];
        if (p->extra_role[i] != XT_ROLE_OTHER || xt_arg_mention(s, e->head) < 0)
            continue;
        int32_t k = child(s, e->head, KG_DEP_CASE);
        if (k < 0 || lemma_is(s, k, "by"))
            continue;
        xt_prop d2 = *p;
        d2.kind = XT_DERIVED;
        d2.relnoun = noun ? o : -1;
        d2.subj = *agent;
        d2.obj = *e;
        d2.obj.drop_case = 1;
        d2.agent_first = 0;
        prep_set(s, &d2, e->head);
        d2.n_extra = 0;
        d2.confidence = p->confidence * 0.85;
        emit(f, &d2);
    }
}

static void emit_prop(finder *f, const xt_prop *p)
{
    emit(f, p);
    emit_derived(f, p);
}

/* ----------------------------------------------------------------- output */

/* Emits the propositions of one clause: one per subject conjunct and object
 * conjunct. */
static void emit_clause(finder *f, const clause *cl)
{
    const xt_sentence *s = f->s;
    if (cl->subj.head < 0)
        return;
    xt_prop p;
    memcpy(&p, &cl->base, sizeof p);
    double conf = 0.9;
    if (cl->subj_shared)
        conf -= 0.1;
    if (dep(s, cl->pred) == KG_DEP_ADVCL || dep(s, cl->pred) == KG_DEP_ACL)
        conf -= 0.1;

    /* the object: a complement, or the best oblique */
    int32_t object = -1;
    int from_oblique = 0;
    if (cl->copular) {
        object = cl->last;
    } else if (cl->n_objects > 0) {
        object = cl->objects[0];
        /* the direct object before the indirect one: "gave him the book" -> the book */
        for (uint8_t i = 0; i < cl->n_objects; i++) {
            if (dep(s, cl->objects[i]) == KG_DEP_OBJ) {
                object = cl->objects[i];
                break;
            }
        }
    } else if (cl->n_obliques > 0) {
        int best = 99;
        for (uint8_t i = 0; i < cl->n_obliques; i++) {
            int r = oblique_rank(s, cl, cl->obliques[i]);
            if (r < best) {
                best = r;
                object = cl->obliques[i];
            }
        }
        from_oblique = 1;
        if (best == 0 && cl->passive)
            p.agent_first = p.active = 1;
        conf -= 0.05;
    }
    if (object < 0)
        return; /* intransitive: nothing the graph or Open IE can use */

    xt_arg obj;
    if (cl->copular) {
        arg_init(&obj, object);
        /* the nominal without what the clause hangs on it */
        KIDS(s, object, c)
        {
            int d = dep(s, c);
            if (is_subject_dep(d) || d == KG_DEP_COP || d == KG_DEP_AUX || d == KG_DEP_MARK ||
                d == KG_DEP_AUX_PASS || is_oblique_dep(d) || d == KG_DEP_ADVCL ||
                d == KG_DEP_PARATAXIS || d == KG_DEP_XCOMP || d == KG_DEP_CCOMP ||
                (d == KG_DEP_CONJ &&
                 (subject_child(s, c) >= 0 || has_cop(s, c) || upos(s, c) == KG_UPOS_VERB)) ||
                (d == KG_DEP_ADVMOD && c < object) || d == KG_DEP_EXPL || d == KG_DEP_ACL ||
                (d == KG_DEP_CC && c < object))
                arg_cut(&obj, c);
        }
        int32_t k = child(s, object, KG_DEP_CASE);
        if (k >= 0 && k < object) {
            obj.drop_case = 1;
            prep_set(s, &p, object);
        } else if (upos(s, object) == KG_UPOS_ADJ) {
            /* "is responsible for X": the complement's preposition joins the relation */
            for (uint8_t i = 0; i < cl->n_obliques; i++) {
                int32_t o = cl->obliques[i];
                int32_t ok = child(s, o, KG_DEP_CASE);
                if (o > object && ok >= 0 && head_of(s, o) == object && !is_time(s, o)) {
                    rel_add(&p, object);
                    prep_set(s, &p, o);
                    object = o;
                    arg_init(&obj, o);
                    obj.drop_case = 1;
                    break;
                }
            }
        }
    } else {
        object_arg(cl, object, &obj);
        if (from_oblique && obj.n_lead == 0) {
            obj.drop_case = 1;
            prep_set(s, &p, object);
        } else if (dep(s, object) == KG_DEP_CCOMP) {
            int32_t m = child(s, object, KG_DEP_MARK);
            if (m >= 0 && m < object) {
                prep_set(s, &p, object);
                arg_cut(&obj, m);
            }
            if (is_speech_verb(s, cl->last))
                p.kind = XT_SPEECH;
        }
    }

    /* the time and place of the event, attached by the parser to the object
       ("signed an agreement in Doha in 2020", "detained Amiri in Kabul") */
    if (!cl->copular && obj.head >= 0)
        hoist_time_place(s, &p, &obj, obj.head, 0);
    /* the other objects and obliques are further arguments */
    for (uint8_t i = 0; i < cl->n_objects; i++) {
        if (cl->objects[i] == object)
            continue;
        xt_arg a;
        object_arg(cl, cl->objects[i], &a);
        add_extra(s, &p, &a);
    }
    for (uint8_t i = 0; i < cl->n_obliques; i++) {
        if (cl->obliques[i] == object)
            continue;
        xt_arg a;
        object_arg(cl, cl->obliques[i], &a);
        add_extra(s, &p, &a);
    }
    if (cl->passive && !p.agent_first)
        conf -= 0.05;

    int32_t subjects[8], objects[8];
    size_t ns = conjuncts(s, cl->subj.head, subjects, 8, 0);
    size_t no = conjuncts(s, obj.head, objects, 8, 0);
    if (dep(s, obj.head) == KG_DEP_CCOMP)
        no = 1; /* clauses stay whole */
    if (ns > 1 || no > 1)
        conf -= 0.05;
    for (size_t i = 0; i < ns && f->rc == KG_OK; i++) {
        for (size_t j = 0; j < no && f->rc == KG_OK; j++) {
            xt_prop q = p;
            arg_conjunct(s, &cl->subj, subjects[i], subjects, ns, &q.subj);
            arg_conjunct(s, &obj, objects[j], objects, no, &q.obj);
            q.confidence = conf;
            emit_prop(f, &q);
        }
    }
}

/* "officials said" after the clause it reports: the clause is the object. */
static void emit_parenthetical_speech(finder *f, int32_t v)
{
    const xt_sentence *s = f->s;
    int d = dep(s, v);
    int32_t h = head_of(s, v);
    if ((d != KG_DEP_PARATAXIS && d != KG_DEP_ADVCL) || h < 0 || !is_speech_verb(s, v) ||
        child(s, v, KG_DEP_OBJ) >= 0 || child(s, v, KG_DEP_CCOMP) >= 0)
        return;
    int32_t subj = subject_child(s, v);
    if (subj < 0 || child(s, v, KG_DEP_MARK) >= 0)
        return;
    xt_prop p;
    prop_init(&p, XT_SPEECH);
    add_verb_group(s, &p, v, 1);
    arg_init(&p.subj, subj);
    arg_init(&p.obj, h);
    arg_cut(&p.obj, v);
    p.confidence = 0.75;
    emit(f, &p);
}

/* "Haqqani, the Taliban's interior minister, ..." -> (Haqqani; be; the Taliban's
 * interior minister). */
static void emit_apposition(finder *f, int32_t a)
{
    const xt_sentence *s = f->s;
    int32_t n = head_of(s, a);
    if (n < 0 || dep(s, a) != KG_DEP_APPOS || !is_nominal(s, n) || !is_nominal(s, a))
        return;
    if (upos(s, a) == KG_UPOS_NUM || upos(s, n) == KG_UPOS_NUM ||
        (s->mention[a] >= 0 && s->mention[a] == s->mention[n]))
        return;

    xt_prop p;
    prop_init(&p, XT_APPOS);
    p.implicit = "be";
    xt_arg noun, appos;
    arg_init(&noun, n);
    noun.drop_case = 1;
    /* the noun up to the apposition: what follows it is the sentence's, not the name's */
    KIDS(s, n, k)
    {
        if (k >= a && dep(s, k) != KG_DEP_FLAT)
            arg_cut(&noun, k);
    }
    arg_init(&appos, a);
    /* the name is what is described: "the doctor, Erasistratus," -> (Erasistratus; be;
       the doctor) */
    int name_second = upos(s, a) == KG_UPOS_PROPN && upos(s, n) == KG_UPOS_NOUN;
    p.subj = name_second ? appos : noun;
    p.obj = name_second ? noun : appos;
    p.confidence = 0.7;
    emit_prop(f, &p);
}

/* A description before a name: "former U.S. Attorney Todd Graves" -> (Todd Graves;
 * be; former U.S. Attorney). */
static void emit_description(finder *f, int32_t t)
{
    const xt_sentence *s = f->s;
    int32_t n = head_of(s, t);
    if (n < 0 || dep(s, t) != KG_DEP_NMOD_DESC || upos(s, n) != KG_UPOS_PROPN || t > n ||
        child(s, t, KG_DEP_CASE) >= 0)
        return;
    /* honorifics are not descriptions: "Mr.", "Dr.", "St." */
    const char *w = s->tok[t].form;
    size_t len = strlen(w);
    if (s->kid_start[t] == s->kid_start[t + 1] && len > 0 && w[len - 1] == '.')
        return;
    xt_prop p;
    prop_init(&p, XT_APPOS);
    p.implicit = "be";
    arg_init(&p.subj, n);
    KIDS(s, n, k)
    {
        /* the name alone: not the description, determiners or possessors before it,
           nor anything after it but the rest of the name */
        if (k < n || dep(s, k) != KG_DEP_FLAT)
            arg_cut(&p.subj, k);
    }
    arg_init(&p.obj, t);
    p.confidence = 0.6;
    emit(f, &p);
}

int xt_find_propositions(const xt_sentence *s, xt_emit_fn emit_fn, void *ctx)
{
    finder f = {s, emit_fn, ctx, KG_OK};
    uint8_t absorbed_small[256];
    uint8_t *absorbed = absorbed_small;
    if (s->n > sizeof absorbed_small) {
        absorbed = kg_calloc(s->n, 1);
        if (!absorbed)
            return KG_ENOMEM;
    } else {
        memset(absorbed, 0, s->n);
    }
    /* verbs a control chain takes into its controller's relation */
    for (uint32_t i = 0; i < s->n; i++) {
        int32_t x = (int32_t)i;
        int32_t h = head_of(s, x);
        if (dep(s, x) == KG_DEP_XCOMP && h >= 0 && child(s, h, KG_DEP_OBJ) < 0 &&
            child(s, h, KG_DEP_XCOMP) == x && (upos(s, x) == KG_UPOS_VERB || has_cop(s, x)) &&
            is_predicate(s, h))
            absorbed[i] = 1;
    }
    clause cl;
    memset(&cl, 0, sizeof cl);
    for (uint32_t i = 0; i < s->n && f.rc == KG_OK; i++) {
        int32_t p = (int32_t)i;
        if (is_predicate(s, p) && build_clause(s, p, absorbed, &cl))
            emit_clause(&f, &cl);
        emit_parenthetical_speech(&f, p);
        emit_apposition(&f, p);
        emit_description(&f, p);
    }
    if (absorbed != absorbed_small)
        kg_free(absorbed);
    return f.rc;
}
