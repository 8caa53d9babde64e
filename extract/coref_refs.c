/* coref_refs.c - the mentions that stand for a named entity without naming
 * it: appositions and identifications ("an American prisoner, George
 * Glezmann"; "the freed American, identified as Amir Amiry"), third-person
 * pronouns, and definite descriptions ("the group", "the regime", "the
 * country", "the latter").
 *
 * Algorithm: salience-based resolution after Lappin & Leass (1994, "An
 * algorithm for pronominal anaphora resolution", Computational Linguistics
 * 20(4):535-561), read off Universal Dependencies relations instead of a
 * slot grammar. Every noun phrase head and every resolved reference is a
 * candidate with a weight: sentence recency 100, subject (and passive
 * agent) 80, direct object 50, indirect object or oblique 40, head-noun
 * emphasis 80 (not inside another noun phrase nor a relative clause),
 * non-adverbial 50; weights are halved per sentence of distance and summed
 * over each coreference class. Candidates must agree with the pronoun in
 * number, gender and animacy (he/she: persons; it: things, organisations and
 * places; they: plurals, organisations and nationalities); a non-reflexive
 * pronoun cannot take a co-argument of its own verb (binding), a reflexive
 * takes its clause's subject, a possessive prefers it. The winner must be a
 * named entity's class; when an unnamed phrase wins ("officials ... they")
 * the pronoun is left alone. The window is the current sentence (up to the
 * pronoun) and the `window` previous ones, twice that for descriptions, so
 * resolution is linear in document length. */
#include "coref_internal.h"

#include <string.h>

enum {
    AG_HE = 1 << 0,
    AG_SHE = 1 << 1,
    AG_IT = 1 << 2,
    AG_THEY = 1 << 3,
};

/* A candidate antecedent: a noun phrase head or a resolved reference. */
typedef struct ref {
    uint32_t sent, tok;
    uint32_t cls; /* entity index, or n_ents + k for an unnamed phrase's class */
    uint8_t agr;  /* AG_* it agrees with */
    uint8_t role; /* 1 subject, 2 object, 3 other */
    float w;      /* salience before recency decay */
} ref;

/* Per class, while scoring one reference. */
typedef struct tally {
    float sum;     /* earlier sentences' best values */
    float best;    /* best value in sentence `sent` */
    uint32_t sent; /* UINT32_MAX: not touched */
} tally;

typedef struct refs {
    ref *v;
    size_t n, cap;
    tally *tally; /* per class */
    size_t cap_tally;
    uint32_t *touched;
    size_t n_touched, cap_touched;
    uint32_t n_classes;
} refs;

/* ------------------------------------------------------------ salience */

static int is_subject(int dep)
{
    return dep == KG_DEP_NSUBJ || dep == KG_DEP_NSUBJ_PASS || dep == KG_DEP_NSUBJ_OUTER ||
           dep == KG_DEP_CSUBJ || dep == KG_DEP_OBL_AGENT;
}

static int relative_clause(const coref *c, uint32_t v)
{
    if (cr_dep(c, v) == KG_DEP_ACL_RELCL || cr_dep(c, v) == KG_DEP_ADVCL_RELCL) {
        return 1;
    }
    for (int32_t ch = c->child[v]; ch >= 0 && (uint32_t)ch < v; ch = c->sibling[ch]) {
        int x = c->doc->tokens[ch].xpos;
        if (x == KG_XPOS_WP || x == KG_XPOS_WDT || x == KG_XPOS_WPS) {
            return 1;
        }
    }
    return 0;
}

/* Whether t lies inside a relative clause. */
static int in_relative(const coref *c, uint32_t t)
{
    int32_t x = cr_head(c, t);
    for (int steps = 0; x >= 0 && steps < 20; steps++) {
        if (relative_clause(c, (uint32_t)x)) {
            return 1;
        }
        x = cr_head(c, (uint32_t)x);
    }
    return 0;
}

/* The relation that decides t's grammatical role (conjuncts take their first conjunct's). */
static int effective_dep(const coref *c, uint32_t *t)
{
    for (int k = 0; k < 6 && cr_dep(c, *t) == KG_DEP_CONJ; k++) {
        int32_t h = cr_head(c, *t);
        if (h < 0) {
            break;
        }
        *t = (uint32_t)h;
    }
    return cr_dep(c, *t);
}

static float salience(const coref *c, uint32_t t, uint8_t *role)
{
    if (!c->parsed) {
        *role = 3;
        return 230.0f;
    }
    uint32_t x = t;
    int d = effective_dep(c, &x);
    float w = 100.0f;
    *role = 3;
    if (is_subject(d)) {
        w += 80.0f;
        *role = 1;
    } else if (d == KG_DEP_OBJ) {
        w += 50.0f;
        *role = 2;
    } else if (d == KG_DEP_IOBJ || d == KG_DEP_OBL || d == KG_DEP_OBL_UNMARKED) {
        w += 40.0f;
    }
    if (d != KG_DEP_NMOD && d != KG_DEP_NMOD_POSS && d != KG_DEP_NMOD_DESC &&
        d != KG_DEP_NMOD_UNMARKED && d != KG_DEP_COMPOUND && d != KG_DEP_APPOS &&
        !in_relative(c, x)) {
        w += 80.0f;
    }
    if (d != KG_DEP_OBL && d != KG_DEP_OBL_UNMARKED && d != KG_DEP_ADVMOD) {
        w += 50.0f;
    }
    return w;
}

static uint8_t entity_agreement(const cr_ent *en)
{
    switch (en->type) {
    case KG_ENT_PERSON:
        return en->gender == 'M' ? AG_HE : en->gender == 'F' ? AG_SHE : (AG_HE | AG_SHE);
    case KG_ENT_ORG:
        return AG_IT | AG_THEY;
    case KG_ENT_NORP:
        return AG_THEY;
    case KG_ENT_GPE:
    case KG_ENT_LOC:
    case KG_ENT_FAC:
    case KG_ENT_EVENT:
    case KG_ENT_LAW:
        return AG_IT;
    default:
        return 0;
    }
}

static int add_ref(coref *c, refs *R, uint32_t t, uint32_t cls, uint8_t agr)
{
    if (kg_grow((void **)&R->v, &R->cap, R->n + 1, sizeof *R->v)) {
        return KG_ENOMEM;
    }
    ref *r = &R->v[R->n++];
    r->sent = c->sent_of[t];
    r->tok = t;
    r->cls = cls;
    r->agr = agr;
    r->w = salience(c, t, &r->role);
    return KG_OK;
}

/* A class of its own for an unnamed phrase. */
static int new_class(refs *R, uint32_t *out)
{
    if (kg_grow((void **)&R->tally, &R->cap_tally, (size_t)R->n_classes + 1, sizeof *R->tally)) {
        return KG_ENOMEM;
    }
    R->tally[R->n_classes].sent = UINT32_MAX;
    *out = R->n_classes++;
    return KG_OK;
}

/* Adds a candidate's value to its class: the best value of each sentence
 * counts (a factor applies once per sentence), summed over sentences; with
 * single set, only the best value overall. */
static int touch(refs *R, uint32_t cls, uint32_t sent, float v, int single)
{
    tally *t = &R->tally[cls];
    if (t->sent == UINT32_MAX) {
        if (kg_grow((void **)&R->touched, &R->cap_touched, R->n_touched + 1, sizeof *R->touched)) {
            return KG_ENOMEM;
        }
        R->touched[R->n_touched++] = cls;
        t->sum = 0.0f;
        t->best = v;
        t->sent = sent;
    } else if (t->sent == sent || single) {
        t->best = v > t->best ? v : t->best;
    } else {
        t->sum += t->best;
        t->best = v;
        t->sent = sent;
    }
    return KG_OK;
}

/* ------------------------------------------------------------ pronouns */

enum { PRON_PLAIN, PRON_POSS, PRON_REFL };

typedef struct pronoun {
    const char *form;
    uint8_t agr;
    uint8_t kind;
} pronoun;

static const pronoun pronouns[] = {
    {"he", AG_HE, PRON_PLAIN},      {"him", AG_HE, PRON_PLAIN},
    {"his", AG_HE, PRON_POSS},      {"himself", AG_HE, PRON_REFL},
    {"she", AG_SHE, PRON_PLAIN},    {"her", AG_SHE, PRON_PLAIN},
    {"hers", AG_SHE, PRON_POSS},    {"herself", AG_SHE, PRON_REFL},
    {"it", AG_IT, PRON_PLAIN},      {"its", AG_IT, PRON_POSS},
    {"itself", AG_IT, PRON_REFL},   {"they", AG_THEY, PRON_PLAIN},
    {"them", AG_THEY, PRON_PLAIN},  {"their", AG_THEY, PRON_POSS},
    {"theirs", AG_THEY, PRON_POSS}, {"themselves", AG_THEY, PRON_REFL},
};

static const pronoun *pronoun_at(const coref *c, uint32_t t)
{
    int u = cr_upos(c, t);
    if (u != KG_UPOS_NONE && u != KG_UPOS_PRON && u != KG_UPOS_DET) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof pronouns / sizeof *pronouns; i++) {
        if (cr_form_is(c, t, pronouns[i].form)) {
            return &pronouns[i];
        }
    }
    return NULL;
}

/* "it" that refers to nothing: "it is now", "it was Trump who", "it takes a minute to". */
static int pleonastic(const coref *c, uint32_t t)
{
    if (!c->parsed) {
        return 0;
    }
    int dep = cr_dep(c, t);
    if (dep == KG_DEP_EXPL) {
        return 1;
    }
    if (dep != KG_DEP_NSUBJ && dep != KG_DEP_NSUBJ_PASS) {
        return 0;
    }
    int32_t h = cr_head(c, t);
    if (h < 0) {
        return 0;
    }
    if (cr_child_dep(c, (uint32_t)h, KG_DEP_COP) >= 0 || cr_upos(c, (uint32_t)h) == KG_UPOS_ADJ) {
        return 1;
    }
    for (int32_t ch = c->child[h]; ch >= 0; ch = c->sibling[ch]) {
        int d = cr_dep(c, (uint32_t)ch);
        if ((d == KG_DEP_CCOMP || d == KG_DEP_CSUBJ || d == KG_DEP_XCOMP) && (uint32_t)ch > t) {
            return 1;
        }
    }
    return 0;
}

/* The subject of the clause around t (walking up through objects and
 * complements), or -1. */
static int32_t local_subject(const coref *c, uint32_t t, uint32_t not )
{
    int32_t x = cr_head(c, t);
    for (int steps = 0; x >= 0 && steps < 6; steps++) {
        for (int32_t ch = c->child[x]; ch >= 0; ch = c->sibling[ch]) {
            int d = cr_dep(c, (uint32_t)ch);
            if ((d == KG_DEP_NSUBJ || d == KG_DEP_NSUBJ_PASS) && (uint32_t)ch != not ) {
                return ch;
            }
        }
        x = cr_head(c, (uint32_t)x);
    }
    return -1;
}

/* The best class for a reference at token t of sentence s among candidates
 * that agree with agr (pronouns; unnamed phrases compete) or, when types is
 * non-zero, among entities whose type bit is in types and that pass ok(). */
typedef int (*entity_test)(const coref *c, int32_t e, const void *ctx);

typedef struct query {
    uint32_t t, s;
    unsigned window;
    uint8_t agr;
    int kind;       /* PRON_* for pronouns, -1 for descriptions */
    entity_test ok; /* descriptions: which entities may be meant */
    const void *ctx;
} query;

static int best_class(coref *c, refs *R, const query *q, int32_t *best, float *conf)
{
    *best = -1;
    *conf = 0.0f;
    int32_t head = c->parsed ? cr_head(c, q->t) : -1;
    int32_t subj = -1;
    uint8_t prole = 3;
    if (c->parsed) {
        subj = local_subject(c, q->t, q->t);
        salience(c, q->t, &prole);
    }
    for (size_t i = R->n; i-- > 0;) {
        const ref *r = &R->v[i];
        if (r->sent + q->window < q->s) {
            break;
        }
        if (r->sent == q->s && r->tok >= q->t) {
            continue;
        }
        float v = r->w;
        if (q->kind < 0) {
            if (r->cls >= c->n_ents || !q->ok(c, (int32_t)r->cls, q->ctx)) {
                continue;
            }
            /* a description is not its own clause's subject or co-argument:
             * "the US removed its forces from the country" */
            if (r->sent == q->s &&
                ((int32_t)r->tok == subj || (head >= 0 && cr_head(c, r->tok) == head))) {
                continue;
            }
        } else {
            if (!(r->agr & q->agr)) {
                continue;
            }
            if (q->kind == PRON_REFL && r->sent != q->s) {
                continue;
            }
            if (head >= 0 && r->tok == (uint32_t)head) {
                continue; /* "its ties" is not about the ties */
            }
            if (q->kind == PRON_PLAIN && head >= 0 && r->sent == q->s &&
                cr_head(c, r->tok) == head) {
                continue; /* a co-argument: "Trump praised him" */
            }
            if ((int32_t)r->tok == subj) {
                v += q->kind == PRON_REFL ? 500.0f : q->kind == PRON_POSS ? 60.0f : 0.0f;
            }
            if (r->role == prole && prole != 3) {
                v += 35.0f;
            }
        }
        for (uint32_t k = r->sent; k < q->s; k++) {
            v *= 0.5f;
        }
        if (touch(R, r->cls, r->sent, v, q->kind < 0)) {
            return KG_ENOMEM;
        }
    }
    float top = 0.0f, second = 0.0f;
    int32_t arg = -1;
    /* touched is in order of recency, so ties go to the most recent class */
    for (size_t k = 0; k < R->n_touched; k++) {
        uint32_t cls = R->touched[k];
        tally *t = &R->tally[cls];
        float v = t->sum + t->best;
        if (v > top) {
            second = top;
            top = v;
            arg = (int32_t)cls;
        } else if (v > second) {
            second = v;
        }
        t->sent = UINT32_MAX;
    }
    R->n_touched = 0;
    if (arg >= 0 && (uint32_t)arg < c->n_ents) {
        *best = arg;
        *conf = top / (top + second);
    } else if (arg >= 0) {
        *best = -2 - arg; /* an unnamed phrase won: its class, encoded */
    }
    return KG_OK;
}

/* -------------------------------------------------------- descriptions */

enum {
    DESC_ORG = 1 << 0,
    DESC_COUNTRY = 1 << 1,
    DESC_CITY = 1 << 2,
    DESC_ROLE = 1 << 3, /* a person the text gave this role */
};

typedef struct description {
    const char *lemma;
    unsigned what;
} description;

static const description descriptions[] = {
    {"group", DESC_ORG},        {"organization", DESC_ORG},
    {"organisation", DESC_ORG}, {"movement", DESC_ORG},
    {"militia", DESC_ORG},      {"network", DESC_ORG},
    {"insurgency", DESC_ORG},   {"company", DESC_ORG},
    {"firm", DESC_ORG},         {"agency", DESC_ORG},
    {"party", DESC_ORG},        {"alliance", DESC_ORG},
    {"coalition", DESC_ORG},    {"regime", DESC_ORG | DESC_COUNTRY},
    {"country", DESC_COUNTRY},  {"nation", DESC_COUNTRY},
    {"kingdom", DESC_COUNTRY},  {"emirate", DESC_COUNTRY},
    {"city", DESC_CITY},        {"capital", DESC_CITY},
};

typedef struct desc_ctx {
    unsigned what;
    const char *role; /* DESC_ROLE: the role word */
} desc_ctx;

static int description_fits(const coref *c, int32_t e, const void *vctx)
{
    const desc_ctx *x = vctx;
    const cr_ent *en = &c->ents[e];
    if ((x->what & DESC_ORG) && en->type == KG_ENT_ORG) {
        return 1;
    }
    if ((x->what & DESC_COUNTRY) && en->type == KG_ENT_GPE && en->gaz_kind != KG_GAZ_CITY + 1 &&
        en->gaz_kind != KG_GAZ_REGION + 1) {
        return 1;
    }
    if ((x->what & DESC_CITY) && en->type == KG_ENT_GPE &&
        (en->gaz_kind == KG_GAZ_CITY + 1 || en->gaz_kind == 0)) {
        return 1;
    }
    if ((x->what & DESC_ROLE) && en->type == KG_ENT_PERSON && cr_entity_has_role(c, e, x->role)) {
        return 1;
    }
    return 0;
}

static int blocked_modifier(const coref *c, uint32_t t)
{
    static const char *const words[] = {
        "other",    "another", "rival",    "different", "second",      "third",
        "new",      "similar", "separate", "splinter",  "affiliated",  "allied",
        "opposing", "smaller", "larger",   "foreign",   "neighboring", "neighbouring",
        "regional", "western", "eastern",  "northern",  "southern",    "certain",
        "such",     "former",  "previous", "next",      "whole",       "entire",
        "host",     "home",    "european", "arab",      "muslim",      "african"};
    char w[32];
    cr_lemma(c, t, w, sizeof w);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strcmp(words[i], w) == 0) {
            return 1;
        }
    }
    return cr_demonym_country(c, t, 1) != NULL;
}

/* Whether t heads a definite description this module resolves; what and
 * role describe what it may stand for, *left its first token. */
static int definite_description(const coref *c, uint32_t t, desc_ctx *x, uint32_t *left,
                                char *lemma, size_t cap)
{
    if (!c->parsed || c->ment_of[t] >= 0 || cr_upos(c, t) != KG_UPOS_NOUN || cr_plural(c, t)) {
        return 0;
    }
    int32_t det = cr_child_dep(c, t, KG_DEP_DET);
    if (det < 0 || (uint32_t)det > t ||
        !(cr_form_is(c, (uint32_t)det, "the") || cr_form_is(c, (uint32_t)det, "this") ||
          cr_form_is(c, (uint32_t)det, "that"))) {
        return 0;
    }
    cr_lemma(c, t, lemma, cap);
    x->what = 0;
    x->role = lemma;
    for (size_t i = 0; i < sizeof descriptions / sizeof *descriptions; i++) {
        if (strcmp(descriptions[i].lemma, lemma) == 0) {
            x->what = descriptions[i].what;
        }
    }
    if (!x->what && (cr_noun_flags(c, t) & CR_LEX_ROLE) && cr_form_is(c, (uint32_t)det, "the")) {
        x->what = DESC_ROLE;
    }
    if (!x->what) {
        return 0;
    }
    for (int32_t ch = c->child[t]; ch >= 0; ch = c->sibling[ch]) {
        int d = cr_dep(c, (uint32_t)ch);
        if (d == KG_DEP_COMPOUND || d == KG_DEP_NMOD_POSS || d == KG_DEP_NUMMOD ||
            d == KG_DEP_APPOS || d == KG_DEP_FLAT) {
            return 0; /* "the rights group", "Trump's party": not a bare description */
        }
        if ((d == KG_DEP_NMOD && (uint32_t)ch > t) || d == KG_DEP_ACL) {
            return 0; /* "the group of experts", "the group formed in 1994": another one */
        }
        if (d == KG_DEP_AMOD && blocked_modifier(c, (uint32_t)ch)) {
            return 0;
        }
    }
    *left = (uint32_t)det;
    return 1;
}

/* "the latter": the entity named last before it. */
static int32_t latter(const coref *c, const refs *R, uint32_t t)
{
    uint32_t s = c->sent_of[t];
    for (size_t i = R->n; i-- > 0;) {
        const ref *r = &R->v[i];
        if (r->sent + 1 < s) {
            break;
        }
        if (r->tok < t && r->cls < c->n_ents && c->ents[r->cls].type != KG_ENT_DATE) {
            return (int32_t)r->cls;
        }
    }
    return -1;
}

/* ------------------------------------------------------- appositions */

/* Whether a noun can describe an entity of this type in apposition. */
static int describes(const coref *c, uint32_t t, int type)
{
    unsigned f = cr_noun_flags(c, t);
    if (type == KG_ENT_PERSON) {
        return (f & CR_LEX_PERSON) != 0 || cr_demonym_country(c, t, 1) != NULL;
    }
    return (f & CR_LEX_ORGROLE) != 0;
}

/* Whether tokens strictly between a and b are punctuation or inside h's phrase. */
static int between_ok(const coref *c, uint32_t a, uint32_t b, uint32_t h)
{
    for (uint32_t k = a + 1; k < b; k++) {
        if (cr_upos(c, k) != KG_UPOS_PUNCT && !cr_dominates(c, h, k)) {
            return 0;
        }
    }
    return 1;
}

static int is_name_head(const coref *c, int32_t t)
{
    if (t < 0 || c->ment_of[t] < 0) {
        return 0;
    }
    const cr_ment *cm = &c->ms[c->ment_of[t]];
    return cm->head == (uint32_t)t && cm->m.entity >= 0 && !cm->drop;
}

/* The entity a noun phrase headed by t is an apposition or identification
 * of ("an American prisoner, George Glezmann"; "George Glezmann, an
 * American prisoner"; "the freed American, identified as Amir Amiry"), or -1. */
static int32_t apposed_entity(const coref *c, uint32_t t, int *identified)
{
    *identified = 0;
    /* by the token sequence, whatever the parse says */
    if (t + 2 < c->doc->n_tokens && cr_form_is(c, t + 1, ",") && c->ment_of[t + 2] >= 0) {
        const cr_ment *cm = &c->ms[c->ment_of[t + 2]];
        uint32_t left;
        if (!cm->drop && cm->m.entity >= 0 && cm->m.first == t + 2 &&
            cr_comma_apposition(c, &cm->m, &left) == (int32_t)t &&
            describes(c, t, c->ents[cm->m.entity].type)) {
            return cm->m.entity;
        }
    }
    if (!c->parsed) {
        return -1;
    }
    for (int32_t ch = c->child[t]; ch >= 0; ch = c->sibling[ch]) {
        int d = cr_dep(c, (uint32_t)ch);
        if (d == KG_DEP_APPOS && is_name_head(c, ch) && (uint32_t)ch > t) {
            const cr_ment *cm = &c->ms[c->ment_of[ch]];
            if (describes(c, t, c->ents[cm->m.entity].type) && between_ok(c, t, cm->m.first, t)) {
                return cm->m.entity;
            }
        }
        if (d == KG_DEP_ACL) { /* identified / named / called as NAME */
            char lem[16];
            cr_lemma(c, (uint32_t)ch, lem, sizeof lem);
            if (strcmp(lem, "identify") != 0 && strcmp(lem, "name") != 0 &&
                strcmp(lem, "call") != 0) {
                continue;
            }
            for (int32_t k = c->child[ch]; k >= 0; k = c->sibling[k]) {
                int dk = cr_dep(c, (uint32_t)k);
                if ((dk == KG_DEP_OBL || dk == KG_DEP_XCOMP || dk == KG_DEP_OBJ) &&
                    is_name_head(c, k)) {
                    const cr_ment *cm = &c->ms[c->ment_of[k]];
                    if (c->ents[cm->m.entity].type == KG_ENT_PERSON &&
                        describes(c, t, KG_ENT_PERSON)) {
                        *identified = 1;
                        return cm->m.entity;
                    }
                }
            }
        }
    }
    int32_t h = cr_head(c, t);
    if (cr_dep(c, t) == KG_DEP_APPOS && is_name_head(c, h) && (uint32_t)h < t) {
        const cr_ment *cm = &c->ms[c->ment_of[h]];
        if (describes(c, t, c->ents[cm->m.entity].type) &&
            between_ok(c, cm->m.first + cm->m.count - 1, cr_np_left(c, t), t)) {
            return cm->m.entity;
        }
    }
    return -1;
}

/* ------------------------------------------------------------- driver */

/* A description of entity e headed by t: a candidate of e's class; and, when
 * it identifies the name ("the freed American, identified as Amir Amiry"),
 * a mention of e. A description in apposition ("Sirajuddin Haqqani, the
 * Taliban's interior minister,") gets no mention of its own: it sits next
 * to the name, which carries its role, and a mention there would make a
 * copula "X is <description>" a relation of X to itself. */
static int described(coref *c, refs *R, uint32_t t, int32_t e, int identified)
{
    if (identified) {
        int32_t nm = cr_add_mention(c, cr_np_left(c, t), t, KG_MENTION_NOMINAL, e, 1.0f);
        if (nm == -1) {
            return KG_ENOMEM;
        }
        if (nm >= 0) {
            c->ms[nm].apposition = 1;
        }
    }
    return add_ref(c, R, t, (uint32_t)e, entity_agreement(&c->ents[e]));
}

static int resolve_token(coref *c, refs *R, uint32_t t)
{
    uint32_t s = c->sent_of[t];
    int32_t mi = c->ment_of[t];
    /* a named mention: its head is a candidate of its entity's class */
    if (mi >= 0) {
        cr_ment *cm = &c->ms[mi];
        if (cm->head != t || cm->drop || cm->m.entity < 0) {
            return KG_OK;
        }
        if (cm->m.type == KG_ENT_NORP && !cm->demonym) {
            /* "the freed American, identified as Amir Amiry": the person, not
             * a nationality */
            int identified;
            int32_t e = apposed_entity(c, t, &identified);
            if (e >= 0) {
                cm->drop = 1;
                for (uint32_t k = cm->m.first; k < cm->m.first + cm->m.count; k++) {
                    c->ment_of[k] = -1;
                }
                return described(c, R, t, e, identified);
            }
        }
        if (cm->m.type == KG_ENT_DATE) {
            return KG_OK;
        }
        return add_ref(c, R, t, (uint32_t)cm->m.entity, entity_agreement(&c->ents[cm->m.entity]));
    }
    /* a pronoun */
    const pronoun *p = pronoun_at(c, t);
    if (p) {
        uint8_t agr = p->agr;
        int kind = p->kind;
        if (agr == AG_SHE && kind == PRON_PLAIN && cr_dep(c, t) == KG_DEP_NMOD_POSS) {
            kind = PRON_POSS; /* "her" as a possessive */
        }
        if (agr == AG_IT && pleonastic(c, t)) {
            return KG_OK;
        }
        query q = {t, s, c->opts.window, agr, kind, NULL, NULL};
        int32_t best;
        float conf;
        if (best_class(c, R, &q, &best, &conf)) {
            return KG_ENOMEM;
        }
        uint32_t cls;
        if (best >= 0) {
            cr_ent *en = &c->ents[best];
            if (cr_add_mention(c, t, t, KG_MENTION_PRONOUN, best, conf) == -1) {
                return KG_ENOMEM;
            }
            if (en->type == KG_ENT_PERSON && !en->gender) {
                en->gender = agr == AG_HE ? 'M' : agr == AG_SHE ? 'F' : 0;
            }
            cls = (uint32_t)best;
        } else if (best <= -2) {
            cls = (uint32_t)(-2 - best);
        } else if (new_class(R, &cls)) {
            return KG_ENOMEM;
        }
        return add_ref(c, R, t, cls, agr);
    }
    int u = cr_upos(c, t);
    if (u != KG_UPOS_NOUN && u != KG_UPOS_PROPN && !(c->parsed && cr_form_is(c, t, "latter"))) {
        return KG_OK;
    }
    /* "the latter" */
    int32_t det = c->parsed ? cr_child_dep(c, t, KG_DEP_DET) : -1;
    if (cr_form_is(c, t, "latter") && det >= 0 && (uint32_t)det < t &&
        cr_form_is(c, (uint32_t)det, "the")) {
        int32_t e = latter(c, R, t);
        if (e >= 0) {
            if (cr_add_mention(c, (uint32_t)det, t, KG_MENTION_NOMINAL, e, 0.8f) == -1) {
                return KG_ENOMEM;
            }
            return add_ref(c, R, t, (uint32_t)e, entity_agreement(&c->ents[e]));
        }
        return KG_OK;
    }
    if (u != KG_UPOS_NOUN && u != KG_UPOS_PROPN) {
        return KG_OK;
    }
    int d = cr_dep(c, t);
    if (c->parsed && (d == KG_DEP_COMPOUND || d == KG_DEP_AMOD || d == KG_DEP_FLAT ||
                      d == KG_DEP_FIXED || d == KG_DEP_GOESWITH || d == KG_DEP_NMOD_UNMARKED)) {
        return KG_OK;
    }
    /* a plural name recognition did not take ("Senators", "the Sams"): an
     * unnamed competitor for "they" (singular ones compete with nothing:
     * measured on GUM dev, letting them compete cost recall for no precision) */
    if (u == KG_UPOS_PROPN) {
        uint32_t cls;
        if (!cr_plural(c, t)) {
            return KG_OK;
        }
        if (new_class(R, &cls)) {
            return KG_ENOMEM;
        }
        return add_ref(c, R, t, cls, AG_THEY);
    }
    /* an apposition or identification naming an entity */
    int identified;
    int32_t e = apposed_entity(c, t, &identified);
    if (e >= 0) {
        /* a nationality inside it describes the person ("the American mechanic") */
        for (uint32_t k = cr_np_left(c, t); k < t && c->ents[e].type == KG_ENT_PERSON; k++) {
            int32_t o = c->ment_of[k];
            if (o >= 0 && c->ms[o].m.type == KG_ENT_NORP && !c->ms[o].demonym) {
                c->ms[o].drop = 1;
                c->ment_of[k] = -1;
            }
        }
        return described(c, R, t, e, identified);
    }
    /* a definite description */
    desc_ctx x;
    uint32_t left;
    char lemma[32];
    if (definite_description(c, t, &x, &left, lemma, sizeof lemma)) {
        query q = {t, s, c->opts.window * 2, 0, -1, description_fits, &x};
        int32_t best;
        float conf;
        if (best_class(c, R, &q, &best, &conf)) {
            return KG_ENOMEM;
        }
        if (best >= 0) {
            if (cr_add_mention(c, left, t, KG_MENTION_NOMINAL, best, conf) == -1) {
                return KG_ENOMEM;
            }
            return add_ref(c, R, t, (uint32_t)best, entity_agreement(&c->ents[best]));
        }
    }
    /* any other noun phrase: an unnamed competitor */
    unsigned f = cr_noun_flags(c, t);
    uint8_t agr = cr_plural(c, t) ? AG_THEY : (f & CR_LEX_PERSON) ? (AG_HE | AG_SHE) : AG_IT;
    uint32_t cls;
    if (new_class(R, &cls)) {
        return KG_ENOMEM;
    }
    return add_ref(c, R, t, cls, agr);
}

int cr_resolve_references(coref *c)
{
    int rc = KG_OK;
    refs R;
    memset(&R, 0, sizeof R);
    /* classes 0..n_ents-1 are the entities */
    R.n_classes = (uint32_t)c->n_ents;
    R.cap_tally = c->n_ents + 16;
    R.tally = kg_malloc(R.cap_tally * sizeof *R.tally);
    if (!R.tally) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < c->n_ents; k++) {
        R.tally[k].sent = UINT32_MAX;
    }
    for (size_t t = 0; t < c->doc->n_tokens && rc == KG_OK; t++) {
        if (c->heading[c->sent_of[t]]) {
            continue; /* headings and bylines refer to nothing here */
        }
        rc = resolve_token(c, &R, (uint32_t)t);
    }
done:
    kg_free(R.v);
    kg_free(R.tally);
    kg_free(R.touched);
    return rc;
}
