/* gazetteer.c - the project's name lists (models/gazetteers/ TSV files): loading,
 * name normalisation, lookup of names, demonyms, titles and acronyms, and
 * longest-match search over tokens.
 *
 * Every alias is normalised to a key of space-separated words. Keys live in a
 * hash map (a case-folded one, and one for aliases that must match with their
 * capitalisation); every proper prefix of a multiword key is also stored,
 * flagged, so matching over tokens walks the map like a trie and stops as
 * soon as no listed name can continue. A key maps to a group: the entries
 * (file order) that carry that name. */
#include "gazetteer_internal.h"

#include <stdio.h>
#include <string.h>

#define PREFIX_FLAG 0x80000000u
#define GROUP_MASK 0x7fffffffu
#define KEY_BYTES 256

typedef struct group {
    uint32_t first; /* index into members */
    uint32_t count;
    uint32_t kinds; /* mask of KG_GAZ_BIT */
} group;

struct kg_gazetteer {
    kg_arena *arena; /* names */
    kg_gazetteer_entry *entries;
    size_t n_entries, cap_entries;
    kg_map *folded; /* folded key -> PREFIX_FLAG | group + 1 */
    kg_map *cased;  /* case-kept key of '='-aliases -> same */
    group *groups;
    size_t n_groups, cap_groups;
    uint32_t *members; /* entry indices, grouped */
    /* while loading: (group, entry) pairs */
    uint32_t *pair_group, *pair_entry;
    size_t n_pairs, cap_pairs, cap_pair_entry;
};

/* ----------------------------------------------------------- normalising */

typedef struct foldbuf {
    char *out;
    size_t cap; /* bytes, including the NUL */
    size_t len;
    size_t piece; /* start of the current word */
    int in_piece; /* a word is open */
    int spaced;   /* a space was written before the open word */
} foldbuf;

static void fb_byte(foldbuf *b, char c)
{
    if (!b->in_piece) {
        b->spaced = 0;
        if (b->len > 0 && b->len + 1 < b->cap) {
            b->out[b->len++] = ' ';
            b->spaced = 1;
        }
        b->piece = b->len;
        b->in_piece = 1;
    }
    if (b->len + 1 < b->cap) {
        b->out[b->len++] = c;
    }
}

/* Ends the open word: drops its final periods, and the word if it is empty. */
static void fb_break(foldbuf *b)
{
    if (!b->in_piece) {
        return;
    }
    while (b->len > b->piece && b->out[b->len - 1] == '.') {
        b->len--;
    }
    if (b->len == b->piece && b->spaced) {
        b->len--;
    }
    b->in_piece = 0;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC;
}

static int is_separator(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-' || cp == '/' ||
           cp == '_' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x00A0;
}

static int is_dropped(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '"' ||
           cp == '(' || cp == ')' || cp == '[' || cp == ']' || cp == '{' || cp == '}' ||
           cp == '*' || cp == 0x201C || cp == 0x201D || cp == 0x00AB || cp == 0x00BB;
}

static uint32_t fold_cp(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z') {
        return cp + 32;
    }
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
        return cp + 32;
    }
    if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) {
        return cp + 1;
    }
    if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) {
        return cp + 1;
    }
    return cp;
}

/* Appends the normalised words of one whitespace-free token (or any text). */
static void fold_text(foldbuf *b, const char *s, size_t n, int fold_case)
{
    /* a possessive ending goes: "Taliban's" -> "taliban" */
    if (n >= 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S')) {
        n -= 2;
    } else if (n >= 4 && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0 &&
               (s[n - 1] == 's' || s[n - 1] == 'S')) {
        n -= 4;
    }
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = kg_utf8_decode(s + i, n - i, &cp);
        if (k == 0) { /* not UTF-8: keep the byte */
            fb_byte(b, s[i]);
            i++;
            continue;
        }
        if (is_separator(cp)) {
            fb_break(b);
        } else if (is_apostrophe(cp) || is_dropped(cp)) {
            /* dropped */
        } else if (k == 1) {
            fb_byte(b, (char)(fold_case ? fold_cp(cp) : cp));
        } else {
            char enc[4];
            size_t m = kg_utf8_encode(fold_case ? fold_cp(cp) : cp, enc);
            for (size_t j = 0; j < m; j++) {
                fb_byte(b, enc[j]);
            }
        }
        i += k;
    }
}

size_t kg_gazetteer_normalise(char *out, size_t cap, const char *name, size_t len, int fold_case)
{
    if (cap == 0) {
        return 0;
    }
    foldbuf b = {out, cap, 0, 0, 0, 0};
    fold_text(&b, name, len, fold_case);
    fb_break(&b);
    /* a leading "the" goes when more follows */
    if (b.len > 4 && (out[0] == 't' || out[0] == 'T') && out[1] == 'h' && out[2] == 'e' &&
        out[3] == ' ') {
        memmove(out, out + 4, b.len - 4);
        b.len -= 4;
    }
    out[b.len] = '\0';
    return b.len;
}

void kg_gaz_tok_set(kg_gaz_tok *t, const char *form, size_t len)
{
    foldbuf b = {t->lower, sizeof t->lower, 0, 0, 0, 0};
    fold_text(&b, form, len, 1);
    fb_break(&b);
    t->lower[b.len] = '\0';
    t->nlower = (uint8_t)b.len;
    foldbuf c = {t->cased, sizeof t->cased, 0, 0, 0, 0};
    fold_text(&c, form, len, 0);
    fb_break(&c);
    t->cased[c.len] = '\0';
    t->ncased = (uint8_t)c.len;
    /* a token too long to keep whole never matches */
    t->blocked = b.len + 1 >= sizeof t->lower || c.len + 1 >= sizeof t->cased;
    if (t->blocked) {
        t->nlower = t->ncased = 0;
    }
}

/* -------------------------------------------------------------- loading */

static int add_pair(kg_gazetteer *g, uint32_t grp, uint32_t entry)
{
    if (kg_grow((void **)&g->pair_group, &g->cap_pairs, g->n_pairs + 1, sizeof(uint32_t)) ||
        kg_grow((void **)&g->pair_entry, &g->cap_pair_entry, g->n_pairs + 1, sizeof(uint32_t))) {
        return KG_ENOMEM;
    }
    g->pair_group[g->n_pairs] = grp;
    g->pair_entry[g->n_pairs] = entry;
    g->n_pairs++;
    return KG_OK;
}

/* Stores key (already normalised) for entry, with its prefixes. */
static int add_key(kg_gazetteer *g, kg_map *m, const char *key, size_t len, uint32_t entry)
{
    uint32_t v = 0;
    for (size_t p = 1; p < len; p++) {
        if (key[p] != ' ') {
            continue;
        }
        v = 0;
        kg_map_get(m, key, p, &v);
        if (kg_map_put(m, key, p, v | PREFIX_FLAG)) {
            return KG_ENOMEM;
        }
    }
    v = 0;
    kg_map_get(m, key, len, &v);
    uint32_t grp;
    if (v & GROUP_MASK) {
        grp = (v & GROUP_MASK) - 1;
    } else {
        if (kg_grow((void **)&g->groups, &g->cap_groups, g->n_groups + 1, sizeof *g->groups)) {
            return KG_ENOMEM;
        }
        grp = (uint32_t)g->n_groups++;
        memset(&g->groups[grp], 0, sizeof g->groups[grp]);
        if (kg_map_put(m, key, len, v | (grp + 1))) {
            return KG_ENOMEM;
        }
    }
    /* the same entry under two aliases with one key is kept once */
    for (size_t k = g->n_pairs; k-- > 0;) {
        if (g->pair_entry[k] != entry) {
            break;
        }
        if (g->pair_group[k] == grp) {
            return KG_OK;
        }
    }
    g->groups[grp].kinds |= KG_GAZ_BIT(g->entries[entry].kind);
    return add_pair(g, grp, entry);
}

static int kind_for(int base_kind, const char *type, size_t tlen, uint8_t *kind, uint8_t *ent)
{
    *ent = KG_ENT_NONE;
    if (tlen == 4 && memcmp(type, "ROLE", 4) == 0) {
        *kind = KG_GAZ_ROLE;
        return base_kind == KG_GAZ_ROLE;
    }
    if (tlen == 9 && memcmp(type, "HONORIFIC", 9) == 0) {
        *kind = KG_GAZ_HONORIFIC;
        return base_kind == KG_GAZ_ROLE;
    }
    if (tlen == 5 && memcmp(type, "GIVEN", 5) == 0) {
        *kind = KG_GAZ_GIVEN;
        return base_kind == KG_GAZ_GIVEN;
    }
    int t = kg_ent_from_name(type, tlen);
    if (t == KG_ENT_NONE || base_kind == KG_GAZ_ROLE || base_kind == KG_GAZ_GIVEN) {
        return 0;
    }
    /* keywords keep their entity type but are not names */
    *kind = (uint8_t)base_kind;
    *ent = (uint8_t)t;
    return 1;
}

/* Parses one line "NAMES\tTYPE[\tLINK]". */
static int load_line(kg_gazetteer *g, const char *path, size_t lineno, int base_kind,
                     const char *line, size_t n)
{
    const char *tab1 = memchr(line, '\t', n);
    if (!tab1 || tab1 == line) {
        return kg_error_set(KG_EFORMAT, "%s:%zu: expected NAMES<TAB>TYPE[<TAB>LINK]", path, lineno);
    }
    const char *type = tab1 + 1;
    const char *end = line + n;
    const char *tab2 = memchr(type, '\t', (size_t)(end - type));
    size_t tlen = (size_t)((tab2 ? tab2 : end) - type);
    const char *link = tab2 ? tab2 + 1 : NULL;
    size_t llen = link ? (size_t)(end - link) : 0;
    uint8_t kind, ent;
    if (!kind_for(base_kind, type, tlen, &kind, &ent)) {
        return kg_error_set(KG_EFORMAT, "%s:%zu: type '%.*s' does not belong in this file", path,
                            lineno, (int)tlen, type);
    }
    if (kg_grow((void **)&g->entries, &g->cap_entries, g->n_entries + 1, sizeof *g->entries)) {
        return KG_ENOMEM;
    }
    uint32_t idx = (uint32_t)g->n_entries;
    kg_gazetteer_entry *e = &g->entries[idx];
    const char *names = line;
    size_t names_len = (size_t)(tab1 - line);
    const char *bar = memchr(names, '|', names_len);
    size_t first_len = bar ? (size_t)(bar - names) : names_len;
    const char *canon = names;
    if (first_len && canon[0] == '=') {
        canon++;
        first_len--;
    }
    e->name = kg_arena_strndup(g->arena, canon, first_len);
    e->link = llen ? kg_arena_strndup(g->arena, link, llen) : NULL;
    e->type = ent;
    e->kind = kind;
    if (!e->name || (llen && !e->link)) {
        return KG_ENOMEM;
    }
    g->n_entries++;
    /* every alias, canonical name included */
    const char *p = names, *stop = names + names_len;
    while (p < stop) {
        const char *q = memchr(p, '|', (size_t)(stop - p));
        if (!q) {
            q = stop;
        }
        int exact = p < q && *p == '=';
        const char *a = p + exact;
        char key[KEY_BYTES];
        size_t klen = kg_gazetteer_normalise(key, sizeof key, a, (size_t)(q - a), !exact);
        if (klen == 0) {
            return kg_error_set(KG_EFORMAT, "%s:%zu: empty name", path, lineno);
        }
        int rc = add_key(g, exact ? g->cased : g->folded, key, klen, idx);
        if (rc) {
            return rc;
        }
        p = q + 1;
    }
    return KG_OK;
}

static int load_file(kg_gazetteer *g, const char *dir, const char *file, int base_kind)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    int rc = KG_OK;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path) {
        rc = kg_error_set(KG_EINVAL, "%s: gazetteer directory name too long", dir);
        goto done;
    }
    rc = kg_file_read(path, (size_t)64 << 20, &text, &len);
    if (rc) {
        goto done;
    }
    size_t lineno = 0;
    for (size_t i = 0; i < len;) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        lineno++;
        if (n && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0 || line[0] == '#') {
            continue;
        }
        if (!kg_utf8_valid(line, n, NULL)) {
            rc = kg_error_set(KG_EFORMAT, "%s:%zu: not UTF-8", path, lineno);
            goto done;
        }
        rc = load_line(g, path, lineno, base_kind, line, n);
        if (rc) {
            goto done;
        }
    }
done:
    kg_free(text);
    return rc;
}

/* Lays the (group, entry) pairs out group by group, keeping file order. */
static int build_members(kg_gazetteer *g)
{
    g->members = kg_malloc((g->n_pairs ? g->n_pairs : 1) * sizeof *g->members);
    if (!g->members) {
        return KG_ENOMEM;
    }
    for (size_t k = 0; k < g->n_pairs; k++) {
        g->groups[g->pair_group[k]].count++;
    }
    uint32_t at = 0;
    for (size_t i = 0; i < g->n_groups; i++) {
        g->groups[i].first = at;
        at += g->groups[i].count;
        g->groups[i].count = 0;
    }
    for (size_t k = 0; k < g->n_pairs; k++) {
        group *gr = &g->groups[g->pair_group[k]];
        g->members[gr->first + gr->count++] = g->pair_entry[k];
    }
    /* entries went in in file order, so each group is already in file order */
    kg_free(g->pair_group);
    kg_free(g->pair_entry);
    g->pair_group = g->pair_entry = NULL;
    return KG_OK;
}

int kg_gazetteer_load(kg_gazetteer **out, const char *dir)
{
    static const struct {
        const char *file;
        int kind;
    } files[] = {
        {"countries.tsv", KG_GAZ_COUNTRY}, {"cities.tsv", KG_GAZ_CITY},
        {"regions.tsv", KG_GAZ_REGION},    {"locations.tsv", KG_GAZ_LOCATION},
        {"organisations.tsv", KG_GAZ_ORG}, {"persons.tsv", KG_GAZ_PERSON},
        {"demonyms.tsv", KG_GAZ_DEMONYM},  {"titles.tsv", KG_GAZ_ROLE},
        {"given-names.tsv", KG_GAZ_GIVEN}, {"keywords.tsv", KG_GAZ_KEYWORD},
    };
    int rc = KG_OK;
    kg_gazetteer *g = NULL;
    *out = NULL;
    g = kg_calloc(1, sizeof *g);
    if (!g) {
        rc = KG_ENOMEM;
        goto done;
    }
    if ((rc = kg_arena_new(&g->arena)) || (rc = kg_map_new(&g->folded)) ||
        (rc = kg_map_new(&g->cased))) {
        goto done;
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        rc = load_file(g, dir, files[i].file, files[i].kind);
        if (rc) {
            goto done;
        }
    }
    rc = build_members(g);
    if (rc) {
        goto done;
    }
    *out = g;
    g = NULL;
done:
    kg_gazetteer_free(g);
    return rc;
}

void kg_gazetteer_free(kg_gazetteer *g)
{
    if (!g) {
        return;
    }
    kg_arena_free(g->arena);
    kg_free(g->entries);
    kg_map_free(g->folded);
    kg_map_free(g->cased);
    kg_free(g->groups);
    kg_free(g->members);
    kg_free(g->pair_group);
    kg_free(g->pair_entry);
    kg_free(g);
}

size_t kg_gazetteer_count(const kg_gazetteer *g)
{
    return g->n_entries;
}

const kg_gazetteer_entry *kg_gazetteer_entry_at(const kg_gazetteer *g, size_t i)
{
    return i < g->n_entries ? &g->entries[i] : NULL;
}

/* -------------------------------------------------------------- lookups */

const kg_gazetteer_entry *kg_gaz_group_entry(const kg_gazetteer *g, uint32_t grp, unsigned kinds)
{
    const group *gr = &g->groups[grp];
    if (!(gr->kinds & kinds)) {
        return NULL;
    }
    for (uint32_t k = 0; k < gr->count; k++) {
        const kg_gazetteer_entry *e = &g->entries[g->members[gr->first + k]];
        if (KG_GAZ_BIT(e->kind) & kinds) {
            return e;
        }
    }
    return NULL;
}

/* Groups for a whole name: the folded key's, then the case-kept key's. */
static size_t name_groups(const kg_gazetteer *g, const char *name, size_t len, uint32_t grp[2])
{
    char key[KEY_BYTES];
    size_t n = 0;
    uint32_t v;
    size_t klen = kg_gazetteer_normalise(key, sizeof key, name, len, 1);
    if (klen && kg_map_get(g->folded, key, klen, &v) && (v & GROUP_MASK)) {
        grp[n++] = (v & GROUP_MASK) - 1;
    }
    klen = kg_gazetteer_normalise(key, sizeof key, name, len, 0);
    if (klen && kg_map_get(g->cased, key, klen, &v) && (v & GROUP_MASK)) {
        grp[n++] = (v & GROUP_MASK) - 1;
    }
    return n;
}

size_t kg_gazetteer_lookup_all(const kg_gazetteer *g, const char *name, size_t len, unsigned kinds,
                               const kg_gazetteer_entry **out, size_t max)
{
    uint32_t grp[2];
    size_t ng = name_groups(g, name, len, grp);
    size_t total = 0;
    for (size_t i = 0; i < ng; i++) {
        const group *gr = &g->groups[grp[i]];
        for (uint32_t k = 0; k < gr->count; k++) {
            const kg_gazetteer_entry *e = &g->entries[g->members[gr->first + k]];
            if (!(KG_GAZ_BIT(e->kind) & kinds)) {
                continue;
            }
            if (total < max) {
                out[total] = e;
            }
            total++;
        }
    }
    return total;
}

const kg_gazetteer_entry *kg_gazetteer_lookup(const kg_gazetteer *g, const char *name, size_t len,
                                              unsigned kinds)
{
    uint32_t grp[2];
    size_t ng = name_groups(g, name, len, grp);
    const kg_gazetteer_entry *best = NULL;
    for (size_t i = 0; i < ng; i++) {
        const kg_gazetteer_entry *e = kg_gaz_group_entry(g, grp[i], kinds);
        if (e && (!best || e < best)) { /* earlier in file order wins */
            best = e;
        }
    }
    return best;
}

const char *kg_gazetteer_demonym_country(const kg_gazetteer *g, const char *word, size_t len)
{
    const kg_gazetteer_entry *e = kg_gazetteer_lookup(g, word, len, KG_GAZ_BIT(KG_GAZ_DEMONYM));
    return e ? e->link : NULL;
}

const char *kg_gazetteer_title(const kg_gazetteer *g, const char *words, size_t len)
{
    const kg_gazetteer_entry *e =
        kg_gazetteer_lookup(g, words, len, KG_GAZ_BIT(KG_GAZ_ROLE) | KG_GAZ_BIT(KG_GAZ_HONORIFIC));
    return e ? e->name : NULL;
}

const char *kg_gazetteer_expand_acronym(const kg_gazetteer *g, const char *acronym, size_t len)
{
    size_t upper = 0;
    if (len < 2 || len > 16) {
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        char c = acronym[i];
        if (c >= 'A' && c <= 'Z') {
            upper++;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '&' ||
                     c == '-')) {
            return NULL;
        }
    }
    if (upper < 2) {
        return NULL;
    }
    const kg_gazetteer_entry *e = kg_gazetteer_lookup(g, acronym, len, KG_GAZ_NAMES);
    if (!e) {
        return NULL;
    }
    char a[KEY_BYTES], b[KEY_BYTES];
    kg_gazetteer_normalise(a, sizeof a, acronym, len, 1);
    kg_gazetteer_normalise(b, sizeof b, e->name, strlen(e->name), 1);
    return strcmp(a, b) == 0 ? NULL : e->name;
}

/* ------------------------------------------------------------- acronyms */

static int is_function_word(const char *w, size_t n)
{
    static const char *const words[] = {"of", "the", "and", "for", "in", "on", "at", "de",
                                        "du", "la",  "al",  "a",   "an", "to", "el", "&"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

#define MAX_ACRO_WORDS 24

static int acro_match(const char *letters, size_t nl, size_t li, const size_t *wstart,
                      const size_t *wlen, const char *name, size_t nw, size_t wi)
{
    if (wi == nw) {
        return li == nl;
    }
    const char *w = name + wstart[wi];
    int optional = is_function_word(w, wlen[wi]);
    if (optional && acro_match(letters, nl, li, wstart, wlen, name, nw, wi + 1)) {
        return 1;
    }
    if (li < nl) {
        char c = w[0];
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 32);
        }
        if (c == letters[li] && acro_match(letters, nl, li + 1, wstart, wlen, name, nw, wi + 1)) {
            return 1;
        }
    }
    return 0;
}

int kg_gazetteer_is_acronym_of(const char *acronym, size_t alen, const char *name, size_t nlen)
{
    char letters[32];
    size_t nl = 0;
    for (size_t i = 0; i < alen; i++) {
        char c = acronym[i];
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 32);
        }
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (nl == sizeof letters) {
                return 0;
            }
            letters[nl++] = c;
        } else if (c != '.' && c != '&' && c != '-') {
            return 0;
        }
    }
    if (nl < 2) {
        return 0;
    }
    size_t wstart[MAX_ACRO_WORDS], wlen[MAX_ACRO_WORDS], nw = 0;
    for (size_t i = 0; i < nlen;) {
        while (i < nlen && (name[i] == ' ' || name[i] == '-' || name[i] == ',')) {
            i++;
        }
        if (i >= nlen) {
            break;
        }
        size_t s = i;
        while (i < nlen && name[i] != ' ' && name[i] != '-' && name[i] != ',') {
            i++;
        }
        if (nw == MAX_ACRO_WORDS) {
            return 0;
        }
        wstart[nw] = s;
        wlen[nw] = i - s;
        nw++;
    }
    if (nw < 2) {
        return 0;
    }
    return acro_match(letters, nl, 0, wstart, wlen, name, nw, 0);
}

/* ------------------------------------------------------- token matching */

/* One more word of a walk through one key table (folded or cased): appends
 * word to key (KEY_BYTES, *len used), records a hit spanning span tokens when
 * the key is a whole name, and returns whether a longer name may still
 * follow. */
static int walk_step(const kg_gazetteer *g, const kg_map *table, char *key, size_t *len,
                     const char *word, size_t n, uint8_t span, kg_gaz_hit *hits, size_t *nh,
                     size_t max)
{
    uint32_t v;
    if (*len + 1 + n >= KEY_BYTES) {
        return 0;
    }
    if (*len) {
        key[(*len)++] = ' ';
    }
    memcpy(key + *len, word, n);
    *len += n;
    if (!kg_map_get(table, key, *len, &v)) {
        return 0;
    }
    if ((v & GROUP_MASK) && *nh < max) {
        uint32_t grp = (v & GROUP_MASK) - 1;
        hits[*nh].len = span;
        hits[*nh].kinds = (uint16_t)g->groups[grp].kinds;
        hits[*nh].group = grp;
        (*nh)++;
    }
    return (v & PREFIX_FLAG) != 0;
}

size_t kg_gaz_walk(const kg_gazetteer *g, const kg_gaz_tok *toks, size_t n, size_t i,
                   kg_gaz_hit *hits, size_t max)
{
    char lk[KEY_BYTES], ck[KEY_BYTES];
    size_t ll = 0, cl = 0, nh = 0;
    int alive_l = 1, alive_c = kg_map_count(g->cased) > 0;
    if (i >= n || toks[i].nlower == 0) {
        return 0;
    }
    size_t words = 0;
    for (size_t j = i; j < n && (alive_l || alive_c) && words < KG_GAZ_MAX_WORDS; j++) {
        const kg_gaz_tok *t = &toks[j];
        if (t->blocked) {
            break;
        }
        if (t->nlower == 0) {
            continue; /* punctuation inside a name */
        }
        words++;
        uint8_t span = (uint8_t)(j - i + 1);
        if (alive_l) {
            alive_l = walk_step(g, g->folded, lk, &ll, t->lower, t->nlower, span, hits, &nh, max);
        }
        if (alive_c) {
            alive_c = walk_step(g, g->cased, ck, &cl, t->cased, t->ncased, span, hits, &nh, max);
        }
    }
    return nh;
}

/* Normalises tokens[from..to) into toks. */
static void fold_tokens(kg_gaz_tok *toks, const kg_token *tokens, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        kg_gaz_tok_set(&toks[j - from], tokens[j].form, strlen(tokens[j].form));
    }
}

size_t kg_gazetteer_match(const kg_gazetteer *g, const kg_token *tokens, size_t n, size_t i,
                          unsigned kinds, const kg_gazetteer_entry **entry)
{
    kg_gaz_tok toks[KG_GAZ_MAX_WORDS * 2];
    kg_gaz_hit hits[KG_GAZ_MAX_WORDS * 2];
    if (entry) {
        *entry = NULL;
    }
    if (i >= n) {
        return 0;
    }
    size_t to = n - i > KG_GAZ_MAX_WORDS * 2 ? i + KG_GAZ_MAX_WORDS * 2 : n;
    fold_tokens(toks, tokens, i, to);
    size_t nh = kg_gaz_walk(g, toks, to - i, 0, hits, sizeof hits / sizeof hits[0]);
    size_t best = 0;
    const kg_gazetteer_entry *chosen = NULL;
    for (size_t h = 0; h < nh; h++) {
        const kg_gazetteer_entry *e = kg_gaz_group_entry(g, hits[h].group, kinds);
        if (!e) {
            continue;
        }
        if (hits[h].len > best || (hits[h].len == best && e < chosen)) {
            best = hits[h].len;
            chosen = e;
        }
    }
    if (entry) {
        *entry = chosen;
    }
    return best;
}

size_t kg_gazetteer_title_before(const kg_gazetteer *g, const kg_token *tokens, size_t i,
                                 const kg_gazetteer_entry **entry)
{
    const unsigned kinds = KG_GAZ_BIT(KG_GAZ_ROLE) | KG_GAZ_BIT(KG_GAZ_HONORIFIC);
    kg_gaz_tok toks[KG_GAZ_MAX_WORDS];
    kg_gaz_hit hits[KG_GAZ_MAX_WORDS * 2];
    if (entry) {
        *entry = NULL;
    }
    size_t from = i > KG_GAZ_MAX_WORDS ? i - KG_GAZ_MAX_WORDS : 0;
    fold_tokens(toks, tokens, from, i);
    size_t n = i - from;
    for (size_t s = 0; s < n; s++) { /* earliest start = longest title */
        size_t nh = kg_gaz_walk(g, toks, n, s, hits, sizeof hits / sizeof hits[0]);
        for (size_t h = 0; h < nh; h++) {
            if (s + hits[h].len != n) {
                continue;
            }
            const kg_gazetteer_entry *e = kg_gaz_group_entry(g, hits[h].group, kinds);
            if (e) {
                if (entry) {
                    *entry = e;
                }
                return n - s;
            }
        }
    }
    return 0;
}
