/* triples.c - the triple list (an array whose strings live in one arena) and
 * its TSV writer. */
#include "kg_triples.h"

#include <string.h>

int kg_triple_list_new(kg_triple_list **out)
{
    *out = NULL;
    kg_triple_list *l = kg_calloc(1, sizeof *l);
    if (!l)
        return KG_ENOMEM;
    if (kg_arena_new(&l->arena)) {
        kg_free(l);
        return KG_ENOMEM;
    }
    *out = l;
    return KG_OK;
}

void kg_triple_list_free(kg_triple_list *l)
{
    if (!l)
        return;
    kg_free(l->items);
    kg_arena_free(l->arena);
    kg_free(l);
}

/* Copies *s into the arena unless NULL; returns 0 or KG_ENOMEM. */
static int copy(kg_arena *a, const char **s)
{
    if (!*s)
        return KG_OK;
    *s = kg_arena_strdup(a, *s);
    return *s ? KG_OK : KG_ENOMEM;
}

int kg_triple_list_add(kg_triple_list *l, const kg_triple *t)
{
    if (kg_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items))
        return KG_ENOMEM;
    kg_triple c = *t;
    if (copy(l->arena, &c.subject.text) || copy(l->arena, &c.subject.name) ||
        copy(l->arena, &c.object.text) || copy(l->arena, &c.object.name) ||
        copy(l->arena, &c.relation) || copy(l->arena, &c.relation_surface) ||
        copy(l->arena, &c.modality) || copy(l->arena, &c.time) || copy(l->arena, &c.place) ||
        copy(l->arena, &c.attribution) || copy(l->arena, &c.doc) ||
        copy(l->arena, &c.sentence_text))
        return KG_ENOMEM;
    l->items[l->count++] = c;
    return KG_OK;
}

/* Writes s with TAB, CR, newline and backslash escaped. */
static void put_escaped(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(*s, f);
        }
    }
}

int kg_triples_write_tsv(FILE *f, const kg_triple_list *l, int header)
{
    if (header)
        fputs("doc\tsentence\tstart\tend\tsubject\tsubject_type\trelation\tobject\tobject_type\t"
              "confidence\trelation_surface\tsentence_text\n", f);
    for (size_t i = 0; i < l->count; i++) {
        const kg_triple *t = &l->items[i];
        put_escaped(f, t->doc);
        fprintf(f, "\t%u\t%u\t%u\t", t->sentence, t->start, t->end);
        put_escaped(f, t->subject.name);
        fprintf(f, "\t%s\t", kg_ent_name(t->subject.type));
        put_escaped(f, t->relation);
        fputc('\t', f);
        put_escaped(f, t->object.name);
        fprintf(f, "\t%s\t%.3f\t", kg_ent_name(t->object.type), t->confidence);
        put_escaped(f, t->relation_surface);
        fputc('\t', f);
        put_escaped(f, t->sentence_text);
        fputc('\n', f);
    }
    return ferror(f) ? kg_error_set(KG_EIO, "write failed") : KG_OK;
}
