/* error.c - the per-thread, one-line error message behind kg_error_message(). */
#include "kg_common.h"

#include <stdio.h>
#include <string.h>

#define KG_ERROR_MAX 512

static _Thread_local char error_text[KG_ERROR_MAX];

const char *kg_error_message(void)
{
    return error_text;
}

/* Keeps the message on one line: newlines and other control bytes become spaces. */
static void flatten(char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            *s = ' ';
        }
    }
}

int kg_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_text, sizeof error_text, fmt, ap);
    va_end(ap);
    flatten(error_text);
    return code;
}

int kg_error_prefix(int code, const char *prefix)
{
    char old[KG_ERROR_MAX];
    memcpy(old, error_text, sizeof old);
    /* truncation is acceptable: the message stays a readable prefix */
    if (snprintf(error_text, sizeof error_text, "%s: %s", prefix, old) < 0) {
        memcpy(error_text, old, sizeof old);
    }
    flatten(error_text);
    return code;
}

void kg_error_clear(void)
{
    error_text[0] = '\0';
}
