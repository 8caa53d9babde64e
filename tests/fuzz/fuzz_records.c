/* fuzz_records.c - libFuzzer target: arbitrary bytes as extraction records
 * (kgraph build --triples), then into a graph, analysed and exported. */
#include "kg_export.h"
#include "kg_graph.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    kg_extraction *x = NULL;
    kg_graph *g = NULL;
    kg_graph_options o = KG_GRAPH_OPTIONS_INIT;
    o.cooccurrence = 1;
    if (kg_extraction_new(&x) || kg_graph_new(&g, &o))
        abort();
    if (kg_extraction_read(x, (const char *)data, size, "fuzz") == KG_OK &&
        kg_graph_add_extraction(g, x) == KG_OK && kg_graph_finish(g) == KG_OK &&
        kg_graph_analyse(g, NULL) == KG_OK) {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            kg_export(g, KG_FORMAT_GRAPHML, out, NULL);
            kg_export(g, KG_FORMAT_DOT, out, NULL);
            fclose(out);
        }
    }
    kg_graph_free(g);
    kg_extraction_free(x);
    return 0;
}
