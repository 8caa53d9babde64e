/* fuzz_model.c - libFuzzer target: arbitrary bytes as model files. The first
 * byte picks what is fuzzed; the rest is either a whole model file (container
 * header and checksum included), or a payload wrapped in a valid header so the
 * model readers' own checks are reached: the tagger, lemmatiser, parser and
 * entity-recogniser payloads, and a gazetteer file. Loading must reject what
 * is wrong with an error, never crash or read out of bounds. */
#define _POSIX_C_SOURCE 200809L
#include "kg_gazetteer.h"
#include "kg_ner.h"
#include "ner_internal.h"
#include "syntax_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[64];

static const char *path_in_dir(const char *name)
{
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/kg-fuzz-model-%ld", (long)getpid());
        mkdir(dir, 0700);
        mkdir(path_in_dir("gaz"), 0700);
    }
    if (size < 1)
        return 0;
    int target = data[0] % 6;
    /* the payload as a loaded model has it: aligned (mmap'ed, after a 32-byte header) */
    unsigned char *aligned = malloc(size);
    if (!aligned)
        return 0;
    memcpy(aligned, data + 1, size - 1);
    data = aligned;
    size--;
    kg_blob blob = {data, size, NULL, 0};
    kg_blob *file = NULL;
    switch (target) {
    case 0: { /* a whole file through the container's checks */
        write_file(path_in_dir("m.kgm"), data, size);
        if (kg_model_file_read(&file, path_in_dir("m.kgm"), KG_SYN_LEMMA_KIND, KG_SYN_VERSION) == 0)
            kg_blob_free(file);
        break;
    }
    case 1: {
        kg_syn_tagger t;
        (void)kg_syn_tagger_read(&t, &blob);
        break;
    }
    case 2: {
        kg_syn_lemmatizer l;
        if (kg_syn_lemmatizer_read(&l, &blob) == 0) {
            /* a model that passes its checks must be safe to use */
            kg_syn_scratch sc;
            memset(&sc, 0, sizeof sc);
            kg_arena *arena = NULL;
            kg_token toks[3];
            memset(toks, 0, sizeof toks);
            toks[0].form = "released";
            toks[0].xpos = KG_XPOS_VBD;
            toks[1].form = "Taliban";
            toks[1].xpos = KG_XPOS_NNP;
            toks[2].form = "men";
            toks[2].xpos = KG_XPOS_NNS;
            if (kg_arena_new(&arena) == 0 && kg_syn_scratch_reserve(&sc, 3, 8) == 0) {
                for (int i = 0; i < 3; i++)
                    kg_syn_lex_compute(&sc.lex[i], toks[i].form, i == 0);
                (void)kg_syn_lemmatize(&l, &sc, toks, 3, arena);
            }
            kg_syn_scratch_free(&sc);
            kg_arena_free(arena);
        }
        break;
    }
    case 3: {
        kg_syn_parser p;
        (void)kg_syn_parser_read(&p, &blob);
        break;
    }
    case 4: { /* the entity model, with a real gazetteer directory (empty) */
        if (kg_model_file_write(path_in_dir("ner.kgm"), NER_MODEL_KIND, NER_MODEL_VERSION, data,
                                size) != 0)
            break;
        kg_ner *m = NULL;
        if (kg_ner_load_files(&m, path_in_dir("ner.kgm"), path_in_dir("gaz")) == 0)
            kg_ner_free(m);
        break;
    }
    case 5: { /* a gazetteer file */
        write_file(path_in_dir("gaz/fuzz.tsv"), data, size);
        kg_gazetteer *g = NULL;
        if (kg_gazetteer_load(&g, path_in_dir("gaz")) == 0)
            kg_gazetteer_free(g);
        unlink(path_in_dir("gaz/fuzz.tsv"));
        break;
    }
    }
    free(aligned);
    return 0;
}
