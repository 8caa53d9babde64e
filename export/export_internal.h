/* export_internal.h - what the exporters share inside the export module:
 * the escapers (escape.c), the entity styles (style.c), the Graphviz drawing
 * and its layout (dot.c, layout.c) and one writer per format. */
#ifndef KG_EXPORT_INTERNAL_H
#define KG_EXPORT_INTERNAL_H

#include "kg_export.h"

#include <graphviz/cgraph.h>
#include <libxml/xmlwriter.h>

/* ------------------------------------------------------------- escape.c */

/* Keep newlines (as the syntax writes them) instead of turning them into
 * spaces. */
#define KG_ESC_NEWLINES 1u

/* Each appends s to b escaped for one syntax; max (0: no limit) bounds the
 * input bytes taken, the rest replaced by "...". Malformed UTF-8 becomes
 * U+FFFD and control characters spaces. Return 0 or KG_ENOMEM (b freed). */
int kg_esc_clean(kg_strbuf *b, const char *s, unsigned flags, size_t max); /* plain text */
int kg_esc_dot(kg_strbuf *b, const char *s, unsigned flags, size_t max);   /* escString */
int kg_esc_xml(kg_strbuf *b, const char *s, unsigned flags, size_t max);   /* XML and HTML */
int kg_esc_json(kg_strbuf *b, const char *s); /* a JSON string with its quotes */
int kg_esc_csv(kg_strbuf *b, const char *s);  /* a quoted CSV field, on one line */
int kg_esc_rdf(kg_strbuf *b, const char *s);  /* an N-Triples/Turtle literal, quoted */
int kg_esc_iri(kg_strbuf *b, const char *s);  /* percent-encoded IRI piece */
/* Plain text shortened to about max bytes, cut at a word boundary. */
int kg_esc_short(kg_strbuf *b, const char *s, size_t max);

/* -------------------------------------------------------------- style.c */

typedef struct kg_style {
    const char *type;   /* entity type ("" for untyped) */
    const char *legend; /* what the legend calls it */
    const char *shape;  /* Graphviz shape */
    const char *fill;   /* "#rrggbb" */
    const char *border; /* "#rrggbb" */
} kg_style;

/* The style of an entity type; unknown and empty types get a neutral one.
 * Ownership: static. */
const kg_style *kg_style_for(const char *type);
/* All styles, the neutral one last. */
size_t kg_style_count(void);
const kg_style *kg_style_at(size_t i);
/* "#rrggbb" to 0..255 channels. */
void kg_style_rgb(const char *hex, int rgb[3]);
/* Per-node centrality scaled to [0, 1] (square root of value / max); *measure
 * names what was used ("PageRank" or "degree"). Ownership: *out is the
 * caller's, freed with kg_free. */
int kg_style_centrality(double **out, const kg_graph *g, const char **measure);
/* The node size (Gephi's size, in points) for a centrality in [0, 1]. */
double kg_style_size(double centrality);

/* ---------------------------------------------------- dot.c, layout.c */

struct kg_export_drawing {
    Agraph_t *G;      /* the cgraph drawing */
    Agnode_t **nodes; /* kg node -> drawing node */
    size_t n;         /* kg nodes */
    int styled;       /* labels, colours, legend: can be rendered */
    int laid_out;     /* gvLayout succeeded */
    double *x, *y;    /* layout positions in points, y up, origin at the bottom left */
    double *size;     /* node size (kg_style_size) */
    double width, height;
    const char *engine; /* layout engine used */
};

/* Builds the styled cgraph drawing of g: nodes "n<i>" with labels, colours
 * and shapes by type and size by centrality; parallel edges with the same
 * direction drawn as one edge "d_n<i>_n<j>" carrying every relation; a title
 * and legend. plain: nodes and edges only (layout of a graph too big to
 * draw). Ownership: the caller frees with kg_export_drawing_free. */
int kg_export_cgraph(kg_export_drawing **out, const kg_graph *g, const kg_export_options *o,
                     int plain);
/* Lays the drawing out in-process (gvLayout) and reads the positions. */
int kg_export_layout(kg_export_drawing *d, const char *engine);
/* Renders a laid-out drawing with a gvc output format ("svg", "png") to
 * memory. Ownership: *out is the caller's, freed with kg_free. */
int kg_export_render(const kg_export_drawing *d, const char *format, char **out, size_t *len);
/* The layout engine to use for g (the option, else by size). */
const char *kg_export_engine(const kg_graph *g, const kg_export_options *o);
/* The drawing to use: o->drawing, or a new one in *own (freed by the
 * caller). With need_styled, refuses graphs above max_draw_nodes. */
int kg_export_get_drawing(const kg_export_drawing **out, kg_export_drawing **own, const kg_graph *g,
                          const kg_export_options *o, int need_styled);
/* cgraph takes char * for strings it does not modify. */
char *kg_cs(const char *s);

/* ------------------------------------------------------- format writers */

int kg_export_graphml(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_gexf(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_json(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_dot(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_svg(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_png(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_html(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_rdf(const kg_graph *g, FILE *f, const kg_export_options *o, int turtle);
/* Writes dir/nodes.csv and dir/relationships.csv (creating dir). */
int kg_export_neo4j(const kg_graph *g, const char *dir, const kg_export_options *o);

/* The SVG drawing with each node's and edge's <title> carrying its tooltip
 * and the graph's its title, without the XML prolog when bare (for
 * embedding in HTML). Ownership: *out
 * is the caller's, freed with kg_free. */
int kg_export_svg_text(char **out, size_t *len, const kg_export_drawing *d, int bare,
                       const char *title);

/* Writes path atomically with write (for the files of a directory export). */
typedef int (*kg_export_writer)(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_to_file(const kg_graph *g, const char *path, const kg_export_options *o,
                      kg_export_writer write);

/* Writes a whole buffer; KG_EIO when the stream fails. */
int kg_export_write(FILE *f, const void *p, size_t n);

/* An XML writer on a stream, with libxml2's printing of errors off until it
 * is closed (write failures come back as return codes). */
typedef struct kg_xml_out {
    xmlTextWriterPtr w;
    xmlGenericErrorFunc old;
    void *old_ctx;
} kg_xml_out;

int kg_xml_out_open(kg_xml_out *x, FILE *f);
void kg_xml_out_close(kg_xml_out *x);

#endif
