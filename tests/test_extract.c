/* test_extract.c - triple extraction (kg_extract) through its public
 * interface: real sentences from samples/ and from the issue run through the
 * real pipeline with the shipped models (segmentation, tagging, parsing,
 * entity recognition), one test per construction the extractor must read,
 * each asserting the exact triples (subject, normalised relation, object) and
 * their attributes; the CaRB output format; documents without trees; entity
 * names through coreference. Tests needing the models skip when they are
 * absent. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "kg_ingest.h"
#include "kg_pipeline.h"
#include "kg_triples.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MODELS KG_SOURCE_DIR "/models"

/* ------------------------------------------------------------- helpers */

static kg_pipeline *pipeline; /* loaded once; NULL when the models are absent */

static int have_models(void)
{
    struct stat st;
    return stat(MODELS "/syntax-parser.kgm", &st) == 0 && stat(MODELS "/ner.kgm", &st) == 0;
}

static int setup(void **state)
{
    (void)state;
    if (!have_models())
        return 0;
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = MODELS;
    po.segment.one_sentence_per_line = 1;
    po.ingest.furniture = 0;
    return kg_pipeline_new(&pipeline, &po);
}

static int teardown(void **state)
{
    (void)state;
    kg_pipeline_free(pipeline);
    pipeline = NULL;
    return 0;
}

/* The records of text (one sentence per line) through the whole pipeline. */
static kg_extraction *extract(const char *text)
{
    if (!pipeline)
        skip();
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    int rc = kg_pipeline_run_text(pipeline, "test", text, strlen(text), x);
    if (rc)
        fail_msg("%s", kg_error_message());
    return x;
}

/* The triple with exactly this subject text, relation and object text, or NULL. */
static const kg_triple *find(const kg_extraction *x, const char *subject, const char *relation,
                             const char *object)
{
    for (size_t i = 0; i < x->n_triples; i++) {
        const kg_triple *t = &x->triples[i];
        if (strcmp(t->subject.text, subject) == 0 && strcmp(t->relation, relation) == 0 &&
            strcmp(t->object.text, object) == 0)
            return t;
    }
    return NULL;
}

static void dump(const kg_extraction *x)
{
    for (size_t i = 0; i < x->n_triples; i++) {
        const kg_triple *t = &x->triples[i];
        print_message("  (%s; %s; %s) [%s] flags %u time %s place %s attribution %s\n",
                      t->subject.text, t->relation, t->object.text, t->relation_surface, t->flags,
                      t->time ? t->time : "-", t->place ? t->place : "-",
                      t->attribution ? t->attribution : "-");
    }
}

/* Asserts the triple exists and returns it. */
static const kg_triple *expect(const kg_extraction *x, const char *subject, const char *relation,
                               const char *object)
{
    const kg_triple *t = find(x, subject, relation, object);
    if (!t) {
        dump(x);
        fail_msg("no triple (%s; %s; %s)", subject, relation, object);
    }
    assert_non_null(t);
    assert_true(t->confidence > 0 && t->confidence <= 1);
    return t;
}

static void expect_str(const char *got, const char *want)
{
    if (!want) {
        if (got)
            fail_msg("expected nothing, got \"%s\"", got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
}

/* Asserts the entity names and types of t's arguments (NULL: no entity). */
static void expect_names(const kg_triple *t, const char *subject, int subject_type,
                         const char *object, int object_type)
{
    expect_str(t->subject.name, subject);
    expect_str(t->object.name, object);
    if (subject)
        assert_int_equal(t->subject.type, subject_type);
    if (object)
        assert_int_equal(t->object.type, object_type);
}

/* Asserts t's attributes. */
static void expect_attributes(const kg_triple *t, int negated, const char *modality,
                              const char *time, const char *place, const char *attribution)
{
    assert_int_equal((t->flags & KG_TRIPLE_NEGATED) != 0, negated);
    expect_str(t->modality, modality);
    expect_str(t->time, time);
    expect_str(t->place, place);
    expect_str(t->attribution, attribution);
}

/* ---------------------------------------------------------------- tests */

/* Active and passive voice: the passive is read with its agent as subject. */
static void test_active_and_passive(void **state)
{
    (void)state;
    kg_extraction *x = extract(
        "Amir Amiri was detained by the Taliban in December 2024, though specific reasons for "
        "his detention remain unclear.\n"
        "The Taliban, which has ruled Afghanistan since retaking power in 2021, has faced "
        "international isolation.\n");
    const kg_triple *t = expect(x, "the Taliban", "detain", "Amir Amiri");
    expect_names(t, "Taliban", KG_ENT_ORG, "Amir Amiri", KG_ENT_PERSON);
    assert_string_equal(t->relation_surface, "was detained by");
    assert_true(t->flags & KG_TRIPLE_PASSIVE);
    expect_attributes(t, 0, NULL, "in December 2024", NULL, NULL);
    /* the date belongs to the detention, not to the clause after the comma */
    const kg_triple *r = expect(x, "specific reasons for his detention", "remain", "unclear");
    assert_null(r->time);

    t = expect(x, "The Taliban", "rule", "Afghanistan");
    expect_names(t, "Taliban", KG_ENT_ORG, "Afghanistan", KG_ENT_GPE);
    assert_false(t->flags & KG_TRIPLE_PASSIVE);
    assert_string_equal(t->relation_surface, "has ruled");
    assert_int_equal(t->sentence, 1);
    t = expect(x, "The Taliban", "face", "international isolation");
    expect_names(t, "Taliban", KG_ENT_ORG, NULL, 0);
    t = expect(x, "The Taliban", "retake", "power");
    expect_attributes(t, 0, NULL, "in 2021", NULL, NULL);
    kg_extraction_free(x);
}

/* Phrasal verbs and prepositional objects: "hand over to", "negotiate with". */
static void test_phrasal_verbs_and_prepositional_objects(void **state)
{
    (void)state;
    kg_extraction *x = extract("The Taliban handed Amiri over to Qatar.\n"
                               "The United States negotiated with the Taliban in Doha.\n");
    const kg_triple *t = expect(x, "The Taliban", "hand over", "Amiri");
    expect_names(t, "Taliban", KG_ENT_ORG, "Amiri", KG_ENT_PERSON);
    assert_string_equal(t->relation_surface, "handed over");
    t = expect(x, "The Taliban", "hand over to", "Qatar");
    expect_names(t, "Taliban", KG_ENT_ORG, "Qatar", KG_ENT_GPE);
    assert_true(t->flags & KG_TRIPLE_DERIVED);
    t = expect(x, "The United States", "negotiate with", "the Taliban");
    expect_names(t, "United States", KG_ENT_GPE, "Taliban", KG_ENT_ORG);
    assert_string_equal(t->relation_surface, "negotiated with");
    expect_attributes(t, 0, NULL, NULL, "in Doha", NULL);
    kg_extraction_free(x);
}

/* Copulas and nominal predicates, with the entity-level reading for the graph. */
static void test_copula(void **state)
{
    (void)state;
    kg_extraction *x = extract("Sirajuddin Haqqani is the interior minister of the Taliban.\n");
    const kg_triple *t =
        expect(x, "Sirajuddin Haqqani", "be", "the interior minister of the Taliban");
    expect_names(t, "Sirajuddin Haqqani", KG_ENT_PERSON, NULL, 0);
    assert_string_equal(t->relation_surface, "is");
    assert_false(t->flags & KG_TRIPLE_DERIVED);
    t = expect(x, "Sirajuddin Haqqani", "be interior minister of", "the Taliban");
    expect_names(t, "Sirajuddin Haqqani", KG_ENT_PERSON, "Taliban", KG_ENT_ORG);
    assert_true(t->flags & KG_TRIPLE_DERIVED);
    kg_extraction_free(x);
}

/* Appositions: "X, the Taliban's interior minister, ..." */
static void test_apposition(void **state)
{
    (void)state;
    kg_extraction *x =
        extract("Sirajuddin Haqqani, the Taliban's interior minister, welcomed the envoys.\n"
                "The Taliban's interior minister, Sirajuddin Haqqani, met Zalmay Khalilzad in "
                "Kabul.\n");
    const kg_triple *t = expect(x, "Sirajuddin Haqqani", "be", "the Taliban's interior minister");
    expect_names(t, "Sirajuddin Haqqani", KG_ENT_PERSON, NULL, 0);
    t = expect(x, "Sirajuddin Haqqani", "interior minister of", "the Taliban");
    expect_names(t, "Sirajuddin Haqqani", KG_ENT_PERSON, "Taliban", KG_ENT_ORG);
    assert_true(t->flags & KG_TRIPLE_DERIVED);
    /* the apposition is not part of the subject of the sentence's verb */
    expect(x, "Sirajuddin Haqqani", "welcome", "the envoys");
    /* the name first, also when the description comes first */
    t = expect(x, "Sirajuddin Haqqani", "be", "The Taliban's interior minister");
    assert_int_equal(t->sentence, 1);
    t = expect(x, "Sirajuddin Haqqani", "interior minister of", "The Taliban");
    expect_names(t, "Sirajuddin Haqqani", KG_ENT_PERSON, "Taliban", KG_ENT_ORG);
    assert_null(find(x, "The Taliban's interior minister", "be", "Sirajuddin Haqqani"));
    kg_extraction_free(x);
}

/* Possessives and nominalised events: "X's release was mediated by Qatar". */
static void test_possessive_event(void **state)
{
    (void)state;
    kg_extraction *x = extract("George Glezmann's release was mediated by Qatar.\n");
    const kg_triple *t = expect(x, "Qatar", "mediate", "George Glezmann's release");
    expect_names(t, "Qatar", KG_ENT_GPE, NULL, 0);
    assert_true(t->flags & KG_TRIPLE_PASSIVE);
    t = expect(x, "Qatar", "mediate release of", "George Glezmann");
    expect_names(t, "Qatar", KG_ENT_GPE, "George Glezmann", KG_ENT_PERSON);
    assert_true(t->flags & KG_TRIPLE_DERIVED);
    kg_extraction_free(x);
}

/* Relative clauses: subject, object and a clause the parser attached elsewhere. */
static void test_relative_clauses(void **state)
{
    (void)state;
    kg_extraction *x = extract(
        "Zalmay Khalilzad, who traveled to Kabul, met Taliban officials.\n"
        "The prisoners that the Taliban freed flew to Qatar.\n"
        "He sat next to Khalilzad, who has no official role, but led negotiations with Taliban "
        "during Trump's first term about US withdrawal from Afghanistan.\n"
        "Qatar welcomed the release of Amiri, whom the Taliban had detained in Kabul.\n");
    const kg_triple *t = expect(x, "Zalmay Khalilzad", "travel to", "Kabul");
    expect_names(t, "Zalmay Khalilzad", KG_ENT_PERSON, "Kabul", KG_ENT_GPE);
    expect(x, "Zalmay Khalilzad", "meet", "Taliban officials");
    expect(x, "the Taliban", "free", "The prisoners");
    expect(x, "The prisoners", "fly to", "Qatar");
    t = expect(x, "Khalilzad", "lead negotiations with", "Taliban");
    /* the document named him in full first: coreference gives the full name */
    expect_names(t, "Zalmay Khalilzad", KG_ENT_PERSON, "Taliban", KG_ENT_ORG);
    expect(x, "Khalilzad", "have", "no official role");
    /* "whom" is Amiri, not the release */
    t = expect(x, "the Taliban", "detain", "Amiri");
    expect_attributes(t, 0, NULL, NULL, "in Kabul", NULL);
    assert_null(find(x, "the Taliban", "detain", "the release of Amiri"));
    kg_extraction_free(x);
}

/* Coordination of subjects, verbs and objects: one triple each. */
static void test_coordination(void **state)
{
    (void)state;
    kg_extraction *x = extract(
        "After years of conflict, the U.S. and the Taliban signed a peace agreement in Doha in "
        "2020.\n"
        "The U.S. may seek to leverage such releases to encourage the Taliban to adhere to "
        "international norms and improve human rights in Afghanistan.\n"
        "Qatari mediation involves Qatar acting as a neutral party to facilitate dialogue and "
        "negotiations between conflicting parties.\n");
    const kg_triple *t = expect(x, "the U.S.", "sign", "a peace agreement");
    expect_attributes(t, 0, NULL, "in 2020", "in Doha", NULL);
    t = expect(x, "the Taliban", "sign", "a peace agreement");
    expect_attributes(t, 0, NULL, "in 2020", "in Doha", NULL);
    assert_null(find(x, "the U.S. and the Taliban", "sign", "a peace agreement"));
    expect(x, "the Taliban", "adhere to", "international norms");
    t = expect(x, "the Taliban", "improve", "human rights");
    expect_attributes(t, 0, NULL, NULL, "in Afghanistan", NULL);
    expect(x, "Qatar", "facilitate", "dialogue");
    expect(x, "Qatar", "facilitate", "negotiations");
    kg_extraction_free(x);
}

/* Control and raising: one relation for the chain. */
static void test_control(void **state)
{
    (void)state;
    kg_extraction *x = extract("The Taliban seeks to improve ties with Washington.\n"
                               "The U.S. may seek to leverage such releases.\n");
    const kg_triple *t = expect(x, "The Taliban", "seek to improve", "ties with Washington");
    assert_string_equal(t->relation_surface, "seeks to improve");
    t = expect(x, "The Taliban", "seek to improve ties with", "Washington");
    expect_names(t, "Taliban", KG_ENT_ORG, "Washington", KG_ENT_GPE);
    t = expect(x, "The U.S.", "seek to leverage", "such releases");
    expect_attributes(t, 0, "may", NULL, NULL, NULL);
    kg_extraction_free(x);
}

/* Reported speech keeps who said it. */
static void test_reported_speech(void **state)
{
    (void)state;
    kg_extraction *x = extract(
        "The release of Amiry may be seen as part of efforts to signal cooperation, though "
        "experts warn that tensions between the two sides remain high.\n"
        "\"I would not discard negative things either,\" said the official, emphasizing that "
        "the normalization of ties would not be expected in the short term.\n"
        "Officials said that the Taliban released Amiri in March.\n"
        "The Taliban released Amiri, officials said.\n");
    const kg_triple *t = expect(x, "tensions between the two sides", "remain", "high");
    expect_attributes(t, 0, NULL, NULL, NULL, "experts warn");
    t = expect(x, "I", "discard", "negative things");
    expect_attributes(t, 1, "would", NULL, NULL, "the official said");
    t = expect(x, "the Taliban", "release", "Amiri");
    expect_attributes(t, 0, NULL, "in March", NULL, "Officials said");
    assert_int_equal(t->sentence, 2);
    /* the report itself is a proposition too */
    expect(x, "Officials", "say that", "the Taliban released Amiri in March");
    t = expect(x, "The Taliban", "release", "Amiri");
    expect_attributes(t, 0, NULL, NULL, NULL, "officials said");
    assert_int_equal(t->sentence, 3);
    kg_extraction_free(x);
}

/* Negation and modality are attributes: kept, not dropped, not flipped. */
static void test_negation_and_modality(void **state)
{
    (void)state;
    kg_extraction *x = extract(
        "The office would not necessarily be an embassy and the location could be somewhere "
        "outside Washington, proposed Taliban's officers.\n"
        "U.S. officials have not disclosed the terms of Amiry's release.\n");
    const kg_triple *t = expect(x, "The office", "be", "an embassy");
    expect_attributes(t, 1, "would", NULL, NULL, NULL);
    assert_string_equal(t->relation_surface, "would not necessarily be");
    t = expect(x, "U.S. officials", "disclose", "the terms of Amiry's release");
    expect_attributes(t, 1, NULL, NULL, NULL, NULL);
    assert_string_equal(t->relation_surface, "have not disclosed");
    kg_extraction_free(x);
}

/* Time and place modifiers, also when the parser hangs them on the object. */
static void test_time_and_place(void **state)
{
    (void)state;
    kg_extraction *x = extract("The Taliban detained Amiri in Kabul in December 2024.\n");
    const kg_triple *t = expect(x, "The Taliban", "detain", "Amiri");
    expect_names(t, "Taliban", KG_ENT_ORG, "Amiri", KG_ENT_PERSON);
    expect_attributes(t, 0, NULL, "in December 2024", "in Kabul", NULL);
    assert_int_equal(t->n_args, 2);
    assert_string_equal(t->args[0], "in Kabul");
    assert_string_equal(t->args[1], "in December 2024");
    /* provenance: the sentence and byte offsets of the arguments in the input */
    assert_string_equal(t->sentence_text, "The Taliban detained Amiri in Kabul in December 2024.");
    assert_int_equal(t->subject.start, 0);
    assert_int_equal(t->subject.end, 11);
    assert_int_equal(t->object.start, 21);
    assert_int_equal(t->object.end, 26);
    kg_extraction_free(x);
}

/* The CaRB writer: sentence, confidence, relation, arguments in the sentence's order. */
static void test_carb_writer(void **state)
{
    (void)state;
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    const char *sentence = "Amiri was detained by the Taliban in Kabul .";
    const char *args[] = {"in Kabul"};
    kg_triple t;
    memset(&t, 0, sizeof t);
    t.subject.text = "the Taliban";
    t.object.text = "Amiri";
    t.relation = "detain";
    t.relation_surface = "was detained by";
    t.confidence = 0.8;
    t.flags = KG_TRIPLE_PASSIVE;
    t.args = args;
    t.n_args = 1;
    t.doc = "d";
    t.sentence_text = sentence;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    /* an entity-level reading is not written */
    t.flags = KG_TRIPLE_DERIVED;
    t.relation = t.relation_surface = "detain in";
    t.n_args = 0;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
    /* an active triple, with a TAB in a field */
    t.flags = 0;
    t.subject.text = "the\tTaliban";
    t.relation = "hold";
    t.relation_surface = "held";
    t.confidence = 0.5;
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(kg_extraction_write(f, x, KG_RECORDS_CARB, 1), 0);
    fclose(f);
    assert_string_equal(buf, "Amiri was detained by the Taliban in Kabul .\t0.800\twas detained "
                             "by\tAmiri\tthe Taliban\tin Kabul\n"
                             "Amiri was detained by the Taliban in Kabul .\t0.500\theld\tthe "
                             "Taliban\tAmiri\n");
    free(buf);
    kg_extraction_free(x);
}

/* --format carb's path through the library: pre-tokenised input keeps its tokens. */
static void test_carb_pretokenised(void **state)
{
    (void)state;
    if (!pipeline)
        skip();
    kg_pipeline_options po = KG_PIPELINE_OPTIONS_INIT;
    po.model_dir = MODELS;
    po.segment.one_sentence_per_line = 1;
    po.segment.pretokenised = 1;
    po.ingest.furniture = 0;
    po.extract.headings = 1;
    kg_pipeline *p = NULL;
    assert_int_equal(kg_pipeline_new(&p, &po), 0);
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    const char *text = "Glezmann 's release was mediated by Qatar , where Taliban officials have "
                       "been hosted for years .\n"
                       "`` I would not discard negative things either , '' said the official .\n";
    assert_int_equal(kg_pipeline_run_text(p, "carb", text, strlen(text), x), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(kg_extraction_write(f, x, KG_RECORDS_CARB, 0), 0);
    fclose(f);
    /* each line: the input sentence exactly, a confidence, relation, arguments */
    static const char *const want[] = {
        "Glezmann 's release was mediated by Qatar , where Taliban officials have been hosted "
        "for years .\twas mediated by\tGlezmann 's release\tQatar",
        "`` I would not discard negative things either , '' said the official .\twould not "
        "discard\tI\tnegative things",
        "`` I would not discard negative things either , '' said the official .\tsaid\tthe "
        "official\t`` I would not discard negative things either ''",
    };
    size_t found[3] = {0, 0, 0};
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char *tab1 = strchr(line, '\t');
        assert_non_null(tab1);
        char *tab2 = strchr(tab1 + 1, '\t');
        assert_non_null(tab2);
        char *end = NULL;
        double c = strtod(tab1 + 1, &end);
        assert_ptr_equal(end, tab2);
        assert_true(c > 0 && c <= 1);
        memmove(tab1, tab2, strlen(tab2) + 1); /* the line without its confidence */
        for (size_t i = 0; i < 3; i++)
            found[i] += strcmp(line, want[i]) == 0;
    }
    for (size_t i = 0; i < 3; i++) {
        if (found[i] != 1)
            fail_msg("CaRB line %zu written %zu times: %s", i, found[i], want[i]);
    }
    free(buf);
    kg_extraction_free(x);
    kg_pipeline_free(p);
}

/* A document without trees (no models) gives its document and mention records only. */
static void test_unparsed_document(void **state)
{
    (void)state;
    kg_pipeline *p = NULL;
    assert_int_equal(kg_pipeline_new(&p, NULL), 0);
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    const char *text = "The Taliban released Glezmann.";
    assert_int_equal(kg_pipeline_run_text(p, "plain", text, strlen(text), x), 0);
    assert_int_equal(x->n_documents, 1);
    assert_string_equal(x->documents[0].doc, "plain");
    assert_int_equal(x->n_triples, 0);
    kg_extraction_free(x);
    kg_pipeline_free(p);
}

/* An argument names the document-level entity of its mention, pronouns included. */
static void test_entity_names_through_coreference(void **state)
{
    (void)state;
    if (!pipeline)
        skip();
    const char *text = "Amir Amiri left Kabul. He thanked Qatar.";
    kg_document *d = NULL;
    kg_ingest_options io = KG_INGEST_OPTIONS_INIT;
    io.furniture = 0;
    assert_int_equal(kg_ingest_text(&d, "coref", text, strlen(text), &io), 0);
    assert_int_equal(kg_pipeline_annotate(pipeline, d), 0);
    /* the pipeline's coreference (kg_coref.h) left one entity for Amiri, and
     * "He" a pronoun mention of it */
    size_t he = 0;
    while (he < d->n_mentions && d->mentions[he].kind != KG_MENTION_PRONOUN)
        he++;
    assert_true(he < d->n_mentions);
    assert_int_equal(d->mentions[he].end - d->mentions[he].start, 2);
    assert_memory_equal(d->text + d->mentions[he].start, "He", 2);
    assert_true(d->mentions[he].entity >= 0 && (size_t)d->mentions[he].entity < d->n_entities);
    assert_string_equal(d->entities[d->mentions[he].entity].name, "Amir Amiri");
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    assert_int_equal(kg_extract(x, d, NULL), 0);
    const kg_triple *t = expect(x, "He", "thank", "Qatar");
    expect_names(t, "Amir Amiri", KG_ENT_PERSON, "Qatar", KG_ENT_GPE);
    t = expect(x, "Amir Amiri", "leave", "Kabul");
    expect_names(t, "Amir Amiri", KG_ENT_PERSON, "Kabul", KG_ENT_GPE);
    /* pronoun mentions are not name records */
    for (size_t i = 0; i < x->n_mentions; i++)
        assert_string_not_equal(x->mentions[i].text, "He");
    kg_extraction_free(x);
    kg_document_free(d);
}

/* An entity related to itself through a pronoun is no self-loop of the graph:
 * the triple keeps its text, the object names no entity, and the
 * entity-level reading of "its relationships" is not made. */
static void test_no_entity_related_to_itself(void **state)
{
    (void)state;
    kg_extraction *x = extract("Qatar leveraged its diplomatic relationships.\n"
                               "Qatar positioned itself as a mediator.\n");
    const kg_triple *t = expect(x, "Qatar", "leverage", "its diplomatic relationships");
    expect_names(t, "Qatar", KG_ENT_GPE, NULL, 0);
    t = expect(x, "Qatar", "position", "itself");
    expect_names(t, "Qatar", KG_ENT_GPE, NULL, 0);
    for (size_t i = 0; i < x->n_triples; i++) {
        const kg_triple *u = &x->triples[i];
        if (u->subject.name && u->object.name)
            assert_string_not_equal(u->subject.name, u->object.name);
    }
    kg_extraction_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active_and_passive),
        cmocka_unit_test(test_phrasal_verbs_and_prepositional_objects),
        cmocka_unit_test(test_copula),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_possessive_event),
        cmocka_unit_test(test_relative_clauses),
        cmocka_unit_test(test_coordination),
        cmocka_unit_test(test_control),
        cmocka_unit_test(test_reported_speech),
        cmocka_unit_test(test_negation_and_modality),
        cmocka_unit_test(test_time_and_place),
        cmocka_unit_test(test_carb_writer),
        cmocka_unit_test(test_carb_pretokenised),
        cmocka_unit_test(test_unparsed_document),
        cmocka_unit_test(test_entity_names_through_coreference),
        cmocka_unit_test(test_no_entity_related_to_itself),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
