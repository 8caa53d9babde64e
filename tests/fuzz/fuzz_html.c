/* fuzz_html.c - libFuzzer target: arbitrary bytes as a saved web page and as a
 * feed or sitemap (never fetched; local files only). */
#include "kg_html.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    kg_article *a = NULL;
    if (kg_html_extract(&a, (const char *)data, size, "fuzz.html") == 0)
        kg_article_free(a);
    kg_feed *f = NULL;
    if (kg_feed_read(&f, (const char *)data, size, "fuzz.xml", "/nonexistent") == 0)
        kg_feed_free(f);
    return 0;
}
