/* export.c - format selection, dispatch to the writers, and atomic export
 * to a path (or, for Neo4j, to a directory of CSV files). */
#define _POSIX_C_SOURCE 200809L
#include "export_internal.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const struct {
    const char *name;
    const char *ext;
    kg_format format;
} formats[] = {
    {"graphml", ".graphml", KG_FORMAT_GRAPHML},
    {"gexf", ".gexf", KG_FORMAT_GEXF},
    {"json", ".json", KG_FORMAT_JSON},
    {"dot", ".dot", KG_FORMAT_DOT},
    {"dot", ".gv", KG_FORMAT_DOT},
    {"svg", ".svg", KG_FORMAT_SVG},
    {"png", ".png", KG_FORMAT_PNG},
    {"html", ".html", KG_FORMAT_HTML},
    {"html", ".htm", KG_FORMAT_HTML},
    {"turtle", ".ttl", KG_FORMAT_TURTLE},
    {"ntriples", ".nt", KG_FORMAT_NTRIPLES},
    {"neo4j", NULL, KG_FORMAT_NEO4J},
};

#define N_FORMATS (sizeof formats / sizeof *formats)

kg_format kg_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) {
        return KG_FORMAT_NONE;
    }
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (formats[i].ext && strcasecmp(dot, formats[i].ext) == 0) {
            return formats[i].format;
        }
    }
    return KG_FORMAT_NONE;
}

kg_format kg_format_from_name(const char *name)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (strcasecmp(name, formats[i].name) == 0) {
            return formats[i].format;
        }
    }
    if (strcasecmp(name, "ttl") == 0) {
        return KG_FORMAT_TURTLE;
    }
    if (strcasecmp(name, "nt") == 0) {
        return KG_FORMAT_NTRIPLES;
    }
    return KG_FORMAT_NONE;
}

const char *kg_format_name(kg_format format)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (formats[i].format == format) {
            return formats[i].name;
        }
    }
    return "none";
}

int kg_format_is_drawing(kg_format format)
{
    return format == KG_FORMAT_SVG || format == KG_FORMAT_PNG || format == KG_FORMAT_HTML;
}

int kg_format_uses_layout(kg_format format)
{
    return kg_format_is_drawing(format) || format == KG_FORMAT_GRAPHML ||
           format == KG_FORMAT_GEXF || format == KG_FORMAT_JSON;
}

int kg_export_write(FILE *f, const void *p, size_t n)
{
    if (n && (fwrite(p, 1, n, f) != n || ferror(f))) {
        return kg_error_set(KG_EIO, "write failed");
    }
    return KG_OK;
}

int kg_export(const kg_graph *g, kg_format format, FILE *f, const kg_export_options *opts)
{
    static const kg_export_options defaults = KG_EXPORT_OPTIONS_INIT;
    const kg_export_options *o = opts ? opts : &defaults;
    kg_error_clear();
    int rc = kg_export_check(g, format, o);
    if (rc) {
        return rc;
    }
    switch (format) {
    case KG_FORMAT_GRAPHML:
        return kg_export_graphml(g, f, o);
    case KG_FORMAT_GEXF:
        return kg_export_gexf(g, f, o);
    case KG_FORMAT_JSON:
        return kg_export_json(g, f, o);
    case KG_FORMAT_DOT:
        return kg_export_dot(g, f, o);
    case KG_FORMAT_SVG:
        return kg_export_svg(g, f, o);
    case KG_FORMAT_PNG:
        return kg_export_png(g, f, o);
    case KG_FORMAT_HTML:
        return kg_export_html(g, f, o);
    case KG_FORMAT_TURTLE:
        return kg_export_rdf(g, f, o, 1);
    case KG_FORMAT_NTRIPLES:
        return kg_export_rdf(g, f, o, 0);
    case KG_FORMAT_NEO4J:
        return kg_error_set(KG_EINVAL, "neo4j export writes two files: give a directory");
    default:
        return kg_error_set(KG_EINVAL, "unknown output format");
    }
}

int kg_export_to_file(const kg_graph *g, const char *path, const kg_export_options *o,
                      kg_export_writer write)
{
    kg_outfile *out = NULL;
    int rc = kg_outfile_open(&out, path);
    if (rc) {
        return rc;
    }
    rc = write(g, kg_outfile_stream(out), o);
    if (rc) {
        kg_outfile_abort(out);
        return kg_error_prefix(rc, path);
    }
    return kg_outfile_commit(out);
}

int kg_export_path(const kg_graph *g, kg_format format, const char *path,
                   const kg_export_options *opts)
{
    static const kg_export_options defaults = KG_EXPORT_OPTIONS_INIT;
    const kg_export_options *o = opts ? opts : &defaults;
    if (format == KG_FORMAT_NONE) {
        format = kg_format_from_path(path);
    }
    if (format == KG_FORMAT_NONE) {
        return kg_error_set(KG_EINVAL,
                            "%s: unknown output format (use .graphml, .gexf, .json, .dot, .svg, "
                            ".png, .html, .ttl or .nt, or --format neo4j with a directory)",
                            path);
    }
    if (format == KG_FORMAT_NEO4J) {
        if (strcmp(path, "-") == 0) {
            return kg_error_set(KG_EINVAL, "neo4j export writes a directory, not stdout");
        }
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            return kg_error_set(KG_EIO, "%s: cannot create directory: %s", path, strerror(errno));
        }
        return kg_export_neo4j(g, path, o);
    }
    kg_outfile *out = NULL;
    int rc = kg_outfile_open(&out, path);
    if (rc) {
        return rc;
    }
    rc = kg_export(g, format, kg_outfile_stream(out), o);
    if (rc) {
        int e = errno, io = ferror(kg_outfile_stream(out));
        kg_outfile_abort(out);
        /* a failed write: say why (disk full, file too large...) */
        if (io) {
            return kg_error_set(KG_EIO, "%s: write failed: %s", path, strerror(e));
        }
        return kg_error_prefix(rc, path);
    }
    return kg_outfile_commit(out);
}
