#include "compose/headline.h"

#include <cmath>
#include <set>

#include "text/lexicon.h"

namespace crosscheck::compose {
namespace {

// The first sentence of `text`, at most about 160 bytes, cut at a space.
std::string FirstSentence(const std::string& text) {
  size_t end = text.find_first_of(".!?\n");
  std::string s = text.substr(0, end == std::string::npos ? text.size() : end + (text[end] == '\n' ? 0 : 1));
  if (s.size() > 160) {
    size_t space = s.rfind(' ', 157);
    s = s.substr(0, space == std::string::npos ? 157 : space) + "...";
  }
  return s;
}

}  // namespace

std::string ChooseHeadline(const std::vector<HeadlineCandidate>& articles, bool fallback_to_text) {
  const size_t n = articles.size();
  std::vector<std::set<std::string>> body_words(n);
  for (size_t j = 0; j < n; ++j)
    for (std::string& w : text::LowercaseWords(articles[j].text)) body_words[j].insert(std::move(w));
  std::string headline;
  double best = -1;
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i].title) continue;
    double score = 0;
    size_t counted = 0;
    for (const std::string& w : text::LowercaseWords(*articles[i].title)) {
      if (text::IsFunctionWord(w)) continue;
      ++counted;
      size_t df = 0;
      for (size_t j = 0; j < n; ++j) df += body_words[j].count(w);
      score += static_cast<double>(df) / static_cast<double>(n);
    }
    if (counted > 0) score /= std::sqrt(static_cast<double>(counted));
    if (score > best) {
      best = score;
      headline = *articles[i].title;
    }
  }
  if (headline.empty() && fallback_to_text)
    for (const HeadlineCandidate& a : articles)
      if (!a.text.empty()) return FirstSentence(a.text);
  return headline;
}

}  // namespace crosscheck::compose
