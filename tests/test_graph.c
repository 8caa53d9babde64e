/* test_graph.c - graph assembly from extraction records, the records' TSV and
 * JSONL forms, analysis and filters. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_graph.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_mention(kg_extraction *x, const char *doc, uint32_t sent, const char *text,
                        const char *entity, uint8_t type, const char *roles)
{
    kg_mention_record m;
    memset(&m, 0, sizeof m);
    m.doc = doc;
    m.sentence = sent;
    m.start = 10 * sent;
    m.end = 10 * sent + (uint32_t)strlen(text);
    m.text = text;
    m.entity = entity;
    m.type = type;
    m.roles = roles;
    m.sentence_text = "a sentence";
    assert_int_equal(kg_extraction_add_mention(x, &m), 0);
}

static void add_triple(kg_extraction *x, const char *doc, uint32_t sent, const char *s,
                       const char *r, const char *o, double conf)
{
    kg_triple t;
    memset(&t, 0, sizeof t);
    t.doc = doc;
    t.sentence = sent;
    t.subject.text = t.subject.name = s;
    t.object.text = t.object.name = o;
    t.relation = t.relation_surface = r;
    t.confidence = conf;
    t.sentence_text = "a sentence";
    assert_int_equal(kg_extraction_add_triple(x, &t), 0);
}

/* Two documents about the same people; records in a given order. */
static kg_extraction *sample_records(int reversed)
{
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    const char *docs[2] = {"a.txt", "b.txt"};
    for (int k = 0; k < 2; k++) {
        const char *d = docs[reversed ? 1 - k : k];
        int first = strcmp(d, "a.txt") == 0;
        add_mention(x, d, 0, "Qatar", "Qatar", KG_ENT_GPE, NULL);
        add_mention(x, d, 0, "Glezmann", "George Glezmann", KG_ENT_PERSON, "prisoner");
        add_mention(x, d, 1, "Taliban", "Taliban", KG_ENT_ORG, NULL);
        add_mention(x, d, 1, first ? "George Glezmann" : "Glezmann", "George Glezmann",
                    KG_ENT_PERSON, first ? "mechanic" : "prisoner of Taliban");
        add_triple(x, d, 0, "Qatar", "mediate", "George Glezmann", first ? 0.8 : 0.6);
        add_triple(x, d, 1, "Taliban", "release", "George Glezmann", 0.9);
    }
    add_mention(x, "b.txt", 2, "Washington", "Washington", KG_ENT_GPE, NULL);
    add_triple(x, "b.txt", 2, "Taliban", "seek ties with", "a lone phrase", 0.5);
    x->triples[x->n_triples - 1].object.name = NULL; /* names no entity */
    return x;
}

static kg_graph *graph_of(kg_extraction *x, int cooccurrence)
{
    kg_graph_options o = KG_GRAPH_OPTIONS_INIT;
    o.cooccurrence = cooccurrence;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g, &o), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    assert_int_equal(kg_graph_finish(g), 0);
    return g;
}

static size_t node(const kg_graph *g, const char *label)
{
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        if (strcmp(kg_graph_node_str(g, v, "label"), label) == 0)
            return v;
    }
    fail_msg("no node %s", label);
    return 0;
}

static size_t edge(const kg_graph *g, const char *from, const char *relation, const char *to)
{
    for (size_t e = 0; e < kg_graph_edge_count(g); e++) {
        size_t a, b;
        kg_graph_edge_ends(g, e, &a, &b);
        if (strcmp(kg_graph_node_str(g, a, "label"), from) == 0 &&
            strcmp(kg_graph_node_str(g, b, "label"), to) == 0 &&
            strcmp(kg_graph_edge_str(g, e, "relation"), relation) == 0)
            return e;
    }
    fail_msg("no edge %s -%s-> %s", from, relation, to);
    return 0;
}

static void test_entities_merge_across_documents(void **state)
{
    (void)state;
    kg_extraction *x = sample_records(0);
    kg_graph *g = graph_of(x, 0);
    assert_int_equal(kg_graph_node_count(g), 4); /* Qatar, Glezmann, Taliban, Washington */
    assert_int_equal(kg_graph_edge_count(g), 2); /* the phrase object is not an entity */
    size_t v = node(g, "George Glezmann");
    assert_string_equal(kg_graph_node_str(g, v, "type"), "PERSON");
    assert_string_equal(kg_graph_node_str(g, v, "aliases"), "George Glezmann|Glezmann");
    /* "prisoner" from one document says less than "prisoner of Taliban" from the other */
    assert_string_equal(kg_graph_node_str(g, v, "roles"), "mechanic|prisoner of Taliban");
    assert_string_equal(kg_graph_node_str(g, v, "documents"), "a.txt|b.txt");
    assert_true(kg_graph_node_num(g, v, "mentions") == 4);
    size_t e = edge(g, "Qatar", "mediate", "George Glezmann");
    assert_true(kg_graph_edge_num(g, e, "weight") == 2);
    assert_true(kg_graph_edge_num(g, e, "confidence") == 0.8);
    assert_string_equal(kg_graph_edge_str(g, e, "layer"), "relation");
    assert_string_equal(kg_graph_edge_str(g, e, "label"), "mediate");
    assert_string_equal(kg_graph_edge_str(g, e, "evidence"),
                        "[a.txt#0] a sentence\n[b.txt#0] a sentence");
    assert_string_equal(kg_graph_edge_str(g, e, "documents"), "a.txt|b.txt");
    /* nodes come in canonical (label) order */
    assert_string_equal(kg_graph_node_str(g, 0, "label"), "George Glezmann");
    assert_string_equal(kg_graph_node_str(g, 3, "label"), "Washington");
    kg_graph_free(g);
    kg_extraction_free(x);
}

static void test_cooccurrence_layer(void **state)
{
    (void)state;
    kg_extraction *x = sample_records(0);
    kg_graph *g = graph_of(x, 1);
    /* sentence 0 of each document: Qatar + Glezmann; sentence 1: Taliban + Glezmann */
    size_t e = edge(g, "George Glezmann", "co-occurs with", "Qatar");
    assert_string_equal(kg_graph_edge_str(g, e, "layer"), "cooccurrence");
    assert_true(kg_graph_edge_num(g, e, "weight") == 2);
    assert_string_equal(kg_graph_edge_str(g, e, "label"), "");
    assert_int_equal(kg_graph_edge_count(g), 4);
    kg_graph_free(g);
    kg_extraction_free(x);
}

static char *graphml_of(kg_graph *g);

static void test_record_order_does_not_matter(void **state)
{
    (void)state;
    kg_extraction *a = sample_records(0), *b = sample_records(1);
    kg_graph *ga = graph_of(a, 1), *gb = graph_of(b, 1);
    assert_int_equal(kg_graph_analyse(ga, NULL), 0);
    assert_int_equal(kg_graph_analyse(gb, NULL), 0);
    char *sa = graphml_of(ga), *sb = graphml_of(gb);
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
    kg_graph_free(ga);
    kg_graph_free(gb);
    kg_extraction_free(a);
    kg_extraction_free(b);
}

#include "kg_export.h"

static char *graphml_of(kg_graph *g)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    assert_int_equal(kg_export(g, KG_FORMAT_GRAPHML, f, NULL), 0);
    fclose(f);
    return buf;
}

static void roundtrip(kg_records_format format)
{
    kg_extraction *x = sample_records(0);
    /* strings that must survive: tabs, newlines, backslashes, quotes, unicode */
    x->triples[0].sentence_text = "tab\there\nnew \\ line \"q\" caf\xc3\xa9";
    x->triples[0].time = "in December 2024";
    x->triples[0].flags = KG_TRIPLE_NEGATED;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(kg_extraction_write(f, x, format, 1), 0);
    fclose(f);
    kg_extraction *y = NULL;
    assert_int_equal(kg_extraction_new(&y), 0);
    assert_int_equal(kg_extraction_read(y, buf, size, "records"), 0);
    assert_int_equal(y->n_triples, x->n_triples);
    assert_int_equal(y->n_mentions, x->n_mentions);
    assert_string_equal(y->triples[0].sentence_text, x->triples[0].sentence_text);
    assert_string_equal(y->triples[0].time, "in December 2024");
    assert_true(y->triples[0].flags & KG_TRIPLE_NEGATED);
    assert_true(y->triples[0].confidence == 0.8);
    assert_null(y->triples[x->n_triples - 1].object.name);
    assert_string_equal(y->triples[x->n_triples - 1].object.text, "a lone phrase");
    assert_string_equal(y->mentions[1].roles, "prisoner");
    assert_int_equal(y->mentions[1].type, KG_ENT_PERSON);
    kg_graph *gx = graph_of(x, 1), *gy = graph_of(y, 1);
    char *sx = graphml_of(gx), *sy = graphml_of(gy);
    assert_string_equal(sx, sy);
    free(sx);
    free(sy);
    free(buf);
    kg_graph_free(gx);
    kg_graph_free(gy);
    kg_extraction_free(x);
    kg_extraction_free(y);
}

static void test_tsv_roundtrip(void **state)
{
    (void)state;
    roundtrip(KG_RECORDS_TSV);
}

static void test_jsonl_roundtrip(void **state)
{
    (void)state;
    roundtrip(KG_RECORDS_JSONL);
}

static void test_bad_records(void **state)
{
    (void)state;
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    const char *cases[][2] = {
        {"triple\ta\n", "r:1: expected 25"},
        {"{\"kind\":\"triple\"}\n", "r:1: incomplete"},
        {"{\"kind\":\"mention\",\"doc\":1}\n", "r:1: incomplete"},
        {"{not json\n", "r:1: not a JSON object"},
        {"{\"kind\":\"edge\"}\n", "r:1: unknown record kind"},
        {"\n\nnonsense\n", "r:3: expected 25"},
        {"caf\xc3", "invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(kg_extraction_read(x, cases[i][0], strlen(cases[i][0]), "r"), KG_EINPUT);
        assert_non_null(strstr(kg_error_message(), cases[i][1]));
    }
    kg_extraction_free(x);
}

static void test_analysis(void **state)
{
    (void)state;
    kg_extraction *x = sample_records(0);
    kg_graph *g = graph_of(x, 0);
    assert_int_equal(kg_graph_analyse(g, NULL), 0);
    double sum = 0;
    for (size_t v = 0; v < kg_graph_node_count(g); v++)
        sum += kg_graph_node_num(g, v, "pagerank");
    assert_true(fabs(sum - 1.0) < 1e-9);
    size_t glez = node(g, "George Glezmann"), wash = node(g, "Washington");
    /* Glezmann receives every edge: the most central */
    for (size_t v = 0; v < kg_graph_node_count(g); v++)
        assert_true(kg_graph_node_num(g, glez, "pagerank") >= kg_graph_node_num(g, v, "pagerank"));
    assert_true(kg_graph_node_num(g, glez, "degree") == 2);
    assert_true(kg_graph_node_num(g, glez, "weighted_degree") == 4);
    assert_true(kg_graph_node_num(g, glez, "component") == 0); /* the largest */
    assert_true(kg_graph_node_num(g, wash, "component") == 1);
    assert_true(kg_graph_node_num(g, wash, "community") !=
                kg_graph_node_num(g, glez, "community"));
    /* the schema lists the analysis attributes with their types */
    int found = 0;
    for (size_t i = 0; i < kg_graph_attr_count(g, KG_SCOPE_NODE); i++) {
        kg_attr_type t;
        const char *name = kg_graph_attr_name(g, KG_SCOPE_NODE, i, &t);
        if (strcmp(name, "pagerank") == 0 && t == KG_ATTR_DOUBLE)
            found++;
        if (strcmp(name, "community") == 0 && t == KG_ATTR_INT)
            found++;
    }
    assert_int_equal(found, 2);
    kg_graph_free(g);
    kg_extraction_free(x);
}

static kg_graph *filtered(const kg_filter_options *f, int expect)
{
    kg_extraction *x = sample_records(0);
    kg_graph *g = graph_of(x, 0);
    kg_extraction_free(x);
    assert_int_equal(kg_graph_analyse(g, NULL), 0);
    assert_int_equal(kg_graph_filter(g, f), expect);
    return g;
}

static void test_filters(void **state)
{
    (void)state;
    kg_filter_options f = KG_FILTER_OPTIONS_INIT;
    f.top = 2;
    kg_graph *g = filtered(&f, 0);
    assert_int_equal(kg_graph_node_count(g), 2);
    node(g, "George Glezmann");
    kg_graph_free(g);

    f = (kg_filter_options)KG_FILTER_OPTIONS_INIT;
    f.min_weight = 2;
    f.relations = "release, mediate";
    f.drop_isolates = 1;
    g = filtered(&f, 0);
    assert_int_equal(kg_graph_edge_count(g), 2);
    assert_int_equal(kg_graph_node_count(g), 3); /* Washington dropped */
    kg_graph_free(g);

    f = (kg_filter_options)KG_FILTER_OPTIONS_INIT;
    f.relations = "release";
    f.drop_isolates = 1;
    g = filtered(&f, 0);
    assert_int_equal(kg_graph_edge_count(g), 1);
    assert_int_equal(kg_graph_node_count(g), 2);
    kg_graph_free(g);

    f = (kg_filter_options)KG_FILTER_OPTIONS_INIT;
    f.types = "gpe,ORG";
    g = filtered(&f, 0);
    assert_int_equal(kg_graph_node_count(g), 3);
    assert_int_equal(kg_graph_edge_count(g), 0);
    kg_graph_free(g);

    /* focus through an alias, case-insensitively; radius 1 */
    f = (kg_filter_options)KG_FILTER_OPTIONS_INIT;
    f.focus = "glezmann";
    f.hops = 1;
    g = filtered(&f, 0);
    assert_int_equal(kg_graph_node_count(g), 3);
    kg_graph_free(g);
    f.focus = "Qatar";
    f.hops = 0;
    g = filtered(&f, 0);
    assert_int_equal(kg_graph_node_count(g), 1);
    kg_graph_free(g);

    f.focus = "Nobody";
    g = filtered(&f, KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "no entity named 'Nobody'"));
    kg_graph_free(g);
    f = (kg_filter_options)KG_FILTER_OPTIONS_INIT;
    f.types = "PERSON,SPACESHIP";
    g = filtered(&f, KG_EINVAL);
    assert_non_null(strstr(kg_error_message(), "SPACESHIP"));
    kg_graph_free(g);
}

static void test_finished_graph_is_closed(void **state)
{
    (void)state;
    kg_extraction *x = sample_records(0);
    kg_graph *g = graph_of(x, 0);
    assert_int_equal(kg_graph_add_extraction(g, x), KG_EINVAL);
    kg_graph_free(g);
    kg_extraction_free(x);
    kg_graph *empty = NULL;
    assert_int_equal(kg_graph_new(&empty, NULL), 0);
    assert_int_equal(kg_graph_finish(empty), 0);
    assert_int_equal(kg_graph_analyse(empty, NULL), 0);
    assert_int_equal(kg_graph_node_count(empty), 0);
    kg_graph_free(empty);
}

/* Mentions of entities named differently across documents. */
static kg_graph *resolved(const char *alias_file)
{
    kg_extraction *x = NULL;
    assert_int_equal(kg_extraction_new(&x), 0);
    add_mention(x, "a", 0, "George Glezmann", "George Glezmann", KG_ENT_PERSON, NULL);
    add_mention(x, "b", 0, "Glezmann", "Glezmann", KG_ENT_PERSON, NULL);
    add_mention(x, "a", 1, "Amir Amiri", "Amir Amiri", KG_ENT_PERSON, NULL);
    add_mention(x, "c", 1, "Amir Amiry", "Amir Amiry", KG_ENT_PERSON, NULL);
    add_mention(x, "c", 2, "UAE", "UAE", KG_ENT_GPE, NULL);
    add_mention(x, "d", 2, "United Arab Emirates", "United Arab Emirates", KG_ENT_GPE, NULL);
    add_mention(x, "d", 3, "U.S.", "U.S.", KG_ENT_GPE, NULL);
    add_mention(x, "e", 3, "US", "US", KG_ENT_GPE, NULL);
    add_mention(x, "e", 4, "The Taliban", "The Taliban", KG_ENT_ORG, NULL);
    add_mention(x, "a", 4, "Taliban", "Taliban", KG_ENT_ORG, NULL);
    add_mention(x, "f", 5, "Washington", "Washington", KG_ENT_GPE, NULL);
    add_mention(x, "g", 5, "Washington", "Washington", KG_ENT_PERSON, NULL);
    /* the same name and type in another document joins, whatever comes first */
    add_mention(x, "0", 5, "Washington", "Washington", KG_ENT_PERSON, NULL);
    add_mention(x, "h", 5, "Washington", "Washington", KG_ENT_GPE, NULL);
    /* spelling variants without shared context stay apart */
    add_mention(x, "f", 6, "Mark Heller", "Mark Heller", KG_ENT_PERSON, NULL);
    add_mention(x, "g", 6, "Mark Hellen", "Mark Hellen", KG_ENT_PERSON, NULL);
    /* the context Amiri and Amiry share: both released by the Taliban */
    add_triple(x, "a", 1, "Taliban", "release", "Amir Amiri", 0.9);
    add_triple(x, "c", 1, "The Taliban", "release", "Amir Amiry", 0.9);
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    if (alias_file)
        assert_int_equal(kg_graph_load_aliases(g, alias_file), 0);
    assert_int_equal(kg_graph_add_extraction(g, x), 0);
    kg_extraction_free(x);
    assert_int_equal(kg_graph_finish(g), 0);
    return g;
}

static int has_node(const kg_graph *g, const char *label)
{
    for (size_t v = 0; v < kg_graph_node_count(g); v++) {
        if (strcmp(kg_graph_node_str(g, v, "label"), label) == 0)
            return 1;
    }
    return 0;
}

static void test_resolution_rules(void **state)
{
    (void)state;
    kg_graph *g = resolved(NULL);
    assert_string_equal(kg_graph_node_str(g, node(g, "George Glezmann"), "aliases"),
                        "George Glezmann|Glezmann");
    assert_false(has_node(g, "Glezmann"));
    /* what each document's entity became */
    assert_string_equal(kg_graph_entity_label(g, "b", "Glezmann"), "George Glezmann");
    assert_null(kg_graph_entity_label(g, "b", "Nobody"));
    assert_null(kg_graph_entity_label(g, "zz", "Glezmann"));
    assert_string_equal(kg_graph_node_str(g, node(g, "United Arab Emirates"), "aliases"),
                        "UAE|United Arab Emirates");
    assert_string_equal(kg_graph_node_str(g, node(g, "Taliban"), "aliases"), "Taliban|The Taliban");
    assert_true(has_node(g, "US") != has_node(g, "U.S.")); /* one node for both */
    /* Amiri and Amiry: one edit apart, and both released by the Taliban */
    assert_true(has_node(g, "Amir Amiri") != has_node(g, "Amir Amiry"));
    /* Heller and Hellen share no context: two people */
    assert_true(has_node(g, "Mark Heller") && has_node(g, "Mark Hellen"));
    /* a person is not a place */
    size_t washingtons = 0;
    for (size_t v = 0; v < kg_graph_node_count(g); v++)
        washingtons += strcmp(kg_graph_node_str(g, v, "label"), "Washington") == 0;
    assert_int_equal(washingtons, 2);
    assert_int_equal(kg_graph_node_count(g), 9);
    kg_graph_free(g);
}

static void test_alias_file_overrides(void **state)
{
    (void)state;
    char path[] = "/tmp/kg-aliases-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# canonical name, then aliases\n"
          "United States of America | U.S. | US\n"
          "Amir Amiri\n"
          "Amir Amiry\n"
          "Mark Heller\tMark Hellen\n", f);
    fclose(f);
    kg_graph *g = resolved(path);
    assert_true(has_node(g, "United States of America"));
    assert_false(has_node(g, "US") || has_node(g, "U.S."));
    /* separate lines stay separate entities, whatever automatic rules say */
    assert_true(has_node(g, "Amir Amiri") && has_node(g, "Amir Amiry"));
    /* one line is one entity, automatic rules or not */
    assert_true(has_node(g, "Mark Heller") && !has_node(g, "Mark Hellen"));
    kg_graph_free(g);

    f = fopen(path, "w");
    fputs("Qatar|Doha\nDoha\n", f);
    fclose(f);
    assert_int_equal(kg_graph_new(&g, NULL), 0);
    assert_int_equal(kg_graph_load_aliases(g, path), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), ":2: 'Doha' is already a name of 'Qatar'"));
    kg_graph_free(g);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_merge_across_documents),
        cmocka_unit_test(test_cooccurrence_layer),
        cmocka_unit_test(test_record_order_does_not_matter),
        cmocka_unit_test(test_tsv_roundtrip),
        cmocka_unit_test(test_jsonl_roundtrip),
        cmocka_unit_test(test_bad_records),
        cmocka_unit_test(test_analysis),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_finished_graph_is_closed),
        cmocka_unit_test(test_resolution_rules),
        cmocka_unit_test(test_alias_file_overrides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
