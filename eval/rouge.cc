#include "eval/rouge.h"

#include <libstemmer.h>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "text/ascii.h"

namespace crosscheck::eval {
namespace {

std::map<std::string, int> Grams(const std::vector<std::string>& tokens, size_t n) {
  std::map<std::string, int> grams;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string g = tokens[i];
    for (size_t k = 1; k < n; ++k) g += ' ' + tokens[i + k];
    ++grams[g];
  }
  return grams;
}

}  // namespace

RougeScorer::RougeScorer(const RougeOptions& options)
    : options_(options), stemmer_(sb_stemmer_new("porter", "UTF_8")) {
  if (stemmer_ == nullptr) throw std::runtime_error("libstemmer has no Porter stemmer");
  if (options_.max_n < 1 || options_.max_n > 4) throw std::invalid_argument("max_n must be 1..4");
  for (const std::string& path : options_.exception_files) {
    std::ifstream in(path);
    std::string word, base;
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream l(line);
      if (l >> word >> base) exceptions_[word] = base;  // a later list overrides an earlier one
    }
  }
}

RougeScorer::~RougeScorer() { sb_stemmer_delete(stemmer_); }

std::vector<std::string> RougeScorer::Tokens(std::string_view text, size_t limit) const {
  // The word limit counts words as written, before punctuation is stripped.
  std::string kept;
  size_t words = 0;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && text::IsAsciiSpace(text[i])) ++i;
    if (i >= text.size()) break;
    if (limit > 0 && words == limit) break;
    size_t j = i;
    while (j < text.size() && !text::IsAsciiSpace(text[j])) ++j;
    kept.append(text.substr(i, j - i));
    kept += ' ';
    ++words;
    i = j;
  }
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    auto exception = options_.stem && cur.size() > 3 ? exceptions_.find(cur) : exceptions_.end();
    if (exception != exceptions_.end()) {
      cur = exception->second;
    } else if (options_.stem && cur.size() > 3) {
      const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(cur.data()),
                                           static_cast<int>(cur.size()));
      cur.assign(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_)));
    }
    tokens.push_back(std::move(cur));
    cur.clear();
  };
  for (char c : kept) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur += c;
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

RougeScores RougeScorer::Score(std::string_view summary, const std::vector<std::string>& models) const {
  RougeScores scores;
  std::vector<std::string> peer = Tokens(summary, options_.word_limit);
  std::vector<std::vector<std::string>> refs;
  for (const std::string& m : models) refs.push_back(Tokens(m, options_.word_limit));
  for (size_t n = 1; n <= options_.max_n; ++n) {
    std::map<std::string, int> peer_grams = Grams(peer, n);
    int peer_total = 0;
    for (const auto& [g, c] : peer_grams) peer_total += c;
    double hits = 0, model_total = 0, peer_sum = 0;
    for (const std::vector<std::string>& ref : refs) {
      std::map<std::string, int> ref_grams = Grams(ref, n);
      for (const auto& [g, c] : ref_grams) {
        model_total += c;
        auto it = peer_grams.find(g);
        if (it != peer_grams.end()) hits += std::min(c, it->second);
      }
      peer_sum += peer_total;
    }
    scores.recall[n] = model_total > 0 ? hits / model_total : 0;
    scores.precision[n] = peer_sum > 0 ? hits / peer_sum : 0;
    double r = scores.recall[n], p = scores.precision[n];
    scores.f[n] = r + p > 0 ? 2 * r * p / (r + p) : 0;
  }
  return scores;
}

}  // namespace crosscheck::eval
