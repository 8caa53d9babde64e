/* svg.c - SVG drawings laid out and rendered in-process by Graphviz gvc
 * (gvLayout + gvRender); no subprocess. One GVC_t serves the whole process:
 * Graphviz 2.42's text layout caches state across contexts, so a context is
 * never re-created after kg_export_cleanup. */
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
    if (n < sizeof gv_message - 1)
        snprintf(gv_message + n, sizeof gv_message - n, "%s", msg);
    return 0;
}

int kg_export_svg(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    int rc = KG_OK;
    kg_error_clear();
    Agraph_t *G = kg_export_cgraph(g, o);
    if (!G)
        return KG_ENOMEM;
    const char *engine = o->layout;
    if (!engine)
        engine = kg_graph_node_count(g) > 300 ? "sfdp" : "neato";
    pthread_mutex_lock(&gvc_lock);
    if (!gvc && !gvc_released) {
        agseterrf(capture_graphviz_error);
        gvc = gvContext();
    }
    gv_message[0] = '\0';
    if (gvc_released) {
        rc = kg_error_set(KG_EINVAL, "SVG export after kg_export_cleanup()");
    } else if (!gvc) {
        rc = kg_error_set(KG_ELIB, "graphviz: cannot create a rendering context");
    } else if (gvLayout(gvc, G, engine) != 0) {
        rc = kg_error_set(KG_ELIB, "graphviz layout '%s' failed: %s", engine, gv_message);
    } else {
        if (gvRender(gvc, G, "svg", f) != 0 || ferror(f))
            rc = kg_error_set(KG_EIO, "rendering SVG failed %s", gv_message);
        gvFreeLayout(gvc, G);
    }
    pthread_mutex_unlock(&gvc_lock);
    agclose(G);
    return rc;
}

void kg_export_cleanup(void)
{
    pthread_mutex_lock(&gvc_lock);
    if (gvc)
        gvFreeContext(gvc);
    gvc = NULL;
    gvc_released = 1;
    pthread_mutex_unlock(&gvc_lock);
}
