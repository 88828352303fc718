#include "relate/quote_merge.h"

#include <algorithm>

#include "text/lexicon.h"

namespace crosscheck::relate {
namespace {

// Same quotation: most words of the shorter found in the longer, or a close
// Jaccard; reworded by another outlet, when the same speaker says at least three
// of the same content words, half of the shorter wording's.
bool SameQuote(const std::vector<std::string>& x, const std::vector<std::string>& y, bool same_speaker) {
  std::multiset<std::string> sx(x.begin(), x.end()), sy(y.begin(), y.end());
  size_t common = 0;
  for (const std::string& w : sx)
    if (sy.count(w)) ++common;
  size_t small = std::min(x.size(), y.size());
  size_t uni = x.size() + y.size() - common;
  if ((small >= kMinQuoteWords && common >= 0.8 * small) || (uni > 0 && common >= 0.6 * uni)) return true;
  if (!same_speaker) return false;
  std::set<std::string> cx, cy;
  for (const std::string& w : x)
    if (!text::IsFunctionWord(w)) cx.insert(w);
  for (const std::string& w : y)
    if (!text::IsFunctionWord(w)) cy.insert(w);
  size_t shared = 0;
  for (const std::string& w : cx) shared += cy.count(w);
  return shared >= 3 && 2 * shared >= std::min(cx.size(), cy.size());
}

struct Group {
  std::vector<std::string> words;    // of the first wording
  std::map<int, size_t> speakers;    // entity -> votes
  size_t first = 0;
  bool whole = false;                // some source quotes it as a whole utterance, not a fragment
  MergedQuote merged;
};

}  // namespace

std::vector<MergedQuote> MergeQuotes(const std::vector<std::vector<analyze::QuoteMention>>& quotes,
                                     const EntityIndex& index, const std::vector<int>& group) {
  std::vector<Group> groups;
  size_t seq = 0;
  for (size_t i = 0; i < quotes.size(); ++i) {
    for (const analyze::QuoteMention& q : quotes[i]) {
      ++seq;
      if (q.words < kMinQuoteWords) continue;
      std::vector<std::string> w = text::LowercaseWords(q.text);
      int speaker = q.speaker >= 0 ? index.of_mention[i][q.speaker] : -1;
      Group* g = nullptr;
      for (Group& cand : groups)
        if (SameQuote(cand.words, w, speaker >= 0 && cand.speakers.count(speaker))) {
          g = &cand;
          break;
        }
      if (g == nullptr) {
        groups.push_back({w, {}, seq, false, {}});
        g = &groups.back();
      }
      g->merged.wordings[q.text].insert(i);
      g->merged.articles.insert(i);
      g->whole |= !q.partial;
      if (speaker >= 0) ++g->speakers[speaker];
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [&](const Group& x, const Group& y) {
    std::set<int> gx, gy;
    for (size_t a : x.merged.articles) gx.insert(group[a]);
    for (size_t a : y.merged.articles) gy.insert(group[a]);
    if (gx.size() != gy.size()) return gx.size() > gy.size();
    // Whole utterances read better than fragments of the reporter's sentence.
    if (x.whole != y.whole) return x.whole;
    return x.first < y.first;
  });
  std::vector<MergedQuote> out;
  out.reserve(groups.size());
  for (Group& g : groups) {
    // The person most sources name; else any entity they name.
    int speaker = -1;
    size_t votes = 0;
    for (const auto& [e, v] : g.speakers)
      if (v > votes && index.entities[e].type == analyze::EntityType::kPerson) speaker = e, votes = v;
    if (speaker < 0)
      for (const auto& [e, v] : g.speakers)
        if (v > votes) speaker = e, votes = v;
    g.merged.speaker = speaker;
    out.push_back(std::move(g.merged));
  }
  return out;
}

}  // namespace crosscheck::relate
