/* test_conllu.c - reading and writing CoNLL-U treebanks. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_conllu.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char sample[] =
    "# newdoc id = GUM_news_release\n"
    "# sent_id = s1\n"
    "# text = Qatar mediated the release.\n"
    "1\tQatar\tQatar\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\tEntity=(1-place-new-1-Qatar)\n"
    "2\tmediated\tmediate\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_\n"
    "4\trelease\trelease\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = GUM_whow_joke\n"
    "# sent_id = s2\n"
    "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
    "3\tlaugh\tlaugh\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "\n";

static int no_whow(const char *doc_id, void *ctx)
{
    (void)ctx;
    return strstr(doc_id, "_whow_") == NULL;
}

static void test_read_gold_annotation(void **state)
{
    (void)state;
    kg_treebank *tb = NULL;
    assert_int_equal(kg_treebank_parse(&tb, sample, strlen(sample), "sample", NULL, NULL), 0);
    kg_document *d = tb->doc;
    assert_int_equal(d->n_sentences, 2);
    assert_int_equal(d->n_tokens, 8); /* the multiword range 1-2 is skipped */
    assert_string_equal(d->tokens[1].form, "mediated");
    assert_string_equal(d->tokens[1].lemma, "mediate");
    assert_int_equal(d->tokens[1].upos, KG_UPOS_VERB);
    assert_int_equal(d->tokens[1].xpos, KG_XPOS_VBD);
    assert_int_equal(d->tokens[1].head, -1);
    assert_int_equal(d->tokens[0].head, 1);
    assert_int_equal(d->tokens[0].deprel, KG_DEP_NSUBJ);
    assert_string_equal(tb->misc[0], "Entity=(1-place-new-1-Qatar)");
    assert_null(tb->misc[1]);
    assert_string_equal(tb->sent_ids[1], "s2");
    assert_string_equal(tb->doc_ids[tb->sent_doc[0]], "GUM_news_release");
    /* SpaceAfter=No joins "release." in the text */
    const kg_sentence *s = &d->sentences[0];
    assert_memory_equal(d->text + s->start, "Qatar mediated the release.", 27);
    assert_int_equal(s->end - s->start, 27);
    assert_memory_equal(d->text + d->tokens[3].start, "release", 7);
    kg_treebank_free(tb);
}

static void test_filter_by_document(void **state)
{
    (void)state;
    kg_treebank *tb = NULL;
    assert_int_equal(kg_treebank_parse(&tb, sample, strlen(sample), "sample", no_whow, NULL), 0);
    assert_int_equal(tb->doc->n_sentences, 1);
    assert_int_equal(tb->doc->n_tokens, 5);
    kg_treebank_free(tb);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    kg_treebank *tb = NULL;
    const char *bad = "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tcat\n";
    assert_int_equal(kg_treebank_parse(&tb, bad, strlen(bad), "bad.conllu", NULL, NULL), KG_EFORMAT);
    assert_null(tb);
    assert_string_equal(kg_error_message(), "bad.conllu:2: expected 10 TAB-separated columns");
    const char *head = "1\tA\ta\tDET\tDT\t_\t7\tdet\t_\t_\n\n";
    assert_int_equal(kg_treebank_parse(&tb, head, strlen(head), "h.conllu", NULL, NULL), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "HEAD"));
}

static void test_write_roundtrip(void **state)
{
    (void)state;
    kg_treebank *tb = NULL;
    assert_int_equal(kg_treebank_parse(&tb, sample, strlen(sample), "sample", NULL, NULL), 0);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    assert_int_equal(kg_conllu_write(f, tb->doc), 0);
    fclose(f);
    assert_non_null(strstr(buf, "# text = Qatar mediated the release.\n"));
    assert_non_null(strstr(buf, "4\trelease\trelease\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\tSpaceAfter=No\n"));
    kg_treebank *again = NULL;
    assert_int_equal(kg_treebank_parse(&again, buf, size, "again", NULL, NULL), 0);
    assert_int_equal(again->doc->n_tokens, tb->doc->n_tokens);
    for (size_t i = 0; i < tb->doc->n_tokens; i++) {
        assert_string_equal(again->doc->tokens[i].form, tb->doc->tokens[i].form);
        assert_int_equal(again->doc->tokens[i].head, tb->doc->tokens[i].head);
        assert_int_equal(again->doc->tokens[i].deprel, tb->doc->tokens[i].deprel);
    }
    free(buf);
    kg_treebank_free(again);
    kg_treebank_free(tb);
}

static void test_real_treebank(void **state)
{
    (void)state;
    const char *path = KG_SHARED_DIR "/data/ud/EWT/en_ewt-ud-dev.conllu";
    if (access(path, R_OK) != 0)
        skip();
    kg_treebank *tb = NULL;
    assert_int_equal(kg_treebank_read(&tb, path, NULL, NULL), 0);
    assert_int_equal(tb->doc->n_sentences, 2001);
    for (size_t i = 0; i < tb->doc->n_tokens; i++)
        assert_int_not_equal(tb->doc->tokens[i].upos, KG_UPOS_NONE);
    kg_treebank_free(tb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_gold_annotation),
        cmocka_unit_test(test_filter_by_document),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_write_roundtrip),
        cmocka_unit_test(test_real_treebank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
