/* kg_export.h - writing a finished kg_graph in the formats people use:
 * GraphML (libxml2's xmlTextWriter), DOT (Graphviz cgraph) and SVG (laid out
 * and rendered in-process by Graphviz gvc). */
#ifndef KG_EXPORT_H
#define KG_EXPORT_H

#include "kg_graph.h"

#include <stdio.h>

typedef enum kg_format {
    KG_FORMAT_NONE = 0,
    KG_FORMAT_GRAPHML,
    KG_FORMAT_DOT,
    KG_FORMAT_SVG,
} kg_format;

/* The format a path's extension names (.graphml, .dot/.gv, .svg), or
 * KG_FORMAT_NONE. */
kg_format kg_format_from_path(const char *path);
/* The format called name ("graphml", "dot", "svg"), or KG_FORMAT_NONE. */
kg_format kg_format_from_name(const char *name);
/* The format's usual name. Ownership: static string. */
const char *kg_format_name(kg_format format);

typedef struct kg_export_options {
    const char *title;  /* title line of drawings (e.g. the input names); NULL for none */
    const char *layout; /* Graphviz layout engine for SVG; NULL picks one by size */
} kg_export_options;

#define KG_EXPORT_OPTIONS_INIT {NULL, NULL}

/* Writes g (finished) to f in format. opts may be NULL. Returns KG_EIO when a
 * write fails and KG_ELIB when Graphviz or libxml2 report an error. */
int kg_export(const kg_graph *g, kg_format format, FILE *f, const kg_export_options *opts);

/* Writes g to path atomically (temporary file renamed into place; "-" is
 * stdout), in the format its extension names unless format is given. */
int kg_export_path(const kg_graph *g, kg_format format, const char *path,
                   const kg_export_options *opts);

/* Releases the process-wide Graphviz context (created on the first SVG
 * export). Call once at exit: SVG export fails (KG_EINVAL) afterwards, since
 * Graphviz 2.42 cannot safely create a second context in one process. */
void kg_export_cleanup(void);

#endif /* KG_EXPORT_H */
