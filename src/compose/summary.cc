#include "compose/summary.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/tokens.h"

namespace crosscheck::compose {
namespace {

constexpr size_t kEventsPerDate = 3;
constexpr size_t kMaxEvents = 24;
constexpr long kWindowDays = 45;         // timeline events this far from the story's dates
// Two timeline events of one date this close, leaving out the date and times of day
// they share, tell the same event (measured on DUC 2004 and the bundled example, docs/brief.md).
constexpr double kSameEventCosine = 0.3;

std::string FirstWordLower(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == '(')) ++i;
  std::string w;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
    w += text::AsciiLower(s[i]);
    ++i;
  }
  return w;
}

// Stems of a headline's content words, as the tokenizer would give them. One
// stemmer serves all the headlines of a story (making one is the costly part).
std::vector<std::string> TitleStems(const std::string& title, text::Stemmer& stemmer) {
  std::string stems;
  std::vector<std::string> out;
  for (const Token& t : text::Tokenize(title, {0, static_cast<uint32_t>(title.size())}, stemmer, stems)) {
    if (!t.is_word) continue;
    std::string lower = text::FoldCase(std::string_view(title).substr(t.span.begin, t.span.size()));
    if (!text::IsFunctionWord(lower)) out.push_back(stems.substr(t.stem.begin, t.stem.size()));
  }
  return out;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n';
    n += !space && !in;
    in = !space;
  }
  return n;
}

bool StartsWithWord(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return true;
}

// Cosine of two sentence vectors without the terms in `skip` (sorted).
double CosineWithout(const relate::TermVector& x, const relate::TermVector& y, const std::vector<uint32_t>& skip) {
  auto kept = [&](uint32_t id) { return !std::binary_search(skip.begin(), skip.end(), id); };
  double dot = 0, nx = 0, ny = 0;
  for (const auto& [id, w] : x.terms)
    if (kept(id)) nx += static_cast<double>(w) * w;
  for (const auto& [id, w] : y.terms)
    if (kept(id)) ny += static_cast<double>(w) * w;
  size_t i = 0, j = 0;
  while (i < x.terms.size() && j < y.terms.size()) {
    if (x.terms[i].first == y.terms[j].first) {
      if (kept(x.terms[i].first)) dot += static_cast<double>(x.terms[i].second) * y.terms[j].second;
      ++i, ++j;
    } else if (x.terms[i].first < y.terms[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return nx > 0 && ny > 0 ? dot / std::sqrt(nx * ny) : 0.0;
}

// A word of a sentence as written, without the punctuation around it.
struct Word {
  std::string_view text;
  bool capitalized = false;
  bool lower = false;  // all lowercase letters
};

// The sentence's words in its comma-separated segments (commas outside
// parentheses), the final punctuation left out.
std::vector<std::vector<Word>> Segments(std::string_view s) {
  std::vector<std::vector<Word>> out(1);
  int depth = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '(' || s[i] == ')' || s[i] == '"')) {
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      ++i;
    }
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '(' && s[i] != ')') ++i;
    std::string_view w = s.substr(b, i - b);
    bool comma = false;
    while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == '"' || w.back() == ';' ||
                          w.back() == ':' || w.back() == '!' || w.back() == '?')) {
      comma |= w.back() == ',';
      w.remove_suffix(1);
    }
    if (!w.empty()) {
      bool lower = true;
      for (char c : w) lower &= !(c >= 'A' && c <= 'Z');
      out.back().push_back({w, w[0] >= 'A' && w[0] <= 'Z', lower});
    }
    if (comma && depth <= 0 && !out.back().empty()) out.emplace_back();
  }
  if (out.back().empty() && out.size() > 1) out.pop_back();
  return out;
}

// Whether a segment shows a finite verb: an auxiliary or modal, a reporting verb, a
// past form in "-ed", or a lowercase word right after a name ("Okafor wants",
// "Lindqvist met"; `after_names` false leaves that sign out, for a phrase whose
// first word is capitalized only because it opens the sentence). Errs towards
// seeing one: a fragment missed keeps a sentence, a verb missed would drop a good one.
bool HasVerb(const std::vector<Word>& segment, bool after_names = true) {
  static const std::set<std::string_view> kAuxiliaries = {
      "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
      "would", "can", "could", "may", "might", "shall", "should", "must", "isn't", "wasn't", "won't"};
  for (size_t i = 0; i < segment.size(); ++i) {
    const Word& w = segment[i];
    if (!w.lower) continue;
    if (kAuxiliaries.count(w.text) || text::IsReportingVerb(w.text)) return true;
    if (w.text.size() >= 4 && w.text.ends_with("ed")) return true;
    if (after_names && i > 0 && segment[i - 1].capitalized && !segment[i - 1].text.ends_with("'s") &&
        !text::IsFunctionWord(text::AsciiLowered(segment[i - 1].text)) && !text::IsFunctionWord(w.text))
      return true;
  }
  return false;
}

bool IsWordIn(const Word& w, const std::set<std::string_view>& set) {
  return set.count(text::AsciiLowered(w.text)) > 0;
}

// Whether a sentence tells something as done: a past form ("was", "had", a word
// in "-ed") among the words of its segments.
bool IsPastTense(std::string_view s) {
  static const std::set<std::string_view> kPast = {"was", "were", "had", "did", "wasn't", "weren't", "didn't"};
  for (const std::vector<Word>& segment : Segments(s))
    for (const Word& w : segment)
      if (w.lower && (kPast.count(w.text) || (w.text.size() >= 4 && w.text.ends_with("ed")))) return true;
  return false;
}

}  // namespace

SentenceFault FindSentenceFault(std::string_view s) {
  if (std::count(s.begin(), s.end(), '"') % 2 != 0) return SentenceFault::kOpenQuotation;
  const std::vector<std::vector<Word>> segments = Segments(s);
  if (segments.front().empty()) return SentenceFault::kNone;
  static const std::set<std::string_view> kPronouns = {"he",   "she",   "it",    "they",  "him",  "her",
                                                       "them", "his",   "its",   "their", "this", "that",
                                                       "these", "those", "others"};
  static const std::set<std::string_view> kNear = {"this", "these"};
  static const std::set<std::string_view> kSubjects = {"he", "she", "it", "they"};
  // "This week" points at the report's date, not at an earlier sentence ("that
  // week" does).
  static const std::set<std::string_view> kTimeNouns = {"week",   "weekend", "month", "year",   "morning",
                                                        "spring", "summer",  "fall",  "autumn", "winter",
                                                        "season", "time",    "decade", "century"};
  // A connective without its comma changes nothing: "Thus they ...", "So it ...".
  static const std::set<std::string_view> kConnectives = {"thus", "so",     "then",    "still",   "yet",
                                                          "but",  "and",    "also",    "indeed",  "instead",
                                                          "hence", "therefore", "now", "meanwhile"};
  const std::vector<Word>& first = segments.front();
  const size_t opener = first.size() > 1 && IsWordIn(first[0], kConnectives) ? 1 : 0;
  if (IsWordIn(first[opener], kPronouns) &&
      !(first.size() > opener + 1 && IsWordIn(first[opener], kNear) &&
        IsWordIn(first[opener + 1], kTimeNouns)))
    return SentenceFault::kDanglingPronoun;
  // A short leading phrase that ends on a pronoun points back too: "Without it,
  // ...", "Because of this, ...". Short: a preposition and its object, not a clause
  // whose last word happens to be "it" ("When the vote came and nobody expected it").
  static const std::set<std::string_view> kObjects = {"it", "them", "this", "that", "these", "those"};
  constexpr size_t kMaxPronounPhraseWords = 4;
  if (segments.size() > 1 && first.size() > 1 && first.size() <= kMaxPronounPhraseWords &&
      IsWordIn(first.back(), kObjects) &&
      text::IsFunctionWord(text::AsciiLowered(first.front().text)))
    return SentenceFault::kDanglingPronoun;
  // A leading phrase ("After a long standoff, ", "Instead, ") then a subject pronoun:
  // dangling unless the phrase names someone (a capital past its first word) or
  // holds a plural it could stand for; a clause whose subject is "there" or "it"
  // has neither ("When there was nobody to ask, he ..."). Past ten words the first segment is rather
  // a clause of its own, with room for a referent this test cannot see.
  constexpr size_t kMaxLeadingPhraseWords = 10;
  if (segments.size() > 1 && first.size() <= kMaxLeadingPhraseWords && s.find('"') == std::string_view::npos &&
      IsWordIn(segments[1][0], kSubjects)) {
    bool antecedent = false;
    for (size_t i = 1; i < first.size(); ++i) {
      std::string_view w = first[i].text;
      const bool plural = first[i].lower && w.size() > 3 && w.ends_with("s") && !w.ends_with("ss") &&
                          std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      antecedent |= first[i].capitalized || plural;
    }
    static const std::set<std::string_view> kEmptySubjects = {"there", "it"};
    const bool empty_subject = first.size() > 1 && IsWordIn(first[1], kEmptySubjects);
    if (!antecedent && (empty_subject || !HasVerb(first, /*after_names=*/false)))
      return SentenceFault::kDanglingPronoun;
  }
  // Fragments: a subject without a verb, then a relative clause ("X, who leads
  // the party.") or an appositive ("X, the party's leader.") that ends the
  // sentence or is followed only by more of the same, never by a predicate.
  if (segments.size() < 2 || s.find('"') != std::string_view::npos) return SentenceFault::kNone;
  static const std::set<std::string_view> kRelatives = {"who", "whom", "whose", "which"};
  static const std::set<std::string_view> kDeterminers = {"the", "a", "an", "his", "her", "its", "their"};
  size_t relative = 0;
  for (size_t i = 1; i < segments.size() && relative == 0; ++i)
    if (IsWordIn(segments[i][0], kRelatives)) relative = i;
  // After the clause, a segment opening with a lowercase word other than a
  // determiner resumes the main clause: "..., who fled, was arrested".
  for (size_t i = (relative == 0 ? 1 : relative + 1); i < segments.size(); ++i)
    if (segments[i][0].lower && !IsWordIn(segments[i][0], kDeterminers)) return SentenceFault::kNone;
  if (relative != 0) {
    for (size_t i = 0; i < relative; ++i)
      if (HasVerb(segments[i])) return SentenceFault::kNone;
    return SentenceFault::kFragment;
  }
  // An appositive: a name first, then a determiner or possessive, no verb anywhere.
  if (!first[0].capitalized || text::IsFunctionWord(text::AsciiLowered(first[0].text))) return SentenceFault::kNone;
  if (!IsWordIn(segments[1][0], kDeterminers) && !segments[1][0].text.ends_with("'s")) return SentenceFault::kNone;
  for (const std::vector<Word>& segment : segments)
    if (HasVerb(segment)) return SentenceFault::kNone;
  return SentenceFault::kFragment;
}

bool IsForecast(std::string_view s) {
  static const char* kMarkers[] = {" will ",         " won't ",        " is expected to ", " are expected to ",
                                   " is scheduled to ", " are scheduled to ", " is set to ",   " are set to ",
                                   " is due to ",    " are due to ",   " plans to ",       " plan to ",
                                   " is to ",        " are to ",       " is likely to ",   " are likely to "};
  std::string outside = " ";  // the words outside quotation marks, lowercase
  bool quoted = false;
  for (char c : s) {
    if (c == '"') {
      quoted = !quoted;
      outside += ' ';
    } else if (!quoted) {
      outside += text::AsciiLower(c == ',' ? ' ' : c);
    }
  }
  for (const char* m : kMarkers)
    if (outside.find(m) != std::string::npos) return true;
  return false;
}

float StandaloneScore(std::string_view s) {
  static const std::set<std::string> kDangling = {
      "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its", "but",
      "and", "or", "so", "also", "then", "however", "still", "yet", "there", "here", "such", "both"};
  float f = 1;
  if (kDangling.count(FirstWordLower(s))) f *= 0.3f;
  // Mostly quotation: the brief lists quotations on their own; the summary
  // prefers what the sources report.
  size_t quoted = 0;
  bool inside = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') inside = !inside;
    quoted += inside;
  }
  if (quoted * 2 > s.size()) f *= 0.4f;
  if (s.find('?') != std::string_view::npos) f *= 0.2f;
  return f;
}

std::string CompressSentence(std::string_view s) {
  std::string out(s);
  // A newswire dateline: "MILLBROOK -- ", "WASHINGTON (AP) _ ".
  for (std::string_view dash : {" -- ", " _ "}) {
    size_t at = out.find(dash);
    if (at == std::string::npos || at > 40) continue;
    bool dateline = at > 0;
    for (size_t i = 0; i < at; ++i) {
      char c = out[i];
      dateline &= (c >= 'A' && c <= 'Z') || c == ' ' || c == ',' || c == '.' || c == '(' || c == ')' || c == '-';
    }
    if (dateline) out.erase(0, at + dash.size());
    break;
  }
  // A leading connective that ties the sentence to text around it.
  static const char* kConnectives[] = {"meanwhile, ", "however, ", "in addition, ", "also, ", "separately, ",
                                       "moreover, ", "furthermore, ", "still, ", "but ", "and "};
  for (const char* c : kConnectives) {
    if (StartsWithWord(out, c) && out.size() > std::strlen(c) + 1) {
      out.erase(0, std::strlen(c));
      out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
      break;
    }
  }
  // A leading time phrase relative to the report's own date ("On Tuesday, ",
  // "Yesterday, "): out of its article the reader cannot place it, and the
  // timeline dates the event.
  {
    static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    std::vector<std::string> prefixes = {"yesterday, ",  "today, ",     "tonight, ",     "this morning, ",
                                         "earlier today, ", "earlier this week, ", "last week, ", "this week, ",
                                         "last month, ", "this month, "};
    for (const char* d : kDays) {
      prefixes.push_back(std::string("on ") + d + ", ");
      prefixes.push_back(std::string(d) + ", ");
    }
    for (const std::string& prefix : prefixes) {
      if (StartsWithWord(out, prefix) && out.size() > prefix.size() + 1) {
        out.erase(0, prefix.size());
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
        break;
      }
    }
  }
  // A trailing attribution after the last comma outside quotation marks:
  // "..., officials said." / "..., according to the ministry."
  if (!out.empty() && out.back() == '.' && out.find('"') == std::string::npos) {
    size_t comma = out.rfind(", ");
    if (comma != std::string::npos) {
      std::string_view tail = std::string_view(out).substr(comma + 2, out.size() - comma - 3);
      size_t tail_words = CountWords(tail);
      bool attribution = tail_words <= 6 &&
                         (tail.ends_with(" said") || tail.ends_with(" says") || tail.ends_with(" told reporters") ||
                          tail.ends_with(" added") || StartsWithWord(tail, "according to ") ||
                          StartsWithWord(tail, "said ") || StartsWithWord(tail, "officials said"));
      std::string kept = out.substr(0, comma) + ".";
      if (attribution && CountWords(kept) >= 8 && FindSentenceFault(kept) != SentenceFault::kFragment)
        out = std::move(kept);
    }
  }
  // Short parentheticals: "(AP)", "(file photo)", "(D-N.Y.)".
  for (size_t open = out.find(" ("); open != std::string::npos; open = out.find(" (", open + 1)) {
    size_t close = out.find(')', open);
    if (close == std::string::npos || out.find('"', open) < close) break;
    if (CountWords(std::string_view(out).substr(open + 2, close - open - 2)) <= 6) out.erase(open, close + 1 - open);
  }
  return CountWords(out) >= 6 ? out : std::string(s);
}

std::vector<SummaryPick> SelectSummary(const StoryView& view, size_t max_words) {
  const auto& facts = *view.facts;
  const auto& vectors = *view.vectors;
  // Concepts: content-word stems and pairs of adjacent ones, and the story's
  // entities (an alias counts as its entity, which words alone cannot see). A
  // concept is worth the number of reports that use it; what few reports say is
  // worth nothing to cover.
  std::string lower;  // reused for every token
  auto sentence_concepts = [&](const Article& a, const Sentence& sentence) {
    std::vector<std::string> out;
    std::string_view prev;
    for (const Token& t : sentence.tokens) {
      if (!t.is_word) continue;
      text::FoldCaseInto(a.Slice(t.span), lower);
      if (text::IsFunctionWord(lower)) {
        prev = {};
        continue;
      }
      std::string_view stem = a.StemOf(t);
      out.emplace_back(stem);
      if (!prev.empty()) out.push_back(std::string(prev) + " " + std::string(stem));
      prev = stem;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  // Every sentence's concepts, once: they count sources here and score candidates below.
  std::vector<std::vector<std::vector<std::string>>> concepts(view.articles.size());
  for (uint32_t ai = 0; ai < view.articles.size(); ++ai) {
    const Article& a = *view.articles[ai];
    for (const Sentence& sentence : a.sentences) {
      concepts[ai].push_back(sentence_concepts(a, sentence));
      if (view.sentence_entities != nullptr) {
        const std::vector<std::string>& keys = (*view.sentence_entities)[ai][concepts[ai].size() - 1];
        std::vector<std::string>& cs = concepts[ai].back();
        cs.insert(cs.end(), keys.begin(), keys.end());
        std::sort(cs.begin(), cs.end());
        cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
      }
    }
  }
  // The sources using each concept, counted over the articles taken source by
  // source: a concept counts a source once, when it is not the last it counted.
  struct Sources {
    size_t count = 0;
    int last = -1;
  };
  std::unordered_map<std::string, Sources> sources_of;
  {
    std::vector<uint32_t> by_source(view.articles.size());
    for (uint32_t ai = 0; ai < by_source.size(); ++ai) by_source[ai] = ai;
    std::stable_sort(by_source.begin(), by_source.end(),
                     [&](uint32_t x, uint32_t y) { return view.group[x] < view.group[y]; });
    for (uint32_t ai : by_source)
      for (const std::vector<std::string>& sentence : concepts[ai])
        for (const std::string& c : sentence) {
          Sources& seen = sources_of[c];
          if (seen.last != view.group[ai]) ++seen.count, seen.last = view.group[ai];
        }
  }
  // Headlines name what the story is about (Edmundson's title method): a concept
  // in the titles of the sources weighs more.
  std::unordered_map<std::string, int> in_titles;
  text::Stemmer stemmer;
  for (const Article* a : view.articles) {
    if (!a->title) continue;
    std::set<std::string> seen;
    for (const std::string& w : TitleStems(*a->title, stemmer)) seen.insert(w);
    for (const std::string& w : seen) ++in_titles[w];
  }
  // As in ICSISumm, a concept counts once enough reports use it: three in a story
  // of six or more reports, two in a smaller one. Pairs of stems say more
  // than single stems and weigh double (measured on DUC 2004, docs/quality.md).
  std::set<int> groups(view.group.begin(), view.group.end());
  const size_t min_sources = groups.size() >= 6 ? 3 : 2;
  auto weight = [&](const std::string& c) {
    auto it = sources_of.find(c);
    double w = it == sources_of.end() || it->second.count < min_sources ? 0.0
                                                                        : static_cast<double>(it->second.count);
    auto t = in_titles.find(c);
    if (t != in_titles.end()) w *= 1.0 + 0.5 * t->second;
    return c.find(' ') != std::string::npos ? 2.0 * w : w;
  };

  // Centroid of every usable sentence.
  std::unordered_map<uint32_t, double> centroid;
  for (const relate::SentenceInfo& si : vectors.sentences())
    if (si.usable)
      for (const auto& [id, w] : si.vector.terms) centroid[id] += w;
  double norm = 0;
  for (const auto& [id, w] : centroid) norm += w * w;
  norm = std::sqrt(norm);
  auto Centrality = [&](const relate::TermVector& v) {
    double dot = 0;
    for (const auto& [id, w] : v.terms) {
      auto it = centroid.find(id);
      if (it != centroid.end()) dot += w * it->second;
    }
    return norm > 0 ? dot / norm : 0.0;
  };

  // Follow-up reports, published after the story's median date, open less well.
  std::vector<std::string> dates;
  for (const std::string& d : view.published)
    if (!d.empty()) dates.push_back(d);
  std::sort(dates.begin(), dates.end());
  std::optional<analyze::CivilDate> median =
      dates.empty() ? std::nullopt : analyze::CivilDate::Parse(dates[(dates.size() - 1) / 2]);
  auto Freshness = [&](const std::string& date) {
    std::optional<analyze::CivilDate> d = analyze::CivilDate::Parse(date);
    if (!d || !median) return 1.0;
    long late = d->DayNumber() - median->DayNumber();
    return late > 0 ? 1.0 / (1.0 + 0.1 * static_cast<double>(late)) : 1.0;
  };

  struct Candidate {
    size_t fact;
    relate::SentenceRef sentence;  // the wording shown
    std::string text;              // compressed
    std::vector<std::string> concepts;
    size_t words;
    float standalone;
    std::string key_date;
    float position;
    float lead;  // earliest relative position among the articles telling it
    double centrality;  // cosine to the centroid of the story's sentences
    double freshness;   // 1, less for follow-ups published after most of the story
    double headline;    // share of the headline's words it uses
  };
  // The headline tells the news; the opening lede should tell the same news.
  std::set<std::string> headline_stems;
  for (std::string& w : TitleStems(view.headline, stemmer)) headline_stems.insert(std::move(w));
  auto HeadlineShare = [&](const std::vector<std::string>& concepts) {
    if (headline_stems.empty()) return 0.0;
    size_t shared = 0;
    for (const std::string& c : concepts) shared += headline_stems.count(c);
    return static_cast<double>(shared) / static_cast<double>(headline_stems.size());
  };
  // A developing story: the sentences giving a figure that a later report updated
  // (the older claims of an update, unless they give the latest figure too).
  std::set<std::pair<uint32_t, uint32_t>> superseded;  // (article, sentence)
  if (view.conflicts != nullptr)
    for (const relate::QuantityConflict& c : *view.conflicts) {
      if (!c.updated) continue;
      for (const relate::Quantity& q : c.claims)
        if (!relate::SameFigure(q, c.claims.back())) superseded.emplace(q.ref.article, q.ref.sentence);
    }
  auto sentence_of = [&](relate::SentenceRef ref) {
    const Article& a = *view.articles[ref.article];
    return a.Slice(a.sentences[ref.sentence].span);
  };
  std::vector<Candidate> candidates;
  for (size_t f = 0; f < facts.size(); ++f) {
    const relate::FactCluster& fact = facts[f];
    // A forecast of the fact is overtaken when a report published later tells it
    // as done, in the past tense ("the board is expected to approve it" / "the
    // board approved it"; not "the games are held in May", a schedule restated).
    // The latest date a member tells the fact as done is found once per fact, and
    // only when a forecast wording asks for it.
    std::optional<std::string> done;
    auto overtaken = [&](relate::SentenceRef ref) {
      const std::string& date = view.published[ref.article];
      if (date.empty() || !IsForecast(sentence_of(ref))) return false;
      if (!done) {
        done.emplace();
        for (const relate::SentenceRef& m : fact.members)
          if (view.published[m.article] > *done && !IsForecast(sentence_of(m)) && IsPastTense(sentence_of(m)))
            done = view.published[m.article];
      }
      return *done > date;
    };
    // The wording: the fact's representative, or when it does not stand alone
    // (compressed, as the summary would show it) or the story has overtaken it,
    // the first member that does and is not.
    std::optional<relate::SentenceRef> wording;
    std::string text;
    for (size_t m = 0; m <= fact.members.size() && !wording; ++m) {
      const relate::SentenceRef ref = m == 0 ? fact.representative : fact.members[m - 1];
      const relate::SentenceInfo& info = vectors.sentences()[vectors.IndexOf(ref)];
      if (!info.usable || info.words < 8 || info.words > 55 || superseded.count({ref.article, ref.sentence}) ||
          overtaken(ref)) continue;
      text = CompressSentence(sentence_of(ref));
      if (FindSentenceFault(text) == SentenceFault::kNone) wording = ref;
    }
    if (!wording) continue;
    const relate::SentenceRef rep = *wording;
    const relate::SentenceInfo& info = vectors.sentences()[vectors.IndexOf(rep)];
    const Article& a = *view.articles[rep.article];
    std::string date;
    float position = 1, lead = 1;
    for (const relate::SentenceRef& m : fact.members) {
      const Article& ma = *view.articles[m.article];
      float rel = static_cast<float>(m.sentence) / static_cast<float>(std::max<size_t>(1, ma.sentences.size()));
      lead = std::min(lead, rel);
      const std::string& d = view.published[m.article];
      if (date.empty() || (!d.empty() && d < date) || (d == date && rel < position)) {
        date = d;
        position = rel;
      }
    }
    size_t words = CountWords(text);
    const std::vector<std::string>& rep_concepts = concepts[rep.article][rep.sentence];
    candidates.push_back({f, rep, std::move(text), rep_concepts, words,
                          StandaloneScore(a.Slice(a.sentences[rep.sentence].span)), date, position, lead,
                          Centrality(info.vector), Freshness(date), HeadlineShare(rep_concepts)});
  }
  // Greedy budgeted coverage: the sentence adding the most uncovered weight per
  // word, until the budget
  // is spent or nothing new is left.
  bool has_lede = false;
  double best_headline = 0;  // the largest share of the headline a lede tells
  for (const Candidate& c : candidates) {
    if (c.lead != 0 || c.words > max_words) continue;
    has_lede = true;
    best_headline = std::max(best_headline, c.headline);
  }
  // What a sentence's new concepts are worth beyond their weight: the reports that
  // tell its fact, its place (a lede counts 2.2 times a closing line; at 4 times, facts
  // that long round-ups tell after their lead stayed out; the weight is the one
  // both halves of DUC 2004 choose, docs/quality.md), and whether it stands on its own.
  auto Support = [&](const Candidate& c) {
    return 1.0 + 0.25 * std::log2(static_cast<double>(facts[c.fact].reports));
  };
  // Closeness to the story as a whole (MEAD's centroid feature): up to twice for
  // the sentence nearest the centroid, so that background from a report about
  // something else weighs less than what the story is about.
  double max_centrality = 1e-9;
  for (const Candidate& c : candidates) max_centrality = std::max(max_centrality, c.centrality);
  auto mult = [&](const Candidate& c) {
    return Support(c) * (2.0 - 1.1 * c.lead) * c.standalone * (1.0 + c.centrality / max_centrality);
  };
  // Concepts as numbers, with their weights (those of weight 0, which add
  // nothing, left out) and each candidate's multiplier, so that the greedy choice
  // and a trial set of the search below cost one pass over numbers.
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<double> concept_weight;
  std::vector<std::vector<uint32_t>> concept_ids(candidates.size());
  std::vector<double> multiplier(candidates.size());
  for (size_t c = 0; c < candidates.size(); ++c) {
    multiplier[c] = mult(candidates[c]);
    for (const std::string& k : candidates[c].concepts) {
      auto [it, fresh] = ids.emplace(k, static_cast<uint32_t>(concept_weight.size()));
      if (fresh) concept_weight.push_back(weight(k));
      if (concept_weight[it->second] > 0) concept_ids[c].push_back(it->second);
    }
  }
  std::vector<bool> covered(concept_weight.size(), false);
  std::vector<const Candidate*> chosen;
  std::vector<bool> taken(candidates.size(), false);
  size_t words = 0;
  while (true) {
    double best_value = 0;
    size_t best = candidates.size();
    // The summary opens with a lede: news tells the essentials first, and a lede
    // is written to stand alone. Of the ledes that tell most of the headline, the
    // one closest to the story as a whole.
    const bool opening = chosen.empty();
    for (size_t c = 0; c < candidates.size(); ++c) {
      if (taken[c] || words + candidates[c].words > max_words) continue;
      if (opening && has_lede && (candidates[c].lead > 0 || candidates[c].headline < best_headline)) continue;
      double gain = 0;
      for (uint32_t k : concept_ids[c])
        if (!covered[k]) gain += concept_weight[k];
      double value = opening ? candidates[c].centrality * Support(candidates[c]) * candidates[c].freshness
                             : gain * multiplier[c] / static_cast<double>(candidates[c].words);
      if (value > best_value + 1e-9) {
        best_value = value;
        best = c;
      }
    }
    if (best == candidates.size()) break;
    taken[best] = true;
    chosen.push_back(&candidates[best]);
    words += candidates[best].words;
    for (uint32_t k : concept_ids[best]) covered[k] = true;
  }
  {
    // Local search on what the greedy choice optimizes: every concept covered,
    // weighed by its sources and by the best multiplier (support, lead,
    // standalone, closeness to the story) of a chosen sentence that covers it.
    // Swap one chosen sentence (never the opening) for an unchosen one that fits
    // the budget, while that grows; the greedy order of picks can leave a better
    // set one swap away.
    std::vector<double> best(concept_weight.size(), 0.0);
    std::vector<uint32_t> touched;
    auto objective = [&](const std::vector<const Candidate*>& set) {
      for (const Candidate* cand : set) {
        const size_t c = static_cast<size_t>(cand - candidates.data());
        for (uint32_t k : concept_ids[c]) {
          if (best[k] == 0) touched.push_back(k);
          best[k] = std::max(best[k], multiplier[c]);
        }
      }
      double j = 0;
      for (uint32_t k : touched) {
        j += concept_weight[k] * best[k];
        best[k] = 0;
      }
      touched.clear();
      return j;
    };
    double current = objective(chosen);
    bool improved = true;
    for (int round = 0; improved && round < 10; ++round) {
      improved = false;
      for (size_t out = 1; out < chosen.size() && !improved; ++out) {
        size_t base_words = words - chosen[out]->words;
        for (size_t c = 0; c < candidates.size() && !improved; ++c) {
          if (taken[c] || base_words + candidates[c].words > max_words) continue;
          std::vector<const Candidate*> trial = chosen;
          trial[out] = &candidates[c];
          double j = objective(trial);
          if (j > current * 1.0001) {
            taken[c] = true;
            taken[static_cast<size_t>(chosen[out] - candidates.data())] = false;
            chosen = std::move(trial);
            words = base_words + candidates[c].words;
            current = j;
            improved = true;
          }
        }
      }
    }
  }
  // The opening lede stays first, to tell the news before its background; the
  // rest follow in the order of the story.
  std::sort(chosen.begin() + (chosen.empty() ? 0 : 1), chosen.end(), [](const Candidate* x, const Candidate* y) {
    if (x->key_date != y->key_date) return x->key_date < y->key_date;
    return x->position < y->position;
  });
  std::vector<SummaryPick> out;
  for (const Candidate* c : chosen) out.push_back({c->fact, c->sentence, c->text});
  return out;
}

std::vector<TimelineItem> BuildTimeline(const StoryView& view,
                                        const std::vector<std::vector<analyze::DateMention>>& dates) {
  const auto& facts = *view.facts;
  // The story's window: its publication dates, widened.
  std::optional<analyze::CivilDate> lo, hi;
  for (const std::string& p : view.published) {
    auto d = analyze::CivilDate::Parse(p);
    if (!d) continue;
    if (!lo || *d < *lo) lo = d;
    if (!hi || *hi < *d) hi = d;
  }
  std::unordered_map<uint64_t, size_t> fact_of;
  auto key = [](relate::SentenceRef r) { return (static_cast<uint64_t>(r.article) << 32) | r.sentence; };
  for (size_t f = 0; f < facts.size(); ++f)
    for (const relate::SentenceRef& r : facts[f].members) fact_of[key(r)] = f;

  std::map<std::pair<std::string, size_t>, TimelineItem> items;
  for (uint32_t ai = 0; ai < dates.size(); ++ai) {
    std::set<uint32_t> dated;  // the first date of a sentence outside its side clauses is its event's
    for (const analyze::DateMention& d : dates[ai]) {
      if (d.precision != analyze::DatePrecision::kDay || d.value.empty() || d.side_clause ||
          !dated.insert(d.sentence).second)
        continue;
      auto day = analyze::CivilDate::Parse(d.value);
      if (!day) continue;
      if (lo && (day->DayNumber() < lo->DayNumber() - kWindowDays || day->DayNumber() > hi->DayNumber() + kWindowDays))
        continue;
      relate::SentenceRef ref{ai, d.sentence};
      auto f = fact_of.find(key(ref));
      if (f == fact_of.end()) continue;  // not a usable sentence
      const Article& a = *view.articles[ai];
      std::string_view sentence = a.Slice(a.sentences[d.sentence].span);
      if (StandaloneScore(sentence) < 0.5f || sentence.front() == '"') continue;  // events, not remarks
      auto [it, added] = items.try_emplace({d.value, f->second});
      TimelineItem& item = it->second;
      if (added) {
        item.date = d.value;
        item.fact = f->second;
        item.sentence = ref;
      }
      if (ref == facts[f->second].representative) item.sentence = ref;
      item.articles.push_back(ai);
    }
  }
  // The best supported events of each date, then the dates in order. An event
  // that repeats one already kept for its date in other words ("On February 21,
  // Putin signed a decree" / "On Monday, Putin signed a decree") gives way to the
  // next: close wording, not counting the date and the times of day both name.
  text::Stemmer stemmer;
  std::vector<uint32_t> time_terms;
  for (const char* w : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                        "yesterday", "tonight", "morning", "afternoon", "evening", "night", "earlier", "later"})
    time_terms.push_back(view.vectors->TermId(stemmer.Stem(w)));
  auto vector_of = [&](const TimelineItem& item) -> const relate::TermVector& {
    return view.vectors->sentences()[view.vectors->IndexOf(item.sentence)].vector;
  };
  std::map<std::string, std::vector<TimelineItem>> by_date;
  for (auto& [k, item] : items) by_date[k.first].push_back(std::move(item));
  std::vector<TimelineItem> out;
  for (auto& [date, list] : by_date) {
    std::sort(list.begin(), list.end(), [&](const TimelineItem& x, const TimelineItem& y) {
      if (x.articles.size() != y.articles.size()) return x.articles.size() > y.articles.size();
      return facts[x.fact].reports > facts[y.fact].reports;
    });
    std::vector<uint32_t> skip = time_terms;
    skip.push_back(view.vectors->TermId("@d" + date));
    std::sort(skip.begin(), skip.end());
    const size_t first = out.size();
    for (TimelineItem& item : list) {
      if (out.size() - first == kEventsPerDate) break;
      bool repeats = false;
      for (size_t k = first; k < out.size() && !repeats; ++k)
        repeats = CosineWithout(vector_of(item), vector_of(out[k]), skip) >= kSameEventCosine;
      if (!repeats) out.push_back(std::move(item));
    }
  }
  if (out.size() > kMaxEvents) {
    // Keep the best supported events overall, still in date order.
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return out[x].articles.size() > out[y].articles.size(); });
    std::vector<bool> keep(out.size(), false);
    for (size_t i = 0; i < kMaxEvents; ++i) keep[order[i]] = true;
    std::vector<TimelineItem> kept;
    for (size_t i = 0; i < out.size(); ++i)
      if (keep[i]) kept.push_back(std::move(out[i]));
    out = std::move(kept);
  }
  return out;
}

}  // namespace crosscheck::compose
