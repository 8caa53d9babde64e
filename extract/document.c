/* document.c - the document object, its offset map, and the tag-set tables. */
#include "kg_document.h"

#include <string.h>

static const char *const upos_names[] = {"_",
#define KG_UPOS_NAME(n) #n,
                                         KG_UPOS_LIST(KG_UPOS_NAME)
#undef KG_UPOS_NAME
};

static const char *const xpos_names[] = {"_",
#define KG_XPOS_NAME(n, s) s,
                                         KG_XPOS_LIST(KG_XPOS_NAME)
#undef KG_XPOS_NAME
};

static const char *const dep_names[] = {"_",
#define KG_DEP_NAME(n, s) s,
                                        KG_DEP_LIST(KG_DEP_NAME)
#undef KG_DEP_NAME
};

static const char *const ent_names[] = {"_",
#define KG_ENT_NAME(n) #n,
                                        KG_ENT_LIST(KG_ENT_NAME)
#undef KG_ENT_NAME
};

static const char *name_of(const char *const *names, int count, int id)
{
    return id > 0 && id < count ? names[id] : "_";
}

static int id_of(const char *const *names, int count, const char *s, size_t n)
{
    for (int i = 1; i < count; i++) {
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) {
            return i;
        }
    }
    return 0;
}

const char *kg_upos_name(int upos)
{
    return name_of(upos_names, KG_UPOS_COUNT, upos);
}

const char *kg_xpos_name(int xpos)
{
    return name_of(xpos_names, KG_XPOS_COUNT, xpos);
}

const char *kg_dep_name(int dep)
{
    return name_of(dep_names, KG_DEP_COUNT, dep);
}

const char *kg_ent_name(int type)
{
    return name_of(ent_names, KG_ENT_COUNT, type);
}

int kg_ent_from_name(const char *s, size_t n)
{
    return id_of(ent_names, KG_ENT_COUNT, s, n);
}

int kg_upos_from_name(const char *s, size_t n)
{
    return id_of(upos_names, KG_UPOS_COUNT, s, n);
}

int kg_xpos_from_name(const char *s, size_t n)
{
    return id_of(xpos_names, KG_XPOS_COUNT, s, n);
}

int kg_dep_from_name(const char *s, size_t n)
{
    return id_of(dep_names, KG_DEP_COUNT, s, n);
}

int kg_document_new(kg_document **out, const char *id)
{
    *out = NULL;
    kg_document *d = kg_calloc(1, sizeof *d);
    if (!d) {
        return KG_ENOMEM;
    }
    if (kg_arena_new(&d->arena) || !(d->id = kg_strdup(id))) {
        kg_document_free(d);
        return KG_ENOMEM;
    }
    *out = d;
    return KG_OK;
}

void kg_document_free(kg_document *d)
{
    if (!d) {
        return;
    }
    kg_free(d->id);
    kg_free(d->text);
    kg_free(d->offsets);
    kg_free(d->title);
    kg_free(d->byline);
    kg_free(d->date);
    kg_free(d->url);
    kg_free(d->sentences);
    kg_free(d->tokens);
    kg_free(d->mentions);
    kg_free(d->entities);
    kg_arena_free(d->arena);
    kg_free(d);
}

uint32_t kg_document_orig_offset(const kg_document *d, size_t t)
{
    if (d->n_offsets == 0) {
        return (uint32_t)t;
    }
    /* last point with .text <= t */
    size_t lo = 0, hi = d->n_offsets;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->offsets[mid].text <= t) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    const kg_offset_point *p = &d->offsets[lo];
    if (p->text > t) {
        return (uint32_t)t;
    }
    return p->orig + (uint32_t)(t - p->text);
}
