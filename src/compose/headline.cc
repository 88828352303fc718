#include "compose/headline.h"

#include <cmath>
#include <cstdint>
#include <unordered_map>

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
  // Each title's content words, and in how many articles' text each occurs: one
  // pass over the texts, so a story of thousands of articles costs no more than
  // reading them.
  // A text counts once for a word however often it uses it: each word keeps the
  // last text that counted it.
  struct Count {
    size_t texts = 0;
    size_t last = SIZE_MAX;
  };
  std::vector<std::vector<std::string>> title_words(n);
  std::unordered_map<std::string, Count> df;
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i].title) continue;
    for (std::string& w : text::LowercaseWords(*articles[i].title))
      if (!text::IsFunctionWord(w)) df.emplace(w, Count{}), title_words[i].push_back(std::move(w));
  }
  for (size_t i = 0; i < n; ++i)
    for (const std::string& w : text::LowercaseWords(articles[i].text))
      if (auto it = df.find(w); it != df.end() && it->second.last != i) ++it->second.texts, it->second.last = i;
  std::string headline;
  double best = -1;
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i].title) continue;
    double score = 0;
    for (const std::string& w : title_words[i]) score += static_cast<double>(df[w].texts) / static_cast<double>(n);
    if (!title_words[i].empty()) score /= std::sqrt(static_cast<double>(title_words[i].size()));
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
