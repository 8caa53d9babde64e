/* layout.c - laying the drawing out and rendering it in-process with
 * Graphviz gvc (gvLayout, gvRenderData); no subprocess. One GVC_t serves
 * the whole process: Graphviz 2.42's text layout caches state across
 * contexts, so a context is never re-created after kg_export_cleanup. The
 * lock serialises every use of it. */
#define _POSIX_C_SOURCE 200809L
#include "export_internal.h"

#include <graphviz/gvc.h>
#include <pthread.h>
#include <string.h>

static pthread_mutex_t gvc_lock = PTHREAD_MUTEX_INITIALIZER;
static GVC_t *gvc;
static int gvc_released;
static char gv_message[256];

/* Graphviz reports errors through this instead of printing them. */
static int capture_graphviz_error(char *msg)
{
    size_t n = strlen(gv_message);
    if (n < sizeof gv_message - 1) {
        snprintf(gv_message + n, sizeof gv_message - n, "%s", msg);
    }
    return 0;
}

/* The context, created on first use; call with the lock held. */
static int context(void)
{
    if (!gvc && !gvc_released) {
        agseterrf(capture_graphviz_error);
        gvc = gvContext();
    }
    gv_message[0] = '\0';
    if (gvc_released) {
        return kg_error_set(KG_EINVAL, "graphviz layout after kg_export_cleanup()");
    }
    if (!gvc) {
        return kg_error_set(KG_ELIB, "graphviz: cannot create a rendering context");
    }
    return KG_OK;
}

/* The message Graphviz left, on one line. */
static const char *gv_reason(void)
{
    for (char *p = gv_message; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
    return gv_message;
}

static const char *const engines[] = {"neato", "sfdp", "fdp", "dot", "circo", "twopi"};

const char *kg_export_engine(const kg_graph *g, const kg_export_options *o)
{
    if (o->layout && *o->layout) {
        return o->layout;
    }
    /* neato (stress majorisation) gives the most even drawings of small
     * graphs; sfdp scales to large ones */
    return kg_graph_node_count(g) > 100 ? "sfdp" : "neato";
}

int kg_export_check(const kg_graph *g, kg_format format, const kg_export_options *opts)
{
    static const kg_export_options defaults = KG_EXPORT_OPTIONS_INIT;
    const kg_export_options *o = opts ? opts : &defaults;
    if (strcmp(kg_format_name(format), "none") == 0) {
        return kg_error_set(KG_EINVAL, "unknown output format");
    }
    if (o->layout && *o->layout) {
        size_t i = 0;
        while (i < sizeof engines / sizeof *engines && strcmp(engines[i], o->layout) != 0) {
            i++;
        }
        if (i == sizeof engines / sizeof *engines) {
            return kg_error_set(KG_EINVAL,
                                "unknown layout '%s' (use sfdp, neato, fdp, dot, circo or twopi)",
                                o->layout);
        }
    }
    if (o->rdf_base) {
        for (const char *p = o->rdf_base; *p; p++) {
            if ((unsigned char)*p <= 0x20 || strchr("<>\"{}|^`\\", *p)) {
                return kg_error_set(KG_EINVAL, "RDF base '%s' is not an IRI prefix", o->rdf_base);
            }
        }
    }
    size_t n = kg_graph_node_count(g);
    if (kg_format_is_drawing(format) && o->max_draw_nodes && n > o->max_draw_nodes) {
        return kg_error_set(KG_EINVAL,
                            "%zu entities are too many to draw legibly (limit %zu): keep the "
                            "most central with --top N, or raise the limit with --max-draw N",
                            n, o->max_draw_nodes);
    }
    return KG_OK;
}

int kg_export_layout(kg_export_drawing *d, const char *engine)
{
    int rc = KG_OK;
    size_t n = d->n;
    if (!(d->x = kg_calloc(n ? n : 1, sizeof *d->x)) ||
        !(d->y = kg_calloc(n ? n : 1, sizeof *d->y))) {
        return KG_ENOMEM;
    }
    pthread_mutex_lock(&gvc_lock);
    if ((rc = context())) {
        goto done;
    }
    if (gvLayout(gvc, d->G, engine) != 0) {
        rc = kg_error_set(KG_ELIB, "graphviz layout '%s' failed: %s", engine, gv_reason());
        goto done;
    }
    d->engine = engine;
    d->laid_out = 1;
    boxf bb = GD_bb(d->G);
    d->width = bb.UR.x - bb.LL.x;
    d->height = bb.UR.y - bb.LL.y;
    for (size_t v = 0; v < n; v++) {
        pointf p = ND_coord(d->nodes[v]);
        d->x[v] = p.x - bb.LL.x;
        d->y[v] = p.y - bb.LL.y;
    }
done:
    pthread_mutex_unlock(&gvc_lock);
    return rc;
}

int kg_export_render(const kg_export_drawing *d, const char *format, char **out, size_t *len)
{
    int rc = KG_OK;
    char *data = NULL;
    unsigned int n = 0;
    *out = NULL;
    *len = 0;
    if (!d->styled || !d->laid_out) {
        return kg_error_set(KG_EINVAL, "the drawing was not laid out for rendering");
    }
    pthread_mutex_lock(&gvc_lock);
    if ((rc = context())) {
        goto done;
    }
    if (gvRenderData(gvc, d->G, format, &data, &n) != 0 || !data) {
        rc = kg_error_set(KG_ELIB, "graphviz: rendering %s failed: %s", format, gv_reason());
        goto done;
    }
    if (!(*out = kg_malloc((size_t)n + 1))) {
        rc = KG_ENOMEM;
        goto done;
    }
    memcpy(*out, data, n);
    (*out)[n] = '\0';
    *len = n;
done:
    if (data) {
        gvFreeRenderData(data);
    }
    pthread_mutex_unlock(&gvc_lock);
    return rc;
}

int kg_export_drawing_new(kg_export_drawing **out, const kg_graph *g, const kg_export_options *opts,
                          int styled)
{
    static const kg_export_options defaults = KG_EXPORT_OPTIONS_INIT;
    const kg_export_options *o = opts ? opts : &defaults;
    kg_export_drawing *d = NULL;
    *out = NULL;
    kg_error_clear();
    int rc = kg_export_check(g, KG_FORMAT_GRAPHML, o);
    if (rc) {
        return rc;
    }
    size_t n = kg_graph_node_count(g);
    int plain = !styled || (o->max_draw_nodes && n > o->max_draw_nodes);
    if ((rc = kg_export_cgraph(&d, g, o, plain))) {
        return rc;
    }
    /* positions only (no drawing asked for, or a graph too big to draw): a
     * plain sfdp layout, unless the caller chose an engine */
    const char *engine = plain && !(o->layout && *o->layout) ? "sfdp" : kg_export_engine(g, o);
    if ((rc = kg_export_layout(d, engine))) {
        kg_export_drawing_free(d);
        return rc;
    }
    *out = d;
    return KG_OK;
}

int kg_export_get_drawing(const kg_export_drawing **out, kg_export_drawing **own, const kg_graph *g,
                          const kg_export_options *o, int need_styled)
{
    *own = NULL;
    *out = NULL;
    if (need_styled) {
        int rc = kg_export_check(g, KG_FORMAT_SVG, o);
        if (rc) {
            return rc;
        }
    }
    if (o->drawing && (o->drawing->styled || !need_styled)) {
        if (o->drawing->n != kg_graph_node_count(g)) {
            return kg_error_set(KG_EINVAL, "the drawing passed in options is of another graph");
        }
        *out = o->drawing;
        return KG_OK;
    }
    int rc = kg_export_drawing_new(own, g, o, need_styled);
    if (rc == KG_OK && need_styled && !(*own)->styled) {
        kg_export_drawing_free(*own);
        *own = NULL;
        return kg_error_set(KG_EINVAL, "the graph is too large to draw");
    }
    *out = *own;
    return rc;
}

void kg_export_drawing_free(kg_export_drawing *d)
{
    if (!d) {
        return;
    }
    if (d->G) {
        pthread_mutex_lock(&gvc_lock);
        if (d->laid_out && gvc) {
            gvFreeLayout(gvc, d->G);
        }
        agclose(d->G);
        pthread_mutex_unlock(&gvc_lock);
    }
    kg_free(d->nodes);
    kg_free(d->size);
    kg_free(d->x);
    kg_free(d->y);
    kg_free(d);
}

void kg_export_cleanup(void)
{
    pthread_mutex_lock(&gvc_lock);
    if (gvc) {
        gvFreeContext(gvc);
    }
    gvc = NULL;
    gvc_released = 1;
    pthread_mutex_unlock(&gvc_lock);
}
