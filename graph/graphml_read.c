/* graphml_read.c - reading a GraphML file written by kgraph back into a graph
 * under construction, so documents can be added to it (kgraph build
 * --update). libxml2 parses it without network access and without loading
 * DTDs or substituting entities; attributes are matched by their keys'
 * attr.name, as every GraphML reader does. */
#include "graph_internal.h"

#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 64

typedef struct key {
    char *id;
    char *name;
    int for_edge; /* 0: node, 1: edge, 2: graph */
} key;

typedef struct reader {
    kg_graph *g;
    const char *path;
    key keys[MAX_KEYS];
    size_t n_keys;
    kg_map *node_ids; /* GraphML node id -> dent */
} reader;

static int is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

/* The attribute name of a <data key="..."> for nodes or edges, or NULL. */
static const char *key_name(const reader *r, const char *id, int for_edge)
{
    for (size_t i = 0; i < r->n_keys; i++) {
        if (r->keys[i].for_edge == for_edge && strcmp(r->keys[i].id, id) == 0) {
            return r->keys[i].name;
        }
    }
    return NULL;
}

static int fail(const reader *r, const char *what)
{
    return kg_error_set(KG_EINPUT, "%s: %s", r->path, what);
}

/* Calls fn(r, attr name, text, ctx) for each <data> child of element n. */
static int each_data(reader *r, xmlNodePtr n, int for_edge,
                     int (*fn)(reader *, const char *, const char *, void *), void *ctx)
{
    int rc = KG_OK;
    for (xmlNodePtr d = n->children; d && rc == KG_OK; d = d->next) {
        if (!is(d, "data")) {
            continue;
        }
        char *k = prop(d, "key");
        const char *name = k ? key_name(r, k, for_edge) : NULL;
        xmlFree(k);
        if (!name) {
            continue;
        }
        xmlChar *text = xmlNodeGetContent(d);
        rc = fn(r, name, text ? (const char *)text : "", ctx);
        xmlFree(text);
    }
    return rc;
}

/* ------------------------------------------------------------------ nodes */

typedef struct node_attrs {
    uint32_t label_id;
    int has_label;
    uint8_t type;
    double mentions;
    uint32_t dent;
} node_attrs;

/* Splits a '|'-separated value into a dent's set. */
static int add_split(kg_graph *g, idlist *l, char kind, uint32_t owner, const char *s)
{
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        uint32_t id;
        if (n && (kg_graph_intern(g, s, n, &id) || kg_graph_set_add(g, l, kind, owner, id))) {
            return KG_ENOMEM;
        }
        s = bar ? bar + 1 : s + n;
    }
    return KG_OK;
}

static int node_label(reader *r, const char *name, const char *text, void *ctx)
{
    node_attrs *a = ctx;
    if (strcmp(name, "label") == 0 && *text) {
        a->has_label = 1;
        return kg_graph_intern(r->g, text, strlen(text), &a->label_id);
    }
    if (strcmp(name, "type") == 0) {
        a->type = (uint8_t)kg_ent_from_name(text, strlen(text));
    } else if (strcmp(name, "mentions") == 0) {
        a->mentions = strtod(text, NULL);
    }
    return KG_OK;
}

static int node_sets(reader *r, const char *name, const char *text, void *ctx)
{
    node_attrs *a = ctx;
    dent *d = &r->g->dents[a->dent];
    if (strcmp(name, "aliases") == 0) {
        return add_split(r->g, &d->aliases, 'a', a->dent, text);
    }
    if (strcmp(name, "roles") == 0) {
        return add_split(r->g, &d->roles, 'r', a->dent, text);
    }
    if (strcmp(name, "documents") == 0) {
        return add_split(r->g, &d->documents, 'd', a->dent, text);
    }
    return KG_OK;
}

static int read_node(reader *r, xmlNodePtr n)
{
    node_attrs a;
    memset(&a, 0, sizeof a);
    char *id = prop(n, "id");
    int rc = KG_OK;
    if (!id) {
        rc = fail(r, "a <node> without an id");
        goto done;
    }
    if ((rc = each_data(r, n, 0, node_label, &a))) {
        goto done;
    }
    if (!a.has_label) {
        rc = fail(r, "a node without a label (not a kgraph GraphML file?)");
        goto done;
    }
    if ((rc = kg_graph_dent(r->g, NO_DOC, a.label_id, &a.dent))) {
        goto done;
    }
    dent *d = &r->g->dents[a.dent];
    uint32_t mentions = a.mentions >= 1 && a.mentions < 4e9 ? (uint32_t)a.mentions : 1;
    d->mentions += mentions;
    d->has_mentions = 1;
    d->type_votes[a.type] += mentions;
    if ((rc = each_data(r, n, 0, node_sets, &a))) {
        goto done;
    }
    int inserted = 0;
    if (kg_map_intern(r->node_ids, id, strlen(id), a.dent, NULL, &inserted)) {
        rc = KG_ENOMEM;
        goto done;
    }
    if (!inserted) {
        rc = fail(r, "two nodes with the same id");
    }
done:
    xmlFree(id);
    return rc;
}

/* ------------------------------------------------------------------ edges */

typedef struct edge_attrs {
    redge *e;
    char *evidence_copy; /* parsed once every attribute is known */
} edge_attrs;

/* Parses "[doc#sentence] text" lines into evidence entries. */
static int add_evidence_lines(reader *r, redge *e, const char *text)
{
    kg_graph *g = r->g;
    e->first_evidence = g->n_evidence;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *close = n > 2 && p[0] == '[' ? memchr(p, ']', n) : NULL;
        const char *hash = NULL;
        for (const char *q = p + 1; close && q < close; q++) {
            if (*q == '#') {
                hash = q;
            }
        }
        if (!close || !hash) {
            return fail(r,
                        "an edge's evidence is not in kgraph's \"[document#sentence] text\" form");
        }
        uint32_t doc, sentence_text;
        char *end = NULL;
        unsigned long sentence = strtoul(hash + 1, &end, 10);
        if (end != close) {
            return fail(r, "an edge's evidence has a bad sentence number");
        }
        const char *body = close + 1 < p + n && close[1] == ' ' ? close + 2 : close + 1;
        if (kg_graph_intern(g, p + 1, (size_t)(hash - p - 1), &doc) ||
            kg_graph_intern(g, body, (size_t)(p + n - body), &sentence_text) ||
            kg_graph_add_evidence(g, doc, (uint32_t)sentence, sentence_text)) {
            return KG_ENOMEM;
        }
        e->n_evidence++;
        p = nl ? nl + 1 : p + n;
    }
    return KG_OK;
}

static int edge_data(reader *r, const char *name, const char *text, void *ctx)
{
    edge_attrs *a = ctx;
    redge *e = a->e;
    if (strcmp(name, "relation") == 0) {
        return kg_graph_intern(r->g, text, strlen(text), &e->relation);
    }
    if (strcmp(name, "layer") == 0) {
        e->layer = strcmp(text, "cooccurrence") == 0;
    } else if (strcmp(name, "weight") == 0) {
        e->weight = strtod(text, NULL);
    } else if (strcmp(name, "confidence") == 0) {
        e->confidence = strtod(text, NULL);
    } else if (strcmp(name, "documents") == 0) {
        return add_split(r->g, &e->documents, 'D', (uint32_t)(e - r->g->redges), text);
    } else if (strcmp(name, "evidence") == 0) {
        kg_free(a->evidence_copy);
        a->evidence_copy = kg_strdup(text);
        return a->evidence_copy ? KG_OK : KG_ENOMEM;
    }
    return KG_OK;
}

static int read_edge(reader *r, xmlNodePtr n)
{
    int rc = KG_OK;
    edge_attrs a = {NULL, NULL};
    char *src = prop(n, "source"), *dst = prop(n, "target");
    uint32_t from, to;
    if (!src || !dst || !kg_map_get(r->node_ids, src, strlen(src), &from) ||
        !kg_map_get(r->node_ids, dst, strlen(dst), &to)) {
        rc = fail(r, "an edge whose source or target is not a node declared before it");
        goto done;
    }
    if ((rc = kg_graph_add_redge(r->g, &a.e))) {
        goto done;
    }
    size_t index = (size_t)(a.e - r->g->redges);
    a.e->from = from;
    a.e->to = to;
    a.e->weight = 1;
    if ((rc = each_data(r, n, 1, edge_data, &a))) {
        goto done;
    }
    a.e = &r->g->redges[index];
    if (!kg_graph_string(r->g, a.e->relation)[0] && !a.e->layer) {
        rc = fail(r, "an edge without a relation");
        goto done;
    }
    if (a.evidence_copy) {
        rc = add_evidence_lines(r, a.e, a.evidence_copy);
    }
done:
    kg_free(a.evidence_copy);
    xmlFree(src);
    xmlFree(dst);
    return rc;
}

/* ---------------------------------------------------------------- graph */

/* The graph-level "documents" attribute: a JSON array of the documents and
 * their metadata, as kgraph's GraphML writer puts it. */
static int read_documents(reader *r, const char *text)
{
    int rc = KG_OK;
    json_object *arr = json_tokener_parse(text);
    if (!arr || !json_object_is_type(arr, json_type_array)) {
        json_object_put(arr);
        return fail(r, "the graph's documents attribute is not a JSON array");
    }
    static const char *const keys[] = {"id", "title", "byline", "date", "url"};
    for (size_t i = 0; i < json_object_array_length(arr) && rc == KG_OK; i++) {
        json_object *o = json_object_array_get_idx(arr, i), *v = NULL;
        const char *values[5] = {NULL, NULL, NULL, NULL, NULL};
        for (int k = 0; k < 5; k++) {
            if (o && json_object_object_get_ex(o, keys[k], &v) &&
                json_object_is_type(v, json_type_string)) {
                values[k] = json_object_get_string(v);
            }
        }
        if (!values[0]) {
            rc = fail(r, "a document without an id in the graph's documents attribute");
            break;
        }
        kg_document_record d = {values[0], values[1], values[2], values[3], values[4]};
        rc = kg_graph_add_docmeta(r->g, &d);
    }
    json_object_put(arr);
    return rc;
}

static int graph_data(reader *r, const char *name, const char *text, void *ctx)
{
    (void)ctx;
    return strcmp(name, "documents") == 0 ? read_documents(r, text) : KG_OK;
}

/* ------------------------------------------------------------------- file */

int kg_graph_add_graphml(kg_graph *g, const char *path)
{
    int rc = KG_OK;
    reader r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.path = path;
    if (g->finished) {
        return kg_error_set(KG_EINVAL, "graph already finished; nothing can be added");
    }
    /* NONET: never fetch; no NOENT/DTDLOAD: entities are neither loaded nor expanded */
    xmlDocPtr doc = xmlReadFile(
        path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return kg_error_set(KG_EINPUT, "%s: not readable XML%s%s", path,
                            e && e->message ? ": " : "", e && e->message ? e->message : "");
    }
    if (kg_map_new(&r.node_ids)) {
        rc = KG_ENOMEM;
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !is(root, "graphml")) {
        rc = fail(&r, "not a GraphML file (no <graphml> root element)");
        goto done;
    }
    xmlNodePtr graph = NULL;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (is(n, "key") && r.n_keys < MAX_KEYS) {
            char *id = prop(n, "id"), *name = prop(n, "attr.name"), *for_ = prop(n, "for");
            if (id && name && for_) {
                r.keys[r.n_keys].id = id;
                r.keys[r.n_keys].name = name;
                r.keys[r.n_keys].for_edge = strcmp(for_, "edge") == 0    ? 1
                                            : strcmp(for_, "graph") == 0 ? 2
                                                                         : 0;
                r.n_keys++;
                id = name = NULL;
            }
            xmlFree(id);
            xmlFree(name);
            xmlFree(for_);
        } else if (is(n, "graph") && !graph) {
            graph = n;
        }
    }
    if (!graph) {
        rc = fail(&r, "no <graph> element");
        goto done;
    }
    rc = each_data(&r, graph, 2, graph_data, NULL);
    for (xmlNodePtr n = graph->children; n && rc == KG_OK; n = n->next) {
        if (is(n, "node")) {
            rc = read_node(&r, n);
        } else if (is(n, "edge")) {
            rc = read_edge(&r, n);
        }
    }
done:
    for (size_t i = 0; i < r.n_keys; i++) {
        xmlFree(r.keys[i].id);
        xmlFree(r.keys[i].name);
    }
    kg_map_free(r.node_ids);
    xmlFreeDoc(doc);
    return rc;
}
