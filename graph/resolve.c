/* resolve.c - entity resolution across documents: which document-level
 * entities are the same real-world thing.
 *
 * Document-level entities arrive with canonical names (coreference and the
 * gazetteers already turned "U.S." into "United States" within a document).
 * Across documents they are clustered with union-find by rules applied in
 * order of confidence, each merge only between entities of compatible type:
 *  1. the user's alias file: every name on one line is one entity, and two
 *     lines are never merged, whatever the rules below say;
 *  2. the same name once case, periods, a leading "the" and spacing are set
 *     aside ("U.S." / "US", "The Taliban" / "Taliban");
 *  3. a one-word person name and the one multi-word person name it ends
 *     ("Glezmann" / "George Glezmann"), when that is unambiguous;
 *  4. an acronym and the one multi-word name of the same type whose initials
 *     it spells ("UAE" / "United Arab Emirates");
 *  5. spelling variants: names of the same type and word count differing in
 *     one word by one edit, when context supports it - the two entities are
 *     linked to (or named in a sentence with) a common third entity
 *     ("Amir Amiri" / "Amir Amiry", both released by the Taliban).
 * A cluster's label is its alias-file name, else its most complete name (most
 * words, then most mentions, then alphabetical). */
#include "graph_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- union-find */

typedef struct uf {
    uint32_t *parent;
    int32_t *group; /* alias-file line of the set's root, -1 for none */
} uf;

static uint32_t find(uf *u, uint32_t x)
{
    while (u->parent[x] != x) {
        u->parent[x] = u->parent[u->parent[x]];
        x = u->parent[x];
    }
    return x;
}

/* Joins the sets of a and b unless they hold different alias-file groups. */
static void unite(uf *u, uint32_t a, uint32_t b)
{
    a = find(u, a);
    b = find(u, b);
    if (a == b) {
        return;
    }
    if (u->group[a] >= 0 && u->group[b] >= 0 && u->group[a] != u->group[b]) {
        return;
    }
    if (b < a) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    u->parent[b] = a;
    if (u->group[a] < 0) {
        u->group[a] = u->group[b];
    }
}

/* ---------------------------------------------------------------- names */

/* The comparison key of a name: lower case, periods dropped, runs of spaces
 * (and hyphens) made one space, a leading "the " dropped. */
static int name_key(kg_strbuf *b, const char *name)
{
    kg_strbuf_clear(b);
    if (strncasecmp(name, "the ", 4) == 0) {
        name += 4;
    }
    int space = 0;
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '.') {
            continue;
        }
        if (c == ' ' || c == '-' || c == '\t' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && b->len && kg_strbuf_putc(b, ' ')) {
            return KG_ENOMEM;
        }
        space = 0;
        if (kg_strbuf_putc(b, (char)tolower(c))) {
            return KG_ENOMEM;
        }
    }
    if (!b->data && kg_strbuf_puts(b, "")) {
        return KG_ENOMEM;
    }
    return KG_OK;
}

/* Pointer to the last word of s. */
static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

/* Is the edit distance between a[0..n) and b[0..m) at most one? */
static int within_one_edit(const char *a, size_t n, const char *b, size_t m)
{
    if (n > m + 1 || m > n + 1) {
        return 0;
    }
    size_t i = 0, j = 0, edits = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            i++;
            j++;
            continue;
        }
        if (++edits > 1) {
            return 0;
        }
        if (n > m) {
            i++;
        } else if (m > n) {
            j++;
        } else {
            i++;
            j++;
        }
    }
    edits += (n - i) + (m - j);
    return edits <= 1;
}

#define MAX_NAME_WORDS 6

/* Are s[0..n) all letters (or non-ASCII)? Numbers are never spelling variants. */
static int alphabetic(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x80 && !isalpha((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

/* The w-th word of a space-separated key. */
static const char *word_at(const char *s, size_t w)
{
    while (w-- && *s) {
        s += strcspn(s, " ");
        if (*s == ' ') {
            s++;
        }
    }
    return s;
}

/* Does the acronym (letters only, e.g. "uae") spell the initials of the
 * significant words of name ("united arab emirates")? */
static int spells_initials(const char *acronym, const char *name)
{
    static const char *const minor[] = {"of", "the", "and", "for", "in", "on", "de", "al"};
    size_t k = 0, n = strlen(acronym);
    const char *p = name;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        const char *end = p;
        while (*end && *end != ' ') {
            end++;
        }
        size_t len = (size_t)(end - p);
        int skip = 0;
        for (size_t i = 0; i < sizeof minor / sizeof *minor && !skip; i++) {
            skip = strlen(minor[i]) == len && strncmp(minor[i], p, len) == 0;
        }
        if (len && !skip) {
            if (k >= n || acronym[k] != p[0]) {
                return 0;
            }
            k++;
        }
        p = end;
    }
    return k == n && n >= 2;
}

/* ------------------------------------------------------------- clustering */

/* Entity types that may name the same thing: recognisers confuse ORG, GPE,
 * NORP and LOC for one name often, but a person is not a place ("Washington"). */
static int compatible(uint8_t a, uint8_t b)
{
    if (a == KG_ENT_NONE || b == KG_ENT_NONE) {
        return 1;
    }
    return (a == KG_ENT_PERSON) == (b == KG_ENT_PERSON);
}

typedef struct info {
    uint32_t key; /* string id of the name key */
    uint8_t type; /* majority type of the dent */
    uint32_t mentions;
    size_t words;
    uint8_t copy; /* an earlier dent has the same key and type (and is in its cluster) */
} info;

static uint8_t majority(const dent *d)
{
    const uint32_t *v = d->has_mentions ? d->type_votes : d->arg_votes;
    uint8_t best = KG_ENT_NONE;
    for (int t = 1; t < KG_ENT_COUNT; t++) {
        if (v[t] > (best ? v[best] : 0)) {
            best = (uint8_t)t;
        }
    }
    return best;
}

/* Marks dents whose name or aliases are on an alias-file line. */
static int apply_alias_file(kg_graph *g, uf *u, kg_strbuf *key)
{
    for (size_t i = 0; i < g->n_dents; i++) {
        const dent *d = &g->dents[i];
        uint32_t group;
        if (name_key(key, kg_graph_string(g, d->name))) {
            return KG_ENOMEM;
        }
        int found = kg_map_get(g->alias_keys, key->data, key->len, &group);
        for (size_t k = 0; !found && k < d->aliases.n; k++) {
            if (name_key(key, kg_graph_string(g, d->aliases.ids[k]))) {
                return KG_ENOMEM;
            }
            found = kg_map_get(g->alias_keys, key->data, key->len, &group);
        }
        if (found) {
            u->group[i] = (int32_t)group;
        }
    }
    /* everything in one group is one entity */
    int32_t *first = kg_malloc((g->n_alias_groups ? g->n_alias_groups : 1) * sizeof *first);
    if (!first) {
        return KG_ENOMEM;
    }
    for (size_t k = 0; k < g->n_alias_groups; k++) {
        first[k] = -1;
    }
    for (size_t i = 0; i < g->n_dents; i++) {
        int32_t grp = u->group[i];
        if (grp < 0) {
            continue;
        }
        if (first[grp] < 0) {
            first[grp] = (int32_t)i;
        } else {
            unite(u, (uint32_t)first[grp], (uint32_t)i);
        }
    }
    kg_free(first);
    return KG_OK;
}

/* Entities each entity is linked to, by a triple or a shared sentence, as
 * sorted (a, b) pairs of dent indices, for the context test of rule 5. */
typedef struct pair {
    uint32_t a, b;
} pair;

static int cmp_pairs(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return p->b < q->b ? -1 : p->b > q->b;
}

static int cmp_occ(const void *x, const void *y)
{
    const occurrence *p = x, *q = y;
    if (p->doc != q->doc) {
        return p->doc < q->doc ? -1 : 1;
    }
    return p->sentence < q->sentence ? -1 : p->sentence > q->sentence;
}

static int push_pair(pair **v, size_t *n, size_t *cap, uint32_t a, uint32_t b)
{
    if (a == b) {
        return KG_OK;
    }
    if (kg_grow((void **)v, cap, *n + 2, sizeof **v)) {
        return KG_ENOMEM;
    }
    (*v)[(*n)++] = (pair){a, b};
    (*v)[(*n)++] = (pair){b, a};
    return KG_OK;
}

/* Do the current clusters of x and y have a linked cluster in common? */
static int share_context(uf *u, const pair *links, size_t n_links, uint32_t x, uint32_t y,
                         uint32_t *scratch, size_t n_dents)
{
    uint32_t rx = find(u, x), ry = find(u, y);
    /* mark clusters linked to x's cluster, then look for one linked to y's */
    size_t marked = 0;
    for (size_t i = 0; i < n_links; i++) {
        if (find(u, links[i].a) == rx && marked < n_dents) {
            scratch[marked++] = find(u, links[i].b);
        }
    }
    for (size_t i = 0; i < n_links; i++) {
        if (find(u, links[i].a) != ry) {
            continue;
        }
        uint32_t c = find(u, links[i].b);
        if (c == rx || c == ry) {
            continue;
        }
        for (size_t k = 0; k < marked; k++) {
            if (scratch[k] == c) {
                return 1;
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------ alias file */

int kg_graph_load_aliases(kg_graph *g, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    kg_strbuf key = KG_STRBUF_INIT;
    int rc = kg_file_read(path, (size_t)64 << 20, &text, &len);
    if (rc) {
        return rc;
    }
    if (!kg_utf8_valid(text, len, NULL)) {
        rc = kg_error_set(KG_EINPUT, "%s: not UTF-8 text", path);
        goto done;
    }
    if (!g->alias_keys && (rc = kg_map_new(&g->alias_keys))) {
        goto done;
    }
    size_t line = 0;
    for (char *p = text; *p && rc == KG_OK;) {
        char *nl = strchr(p, '\n');
        char *end = nl ? nl : p + strlen(p);
        line++;
        /* names are separated by '|' or TAB; '#' starts a comment line */
        while (p < end && (*p == ' ' || *p == '\t')) {
            p++;
        }
        if (p < end && *p != '#' && *p != '\r') {
            int first = 1;
            uint32_t group = (uint32_t)g->n_alias_groups;
            while (p < end && rc == KG_OK) {
                char *sep = p;
                while (sep < end && *sep != '|' && *sep != '\t') {
                    sep++;
                }
                char *a = p, *b = sep;
                while (a < b && (*a == ' ' || *a == '\r')) {
                    a++;
                }
                while (b > a && (b[-1] == ' ' || b[-1] == '\r')) {
                    b--;
                }
                if (b > a) {
                    uint32_t id, other;
                    char saved = *b;
                    *b = '\0';
                    if ((rc = name_key(&key, a)) || (rc = kg_graph_intern(g, a, strlen(a), &id))) {
                        *b = saved;
                        break;
                    }
                    *b = saved;
                    if (first) {
                        if ((rc = kg_grow((void **)&g->alias_names, &g->cap_alias_groups,
                                          g->n_alias_groups + 1, sizeof *g->alias_names))) {
                            break;
                        }
                        g->alias_names[g->n_alias_groups++] = id;
                        first = 0;
                    }
                    if (kg_map_get(g->alias_keys, key.data, key.len, &other) && other != group) {
                        rc = kg_error_set(KG_EINPUT, "%s:%zu: '%.*s' is already a name of '%s'",
                                          path, line, (int)(b - a), a,
                                          kg_graph_string(g, g->alias_names[other]));
                        break;
                    }
                    rc = kg_map_put(g->alias_keys, key.data, key.len, group);
                }
                p = sep < end ? sep + 1 : end;
            }
        }
        p = nl ? nl + 1 : end;
    }
done:
    kg_strbuf_free(&key);
    kg_free(text);
    return rc;
}

int kg_graph_resolve(kg_graph *g, uint32_t *cluster, uint32_t *label)
{
    int rc = KG_OK;
    size_t n = g->n_dents;
    uf u = {NULL, NULL};
    info *inf = NULL;
    pair *links = NULL;
    size_t n_links = 0, cap_links = 0;
    uint32_t *scratch = NULL;
    kg_map *by_key = NULL, *by_key_type = NULL, *by_last = NULL, *blocks = NULL;
    uint32_t *chain = NULL;   /* previous member of the same block, per (dent, word) */
    uint32_t *best_of = NULL; /* per cluster: the dent whose name is the label */
    kg_strbuf key = KG_STRBUF_INIT;

    u.parent = kg_malloc((n ? n : 1) * sizeof *u.parent);
    u.group = kg_malloc((n ? n : 1) * sizeof *u.group);
    inf = kg_calloc(n ? n : 1, sizeof *inf);
    scratch = kg_malloc((n ? n : 1) * sizeof *scratch);
    chain = kg_malloc((n ? n : 1) * MAX_NAME_WORDS * sizeof *chain);
    best_of = kg_malloc((n ? n : 1) * sizeof *best_of);
    if (!u.parent || !u.group || !inf || !scratch || !chain || !best_of || kg_map_new(&by_key) ||
        kg_map_new(&by_key_type) || kg_map_new(&by_last)) {
        rc = KG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const dent *d = &g->dents[i];
        u.parent[i] = (uint32_t)i;
        u.group[i] = -1;
        if ((rc = name_key(&key, kg_graph_string(g, d->name))) ||
            (rc = kg_graph_intern(g, key.data, key.len, &inf[i].key))) {
            goto done;
        }
        inf[i].type = majority(d);
        inf[i].mentions = d->has_mentions ? d->mentions : d->arg_mentions;
        inf[i].words = kg_word_count(key.data);
    }
    /* 1. the alias file */
    if (g->alias_keys && (rc = apply_alias_file(g, &u, &key))) {
        goto done;
    }
    /* 2. the same name key; the later steps look at one dent per key and
     *    type only, so that their cost depends on the distinct names, not on
     *    how many documents repeat them */
    for (size_t i = 0; i < n; i++) {
        uint32_t first;
        int inserted = 0;
        if ((rc = kg_map_intern(by_key, (const char *)&inf[i].key, sizeof inf[i].key, (uint32_t)i,
                                &first, &inserted))) {
            goto done;
        }
        if (!inserted && compatible(inf[first].type, inf[i].type)) {
            unite(&u, first, (uint32_t)i);
        }
        uint8_t kt[sizeof inf[i].key + 1];
        memcpy(kt, &inf[i].key, sizeof inf[i].key);
        kt[sizeof inf[i].key] = inf[i].type;
        if ((rc = kg_map_intern(by_key_type, (const char *)kt, sizeof kt, (uint32_t)i, &first,
                                &inserted))) {
            goto done;
        }
        if (!inserted) {
            unite(&u, first, (uint32_t)i);
            inf[i].copy = 1;
        }
    }
    /* 3. surnames: last words of multi-word person names, unless shared by two
     *    different clusters */
    for (size_t i = 0; i < n; i++) {
        if (inf[i].type != KG_ENT_PERSON || inf[i].words < 2) {
            continue;
        }
        const char *last = last_word(kg_graph_string(g, inf[i].key));
        uint32_t seen;
        if (kg_map_get(by_last, last, strlen(last), &seen)) {
            if (seen != UINT32_MAX && find(&u, seen) != find(&u, (uint32_t)i) &&
                (rc = kg_map_put(by_last, last, strlen(last), UINT32_MAX))) {
                goto done;
            }
        } else if ((rc = kg_map_put(by_last, last, strlen(last), (uint32_t)i))) {
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (inf[i].words != 1 || (inf[i].type != KG_ENT_PERSON && inf[i].type != KG_ENT_NONE)) {
            continue;
        }
        const char *k = kg_graph_string(g, inf[i].key);
        uint32_t full;
        if (kg_map_get(by_last, k, strlen(k), &full) && full != UINT32_MAX) {
            unite(&u, full, (uint32_t)i);
        }
    }
    /* 4. acronyms */
    for (size_t i = 0; i < n; i++) {
        if (inf[i].copy) {
            continue;
        }
        const char *name = kg_graph_string(g, g->dents[i].name);
        const char *k = kg_graph_string(g, inf[i].key);
        size_t len = strlen(k), upper = 0;
        for (const char *p = name; *p; p++) {
            upper += isupper((unsigned char)*p) != 0;
        }
        if (inf[i].words != 1 || len < 2 || len > 6 || upper < len) {
            continue; /* an acronym is written in capitals */
        }
        uint32_t match = UINT32_MAX;
        int ambiguous = 0;
        for (size_t j = 0; j < n && !ambiguous; j++) {
            if (inf[j].copy || inf[j].words < 2 || !compatible(inf[i].type, inf[j].type) ||
                !spells_initials(k, kg_graph_string(g, inf[j].key))) {
                continue;
            }
            if (match != UINT32_MAX && find(&u, match) != find(&u, (uint32_t)j)) {
                ambiguous = 1;
            }
            match = (uint32_t)j;
        }
        if (match != UINT32_MAX && !ambiguous) {
            unite(&u, match, (uint32_t)i);
        }
    }
    /* 5. spelling variants with shared context */
    for (size_t i = 0; i < g->n_redges; i++) {
        if ((rc = push_pair(&links, &n_links, &cap_links, g->redges[i].from, g->redges[i].to))) {
            goto done;
        }
    }
    if (g->n_occurrences > 1) {
        qsort(g->occurrences, g->n_occurrences, sizeof *g->occurrences, cmp_occ);
    }
    for (size_t i = 0; i < g->n_occurrences;) {
        size_t j = i;
        while (j < g->n_occurrences && cmp_occ(&g->occurrences[i], &g->occurrences[j]) == 0) {
            j++;
        }
        for (size_t a = i; a < j && j - i <= 20; a++) {
            for (size_t b = a + 1; b < j; b++) {
                if ((rc = push_pair(&links, &n_links, &cap_links, g->occurrences[a].dent,
                                    g->occurrences[b].dent))) {
                    goto done;
                }
            }
        }
        i = j;
    }
    if (n_links > 1) {
        qsort(links, n_links, sizeof *links, cmp_pairs);
    }
    /* candidates share a block: type, word count and every word but the k-th */
    rc = kg_map_new(&blocks);
    for (size_t i = 0; i < n && rc == KG_OK; i++) {
        const char *k = kg_graph_string(g, inf[i].key);
        if (inf[i].copy || inf[i].type == KG_ENT_NONE || inf[i].words > MAX_NAME_WORDS) {
            continue;
        }
        for (size_t w = 0; w < inf[i].words && rc == KG_OK; w++) {
            kg_strbuf_clear(&key);
            if (kg_strbuf_printf(&key, "%u %zu %zu|", inf[i].type, inf[i].words, w)) {
                rc = KG_ENOMEM;
                break;
            }
            const char *p = k;
            for (size_t x = 0; *p; x++) {
                size_t len = strcspn(p, " ");
                if (x != w && (kg_strbuf_append(&key, p, len) || kg_strbuf_putc(&key, ' '))) {
                    rc = KG_ENOMEM;
                    break;
                }
                p += len + (p[len] == ' ');
            }
            if (rc) {
                break;
            }
            uint32_t prev;
            int inserted = 0;
            if ((rc = kg_map_intern(blocks, key.data, key.len, (uint32_t)i, &prev, &inserted))) {
                break;
            }
            if (inserted) {
                chain[i * MAX_NAME_WORDS + w] = UINT32_MAX;
                continue;
            }
            /* walk the block's chain: every earlier member is a candidate */
            for (uint32_t j = prev; j != UINT32_MAX; j = chain[(size_t)j * MAX_NAME_WORDS + w]) {
                if (find(&u, j) == find(&u, (uint32_t)i)) {
                    continue;
                }
                const char *a = word_at(kg_graph_string(g, inf[j].key), w);
                const char *b = word_at(k, w);
                size_t la = strcspn(a, " "), lb = strcspn(b, " ");
                if (la >= 4 && lb >= 4 && alphabetic(a, la) && alphabetic(b, lb) &&
                    within_one_edit(a, la, b, lb) &&
                    share_context(&u, links, n_links, j, (uint32_t)i, scratch, n)) {
                    unite(&u, j, (uint32_t)i);
                }
            }
            chain[i * MAX_NAME_WORDS + w] = prev;
            if ((rc = kg_map_put(blocks, key.data, key.len, (uint32_t)i))) {
                break;
            }
        }
    }
    if (rc) {
        goto done;
    }
    /* labels: the alias-file name, else the most complete name */
    for (size_t i = 0; i < n; i++) {
        uint32_t r = find(&u, (uint32_t)i);
        cluster[i] = r;
        if (r == i) {
            label[r] = UINT32_MAX;
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t r = cluster[i];
        if (u.group[r] >= 0) {
            label[r] = g->alias_names[u.group[r]];
            continue;
        }
        uint32_t best = label[r] == UINT32_MAX ? UINT32_MAX : best_of[r];
        if (best == UINT32_MAX || inf[i].words > inf[best].words ||
            (inf[i].words == inf[best].words &&
             (inf[i].mentions > inf[best].mentions ||
              (inf[i].mentions == inf[best].mentions &&
               strcmp(kg_graph_string(g, g->dents[i].name),
                      kg_graph_string(g, g->dents[best].name)) < 0)))) {
            best_of[r] = (uint32_t)i;
            label[r] = g->dents[i].name;
        }
    }
done:
    kg_free(u.parent);
    kg_free(u.group);
    kg_free(inf);
    kg_free(links);
    kg_free(scratch);
    kg_map_free(by_key);
    kg_map_free(by_key_type);
    kg_map_free(by_last);
    kg_map_free(blocks);
    kg_free(chain);
    kg_free(best_of);
    kg_strbuf_free(&key);
    return rc;
}
