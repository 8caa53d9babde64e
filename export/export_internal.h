/* export_internal.h - what the exporters share inside the export module. */
#ifndef KG_EXPORT_INTERNAL_H
#define KG_EXPORT_INTERNAL_H

#include "kg_export.h"

#include <graphviz/cgraph.h>

int kg_export_graphml(const kg_graph *g, FILE *f);
int kg_export_dot(const kg_graph *g, FILE *f, const kg_export_options *o);
int kg_export_svg(const kg_graph *g, FILE *f, const kg_export_options *o);

/* Builds the styled cgraph drawing of g (nodes "n<i>", labels, colours and
 * shapes by type, edge labels, widths and tooltips). Ownership: the caller
 * closes it with agclose. NULL with the kg error set on failure. */
Agraph_t *kg_export_cgraph(const kg_graph *g, const kg_export_options *o);

#endif
