#include "text/glue_repair.h"

#include <algorithm>
#include <array>
#include <limits>
#include <unordered_set>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/places.h"

namespace crosscheck::text {
namespace {

bool AllLower(std::string_view s) {
  for (char c : s)
    if (!IsAsciiLower(c)) return false;
  return !s.empty();
}

// "Ukraine", "President": one capital then lowercase letters.
bool IsTitlecase(std::string_view s) {
  return s.size() >= 2 && IsAsciiUpper(s[0]) && AllLower(s.substr(1));
}

bool IsPlace(std::string_view s) { return FindPlace(AsciiLowered(s)) != nullptr; }

bool IsParticle(std::string_view lower) {
  static const char* kParticles[] = {"down", "up", "out", "off", "over", "back", "away", "around",
                                     "through", "about", "by", "in", "on"};
  for (const char* p : kParticles)
    if (lower == p) return true;
  return false;
}

// Function words and their contractions ("we're", "it's", "they'll").
bool IsFunctionish(std::string_view lower) {
  size_t apostrophe = lower.find('\'');
  return IsFunctionWord(lower) ||
         (apostrophe != std::string_view::npos && apostrophe > 0 && IsFunctionWord(lower.substr(0, apostrophe)));
}

bool AllLowerOrApostrophe(std::string_view s) {
  for (char c : s)
    if (!IsAsciiLower(c) && c != '\'') return false;
  return !s.empty() && IsAsciiLower(s.front());
}

// Token characters that glue stays inside of; anything else (quotes, brackets,
// final punctuation) is trimmed off the ends before looking.
bool IsCore(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '\'' || c == '-' || c == '.' || c == ',' || c == ';' || c == ':' ||
         c == '?' || c == '!' || static_cast<unsigned char>(c) >= 0x80;
}

bool LooksLikeAddress(std::string_view token) {
  if (token.find("://") != std::string_view::npos || token.find('@') != std::string_view::npos ||
      token.rfind("www.", 0) == 0 || token.find('/') != std::string_view::npos)
    return true;
  return false;
}

std::string_view StripEdges(std::string_view t, size_t& offset) {
  offset = 0;
  while (!t.empty() && !(IsAsciiAlpha(t.front()) || IsAsciiDigit(t.front()))) {
    t.remove_prefix(1);
    ++offset;
  }
  while (!t.empty() && !(IsAsciiAlpha(t.back()) || IsAsciiDigit(t.back()))) t.remove_suffix(1);
  return t;
}

}  // namespace

void DocumentVocabulary::AddText(std::string_view text) {
  texts_.push_back(text);
  built_ = false;
}

void DocumentVocabulary::Reset() {
  texts_.clear();
  built_ = false;
}

namespace {

uint64_t ShortHash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: tokens are short
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h ^ (h >> 32);
}

// Only these tokens are ever asked about (see DocumentVocabulary::Count); skipping
// short lowercase words leaves out most tokens of running text.
bool Indexed(std::string_view token) { return token.size() >= 5 || IsAsciiUpper(token[0]); }

}  // namespace

void DocumentVocabulary::Build() const {
  size_t bytes = 0;
  for (std::string_view t : texts_) bytes += t.size();
  size_t want = 64;
  while (want < bytes / 4) want <<= 1;  // at most one indexed token per 8 bytes
  slots_.assign(want, Slot{});
  const size_t mask = want - 1;
  size_t used = 0;
  for (std::string_view text : texts_) {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
      size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
      size_t off;
      std::string_view core = StripEdges(text.substr(i, j - i), off);
      i = j;
      if (core.empty() || !Indexed(core)) continue;
      if ((used + 1) * 2 > slots_.size()) continue;  // full: cannot happen with the sizing above
      size_t h = ShortHash(core) & mask;
      while (slots_[h].data != nullptr && std::string_view(slots_[h].data, slots_[h].size) != core) h = (h + 1) & mask;
      if (slots_[h].data == nullptr) {
        slots_[h] = {core.data(), static_cast<uint32_t>(core.size()), 0};
        ++used;
      }
      ++slots_[h].count;
    }
  }
  built_ = true;
}

int DocumentVocabulary::Count(std::string_view token) const {
  if (token.empty() || !Indexed(token)) return 0;
  if (!built_) Build();
  const size_t mask = slots_.size() - 1;
  size_t h = ShortHash(token) & mask;
  while (slots_[h].data != nullptr) {
    if (std::string_view(slots_[h].data, slots_[h].size) == token) return slots_[h].count;
    h = (h + 1) & mask;
  }
  return 0;
}

bool GlueRepairer::IsInflectionOfKnown(std::string_view piece) const {
  // "Chinas", "Russias": a known word plus "s" is a plural or a possessive whose
  // apostrophe was lost, not two words.
  if (piece.size() < 4 || piece.back() != 's') return false;
  std::string_view stem = piece.substr(0, piece.size() - 1);
  return (words_ != nullptr && words_->Contains(stem)) || IsPlace(stem);
}

bool GlueRepairer::IsLowercaseWord(std::string_view lower) const {
  if (IsFunctionWord(lower)) return true;
  const WordList::Entry* e = words_ ? words_->Find(lower) : nullptr;
  return e != nullptr && e->lowercase();
}

bool GlueRepairer::ShouldSplitCamel(std::string_view left, std::string_view right,
                                    const DocumentVocabulary& vocab, bool after_role) const {
  std::string l = AsciiLowered(left);
  if (left.size() < 2 && l != "a") return false;  // iPhone, eBay
  if (IsNameParticle(l)) return false;            // McDonald, DeSantis, LeBron
  if (left.size() >= 3 && left.substr(left.size() - 2) == "'s") return true;  // Ukraine'sDonbas
  if (AllLower(left)) return IsLowercaseWord(l) && right.size() >= 2;        // theUkrainian
  if (!IsTitlecase(left)) return false;
  if (IsRoleWord(l)) return true;                                            // PresidentJoe
  if (IsPlace(left) || IsPlace(std::string(left) + " " + std::string(right))) return true;
  if (after_role && left.size() >= 3 && right.size() >= 3) return true;     // (President)VolodymyrZelensky
  return vocab.Count(left) > 0 && vocab.Count(right) > 0;
}

std::vector<size_t> GlueRepairer::Segment(std::string_view piece, bool titlecase,
                                          const DocumentVocabulary& vocab) const {
  constexpr size_t kMaxLength = 48;  // longer tokens are not two or three glued words
  if (words_ == nullptr || piece.size() > kMaxLength) return {};
  char lower_buf[kMaxLength];
  for (size_t i = 0; i < piece.size(); ++i) lower_buf[i] = AsciiLower(piece[i]);
  const std::string_view lower(lower_buf, piece.size());
  const size_t n = lower.size();
  constexpr int kMaxPieces = 4;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // cost[i][k]: cheapest cut of lower[0, i) into k pieces.
  std::array<std::array<double, kMaxPieces + 1>, kMaxLength + 1> cost;
  std::array<std::array<size_t, kMaxPieces + 1>, kMaxLength + 1> from;
  for (size_t i = 0; i <= n; ++i) cost[i].fill(kInf);
  cost[0][0] = 0;
  auto piece_cost = [&](size_t b, size_t e) -> double {
    std::string_view w(lower.data() + b, e - b);
    if (w.size() == 1) return w == "a" ? 1.0 : kInf;  // "I" would cut names ("Meloni")
    if (IsFunctionish(w)) return 1.0;
    if (w.size() < 3) return kInf;
    const WordList::Entry* entry = words_->Find(w);
    bool first_of_title = titlecase && b == 0;
    if (entry == nullptr) return first_of_title && IsPlace(w) ? 2.0 : kInf;
    if (!entry->lowercase() && !first_of_title) return kInf;  // a name inside a lowercase run
    if (entry->tier() >= 3 && w.size() < 4) return kInf;
    static const double kTierCost[] = {1.0, 2.0, 3.5, 5.0};
    return kTierCost[std::min<int>(entry->tier(), 3)];
  };
  for (size_t i = 0; i < n; ++i) {
    for (int k = 0; k < kMaxPieces; ++k) {
      if (cost[i][k] == kInf) continue;
      for (size_t j = i + 1; j <= n; ++j) {
        double c = piece_cost(i, j);
        if (c == kInf) continue;
        if (cost[i][k] + c < cost[j][k + 1]) {
          cost[j][k + 1] = cost[i][k] + c;
          from[j][k + 1] = i;
        }
      }
    }
  }
  int best_k = 0;
  double best = kInf;
  for (int k = 2; k <= kMaxPieces; ++k) {
    if (cost[n][k] + 0.5 * k < best) {
      best = cost[n][k] + 0.5 * k;
      best_k = k;
    }
  }
  if (best_k == 0) return {};
  std::vector<size_t> cuts;
  for (size_t i = n, k = best_k; k > 0; --k) {
    size_t b = from[i][k];
    if (b > 0) cuts.push_back(b);
    i = b;
  }
  std::reverse(cuts.begin(), cuts.end());

  // Grammatical evidence that these are separate words and not one compound.
  std::vector<std::string_view> parts;
  size_t prev = 0;
  for (size_t c : cuts) {
    parts.emplace_back(lower.data() + prev, c - prev);
    prev = c;
  }
  parts.emplace_back(lower.data() + prev, n - prev);
  // Word formation, not glue: "nonnegotiable", "onboard", "statehood". A prefix
  // followed by a function word is still glue ("inthe").
  if (IsWordFormingSuffix(parts.back())) return {};
  // A short verb or noun with a particle is a phrasal compound ("lockdown",
  // "drawdown", "standby"), not a word glued to a preposition ("operationby").
  if (parts.size() == 2 && parts[0].size() <= 6 && IsParticle(parts[1]) && !IsFunctionish(parts[0])) return {};
  if (IsWordFormingPrefix(parts.front()) && !IsFunctionish(parts[1])) return {};
  if (parts.front() == "a") {
    // "apretext" is "a pretext", but "a" also starts real words ("atypical"): the
    // rest must be one common word.
    const WordList::Entry* e = parts.size() == 2 ? words_->Find(parts[1]) : nullptr;
    if (e == nullptr || e->tier() > 2 || parts[1].size() < 4) return {};
  }
  // After a capital, a glued function word is a preposition, conjunction, article
  // or verb of two letters or more ("Ukraineby", "Councilas"); names end in what
  // looks like "a" or an adverb ("Santera", "Pellabee", "Dunwell", "Greymore").
  static const std::unordered_set<std::string_view> kAdverbs = {"well", "more", "most", "much", "less", "so",
                                                                "too", "very", "just", "only", "even", "ever"};
  auto glue_function = [&](std::string_view w) {
    return IsFunctionish(w) && (!titlecase || (w.size() >= 2 && kAdverbs.count(w) == 0));
  };
  bool function_word = false, all_common = true;
  for (size_t p = 0; p < parts.size(); ++p) {
    bool fw = glue_function(parts[p]);
    function_word |= fw;
    const WordList::Entry* e = words_->Find(parts[p]);
    bool common = fw || (e != nullptr && e->tier() <= 2);
    all_common &= common;
    if (titlecase && p > 0 && !(fw || (e != nullptr && e->tier() <= 1))) return {};
  }
  if (titlecase) {
    // "Councilas", "Ukraineby": the capitalized first piece must be a well-attested
    // word or place; rare dictionary entries would cut names ("Okafor", "Manas").
    std::string_view first = parts.front();
    const WordList::Entry* e = words_->Find(first);
    bool strong = IsPlace(first) || (e != nullptr && e->tier() <= 2) || vocab.Count(piece.substr(0, first.size())) > 0;
    if (!IsFunctionish(first) && (first.size() < 4 || !strong)) return {};
  }
  if (function_word) return cuts;
  std::string_view first = parts.front();
  if (titlecase) {
    // A name run into a common word ("Russiaintended"): the first piece must be a
    // name, never a common word ("Maplewood" stays whole).
    const WordList::Entry* e = words_->Find(first);
    bool name = (e != nullptr && !e->lowercase()) || IsPlace(first);
    // A short common word after a name is part of it ("Dawson", "Johnson").
    return name && first.size() >= 4 && parts.size() == 2 && parts[1].size() >= 5 ? cuts : std::vector<size_t>{};
  }
  bool inflected = first.ends_with("ed") || first.ends_with("ing") || first.ends_with("ly");
  if (inflected && all_common) return cuts;
  return {};
}

void GlueRepairer::SplitWord(std::string_view word, size_t base, const DocumentVocabulary& vocab,
                             std::vector<Split>& out) const {
  if (word.empty()) return;
  // Digits glued to a capitalized word: "2015Minsk".
  size_t d = 0;
  while (d < word.size() && IsAsciiDigit(word[d])) ++d;
  if (d > 0) {
    if (d >= 2 && d + 3 <= word.size() && IsAsciiUpper(word[d]) && AllLower(word.substr(d + 1))) {
      out.push_back({base + d, Repair::kGluedWords});
      SplitWord(word.substr(d), base + d, vocab, out);
    }
    return;
  }
  for (char c : word)
    if (!(IsAsciiAlpha(c) || c == '\'')) return;  // digits or other scripts: leave alone

  // Lowercase-to-capital steps.
  constexpr size_t kMaxBounds = 15;  // more capitals than this is not glue we repair
  size_t bounds[kMaxBounds + 1], nb = 0;
  for (size_t p = 1; p < word.size(); ++p)
    if (IsAsciiUpper(word[p]) && (IsAsciiLower(word[p - 1]) || (word[p - 1] == 's' && p >= 2 && word[p - 2] == '\''))) {
      if (nb == kMaxBounds) return;
      bounds[nb++] = p;
    }
  size_t cuts[kMaxBounds + 1], nc = 0;
  size_t start = 0;
  bool after_role = false;
  for (size_t b = 0; b < nb; ++b) {
    size_t next = b + 1 < nb ? bounds[b + 1] : word.size();
    std::string_view left = word.substr(start, bounds[b] - start);
    std::string_view right = word.substr(bounds[b], next - bounds[b]);
    if (ShouldSplitCamel(left, right, vocab, after_role)) {
      after_role |= IsRoleWord(AsciiLowered(left));
      cuts[nc++] = bounds[b];
      start = bounds[b];
    }
  }
  cuts[nc++] = word.size();
  size_t piece_start = 0;
  for (size_t k = 0; k < nc; ++k) {
    size_t c = cuts[k];
    if (piece_start > 0) out.push_back({base + piece_start, Repair::kGluedWords});
    std::string_view piece = word.substr(piece_start, c - piece_start);
    bool title = IsTitlecase(piece);
    bool lower = AllLowerOrApostrophe(piece);
    // Unknown tokens are mostly names, which repeat: asking the document first
    // spares the dynamic program for all their occurrences.
    if (((lower && piece.size() >= 5) || (title && piece.size() >= 6)) && words_ != nullptr &&
        !words_->Contains(piece) && !IsInflectionOfKnown(piece) && vocab.Count(piece) <= 1) {
      for (size_t cut : Segment(piece, title, vocab)) out.push_back({base + piece_start + cut, Repair::kGluedWords, true});
    }
    piece_start = c;
  }
}

std::vector<GlueRepairer::Split> GlueRepairer::FindSplits(std::string_view token,
                                                          const DocumentVocabulary& vocab) const {
  std::vector<Split> out;
  AppendSplits(token, vocab, out);
  return out;
}

void GlueRepairer::AppendSplits(std::string_view token, const DocumentVocabulary& vocab,
                                std::vector<Split>& out) const {
  if (token.size() < 3) return;
  size_t offset;
  std::string_view core = StripEdges(token, offset);
  if (core.empty()) return;
  // Fast path: letters only, no capital after a lowercase letter. Such a word can
  // only be glue when it is long and unknown.
  bool plain = true;
  for (size_t i = 0; i < core.size() && plain; ++i) {
    char c = core[i];
    plain = IsAsciiLower(c) || (IsAsciiUpper(c) && (i == 0 || !IsAsciiLower(core[i - 1])));
  }
  if (plain && (core.size() < 5 || words_ == nullptr || words_->Contains(core))) return;
  if (LooksLikeAddress(token)) return;
  for (char c : core)
    if (!IsCore(c)) return;
  const size_t first_new = out.size();

  // Missing spaces after punctuation divide the core into words.
  constexpr size_t kMaxSegments = 16;
  std::pair<size_t, size_t> segments[kMaxSegments];  // [b, e) within core
  size_t nseg = 0;
  size_t seg = 0;
  for (size_t k = 1; k + 1 < core.size(); ++k) {
    char c = core[k], prev = core[k - 1], next = core[k + 1];
    bool split = false;
    if ((c == ',' || c == ';') && IsAsciiAlpha(prev) && IsAsciiAlpha(next)) split = true;
    if ((c == '.' || c == '?' || c == '!' || c == ':') && IsAsciiAlpha(prev) && IsAsciiUpper(next) &&
        k + 2 < core.size() && IsAsciiLower(core[k + 2])) {
      // "US.He", "concerns.As"; but not "e.On" style abbreviations of one letter.
      bool two_letters = k >= 2 && IsAsciiAlpha(core[k - 2]);
      split = two_letters || IsAsciiUpper(prev);
    }
    if (split && nseg + 1 < kMaxSegments) {
      segments[nseg++] = {seg, k + 1};
      out.push_back({offset + k + 1, Repair::kPunctuationSpacing});
      seg = k + 1;
    }
  }
  segments[nseg++] = {seg, core.size()};

  for (size_t g = 0; g < nseg; ++g) {
    auto [b, e] = segments[g];
    std::string_view s = core.substr(b, e - b);
    // Trim punctuation at the segment's end ("concerns." before the split).
    while (!s.empty() && !(IsAsciiAlpha(s.back()) || IsAsciiDigit(s.back()))) s.remove_suffix(1);
    // Hyphenated compounds: look at each part on its own ("fabricatedso-called").
    size_t part = 0;
    for (size_t k = 0; k <= s.size(); ++k) {
      if (k == s.size() || s[k] == '-') {
        SplitWord(s.substr(part, k - part), offset + b + part, vocab, out);
        part = k + 1;
      }
    }
  }
  auto begin = out.begin() + static_cast<std::ptrdiff_t>(first_new);
  std::sort(begin, out.end(), [](const Split& a, const Split& b) { return a.at < b.at; });
  out.erase(std::unique(begin, out.end(), [](const Split& a, const Split& b) { return a.at == b.at; }), out.end());
}

bool GlueRepairer::Apply(const MappedText& src, size_t begin, size_t end, const DocumentVocabulary& vocab,
                         MappedText& out, RepairCounts& repairs) const {
  return ApplyWithEvidence(src, begin, end, vocab, out, repairs, false);
}

bool GlueRepairer::ApplyWithEvidence(const MappedText& src, size_t begin, size_t end,
                                     const DocumentVocabulary& vocab, MappedText& out, RepairCounts& repairs,
                                     bool evidence) const {
  const std::string& t = src.text();
  // Every token's splits first (offsets made absolute): whether dictionary cuts
  // are kept depends on the whole text.
  std::vector<Split> splits, found;
  size_t i = begin;
  while (i < end) {
    while (i < end && (t[i] == ' ' || t[i] == '\n')) ++i;
    size_t j = i;
    while (j < end && t[j] != ' ' && t[j] != '\n') ++j;
    if (j - i >= 3) {
      splits.clear();
      AppendSplits(std::string_view(t).substr(i, j - i), vocab, splits);
      for (Split s : splits) {
        evidence |= !s.dictionary;
        s.at += i;
        found.push_back(s);
      }
    }
    i = j;
  }
  const bool cuts = evidence || !cuts_need_evidence_;
  size_t copied = begin;
  for (const Split& s : found) {
    if (s.dictionary && !cuts) continue;
    out.AppendCopy(src, copied, s.at);
    out.AppendReplacement(src, s.at, s.at, " ");
    copied = s.at;
    repairs.Add(s.kind);
  }
  out.AppendCopy(src, copied, end);
  return evidence;
}

std::string GlueRepairer::RepairString(std::string_view s, const DocumentVocabulary& vocab, RepairCounts* repairs,
                                       bool evidence) const {
  MappedText src = MappedText::Original(std::string(s));
  MappedText out;
  RepairCounts local;
  ApplyWithEvidence(src, 0, src.size(), vocab, out, repairs ? *repairs : local, evidence);
  return out.TakeText();
}

bool LooksEnglish(std::string_view text) {
  static const std::unordered_set<std::string_view> kFunctionWords = {
      "the", "of",  "and",  "to",    "in",    "a",     "is",   "that", "for",  "it",  "on",    "was",
      "with", "he", "as",   "at",    "by",    "said",  "his",  "be",   "from", "are", "have",  "has",
      "not", "this", "but", "they",  "were",  "an",    "or",   "which", "their", "had", "will", "been",
      "who", "would", "she", "her",  "we",    "its",   "after", "about", "there", "more"};
  size_t words = 0, function_words = 0;
  char word[8];
  size_t len = 0;
  bool plain = true;  // short and ASCII letters only: may be a function word
  auto end_word = [&]() {
    if (len > 0 || !plain) {
      ++words;
      if (plain && kFunctionWords.count(std::string_view(word, len)) > 0) ++function_words;
    }
    len = 0;
    plain = true;
  };
  for (size_t i = 0; i < text.size() && words < 3000; ++i) {
    const char c = text[i];
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    if (upper || lower || static_cast<unsigned char>(c) >= 0x80) {
      if (len < sizeof word && (upper || lower)) {
        word[len++] = AsciiLower(c);
      } else {
        plain = false;  // long or non-ASCII: no function word
      }
    } else {
      end_word();
      // English news reaches the ratio within its first sentences: stop there.
      if (words >= 40 && function_words * 7 >= words * 2) return true;
    }
  }
  end_word();
  return words < 20 || function_words * 7 >= words;
}

}  // namespace crosscheck::text
