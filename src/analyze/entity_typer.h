// A learned second opinion on entity types. The rules of entities.cc find names
// and type many of them; what they cannot see is how the words around a name and
// the rest of the article use it: "Carrow 2 Dunmore 1" names two clubs, "beat
// Kellet" a team, "at Pellston" a place. An averaged perceptron over such
// features (the rules' type, the words around, the shape of the line, gazetteer
// hits, how the article types the same name elsewhere) gives each mention its
// final type. Of the name itself it sees only its length, capitals, last letters
// and what the word list and gazetteers say of it, never its words, so it cannot
// learn the names of its training text.
//
// The weights are committed in entity_type_weights.inc, written by
// `build/eval/train_entity_types` (that file says how it was made).
#ifndef CROSSCHECK_ANALYZE_ENTITY_TYPER_H_
#define CROSSCHECK_ANALYZE_ENTITY_TYPER_H_

#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyze/entities.h"
#include "crosscheck/article.h"
#include "text/word_list.h"

namespace crosscheck::analyze {

// The classes the typer scores, in the order of the weights' columns.
constexpr std::array<EntityType, 4> kTyperClasses = {EntityType::kPerson, EntityType::kOrganization,
                                                     EntityType::kLocation, EntityType::kOther};

// The features of an article's mentions. What the article says about each name
// (the types of its other mentions, the surnames of its people) is gathered once,
// so an article's features cost time linear in its mentions.
class EntityTypeFeatures {
 public:
  // `a`, `mentions` and `words` (may be null; it tells everyday words) must
  // outlive this object.
  EntityTypeFeatures(const Article& a, const std::vector<EntityMention>& mentions, const text::WordList* words);

  // The features of mentions[i].
  std::vector<std::string> Of(size_t i) const;

 private:
  const Article& a_;
  const std::vector<EntityMention>& mentions_;
  const text::WordList* words_;
  std::unordered_map<std::string, std::array<int, 4>> types_of_name_;  // mentions per EntityType
  std::unordered_set<std::string> person_name_ends_;  // "Smith", "Jane Smith" of "Dr Jane Smith"
};

// Sets each mention's type to the class the committed weights score highest.
void RetypeEntities(const Article& a, const text::WordList* words, std::vector<EntityMention>& mentions);

}  // namespace crosscheck::analyze

#endif  // CROSSCHECK_ANALYZE_ENTITY_TYPER_H_
