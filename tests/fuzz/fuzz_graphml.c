/* fuzz_graphml.c - libFuzzer target: arbitrary bytes as the GraphML given to
 * kgraph build --update (read from a file, as the command does). */
#define _POSIX_C_SOURCE 200809L
#include "kg_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/kg-fuzz-graphml-%ld.graphml", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    kg_graph *g = NULL;
    if (kg_graph_new(&g, NULL))
        abort();
    if (kg_graph_add_graphml(g, path) == KG_OK && kg_graph_finish(g) == KG_OK)
        kg_graph_analyse(g, NULL);
    kg_graph_free(g);
    return 0;
}
