// Glued-word repair: putting back the spaces that stripped markup removed.
//
// When a page's links and line breaks are stripped, words run together:
// "offabricating apretext to invade Ukraineby", "UkraineRussia",
// "PresidentVolodymyrZelensky", "US.He", "Councilas", "succeed,to". This stage
// finds such tokens and splits them, and it must never split a real word, a name,
// a number or a URL. Evidence, strongest first:
//   - punctuation with a letter on both sides and a capital after a period
//     ("US.He", "concerns.As", "succeed,to"): a missing space;
//   - a lowercase-to-capital step inside a token ("theUkrainian", "UkraineRussia"):
//     split when the left part is a lowercase dictionary word, a possessive, a role
//     word ("President"), a known place, or when both parts occur on their own in
//     the same document. Name particles (Mc, De, Le) and brand-like camel case
//     ("BlackRock", "YouTube") have none of this evidence and stay whole;
//   - a token unknown to the dictionary that the dictionary can cut into common
//     words ("apretext" -> "a pretext"): a dynamic program picks the cheapest cut,
//     pricing words by their frequency tier (word_list.h). The cut is accepted only
//     with grammatical evidence: a function word among the pieces, or an inflected
//     first piece ("changedcourse"); compounds of two content words
//     ("greenlighted", "frontlines") and prefixed forms ("nonnegotiable") stay whole.
//   Tokens the document uses more than once are never cut: real words repeat,
//   glue accidents rarely do.
#ifndef CROSSCHECK_TEXT_GLUE_REPAIR_H_
#define CROSSCHECK_TEXT_GLUE_REPAIR_H_

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "text/mapped_text.h"
#include "text/word_list.h"

namespace crosscheck::text {

// How often each token (case kept, surrounding punctuation stripped) occurs in one
// document. The index is built on the first Count(), so documents without
// suspicious tokens never pay for it.
class DocumentVocabulary {
 public:
  // `text` must outlive the vocabulary (or the next Reset()): tokens are kept as
  // views into it.
  void AddText(std::string_view text);
  // Occurrences of `token` as a whole token. Only tokens that start with a capital
  // or have at least five bytes are counted (the only ones glue repair asks
  // about); shorter lowercase tokens report 0.
  int Count(std::string_view token) const;
  // Forgets the texts but keeps the memory, for the next document.
  void Reset();

 private:
  struct Slot {
    const char* data = nullptr;
    uint32_t size = 0;
    int count = 0;
  };
  void Build() const;

  std::vector<std::string_view> texts_;
  mutable std::vector<Slot> slots_;  // open addressing, power-of-two size
  mutable bool built_ = false;
};

// True when `text` reads as English: at least one word in seven of its first
// 3,000 is a common English function word ("the", "of", "and", "said", ...),
// against about one in three in English news and a few in a hundred in other
// languages written in Latin letters. The dictionary repairs are English: other
// languages get punctuation spacing only. Texts under 20 words count as English.
bool LooksEnglish(std::string_view text);

class GlueRepairer {
 public:
  // `words` may be null: then only punctuation spacing is repaired. It must outlive
  // the repairer. With `cuts_need_evidence`, the dictionary's cuts of unknown words
  // ("apretext") are made only in a text that shows stripped markup elsewhere: a
  // token glued at a capital or after punctuation. Clean newswire shows none, and
  // there an unknown word is a name ("Hartisan", "Tonino"), not glue.
  explicit GlueRepairer(const WordList* words, bool cuts_need_evidence = false)
      : words_(words), cuts_need_evidence_(cuts_need_evidence) {}

  // Appends src.text()[begin, end) to `out`, with a space inserted at each repair.
  // Returns whether the text shows stripped markup (a repair that is not a
  // dictionary cut).
  bool Apply(const MappedText& src, size_t begin, size_t end, const DocumentVocabulary& vocab, MappedText& out,
             RepairCounts& repairs) const;

  // The same on a plain string (titles, tests). `evidence`: the string belongs to a
  // document that shows stripped markup (what Apply returned for its body).
  std::string RepairString(std::string_view s, const DocumentVocabulary& vocab, RepairCounts* repairs = nullptr,
                           bool evidence = false) const;

  // Where spaces go inside one whitespace-free token: offsets into `token`, each
  // with the kind of repair, and whether it is a dictionary cut of an unknown word.
  struct Split {
    size_t at;
    Repair kind;
    bool dictionary = false;
  };
  std::vector<Split> FindSplits(std::string_view token, const DocumentVocabulary& vocab) const;

 private:
  // FindSplits appending to `out`; the common case (a plain known word) returns
  // before any allocation.
  void AppendSplits(std::string_view token, const DocumentVocabulary& vocab, std::vector<Split>& out) const;
  // Apply, with the stripped-markup evidence of the rest of the document.
  bool ApplyWithEvidence(const MappedText& src, size_t begin, size_t end, const DocumentVocabulary& vocab,
                         MappedText& out, RepairCounts& repairs, bool evidence) const;
  void SplitWord(std::string_view word, size_t base, const DocumentVocabulary& vocab,
                 std::vector<Split>& out) const;
  bool ShouldSplitCamel(std::string_view left, std::string_view right,
                        const DocumentVocabulary& vocab, bool after_role) const;
  // Cuts for a token without internal capitals; empty when it should stay whole.
  std::vector<size_t> Segment(std::string_view piece, bool titlecase,
                              const DocumentVocabulary& vocab) const;
  bool IsLowercaseWord(std::string_view lower) const;
  bool IsInflectionOfKnown(std::string_view piece) const;

  const WordList* words_;
  bool cuts_need_evidence_ = false;
};

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_GLUE_REPAIR_H_
