/* kg_gazetteer.h - name lists the project writes and ships in
 * models/gazetteers/: countries, regions, cities, locations and facilities,
 * organisations, well-known people, demonyms, titles and honorifics, given
 * names, and designator keywords ("Inc.", "Airport", "River"). Entity recognition uses them as
 * features and to keep titles out of mentions; coreference and entity resolution use them to map
 * surface forms to one canonical name ("U.S." -> "United States", "Qatari" -> "Qatar").
 *
 * Names are compared after normalisation (kg_gazetteer_normalise): case
 * folded, final periods and apostrophes dropped ("U.S." and "U.S" agree),
 * hyphens and dashes split words, a possessive "'s" and a leading "the" are
 * removed. Aliases written with a leading '=' in the files (e.g. "=US",
 * "=WHO") only match with the same capitalisation, so "us" and "who" do not.
 * The file format is described in models/MODELS.md.
 */
#ifndef KG_GAZETTEER_H
#define KG_GAZETTEER_H

#include "kg_document.h"

#include <stddef.h>
#include <stdint.h>

/* What list an entry comes from. */
enum {
    KG_GAZ_COUNTRY = 0, /* countries.tsv: sovereign states and territories (GPE) */
    KG_GAZ_CITY,        /* cities.tsv: capitals and major cities (GPE), link = country */
    KG_GAZ_REGION,      /* regions.tsv: states, provinces (GPE), link = country */
    KG_GAZ_LOCATION,    /* locations.tsv: LOC (continents, seas, ...) and FAC */
    KG_GAZ_ORG,         /* organisations.tsv: ORG */
    KG_GAZ_PERSON,      /* persons.tsv: well-known people (PERSON) */
    KG_GAZ_DEMONYM,     /* demonyms.tsv: NORP, link = country (or none) */
    KG_GAZ_ROLE,        /* titles.tsv, type ROLE: President, Secretary of State, envoy */
    KG_GAZ_HONORIFIC,   /* titles.tsv, type HONORIFIC: Mr., Dr., Sheikh */
    KG_GAZ_GIVEN,       /* given-names.tsv: first names */
    KG_GAZ_KEYWORD,     /* keywords.tsv: words that end names of a type ("Inc.", "River") */
    KG_GAZ_KIND_COUNT
};

/* Bit for a kind in a kind mask. */
#define KG_GAZ_BIT(kind) (1u << (kind))
#define KG_GAZ_ALL ((1u << KG_GAZ_KIND_COUNT) - 1u)
/* Kinds that name things (not titles, given names or keywords). */
#define KG_GAZ_NAMES                                                                               \
    (KG_GAZ_BIT(KG_GAZ_COUNTRY) | KG_GAZ_BIT(KG_GAZ_CITY) | KG_GAZ_BIT(KG_GAZ_REGION) |            \
     KG_GAZ_BIT(KG_GAZ_LOCATION) | KG_GAZ_BIT(KG_GAZ_ORG) | KG_GAZ_BIT(KG_GAZ_PERSON) |            \
     KG_GAZ_BIT(KG_GAZ_DEMONYM))

typedef struct kg_gazetteer_entry {
    const char *name; /* canonical name (first name on its line) */
    const char *link; /* related canonical name (a city's or demonym's country), or NULL */
    uint8_t type;     /* KG_ENT_*; KG_ENT_NONE for titles and given names */
    uint8_t kind;     /* KG_GAZ_* */
} kg_gazetteer_entry;

/* Immutable once loaded; may be shared between threads. */
typedef struct kg_gazetteer kg_gazetteer;

/* Loads every list from dir (models/gazetteers). A missing file or a
 * malformed line is KG_EIO/KG_EFORMAT naming the file and line.
 * Ownership: the caller frees *out with kg_gazetteer_free. */
int kg_gazetteer_load(kg_gazetteer **out, const char *dir);
/* Frees g and everything it owns. Ownership: takes g; accepts NULL. */
void kg_gazetteer_free(kg_gazetteer *g);

/* Number of entries and the i-th (file order). Ownership: borrowed from g. */
size_t kg_gazetteer_count(const kg_gazetteer *g);
const kg_gazetteer_entry *kg_gazetteer_entry_at(const kg_gazetteer *g, size_t i);

/* Normalises name[0..len) for comparison (see the top of this header) into
 * out (cap bytes, NUL-terminated, truncated if needed); returns the length.
 * fold_case 0 keeps capitalisation. Ownership: out belongs to the caller. */
size_t kg_gazetteer_normalise(char *out, size_t cap, const char *name, size_t len, int fold_case);

/* The first entry (in file order: countries, cities, regions, locations,
 * organisations, persons, demonyms, titles, given names, keywords) whose kind
 * is in kinds (a mask of KG_GAZ_BIT; KG_GAZ_NAMES for names of things,
 * KG_GAZ_ALL for any) and that has name as its
 * canonical name or an alias, or NULL. "U.S." -> United States (GPE).
 * Ownership: the entry is borrowed from g. */
const kg_gazetteer_entry *kg_gazetteer_lookup(const kg_gazetteer *g, const char *name, size_t len,
                                              unsigned kinds);
/* Every entry of the given kinds for name, up to max, in file order; returns
 * how many there are in all (may exceed max). Ownership: borrowed from g. */
size_t kg_gazetteer_lookup_all(const kg_gazetteer *g, const char *name, size_t len, unsigned kinds,
                               const kg_gazetteer_entry **out, size_t max);

/* The country a demonym or nationality refers to ("Qatari" -> "Qatar",
 * "Americans" -> "United States"), or NULL (also for groups without a
 * country such as "Muslims"). Ownership: borrowed from g. */
const char *kg_gazetteer_demonym_country(const kg_gazetteer *g, const char *word, size_t len);

/* The canonical role or honorific for a title, one word or several
 * ("secretary of state" -> "Secretary of State", "Dr." -> "Doctor"), or NULL.
 * Ownership: borrowed from g. */
const char *kg_gazetteer_title(const kg_gazetteer *g, const char *words, size_t len);

/* The canonical name an acronym or abbreviation stands for ("UN" ->
 * "United Nations", "UAE" -> "United Arab Emirates"), or NULL when the word
 * is not acronym-shaped (at least two capitals, letters, digits and periods)
 * or not listed. Ownership: borrowed from g. */
const char *kg_gazetteer_expand_acronym(const kg_gazetteer *g, const char *acronym, size_t len);

/* Whether acronym could abbreviate name by its initials ("NATO" and "North
 * Atlantic Treaty Organization"; "ISIL" and "Islamic State of Iraq and the
 * Levant"): the capitals of acronym equal the initials of name's words, with
 * lowercase function words (of, the, and, for, ...) optional. Returns 1 or 0.
 * Ownership: reads its arguments only. */
int kg_gazetteer_is_acronym_of(const char *acronym, size_t alen, const char *name, size_t nlen);

/* The longest listed name of the given kinds that starts at tokens[i] (of n
 * tokens; a name does not continue past n), matched token by token.
 * Returns its length in tokens (0 if none) and, if entry is not NULL, its
 * first entry of those kinds in *entry. Ownership: *entry is borrowed. */
size_t kg_gazetteer_match(const kg_gazetteer *g, const kg_token *tokens, size_t n, size_t i,
                          unsigned kinds, const kg_gazetteer_entry **entry);

/* The longest title (role or honorific) that ends just before tokens[i]
 * ("Secretary of State | Mike Pompeo"); returns its length in tokens (0 if
 * none) and its entry in *entry if not NULL. Ownership: *entry is borrowed. */
size_t kg_gazetteer_title_before(const kg_gazetteer *g, const kg_token *tokens, size_t i,
                                 const kg_gazetteer_entry **entry);

#endif /* KG_GAZETTEER_H */
