/* conllu.c - CoNLL-U (Universal Dependencies) reading and writing. The format:
 * one word per line with ten TAB-separated columns, "#" comment lines, a blank
 * line after each sentence (https://universaldependencies.org/format.html). */
#include "kg_conllu.h"

#include <stdlib.h>
#include <string.h>

typedef struct builder {
    kg_treebank *tb;
    kg_strbuf text;
    size_t cap_tokens, cap_sents, cap_misc, cap_ids, cap_sent_doc, cap_doc_ids;
    const char *sent_id; /* pending "# sent_id" for the next sentence */
    int keep;            /* filter verdict for the current newdoc */
    uint32_t sent_first; /* first token of the sentence being read */
    uint32_t sent_start; /* its first byte in text */
    const char *name;
    size_t line;
} builder;

static int fail(builder *b, const char *what)
{
    return kg_error_set(KG_EFORMAT, "%s:%zu: %s", b->name, b->line, what);
}

static int add_doc_id(builder *b, const char *s, size_t n)
{
    kg_treebank *tb = b->tb;
    if (kg_grow((void **)&tb->doc_ids, &b->cap_doc_ids, tb->n_doc_ids + 1, sizeof *tb->doc_ids)) {
        return KG_ENOMEM;
    }
    char *id = kg_strndup(s, n);
    if (!id) {
        return KG_ENOMEM;
    }
    tb->doc_ids[tb->n_doc_ids++] = id;
    return KG_OK;
}

/* Closes the sentence being read, if it has any token. */
static int end_sentence(builder *b)
{
    kg_document *d = b->tb->doc;
    if (d->n_tokens == b->sent_first) {
        return KG_OK;
    }
    if (kg_grow((void **)&d->sentences, &b->cap_sents, d->n_sentences + 1, sizeof *d->sentences) ||
        kg_grow((void **)&b->tb->sent_ids, &b->cap_ids, d->n_sentences + 1, sizeof(char *)) ||
        kg_grow((void **)&b->tb->sent_doc, &b->cap_sent_doc, d->n_sentences + 1,
                sizeof(uint32_t))) {
        return KG_ENOMEM;
    }
    kg_sentence *s = &d->sentences[d->n_sentences];
    s->first = b->sent_first;
    s->count = (uint32_t)(d->n_tokens - b->sent_first);
    s->start = b->sent_start;
    s->end = d->tokens[d->n_tokens - 1].end;
    s->flags = 0;
    /* heads were read 1-based relative to the sentence; validate them */
    for (uint32_t i = 0; i < s->count; i++) {
        int32_t h = d->tokens[s->first + i].head;
        if (h >= (int32_t)s->count) {
            return fail(b, "HEAD points past the end of the sentence");
        }
    }
    b->tb->sent_ids[d->n_sentences] = b->sent_id;
    b->tb->sent_doc[d->n_sentences] = (uint32_t)(b->tb->n_doc_ids - 1);
    d->n_sentences++;
    b->sent_id = NULL;
    b->sent_first = (uint32_t)d->n_tokens;
    /* sentences are separated by a newline in the text */
    if (kg_strbuf_putc(&b->text, '\n')) {
        return KG_ENOMEM;
    }
    b->sent_start = (uint32_t)b->text.len;
    return KG_OK;
}

static const char *dup_field(builder *b, const char *s, size_t n)
{
    if (n == 1 && s[0] == '_') {
        return NULL;
    }
    return kg_arena_strndup(b->tb->doc->arena, s, n);
}

static int read_word(builder *b, char *line, size_t len)
{
    const char *f[10];
    size_t n[10];
    size_t k = 0;
    const char *p = line, *end = line + len;
    while (k < 10) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        f[k] = p;
        n[k] = tab ? (size_t)(tab - p) : (size_t)(end - p);
        k++;
        if (!tab) {
            break;
        }
        p = tab + 1;
    }
    if (k != 10) {
        return fail(b, "expected 10 TAB-separated columns");
    }
    /* multiword token ranges and empty nodes are not syntactic words */
    for (size_t i = 0; i < n[0]; i++) {
        if (f[0][i] == '-' || f[0][i] == '.') {
            return KG_OK;
        }
    }
    if (!b->keep) {
        return KG_OK;
    }
    kg_document *d = b->tb->doc;
    long id = strtol(f[0], NULL, 10);
    if (id != (long)(d->n_tokens - b->sent_first) + 1) {
        return fail(b, "word ids must count up from 1");
    }
    if (n[1] == 0) {
        return fail(b, "empty FORM");
    }
    if (kg_grow((void **)&d->tokens, &b->cap_tokens, d->n_tokens + 1, sizeof *d->tokens) ||
        kg_grow((void **)&b->tb->misc, &b->cap_misc, d->n_tokens + 1, sizeof(char *))) {
        return KG_ENOMEM;
    }
    kg_token *t = &d->tokens[d->n_tokens];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)b->text.len;
    if (kg_strbuf_append(&b->text, f[1], n[1])) {
        return KG_ENOMEM;
    }
    t->end = (uint32_t)b->text.len;
    t->form = kg_arena_strndup(d->arena, f[1], n[1]);
    t->lemma = dup_field(b, f[2], n[2]);
    t->upos = (uint8_t)kg_upos_from_name(f[3], n[3]);
    t->xpos = (uint8_t)kg_xpos_from_name(f[4], n[4]);
    t->feats = n[5] == 1 && f[5][0] == '_' ? "_" : kg_arena_strndup(d->arena, f[5], n[5]);
    char *hend = NULL;
    long head = strtol(f[6], &hend, 10);
    if (n[6] == 1 && f[6][0] == '_') {
        t->head = -2;
    } else if (hend != f[6] + n[6] || head < 0 || head > 100000) {
        return fail(b, "bad HEAD");
    } else {
        t->head = (int32_t)head - 1;
    }
    t->deprel = (uint8_t)kg_dep_from_name(f[7], n[7]);
    const char *misc = dup_field(b, f[9], n[9]);
    b->tb->misc[d->n_tokens] = misc;
    int space = !(misc && strstr(misc, "SpaceAfter=No"));
    if (!t->form || !t->feats || (n[2] && !t->lemma && !(n[2] == 1 && f[2][0] == '_')) ||
        (n[9] && !misc && !(n[9] == 1 && f[9][0] == '_'))) {
        return KG_ENOMEM;
    }
    if (space) {
        t->flags |= KG_TOK_SPACE_AFTER;
        if (kg_strbuf_putc(&b->text, ' ')) {
            return KG_ENOMEM;
        }
    }
    if (d->n_tokens == b->sent_first) {
        t->flags |= KG_TOK_LINE_START;
    }
    d->n_tokens++;
    return KG_OK;
}

static int read_comment(builder *b, const char *line, size_t len, kg_treebank_filter filter,
                        void *ctx)
{
    static const char newdoc[] = "# newdoc id = ";
    static const char sent_id[] = "# sent_id = ";
    if (len >= sizeof newdoc - 1 && memcmp(line, newdoc, sizeof newdoc - 1) == 0) {
        int rc = end_sentence(b);
        if (rc) {
            return rc;
        }
        rc = add_doc_id(b, line + sizeof newdoc - 1, len - (sizeof newdoc - 1));
        if (rc) {
            return rc;
        }
        b->keep = filter ? filter(b->tb->doc_ids[b->tb->n_doc_ids - 1], ctx) != 0 : 1;
    } else if (len >= sizeof sent_id - 1 && memcmp(line, sent_id, sizeof sent_id - 1) == 0 &&
               b->keep) {
        b->sent_id = kg_arena_strndup(b->tb->doc->arena, line + sizeof sent_id - 1,
                                      len - (sizeof sent_id - 1));
        if (!b->sent_id) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

int kg_treebank_parse(kg_treebank **out, const char *text, size_t len, const char *name,
                      kg_treebank_filter filter, void *ctx)
{
    int rc = KG_OK;
    builder b;
    memset(&b, 0, sizeof b);
    kg_strbuf_init(&b.text, UINT32_MAX - 1);
    b.name = name;
    *out = NULL;
    b.tb = kg_calloc(1, sizeof *b.tb);
    if (!b.tb) {
        return KG_ENOMEM;
    }
    rc = kg_document_new(&b.tb->doc, name);
    if (rc) {
        goto done;
    }
    rc = add_doc_id(&b, "", 0);
    if (rc) {
        goto done;
    }
    b.keep = filter ? filter("", ctx) != 0 : 1;

    const char *p = text, *end = text + len;
    char *line = NULL;
    size_t line_cap = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        b.line++;
        if (n && p[n - 1] == '\r') {
            n--;
        }
        if (kg_grow((void **)&line, &line_cap, n + 1, 1)) {
            rc = KG_ENOMEM;
            break;
        }
        memcpy(line, p, n);
        line[n] = '\0';
        if (n == 0) {
            rc = end_sentence(&b);
        } else if (line[0] == '#') {
            rc = read_comment(&b, line, n, filter, ctx);
        } else {
            rc = read_word(&b, line, n);
        }
        if (rc) {
            break;
        }
        p = nl ? nl + 1 : end;
    }
    kg_free(line);
    if (rc == KG_OK) {
        rc = end_sentence(&b);
    }
    if (rc) {
        goto done;
    }
    kg_document *d = b.tb->doc;
    d->len = b.text.len;
    d->text = kg_strbuf_detach(&b.text);
    if (!d->text) {
        rc = KG_ENOMEM;
        goto done;
    }
    *out = b.tb;
    b.tb = NULL;
done:
    kg_strbuf_free(&b.text);
    kg_treebank_free(b.tb);
    return rc;
}

int kg_treebank_read(kg_treebank **out, const char *path, kg_treebank_filter filter, void *ctx)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = kg_file_read(path, (size_t)1 << 30, &text, &len);
    if (rc) {
        return rc;
    }
    rc = kg_treebank_parse(out, text, len, path, filter, ctx);
    kg_free(text);
    return rc;
}

void kg_treebank_free(kg_treebank *tb)
{
    if (!tb) {
        return;
    }
    kg_document_free(tb->doc);
    kg_free(tb->misc);
    kg_free(tb->sent_ids);
    kg_free(tb->sent_doc);
    for (size_t i = 0; i < tb->n_doc_ids; i++) {
        kg_free(tb->doc_ids[i]);
    }
    kg_free(tb->doc_ids);
    kg_free(tb);
}

/* Writes a field, replacing characters CoNLL-U cannot hold (TAB, newline) and
 * empty values. */
static void put_field(FILE *f, const char *s)
{
    if (!s || !*s) {
        fputc('_', f);
        return;
    }
    for (; *s; s++) {
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
}

int kg_conllu_write(FILE *f, const kg_document *d)
{
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *s = &d->sentences[si];
        fputs("# text = ", f);
        for (uint32_t i = s->start; i < s->end && i < d->len; i++) {
            char c = d->text[i];
            fputc(c == '\n' || c == '\r' || c == '\t' ? ' ' : c, f);
        }
        fputc('\n', f);
        for (uint32_t i = 0; i < s->count; i++) {
            const kg_token *t = &d->tokens[s->first + i];
            fprintf(f, "%u\t", i + 1);
            put_field(f, t->form);
            fputc('\t', f);
            put_field(f, t->lemma);
            fprintf(f, "\t%s\t%s\t", kg_upos_name(t->upos), kg_xpos_name(t->xpos));
            put_field(f, t->feats);
            if (t->head < -1) {
                fputs("\t_", f);
            } else {
                fprintf(f, "\t%d", t->head + 1);
            }
            fprintf(f, "\t%s\t_\t%s\n", kg_dep_name(t->deprel),
                    t->flags & KG_TOK_SPACE_AFTER || i + 1 == s->count ? "_" : "SpaceAfter=No");
        }
        fputc('\n', f);
    }
    if (ferror(f)) {
        return kg_error_set(KG_EIO, "write failed");
    }
    return KG_OK;
}
