// Named entities without a downloaded model: people, organizations and places
// found from capitalization, titles and roles, and gazetteers of places and
// institutions written for crosscheck; a small learned typer (entity_typer.h)
// then gives each name its final type from its context.
//
// Per sentence, maximal runs of capitalized tokens are candidates ("U.S. Secretary
// of State Antony Blinken"), with "of"/"for" inside names and "and"/"in"/"the" only
// inside organization names ("Organization for Security and Co-operation in
// Europe"). A candidate is cut at the last role phrase ("Secretary of State",
// "Foreign Minister", "spokeswoman"): what follows is a person, what precedes is
// a place or organization in its own right ("White House", "U.S."). Weekdays,
// months, role words and sentence-initial common words never become entities;
// demonyms ("Russian") are adjectives, not entities. Types come from gazetteers
// (countries, capitals, regions; international institutions), from cue words
// ("Ministry", "Council" -> organization; "River", "Province" -> place), from a role
// before or a reporting verb after (person), and from the shape of names: two or
// three capitalized words that are not common English words. A US state's newspaper
// abbreviation after a town ("Dunmore, Wyo.") is a place.
#ifndef CROSSCHECK_ANALYZE_ENTITIES_H_
#define CROSSCHECK_ANALYZE_ENTITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "text/word_list.h"

namespace crosscheck::analyze {

enum class EntityType { kPerson, kOrganization, kLocation, kOther };
const char* EntityTypeName(EntityType type);  // "person", "organization", ...

struct EntityMention {
  Span span;                // the name in Article::text, roles and articles stripped
  std::string text;         // as written
  EntityType type = EntityType::kOther;
  uint32_t sentence = 0;    // index into Article::sentences
  bool role_cue = false;    // a title or role stood before it ("Foreign Minister X")
  bool speaker_cue = false; // a reporting verb follows it ("X said")
  bool owned = false;       // a possessive stands before it ("Russia's Security Council"):
                            // a body of that owner, not the institution of that name
  bool group = false;       // a people, faith or region as a word ("European", "Catholics"):
                            // kept for relating articles, never listed as an entity
};

// Entities of a tokenized article, in text order. `words` (may be null) tells
// common words from names. The rules find and type the names, then the learned
// typer (entity_typer.h) gives each its final type.
std::vector<EntityMention> FindEntities(const Article& a, const text::WordList* words);

// The rules alone, before the typer: what it was trained on.
std::vector<EntityMention> FindEntitiesByRules(const Article& a, const text::WordList* words);

// Words that make a capitalized run an organization ("Ministry", "Party") or a
// place ("River", "Province") when they end it; `lower` is lowercase.
bool IsOrganizationCue(std::string_view lower);
bool IsPlaceCue(std::string_view lower);

// Known international institutions and their other names ("UN" -> "United
// Nations"); nullptr when `lower` (lowercase, dots removed) is not one.
const std::string* FindInstitution(const std::string& lower);

}  // namespace crosscheck::analyze

#endif  // CROSSCHECK_ANALYZE_ENTITIES_H_
