/* svg.c - SVG and PNG renderings of the drawing. PNG is gvc's cairo "png"
 * output of the laid-out drawing. SVG is gvc's "svg" output, then reworked
 * with libxml2 so that each node's and edge's <title> (what a browser shows
 * on hover, and what screen readers read) carries the tooltip text - the
 * entity's names, roles and documents, the edge's relations with their
 * evidence sentences - instead of Graphviz's internal object name, and the
 * <a xlink:title> wrappers Graphviz adds for tooltips are dissolved. */
#include "export_internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#define XLINK_NS "http://www.w3.org/1999/xlink"

static int is_element(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Replaces the text of <title> t with text. */
static int set_title(xmlDocPtr doc, xmlNodePtr t, const char *text)
{
    xmlNodePtr child = t->children;
    while (child) {
        xmlNodePtr next = child->next;
        xmlUnlinkNode(child);
        xmlFreeNode(child);
        child = next;
    }
    xmlNodePtr txt = xmlNewDocText(doc, BAD_CAST text);
    if (!txt || !xmlAddChild(t, txt)) {
        xmlFreeNode(txt);
        return kg_error_set(KG_ENOMEM, "out of memory editing the SVG");
    }
    return KG_OK;
}

/* Moves the children of <a> a before it and removes it. */
static void dissolve(xmlNodePtr a)
{
    xmlNodePtr child = a->children;
    while (child) {
        xmlNodePtr next = child->next;
        xmlUnlinkNode(child);
        xmlAddPrevSibling(a, child);
        child = next;
    }
    xmlUnlinkNode(a);
    xmlFreeNode(a);
}

/* For one <g class="node|edge|graph">: the tooltip of its first <a> becomes
 * its <title>; every <a> inside is dissolved. */
static int rework_group(xmlDocPtr doc, xmlNodePtr g, const char *graph_title)
{
    int rc = KG_OK;
    xmlNodePtr title = NULL;
    xmlChar *tip = NULL;
    for (xmlNodePtr c = g->children; c; c = c->next) {
        if (is_element(c, "title") && !title) {
            title = c;
        }
    }
    /* Graphviz nests <g id="a_..."><a xlink:title=...>...</a></g> */
    for (xmlNodePtr c = g->children; c;) {
        xmlNodePtr next = c->next;
        if (is_element(c, "g")) {
            for (xmlNodePtr a = c->children; a;) {
                xmlNodePtr an = a->next;
                if (is_element(a, "a")) {
                    if (!tip) {
                        tip = xmlGetNsProp(a, BAD_CAST "title", BAD_CAST XLINK_NS);
                    }
                    dissolve(a);
                }
                a = an;
            }
        }
        c = next;
    }
    if (title && tip) {
        rc = set_title(doc, title, (const char *)tip);
    } else if (title && graph_title) {
        rc = set_title(doc, title, graph_title);
    }
    xmlFree(tip);
    return rc;
}

int kg_export_svg_text(char **out, size_t *len, const kg_export_drawing *d, int bare,
                       const char *title)
{
    int rc = KG_OK;
    char *raw = NULL;
    size_t raw_len = 0;
    xmlDocPtr doc = NULL;
    xmlBufferPtr buf = NULL;
    xmlChar *mem = NULL;
    int mem_len = 0;
    kg_strbuf clean = KG_STRBUF_INIT;
    *out = NULL;
    *len = 0;
    if ((rc = kg_export_render(d, "svg", &raw, &raw_len))) {
        goto done;
    }
    if (raw_len > (size_t)INT32_MAX) {
        rc = kg_error_set(KG_ENOMEM, "the SVG drawing is too large");
        goto done;
    }
    doc = xmlReadMemory(raw, (int)raw_len, "drawing.svg", "UTF-8", XML_PARSE_NONET);
    if (!doc) {
        rc = kg_error_set(KG_ELIB, "graphviz wrote SVG that libxml2 cannot read");
        goto done;
    }
    if (title && kg_esc_clean(&clean, title, 0, 300)) {
        rc = KG_ENOMEM;
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr top = root ? root->children : NULL; top; top = top->next) {
        if (!is_element(top, "g")) {
            continue;
        }
        if ((rc = rework_group(doc, top, title ? kg_strbuf_cstr(&clean) : NULL))) {
            goto done;
        }
        for (xmlNodePtr g = top->children; g; g = g->next) {
            if (is_element(g, "g") && (rc = rework_group(doc, g, NULL))) {
                goto done;
            }
        }
    }
    if (bare) {
        if (!(buf = xmlBufferCreate()) || xmlNodeDump(buf, doc, root, 0, 0) < 0) {
            rc = kg_error_set(KG_ENOMEM, "out of memory writing the SVG");
            goto done;
        }
        *len = (size_t)xmlBufferLength(buf);
        if (!(*out = kg_malloc(*len + 1))) {
            rc = KG_ENOMEM;
            goto done;
        }
        memcpy(*out, xmlBufferContent(buf), *len);
    } else {
        xmlDocDumpMemoryEnc(doc, &mem, &mem_len, "UTF-8");
        if (!mem || mem_len < 0) {
            rc = kg_error_set(KG_ENOMEM, "out of memory writing the SVG");
            goto done;
        }
        *len = (size_t)mem_len;
        if (!(*out = kg_malloc(*len + 1))) {
            rc = KG_ENOMEM;
            goto done;
        }
        memcpy(*out, mem, *len);
    }
    (*out)[*len] = '\0';
done:
    if (mem) {
        xmlFree(mem);
    }
    if (buf) {
        xmlBufferFree(buf);
    }
    if (doc) {
        xmlFreeDoc(doc);
    }
    kg_strbuf_free(&clean);
    kg_free(raw);
    return rc;
}

int kg_export_svg(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    char *svg = NULL;
    size_t len = 0;
    int rc = kg_export_get_drawing(&d, &own, g, o, 1);
    if (rc == KG_OK) {
        rc = kg_export_svg_text(&svg, &len, d, 0, o->title);
    }
    if (rc == KG_OK) {
        rc = kg_export_write(f, svg, len);
    }
    kg_free(svg);
    kg_export_drawing_free(own);
    return rc;
}

int kg_export_png(const kg_graph *g, FILE *f, const kg_export_options *o)
{
    const kg_export_drawing *d = NULL;
    kg_export_drawing *own = NULL;
    char *png = NULL;
    size_t len = 0;
    int rc = kg_export_get_drawing(&d, &own, g, o, 1);
    if (rc == KG_OK) {
        rc = kg_export_render(d, "png", &png, &len);
    }
    if (rc == KG_OK) {
        rc = kg_export_write(f, png, len);
    }
    kg_free(png);
    kg_export_drawing_free(own);
    return rc;
}
