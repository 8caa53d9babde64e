/* gazetteer_internal.h - what entity recognition needs from the gazetteer
 * beyond the public interface: matching over tokens that were normalised
 * once per sentence, so the hot path does no allocation and no repeated
 * folding. Not installed. */
#ifndef KG_GAZETTEER_INTERNAL_H
#define KG_GAZETTEER_INTERNAL_H

#include "kg_gazetteer.h"

/* Longest name, in tokens, that the matcher tries. */
#define KG_GAZ_MAX_WORDS 8
/* Bytes of one normalised token kept for matching (longer ones never match). */
#define KG_GAZ_TOKEN_BYTES 48

/* A token normalised for matching: case folded and case kept; an empty
 * token (punctuation) is skipped inside a name and never starts one; a
 * token too long to keep (blocked) ends any match. */
typedef struct kg_gaz_tok {
    char lower[KG_GAZ_TOKEN_BYTES];
    char cased[KG_GAZ_TOKEN_BYTES];
    uint8_t nlower, ncased;
    uint8_t blocked;
} kg_gaz_tok;

/* One listed name found at a position: its length in tokens, the kinds of
 * its entries (mask of KG_GAZ_BIT) and its group of entries. */
typedef struct kg_gaz_hit {
    uint8_t len;
    uint16_t kinds;
    uint32_t group;
} kg_gaz_hit;

/* Normalises one token (no "the" removal). */
void kg_gaz_tok_set(kg_gaz_tok *t, const char *form, size_t len);

/* Every listed name starting at toks[i] (shortest first), up to max hits;
 * returns the number written. */
size_t kg_gaz_walk(const kg_gazetteer *g, const kg_gaz_tok *toks, size_t n, size_t i,
                   kg_gaz_hit *hits, size_t max);

/* The first entry of group whose kind is in kinds, or NULL. */
const kg_gazetteer_entry *kg_gaz_group_entry(const kg_gazetteer *g, uint32_t group, unsigned kinds);

#endif /* KG_GAZETTEER_INTERNAL_H */
