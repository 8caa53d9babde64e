/* kg_coref.h - within-document entity resolution: turns the named mentions
 * that entity recognition found into document-level entities, and adds the
 * pronouns and descriptions that stand for them.
 *
 * After kg_coref_resolve every kept mention has an entity (doc->entities):
 *  - names get canonical forms: the gazetteer's ("U.S.", "US", "America" ->
 *    "United States"; "Cabul" -> "Kabul"; "UAE" -> "United Arab Emirates"),
 *    else the fullest name of the entity in the document ("Glezmann" ->
 *    "George Glezmann"; a lone first name joins the one full name it
 *    starts); acronyms join the name they spell; an unlisted name the
 *    document uses for a person elsewhere becomes that person whatever type
 *    recognition gave it here; a lone proper noun recognition missed that is
 *    the surname of exactly one person named in full becomes a mention of
 *    that person ("Glezmann's release" after "George Glezmann");
 *  - a nationality that stands for its country ("Qatari mediators",
 *    "U.S. officials" and "Afghan forces" alike) becomes a mention of the
 *    country (type GPE); a nationality that only describes a named person
 *    ("American Faye Hall") is dropped; other nationalities ("Afghan
 *    citizens") stay NORP entities;
 *  - names in headings and bylines never create an entity: they are kept
 *    only when they name an entity of the body text, and dropped otherwise.
 *    Headings and bylines are the KG_SENT_HEADING sentences before the body
 *    that look like headings (title case, or very short) and credit lines
 *    anywhere ("By ...", "Source: ...", "AP Photo / ..."); a line ending in a
 *    comma is a salutation, and a name alone further down (a signature, a
 *    list) is kept;
 *  - pronouns (he, his, she, her, it, its, they, their, ... and reflexives)
 *    and definite descriptions ("the group", "the regime", "the country",
 *    "the latter") that stand for an entity are added as KG_MENTION_PRONOUN
 *    and KG_MENTION_NOMINAL mentions; so are descriptions that identify a
 *    name ("the freed American, identified as Amir Amiry"). A description in
 *    apposition ("an American prisoner, George Glezmann") is resolved to the
 *    name it stands beside (its role goes there, its nationality is dropped,
 *    pronouns may refer through it) but gets no mention of its own, so that
 *    "X, the Y," never becomes a relation of X to itself. Mentions never
 *    overlap: a description starts after any name inside it;
 *  - kg_mention.roles holds what the text says the entity is: titles
 *    ("President Donald Trump" -> "president"), role nouns before a name
 *    ("American prisoner George Glezmann" -> "prisoner"), appositions and
 *    copulas ("Sirajuddin Haqqani is the interior minister of the Taliban"
 *    -> "interior minister of Taliban"), role verbs ("acts as", "positioned
 *    itself as a mediator"), and events: the held of detaining and releasing
 *    ("Amir Amiri was detained by the Taliban" -> "detainee of Taliban";
 *    "Glezmann's release"), the agents of mediating and negotiating; with
 *    the role's other end, where the text gives one, by its canonical name;
 *    without a role the
 *    same entity states more fully in the document ("detainee" beside
 *    "detainee of Taliban"). Roles found at a pronoun or description go to
 *    the entity's nearest named mention, since only names become mention
 *    records.
 *
 * Algorithms: pronouns are resolved by salience in the manner of Lappin &
 * Leass (1994, "An algorithm for pronominal anaphora resolution",
 * Computational Linguistics 20(4)) - recency, grammatical role, head-noun and
 * non-adverbial emphasis, summed over each coreference class and halved per
 * sentence of distance, after agreement and binding filters - over a window
 * of the current and three previous sentences, with unnamed noun phrases as
 * competitors so that a pronoun about something unnamed stays unresolved.
 * Definite descriptions use the same salience over entities of the type the
 * head noun allows. Names are clustered by exact canonical form, then
 * surnames and acronyms (in the spirit of the high-precision sieves of Lee et
 * al. 2013, "Deterministic coreference resolution based on entity-centric,
 * precision-ranked rules", Computational Linguistics 39(4)). Everything is
 * linear in document length (bounded windows); no model file is needed.
 */
#ifndef KG_COREF_H
#define KG_COREF_H

#include "kg_document.h"
#include "kg_gazetteer.h"

typedef struct kg_coref_options {
    /* Treat heading sentences as ordinary sentences (for input with one
     * sentence per line, where a line without final punctuation is still a
     * sentence). */
    int keep_headings;
    /* Previous sentences searched for a pronoun's antecedent (0: default 3);
     * definite descriptions search twice as far. */
    unsigned window;
} kg_coref_options;

#define KG_COREF_OPTIONS_INIT                                                                      \
    {                                                                                              \
        0, 3                                                                                       \
    }

/* Resolves the named mentions of doc (from kg_ner_recognise; doc->sentences
 * and tokens filled, tags and dependency heads used when present) into
 * doc->entities, adds pronoun and description mentions, sets every mention's
 * entity and roles, and keeps doc->mentions sorted by start. gz gives
 * canonical names, demonyms, titles and given names (kg_ner_gazetteer).
 * Calling it again starts from the named mentions left by the previous call.
 * Thread-safe for different documents. Ownership: doc->mentions and
 * doc->entities are kg_malloc'ed arrays owned by doc (kg_document_free);
 * names and roles live in doc->arena. On failure doc is left with no
 * entities and mentions whose entity is -1. */
int kg_coref_resolve(const kg_gazetteer *gz, kg_document *doc);

/* The same with options (NULL for the defaults). Ownership: as
 * kg_coref_resolve; opts is only read. */
int kg_coref_resolve_with(const kg_gazetteer *gz, kg_document *doc, const kg_coref_options *opts);

/* The mention of doc->mentions (sorted by start, as kg_coref_resolve leaves
 * them) that covers token t: the shortest one when several do ("American"
 * inside "the American mechanic"), a name before a description of the same
 * length; -1 when none does. For mapping a triple's argument head to its
 * entity: doc->mentions[i].entity. O(log n + covering mentions).
 * Ownership: reads doc only. */
int32_t kg_coref_mention_at(const kg_document *doc, uint32_t t);

#endif /* KG_COREF_H */
