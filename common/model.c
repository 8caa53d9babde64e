/* model.c - the versioned, checksummed container every trained model is stored
 * in, loaded by one read-only mmap, and bounds-checked payload reading/writing. */
#define _POSIX_C_SOURCE 200809L
#include "kg_common.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER_SIZE 32
static const char magic[8] = {'K', 'G', 'R', 'A', 'P', 'H', 'M', '1'};

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const unsigned char *p)
{
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (unsigned char)(v >> (8 * i));
    }
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = (unsigned char)(v >> (8 * i));
    }
}

int kg_model_file_read(kg_blob **out, const char *path, const char kind[4], uint32_t version)
{
    int rc = KG_OK;
    int fd = -1;
    void *map = MAP_FAILED;
    size_t size = 0;
    kg_blob *b = NULL;
    *out = NULL;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = kg_error_set(KG_EIO, "%s: cannot open model: %s", path, strerror(errno));
        goto done;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = kg_error_set(KG_EFORMAT, "%s: not a model file", path);
        goto done;
    }
    size = (size_t)st.st_size;
    if (size < HEADER_SIZE) {
        rc = kg_error_set(KG_EFORMAT, "%s: model file truncated (%zu bytes)", path, size);
        goto done;
    }
    map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        rc = kg_error_set(KG_EIO, "%s: cannot map model: %s", path, strerror(errno));
        goto done;
    }
    const unsigned char *h = map;
    if (memcmp(h, magic, sizeof magic) != 0) {
        rc = kg_error_set(KG_EFORMAT, "%s: not a kgraph model file (bad magic number)", path);
        goto done;
    }
    if (memcmp(h + 8, kind, 4) != 0) {
        rc = kg_error_set(KG_EFORMAT, "%s: wrong kind of model ('%.4s', expected '%.4s')", path,
                          (const char *)h + 8, kind);
        goto done;
    }
    if (get_u32(h + 12) != version) {
        rc = kg_error_set(KG_EFORMAT, "%s: model format version %u, this kgraph reads version %u",
                          path, get_u32(h + 12), version);
        goto done;
    }
    uint64_t payload = get_u64(h + 16);
    if (payload != size - HEADER_SIZE) {
        rc = kg_error_set(KG_EFORMAT,
                          "%s: model file truncated or padded (%zu payload bytes, "
                          "header says %llu)",
                          path, size - HEADER_SIZE, (unsigned long long)payload);
        goto done;
    }
    if (kg_hash(h + HEADER_SIZE, size - HEADER_SIZE) != get_u64(h + 24)) {
        rc = kg_error_set(KG_EFORMAT, "%s: model file corrupt (checksum mismatch)", path);
        goto done;
    }
    b = kg_calloc(1, sizeof *b);
    if (!b) {
        rc = KG_ENOMEM;
        goto done;
    }
    b->map = map;
    b->map_size = size;
    b->data = h + HEADER_SIZE;
    b->size = size - HEADER_SIZE;
    map = MAP_FAILED;
    *out = b;
done:
    if (map != MAP_FAILED) {
        munmap(map, size);
    }
    if (fd >= 0) {
        close(fd);
    }
    return rc;
}

void kg_blob_free(kg_blob *b)
{
    if (!b) {
        return;
    }
    munmap(b->map, b->map_size);
    kg_free(b);
}

int kg_model_file_write(const char *path, const char kind[4], uint32_t version, const void *payload,
                        size_t size)
{
    unsigned char h[HEADER_SIZE];
    memcpy(h, magic, sizeof magic);
    memcpy(h + 8, kind, 4);
    put_u32(h + 12, version);
    put_u64(h + 16, size);
    put_u64(h + 24, kg_hash(payload, size));
    kg_outfile *o = NULL;
    int rc = kg_outfile_open(&o, path);
    if (rc) {
        return rc;
    }
    FILE *f = kg_outfile_stream(o);
    if (fwrite(h, 1, sizeof h, f) != sizeof h || (size && fwrite(payload, 1, size, f) != size)) {
        kg_outfile_abort(o);
        return kg_error_set(KG_EIO, "%s: write failed", path);
    }
    return kg_outfile_commit(o);
}

void kg_reader_init(kg_reader *r, const void *data, size_t size)
{
    r->base = data;
    r->p = data;
    r->end = r->base + size;
    r->failed = 0;
}

static const unsigned char *take(kg_reader *r, size_t n)
{
    if (r->failed || (size_t)(r->end - r->p) < n) {
        r->failed = 1;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    return p;
}

uint32_t kg_read_u32(kg_reader *r)
{
    const unsigned char *p = take(r, 4);
    return p ? get_u32(p) : 0;
}

uint64_t kg_read_u64(kg_reader *r)
{
    const unsigned char *p = take(r, 8);
    return p ? get_u64(p) : 0;
}

float kg_read_f32(kg_reader *r)
{
    uint32_t u = kg_read_u32(r);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

void kg_read_align(kg_reader *r, size_t align)
{
    size_t off = (size_t)(r->p - r->base);
    size_t pad = (align - off % align) % align;
    take(r, pad);
}

const void *kg_read_array(kg_reader *r, size_t elem, size_t count)
{
    if (elem && count > SIZE_MAX / elem) {
        r->failed = 1;
        return NULL;
    }
    return take(r, elem * count);
}

const char *kg_read_str(kg_reader *r, uint32_t *len)
{
    uint32_t n = kg_read_u32(r);
    const unsigned char *p = take(r, n);
    *len = p ? n : 0;
    return (const char *)p;
}

int kg_write_u32(kg_strbuf *b, uint32_t v)
{
    unsigned char p[4];
    put_u32(p, v);
    return kg_strbuf_append(b, p, 4);
}

int kg_write_u64(kg_strbuf *b, uint64_t v)
{
    unsigned char p[8];
    put_u64(p, v);
    return kg_strbuf_append(b, p, 8);
}

int kg_write_f32(kg_strbuf *b, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    return kg_write_u32(b, u);
}

int kg_write_align(kg_strbuf *b, size_t align)
{
    static const char zeros[64];
    size_t pad = (align - b->len % align) % align;
    return pad ? kg_strbuf_append(b, zeros, pad) : KG_OK;
}

int kg_write_str(kg_strbuf *b, const char *s, uint32_t len)
{
    int rc = kg_write_u32(b, len);
    return rc ? rc : kg_strbuf_append(b, s, len);
}
