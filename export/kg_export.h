/* kg_export.h - writing a finished kg_graph in the formats people use:
 *
 *   format    extension        for
 *   graphml   .graphml         Gephi, networkx, igraph, yEd (libxml2 writer)
 *   gexf      .gexf            Gephi's own format, GEXF 1.3 with viz:*
 *   json      .json            D3 and Cytoscape.js (node-link JSON, see json.c)
 *   dot       .dot .gv         Graphviz source of the drawing (cgraph)
 *   svg       .svg             the drawing, laid out and rendered in-process (gvc)
 *   png       .png             the same drawing rendered by cairo
 *   html      .html .htm       interactive page: the SVG with pan, zoom, search and evidence
 *   turtle    .ttl             RDF, Turtle
 *   ntriples  .nt              RDF, N-Triples
 *   neo4j     (a directory)    nodes.csv + relationships.csv for neo4j-admin import
 *
 * Drawings (SVG, PNG, HTML) share one Graphviz layout, whose positions also go
 * into GraphML, GEXF and JSON; a kg_export_drawing lets several outputs reuse
 * it instead of laying the graph out again. */
#ifndef KG_EXPORT_H
#define KG_EXPORT_H

#include "kg_graph.h"

#include <stddef.h>
#include <stdio.h>

typedef enum kg_format {
    KG_FORMAT_NONE = 0,
    KG_FORMAT_GRAPHML,
    KG_FORMAT_GEXF,
    KG_FORMAT_JSON,
    KG_FORMAT_DOT,
    KG_FORMAT_SVG,
    KG_FORMAT_PNG,
    KG_FORMAT_HTML,
    KG_FORMAT_TURTLE,
    KG_FORMAT_NTRIPLES,
    KG_FORMAT_NEO4J,
} kg_format;

/* The format a path's extension names (table above), or KG_FORMAT_NONE. */
kg_format kg_format_from_path(const char *path);
/* The format called name (table above), or KG_FORMAT_NONE. */
kg_format kg_format_from_name(const char *name);
/* The format's name. Ownership: static string. */
const char *kg_format_name(kg_format format);
/* 1 for rendered drawings (SVG, PNG, HTML), which max_draw_nodes limits. */
int kg_format_is_drawing(kg_format format);
/* 1 for formats that use the layout: drawings, and GraphML, GEXF and JSON
 * when positions are on. */
int kg_format_uses_layout(kg_format format);

/* A styled Graphviz drawing of one graph, laid out once. */
typedef struct kg_export_drawing kg_export_drawing;

/* Drawings of more nodes than this are refused by default: past it labels
 * overlap and the text is too small to read at any sensible page size. */
#define KG_EXPORT_MAX_DRAW_NODES 150

typedef struct kg_export_options {
    const char *title;     /* title line of drawings (e.g. the input names); NULL for none */
    const char *layout;    /* Graphviz engine: neato, sfdp, fdp, dot, circo; NULL picks by size */
    size_t max_draw_nodes; /* larger graphs are not drawn (KG_EINVAL); 0: no limit */
    int positions;         /* GraphML, GEXF and JSON carry layout positions */
    const char *rdf_base;  /* IRI prefix of RDF resources; NULL: "urn:kgraph:" */
    /* a drawing of this graph made with these options, reused; NULL: made as needed */
    const kg_export_drawing *drawing;
} kg_export_options;

#define KG_EXPORT_OPTIONS_INIT                                                                     \
    {                                                                                              \
        NULL, NULL, KG_EXPORT_MAX_DRAW_NODES, 1, NULL, NULL                                        \
    }

/* Checks, without doing the work, that g can be exported in format with
 * opts: a known format and layout engine, and a drawing no larger than
 * max_draw_nodes (the message then suggests `--top N`). Returns 0 or
 * KG_EINVAL. Ownership: borrows everything. */
int kg_export_check(const kg_graph *g, kg_format format, const kg_export_options *opts);

/* Builds and lays out the drawing of g (finished) once, for every output
 * that needs a layout. styled: the drawing is for rendering (SVG, PNG, HTML,
 * DOT); otherwise, and for graphs above max_draw_nodes, a plain layout that
 * only provides positions (for GraphML, GEXF, JSON) is made, which is much
 * cheaper. opts may be NULL. Ownership: the caller frees *out with
 * kg_export_drawing_free after the last export that uses it; it borrows g. */
int kg_export_drawing_new(kg_export_drawing **out, const kg_graph *g, const kg_export_options *opts,
                          int styled);
/* Ownership: frees d (NULL is fine). */
void kg_export_drawing_free(kg_export_drawing *d);

/* Writes g (finished) to f in format. opts may be NULL. Returns KG_EIO when
 * a write fails, KG_ELIB when Graphviz or libxml2 report an error and
 * KG_EINVAL for an unusable option, a drawing too large, or KG_FORMAT_NEO4J
 * (two files: use kg_export_path). Ownership: borrows g, f and opts. */
int kg_export(const kg_graph *g, kg_format format, FILE *f, const kg_export_options *opts);

/* Writes g to path atomically (temporary file renamed into place; "-" is
 * stdout), in the format its extension names unless format is given. Neo4j
 * output writes path/nodes.csv and path/relationships.csv, creating the
 * directory path. Ownership: borrows everything. */
int kg_export_path(const kg_graph *g, kg_format format, const char *path,
                   const kg_export_options *opts);

/* Releases the process-wide Graphviz context (created on the first layout).
 * Call once at exit: layouts fail (KG_EINVAL) afterwards, since Graphviz
 * 2.42 cannot safely create a second context in one process. Ownership:
 * none. */
void kg_export_cleanup(void);

#endif /* KG_EXPORT_H */
