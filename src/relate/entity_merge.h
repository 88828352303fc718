// Merging entity mentions into entities: within one article, or across a story.
//
// Names are compared after folding: case, dots and possessives go ("U.S." = "US"),
// gazetteer names take their canonical form ("Kiev" -> "Kyiv", "U.N." -> "United
// Nations"), and transliteration variants of long names fold together ("Sergey" =
// "Sergei", "Lugansk" = "Luhansk", "Zelenskyy" = "Zelensky": y -> i, g before a
// vowel -> h, doubled letters once). A person named in full absorbs mentions of
// the surname alone ("Blinken" -> "Antony Blinken"); two people with different
// first names stay two, and a bare surname they share goes to the one mentioned
// more. An acronym joins the organization whose capitalized words it spells
// ("OSCE" <- "Organization for Security and Co-operation in Europe").
#ifndef CROSSCHECK_RELATE_ENTITY_MERGE_H_
#define CROSSCHECK_RELATE_ENTITY_MERGE_H_

#include <set>
#include <string>
#include <vector>

#include "analyze/entities.h"

namespace crosscheck::relate {

struct MergedEntity {
  std::string name;                   // canonical: the fullest form
  analyze::EntityType type = analyze::EntityType::kOther;
  std::set<std::string> surfaces;     // every form it was written in
  size_t mentions = 0;
  std::set<size_t> articles;          // indices of the articles naming it
  bool group = true;                  // every mention a people, faith or region as a word
};

struct EntityIndex {
  std::vector<MergedEntity> entities;
  // For article i, mention j: the entity index, or -1 for mentions left out
  // (compounds like "Biden-Putin").
  std::vector<std::vector<int>> of_mention;
};

EntityIndex MergeEntities(const std::vector<std::vector<analyze::EntityMention>>& mentions);

// The folded comparison key of a name (exposed for tests).
std::string FoldName(std::string_view name);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_ENTITY_MERGE_H_
