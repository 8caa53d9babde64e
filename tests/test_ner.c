/* test_ner.c - named-entity recognition and the gazetteers, through their
 * public interfaces: lookups and matching, recognition of real sentences
 * from samples/ (hand-tokenised), span conventions (titles out), the corpus
 * readers, deterministic training, and rejection of damaged model files. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_ner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODELS KG_SOURCE_DIR "/models"
#define GAZETTEERS MODELS "/gazetteers"
#define NER_MODEL MODELS "/ner.kgm"

/* ------------------------------------------------------------- helpers */

/* A document of one sentence per string, tokens split at spaces. */
static kg_document *make_doc(const char *const *sentences, size_t n)
{
    kg_document *d = NULL;
    assert_int_equal(kg_document_new(&d, "test"), 0);
    kg_strbuf text = KG_STRBUF_INIT;
    size_t cap_t = 0;
    if (n) {
        d->sentences = kg_calloc(n, sizeof *d->sentences);
        assert_non_null(d->sentences);
    }
    for (size_t si = 0; si < n; si++) {
        kg_sentence *se = &d->sentences[si];
        se->first = (uint32_t)d->n_tokens;
        se->start = (uint32_t)text.len;
        const char *p = sentences[si];
        while (*p) {
            while (*p == ' ')
                p++;
            if (!*p)
                break;
            const char *q = p;
            while (*q && *q != ' ')
                q++;
            if (d->n_tokens > se->first)
                assert_int_equal(kg_strbuf_putc(&text, ' '), 0);
            assert_int_equal(
                kg_grow((void **)&d->tokens, &cap_t, d->n_tokens + 1, sizeof *d->tokens), 0);
            kg_token *t = &d->tokens[d->n_tokens++];
            memset(t, 0, sizeof *t);
            t->start = (uint32_t)text.len;
            assert_int_equal(kg_strbuf_append(&text, p, (size_t)(q - p)), 0);
            t->end = (uint32_t)text.len;
            t->form = kg_arena_strndup(d->arena, p, (size_t)(q - p));
            t->head = -2;
            p = q;
        }
        se->count = (uint32_t)(d->n_tokens - se->first);
        se->end = (uint32_t)text.len;
        assert_int_equal(kg_strbuf_putc(&text, '\n'), 0);
    }
    d->n_sentences = n;
    d->len = text.len;
    d->text = kg_strbuf_detach(&text);
    return d;
}

/* The mention covering exactly the given text, or NULL. */
static const kg_mention *find_mention(const kg_document *d, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->end - m->start == n && memcmp(d->text + m->start, text, n) == 0)
            return &d->mentions[i];
    }
    return NULL;
}

static void assert_mention(const kg_document *d, const char *text, int type)
{
    const kg_mention *m = find_mention(d, text);
    if (!m) {
        for (size_t i = 0; i < d->n_mentions; i++)
            print_message("  found %s '%.*s'\n", kg_ent_name(d->mentions[i].type),
                          (int)(d->mentions[i].end - d->mentions[i].start),
                          d->text + d->mentions[i].start);
        fail_msg("no mention '%s'", text);
    }
    assert_string_equal(kg_ent_name(m->type), kg_ent_name(type));
    assert_true(m->confidence > 0.0f && m->confidence <= 1.0f);
    assert_int_equal(m->entity, -1);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static char *tmp_path(char *buf, size_t cap, const char *name)
{
    const char *dir = getenv("TMPDIR");
    snprintf(buf, cap, "%s/kg-test-ner-%ld-%s", dir && *dir ? dir : "/tmp", (long)getpid(), name);
    return buf;
}

/* ----------------------------------------------------------- gazetteer */

static kg_gazetteer *gaz;

static int gaz_setup(void **state)
{
    (void)state;
    return kg_gazetteer_load(&gaz, GAZETTEERS);
}

static int gaz_teardown(void **state)
{
    (void)state;
    kg_gazetteer_free(gaz);
    gaz = NULL;
    return 0;
}

static const char *canonical(const char *name)
{
    const kg_gazetteer_entry *e = kg_gazetteer_lookup(gaz, name, strlen(name), KG_GAZ_NAMES);
    return e ? e->name : NULL;
}

static void test_gazetteer_names(void **state)
{
    (void)state;
    assert_true(kg_gazetteer_count(gaz) > 1000);
    const kg_gazetteer_entry *us = kg_gazetteer_lookup(gaz, "U.S.", 4, KG_GAZ_NAMES);
    assert_non_null(us);
    assert_string_equal(us->name, "United States");
    assert_int_equal(us->type, KG_ENT_GPE);
    assert_int_equal(us->kind, KG_GAZ_COUNTRY);
    /* punctuation, case and a leading "the" do not matter ... */
    assert_string_equal(canonical("US"), "United States");
    assert_string_equal(canonical("U.S"), "United States");
    assert_string_equal(canonical("the United States"), "United States");
    assert_string_equal(canonical("america"), "United States");
    assert_string_equal(canonical("UAE"), "United Arab Emirates");
    assert_string_equal(canonical("U.A.E."), "United Arab Emirates");
    assert_string_equal(canonical("Britain"), "United Kingdom");
    assert_string_equal(canonical("Cabul"), "Kabul");
    assert_string_equal(canonical("al-Qaida"), "al-Qaeda");
    assert_string_equal(canonical("Al Qaeda"), "al-Qaeda");
    assert_string_equal(canonical("Taliban's"), "Taliban");
    assert_string_equal(canonical("ISIL"), "Islamic State");
    /* ... except for aliases that would collide with words */
    assert_null(canonical("us"));
    assert_null(canonical("who"));
    assert_string_equal(canonical("WHO"), "World Health Organization");

    const kg_gazetteer_entry *kabul = kg_gazetteer_lookup(gaz, "Kabul", 5, KG_GAZ_NAMES);
    assert_non_null(kabul);
    assert_int_equal(kabul->kind, KG_GAZ_CITY);
    assert_string_equal(kabul->link, "Afghanistan");
    const kg_gazetteer_entry *nato = kg_gazetteer_lookup(gaz, "NATO", 4, KG_GAZ_NAMES);
    assert_non_null(nato);
    assert_int_equal(nato->type, KG_ENT_ORG);
    /* kinds filter: "Georgia" is a country first, and also a US state */
    const kg_gazetteer_entry *all[8];
    assert_true(kg_gazetteer_lookup_all(gaz, "Georgia", 7, KG_GAZ_NAMES, all, 8) >= 2);
    assert_int_equal(all[0]->kind, KG_GAZ_COUNTRY);
    const kg_gazetteer_entry *st =
        kg_gazetteer_lookup(gaz, "Georgia", 7, KG_GAZ_BIT(KG_GAZ_REGION));
    assert_non_null(st);
    assert_string_equal(st->link, "United States");
    assert_null(kg_gazetteer_lookup(gaz, "Inc.", 4, KG_GAZ_NAMES));
}

static void test_gazetteer_demonyms_titles_acronyms(void **state)
{
    (void)state;
    assert_string_equal(kg_gazetteer_demonym_country(gaz, "Qatari", 6), "Qatar");
    assert_string_equal(kg_gazetteer_demonym_country(gaz, "Afghan", 6), "Afghanistan");
    assert_string_equal(kg_gazetteer_demonym_country(gaz, "American", 8), "United States");
    assert_string_equal(kg_gazetteer_demonym_country(gaz, "Americans", 9), "United States");
    assert_null(kg_gazetteer_demonym_country(gaz, "Muslims", 7)); /* a group, no country */
    assert_null(kg_gazetteer_demonym_country(gaz, "Qatar", 5));

    assert_string_equal(kg_gazetteer_title(gaz, "secretary of state", 18), "Secretary of State");
    assert_string_equal(kg_gazetteer_title(gaz, "President", 9), "President");
    assert_string_equal(kg_gazetteer_title(gaz, "Dr.", 3), "Doctor");
    assert_string_equal(kg_gazetteer_title(gaz, "interior minister", 17), "Interior Minister");
    assert_string_equal(kg_gazetteer_title(gaz, "envoy", 5), "Envoy");
    assert_string_equal(kg_gazetteer_title(gaz, "Sen.", 4), "Senator");
    assert_null(kg_gazetteer_title(gaz, "Donald", 6));

    assert_string_equal(kg_gazetteer_expand_acronym(gaz, "UN", 2), "United Nations");
    assert_string_equal(kg_gazetteer_expand_acronym(gaz, "U.N.", 4), "United Nations");
    assert_string_equal(kg_gazetteer_expand_acronym(gaz, "EU", 2), "European Union");
    assert_string_equal(kg_gazetteer_expand_acronym(gaz, "UAE", 3), "United Arab Emirates");
    assert_null(kg_gazetteer_expand_acronym(gaz, "NATO", 4));  /* its own canonical name */
    assert_null(kg_gazetteer_expand_acronym(gaz, "Kabul", 5)); /* not acronym-shaped */

    assert_true(kg_gazetteer_is_acronym_of("NATO", 4, "North Atlantic Treaty Organization", 34));
    const char *isil = "Islamic State of Iraq and the Levant";
    assert_true(kg_gazetteer_is_acronym_of("ISIL", 4, isil, strlen(isil)));
    assert_true(kg_gazetteer_is_acronym_of("U.N.", 4, "United Nations", 14));
    assert_false(kg_gazetteer_is_acronym_of("NATO", 4, "United Nations", 14));
    assert_false(kg_gazetteer_is_acronym_of("ISIS", 4, isil, strlen(isil)));
}

static void test_gazetteer_token_matching(void **state)
{
    (void)state;
    const char *s[] = {"Secretary of State Mike Pompeo met United Arab Emirates officials"};
    kg_document *d = make_doc(s, 1);
    const kg_gazetteer_entry *e = NULL;
    assert_int_equal(kg_gazetteer_title_before(gaz, d->tokens, 3, &e), 3);
    assert_string_equal(e->name, "Secretary of State");
    assert_int_equal(kg_gazetteer_title_before(gaz, d->tokens, 4, &e), 0);
    assert_int_equal(kg_gazetteer_match(gaz, d->tokens, d->n_tokens, 6, KG_GAZ_NAMES, &e), 3);
    assert_string_equal(e->name, "United Arab Emirates");
    assert_int_equal(kg_gazetteer_match(gaz, d->tokens, d->n_tokens, 7, KG_GAZ_NAMES, &e), 1);
    assert_int_equal(e->kind, KG_GAZ_DEMONYM); /* "Arab" */
    assert_int_equal(kg_gazetteer_match(gaz, d->tokens, d->n_tokens, 9, KG_GAZ_NAMES, &e), 0);
    assert_null(e);
    /* a match does not run past n */
    assert_int_equal(kg_gazetteer_match(gaz, d->tokens, 7, 6, KG_GAZ_NAMES, &e), 0);
    kg_document_free(d);

    char buf[64];
    assert_int_equal(kg_gazetteer_normalise(buf, sizeof buf, "The  U.S.-Taliban talks", 23, 1), 17);
    assert_string_equal(buf, "u.s taliban talks");
}

static void test_gazetteer_errors(void **state)
{
    (void)state;
    kg_gazetteer *g = (kg_gazetteer *)1;
    assert_int_equal(kg_gazetteer_load(&g, "/nonexistent/gazetteers"), KG_EIO);
    assert_null(g);
    assert_non_null(strstr(kg_error_message(), "countries.tsv"));
}

/* A gazetteer directory of tiny files; returns its path in dir. */
static const char *const gaz_files[] = {
    "countries.tsv", "cities.tsv",   "regions.tsv", "locations.tsv",   "organisations.tsv",
    "persons.tsv",   "demonyms.tsv", "titles.tsv",  "given-names.tsv", "keywords.tsv"};

static void make_small_gazetteer(char *dir, size_t cap, const char *titles)
{
    static const char *const content[] = {
        "# test\nQatar|State of Qatar\tGPE\nUnited States|U.S.|=US\tGPE\n",
        "Doha\tGPE\tQatar\n",
        "\n",
        "Persian Gulf|the Gulf\tLOC\n",
        "Taliban\tORG\tAfghanistan\n",
        "Donald Trump|Trump\tPERSON\tUnited States\n",
        "Qatari|Qataris\tNORP\tQatar\n",
        NULL, /* titles */
        "Amir\tGIVEN\n",
        "Inc.\tORG\n",
    };
    tmp_path(dir, cap, "gaz");
    mkdir(dir, 0700);
    for (size_t i = 0; i < 10; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, gaz_files[i]);
        const char *text = content[i] ? content[i] : titles;
        write_file(path, text, strlen(text));
    }
}

static void remove_small_gazetteer(const char *dir)
{
    for (size_t i = 0; i < 10; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, gaz_files[i]);
        remove(path);
    }
    rmdir(dir);
}

static void test_gazetteer_files(void **state)
{
    (void)state;
    char dir[512];
    make_small_gazetteer(dir, sizeof dir, "President|Pres.\tROLE\nMr.|Mr\tHONORIFIC\n");
    kg_gazetteer *g = NULL;
    assert_int_equal(kg_gazetteer_load(&g, dir), 0);
    assert_int_equal(kg_gazetteer_count(g), 11);
    assert_string_equal(kg_gazetteer_entry_at(g, 0)->name, "Qatar");
    assert_null(kg_gazetteer_entry_at(g, 11));
    assert_string_equal(kg_gazetteer_lookup(g, "the gulf", 8, KG_GAZ_NAMES)->name, "Persian Gulf");
    assert_string_equal(kg_gazetteer_title(g, "pres.", 5), "President");
    assert_string_equal(kg_gazetteer_demonym_country(g, "Qataris", 7), "Qatar");
    kg_gazetteer_free(g);

    /* every allocation failure is reported and cleaned up */
    long n = 0;
    for (;; n++) {
        g = NULL;
        kg_alloc_fail_after(n);
        int rc = kg_gazetteer_load(&g, dir);
        long failures = kg_alloc_failures();
        kg_alloc_fail_after(-1);
        if (failures == 0) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, KG_ENOMEM);
        assert_null(g);
    }
    kg_gazetteer_free(g);

    /* a title file with an entity type, then a line without a type */
    remove_small_gazetteer(dir);
    make_small_gazetteer(dir, sizeof dir, "President\tROLE\nSenator\tGPE\n");
    assert_int_equal(kg_gazetteer_load(&g, dir), KG_EFORMAT);
    assert_null(g);
    assert_non_null(strstr(kg_error_message(), "titles.tsv:2"));
    remove_small_gazetteer(dir);
    make_small_gazetteer(dir, sizeof dir, "President ROLE\n");
    assert_int_equal(kg_gazetteer_load(&g, dir), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "titles.tsv:1"));
    remove_small_gazetteer(dir);
}

/* ------------------------------------------------------- recognition */

static kg_ner *model;

static int ner_setup(void **state)
{
    (void)state;
    if (access(NER_MODEL, R_OK) != 0)
        return 0; /* the tests skip */
    return kg_ner_load(&model, MODELS);
}

static int ner_teardown(void **state)
{
    (void)state;
    kg_ner_free(model);
    model = NULL;
    return 0;
}

static void test_recognise_sample_sentences(void **state)
{
    (void)state;
    if (!model)
        skip();
    const char *s[] = {
        /* amiri-release-explainer.txt */
        "Amir Amiri was detained by the Taliban in December 2024 , though specific reasons "
        "for his detention remain unclear .",
        "His release followed negotiations involving U.S. officials and Qatari mediators , "
        "indicating that his detention was likely part of broader geopolitical strategies .",
        /* direct-dialogue-analysis.txt */
        "In this context , the U.S. administration , under President Donald Trump , initiated "
        "direct dialogue with the Taliban in Kabul to negotiate the release of prisoners .",
        /* recognition-bid-translated.txt */
        "In conversations last month with US officials in Cabul , to ensure the release of an "
        "American prisoner , Taliban representatives again raised the possibility of the US "
        "recognizing the group as the official government of Afghanistan .",
    };
    kg_document *d = make_doc(s, 4);
    assert_int_equal(kg_ner_recognise(model, d), 0);
    assert_mention(d, "Amir Amiri", KG_ENT_PERSON);
    assert_mention(d, "Taliban", KG_ENT_ORG);
    assert_mention(d, "December 2024", KG_ENT_DATE);
    assert_mention(d, "U.S.", KG_ENT_GPE);
    assert_mention(d, "Qatari", KG_ENT_NORP);
    assert_mention(d, "Kabul", KG_ENT_GPE);
    assert_mention(d, "Cabul", KG_ENT_GPE);
    assert_mention(d, "US", KG_ENT_GPE);
    assert_mention(d, "Afghanistan", KG_ENT_GPE);
    /* the title is not part of the name, but its range is given */
    assert_null(find_mention(d, "President Donald Trump"));
    const kg_mention *trump = find_mention(d, "Donald Trump");
    assert_non_null(trump);
    assert_int_equal(trump->type, KG_ENT_PERSON);
    assert_int_equal(trump->title_count, 1);
    assert_string_equal(d->tokens[trump->title_first].form, "President");
    assert_int_equal(trump->sentence, 2);
    /* no title on the others; mentions sorted, inside their sentences */
    assert_int_equal(find_mention(d, "Amir Amiri")->title_count, 0);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        const kg_sentence *se = &d->sentences[m->sentence];
        assert_true(m->first >= se->first && m->first + m->count <= se->first + se->count);
        assert_int_equal(m->start, d->tokens[m->first].start);
        assert_int_equal(m->end, d->tokens[m->first + m->count - 1].end);
        if (i > 0)
            assert_true(m->start > d->mentions[i - 1].start);
    }
    /* the function words are not names */
    assert_null(find_mention(d, "the Taliban"));
    assert_null(find_mention(d, "President"));
    /* recognising again replaces the mentions */
    size_t n = d->n_mentions;
    assert_int_equal(kg_ner_recognise(model, d), 0);
    assert_int_equal(d->n_mentions, n);
    kg_document_free(d);
}

static void test_recognise_empty_and_lowercase(void **state)
{
    (void)state;
    if (!model)
        skip();
    kg_document *d = make_doc(NULL, 0);
    assert_int_equal(kg_ner_recognise(model, d), 0);
    assert_int_equal(d->n_mentions, 0);
    kg_document_free(d);
    const char *s[] = {"we had a nice time and then went home ."};
    d = make_doc(s, 1);
    assert_int_equal(kg_ner_recognise(model, d), 0);
    assert_int_equal(d->n_mentions, 0);
    kg_document_free(d);

    /* a very long word, and a very long "sentence" of names, are handled */
    kg_strbuf b = KG_STRBUF_INIT;
    assert_int_equal(kg_strbuf_puts(&b, "United "), 0);
    for (int i = 0; i < 300; i++)
        assert_int_equal(kg_strbuf_putc(&b, 'A'), 0);
    assert_int_equal(kg_strbuf_puts(&b, " States met"), 0);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(kg_strbuf_puts(&b, " United Arab Emirates Qatar Kabul"), 0);
    const char *longs[] = {kg_strbuf_cstr(&b)};
    d = make_doc(longs, 1);
    assert_int_equal(kg_ner_recognise(model, d), 0);
    assert_true(d->n_mentions > 0);
    for (size_t i = 0; i < d->n_mentions; i++)
        assert_true(d->mentions[i].first + d->mentions[i].count <= d->n_tokens);
    kg_document_free(d);
    kg_strbuf_free(&b);
}

static void test_recognise_out_of_memory(void **state)
{
    (void)state;
    if (!model)
        skip();
    const char *s[] = {"Qatari mediators met Taliban officials in Doha on Sunday .",
                       "President Donald Trump welcomed the release ."};
    kg_document *d = make_doc(s, 2);
    for (long n = 0;; n++) {
        kg_alloc_fail_after(n);
        int rc = kg_ner_recognise(model, d);
        long failures = kg_alloc_failures();
        kg_alloc_fail_after(-1);
        if (failures == 0) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, KG_ENOMEM);
        assert_int_equal(d->n_mentions, 0);
        assert_null(d->mentions);
    }
    assert_mention(d, "Doha", KG_ENT_GPE);
    kg_document_free(d);
}

static void test_model_gazetteer_shared(void **state)
{
    (void)state;
    if (!model)
        skip();
    const kg_gazetteer *g = kg_ner_gazetteer(model);
    assert_string_equal(kg_gazetteer_demonym_country(g, "Qatari", 6), "Qatar");
}

/* ------------------------------------------------- damaged model files */

static unsigned char *read_all(const char *path, size_t *n)
{
    char *data = NULL;
    assert_int_equal(kg_file_read(path, (size_t)64 << 20, &data, n), 0);
    return (unsigned char *)data;
}

static void expect_load_error(const char *path, int code, const char *words)
{
    kg_ner *m = (kg_ner *)1;
    assert_int_equal(kg_ner_load_files(&m, path, GAZETTEERS), code);
    assert_null(m);
    if (!strstr(kg_error_message(), words))
        fail_msg("message '%s' lacks '%s'", kg_error_message(), words);
    assert_non_null(strstr(kg_error_message(), path));
}

static void test_model_corruption(void **state)
{
    (void)state;
    if (access(NER_MODEL, R_OK) != 0)
        skip();
    char path[512];
    tmp_path(path, sizeof path, "damaged.model");
    size_t n = 0;
    unsigned char *good = read_all(NER_MODEL, &n);
    assert_true(n > 4096);

    expect_load_error("/nonexistent/ner.kgm", KG_EIO, "cannot open");

    unsigned char *bad = malloc(n);
    assert_non_null(bad);
    memcpy(bad, good, n);
    bad[n / 2] ^= 0x5a; /* a flipped byte in the payload */
    write_file(path, bad, n);
    expect_load_error(path, KG_EFORMAT, "checksum");

    write_file(path, good, n - 100); /* truncated */
    expect_load_error(path, KG_EFORMAT, "truncated");

    write_file(path, good, 20); /* shorter than the header */
    expect_load_error(path, KG_EFORMAT, "truncated");

    memcpy(bad, good, n);
    memcpy(bad, "NOTAMODL", 8);
    write_file(path, bad, n);
    expect_load_error(path, KG_EFORMAT, "magic");
    free(bad);

    /* another kind of model, and a future version of this one */
    assert_int_equal(kg_model_file_write(path, "SYNT", 1, good + 32, n - 32), 0);
    expect_load_error(path, KG_EFORMAT, "wrong kind");
    assert_int_equal(kg_model_file_write(path, "NER1", 99, good + 32, n - 32), 0);
    expect_load_error(path, KG_EFORMAT, "version");

    /* a well-formed container whose payload is garbage or cut short */
    static const unsigned char junk[64] = {37, 0, 0, 0, 9, 9, 9, 9};
    assert_int_equal(kg_model_file_write(path, "NER1", 1, junk, sizeof junk), 0);
    expect_load_error(path, KG_EFORMAT, "model");
    assert_int_equal(kg_model_file_write(path, "NER1", 1, good + 32, (n - 32) / 2), 0);
    expect_load_error(path, KG_EFORMAT, "model");
    /* a payload whose table points outside the weights */
    unsigned char *copy = malloc(n - 32);
    assert_non_null(copy);
    memcpy(copy, good + 32, n - 32);
    uint32_t nslots;
    memcpy(&nslots, copy + 8, 4);
    size_t tables = 28 + 4 * (37 * 37 + 2 * 37); /* header, transitions */
    tables = (tables + 7) / 8 * 8;
    for (uint32_t i = 0; i < nslots; i++) {
        uint32_t fp;
        memcpy(&fp, copy + tables + 4 * (size_t)i, 4);
        if (fp) {
            uint32_t ref = 0xFFFFFFC5u;
            memcpy(copy + tables + 4 * ((size_t)nslots + i), &ref, 4);
            break;
        }
    }
    assert_int_equal(kg_model_file_write(path, "NER1", 1, copy, n - 32), 0);
    expect_load_error(path, KG_EFORMAT, "corrupt");
    free(copy);
    remove(path);
    kg_free(good);
}

/* ------------------------------------------------------------ corpora */

static const char iob[] = "# newdoc id = doc-a\n"
                          "# sent_id = a-1\n"
                          "1\tCapt.\tB-PER\t-\t-\n"
                          "2\tSpastic\tI-PER\t-\t-\n"
                          "3\t's\tI-PER\t-\t-\n"
                          "4\tlist\tO\t-\t-\n"
                          "5\tfrom\tO\t-\t-\n"
                          "6\tthe\tB-ORG\t-\t-\n"
                          "7\tBBC\tI-ORG\t-\t-\n"
                          "\n"
                          "# newdoc id = doc-b\n"
                          "1\tmiramar\tB-LOC\t-\t-\n"
                          "2\tflorida\tB-LOC\t-\t-\n"
                          "\n";

static void test_corpus_iob2(void **state)
{
    (void)state;
    char path[512];
    tmp_path(path, sizeof path, "uner.iob2");
    write_file(path, iob, sizeof iob - 1);
    kg_ner_corpus *raw = NULL, *conv = NULL;
    assert_int_equal(kg_ner_corpus_read_iob2(&raw, path, gaz, 0), 0);
    assert_int_equal(kg_ner_corpus_read_iob2(&conv, path, gaz, 1), 0);
    assert_int_equal(raw->doc->n_sentences, 2);
    assert_int_equal(raw->n_docs, 2);
    assert_int_equal(raw->sent_doc[1], 1);
    assert_int_equal(raw->doc->n_mentions, 4);
    assert_mention(raw->doc, "Capt. Spastic 's", KG_ENT_PERSON);
    assert_mention(raw->doc, "the BBC", KG_ENT_ORG);
    assert_mention(raw->doc, "florida", KG_ENT_LOC);
    /* UNER's LOC may be any of GPE, LOC, FAC */
    assert_int_equal(raw->mention_types[3],
                     (1u << KG_ENT_GPE) | (1u << KG_ENT_LOC) | (1u << KG_ENT_FAC));
    /* kgraph's conventions: no title, no possessive, no "the" */
    assert_mention(conv->doc, "Spastic", KG_ENT_PERSON);
    assert_mention(conv->doc, "BBC", KG_ENT_ORG);
    kg_ner_corpus_free(raw);
    kg_ner_corpus_free(conv);

    /* every allocation failure is reported and cleaned up */
    for (long n = 0;; n++) {
        kg_alloc_fail_after(n);
        int rc = kg_ner_corpus_read_iob2(&raw, path, gaz, 1);
        long failures = kg_alloc_failures();
        kg_alloc_fail_after(-1);
        if (failures == 0) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, KG_ENOMEM);
        assert_null(raw);
    }
    kg_ner_corpus_free(raw);

    write_file(path, "1\tword\tB-PER-X\n", 15);
    assert_int_equal(kg_ner_corpus_read_iob2(&raw, path, gaz, 0), 0);
    kg_ner_corpus_free(raw);
    write_file(path, "1\tword\tX\n", 9);
    assert_int_equal(kg_ner_corpus_read_iob2(&raw, path, gaz, 0), KG_EFORMAT);
    assert_null(raw);
    assert_non_null(strstr(kg_error_message(), ":1:"));
    remove(path);
}

/* A GUM-style document: entity annotation in MISC. */
static const char gum[] =
    "# newdoc id = GUM_news_talks\n"
    "# sent_id = GUM_news_talks-1\n"
    "1\tPresident\tPresident\tPROPN\tNNP\t_\t3\tcompound\t_\t"
    "Entity=(1-person-giv:act-sssss-cf1-3-coref-Donald_Trump\n"
    "2\tDonald\tDonald\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
    "3\tTrump\tTrump\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n"
    "4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tQatari\tQatari\tADJ\tJJ\t_\t6\tamod\t_\tEntity=(2-person-new-nnnnn-cf2-2-sgl\n"
    "6\tofficials\tofficial\tNOUN\tNNS\t_\t4\tobj\t_\tEntity=2)\n"
    "7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "8\tDoha\tDoha\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(3-place-new-nnnnn-cf3-1-sgl-Doha)\n"
    "9\tin\tin\tADP\tIN\t_\t10\tcase\t_\t_\n"
    "10\tDecember\tDecember\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(4-time-new-nnnnn-cf4-1-sgl\n"
    "11\t2024\t2024\tNUM\tCD\t_\t10\tnummod\t_\tEntity=4)\n"
    "12\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = GUM_whow_secret\n"
    "# sent_id = GUM_whow_secret-1\n"
    "1\tAsk\task\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "2\tBob\tBob\tPROPN\tNNP\t_\t1\tobj\t_\tEntity=(1-person-new-nnnnn-cf1-1-sgl)\n"
    "\n";

static void test_corpus_gum(void **state)
{
    (void)state;
    char path[512];
    tmp_path(path, sizeof path, "gum.conllu");
    write_file(path, gum, sizeof gum - 1);
    kg_ner_corpus *c = NULL;
    assert_int_equal(kg_ner_corpus_read_gum(&c, path, gaz), 0);
    /* only the CC BY genre is read */
    assert_int_equal(c->doc->n_sentences, 1);
    assert_int_equal(c->doc->n_mentions, 4);
    assert_mention(c->doc, "Donald Trump", KG_ENT_PERSON);
    assert_mention(c->doc, "Qatari", KG_ENT_NORP);
    assert_mention(c->doc, "Doha", KG_ENT_GPE);
    assert_mention(c->doc, "December 2024", KG_ENT_DATE);
    kg_ner_corpus_free(c);
    assert_true(kg_ner_gum_genre_allowed("GUM_voyage_athens"));
    assert_false(kg_ner_gum_genre_allowed("GUM_whow_joke"));
    assert_false(kg_ner_gum_genre_allowed("GUM_fiction_beast"));
    remove(path);
}

/* ----------------------------------------------------------- training */

static void test_training_is_deterministic(void **state)
{
    (void)state;
    char data[512], out1[512], out2[512];
    tmp_path(data, sizeof data, "train.conllu");
    tmp_path(out1, sizeof out1, "one.model");
    tmp_path(out2, sizeof out2, "two.model");
    write_file(data, gum, sizeof gum - 1);
    const char *files[] = {data, NULL};
    kg_ner_train_options o = KG_NER_TRAIN_OPTIONS_INIT;
    o.gazetteer_dir = GAZETTEERS;
    o.gum = files;
    o.lexicon = files;
    o.epochs = 3;
    o.min_count = 1;
    o.seed = 7;
    o.output = out1;
    assert_int_equal(kg_ner_train(&o), 0);
    o.output = out2;
    assert_int_equal(kg_ner_train(&o), 0);
    size_t n1, n2;
    unsigned char *a = read_all(out1, &n1), *b = read_all(out2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    kg_free(a);
    kg_free(b);
    /* the trained model loads and finds the names it was taught */
    kg_ner *m = NULL;
    assert_int_equal(kg_ner_load_files(&m, out1, GAZETTEERS), 0);
    const char *s[] = {"President Donald Trump met Qatari officials in Doha in December 2024 ."};
    kg_document *d = make_doc(s, 1);
    assert_int_equal(kg_ner_recognise(m, d), 0);
    assert_mention(d, "Donald Trump", KG_ENT_PERSON);
    assert_mention(d, "Doha", KG_ENT_GPE);
    kg_document_free(d);
    kg_ner_free(m);
    /* every allocation failure in training is reported and cleaned up */
    char dir[512];
    make_small_gazetteer(dir, sizeof dir, "President\tROLE\n");
    o.gazetteer_dir = dir;
    o.epochs = 1;
    for (long n = 0;; n++) {
        kg_alloc_fail_after(n);
        int rc = kg_ner_train(&o);
        long failures = kg_alloc_failures();
        kg_alloc_fail_after(-1);
        if (failures == 0) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_true(rc == KG_ENOMEM || rc == KG_EIO);
    }
    remove_small_gazetteer(dir);
    /* bad options */
    o.gum = NULL;
    assert_int_equal(kg_ner_train(&o), KG_EINVAL);
    remove(data);
    remove(out1);
    remove(out2);
}

int main(void)
{
    const struct CMUnitTest gazetteer[] = {
        cmocka_unit_test(test_gazetteer_names),
        cmocka_unit_test(test_gazetteer_demonyms_titles_acronyms),
        cmocka_unit_test(test_gazetteer_token_matching),
        cmocka_unit_test(test_gazetteer_errors),
        cmocka_unit_test(test_gazetteer_files),
        cmocka_unit_test(test_corpus_iob2),
        cmocka_unit_test(test_corpus_gum),
        cmocka_unit_test(test_training_is_deterministic),
    };
    const struct CMUnitTest ner[] = {
        cmocka_unit_test(test_recognise_sample_sentences),
        cmocka_unit_test(test_recognise_empty_and_lowercase),
        cmocka_unit_test(test_recognise_out_of_memory),
        cmocka_unit_test(test_model_gazetteer_shared),
        cmocka_unit_test(test_model_corruption),
    };
    int failed = cmocka_run_group_tests_name("gazetteer", gazetteer, gaz_setup, gaz_teardown);
    failed += cmocka_run_group_tests_name("ner", ner, ner_setup, ner_teardown);
    return failed;
}
