/* article_bench.c - speed and output of kg_html_extract over saved pages, for
 * bench/article-extraction.sh: extracts every page named on the command line,
 * writes {id: {"articleBody": text}} JSON (id = file name without .html) for
 * the benchmark's scorer, and prints pages per second of extraction alone
 * (reading files is not timed).
 *   article_bench OUT.json PAGE.html... */
#define _POSIX_C_SOURCE 200809L
#include "kg_common.h"
#include "kg_html.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: article_bench OUT.json PAGE.html...\n", stderr);
        return 1;
    }
    kg_outfile *out = NULL;
    if (kg_outfile_open(&out, argv[1])) {
        fprintf(stderr, "article_bench: %s\n", kg_error_message());
        return 1;
    }
    FILE *f = kg_outfile_stream(out);
    double seconds = 0;
    size_t bytes = 0, pages = 0;
    int status = 0;
    fputs("{\n", f);
    for (int i = 2; i < argc; i++) {
        char *html = NULL;
        size_t len = 0;
        kg_article *a = NULL;
        if (kg_file_read(argv[i], (size_t)1 << 28, &html, &len)) {
            fprintf(stderr, "article_bench: %s\n", kg_error_message());
            status = 1;
            break;
        }
        double t0 = now();
        int rc = kg_html_extract(&a, html, len, argv[i]);
        seconds += now() - t0;
        kg_free(html);
        if (rc) {
            fprintf(stderr, "article_bench: %s\n", kg_error_message());
            status = 1;
            break;
        }
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        size_t bl = strlen(base);
        if (bl > 5 && strcmp(base + bl - 5, ".html") == 0)
            bl -= 5;
        fprintf(f, "%s\"%.*s\": {\"articleBody\": ", pages ? ",\n" : "", (int)bl, base);
        json_string(f, a->text);
        fputs("}", f);
        bytes += len;
        pages++;
        kg_article_free(a);
    }
    fputs("\n}\n", f);
    if (status) {
        kg_outfile_abort(out);
        return status;
    }
    if (kg_outfile_commit(out)) {
        fprintf(stderr, "article_bench: %s\n", kg_error_message());
        return 1;
    }
    printf("pages %zu  extraction %.3f s  %.1f pages/s  %.1f MB/s\n", pages, seconds,
           seconds > 0 ? pages / seconds : 0.0, seconds > 0 ? bytes / seconds / 1e6 : 0.0);
    return 0;
}
