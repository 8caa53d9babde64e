/* arena.c - bump allocation in 64 KiB blocks for objects that die together.
 * With KG_ARENA_MALLOC each object is its own malloc, chained for freeing, so
 * AddressSanitizer and valgrind can see overruns between objects. */
#include "kg_common.h"

#include <stdalign.h>
#include <string.h>

#define BLOCK_SIZE (64u * 1024u)
#define ALIGN alignof(max_align_t)

typedef struct block {
    struct block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
} block;

struct kg_arena {
    block *head;
    size_t used;
};

int kg_arena_new(kg_arena **out)
{
    *out = kg_calloc(1, sizeof **out);
    return *out ? KG_OK : KG_ENOMEM;
}

static block *new_block(size_t size)
{
    block *b = kg_malloc(sizeof *b + size);
    if (b) {
        b->next = NULL;
        b->size = size;
        b->used = 0;
    }
    return b;
}

void *kg_arena_alloc(kg_arena *a, size_t n)
{
    if (n > SIZE_MAX - ALIGN - sizeof(block)) {
        kg_error_set(KG_ENOMEM, "out of memory (allocating %zu bytes)", n);
        return NULL;
    }
    size_t need = (n + ALIGN - 1) / ALIGN * ALIGN;
    if (need == 0) {
        need = ALIGN;
    }
#ifdef KG_ARENA_MALLOC
    block *b = new_block(n ? n : 1);
    if (!b) {
        return NULL;
    }
    b->next = a->head;
    a->head = b;
    memset(b->data, 0, n ? n : 1);
    a->used += need;
    return b->data;
#else
    block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t size = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;
        block *nb = new_block(size);
        if (!nb)
            return NULL;
        if (size == need && b) {
            /* a big object gets its own block behind the current one */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    memset(p, 0, n);
    return p;
#endif
}

char *kg_arena_strndup(kg_arena *a, const char *s, size_t n)
{
    char *d = kg_arena_alloc(a, n + 1);
    if (d && n) {
        memcpy(d, s, n);
    }
    return d;
}

char *kg_arena_strdup(kg_arena *a, const char *s)
{
    return kg_arena_strndup(a, s, strlen(s));
}

size_t kg_arena_used(const kg_arena *a)
{
    return a->used;
}

void kg_arena_free(kg_arena *a)
{
    if (!a) {
        return;
    }
    block *b = a->head;
    while (b) {
        block *next = b->next;
        kg_free(b);
        b = next;
    }
    kg_free(a);
}
