// The article extraction benchmark's metric (Zyte's article-extraction-benchmark,
// described in ../shared/data/README.md): tokens are runs of Unicode word
// characters (Python's `\w+`: letters, digits, underscore); each text is the
// multiset of its word 4-grams (a text of fewer than four tokens is one shingle);
// per page, precision and recall of the predicted shingles against the true ones.
#ifndef CROSSCHECK_EVAL_SHINGLES_H_
#define CROSSCHECK_EVAL_SHINGLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::eval {

// The `\w+` tokens of UTF-8 text.
std::vector<std::string_view> WordTokens(std::string_view text);

// Hashes of the word 4-grams of `text`, sorted (a multiset).
std::vector<uint64_t> Shingles(std::string_view text);

struct PageScore {
  double precision = 0;
  double recall = 0;
  bool has_precision = true;  // false for an empty prediction: left out of the precision average
  bool has_recall = true;     // false for an empty truth: left out of the recall average
};

// Precision and recall of `predicted` against `truth`: 1 and 1 when neither
// misses nor adds a shingle (two empty texts). As the benchmark's own script
// does, an empty prediction of a non-empty truth has no precision (it counts in
// recall only), and an empty truth with a prediction has no recall.
PageScore ScorePage(const std::vector<uint64_t>& truth, const std::vector<uint64_t>& predicted);

// F1 of macro-averaged precision and recall.
double MacroF1(double precision, double recall);

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_SHINGLES_H_
