// Reading CoNLL-2003 files (one token per line: word, POS, chunk, NER tag; blank
// lines between sentences, "-DOCSTART-" lines between documents) into documents
// that crosscheck can read as articles: tokens joined by spaces, one paragraph per
// sentence, each token's byte span kept to score found entities by token.
#ifndef CROSSCHECK_EVAL_CONLL_READER_H_
#define CROSSCHECK_EVAL_CONLL_READER_H_

#include <istream>
#include <string>
#include <tuple>
#include <vector>

#include "crosscheck/article.h"

namespace crosscheck::eval {

struct ConllDocument {
  std::string text;
  std::vector<Span> tokens;  // byte span of each token in `text`
  // Gold entities: first token, one past the last, type ("PER", "ORG", "LOC", "MISC").
  std::vector<std::tuple<size_t, size_t, std::string>> gold;
};

// IOB1 and IOB2 tags both read: "B-" always opens an entity, "I-" continues one of
// the same type.
std::vector<ConllDocument> ReadConll(std::istream& in);

// Whether document `index` (file order) belongs to `half`: "tune" takes the 1st,
// 3rd, ..., "held" the 2nd, 4th, ...; an empty `half` takes every document.
bool InHalf(size_t index, const std::string& half);

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_CONLL_READER_H_
