/* strbuf.c - growable byte buffer with a size cap that frees itself when an
 * append fails (modelled on the behaviour of curl's dynbuf). */
#include "kg_common.h"

#include <string.h>

void kg_strbuf_init(kg_strbuf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

int kg_strbuf_append(kg_strbuf *b, const void *p, size_t n)
{
    if (n > b->max || b->len > b->max - n) {
        kg_strbuf_free(b);
        return kg_error_set(KG_ENOMEM, "text too long (over %zu bytes)", b->max);
    }
    size_t need = b->len + n + 1;
    if (need > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;
        while (ncap < need) {
            ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
        }
        char *d = kg_realloc(b->data, ncap);
        if (!d) {
            kg_strbuf_free(b);
            return KG_ENOMEM;
        }
        b->data = d;
        b->cap = ncap;
    }
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
    return KG_OK;
}

int kg_strbuf_puts(kg_strbuf *b, const char *s)
{
    return kg_strbuf_append(b, s, strlen(s));
}

int kg_strbuf_putc(kg_strbuf *b, char c)
{
    return kg_strbuf_append(b, &c, 1);
}

int kg_strbuf_printf(kg_strbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        kg_strbuf_free(b);
        return kg_error_set(KG_EINVAL, "bad format string");
    }
    if ((size_t)n < sizeof small) {
        return kg_strbuf_append(b, small, (size_t)n);
    }
    char *big = kg_malloc((size_t)n + 1);
    if (!big) {
        kg_strbuf_free(b);
        return KG_ENOMEM;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = kg_strbuf_append(b, big, (size_t)n);
    kg_free(big);
    return rc;
}

void kg_strbuf_clear(kg_strbuf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

char *kg_strbuf_detach(kg_strbuf *b)
{
    char *d = b->data;
    if (!d) {
        d = kg_strdup("");
    }
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return d;
}

const char *kg_strbuf_cstr(const kg_strbuf *b)
{
    return b->data ? b->data : "";
}

void kg_strbuf_free(kg_strbuf *b)
{
    kg_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}
