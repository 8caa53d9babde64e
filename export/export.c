/* export.c - format selection and atomic export to a path. */
#include "export_internal.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    const char *ext;
    kg_format format;
} formats[] = {
    {"graphml", ".graphml", KG_FORMAT_GRAPHML},
    {"dot", ".dot", KG_FORMAT_DOT},
    {"dot", ".gv", KG_FORMAT_DOT},
    {"svg", ".svg", KG_FORMAT_SVG},
};

#define N_FORMATS (sizeof formats / sizeof *formats)

kg_format kg_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return KG_FORMAT_NONE;
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (strcasecmp(dot, formats[i].ext) == 0)
            return formats[i].format;
    }
    return KG_FORMAT_NONE;
}

kg_format kg_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (strcasecmp(name, formats[i].name) == 0)
            return formats[i].format;
    }
    return KG_FORMAT_NONE;
}

const char *kg_format_name(kg_format format)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (formats[i].format == format)
            return formats[i].name;
    }
    return "none";
}

int kg_export(const kg_graph *g, kg_format format, FILE *f, const kg_export_options *opts)
{
    static const kg_export_options defaults = KG_EXPORT_OPTIONS_INIT;
    const kg_export_options *o = opts ? opts : &defaults;
    switch (format) {
    case KG_FORMAT_GRAPHML:
        return kg_export_graphml(g, f);
    case KG_FORMAT_DOT:
        return kg_export_dot(g, f, o);
    case KG_FORMAT_SVG:
        return kg_export_svg(g, f, o);
    default:
        return kg_error_set(KG_EINVAL, "unknown output format");
    }
}

int kg_export_path(const kg_graph *g, kg_format format, const char *path,
                   const kg_export_options *opts)
{
    if (format == KG_FORMAT_NONE)
        format = kg_format_from_path(path);
    if (format == KG_FORMAT_NONE)
        return kg_error_set(KG_EINVAL, "%s: unknown output format (use .graphml, .dot or .svg)",
                            path);
    kg_outfile *o = NULL;
    int rc = kg_outfile_open(&o, path);
    if (rc)
        return rc;
    rc = kg_export(g, format, kg_outfile_stream(o), opts);
    if (rc) {
        kg_outfile_abort(o);
        return kg_error_prefix(rc, path);
    }
    return kg_outfile_commit(o);
}
