// ROUGE-N recall as ROUGE-1.5.5 computes it with `-n 2 -m -l 100 -f A`.
//
//   RougeScorer rouge(RougeOptions{});                 // 100 words, Porter stems
//   RougeScores s = rouge.Score(system_summary, {model_a, model_b, model_c, model_d});
//   s.recall[1], s.recall[2]                           // ROUGE-1, ROUGE-2 recall
//
// Text is lowercased, every run of characters other than a-z and 0-9 separates
// tokens, and tokens longer than three characters are reduced to a base form: the
// WordNet exception lists first ("said" -> "say", "children" -> "child"), as
// ROUGE-1.5.5's MorphStem does with its WordNet 2.0 database (here the Debian
// package wordnet-base, WordNet 3.0), else the original Porter stemmer (the
// "porter" algorithm of libstemmer). Summaries and models alike are cut to their
// first `word_limit` words (whitespace-separated, as written) before that. For each
// n, the hits of the summary against every model are summed and divided by the sum
// of the models' n-gram counts (formula A, "model average"); a corpus score is the
// mean of the per-summary scores.
#ifndef CROSSCHECK_EVAL_ROUGE_H_
#define CROSSCHECK_EVAL_ROUGE_H_

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace crosscheck::eval {

struct RougeOptions {
  size_t max_n = 2;           // ROUGE-1 .. ROUGE-max_n
  size_t word_limit = 100;    // -l: words of the summary kept; 0 keeps all
  bool stem = true;           // -m
  // WordNet exception lists (word base pairs); empty disables them. Missing files
  // are skipped: scores then follow Porter alone.
  std::vector<std::string> exception_files = {
      "/usr/share/wordnet/adj.exc", "/usr/share/wordnet/adv.exc", "/usr/share/wordnet/noun.exc",
      "/usr/share/wordnet/verb.exc"};
};

struct RougeScores {
  // Index n = 1..max_n; index 0 unused.
  std::array<double, 5> recall{}, precision{}, f{};
};

class RougeScorer {
 public:
  explicit RougeScorer(const RougeOptions& options);
  ~RougeScorer();
  RougeScorer(const RougeScorer&) = delete;
  RougeScorer& operator=(const RougeScorer&) = delete;

  RougeScores Score(std::string_view summary, const std::vector<std::string>& models) const;

  // The tokens ROUGE compares (exposed for tests); `limit` words of the text kept.
  std::vector<std::string> Tokens(std::string_view text, size_t limit) const;

 private:
  RougeOptions options_;
  sb_stemmer* stemmer_;
  std::unordered_map<std::string, std::string> exceptions_;
};

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_ROUGE_H_
