/* test_furniture.c - page furniture removal on the project's sample articles
 * (the .txt files in samples/) and on single lines: each kind of furniture goes, every
 * real sentence stays, and the kept ranges are exact byte offsets. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_common.h"
#include "kg_furniture.h"

#include <stdlib.h>
#include <string.h>

#define SAMPLES KG_SOURCE_DIR "/samples/"

/* One line of a text: [start, end) without the line break and outer blanks. */
typedef struct line {
    size_t start, end;
} line;

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static size_t split_lines(const char *text, size_t len, line *out, size_t cap)
{
    size_t n = 0, pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t s = pos, e = end;
        while (s < e && blank(text[s]))
            s++;
        while (e > s && blank(text[e - 1]))
            e--;
        if (e > s) {
            assert_true(n < cap);
            out[n].start = s;
            out[n].end = e;
            n++;
        }
        pos = end + 1;
    }
    return n;
}

static int line_is(const char *text, const line *l, const char *s)
{
    return l->end - l->start == strlen(s) && memcmp(text + l->start, s, strlen(s)) == 0;
}

/* Filters a sample and checks: the ranges are whole lines, in order, at
 * their exact offsets; exactly the non-blank lines listed in `dropped` (each
 * entry once per copy dropped) are missing; everything else is kept. Any
 * furniture left in place shows as an entry never used. */
static void check_sample(const char *file, const char *const *dropped, size_t n_dropped)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", SAMPLES, file);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(kg_file_read(path, (size_t)1 << 24, &text, &len), 0);

    kg_range *r = NULL;
    size_t nr = 0;
    assert_int_equal(kg_furniture_filter(&r, &nr, text, len), 0);

    static line lines[4096];
    size_t nl = split_lines(text, len, lines, 4096);
    int *used = calloc(n_dropped ? n_dropped : 1, sizeof *used);
    assert_non_null(used);
    size_t k = 0; /* next range */
    for (size_t i = 0; i < nl; i++) {
        if (k < nr && r[k].start == lines[i].start) {
            /* kept: the range is exactly this line */
            assert_int_equal(r[k].end, lines[i].end);
            k++;
            continue;
        }
        /* dropped: must be one of the expected ones */
        size_t d = 0;
        while (d < n_dropped && (used[d] || !line_is(text, &lines[i], dropped[d])))
            d++;
        if (d == n_dropped)
            fail_msg("%s: real line dropped: %.*s", file, (int)(lines[i].end - lines[i].start),
                     text + lines[i].start);
        used[d] = 1;
    }
    assert_int_equal(k, nr); /* no range that is not a line */
    for (size_t d = 0; d < n_dropped; d++)
        if (!used[d])
            fail_msg("%s: expected furniture not dropped: %s", file, dropped[d]);
    free(used);
    kg_free(r);
    kg_free(text);
}

static void test_sample_widgets_and_credit(void **state)
{
    (void)state;
    static const char *const dropped[] = {"Loading Now", "Original Source: www.cnn.com",
                                          "Post Comment"};
    check_sample("recognition-bid-summary.txt", dropped, 3);
}

static void test_sample_source_lines(void **state)
{
    (void)state;
    static const char *const dropped[] = {
        "This content was originally published in Taliban seeking diplomatic recognition in "
        "negotiations with Trump administration on CNN Brazil.",
        "Source: CNN Brasil", "You may also like"};
    check_sample("recognition-bid-translated.txt", dropped, 3);
}

static void test_sample_appeal_bank_details_and_repeats(void **state)
{
    (void)state;
    static const char appeal[] =
        "If there were ever a time to join us, it is now. Every contribution, however big or "
        "small, powers our journalism and sustains our future. Support the Dawat Media Center "
        "from as little as $/\xe2\x82\xac"
        "10 \xe2\x80\x93 it only takes a minute. If you can, please consider supporting us with "
        "a regular amount each month. Thank you";
    static const char *const dropped[] = {
        /* the headline printed twice: the second copy goes */
        "Direct Dialogue Between the United States and the Taliban in Kabul",
        "translation of the article published in the White House Arabic Section",
        "Support Dawat Media Center",
        appeal,
        "DNB Bank AC # 0530 2294668",
        "Account for international payments: NO15 0530 2294 668",
        "Vipps: #557320",
        "Support Dawat Media Center",
        appeal,
        "DNB Bank AC # 0530 2294668",
        "Account for international payments: NO15 0530 2294 668",
        "Vipps: #557320",
        "Comments are closed.",
    };
    check_sample("direct-dialogue-analysis.txt", dropped, sizeof dropped / sizeof *dropped);

    /* of the headline printed twice, the first copy is the one kept */
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(kg_file_read(SAMPLES "direct-dialogue-analysis.txt", (size_t)1 << 24, &text,
                                  &len),
                     0);
    kg_range *r = NULL;
    size_t n = 0;
    assert_int_equal(kg_furniture_filter(&r, &n, text, len), 0);
    assert_true(n > 2);
    assert_int_equal(r[0].start, 0);
    assert_memory_equal(text + r[0].start, dropped[0], strlen(dropped[0]));
    assert_memory_equal(text + r[1].start, "Prof. Dr. Ubaidullah Burhani", 28);
    assert_memory_equal(text + r[2].start, "Political and Strategic Dimensions", 34);
    kg_free(r);
    kg_free(text);
}

static void test_samples_without_furniture_are_untouched(void **state)
{
    (void)state;
    check_sample("amiri-release-explainer.txt", NULL, 0);
    check_sample("amiry-freed-news.txt", NULL, 0);
}

static void test_first_copy_of_a_repeat_is_kept(void **state)
{
    (void)state;
    static const char text[] = "Qatar mediated the release of the American.\r\n"
                               "\r\n"
                               "  Talks will resume in Doha next month.  \r\n"
                               "Qatar mediated the release of the American.\r\n"
                               "Yes.\nYes.\n"
                               "Loading Now";
    kg_range *r = NULL;
    size_t n = 0;
    assert_int_equal(kg_furniture_filter(&r, &n, text, strlen(text)), 0);
    assert_int_equal(n, 4);
    assert_int_equal(r[0].start, 0);
    assert_int_equal(r[0].end, 43);
    assert_memory_equal(text + r[1].start, "Talks will resume in Doha next month.", 37);
    assert_int_equal(r[1].end - r[1].start, 37);
    /* short lines repeat legitimately ("Yes." in an interview) */
    assert_memory_equal(text + r[2].start, "Yes.", 4);
    assert_memory_equal(text + r[3].start, "Yes.", 4);
    assert_int_equal(r[3].end, r[3].start + 4);
    kg_free(r);

    assert_int_equal(kg_furniture_filter(&r, &n, "", 0), 0);
    assert_int_equal(n, 0);
    assert_null(r);
    assert_int_equal(kg_furniture_filter(&r, &n, "\n\n  \n", 5), 0);
    assert_int_equal(n, 0);
}

static void check_kind(const char *s, int kind)
{
    int got = kg_furniture_classify(s, strlen(s));
    if (got != kind)
        fail_msg("\"%s\": %s, expected %s", s, kg_furniture_kind_name(got),
                 kg_furniture_kind_name(kind));
}

static void test_kinds_of_furniture(void **state)
{
    (void)state;
    check_kind("Loading Now", KG_FURNITURE_WIDGET);
    check_kind("  Post Comment  ", KG_FURNITURE_WIDGET);
    check_kind("You may also like", KG_FURNITURE_WIDGET);
    check_kind("Comments are closed.", KG_FURNITURE_WIDGET);
    check_kind("ADVERTISEMENT", KG_FURNITURE_WIDGET);
    check_kind("Read more: Qatar hosts new round of Afghan talks", KG_FURNITURE_WIDGET);
    check_kind("Share this article", KG_FURNITURE_WIDGET);
    check_kind("12 Comments", KG_FURNITURE_WIDGET);
    check_kind("20 Nov 2019 08:00 GMT", KG_FURNITURE_WIDGET);
    check_kind("Updated at 1:23 p.m.", KG_FURNITURE_WIDGET);
    check_kind("Published: Thursday, March 20th, 2025", KG_FURNITURE_WIDGET);
    check_kind("\xc2\xa9 2025 The Kabul Ledger. All rights reserved.", KG_FURNITURE_WIDGET);

    check_kind("Source: CNN Brasil", KG_FURNITURE_SOURCE);
    check_kind("Original Source: www.cnn.com", KG_FURNITURE_SOURCE);
    check_kind("Reporting by Jane Doe; Editing by John Roe", KG_FURNITURE_SOURCE);
    check_kind("This article was first published by The Kabul Ledger on 3 March.",
               KG_FURNITURE_SOURCE);

    check_kind("DNB Bank AC # 0530 2294668", KG_FURNITURE_PAYMENT);
    check_kind("Vipps: #557320", KG_FURNITURE_PAYMENT);
    check_kind("IBAN GB82 WEST 1234 5698 7654 32", KG_FURNITURE_PAYMENT);
    check_kind("Transfer to NO15 0530 2294 668", KG_FURNITURE_PAYMENT); /* valid IBAN */

    check_kind("Support Dawat Media Center", KG_FURNITURE_APPEAL);
    check_kind("We use cookies to give you the best experience on our website.",
               KG_FURNITURE_APPEAL);
    check_kind("Sign up for our newsletter to get the news in your inbox.", KG_FURNITURE_APPEAL);
}

static void test_real_sentences_are_not_furniture(void **state)
{
    (void)state;
    static const char *const sentences[] = {
        "The central bank raised its main rate by 0.25 percentage points on Tuesday.",
        "The bank said 1,250,000 accounts were affected.",
        "Sources said the talks would resume in Doha next week.",
        "The source of the leak remains unknown.",
        "Comments by the minister drew sharp criticism in Kabul.",
        "Supporters of the deal gathered outside the embassy.",
        "Support for the agreement has grown in Congress.",
        "\"We will support our partners,\" the envoy said.",
        "Reference code NO16 0530 2294 668 was not a valid account.",
        "He shared the post on Facebook before it was deleted.",
        "Loading the cargo took four hours.",
        "March 2025: talks resume",
        "On 20 March 2025 the envoy arrived.",
        "Related talks are planned in Oslo.",
        "Direct Dialogue Between the United States and the Taliban in Kabul",
        "Prof. Dr. Ubaidullah Burhani \xe2\x80\x93 California",
        "Conclusion",
        "I. Political Context of the Talks",
        "Yes.",
        NULL};
    for (const char *const *s = sentences; *s; s++)
        check_kind(*s, KG_FURNITURE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_widgets_and_credit),
        cmocka_unit_test(test_sample_source_lines),
        cmocka_unit_test(test_sample_appeal_bank_details_and_repeats),
        cmocka_unit_test(test_samples_without_furniture_are_untouched),
        cmocka_unit_test(test_first_copy_of_a_repeat_is_kept),
        cmocka_unit_test(test_kinds_of_furniture),
        cmocka_unit_test(test_real_sentences_are_not_furniture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
