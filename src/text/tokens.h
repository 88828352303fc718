// Tokens with byte offsets and Snowball stems.
//
//   Stemmer stemmer;                       // English Snowball (libstemmer)
//   std::string stems;                     // stems of all tokens, back to back
//   std::vector<Token> t = Tokenize(text, sentence_span, stemmer, stems);
//   std::string_view first_stem = std::string_view(stems).substr(t[0].stem.begin, t[0].stem.size());
//
// Words are runs of letters and digits. Inside a word an apostrophe stays
// ("don't"), but a possessive "'s" is its own token; hyphens separate tokens
// ("Biden-Putin" -> "Biden" "-" "Putin"). Dotted abbreviations ("U.S.", "a.m.") are
// one token with their dots, numbers keep their separators ("150,000", "3.5").
// Every other character is a one-character punctuation token, except runs of
// periods or hyphens ("...", "--"). Spaces make no tokens.
#ifndef CROSSCHECK_TEXT_TOKENS_H_
#define CROSSCHECK_TEXT_TOKENS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"

struct sb_stemmer;

namespace crosscheck::text {

// English Snowball stemmer with a cache (news vocabulary is Zipfian, so most
// lookups hit). The cache is direct-mapped by hash: a miss overwrites the slot.
// Not thread-safe.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // Stem of a case-folded word; valid until the next call.
  const std::string& Stem(std::string_view folded);

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string word;
    std::string stem;
  };
  sb_stemmer* stemmer_;
  std::vector<Slot> cache_;
};

// Case folding: ASCII fast path, utf8proc for the rest.
std::string FoldCase(std::string_view word);
// The same into `out` (cleared first), reusing its memory.
void FoldCaseInto(std::string_view word, std::string& out);

// Tokens of text[span]; their stems are appended to `stems`, which Token::stem
// indexes.
std::vector<Token> Tokenize(std::string_view text, Span span, Stemmer& stemmer, std::string& stems);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_TOKENS_H_
