/* syntax_eval.c - accuracy of kgraph's tagger, lemmatiser and parser on a
 * CoNLL-U treebank with gold tokenisation, by the CoNLL 2018 shared-task
 * definitions: every syntactic word counts (punctuation included); UPOS,
 * XPOS, UFeats (the whole FEATS value), Lemmas; UAS = correct head; LAS =
 * correct head and universal relation (the part before ':'); full-label LAS
 * also requires the subtype. Tags, lemmas and trees are all predicted.
 *
 * usage: syntax_eval [--models DIR] [--cc-by] [--name NAME] FILE.conllu
 *   --cc-by  keep only GUM documents from CC BY genres */
#define _POSIX_C_SOURCE 200809L
#include "kg_conllu.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int allowed(const char *doc_id, void *ctx)
{
    (void)ctx;
    return kg_syntax_doc_allowed(doc_id);
}

static size_t universal_len(const char *name)
{
    const char *c = strchr(name, ':');
    return c ? (size_t)(c - name) : strlen(name);
}

int main(int argc, char **argv)
{
    const char *models = "models", *path = NULL, *name = NULL;
    int cc_by = 0, status = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--models") == 0 && i + 1 < argc)
            models = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
            name = argv[++i];
        else if (strcmp(argv[i], "--cc-by") == 0)
            cc_by = 1;
        else
            path = argv[i];
    }
    if (!path) {
        fputs("usage: syntax_eval [--models DIR] [--cc-by] [--name NAME] FILE.conllu\n", stderr);
        return 1;
    }
    kg_syntax *syn = NULL;
    kg_treebank *tb = NULL;
    kg_token *gold = NULL;
    if (kg_syntax_load(&syn, models) != 0 ||
        kg_treebank_read(&tb, path, cc_by ? allowed : NULL, NULL) != 0) {
        fprintf(stderr, "syntax_eval: %s\n", kg_error_message());
        goto done;
    }
    kg_document *d = tb->doc;
    gold = malloc((d->n_tokens + 1) * sizeof *gold);
    if (!gold)
        goto done;
    memcpy(gold, d->tokens, d->n_tokens * sizeof *gold);
    if (kg_syntax_annotate(syn, d) != 0) {
        fprintf(stderr, "syntax_eval: %s\n", kg_error_message());
        goto done;
    }
    size_t n = d->n_tokens, upos = 0, xpos = 0, feats = 0, lemma = 0, uas = 0, las = 0, flas = 0;
    for (size_t i = 0; i < n; i++) {
        const kg_token *g = &gold[i], *p = &d->tokens[i];
        upos += g->upos == p->upos;
        xpos += g->xpos == p->xpos;
        feats += strcmp(g->feats ? g->feats : "_", p->feats ? p->feats : "_") == 0;
        lemma += strcmp(g->lemma ? g->lemma : "_", p->lemma ? p->lemma : "_") == 0;
        if (g->head == p->head) {
            uas++;
            const char *gn = kg_dep_name(g->deprel), *pn = kg_dep_name(p->deprel);
            size_t gl = universal_len(gn), pl = universal_len(pn);
            las += gl == pl && memcmp(gn, pn, gl) == 0;
            flas += g->deprel == p->deprel;
        }
    }
    double t = n ? (double)n / 100.0 : 1.0;
    printf("%-22s words %6zu  UPOS %.2f  XPOS %.2f  UFeats %.2f  Lemmas %.2f  UAS %.2f  "
           "LAS %.2f  full-label LAS %.2f\n",
           name ? name : path, n, upos / t, xpos / t, feats / t, lemma / t, uas / t, las / t,
           flas / t);
    status = 0;
done:
    free(gold);
    kg_treebank_free(tb);
    kg_syntax_free(syn);
    return status;
}
