/* cmd_text.c - `kgraph text FILE...`: the text kgraph reads from each input,
 * after page furniture is removed: exactly what the rest of the pipeline sees. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "inputs.h"
#include "kg_ingest.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void text_usage(FILE *f)
{
    fputs("usage: kgraph text [OPTIONS] FILE...\n"
          "\n"
          "Prints the text kgraph takes from each input - the article of a web page, each\n"
          "item of a feed, a text file without its page furniture - as the rest of the\n"
          "pipeline sees it. With several documents, each starts with a '==> ID <==' line.\n"
          "\n" CLI_INPUT_HELP
          "  -m, --meta           also print each document's title, byline, date and address\n"
          "  -h, --help           this help\n",
          f);
}

typedef struct text_state {
    int headers; /* print "==> id <==" before each document */
    int meta;
    size_t printed;
} text_state;

static int print_document(void *ctx, kg_document *d)
{
    text_state *st = ctx;
    if (st->headers) {
        printf("%s==> %s <==\n", st->printed ? "\n" : "", d->id);
    }
    if (st->meta) {
        const char *names[] = {"title", "byline", "date", "url"};
        const char *values[] = {d->title, d->byline, d->date, d->url};
        for (int i = 0; i < 4; i++) {
            if (values[i]) {
                printf("%s: %s\n", names[i], values[i]);
            }
        }
        printf("\n");
    }
    fwrite(d->text, 1, d->len, stdout);
    if (d->len && d->text[d->len - 1] != '\n') {
        putchar('\n');
    }
    st->printed++;
    kg_document_free(d);
    return ferror(stdout) ? kg_error_set(KG_EIO, "<stdout>: write failed") : KG_OK;
}

int cmd_text(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"meta", no_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        CLI_INPUT_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    cli_graph_options io;
    cli_graph_options_init(&io);
    text_state st = {0, 0, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "mh", longopts, NULL)) != -1) {
        switch (c) {
        case 'm':
            st.meta = 1;
            break;
        case 'h':
            text_usage(stdout);
            return 0;
        default:
            if (cli_input_option(&io, c, optarg)) {
                break;
            }
            text_usage(stderr);
            return 1;
        }
    }
    if (optind >= argc) {
        return cli_fail("text: no input files (see 'kgraph text --help')");
    }
    char **inputs = NULL;
    size_t n = 0;
    if (cli_expand_inputs(&inputs, &n, argv + optind, (size_t)(argc - optind), &io)) {
        return 1;
    }
    kg_ingest_options o = KG_INGEST_OPTIONS_INIT;
    o.furniture = !io.keep_furniture;
    /* a header per document whenever there could be more than one */
    st.headers = n > 1;
    int status = 0;
    for (size_t i = 0; i < n && status == 0; i++) {
        if (kg_ingest_file(inputs[i], &o, print_document, &st)) {
            status = cli_fail("%s", kg_error_message());
        }
    }
    cli_free_inputs(inputs, n);
    if (status == 0 && fflush(stdout) != 0) {
        status = cli_fail("<stdout>: write failed");
    }
    return status;
}
