#include "relate/quote_merge.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::relate {
namespace {

// Words that say nothing of what a quotation is about: the rests of
// contractions ("don" + "t", "we" + "ll") and the most frequent verbs of spoken
// English, which two unrelated remarks of one interview share ("I don't think we
// want to go").
bool IsFiller(std::string_view w) {
  static const std::unordered_set<std::string_view> kFiller = {
      "s", "t", "m", "d", "ll", "re", "ve", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won",
      "wouldn", "couldn", "shouldn", "haven", "hasn", "hadn", "ain", "say", "says", "said", "get", "gets",
      "got", "getting", "go", "goes", "going", "went", "gone", "know", "knows", "knew", "known", "think",
      "thinks", "thought", "want", "wants", "wanted", "make", "makes", "made", "take", "takes", "took",
      "come", "comes", "came", "see", "sees", "saw", "seen", "look", "give", "gave", "tell", "told", "feel",
      "felt", "let", "put", "mean", "means", "meant", "really", "lot", "way", "thing", "things", "yes", "oh"};
  return kFiller.count(w) > 0;
}

// The full word of a contraction's rest, so that "I'm" and "I am" read alike.
std::string_view Uncontracted(std::string_view w) {
  static const std::unordered_map<std::string_view, std::string_view> kFull = {
      {"m", "am"},        {"re", "are"},       {"s", "is"},        {"ll", "will"},     {"ve", "have"},
      {"d", "would"},     {"t", "not"},        {"don", "do"},      {"doesn", "does"},  {"didn", "did"},
      {"isn", "is"},      {"aren", "are"},     {"wasn", "was"},    {"weren", "were"},  {"wouldn", "would"},
      {"couldn", "could"}, {"shouldn", "should"}, {"haven", "have"}, {"hasn", "has"},  {"hadn", "had"}};
  auto it = kFull.find(w);
  return it == kFull.end() ? w : it->second;
}

struct Wording {
  std::vector<std::string> words;  // lowercase, contractions spelled out, in order
  std::vector<std::string> stems;  // content words stemmed, a name as one entry; sorted
};

// A run of capitalized content words is one name ("Salt Lake City"), counted once:
// two remarks that mention the same place share one word, not three.
Wording MakeWording(std::string_view quote, text::Stemmer& stemmer) {
  Wording out;
  std::string name;
  auto end_name = [&] {
    if (!name.empty()) out.stems.push_back(std::move(name));
    name.clear();
  };
  size_t prev_end = std::string_view::npos;
  for (size_t i = 0; i < quote.size();) {
    auto word_byte = [&](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             static_cast<unsigned char>(c) >= 0x80;
    };
    if (!word_byte(quote[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < quote.size() && word_byte(quote[j])) ++j;
    std::string lower = text::LowercaseWords(quote.substr(i, j - i)).front();
    bool capital = quote[i] >= 'A' && quote[i] <= 'Z';
    bool follows_closely = prev_end != std::string_view::npos && i == prev_end + 1 && quote[prev_end] == ' ';
    prev_end = j;
    i = j;
    out.words.emplace_back(Uncontracted(lower));
    if (text::IsFunctionWord(lower) || IsFiller(lower)) {
      end_name();
      continue;
    }
    const std::string& stem = stemmer.Stem(lower);
    if (capital && follows_closely && !name.empty()) {
      name += ' ';
      name += stem;
      continue;
    }
    end_name();
    if (capital) {
      name = stem;
    } else {
      out.stems.push_back(stem);
    }
  }
  end_name();
  std::sort(out.stems.begin(), out.stems.end());
  return out;
}

// Size of the multiset intersection of two sorted lists: each occurrence on one
// side is matched at most once on the other.
size_t CommonCount(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return common;
}

// Same quotation: the shorter wording, word for word, inside the longer (a
// truncated copy, a fragment worked into the reporter's sentence); or their
// content words agree: most of the shorter's in the longer, or the two lists
// close (another outlet's rewording); or, said by the same person, two thirds
// of the shorter's content words (one speaker repeats a phrase of theirs in
// different remarks, so a half is not enough).
bool SameQuote(const Wording& x, const Wording& y, bool same_speaker) {
  const Wording& shorter = x.words.size() <= y.words.size() ? x : y;
  const Wording& longer = &shorter == &x ? y : x;
  if (!shorter.stems.empty() &&
      std::search(longer.words.begin(), longer.words.end(), shorter.words.begin(), shorter.words.end()) !=
          longer.words.end())
    return true;
  size_t common = CommonCount(x.stems, y.stems);
  size_t small = std::min(x.stems.size(), y.stems.size());
  size_t uni = x.stems.size() + y.stems.size() - common;
  if (common < kMinSharedContentWords) return false;
  if (common >= kContainedShare * small || common >= kCloseShare * uni) return true;
  return same_speaker && 3 * common >= 2 * small;
}

struct Group {
  Wording longest;                   // the wording with the most content words so far
  std::map<int, size_t> speakers;    // entity -> votes
  std::map<std::string, size_t> descriptions;  // speaker_text -> votes
  size_t first = 0;
  bool whole = false;                // some source quotes it as a whole utterance, not a fragment
  MergedQuote merged;
};

}  // namespace

std::vector<MergedQuote> MergeQuotes(const std::vector<std::vector<analyze::QuoteMention>>& quotes,
                                     const EntityIndex& index, const std::vector<int>& group) {
  std::vector<Group> groups;
  text::Stemmer stemmer;
  size_t seq = 0;
  for (size_t i = 0; i < quotes.size(); ++i) {
    for (const analyze::QuoteMention& q : quotes[i]) {
      ++seq;
      if (q.words < kMinQuoteWords) continue;
      Wording w = MakeWording(q.text, stemmer);
      int speaker = q.speaker >= 0 ? index.of_mention[i][q.speaker] : -1;
      Group* g = nullptr;
      for (Group& cand : groups) {
        // Two people never say one quotation: a speaker named on both sides
        // must be the same.
        if (speaker >= 0 && !cand.speakers.empty() && cand.speakers.count(speaker) == 0) continue;
        // Against the fullest wording only, which every copy and fragment of the
        // quotation matches: chains of partial matches would join other remarks.
        if (SameQuote(cand.longest, w, speaker >= 0 && cand.speakers.count(speaker) > 0)) {
          g = &cand;
          break;
        }
      }
      if (g == nullptr) {
        groups.push_back({{}, {}, {}, seq, false, {}});
        g = &groups.back();
      }
      if (g->merged.wordings.empty() || w.stems.size() > g->longest.stems.size()) g->longest = std::move(w);
      g->merged.wordings[q.text].insert(i);
      g->merged.articles.insert(i);
      g->whole |= !q.partial;
      if (speaker >= 0) ++g->speakers[speaker];
      if (speaker < 0 && !q.speaker_text.empty()) ++g->descriptions[q.speaker_text];
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
    votes = 0;
    if (speaker < 0)
      for (const auto& [text, v] : g.descriptions)
        if (v > votes) g.merged.speaker_text = text, votes = v;
    out.push_back(std::move(g.merged));
  }
  return out;
}

}  // namespace crosscheck::relate
