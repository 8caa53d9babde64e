/* map.c - string-keyed hash map: open addressing with linear probing over a
 * slot table of entry indices; keys live back to back in one growing pool and entries
 * keep insertion order, so iteration is deterministic. */
#include "kg_common.h"

#include <string.h>

typedef struct entry {
    size_t key_off;
    size_t key_len;
    uint64_t hash;
    uint32_t value;
} entry;

struct kg_map {
    uint32_t *slots; /* 0 = empty, else entry index + 1 */
    size_t nslots;   /* power of two */
    entry *entries;
    size_t count;
    size_t cap;
    char *pool; /* NUL-terminated keys, back to back */
    size_t pool_len;
    size_t pool_cap;
};

uint64_t kg_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

int kg_map_new(kg_map **out)
{
    kg_map *m = kg_calloc(1, sizeof *m);
    if (!m) {
        return KG_ENOMEM;
    }
    m->nslots = 16;
    m->slots = kg_calloc(m->nslots, sizeof *m->slots);
    if (!m->slots) {
        kg_free(m);
        return KG_ENOMEM;
    }
    *out = m;
    return KG_OK;
}

void kg_map_free(kg_map *m)
{
    if (!m) {
        return;
    }
    kg_free(m->slots);
    kg_free(m->entries);
    kg_free(m->pool);
    kg_free(m);
}

static size_t find_slot(const kg_map *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->nslots - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        uint32_t s = m->slots[i];
        if (s == 0) {
            return i;
        }
        const entry *e = &m->entries[s - 1];
        if (e->hash == h && e->key_len == len && memcmp(m->pool + e->key_off, key, len) == 0) {
            return i;
        }
        i = (i + 1) & mask;
    }
}

int kg_map_get(const kg_map *m, const char *key, size_t len, uint32_t *value)
{
    uint64_t h = kg_hash(key, len);
    uint32_t s = m->slots[find_slot(m, key, len, h)];
    if (!s) {
        return 0;
    }
    if (value) {
        *value = m->entries[s - 1].value;
    }
    return 1;
}

static int rehash(kg_map *m)
{
    size_t n = m->nslots * 2;
    uint32_t *slots = kg_calloc(n, sizeof *slots);
    if (!slots) {
        return KG_ENOMEM;
    }
    for (size_t k = 0; k < m->count; k++) {
        size_t i = (size_t)m->entries[k].hash & (n - 1);
        while (slots[i]) {
            i = (i + 1) & (n - 1);
        }
        slots[i] = (uint32_t)(k + 1);
    }
    kg_free(m->slots);
    m->slots = slots;
    m->nslots = n;
    return KG_OK;
}

int kg_map_intern(kg_map *m, const char *key, size_t len, uint32_t fresh, uint32_t *out,
                  int *inserted)
{
    uint64_t h = kg_hash(key, len);
    size_t i = find_slot(m, key, len, h);
    if (m->slots[i]) {
        if (out) {
            *out = m->entries[m->slots[i] - 1].value;
        }
        if (inserted) {
            *inserted = 0;
        }
        return KG_OK;
    }
    if (m->count >= UINT32_MAX - 1 || len > SIZE_MAX - m->pool_len - 1) {
        return kg_error_set(KG_ENOMEM, "too many distinct keys");
    }
    if (kg_grow((void **)&m->entries, &m->cap, m->count + 1, sizeof *m->entries) ||
        kg_grow((void **)&m->pool, &m->pool_cap, m->pool_len + len + 1, 1)) {
        return KG_ENOMEM;
    }
    if ((m->count + 1) * 4 > m->nslots * 3) {
        if (rehash(m)) {
            return KG_ENOMEM;
        }
        i = find_slot(m, key, len, h);
    }
    entry *e = &m->entries[m->count];
    e->key_off = m->pool_len;
    e->key_len = len;
    e->hash = h;
    e->value = fresh;
    if (len) {
        memcpy(m->pool + m->pool_len, key, len);
    }
    m->pool[m->pool_len + len] = '\0';
    m->pool_len += len + 1;
    m->slots[i] = (uint32_t)(++m->count);
    if (out) {
        *out = fresh;
    }
    if (inserted) {
        *inserted = 1;
    }
    return KG_OK;
}

int kg_map_put(kg_map *m, const char *key, size_t len, uint32_t value)
{
    int inserted = 0;
    int rc = kg_map_intern(m, key, len, value, NULL, &inserted);
    if (rc == KG_OK && !inserted) {
        uint64_t h = kg_hash(key, len);
        m->entries[m->slots[find_slot(m, key, len, h)] - 1].value = value;
    }
    return rc;
}

size_t kg_map_count(const kg_map *m)
{
    return m->count;
}

const char *kg_map_key(const kg_map *m, size_t i, size_t *len)
{
    if (len) {
        *len = m->entries[i].key_len;
    }
    return m->pool + m->entries[i].key_off;
}

uint32_t kg_map_value(const kg_map *m, size_t i)
{
    return m->entries[i].value;
}
