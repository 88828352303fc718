// WordList: the English vocabulary that glued-word repair and tokenization consult,
// with a coarse frequency tier per word.
//
//   Result<WordList> words = WordList::Load(WordList::DefaultPaths());
//   if (words.ok() && words->Contains("pretext")) ...
//
// Source: the Debian word lists built from SCOWL (packages wamerican-small,
// wamerican, wamerican-large and their wbritish twins, so that "colour" and
// "programme" are words too). SCOWL sorts words into size levels by how common
// they are, so the smallest list a word appears in is a frequency estimate: tier 1
// for the -small lists (~50k words), 2 for the middle ones (~100k), 3 for the
// -large ones (~170k). Callers rank English function words
// (lexicon.h) above all of these, as tier 0.
// Lookups fold ASCII case; each entry remembers whether it exists in lowercase
// ("march") or only capitalized ("Ukraine").
#ifndef CROSSCHECK_TEXT_WORD_LIST_H_
#define CROSSCHECK_TEXT_WORD_LIST_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/status.h"

namespace crosscheck::text {

class WordList {
 public:
  // Tiers: 1 = common ... 3 = rare; the commonest list holding each form, 0 = none.
  struct Entry {
    uint8_t lowercase_tier = 0;    // written all in lowercase
    uint8_t capitalized_tier = 0;  // with a capital (a name)
    bool lowercase() const { return lowercase_tier != 0; }
    bool capitalized() const { return capitalized_tier != 0; }
    // The commonest list holding the word in either form.
    uint8_t tier() const {
      return lowercase_tier == 0 ? capitalized_tier
             : capitalized_tier == 0 ? lowercase_tier
                                     : std::min(lowercase_tier, capitalized_tier);
    }
  };

  struct File {
    std::string path;
    int tier;
  };
  // The Debian lists with their tiers.
  static std::vector<File> DefaultFiles();

  // Reads the lists. Fails with kNotFound naming the file and the Debian packages
  // when a list is missing.
  static Result<WordList> Load(const std::vector<File>& files);
  // Reads lists given most common first (tier = position + 1); empty means
  // DefaultFiles().
  static Result<WordList> Load(const std::vector<std::string>& paths);
  // A list built from words given in memory (tests, tiny tools): word -> tier.
  static WordList FromWords(const std::vector<std::pair<std::string, int>>& words);

  // nullptr when the word (case-folded ASCII) is not known.
  const Entry* Find(std::string_view word) const;
  bool Contains(std::string_view word) const { return Find(word) != nullptr; }
  size_t size() const { return count_; }

 private:
  void Add(std::string_view word, uint8_t tier);
  void Grow();
  static uint64_t Hash(std::string_view word);  // of the case-folded word

  // Open addressing over lowercase keys stored in one arena.
  struct Slot {
    uint32_t offset = 0;
    uint16_t length = 0;  // 0 = empty slot
    Entry entry;
  };
  std::string arena_;
  std::vector<Slot> slots_;
  size_t count_ = 0;
};

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_WORD_LIST_H_
