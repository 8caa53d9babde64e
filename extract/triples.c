/* triples.c - extraction records (documents, triples and mentions) in memory, and their
 * TSV and JSON Lines forms, written and read back losslessly. JSON goes
 * through json-c. Triples can also be written (not read) in the CaRB Open IE
 * benchmark's tabbed format. */
#include "kg_triples.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- memory */

int kg_extraction_new(kg_extraction **out)
{
    *out = NULL;
    kg_extraction *x = kg_calloc(1, sizeof *x);
    if (!x)
        return KG_ENOMEM;
    if (kg_arena_new(&x->arena)) {
        kg_free(x);
        return KG_ENOMEM;
    }
    *out = x;
    return KG_OK;
}

void kg_extraction_free(kg_extraction *x)
{
    if (!x)
        return;
    kg_free(x->documents);
    kg_free(x->triples);
    kg_free(x->mentions);
    kg_arena_free(x->arena);
    kg_free(x);
}

/* Copies *s into the arena unless NULL; returns 0 or KG_ENOMEM. */
static int copy(kg_arena *a, const char **s)
{
    if (!*s)
        return KG_OK;
    *s = kg_arena_strdup(a, *s);
    return *s ? KG_OK : KG_ENOMEM;
}

int kg_extraction_add_document(kg_extraction *x, const kg_document_record *d)
{
    if (kg_grow((void **)&x->documents, &x->cap_documents, x->n_documents + 1,
                sizeof *x->documents))
        return KG_ENOMEM;
    kg_document_record c = *d;
    if (copy(x->arena, &c.doc) || copy(x->arena, &c.title) || copy(x->arena, &c.byline) ||
        copy(x->arena, &c.date) || copy(x->arena, &c.url))
        return KG_ENOMEM;
    x->documents[x->n_documents++] = c;
    return KG_OK;
}

int kg_extraction_add_triple(kg_extraction *x, const kg_triple *t)
{
    if (kg_grow((void **)&x->triples, &x->cap_triples, x->n_triples + 1, sizeof *x->triples))
        return KG_ENOMEM;
    kg_triple c = *t;
    if (copy(x->arena, &c.subject.text) || copy(x->arena, &c.subject.name) ||
        copy(x->arena, &c.object.text) || copy(x->arena, &c.object.name) ||
        copy(x->arena, &c.relation) || copy(x->arena, &c.relation_surface) ||
        copy(x->arena, &c.modality) || copy(x->arena, &c.time) || copy(x->arena, &c.place) ||
        copy(x->arena, &c.attribution) || copy(x->arena, &c.doc) ||
        copy(x->arena, &c.sentence_text))
        return KG_ENOMEM;
    if (c.n_args > 0) {
        const char **args = kg_arena_alloc(x->arena, c.n_args * sizeof *args);
        if (!args)
            return KG_ENOMEM;
        for (uint32_t i = 0; i < c.n_args; i++) {
            args[i] = t->args[i];
            if (copy(x->arena, &args[i]))
                return KG_ENOMEM;
        }
        c.args = args;
    } else {
        c.args = NULL;
    }
    /* confidences carry three decimals, so every written form reads back exactly */
    c.confidence = round(c.confidence * 1000.0) / 1000.0;
    x->triples[x->n_triples++] = c;
    return KG_OK;
}

int kg_extraction_add_mention(kg_extraction *x, const kg_mention_record *m)
{
    if (kg_grow((void **)&x->mentions, &x->cap_mentions, x->n_mentions + 1, sizeof *x->mentions))
        return KG_ENOMEM;
    kg_mention_record c = *m;
    if (copy(x->arena, &c.doc) || copy(x->arena, &c.text) || copy(x->arena, &c.entity) ||
        copy(x->arena, &c.roles) || copy(x->arena, &c.sentence_text))
        return KG_ENOMEM;
    x->mentions[x->n_mentions++] = c;
    return KG_OK;
}

/* -------------------------------------------------------------------- TSV */

#define TSV_COLUMNS 25

void kg_tsv_put_field(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t':
            fputs("\\t", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static void put_field(FILE *f, const char *s)
{
    fputc('\t', f);
    kg_tsv_put_field(f, s);
}

static const char *type_field(uint8_t type)
{
    return type ? kg_ent_name(type) : "";
}

static void write_tsv_triple(FILE *f, const kg_triple *t)
{
    fputs("triple", f);
    put_field(f, t->doc);
    fprintf(f, "\t%u\t%u\t%u", t->sentence, t->start, t->end);
    put_field(f, t->subject.text);
    put_field(f, t->subject.name);
    put_field(f, type_field(t->subject.type));
    put_field(f, t->relation);
    put_field(f, t->object.text);
    put_field(f, t->object.name);
    put_field(f, type_field(t->object.type));
    fprintf(f, "\t%.3f", t->confidence);
    put_field(f, t->relation_surface);
    fprintf(f, "\t%d", (t->flags & KG_TRIPLE_NEGATED) != 0);
    put_field(f, t->modality);
    put_field(f, t->time);
    put_field(f, t->place);
    put_field(f, t->attribution);
    put_field(f, NULL);
    put_field(f, t->sentence_text);
    fputs("\t\t\t\t\n", f); /* no document metadata */
}

static void write_tsv_mention(FILE *f, const kg_mention_record *m)
{
    fputs("mention", f);
    put_field(f, m->doc);
    fprintf(f, "\t%u\t%u\t%u", m->sentence, m->start, m->end);
    put_field(f, m->text);
    put_field(f, m->entity);
    put_field(f, type_field(m->type));
    fputs("\t\t\t\t\t\t\t\t\t\t\t\t", f); /* empty relation .. attribution */
    kg_tsv_put_field(f, m->roles);
    put_field(f, m->sentence_text);
    fputs("\t\t\t\t\n", f); /* no document metadata */
}

static void write_tsv_document(FILE *f, const kg_document_record *d)
{
    fputs("document", f);
    put_field(f, d->doc);
    fputs("\t0\t0\t0", f);
    for (int i = 0; i < 16; i++)
        fputc('\t', f); /* subject .. sentence_text */
    put_field(f, d->title);
    put_field(f, d->byline);
    put_field(f, d->date);
    put_field(f, d->url);
    fputc('\n', f);
}

/* ------------------------------------------------------------------- CaRB */

/* Writes s with TABs, CRs and newlines as spaces (CaRB fields cannot hold them). */
static void put_carb_field(FILE *f, const char *s)
{
    fputc('\t', f);
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void write_carb_triple(FILE *f, const kg_triple *t)
{
    if (t->flags & KG_TRIPLE_DERIVED)
        return;
    int passive = (t->flags & KG_TRIPLE_PASSIVE) != 0;
    for (const char *s = t->sentence_text; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    fprintf(f, "\t%.3f", t->confidence);
    put_carb_field(f, t->relation_surface ? t->relation_surface : t->relation);
    put_carb_field(f, passive ? t->object.text : t->subject.text);
    put_carb_field(f, passive ? t->subject.text : t->object.text);
    for (uint32_t i = 0; i < t->n_args; i++)
        put_carb_field(f, t->args[i]);
    fputc('\n', f);
}

/* ------------------------------------------------------------------- JSON */

/* Adds key: string (or null) to obj. Returns 0 or KG_ENOMEM. */
static int json_put_str(json_object *obj, const char *key, const char *s)
{
    json_object *v = NULL;
    if (s && !(v = json_object_new_string(s)))
        return KG_ENOMEM;
    return json_object_object_add(obj, key, v) == 0 ? KG_OK : KG_ENOMEM;
}

static int json_put_int(json_object *obj, const char *key, uint32_t n)
{
    json_object *v = json_object_new_int64(n);
    return v && json_object_object_add(obj, key, v) == 0 ? KG_OK : KG_ENOMEM;
}

static int json_put_type(json_object *obj, const char *key, uint8_t type)
{
    return json_put_str(obj, key, type ? kg_ent_name(type) : NULL);
}

static json_object *json_arg(const kg_arg *a)
{
    json_object *o = json_object_new_object();
    if (!o)
        return NULL;
    if (json_put_str(o, "text", a->text) || json_put_str(o, "name", a->name) ||
        json_put_type(o, "type", a->type) || json_put_int(o, "start", a->start) ||
        json_put_int(o, "end", a->end)) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *json_triple(const kg_triple *t)
{
    char conf[32];
    json_object *o = json_object_new_object(), *s = NULL, *b = NULL, *c = NULL, *n = NULL;
    if (!o)
        return NULL;
    snprintf(conf, sizeof conf, "%.3f", t->confidence);
    if (json_put_str(o, "kind", "triple") || json_put_str(o, "doc", t->doc) ||
        json_put_int(o, "sentence", t->sentence) || json_put_int(o, "start", t->start) ||
        json_put_int(o, "end", t->end) || !(s = json_arg(&t->subject)) ||
        json_object_object_add(o, "subject", s) || json_put_str(o, "relation", t->relation) ||
        json_put_str(o, "relation_surface", t->relation_surface) || !(b = json_arg(&t->object)) ||
        json_object_object_add(o, "object", b) ||
        !(c = json_object_new_double_s(t->confidence, conf)) ||
        json_object_object_add(o, "confidence", c) ||
        !(n = json_object_new_boolean((t->flags & KG_TRIPLE_NEGATED) != 0)) ||
        json_object_object_add(o, "negated", n) || json_put_str(o, "modality", t->modality) ||
        json_put_str(o, "time", t->time) || json_put_str(o, "place", t->place) ||
        json_put_str(o, "attribution", t->attribution) ||
        json_put_str(o, "sentence_text", t->sentence_text)) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *json_mention(const kg_mention_record *m)
{
    json_object *o = json_object_new_object();
    json_object *roles = json_object_new_array();
    if (!o || !roles)
        goto fail;
    for (const char *p = m->roles; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        json_object *r = json_object_new_string_len(p, (int)n);
        if (!r || json_object_array_add(roles, r)) {
            json_object_put(r);
            goto fail;
        }
        p = bar ? bar + 1 : p + n;
    }
    if (json_put_str(o, "kind", "mention") || json_put_str(o, "doc", m->doc) ||
        json_put_int(o, "sentence", m->sentence) || json_put_int(o, "start", m->start) ||
        json_put_int(o, "end", m->end) || json_put_str(o, "text", m->text) ||
        json_put_type(o, "type", m->type) || json_put_str(o, "entity", m->entity) ||
        json_object_object_add(o, "roles", roles))
        goto fail;
    roles = NULL;
    if (json_put_str(o, "sentence_text", m->sentence_text))
        goto fail;
    return o;
fail:
    json_object_put(roles);
    json_object_put(o);
    return NULL;
}

static json_object *json_document(const kg_document_record *d)
{
    json_object *o = json_object_new_object();
    if (!o)
        return NULL;
    if (json_put_str(o, "kind", "document") || json_put_str(o, "doc", d->doc) ||
        json_put_str(o, "title", d->title) || json_put_str(o, "byline", d->byline) ||
        json_put_str(o, "date", d->date) || json_put_str(o, "url", d->url)) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static int write_json(FILE *f, json_object *o)
{
    if (!o)
        return kg_error_set(KG_ENOMEM, "out of memory writing JSON");
    fputs(
        json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
        f);
    fputc('\n', f);
    json_object_put(o);
    return KG_OK;
}

int kg_extraction_write(FILE *f, const kg_extraction *x, kg_records_format format, int header)
{
    int rc = KG_OK;
    if (format == KG_RECORDS_CARB) {
        for (size_t i = 0; i < x->n_triples; i++)
            write_carb_triple(f, &x->triples[i]);
        return ferror(f) ? kg_error_set(KG_EIO, "write failed") : KG_OK;
    }
    if (format == KG_RECORDS_TSV && header)
        fputs(KG_RECORDS_TSV_HEADER "\n", f);
    for (size_t i = 0; i < x->n_documents && rc == KG_OK; i++) {
        if (format == KG_RECORDS_TSV)
            write_tsv_document(f, &x->documents[i]);
        else
            rc = write_json(f, json_document(&x->documents[i]));
    }
    for (size_t i = 0; i < x->n_triples && rc == KG_OK; i++) {
        if (format == KG_RECORDS_TSV)
            write_tsv_triple(f, &x->triples[i]);
        else
            rc = write_json(f, json_triple(&x->triples[i]));
    }
    for (size_t i = 0; i < x->n_mentions && rc == KG_OK; i++) {
        if (format == KG_RECORDS_TSV)
            write_tsv_mention(f, &x->mentions[i]);
        else
            rc = write_json(f, json_mention(&x->mentions[i]));
    }
    if (rc == KG_OK && ferror(f))
        rc = kg_error_set(KG_EIO, "write failed");
    return rc;
}

/* ---------------------------------------------------------------- reading */

typedef struct reader {
    kg_extraction *x;
    const char *name;
    size_t line;
} reader;

static int bad(const reader *r, const char *what)
{
    return kg_error_set(KG_EINPUT, "%s:%zu: %s", r->name, r->line, what);
}

/* Unescapes a TSV field in place (\t \n \r \\); returns its new length. */
static size_t unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[++i];
            s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

static int parse_u32(const char *s, uint32_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v > UINT32_MAX || s[0] == '-')
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int parse_type(const char *s, uint8_t *out)
{
    if (!*s || strcmp(s, "_") == 0) {
        *out = KG_ENT_NONE;
        return 0;
    }
    int t = kg_ent_from_name(s, strlen(s));
    *out = (uint8_t)t;
    return t ? 0 : -1;
}

static const char *opt(const char *s)
{
    return *s ? s : NULL;
}

static int read_tsv_line(reader *r, char *line, size_t len)
{
    char *f[TSV_COLUMNS];
    size_t k = 0;
    char *p = line, *end = line + len;
    while (k < TSV_COLUMNS) {
        char *tab = memchr(p, '\t', (size_t)(end - p));
        f[k] = p;
        size_t n = tab ? (size_t)(tab - p) : (size_t)(end - p);
        p[n] = '\0';
        unescape(p, n);
        k++;
        if (!tab)
            break;
        p = tab + 1;
        if (k == TSV_COLUMNS)
            return bad(r, "too many columns");
    }
    if (k != TSV_COLUMNS)
        return bad(r, "expected 25 TAB-separated columns (see kgraph extract --help)");
    if (strcmp(f[0], "kind") == 0)
        return KG_OK; /* a header line */
    uint32_t sentence, start, stop;
    if (parse_u32(f[2], &sentence) || parse_u32(f[3], &start) || parse_u32(f[4], &stop))
        return bad(r, "sentence, start and end must be numbers");
    if (!*f[1])
        return bad(r, "empty document id");
    if (strcmp(f[0], "document") == 0) {
        kg_document_record d = {f[1], opt(f[21]), opt(f[22]), opt(f[23]), opt(f[24])};
        return kg_extraction_add_document(r->x, &d);
    }
    if (strcmp(f[0], "triple") == 0) {
        kg_triple t;
        memset(&t, 0, sizeof t);
        char *end_conf = NULL;
        t.confidence = strtod(f[12], &end_conf);
        if (parse_type(f[7], &t.subject.type) || parse_type(f[11], &t.object.type))
            return bad(r, "unknown entity type");
        if (!*f[12] || *end_conf || !(t.confidence >= 0 && t.confidence <= 1))
            return bad(r, "confidence must be a number from 0 to 1");
        if (!*f[5] || !*f[8] || !*f[9])
            return bad(r, "a triple needs a subject, a relation and an object");
        t.doc = f[1];
        t.sentence = sentence;
        t.start = start;
        t.end = stop;
        t.subject.text = f[5];
        t.subject.name = opt(f[6]);
        t.relation = f[8];
        t.object.text = f[9];
        t.object.name = opt(f[10]);
        t.relation_surface = opt(f[13]);
        t.flags = strcmp(f[14], "1") == 0 ? KG_TRIPLE_NEGATED : 0;
        t.modality = opt(f[15]);
        t.time = opt(f[16]);
        t.place = opt(f[17]);
        t.attribution = opt(f[18]);
        t.sentence_text = opt(f[20]);
        return kg_extraction_add_triple(r->x, &t);
    }
    if (strcmp(f[0], "mention") == 0) {
        kg_mention_record m;
        memset(&m, 0, sizeof m);
        if (parse_type(f[7], &m.type))
            return bad(r, "unknown entity type");
        if (!*f[5] || !*f[6])
            return bad(r, "a mention needs its text and its entity");
        m.doc = f[1];
        m.sentence = sentence;
        m.start = start;
        m.end = stop;
        m.text = f[5];
        m.entity = f[6];
        m.roles = opt(f[19]);
        m.sentence_text = opt(f[20]);
        return kg_extraction_add_mention(r->x, &m);
    }
    return bad(r, "unknown record kind (expected document, triple or mention)");
}

/* JSON field accessors: NULL/0 when absent or null; *ok cleared on a wrong type. */
static const char *jstr(json_object *o, const char *key, int *ok)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !v)
        return NULL;
    if (!json_object_is_type(v, json_type_string)) {
        *ok = 0;
        return NULL;
    }
    return json_object_get_string(v);
}

static uint32_t jnum(json_object *o, const char *key, int *ok)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int)) {
        *ok = 0;
        return 0;
    }
    int64_t n = json_object_get_int64(v);
    if (n < 0 || n > UINT32_MAX) {
        *ok = 0;
        return 0;
    }
    return (uint32_t)n;
}

static uint8_t jtype(json_object *o, const char *key, int *ok)
{
    const char *s = jstr(o, key, ok);
    uint8_t t = KG_ENT_NONE;
    if (s && parse_type(s, &t))
        *ok = 0;
    return t;
}

static void jarg(json_object *o, const char *key, kg_arg *a, int *ok)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_object)) {
        *ok = 0;
        return;
    }
    a->text = jstr(v, "text", ok);
    a->name = jstr(v, "name", ok);
    a->type = jtype(v, "type", ok);
    a->start = jnum(v, "start", ok);
    a->end = jnum(v, "end", ok);
}

static int read_json_line(reader *r, const char *line, size_t len, kg_strbuf *roles)
{
    int rc = KG_OK;
    int ok = 1;
    struct json_tokener *tok = json_tokener_new();
    if (!tok)
        return kg_error_set(KG_ENOMEM, "out of memory reading JSON");
    json_object *o = json_tokener_parse_ex(tok, line, (int)len);
    if (!o || json_tokener_get_error(tok) != json_tokener_success || tok->char_offset != (int)len ||
        !json_object_is_type(o, json_type_object)) {
        rc = bad(r, "not a JSON object");
        goto done;
    }
    const char *kind = jstr(o, "kind", &ok);
    if (kind && strcmp(kind, "document") == 0) {
        kg_document_record d;
        d.doc = jstr(o, "doc", &ok);
        d.title = jstr(o, "title", &ok);
        d.byline = jstr(o, "byline", &ok);
        d.date = jstr(o, "date", &ok);
        d.url = jstr(o, "url", &ok);
        if (!ok || !d.doc)
            rc = bad(r, "incomplete or mistyped document record");
        else
            rc = kg_extraction_add_document(r->x, &d);
    } else if (kind && strcmp(kind, "triple") == 0) {
        kg_triple t;
        memset(&t, 0, sizeof t);
        t.doc = jstr(o, "doc", &ok);
        t.sentence = jnum(o, "sentence", &ok);
        t.start = jnum(o, "start", &ok);
        t.end = jnum(o, "end", &ok);
        jarg(o, "subject", &t.subject, &ok);
        jarg(o, "object", &t.object, &ok);
        t.relation = jstr(o, "relation", &ok);
        t.relation_surface = jstr(o, "relation_surface", &ok);
        json_object *v = NULL;
        if (json_object_object_get_ex(o, "confidence", &v) &&
            (json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
            t.confidence = json_object_get_double(v);
        else
            ok = 0;
        if (json_object_object_get_ex(o, "negated", &v) && json_object_get_boolean(v))
            t.flags |= KG_TRIPLE_NEGATED;
        t.modality = jstr(o, "modality", &ok);
        t.time = jstr(o, "time", &ok);
        t.place = jstr(o, "place", &ok);
        t.attribution = jstr(o, "attribution", &ok);
        t.sentence_text = jstr(o, "sentence_text", &ok);
        if (!ok || !t.doc || !t.relation || !t.subject.text || !t.object.text ||
            !(t.confidence >= 0 && t.confidence <= 1))
            rc = bad(r, "incomplete or mistyped triple record");
        else
            rc = kg_extraction_add_triple(r->x, &t);
    } else if (kind && strcmp(kind, "mention") == 0) {
        kg_mention_record m;
        memset(&m, 0, sizeof m);
        m.doc = jstr(o, "doc", &ok);
        m.sentence = jnum(o, "sentence", &ok);
        m.start = jnum(o, "start", &ok);
        m.end = jnum(o, "end", &ok);
        m.text = jstr(o, "text", &ok);
        m.type = jtype(o, "type", &ok);
        m.entity = jstr(o, "entity", &ok);
        m.sentence_text = jstr(o, "sentence_text", &ok);
        json_object *arr = NULL;
        kg_strbuf_clear(roles);
        if (json_object_object_get_ex(o, "roles", &arr) && arr) {
            if (!json_object_is_type(arr, json_type_array))
                ok = 0;
            for (size_t i = 0; ok && i < json_object_array_length(arr); i++) {
                json_object *e = json_object_array_get_idx(arr, i);
                if (!json_object_is_type(e, json_type_string))
                    ok = 0;
                else if ((roles->len && kg_strbuf_putc(roles, '|')) ||
                         kg_strbuf_puts(roles, json_object_get_string(e))) {
                    rc = KG_ENOMEM;
                    goto done;
                }
            }
        }
        m.roles = roles->len ? roles->data : NULL;
        if (!ok || !m.doc || !m.text || !m.entity)
            rc = bad(r, "incomplete or mistyped mention record");
        else
            rc = kg_extraction_add_mention(r->x, &m);
    } else {
        rc = bad(r, "unknown record kind (expected \"document\", \"triple\" or \"mention\")");
    }
done:
    json_object_put(o);
    json_tokener_free(tok);
    return rc;
}

int kg_extraction_read(kg_extraction *x, const char *text, size_t len, const char *name)
{
    int rc = KG_OK;
    reader r = {x, name, 0};
    char *line = NULL;
    size_t cap = 0;
    kg_strbuf roles = KG_STRBUF_INIT;
    size_t bad_at = 0;
    if (!kg_utf8_valid(text, len, &bad_at))
        return kg_error_set(KG_EINPUT, "%s: invalid UTF-8 at byte %zu", name, bad_at);
    if (memchr(text, '\0', len))
        return kg_error_set(KG_EINPUT, "%s: binary file (contains NUL bytes), not records", name);
    const char *p = text, *end = text + len;
    while (p < end && rc == KG_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        r.line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (n > INT32_MAX - 1) {
            rc = bad(&r, "line too long");
            break;
        }
        if (n > 0) {
            if (kg_grow((void **)&line, &cap, n + 1, 1)) {
                rc = KG_ENOMEM;
                break;
            }
            memcpy(line, p, n);
            line[n] = '\0';
            rc = line[0] == '{' ? read_json_line(&r, line, n, &roles) : read_tsv_line(&r, line, n);
        }
        p = nl ? nl + 1 : end;
    }
    kg_free(line);
    kg_strbuf_free(&roles);
    return rc;
}

int kg_extraction_read_file(kg_extraction *x, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    int rc = kg_file_read(path, (size_t)1 << 32, &text, &len);
    if (rc == KG_OK) {
        rc = kg_extraction_read(x, text, len, strcmp(path, "-") ? path : "<stdin>");
    }
    kg_free(text);
    return rc;
}
