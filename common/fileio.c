/* fileio.c - reading whole files (or stdin) with a size cap, and atomic output:
 * write to a temporary file beside the target, then rename over it. */
#define _POSIX_C_SOURCE 200809L
#include "kg_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_stream(FILE *f, const char *name, size_t max, char **out, size_t *out_len)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (kg_grow((void **)&buf, &cap, len + 65536 + 1, 1)) {
            kg_free(buf);
            return KG_ENOMEM;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len > max) {
            kg_free(buf);
            return kg_error_set(KG_EINPUT, "%s: file too large (over %zu bytes)", name, max);
        }
        if (n == 0) {
            if (ferror(f)) {
                int e = errno;
                kg_free(buf);
                return kg_error_set(KG_EIO, "%s: read error: %s", name, strerror(e));
            }
            break;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return KG_OK;
}

int kg_file_read(const char *path, size_t max, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (strcmp(path, "-") == 0) {
        return read_stream(stdin, "<stdin>", max, out, out_len);
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        return kg_error_set(KG_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return kg_error_set(KG_EINPUT, "%s: is a directory, not a file", path);
    }
    int rc = read_stream(f, path, max, out, out_len);
    fclose(f);
    return rc;
}

struct kg_outfile {
    char *path;
    char *tmp; /* NULL when writing to stdout */
    FILE *f;
};

int kg_outfile_open(kg_outfile **out, const char *path)
{
    *out = NULL;
    kg_outfile *o = kg_calloc(1, sizeof *o);
    if (!o) {
        return KG_ENOMEM;
    }
    o->path = kg_strdup(path);
    if (!o->path) {
        goto nomem;
    }
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        *out = o;
        return KG_OK;
    }
    size_t n = strlen(path);
    o->tmp = kg_malloc(n + 16);
    if (!o->tmp) {
        goto nomem;
    }
    /* the temporary file sits beside the target so rename() stays on one file system */
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    memcpy(o->tmp, path, dir);
    snprintf(o->tmp + dir, n + 16 - dir, ".%s.XXXXXX", path + dir);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        kg_error_set(KG_EIO, "%s: cannot write: %s", path, strerror(e));
        kg_free(o->tmp);
        kg_free(o->path);
        kg_free(o);
        return KG_EIO;
    }
    /* mkstemp makes 0600 files; outputs should be readable as any new file would be */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        kg_error_set(KG_EIO, "%s: cannot write: %s", path, strerror(e));
        kg_free(o->tmp);
        kg_free(o->path);
        kg_free(o);
        return KG_EIO;
    }
    *out = o;
    return KG_OK;
nomem:
    kg_free(o->path);
    kg_free(o);
    return KG_ENOMEM;
}

FILE *kg_outfile_stream(kg_outfile *f)
{
    return f->f;
}

const char *kg_outfile_path(const kg_outfile *f)
{
    return f->path;
}

static void outfile_release(kg_outfile *o)
{
    kg_free(o->tmp);
    kg_free(o->path);
    kg_free(o);
}

int kg_outfile_commit(kg_outfile *o)
{
    int rc = KG_OK;
    int failed = ferror(o->f);
    int e = failed ? errno : 0;
    if (fflush(o->f) != 0) {
        failed = 1;
        e = errno;
    }
    if (o->tmp) {
        if (fclose(o->f) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        if (!failed && rename(o->tmp, o->path) != 0) {
            failed = 1;
            e = errno;
        }
        if (failed) {
            unlink(o->tmp);
        }
    }
    if (failed) {
        rc = kg_error_set(KG_EIO, "%s: write failed: %s",
                          strcmp(o->path, "-") ? o->path : "<stdout>",
                          e ? strerror(e) : "I/O error");
    }
    outfile_release(o);
    return rc;
}

void kg_outfile_abort(kg_outfile *o)
{
    if (!o) {
        return;
    }
    if (o->tmp) {
        fclose(o->f);
        unlink(o->tmp);
    }
    outfile_release(o);
}
