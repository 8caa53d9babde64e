/* test_segment.c - ingest and segmentation on real sentences from samples/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_ingest.h"
#include "kg_segment.h"

#include <stdio.h>
#include <string.h>

/* segmentation is tested on the text as given: no furniture removal */
static const kg_ingest_options raw = {0};

static kg_document *segment(const char *text)
{
    kg_document *d = NULL;
    assert_int_equal(kg_ingest_text(&d, "test", text, strlen(text), &raw), 0);
    assert_int_equal(kg_segment(d, NULL), 0);
    return d;
}

/* The tokens of sentence s joined by '|'. */
static const char *tokens(const kg_document *d, size_t s)
{
    static char buf[4096];
    size_t n = 0;
    buf[0] = '\0';
    const kg_sentence *st = &d->sentences[s];
    for (uint32_t i = 0; i < st->count; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "",
                              d->tokens[st->first + i].form);
    return buf;
}

static void test_abbreviations_and_possessives(void **state)
{
    (void)state;
    kg_document *d = segment(
        "Reports suggest that his case may involve political dynamics between the U.S. and the "
        "Taliban. In the case of Amir Amiri's release, Qatar helped broker discussions.");
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(tokens(d, 0), "Reports|suggest|that|his|case|may|involve|political|"
                                      "dynamics|between|the|U.S.|and|the|Taliban|.");
    assert_string_equal(tokens(d, 1), "In|the|case|of|Amir|Amiri|'s|release|,|Qatar|helped|"
                                      "broker|discussions|.");
    kg_document_free(d);
}

static void test_abbreviation_ending_a_sentence(void **state)
{
    (void)state;
    kg_document *d = segment("The Taliban has established relations with China, despite no "
                             "formal recognition from the U.S. The road to reopening an embassy "
                             "would be a landmark.");
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(d->tokens[d->sentences[0].first + d->sentences[0].count - 1].form, "U.S.");
    assert_string_equal(d->tokens[d->sentences[1].first].form, "The");
    kg_document_free(d);
}

static void test_titles_initials_and_numbers(void **state)
{
    (void)state;
    kg_document *d = segment("Prof. Dr. Ubaidullah Burhani met George W. Bush on Jan. 5 with "
                             "2,500 soldiers and $3.5 billion.");
    assert_int_equal(d->n_sentences, 1);
    assert_string_equal(tokens(d, 0), "Prof.|Dr.|Ubaidullah|Burhani|met|George|W.|Bush|on|Jan.|"
                                      "5|with|2,500|soldiers|and|$|3.5|billion|.");
    kg_document_free(d);
}

static void test_hyphenated_names_and_clitics(void **state)
{
    (void)state;
    kg_document *d = segment("The Islamic State-Khorasan and al-Qaeda don't agree; Americans' "
                             "safety isn't assured.");
    /* hyphens are tokens, as in the UD treebanks; no space separates them, so the
     * name's text is intact */
    assert_string_equal(tokens(d, 0), "The|Islamic|State|-|Khorasan|and|al|-|Qaeda|do|n't|agree|"
                                      ";|Americans|'|safety|is|n't|assured|.");
    const kg_token *t = d->tokens;
    assert_false(t[2].flags & KG_TOK_SPACE_AFTER);
    assert_memory_equal(d->text + t[1].start, "Islamic State-Khorasan", 22);
    kg_document_free(d);
}

static void test_curly_quotes_and_dashes_keep_offsets(void **state)
{
    (void)state;
    const char *text = "\xe2\x80\x9c" "There is a positive way,\xe2\x80\x9d said an American "
                       "officer. Amiry\xe2\x80\x99" "s release\xe2\x80\x94" "at last.";
    kg_document *d = segment(text);
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(tokens(d, 0), "\"|There|is|a|positive|way|,|\"|said|an|American|officer|.");
    assert_string_equal(tokens(d, 1), "Amiry|'s|release|--|at|last|.");
    /* "release" starts at the same place in the original as in the text up to the shift */
    const kg_token *rel = &d->tokens[d->sentences[1].first + 2];
    uint32_t o = kg_document_orig_offset(d, rel->start);
    assert_memory_equal(text + o, "release", 7);
    const kg_token *last = &d->tokens[d->sentences[1].first + 4];
    assert_memory_equal(text + kg_document_orig_offset(d, last->start), "at last", 7);
    /* the em dash: 3 bytes in the original, 2 in the text */
    const kg_token *dash = &d->tokens[d->sentences[1].first + 3];
    assert_memory_equal(text + kg_document_orig_offset(d, dash->start), "\xe2\x80\x94", 3);
    assert_int_equal(kg_document_orig_offset(d, d->len), strlen(text));
    kg_document_free(d);
}

static void test_headings_bylines_and_furniture_lines(void **state)
{
    (void)state;
    kg_document *d = segment(
        "Direct Dialogue Between the United States and the Taliban in Kabul\n"
        "Prof. Dr. Ubaidullah Burhani \xe2\x80\x93 California\n"
        "Political and Strategic Dimensions\n"
        "The international landscape is witnessing rapid developments.\n"
        "\n"
        "Loading Now\n");
    assert_int_equal(d->n_sentences, 5);
    assert_true(d->sentences[0].flags & KG_SENT_HEADING);
    assert_true(d->sentences[1].flags & KG_SENT_HEADING);
    assert_string_equal(tokens(d, 1), "Prof.|Dr.|Ubaidullah|Burhani|--|California");
    assert_true(d->sentences[2].flags & KG_SENT_HEADING);
    assert_false(d->sentences[3].flags & KG_SENT_HEADING);
    assert_string_equal(tokens(d, 4), "Loading|Now");
    kg_document_free(d);
}

static void test_quotes_and_brackets(void **state)
{
    (void)state;
    kg_document *d = segment(
        "\"Wait Americans: wait for cruise missiles.\" Greater than those offered about "
        "[Osama] Bin Laden (Reuters).");
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(tokens(d, 0), "\"|Wait|Americans|:|wait|for|cruise|missiles|.|\"");
    assert_string_equal(tokens(d, 1), "Greater|than|those|offered|about|[|Osama|]|Bin|Laden|(|"
                                      "Reuters|)|.");
    kg_document_free(d);
}

static void test_hard_wrapped_lines_join(void **state)
{
    (void)state;
    kg_document *d = segment("The Taliban released a U.S. citizen who was\nimprisoned in "
                             "Afghanistan, officials confirmed.\nThe move comes as the group "
                             "seeks ties.");
    assert_int_equal(d->n_sentences, 2);
    assert_int_equal(d->sentences[0].count, 15);
    kg_document_free(d);
}

static void test_long_sentence_is_bounded(void **state)
{
    (void)state;
    char text[60000];
    size_t n = 0;
    for (int i = 0; i < 5000; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s ", i % 7 ? "word" : "talks,");
    kg_document *d = NULL;
    assert_int_equal(kg_ingest_text(&d, "long", text, n, &raw), 0);
    kg_segment_options o = KG_SEGMENT_OPTIONS_INIT;
    o.max_tokens = 100;
    assert_int_equal(kg_segment(d, &o), 0);
    size_t total = 0;
    for (size_t s = 0; s < d->n_sentences; s++) {
        assert_true(d->sentences[s].count <= 100);
        total += d->sentences[s].count;
    }
    assert_int_equal(total, d->n_tokens);
    assert_true(d->n_sentences >= 57);
    /* cut after a comma when one is near the limit */
    const kg_sentence *s0 = &d->sentences[0];
    assert_string_equal(d->tokens[s0->first + s0->count - 1].form, ",");
    kg_document_free(d);
}

static void test_one_sentence_per_line_and_pretokenised(void **state)
{
    (void)state;
    const char *text = "Barbara 's brother , Dr. Smith , came .\nHe did n't stay\n";
    kg_document *d = NULL;
    assert_int_equal(kg_ingest_text(&d, "carb", text, strlen(text), &raw), 0);
    kg_segment_options o = KG_SEGMENT_OPTIONS_INIT;
    o.one_sentence_per_line = 1;
    o.pretokenised = 1;
    assert_int_equal(kg_segment(d, &o), 0);
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(tokens(d, 0), "Barbara|'s|brother|,|Dr.|Smith|,|came|.");
    assert_string_equal(tokens(d, 1), "He|did|n't|stay");
    kg_document_free(d);
}

static void test_other_scripts_and_symbols(void **state)
{
    (void)state;
    kg_document *d = segment("\xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8\xd8\xa7\xd9\x86 (Taliban) paid "
                             "\xe2\x82\xac" "10 in \xd0\x9a\xd0\xb0\xd0\xb1\xd1\x83\xd0\xbb.");
    assert_string_equal(tokens(d, 0), "\xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8\xd8\xa7\xd9\x86|(|Taliban|)|"
                                      "paid|\xe2\x82\xac|10|in|\xd0\x9a\xd0\xb0\xd0\xb1\xd1\x83\xd0\xbb|.");
    kg_document_free(d);
}

static void test_ingest_rejects_bad_input(void **state)
{
    (void)state;
    kg_document *d = NULL;
    assert_int_equal(kg_ingest_text(&d, "bad.txt", "caf\xc3 ok", 7, &raw), KG_EINPUT);
    assert_null(d);
    assert_string_equal(kg_error_message(), "bad.txt: invalid UTF-8 at byte 3 (convert the file "
                                            "to UTF-8)");
    assert_int_equal(kg_ingest_text(&d, "nul.bin", "ab\0cd", 5, &raw), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "nul.bin: binary file"));
    assert_int_equal(kg_ingest_text(&d, "u16.txt", "\xff\xfeT\0a\0", 6, &raw), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "UTF-16"));
    assert_int_equal(kg_ingest_text(&d, "overlong.txt", "a\xc0\xaf", 3, &raw), KG_EINPUT);
    /* a UTF-8 byte-order mark is skipped, and offsets still point into the original */
    assert_int_equal(kg_ingest_text(&d, "bom.txt", "\xef\xbb\xbfQatar", 8, &raw), 0);
    assert_string_equal(d->text, "Qatar");
    assert_int_equal(kg_document_orig_offset(d, 0), 3);
    kg_document_free(d);
    /* empty and whitespace-only input is a document with no sentences */
    assert_int_equal(kg_ingest_text(&d, "empty.txt", " \n\t\n", 4, &raw), 0);
    assert_int_equal(kg_segment(d, NULL), 0);
    assert_int_equal(d->n_sentences, 0);
    kg_document_free(d);
}

static void test_crlf_and_nbsp(void **state)
{
    (void)state;
    kg_document *d = segment("Zalmay\xc2\xa0Khalilzad traveled.\r\nHe met Boehler.\r\n");
    assert_int_equal(d->n_sentences, 2);
    assert_string_equal(tokens(d, 0), "Zalmay|Khalilzad|traveled|.");
    assert_string_equal(d->text, "Zalmay Khalilzad traveled.\nHe met Boehler.\n");
    kg_document_free(d);
}

static void test_furniture_removed_with_offsets_kept(void **state)
{
    (void)state;
    const char *text = "Loading Now\n\nThe Taliban is seeking ties.\n\nPost Comment\n"
                       "Vipps: #557320\nQatar hosted the talks.\n";
    kg_document *d = NULL;
    assert_int_equal(kg_ingest_text(&d, "page.txt", text, strlen(text), NULL), 0);
    assert_string_equal(d->text, "The Taliban is seeking ties.\n\nQatar hosted the talks.");
    assert_int_equal(kg_segment(d, NULL), 0);
    assert_int_equal(d->n_sentences, 2);
    const kg_sentence *s = &d->sentences[1];
    uint32_t o = kg_document_orig_offset(d, s->start);
    assert_memory_equal(text + o, "Qatar hosted the talks.", 23);
    assert_int_equal(kg_document_orig_offset(d, s->end) - o, 23);
    kg_document_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations_and_possessives),
        cmocka_unit_test(test_abbreviation_ending_a_sentence),
        cmocka_unit_test(test_titles_initials_and_numbers),
        cmocka_unit_test(test_hyphenated_names_and_clitics),
        cmocka_unit_test(test_curly_quotes_and_dashes_keep_offsets),
        cmocka_unit_test(test_headings_bylines_and_furniture_lines),
        cmocka_unit_test(test_quotes_and_brackets),
        cmocka_unit_test(test_hard_wrapped_lines_join),
        cmocka_unit_test(test_long_sentence_is_bounded),
        cmocka_unit_test(test_one_sentence_per_line_and_pretokenised),
        cmocka_unit_test(test_other_scripts_and_symbols),
        cmocka_unit_test(test_ingest_rejects_bad_input),
        cmocka_unit_test(test_crlf_and_nbsp),
        cmocka_unit_test(test_furniture_removed_with_offsets_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
