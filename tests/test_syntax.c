/* test_syntax.c - the trained tagger, lemmatiser and parser through the
 * public interface (kg_syntax.h): analyses of real sentences from samples/,
 * tree validity on long and random input, rejection of damaged model files,
 * deterministic training, and the `kgraph parse --conllu` output. Tests that
 * need the shipped models or the treebanks skip when they are absent. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "kg_conllu.h"
#include "kg_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MODELS KG_SOURCE_DIR "/models"
#define EWT_DEV KG_SHARED_DIR "/data/ud/EWT/en_ewt-ud-dev.conllu"

static const char *const model_files[] = {"syntax-tagger.kgm", "syntax-lemmas.kgm",
                                          "syntax-parser.kgm"};

static int have_models(void)
{
    char path[4096];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", MODELS, model_files[i]);
        if (access(path, R_OK) != 0)
            return 0;
    }
    return 1;
}

static kg_syntax *load_or_skip(void)
{
    if (!have_models())
        return NULL;
    kg_syntax *s = NULL;
    int rc = kg_syntax_load(&s, MODELS);
    if (rc)
        fail_msg("loading the shipped models: %s", kg_error_message());
    return s;
}

/* A document of one sentence per NULL-separated run of words. */
static kg_document *make_doc(const char *const *words, size_t n)
{
    kg_document *d = NULL;
    assert_int_equal(kg_document_new(&d, "test"), 0);
    d->tokens = kg_calloc(n + 1, sizeof *d->tokens);
    d->sentences = kg_calloc(n + 1, sizeof *d->sentences);
    assert_non_null(d->tokens);
    assert_non_null(d->sentences);
    for (size_t i = 0; i <= n; i++) {
        if (i == n || !words[i]) {
            size_t first = d->n_sentences ? d->sentences[d->n_sentences - 1].first +
                                                d->sentences[d->n_sentences - 1].count
                                          : 0;
            if (d->n_tokens > first) {
                kg_sentence *s = &d->sentences[d->n_sentences++];
                s->first = (uint32_t)first;
                s->count = (uint32_t)(d->n_tokens - first);
            }
            continue;
        }
        kg_token *t = &d->tokens[d->n_tokens++];
        t->form = kg_arena_strdup(d->arena, words[i]);
        assert_non_null(t->form);
        t->head = -2;
    }
    return d;
}

/* Every head in range, exactly one root, no cycles, root label iff root. */
static void assert_valid_tree(const kg_document *d)
{
    for (size_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *s = &d->sentences[si];
        const kg_token *t = d->tokens + s->first;
        size_t roots = 0;
        for (uint32_t i = 0; i < s->count; i++) {
            assert_true(t[i].head >= -1 && t[i].head < (int32_t)s->count);
            assert_true(t[i].head != (int32_t)i);
            assert_true(t[i].deprel > KG_DEP_NONE && t[i].deprel < KG_DEP_COUNT);
            assert_int_equal(t[i].head == -1, t[i].deprel == KG_DEP_ROOT);
            assert_true(t[i].upos > KG_UPOS_NONE && t[i].upos < KG_UPOS_COUNT);
            assert_non_null(t[i].lemma);
            assert_non_null(t[i].feats);
            roots += t[i].head == -1;
        }
        assert_int_equal(roots, 1);
        /* acyclic: from every word, the root is reached in < count steps;
         * marks make this linear (a word known to reach the root stops) */
        unsigned char *ok = calloc(s->count, 1);
        assert_non_null(ok);
        for (uint32_t i = 0; i < s->count; i++) {
            int32_t h = (int32_t)i;
            uint32_t steps = 0;
            while (h != -1 && !ok[h]) {
                h = t[h].head;
                assert_true(++steps <= s->count);
            }
            for (h = (int32_t)i; h != -1 && !ok[h]; h = t[h].head)
                ok[h] = 1;
        }
        free(ok);
    }
}

static int find(const kg_document *d, const char *form)
{
    for (size_t i = 0; i < d->n_tokens; i++) {
        if (strcmp(d->tokens[i].form, form) == 0)
            return (int)i;
    }
    fail_msg("no token '%s'", form);
    return -1;
}

/* From samples/amiri-release-explainer.txt. */
static void test_passive_sentence(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    static const char *const w[] = {"Amir",    "Amiri", "was",      "detained", "by", "the",
                                    "Taliban", "in",    "December", "2024",     "."};
    kg_document *d = make_doc(w, 11);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_valid_tree(d);
    int amir = find(d, "Amir"), amiri = find(d, "Amiri"), was = find(d, "was"),
        det = find(d, "detained"), tal = find(d, "Taliban"), by = find(d, "by");
    const kg_token *t = d->tokens;
    assert_int_equal(t[det].head, -1);
    assert_int_equal(t[det].deprel, KG_DEP_ROOT);
    assert_string_equal(t[det].lemma, "detain");
    assert_int_equal(t[det].xpos, KG_XPOS_VBN);
    assert_non_null(strstr(t[det].feats, "Voice=Pass"));
    /* UD: a name's first word heads it, the rest attach with flat */
    assert_int_equal(t[amir].head, det);
    assert_int_equal(t[amir].deprel, KG_DEP_NSUBJ_PASS);
    assert_int_equal(t[amiri].head, amir);
    assert_int_equal(t[amiri].deprel, KG_DEP_FLAT);
    assert_int_equal(t[amiri].upos, KG_UPOS_PROPN);
    assert_int_equal(t[was].head, det);
    assert_int_equal(t[was].deprel, KG_DEP_AUX_PASS);
    assert_int_equal(t[was].upos, KG_UPOS_AUX);
    assert_string_equal(t[was].lemma, "be");
    assert_int_equal(t[tal].head, det);
    assert_true(t[tal].deprel == KG_DEP_OBL_AGENT || t[tal].deprel == KG_DEP_OBL);
    assert_int_equal(t[by].head, tal);
    assert_int_equal(t[by].deprel, KG_DEP_CASE);
    kg_document_free(d);
    kg_syntax_free(s);
}

/* From samples/amiry-freed-news.txt. */
static void test_active_sentence_and_relative_clause(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    static const char *const w[] = {"The",  "Taliban",     "has", "released",  "a",
                                    "U.S.", "citizen",     "who", "was",       "imprisoned",
                                    "in",   "Afghanistan", ",",   "officials", "confirmed",
                                    "on",   "Sunday",      "."};
    kg_document *d = make_doc(w, sizeof w / sizeof *w);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_valid_tree(d);
    const kg_token *t = d->tokens;
    int rel = find(d, "released"), tal = find(d, "Taliban"), cit = find(d, "citizen"),
        imp = find(d, "imprisoned"), has = find(d, "has");
    assert_string_equal(t[rel].lemma, "release");
    assert_string_equal(t[has].lemma, "have");
    assert_int_equal(t[has].deprel, KG_DEP_AUX);
    assert_int_equal(t[tal].head, rel);
    assert_int_equal(t[tal].deprel, KG_DEP_NSUBJ);
    assert_int_equal(t[cit].head, rel);
    assert_int_equal(t[cit].deprel, KG_DEP_OBJ);
    assert_int_equal(t[imp].head, cit);
    assert_int_equal(t[imp].deprel, KG_DEP_ACL_RELCL);
    assert_non_null(strstr(t[rel].feats, "Tense=Past"));
    kg_document_free(d);
    kg_syntax_free(s);
}

static void test_lemmas(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    static const char *const w[] = {
        "Two",       "men",       "were",      "released", "and",          "the",       "women",
        "went",      "home",      ".",         NULL,       "Negotiations", "involving", "Qatari",
        "mediators", "continued", ".",         NULL,       "In",           "January",   ",",
        "the",       "group",     "postponed", "the",      "release",      "."};
    kg_document *d = make_doc(w, sizeof w / sizeof *w);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_int_equal(d->n_sentences, 3);
    assert_valid_tree(d);
    const kg_token *t = d->tokens;
    /* the treebanks have "postponed" only as a participle: the past tense
     * shares its lemma (samples/recognition-bid-translated.txt) */
    assert_int_equal(t[find(d, "postponed")].xpos, KG_XPOS_VBD);
    assert_string_equal(t[find(d, "postponed")].lemma, "postpone");
    assert_string_equal(t[find(d, "men")].lemma, "man");
    assert_string_equal(t[find(d, "were")].lemma, "be");
    assert_string_equal(t[find(d, "released")].lemma, "release");
    assert_string_equal(t[find(d, "women")].lemma, "woman");
    assert_string_equal(t[find(d, "went")].lemma, "go");
    assert_string_equal(t[find(d, "Negotiations")].lemma, "negotiation");
    assert_string_equal(t[find(d, "mediators")].lemma, "mediator");
    assert_int_equal(t[find(d, "men")].upos, KG_UPOS_NOUN);
    assert_non_null(strstr(t[find(d, "men")].feats, "Number=Plur"));
    kg_document_free(d);
    kg_syntax_free(s);
}

static uint64_t rng_next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Words drawn at random (fixed seed), including punctuation and odd
 * strings, as one long sentence and as many short ones. */
static void test_random_sentences_give_valid_trees(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    static const char *const vocab[] = {
        "the",  "Taliban",    "released", "a",     "citizen",  ",",     ".",         "who",
        "was",  "in",         "and",      "Qatar", "mediated", "talks", "\"",        "(",
        ")",    "of",         "to",       "by",    "2024",     "U.S.",  "officials", "said",
        "that", "he",         "had",      "been",  "detained", "-",     "x7#q",      "é",
        "???",  "Washington", "is",       "not",   "release",  "on",    "Sunday",    "'s"};
    size_t nv = sizeof vocab / sizeof *vocab, n = 5000;
    const char **w = calloc(n, sizeof *w);
    assert_non_null(w);
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < n; i++)
        w[i] = vocab[rng_next(&x) % nv];
    kg_document *d = make_doc(w, n);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_int_equal(d->n_sentences, 1);
    assert_valid_tree(d);
    kg_document_free(d);
    /* many short sentences: a NULL ends each */
    for (size_t i = 0; i < n; i++)
        w[i] = rng_next(&x) % 7 == 0 ? NULL : vocab[rng_next(&x) % nv];
    d = make_doc(w, n);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_true(d->n_sentences > 100);
    assert_valid_tree(d);
    kg_document_free(d);
    free(w);
    kg_syntax_free(s);
}

/* A 100,000-word sentence (a real sentence repeated without a break) parses
 * in linear time into one valid tree. */
static void test_very_long_sentence(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    static const char *const sent[] = {"Qatar", "helped", "broker", "discussions", "between", "the",
                                       "U.S.",  "and",    "the",    "Taliban",     ","};
    size_t n = 100000;
    const char **w = calloc(n, sizeof *w);
    assert_non_null(w);
    for (size_t i = 0; i < n; i++)
        w[i] = sent[i % 11];
    kg_document *d = make_doc(w, n);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_valid_tree(d);
    /* the words still get sensible local analyses */
    assert_int_equal(d->tokens[1].upos, KG_UPOS_VERB);
    assert_string_equal(d->tokens[1].lemma, "help");
    kg_document_free(d);
    free(w);
    kg_syntax_free(s);
}

static void test_empty_input(void **state)
{
    (void)state;
    kg_syntax *s = load_or_skip();
    if (!s)
        skip();
    kg_document *d = NULL;
    assert_int_equal(kg_document_new(&d, "empty"), 0);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    kg_document_free(d);
    kg_syntax_free(s);
}

/* ------------------------------------------------------ damaged models */

static char *read_all(const char *path, size_t *n)
{
    char *p = NULL;
    assert_int_equal(kg_file_read(path, (size_t)1 << 30, &p, n), 0);
    return p;
}

static void write_all(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* A temporary copy of the shipped models. */
static void copy_models(char *dir)
{
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < 3; i++) {
        char src[4096], dst[4096];
        snprintf(src, sizeof src, "%s/%s", MODELS, model_files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, model_files[i]);
        size_t n = 0;
        char *p = read_all(src, &n);
        write_all(dst, p, n);
        kg_free(p);
    }
}

static void remove_models(const char *dir)
{
    char path[4096];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, model_files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void expect_load_error(const char *dir, int code, const char *file, const char *what)
{
    kg_syntax *s = NULL;
    int rc = kg_syntax_load(&s, dir);
    assert_int_equal(rc, code);
    assert_null(s);
    const char *msg = kg_error_message();
    if (!strstr(msg, file) || !strstr(msg, what))
        fail_msg("unexpected error message: %s", msg);
}

static void test_damaged_models_are_rejected(void **state)
{
    (void)state;
    if (!have_models())
        skip();
    char dir[] = "/tmp/kg-syntax-test-XXXXXX";
    copy_models(dir);
    char path[4096];
    size_t n = 0;
    char *orig = NULL;

    /* truncated parser */
    snprintf(path, sizeof path, "%s/syntax-parser.kgm", dir);
    orig = read_all(path, &n);
    write_all(path, orig, n / 2);
    expect_load_error(dir, KG_EFORMAT, "syntax-parser.kgm", "truncated");
    write_all(path, orig, 20);
    expect_load_error(dir, KG_EFORMAT, "syntax-parser.kgm", "truncated");
    /* one flipped byte in the payload */
    orig[n - 7] ^= 0x40;
    write_all(path, orig, n);
    expect_load_error(dir, KG_EFORMAT, "syntax-parser.kgm", "checksum");
    orig[n - 7] ^= 0x40;
    write_all(path, orig, n);
    kg_free(orig);

    /* a lemmatiser file where the tagger should be */
    char lem[4096], tag[4096];
    snprintf(lem, sizeof lem, "%s/syntax-lemmas.kgm", dir);
    snprintf(tag, sizeof tag, "%s/syntax-tagger.kgm", dir);
    orig = read_all(tag, &n);
    size_t ln = 0;
    char *lemp = read_all(lem, &ln);
    write_all(tag, lemp, ln);
    expect_load_error(dir, KG_EFORMAT, "syntax-tagger.kgm", "wrong kind");
    kg_free(lemp);

    /* a well-formed container whose payload is garbage or cut short: the
     * checksum matches, so the payload checks must catch it */
    unsigned char junk[4096];
    uint64_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)rng_next(&x);
    assert_int_equal(kg_model_file_write(tag, "STAG", 1, junk, sizeof junk), 0);
    expect_load_error(dir, KG_EFORMAT, "syntax-tagger.kgm", "");
    assert_int_equal(kg_model_file_write(tag, "STAG", 1, orig + 32, (n - 32) / 3), 0);
    expect_load_error(dir, KG_EFORMAT, "syntax-tagger.kgm", "");
    /* every prefix of a real payload that is 8-byte aligned, quickly */
    for (size_t cut = 8; cut < 4096 && cut < n - 32; cut += 8) {
        assert_int_equal(kg_model_file_write(tag, "STAG", 1, orig + 32, cut), 0);
        kg_syntax *s = NULL;
        assert_int_equal(kg_syntax_load(&s, dir), KG_EFORMAT);
    }
    /* a newer format version */
    assert_int_equal(kg_model_file_write(tag, "STAG", 99, orig + 32, n - 32), 0);
    expect_load_error(dir, KG_EFORMAT, "syntax-tagger.kgm", "version");
    write_all(tag, orig, n);
    kg_free(orig);

    /* missing file */
    unlink(lem);
    expect_load_error(dir, KG_EIO, "syntax-lemmas.kgm", "cannot open");
    remove_models(dir);
}

/* --------------------------------------------------------------- training */

static int same_file(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    char *pa = read_all(a, &na), *pb = read_all(b, &nb);
    int same = na == nb && memcmp(pa, pb, na) == 0;
    kg_free(pa);
    kg_free(pb);
    return same;
}

/* Training twice with one seed gives byte-identical models that load and
 * produce valid trees; another seed gives a different parser. */
static void test_training_is_deterministic(void **state)
{
    (void)state;
    if (access(EWT_DEV, R_OK) != 0)
        skip();
    char d1[] = "/tmp/kg-syntax-train-XXXXXX", d2[] = "/tmp/kg-syntax-train-XXXXXX",
         d3[] = "/tmp/kg-syntax-train-XXXXXX";
    assert_non_null(mkdtemp(d1));
    assert_non_null(mkdtemp(d2));
    assert_non_null(mkdtemp(d3));
    const char *train[] = {EWT_DEV};
    kg_syntax_train_options o = KG_SYNTAX_TRAIN_OPTIONS_INIT;
    o.train = train;
    o.n_train = 1;
    o.tagger_epochs = 1;
    o.parser_epochs = 1;
    o.jackknife = 2;
    o.two_pass = 1; /* exercise the tagger's optional second pass too */
    o.seed = 7;
    o.out_dir = d1;
    assert_int_equal(kg_syntax_train(&o), 0);
    o.out_dir = d2;
    assert_int_equal(kg_syntax_train(&o), 0);
    o.out_dir = d3;
    o.seed = 8;
    assert_int_equal(kg_syntax_train(&o), 0);
    for (size_t i = 0; i < 3; i++) {
        char a[4096], b[4096];
        snprintf(a, sizeof a, "%s/%s", d1, model_files[i]);
        snprintf(b, sizeof b, "%s/%s", d2, model_files[i]);
        assert_true(same_file(a, b));
    }
    char a[4096], c[4096];
    snprintf(a, sizeof a, "%s/syntax-parser.kgm", d1);
    snprintf(c, sizeof c, "%s/syntax-parser.kgm", d3);
    assert_false(same_file(a, c));

    kg_syntax *s = NULL;
    assert_int_equal(kg_syntax_load(&s, d1), 0);
    static const char *const w[] = {"I", "like", "this", "place", "a", "lot", "."};
    kg_document *d = make_doc(w, 7);
    assert_int_equal(kg_syntax_annotate(s, d), 0);
    assert_valid_tree(d);
    kg_document_free(d);
    kg_syntax_free(s);
    remove_models(d1);
    remove_models(d2);
    remove_models(d3);

    /* bad options */
    o.n_train = 0;
    assert_int_equal(kg_syntax_train(&o), KG_EINVAL);
}

static void test_genre_filter(void **state)
{
    (void)state;
    assert_true(kg_syntax_doc_allowed("GUM_news_iodine"));
    assert_true(kg_syntax_doc_allowed("GUM_voyage_athens"));
    assert_true(kg_syntax_doc_allowed("GUM_conversation_grounded"));
    assert_false(kg_syntax_doc_allowed("GUM_whow_joke"));
    assert_false(kg_syntax_doc_allowed("GUM_fiction_beast"));
    assert_false(kg_syntax_doc_allowed("GUM_reddit_x"));
    assert_true(kg_syntax_doc_allowed("weblog-juancole.com_juancole_20051126063000_ENG"));
}

/* ------------------------------------------------------- the parse command */

static void test_parse_command(void **state)
{
    (void)state;
    if (!have_models())
        skip();
    char in[] = "/tmp/kg-parse-in-XXXXXX";
    int fd = mkstemp(in);
    assert_true(fd >= 0);
    static const char conllu[] = "# sent_id = amiry-1\n"
                                 "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "2\tTaliban\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "3\thas\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "4\treleased\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "5\ta\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "6\tU.S.\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "7\tcitizen\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                                 "8\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                 "\n";
    assert_int_equal(write(fd, conllu, sizeof conllu - 1), (ssize_t)(sizeof conllu - 1));
    close(fd);
    char out[] = "/tmp/kg-parse-out-XXXXXX";
    fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' parse --models '%s' --conllu '%s' -o '%s'", KG_CLI_PATH, MODELS,
             in, out);
    int st = system(cmd);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    size_t n = 0;
    char *text = read_all(out, &n);
    /* parse it back: the tokens are kept and every column is predicted */
    kg_treebank *tb = NULL;
    assert_int_equal(kg_treebank_parse(&tb, text, n, "parsed", NULL, NULL), 0);
    const kg_document *d = tb->doc;
    assert_int_equal(d->n_sentences, 1);
    assert_int_equal(d->n_tokens, 8);
    assert_string_equal(d->tokens[3].form, "released");
    assert_string_equal(d->tokens[3].lemma, "release");
    assert_int_equal(d->tokens[3].upos, KG_UPOS_VERB);
    assert_int_equal(d->tokens[3].xpos, KG_XPOS_VBN);
    assert_int_equal(d->tokens[3].head, -1);
    assert_int_equal(d->tokens[3].deprel, KG_DEP_ROOT);
    assert_int_equal(d->tokens[1].head, 3);
    assert_int_equal(d->tokens[1].deprel, KG_DEP_NSUBJ);
    assert_int_equal(d->tokens[6].deprel, KG_DEP_OBJ);
    assert_int_equal(d->tokens[7].deprel, KG_DEP_PUNCT);
    assert_non_null(strstr(d->tokens[3].feats, "VerbForm=Part"));
    assert_non_null(tb->misc[6]);
    assert_string_equal(tb->misc[6], "SpaceAfter=No");
    assert_non_null(strstr(text, "\tSpaceAfter=No\n"));
    kg_treebank_free(tb);
    kg_free(text);

    /* a missing model directory is one clear line and exit status 1 */
    snprintf(cmd, sizeof cmd, "'%s' parse --models /nonexistent --conllu '%s' -o '%s' 2>'%s'",
             KG_CLI_PATH, in, out, out);
    st = system(cmd);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 1);
    text = read_all(out, &n);
    assert_non_null(strstr(text, "kgraph: /nonexistent/syntax-tagger.kgm: cannot open model"));
    kg_free(text);
    unlink(in);
    unlink(out);
}

/* Every allocation failure in loading, annotating and training comes back as
 * KG_ENOMEM with everything freed (ASan finds leaks); needs KG_ALLOC_TESTING. */
static void test_allocation_failures_clean_up(void **state)
{
    (void)state;
#ifndef KG_ALLOC_TESTING
    skip();
#else
    if (!have_models())
        skip();
    int done = 0;
    for (long n = 0; n < 100000 && !done; n++) {
        kg_syntax *s = NULL;
        kg_alloc_fail_after(n);
        int rc = kg_syntax_load(&s, MODELS);
        kg_alloc_fail_after(-1);
        if (rc == 0)
            done = 1;
        else if (rc != KG_ENOMEM)
            fail_msg("load, allocation %ld failing: %s", n, kg_error_message());
        kg_syntax_free(s);
    }
    assert_true(done);

    kg_syntax *s = NULL;
    assert_int_equal(kg_syntax_load(&s, MODELS), 0);
    static const char *const w[] = {
        "The",   "Taliban",  "has", "released",        "a",     "U.S.", "citizen", ".", NULL,
        "Qatar", "mediated", "the", "unprecedentedly", "talks", "."};
    done = 0;
    for (long n = 0; n < 100000 && !done; n++) {
        kg_document *d = make_doc(w, sizeof w / sizeof *w);
        kg_alloc_fail_after(n);
        int rc = kg_syntax_annotate(s, d);
        kg_alloc_fail_after(-1);
        if (rc == 0) {
            done = 1;
            assert_valid_tree(d);
        } else if (rc != KG_ENOMEM) {
            fail_msg("annotate, allocation %ld failing: %s", n, kg_error_message());
        }
        kg_document_free(d);
    }
    assert_true(done);
    kg_syntax_free(s);

    /* training on a three-sentence treebank */
    static const char tiny[] =
        "# newdoc id = GUM_news_tiny\n"
        "1\tQatar\tQatar\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
        "2\tmediated\tmediate\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
        "3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_\n"
        "4\trelease\trelease\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
        "\n"
        "1\tOfficials\tofficial\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
        "2\tconfirmed\tconfirm\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
        "3\tit\tit\tPRON\tPRP\tCase=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs\t2\tobj"
        "\t_\t_\n"
        "\n"
        "1\tHe\the\tPRON\tPRP\tCase=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs\t3\t"
        "nsubj:pass\t_\t_\n"
        "2\twas\tbe\tAUX\tVBD\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t3\t"
        "aux:pass\t_\t_\n"
        "3\tfreed\tfree\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n"
        "\n";
    char path[] = "/tmp/kg-syntax-tiny-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, tiny, sizeof tiny - 1), (ssize_t)(sizeof tiny - 1));
    close(fd);
    char dir[] = "/tmp/kg-syntax-alloc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *train[] = {path};
    kg_syntax_train_options o = KG_SYNTAX_TRAIN_OPTIONS_INIT;
    o.train = train;
    o.n_train = 1;
    o.dev = train;
    o.n_dev = 1;
    o.out_dir = dir;
    o.tagger_epochs = 1;
    o.parser_epochs = 1;
    o.jackknife = 2;
    o.two_pass = 1;
    done = 0;
    for (long n = 0; n < 100000 && !done; n++) {
        kg_alloc_fail_after(n);
        int rc = kg_syntax_train(&o);
        kg_alloc_fail_after(-1);
        if (rc == 0)
            done = 1;
        else if (rc != KG_ENOMEM && rc != KG_EIO)
            fail_msg("train, allocation %ld failing: %s", n, kg_error_message());
    }
    assert_true(done);
    remove_models(dir);
    unlink(path);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passive_sentence),
        cmocka_unit_test(test_active_sentence_and_relative_clause),
        cmocka_unit_test(test_lemmas),
        cmocka_unit_test(test_random_sentences_give_valid_trees),
        cmocka_unit_test(test_very_long_sentence),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_damaged_models_are_rejected),
        cmocka_unit_test(test_training_is_deterministic),
        cmocka_unit_test(test_genre_filter),
        cmocka_unit_test(test_parse_command),
        cmocka_unit_test(test_allocation_failures_clean_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
