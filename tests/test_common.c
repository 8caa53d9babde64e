/* test_common.c - unit tests for the common module: errors, strbuf, arena, map,
 * UTF-8 and atomic output files. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kg_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_error_message_is_one_line(void **state)
{
    (void)state;
    int rc = kg_error_set(KG_EINPUT, "bad\nthing %d", 3);
    assert_int_equal(rc, KG_EINPUT);
    assert_string_equal(kg_error_message(), "bad thing 3");
    kg_error_prefix(rc, "file.txt");
    assert_string_equal(kg_error_message(), "file.txt: bad thing 3");
    kg_error_clear();
    assert_string_equal(kg_error_message(), "");
}

static void test_strbuf_append_and_cap(void **state)
{
    (void)state;
    kg_strbuf b = KG_STRBUF_INIT;
    assert_string_equal(kg_strbuf_cstr(&b), "");
    assert_int_equal(kg_strbuf_puts(&b, "Qatar"), 0);
    assert_int_equal(kg_strbuf_printf(&b, " mediated %s's %s", "Glezmann", "release"), 0);
    assert_string_equal(b.data, "Qatar mediated Glezmann's release");
    char *s = kg_strbuf_detach(&b);
    assert_null(b.data);
    assert_string_equal(s, "Qatar mediated Glezmann's release");
    kg_free(s);

    kg_strbuf capped;
    kg_strbuf_init(&capped, 8);
    assert_int_equal(kg_strbuf_puts(&capped, "12345678"), 0);
    assert_int_equal(kg_strbuf_putc(&capped, '9'), KG_ENOMEM);
    assert_null(capped.data); /* a failed append frees the buffer */
    assert_int_equal(capped.len, 0);

    kg_strbuf big = KG_STRBUF_INIT;
    char long_word[1000];
    memset(long_word, 'x', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    assert_int_equal(kg_strbuf_printf(&big, "<%s>", long_word), 0);
    assert_int_equal(big.len, 1001);
    assert_int_equal(big.data[1000], '>');
    kg_strbuf_free(&big);
}

static void test_arena_strings_survive_many_blocks(void **state)
{
    (void)state;
    kg_arena *a = NULL;
    assert_int_equal(kg_arena_new(&a), 0);
    char *first = kg_arena_strdup(a, "Taliban");
    char *big = kg_arena_alloc(a, 200000);
    assert_non_null(big);
    assert_int_equal(big[199999], 0);
    for (int i = 0; i < 10000; i++)
        assert_non_null(kg_arena_strdup(a, "Sirajuddin Haqqani"));
    assert_string_equal(first, "Taliban");
    assert_true(kg_arena_used(a) >= 200000);
    kg_arena_free(a);
    kg_arena_free(NULL);
}

static void test_map_keeps_insertion_order(void **state)
{
    (void)state;
    kg_map *m = NULL;
    assert_int_equal(kg_map_new(&m), 0);
    char key[32];
    for (uint32_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "entity-%u", i);
        uint32_t v = 0;
        int inserted = 0;
        assert_int_equal(kg_map_intern(m, key, (size_t)n, i * 2, &v, &inserted), 0);
        assert_true(inserted);
        assert_int_equal(v, i * 2);
    }
    assert_int_equal(kg_map_count(m), 5000);
    uint32_t v = 0;
    assert_true(kg_map_get(m, "entity-4321", 11, &v));
    assert_int_equal(v, 8642);
    assert_false(kg_map_get(m, "entity-5000", 11, &v));
    assert_int_equal(kg_map_put(m, "entity-7", 8, 99), 0);
    assert_true(kg_map_get(m, "entity-7", 8, &v));
    assert_int_equal(v, 99);
    size_t len = 0;
    assert_string_equal(kg_map_key(m, 4321, &len), "entity-4321");
    assert_int_equal(len, 11);
    /* keys with embedded NUL bytes are distinct from their prefixes */
    assert_int_equal(kg_map_put(m, "a\0b", 3, 1), 0);
    assert_false(kg_map_get(m, "a", 1, NULL));
    kg_map_free(m);
}

static void test_utf8_strict(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(kg_utf8_decode("\xe2\x80\x99", 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(kg_utf8_decode("\xc0\xaf", 2, &cp), 0);         /* overlong '/' */
    assert_int_equal(kg_utf8_decode("\xe0\x80\xaf", 3, &cp), 0);     /* overlong */
    assert_int_equal(kg_utf8_decode("\xed\xa0\x80", 3, &cp), 0);     /* surrogate */
    assert_int_equal(kg_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    assert_int_equal(kg_utf8_decode("\xe2\x80", 2, &cp), 0);         /* truncated */
    size_t bad = 0;
    assert_true(kg_utf8_valid("Caf\xc3\xa9 \xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8\xd8\xa7\xd9\x86", 18, NULL));
    assert_false(kg_utf8_valid("ok \xff ok", 7, &bad));
    assert_int_equal(bad, 3);
    char out[4];
    assert_int_equal(kg_utf8_encode(0x1F600, out), 4);
    assert_int_equal(kg_utf8_decode(out, 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
}

static char tmpdir[64];

static int make_tmpdir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/kg-test-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_word_count(void **state)
{
    (void)state;
    assert_int_equal(kg_word_count(""), 0);
    assert_int_equal(kg_word_count("   "), 0);
    assert_int_equal(kg_word_count("Taliban"), 1);
    assert_int_equal(kg_word_count(" George  Glezmann "), 2);
    assert_int_equal(kg_word_count("United Arab Emirates"), 3);
}

static void test_outfile_replaces_only_on_commit(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/graph.dot", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old", f);
    fclose(f);

    kg_outfile *o = NULL;
    assert_int_equal(kg_outfile_open(&o, path), 0);
    fputs("new graph", kg_outfile_stream(o));
    /* before commit the old content is intact */
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(kg_file_read(path, 1000, &text, &len), 0);
    assert_string_equal(text, "old");
    kg_free(text);
    kg_outfile_abort(o);
    assert_int_equal(kg_file_read(path, 1000, &text, &len), 0);
    assert_string_equal(text, "old");
    kg_free(text);

    assert_int_equal(kg_outfile_open(&o, path), 0);
    fputs("new graph", kg_outfile_stream(o));
    assert_int_equal(kg_outfile_commit(o), 0);
    assert_int_equal(kg_file_read(path, 1000, &text, &len), 0);
    assert_string_equal(text, "new graph");
    assert_int_equal(len, 9);
    kg_free(text);

    /* only the target remains: no temporary files left behind */
    char cmd[160];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", tmpdir);
    assert_int_equal(system(cmd), 0);
}

static void test_outfile_unwritable_directory(void **state)
{
    (void)state;
    kg_outfile *o = NULL;
    int rc = kg_outfile_open(&o, "/nonexistent-dir/graph.svg");
    assert_int_equal(rc, KG_EIO);
    assert_null(o);
    assert_non_null(strstr(kg_error_message(), "/nonexistent-dir/graph.svg"));
}

static void test_outfile_full_disk(void **state)
{
    (void)state;
    /* /dev/full accepts the open but every write fails with ENOSPC */
    if (access("/dev/full", W_OK) != 0)
        skip();
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    fputs("x", f);
    assert_int_not_equal(fflush(f), 0);
    fclose(f);
}

static void test_file_read_errors_name_the_file(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(kg_file_read("/no/such/file.txt", 100, &text, &len), KG_EIO);
    assert_non_null(strstr(kg_error_message(), "/no/such/file.txt"));
    assert_int_equal(kg_file_read(tmpdir, 100, &text, &len), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "directory"));
    char path[128];
    snprintf(path, sizeof path, "%s/big.txt", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 100; i++)
        fputs("0123456789", f);
    fclose(f);
    assert_int_equal(kg_file_read(path, 999, &text, &len), KG_EINPUT);
    assert_non_null(strstr(kg_error_message(), "too large"));
    assert_int_equal(kg_file_read(path, 1000, &text, &len), 0);
    assert_int_equal(len, 1000);
    kg_free(text);
}

static void test_model_file_roundtrip_and_corruption(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/m.kgm", tmpdir);
    kg_strbuf b = KG_STRBUF_INIT;
    assert_int_equal(kg_write_u32(&b, 7), 0);
    assert_int_equal(kg_write_str(&b, "nsubj:pass", 10), 0);
    assert_int_equal(kg_write_align(&b, 8), 0);
    assert_int_equal(b.len % 8, 0);
    assert_int_equal(kg_write_f32(&b, 0.25f), 0);
    assert_int_equal(kg_write_u64(&b, 1ull << 40), 0);
    assert_int_equal(kg_model_file_write(path, "TEST", 3, b.data, b.len), 0);

    kg_blob *blob = NULL;
    assert_int_equal(kg_model_file_read(&blob, path, "TEST", 3), 0);
    kg_reader r;
    kg_reader_init(&r, blob->data, blob->size);
    assert_int_equal(kg_read_u32(&r), 7);
    uint32_t len = 0;
    const char *s = kg_read_str(&r, &len);
    assert_int_equal(len, 10);
    assert_memory_equal(s, "nsubj:pass", 10);
    kg_read_align(&r, 8);
    assert_true(kg_read_f32(&r) == 0.25f);
    assert_true(kg_read_u64(&r) == 1ull << 40);
    assert_false(r.failed);
    assert_int_equal(kg_read_u32(&r), 0); /* past the end */
    assert_true(r.failed);
    assert_null(kg_read_array(&r, 4, 1));
    kg_blob_free(blob);

    assert_int_equal(kg_model_file_read(&blob, path, "NOPE", 3), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "wrong kind"));
    assert_int_equal(kg_model_file_read(&blob, path, "TEST", 4), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "version"));

    /* flip one payload byte: checksum mismatch */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 33, SEEK_SET);
    fputc('X', f);
    fclose(f);
    assert_int_equal(kg_model_file_read(&blob, path, "TEST", 3), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "corrupt"));
    assert_null(blob);

    /* truncate it */
    assert_int_equal(truncate(path, 40), 0);
    assert_int_equal(kg_model_file_read(&blob, path, "TEST", 3), KG_EFORMAT);
    assert_non_null(strstr(kg_error_message(), "truncated"));
    assert_int_equal(truncate(path, 5), 0);
    assert_int_equal(kg_model_file_read(&blob, path, "TEST", 3), KG_EFORMAT);
    assert_int_equal(kg_model_file_read(&blob, tmpdir, "TEST", 3), KG_EFORMAT);
    kg_strbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_message_is_one_line),
        cmocka_unit_test(test_strbuf_append_and_cap),
        cmocka_unit_test(test_arena_strings_survive_many_blocks),
        cmocka_unit_test(test_map_keeps_insertion_order),
        cmocka_unit_test(test_utf8_strict),
        cmocka_unit_test(test_word_count),
        cmocka_unit_test(test_outfile_replaces_only_on_commit),
        cmocka_unit_test(test_outfile_unwritable_directory),
        cmocka_unit_test(test_outfile_full_disk),
        cmocka_unit_test(test_file_read_errors_name_the_file),
        cmocka_unit_test(test_model_file_roundtrip_and_corruption),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
