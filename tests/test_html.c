/* test_html.c - article extraction from news pages, feeds and sitemaps, input
 * sniffing, and the hostile inputs (XXE, billion laughs, malformed HTML). The
 * pages are the project's own, in tests/data/html/. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_common.h"
#include "kg_html.h"

#include <stdlib.h>
#include <string.h>

#define DATA KG_SOURCE_DIR "/tests/data/html/"

static char *slurp(const char *name, size_t *len)
{
    char *text = NULL;
    assert_int_equal(kg_file_read(name, (size_t)1 << 24, &text, len), 0);
    return text;
}

static kg_article *extract_file(const char *path)
{
    size_t len = 0;
    char *html = slurp(path, &len);
    kg_article *a = NULL;
    int rc = kg_html_extract(&a, html, len, path);
    if (rc)
        fail_msg("%s", kg_error_message());
    kg_free(html);
    assert_non_null(a);
    assert_non_null(a->text);
    return a;
}

static kg_feed *read_feed_file(const char *path, const char *base_dir)
{
    size_t len = 0;
    char *xml = slurp(path, &len);
    kg_feed *f = NULL;
    int rc = kg_feed_read(&f, xml, len, path, base_dir);
    if (rc)
        fail_msg("%s", kg_error_message());
    kg_free(xml);
    return f;
}

/* ------------------------------------------------------------- the page */

static void test_news_page_keeps_only_the_article(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "news.html");
    assert_string_equal(
        a->text,
        "The Taliban released an American citizen who had been detained in Afghanistan since "
        "December, officials in Washington and Doha said on Thursday.\n\n"
        "The man, a 61-year-old engineer from Ohio, was handed over to Qatari diplomats at Kabul "
        "airport and flown to Doha, where he was met by a United States envoy.\n\n"
        "Qatar mediated the talks that led to his release, according to two people familiar with "
        "the negotiations.\n\n"
        "Months of quiet diplomacy\n\n"
        "American officials had raised his case in several meetings with Taliban representatives "
        "since January, the State Department said in a statement.\n\n"
        "The Taliban did not say what, if anything, it received in return.\n\n"
        "His family thanked Qatar for its role and asked for privacy.");
    kg_article_free(a);
}

static void test_news_page_furniture_is_gone(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "news.html");
    static const char *const furniture[] = {
        "cookies",         "Share on",      "World",        "Related",
        "Qatar hosts new", "Doha agreement", "reader comment", "lengthy reply",
        "Every contribution", "journalism",  "Tracking script", "Injected text",
        "enable JavaScript", "Copyright",    "Most read",     "Markets rally",
        "Photo:",          "Tags",          "Maryam",       "font-family",
        "held since December", /* the headline is metadata, not a sentence */
        NULL};
    for (const char *const *f = furniture; *f; f++)
        if (strstr(a->text, *f))
            fail_msg("furniture \"%s\" left in the text:\n%s", *f, a->text);
    kg_article_free(a);
}

static void test_news_page_metadata(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "news.html");
    assert_string_equal(a->title, "Taliban free American held since December");
    assert_string_equal(a->byline, "Maryam Qasemi");
    assert_string_equal(a->date, "2025-03-20T09:14:00Z");
    assert_string_equal(a->url, "https://ledger.example/world/2025/03/taliban-free-american");
    assert_string_equal(a->id, a->url);
    kg_article_free(a);
}

static void test_id_is_the_name_without_canonical(void **state)
{
    (void)state;
    static const char page[] = "<html><head><title>Short</title></head><body><p>The talks in "
                               "Doha resumed on Monday after a pause of two weeks, officials "
                               "said.</p></body></html>";
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, page, strlen(page), "saved/page.html"), 0);
    assert_null(a->url);
    assert_string_equal(a->id, "saved/page.html");
    assert_string_equal(a->title, "Short");
    assert_null(a->byline);
    assert_null(a->date);
    kg_article_free(a);
}

static void test_byline_from_the_page_and_json_ld(void **state)
{
    (void)state;
    static const char page[] =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"datePublished\": \"2025-03-19T08:00:00+00:00\", \"author\": {\"@type\": \"Person\", "
        "\"name\": \"Omar Haidari\"}}</script></head><body><article><div class=\"byline\">By "
        "Someone Else</div><p>Adam Boehler sat next to Zalmay Khalilzad at the March meeting in "
        "Kabul, according to a person familiar with it.</p></article></body></html>";
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, page, strlen(page), "p.html"), 0);
    assert_string_equal(a->byline, "Omar Haidari");
    assert_string_equal(a->date, "2025-03-19T08:00:00+00:00");
    assert_null(strstr(a->text, "Someone Else"));
    assert_non_null(strstr(a->text, "Adam Boehler sat next to Zalmay Khalilzad"));
    kg_article_free(a);
}

static void test_json_ld_body_when_the_page_has_none(void **state)
{
    (void)state;
    /* a page rendered by script: the markup has no text, JSON-LD has it */
    static const char page[] =
        "<html><head><script type=\"application/ld+json\">{\"@context\": "
        "\"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": \"Envoy in "
        "Kabul\", \"articleBody\": \"Zalmay Khalilzad arrived in Kabul on Wednesday for talks "
        "with the Taliban\\u2019s foreign minister about detained Americans.\\nAdam Boehler, "
        "the presidential envoy for hostage affairs, travelled with him and met officials of the "
        "interior ministry.\\nSubscribe to our newsletter for your daily briefing.\"}</script>"
        "</head><body><div id=\"root\"></div><script>render()</script></body></html>";
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, page, strlen(page), "spa.html"), 0);
    assert_string_equal(a->text,
                        "Zalmay Khalilzad arrived in Kabul on Wednesday for talks with the "
                        "Taliban\xe2\x80\x99s foreign minister about detained Americans.\n\n"
                        "Adam Boehler, the presidential envoy for hostage affairs, travelled with "
                        "him and met officials of the interior ministry.");
    kg_article_free(a);
}

static void test_heading_left_over_from_an_appeal_goes(void **state)
{
    (void)state;
    static const char page[] =
        "<html><body><article><div class=\"entry-content\">"
        "<p>Qatar's mediators spent four months on the case before the Taliban agreed to free "
        "the American mechanic, officials said.</p>"
        "<h2>Why Qatar?</h2>"
        "<p>The emirate has hosted the Taliban's political office in Doha since 2013 and keeps "
        "channels open to Washington.</p>"
        "<h3>Something to consider</h3>"
        "<p>If you enjoyed this article, support our journalism: become a member today.</p>"
        "</div></article></body></html>";
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, page, strlen(page), "p.html"), 0);
    assert_non_null(strstr(a->text, "\n\nWhy Qatar?\n\n")); /* a heading inside stays */
    assert_null(strstr(a->text, "consider"));
    assert_null(strstr(a->text, "member"));
    kg_article_free(a);
}

/* ------------------------------------------------------------- encodings */

static void test_latin1_page_is_decoded(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "latin1.html");
    assert_string_equal(a->title, "Caf\xc3\xa9 talks in Doha");
    assert_non_null(strstr(a->text, "at a caf\xc3\xa9 near the Corniche"));
    assert_non_null(strstr(a->text, "d\xc3\xa9l\xc3\xa9gation"));
    /* ISO-8859-1 is read as windows-1252 (as browsers do): 0x93/0x94 are quotes */
    assert_non_null(strstr(a->text, "\xe2\x80\x9cWe made progress,\xe2\x80\x9d said"));
    assert_true(kg_utf8_valid(a->text, strlen(a->text), NULL));
    kg_article_free(a);
}

static void test_cyrillic_meta_charset_is_honoured(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "cp1251.html");
    /* "Кабул" */
    assert_string_equal(a->title, "\xd0\x9a\xd0\xb0\xd0\xb1\xd1\x83\xd0\xbb");
    /* "В Кабуле" */
    assert_memory_equal(a->text, "\xd0\x92 \xd0\x9a\xd0\xb0\xd0\xb1\xd1\x83\xd0\xbb\xd0\xb5", 15);
    kg_article_free(a);
}

static void test_utf8_page_with_stale_latin1_label(void **state)
{
    (void)state;
    /* a page re-saved as UTF-8 that still declares ISO-8859-1 */
    static const char page[] =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=iso-8859-1\"></head><body><p>The caf\xc3\xa9 in Doha hosted the envoys and the "
        "Taliban delegation for a second day of talks.</p></body></html>";
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, page, strlen(page), "p.html"), 0);
    assert_non_null(strstr(a->text, "The caf\xc3\xa9 in Doha"));
    kg_article_free(a);
}

/* ----------------------------------------------------------------- feeds */

static void test_rss_feed_items(void **state)
{
    (void)state;
    kg_feed *f = read_feed_file(DATA "rss.xml", DATA);
    assert_int_equal(kg_feed_kind(f), KG_FEED_RSS);
    assert_string_equal(kg_feed_title(f), "The Kabul Ledger: World");
    assert_int_equal(kg_feed_count(f), 2);
    assert_null(kg_feed_item(f, 2));

    const kg_article *a = kg_feed_item(f, 0);
    assert_string_equal(a->title, "Qatar hosts new round of Afghan talks");
    assert_string_equal(a->url, "https://ledger.example/world/2025/03/qatar-hosts-talks");
    assert_string_equal(a->id, a->url);
    assert_string_equal(a->date, "Tue, 18 Mar 2025 07:30:00 GMT");
    assert_string_equal(a->byline, "Maryam Qasemi");
    /* content:encoded wins over the description; share bar and the
     * "The post ... appeared first on" credit are furniture */
    assert_string_equal(a->text, "Qatar hosted a new round of talks between Taliban officials "
                                 "and American envoys in Doha on Monday.\n\n"
                                 "The envoys discussed the fate of detained Americans and the "
                                 "reopening of embassies.");

    const kg_article *b = kg_feed_item(f, 1);
    assert_string_equal(b->title, "Envoy lands in Kabul");
    assert_null(b->url);
    assert_null(b->byline);
    assert_string_equal(b->id, DATA "rss.xml#2");
    /* escaped HTML in the description, with an HTML entity inside */
    assert_string_equal(b->text, "Zalmay Khalilzad arrived in Kabul on Wednesday for meetings "
                                 "with the Taliban\xe2\x80\x99s foreign minister.\n\n"
                                 "Adam Boehler travelled with him.");
    kg_feed_free(f);
}

static void test_atom_feed_entries(void **state)
{
    (void)state;
    kg_feed *f = read_feed_file(DATA "atom.xml", NULL);
    assert_int_equal(kg_feed_kind(f), KG_FEED_ATOM);
    assert_string_equal(kg_feed_title(f), "Doha Diplomacy Notes");
    assert_int_equal(kg_feed_count(f), 2);

    const kg_article *a = kg_feed_item(f, 0);
    assert_string_equal(a->title, "Prisoner exchange confirmed");
    assert_string_equal(a->url, "https://notes.example/2025/03/exchange"); /* rel=alternate */
    assert_string_equal(a->date, "2025-03-20T12:00:00Z");                  /* published */
    assert_string_equal(a->byline, "Omar Haidari");
    assert_string_equal(a->text, "The United States and the Taliban confirmed a prisoner "
                                 "exchange mediated by Qatar.\n\nBoth sides called it a goodwill "
                                 "gesture.");

    const kg_article *b = kg_feed_item(f, 1);
    assert_null(b->url);
    assert_string_equal(b->id, "urn:uuid:5c3e8f0e-6a43-4a36-9c44-1b5c1c0cf002");
    assert_string_equal(b->date, "2025-03-21T09:30:00Z"); /* only "updated" */
    assert_string_equal(b->text, "No date was set for reopening the Afghan embassy in "
                                 "Washington.\n\nOfficials said the question would be discussed "
                                 "again in April.");
    kg_feed_free(f);
}

static void test_sitemap_reads_local_files_only(void **state)
{
    (void)state;
    kg_feed *f = read_feed_file(DATA "sitemap.xml", KG_SOURCE_DIR "/tests/data/html");
    assert_int_equal(kg_feed_kind(f), KG_FEED_SITEMAP);
    assert_int_equal(kg_feed_count(f), 2);
    assert_int_equal(kg_feed_skipped(f), 1); /* the https:// entry is never fetched */

    const kg_article *a = kg_feed_item(f, 0);
    assert_string_equal(a->id, "https://ledger.example/world/2025/03/glezmann-freed");
    assert_string_equal(a->title, "Glezmann freed");
    assert_string_equal(a->date, "2025-03-15"); /* lastmod, as the page has no date */
    assert_string_equal(a->text,
                        "George Glezmann, an airline mechanic from Atlanta, was released by the "
                        "Taliban after more than two years in detention.\n\n"
                        "His release was mediated by Qatar, whose officials accompanied him on "
                        "the flight to Doha.");

    const kg_article *b = kg_feed_item(f, 1);
    assert_string_equal(b->id, KG_SOURCE_DIR "/tests/data/html/pages/note.txt");
    assert_string_equal(b->text, "Faye Hall was released less than two weeks later.\n\n"
                                 "The Taliban said the release was a humanitarian gesture.");
    kg_feed_free(f);
}

static void test_sitemap_file_urls(void **state)
{
    (void)state;
    char xml[2048];
    snprintf(xml, sizeof xml,
             "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
             "<url><loc>file://%s/tests/data/html/pages/release%%2Ehtml</loc></url>"
             "<url><loc>file://otherhost/share/page.html</loc></url>"
             "<url><loc>ftp://ledger.example/page.html</loc></url>"
             "</urlset>",
             KG_SOURCE_DIR);
    kg_feed *f = NULL;
    assert_int_equal(kg_feed_read(&f, xml, strlen(xml), "mem.xml", "/nonexistent"), 0);
    assert_int_equal(kg_feed_count(f), 1);
    assert_int_equal(kg_feed_skipped(f), 2);
    assert_string_equal(kg_feed_item(f, 0)->title, "Glezmann freed");
    kg_feed_free(f);
}

static void test_sitemap_missing_file_is_named(void **state)
{
    (void)state;
    static const char xml[] = "<urlset><url><loc>no-such-page.html</loc></url></urlset>";
    kg_feed *f = NULL;
    assert_int_equal(kg_feed_read(&f, xml, strlen(xml), "map.xml", "/nonexistent-dir"), KG_EIO);
    assert_null(f);
    assert_non_null(strstr(kg_error_message(), "/nonexistent-dir/no-such-page.html"));
    assert_non_null(strstr(kg_error_message(), "map.xml"));
}

static void test_not_a_feed(void **state)
{
    (void)state;
    kg_feed *f = NULL;
    static const char html[] = "<html><body><p>Not a feed.</p></body></html>";
    assert_int_equal(kg_feed_read(&f, html, strlen(html), "page.html", NULL), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "page.html"));
    static const char broken[] = "<rss><channel><item><title>Open</channel>";
    assert_int_equal(kg_feed_read(&f, broken, strlen(broken), "broken.xml", NULL), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "not well-formed"));
    assert_null(f);
}

/* ------------------------------------------------------------- hostile */

static void assert_no_passwd(const char *s)
{
    if (s && (strstr(s, "root:") || strstr(s, "/bin/")))
        fail_msg("a local file leaked into the output: %s", s);
}

static void test_xxe_feed_reads_no_local_file(void **state)
{
    (void)state;
    kg_feed *f = read_feed_file(DATA "xxe.xml", NULL);
    assert_int_equal(kg_feed_count(f), 1);
    const kg_article *a = kg_feed_item(f, 0);
    assert_no_passwd(kg_feed_title(f));
    assert_no_passwd(a->title);
    assert_no_passwd(a->text);
    assert_string_equal(a->title, "Leak");
    assert_string_equal(a->text, "Before the entity. After the entity.");
    kg_feed_free(f);
}

static void test_xxe_html_reads_no_local_file(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "xxe.html");
    assert_no_passwd(a->text);
    assert_non_null(strstr(a->text, "through an external entity"));
    kg_article_free(a);
}

static void test_billion_laughs_is_refused(void **state)
{
    (void)state;
    size_t len = 0;
    char *xml = slurp(DATA "billion-laughs.xml", &len);
    kg_feed *f = NULL;
    int rc = kg_feed_read(&f, xml, len, "laughs.xml", NULL);
    kg_free(xml);
    /* either refused, or read without expanding the entities */
    if (rc == 0) {
        for (size_t i = 0; i < kg_feed_count(f); i++)
            assert_true(strlen(kg_feed_item(f, i)->text) < 1000);
        kg_feed_free(f);
    } else {
        assert_int_equal(rc, KG_EINPUT);
        assert_non_null(strstr(kg_error_message(), "laughs.xml"));
        assert_null(f);
    }
}

static void test_malformed_html(void **state)
{
    (void)state;
    kg_article *a = extract_file(DATA "malformed.html");
    assert_string_equal(a->title, "Broken page");
    assert_non_null(strstr(a->text, "The first paragraph never closes its tag"));
    assert_non_null(strstr(a->text, "a stray bold and italic run that crosses tags"));
    assert_true(kg_utf8_valid(a->text, strlen(a->text), NULL));
    kg_article_free(a);
}

static void test_deeply_nested_and_binary_input(void **state)
{
    (void)state;
    kg_strbuf b = KG_STRBUF_INIT;
    for (int i = 0; i < 20000; i++)
        assert_int_equal(kg_strbuf_puts(&b, "<div><span>"), 0);
    assert_int_equal(kg_strbuf_puts(&b, "The envoy arrived in Kabul on Monday for talks with the "
                                        "Taliban about the detained Americans."),
                     0);
    kg_article *a = NULL;
    assert_int_equal(kg_html_extract(&a, b.data, b.len, "deep.html"), 0);
    assert_non_null(a->text);
    kg_article_free(a);
    kg_strbuf_free(&b);

    static const char junk[] = "\x00\x01\xff\xfe<\x00p>\x80\x81\x82 binary \x00 junk";
    assert_int_equal(kg_html_extract(&a, junk, sizeof junk - 1, "junk.bin"), 0);
    assert_true(kg_utf8_valid(a->text, strlen(a->text), NULL));
    kg_article_free(a);

    assert_int_equal(kg_html_extract(&a, "", 0, "empty.html"), 0);
    assert_string_equal(a->text, "");
    assert_string_equal(a->id, "empty.html");
    kg_article_free(a);
}

/* Every allocation failure inside extraction and feed reading is reported as
 * KG_ENOMEM and cleaned up (ASan finds the leaks); needs KG_ALLOC_TESTING. */
static void test_allocation_failures_clean_up(void **state)
{
    (void)state;
#ifndef KG_ALLOC_TESTING
    skip();
#else
    static const char *const inputs[] = {"news.html", "latin1.html", "rss.xml", "atom.xml",
                                         "sitemap.xml"};
    for (size_t k = 0; k < sizeof inputs / sizeof *inputs; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", DATA, inputs[k]);
        size_t len = 0;
        char *data = slurp(path, &len);
        int feed = kg_html_sniff(data, len) == KG_INPUT_FEED;
        int done = 0;
        for (long n = 0; n < 100000 && !done; n++) {
            kg_article *a = NULL;
            kg_feed *f = NULL;
            kg_alloc_fail_after(n);
            int rc = feed ? kg_feed_read(&f, data, len, path, DATA)
                          : kg_html_extract(&a, data, len, path);
            kg_alloc_fail_after(-1);
            if (rc == 0)
                done = 1;
            else if (rc != KG_ENOMEM)
                fail_msg("%s, allocation %ld failing: %s", inputs[k], n, kg_error_message());
            kg_article_free(a);
            kg_feed_free(f);
        }
        assert_true(done);
        kg_free(data);
    }
#endif
}

/* -------------------------------------------------------------- sniffing */

static void test_sniff(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        int kind;
    } cases[] = {
        {"The Taliban released an American citizen on Sunday.\n", KG_INPUT_TEXT},
        {"If a < b and c > d, the talks continue.\n", KG_INPUT_TEXT},
        {"<!DOCTYPE html>\n<html><body></body></html>", KG_INPUT_HTML},
        {"\xef\xbb\xbf<!doctype HTML><title>x</title>", KG_INPUT_HTML},
        {"<!-- saved from url=(0044)https://example.org/ -->\n<html>", KG_INPUT_HTML},
        {"<div class=\"story\"><p>A fragment of a page.</p></div>", KG_INPUT_HTML},
        {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", KG_INPUT_FEED},
        {"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss/>", KG_INPUT_FEED},
        {"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>", KG_INPUT_FEED},
        {"<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", KG_INPUT_FEED},
        {"<?xml version=\"1.0\"?>\n<urlset></urlset>", KG_INPUT_FEED},
        {"<sitemapindex></sitemapindex>", KG_INPUT_FEED},
        {"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>",
         KG_INPUT_HTML},
        {"<?xml version=\"1.0\"?><graphml></graphml>", KG_INPUT_TEXT},
        {"", KG_INPUT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int got = kg_html_sniff(cases[i].bytes, strlen(cases[i].bytes));
        if (got != cases[i].kind)
            fail_msg("sniff(\"%s\") = %d, expected %d", cases[i].bytes, got, cases[i].kind);
    }
    size_t len = 0;
    char *page = slurp(DATA "news.html", &len);
    assert_int_equal(kg_html_sniff(page, len), KG_INPUT_HTML);
    kg_free(page);
    page = slurp(DATA "atom.xml", &len);
    assert_int_equal(kg_html_sniff(page, len), KG_INPUT_FEED);
    kg_free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_page_keeps_only_the_article),
        cmocka_unit_test(test_news_page_furniture_is_gone),
        cmocka_unit_test(test_news_page_metadata),
        cmocka_unit_test(test_id_is_the_name_without_canonical),
        cmocka_unit_test(test_byline_from_the_page_and_json_ld),
        cmocka_unit_test(test_json_ld_body_when_the_page_has_none),
        cmocka_unit_test(test_heading_left_over_from_an_appeal_goes),
        cmocka_unit_test(test_latin1_page_is_decoded),
        cmocka_unit_test(test_cyrillic_meta_charset_is_honoured),
        cmocka_unit_test(test_utf8_page_with_stale_latin1_label),
        cmocka_unit_test(test_rss_feed_items),
        cmocka_unit_test(test_atom_feed_entries),
        cmocka_unit_test(test_sitemap_reads_local_files_only),
        cmocka_unit_test(test_sitemap_file_urls),
        cmocka_unit_test(test_sitemap_missing_file_is_named),
        cmocka_unit_test(test_not_a_feed),
        cmocka_unit_test(test_xxe_feed_reads_no_local_file),
        cmocka_unit_test(test_xxe_html_reads_no_local_file),
        cmocka_unit_test(test_billion_laughs_is_refused),
        cmocka_unit_test(test_malformed_html),
        cmocka_unit_test(test_deeply_nested_and_binary_input),
        cmocka_unit_test(test_allocation_failures_clean_up),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
