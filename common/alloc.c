/* alloc.c - checked allocation, with a hook that fails the Nth allocation so
 * tests can prove every error path frees what it took (after sqlite's
 * test_malloc.c). */
#include "kg_common.h"

#include <stdlib.h>
#include <string.h>

#ifdef KG_ALLOC_TESTING
#include <stdatomic.h>
static atomic_long fail_countdown = -1;
static atomic_long failures;

static int should_fail(void)
{
    long n = atomic_load(&fail_countdown);
    if (n < 0)
        return 0;
    if (n == 0) {
        atomic_fetch_add(&failures, 1);
        return 1;
    }
    atomic_fetch_sub(&fail_countdown, 1);
    return 0;
}

void kg_alloc_fail_after(long n)
{
    atomic_store(&fail_countdown, n);
    atomic_store(&failures, 0);
}

long kg_alloc_failures(void)
{
    return atomic_load(&failures);
}
#else
static int should_fail(void)
{
    return 0;
}

void kg_alloc_fail_after(long n)
{
    (void)n;
}

long kg_alloc_failures(void)
{
    return 0;
}
#endif

static void *oom(size_t n)
{
    kg_error_set(KG_ENOMEM, "out of memory (allocating %zu bytes)", n);
    return NULL;
}

void *kg_malloc(size_t n)
{
    void *p = should_fail() ? NULL : malloc(n ? n : 1);
    return p ? p : oom(n);
}

void *kg_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        return oom(SIZE_MAX);
    }
    void *p = should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
    return p ? p : oom(count * size);
}

void *kg_realloc(void *p, size_t n)
{
    void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
    return q ? q : oom(n);
}

char *kg_strndup(const char *s, size_t n)
{
    char *d = kg_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *kg_strdup(const char *s)
{
    return kg_strndup(s, strlen(s));
}

void kg_free(void *p)
{
    free(p);
}

int kg_grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return KG_OK;
    }
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            return kg_error_set(KG_ENOMEM, "out of memory (array of %zu elements)", need);
        }
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem) {
        return kg_error_set(KG_ENOMEM, "out of memory (array of %zu elements)", need);
    }
    void *p = kg_realloc(*array, ncap * elem);
    if (!p) {
        return KG_ENOMEM;
    }
    *array = p;
    *cap = ncap;
    return KG_OK;
}
