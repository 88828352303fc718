#include "ingest/text_layout.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "ingest/metadata.h"
#include "text/agencies.h"
#include "text/ascii.h"
#include "text/lexicon.h"

namespace crosscheck::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Consecutive data rows that make a table the article ends with, not trailing
// furniture: three, as a short standings or results box has, while a sign-off
// with a telephone number is one line.
constexpr size_t kDataRunLines = 3;


// A set of lowercase phrases found case-insensitively by one pass over a text. A
// table indexed by a hash of a position's first three bytes names the few
// phrases that could start there; positions inside words are skipped.
class PhraseSet {
 public:
  PhraseSet(std::initializer_list<const char*> phrases) : bucket_of_(kTableSize, 0) { Add(phrases, 1); }
  // Adds phrases that report `tag` (a bit) from Tags().
  void Add(std::initializer_list<const char*> phrases, uint32_t tag) {
    for (const char* p : phrases) {
      std::string_view v(p);
      uint16_t& b = bucket_of_[Key(v[0], v[1], v[2])];
      if (b == 0) {
        buckets_.emplace_back();
        b = static_cast<uint16_t>(buckets_.size());
      }
      buckets_[b - 1].push_back({std::string(v), tag});
    }
  }
  // The tags of every phrase found in `text`; counts its words into `*words`
  // on the way (text has single spaces).
  uint32_t Tags(std::string_view text, size_t* words) const {
    uint32_t tags = 0;
    size_t spaces = 0;
    for (size_t i = 0; i + 2 < text.size(); ++i) {
      if (i > 0) {
        char p = text[i - 1];
        spaces += p == ' ';
        if (p != ' ' && p != '(' && p != '/' && p != '"') continue;
      }
      uint16_t b = bucket_of_[Key(text[i], text[i + 1], text[i + 2])];
      if (b != 0) tags |= MatchAt(text, i, b);
    }
    for (size_t i = text.size() > 2 ? text.size() - 2 : 1; i < text.size(); ++i) spaces += text[i - 1] == ' ';
    *words = text.empty() ? 0 : spaces + 1;
    return tags;
  }
  // Phrases are looked for where a word starts (after a space, "(", "/" or a quote).
  bool FoundIn(std::string_view text) const {
    for (size_t i = 0; i + 2 < text.size(); ++i) {
      if (i > 0) {
        char p = text[i - 1];
        if (p != ' ' && p != '(' && p != '/' && p != '"') continue;
      }
      uint16_t b = bucket_of_[Key(text[i], text[i + 1], text[i + 2])];
      if (b != 0 && MatchAt(text, i, b)) return true;
    }
    return false;
  }
  bool StartOf(std::string_view text) const {
    if (text.size() < 3) return false;
    uint16_t b = bucket_of_[Key(text[0], text[1], text[2])];
    return b != 0 && MatchAt(text, 0, b);
  }

 private:
  static constexpr size_t kTableSize = 1 << 14;
  static size_t Key(char a, char b, char c) {
    uint32_t k = (static_cast<uint32_t>(static_cast<unsigned char>(text::AsciiLower(a))) << 16) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(text::AsciiLower(b))) << 8) |
                 static_cast<unsigned char>(text::AsciiLower(c));
    return (k * 2654435761u) >> (32 - 14);
  }
  // The tags of the phrases that start at text[i] (0 for none).
  uint32_t MatchAt(std::string_view text, size_t i, uint16_t bucket) const {
    uint32_t tags = 0;
    for (const Phrase& p : buckets_[bucket - 1]) {
      if (text.size() - i < p.text.size()) continue;
      size_t k = 0;
      while (k < p.text.size() && text::AsciiLower(text[i + k]) == p.text[k]) ++k;
      if (k == p.text.size()) tags |= p.tag;
    }
    return tags;
  }
  struct Phrase {
    std::string text;
    uint32_t tag;
  };
  std::vector<uint16_t> bucket_of_;
  std::vector<std::vector<Phrase>> buckets_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = IsSpace(c);
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

// The last character that is not a space, a closing quote or a bracket.
char LastMeaningful(std::string_view s) {
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']'))
    s.remove_suffix(1);
  return s.empty() ? '\0' : s.back();
}

// Ends where a sentence may end: ".", "!", "?", or ":" / ";" before a list.
bool EndsClause(std::string_view s) {
  char c = LastMeaningful(s);
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

bool EndsSentence(std::string_view s) {
  char c = LastMeaningful(s);
  return c == '.' || c == '!' || c == '?';
}

// A row of a table or a ranked list: a line that opens with a rank ("1.",
// "10)") or holds two or more figures ("Norvik 3 Harlow 1", "BOSTON 69 65
// .515"). Results, standings and tallies are written so, and belong to the
// article however little they look like sentences. A line opened by a dash is a
// sign-off ("-- City desk +1 555 0100"), not a row.
bool IsDataRow(std::string_view s) {
  std::vector<std::string_view> words = Words(s);
  if (words.empty()) return false;
  std::string_view first = words.front();
  if (first[0] == '-') return false;  // "-- Sports desk +44 20 ...": a sign-off, however many figures
  if (first.size() >= 2 && first.size() <= 4 && (first.back() == '.' || first.back() == ')') &&
      std::all_of(first.begin(), first.end() - 1, [](char c) { return text::IsAsciiDigit(c); })) {
    return true;
  }
  size_t figures = 0;
  for (std::string_view w : words) {
    if (std::any_of(w.begin(), w.end(), [](char c) { return text::IsAsciiDigit(c); }) &&
        std::none_of(w.begin(), w.end(), [](char c) { return text::IsAsciiAlpha(c); })) {
      ++figures;
    }
  }
  return figures >= 2;
}

bool StartsLower(std::string_view s) {
  s = Trim(s);
  return !s.empty() && text::IsAsciiLower(s.front());
}

// ---- predicates on one paragraph (joined, normalized text) ----

bool IsBreadcrumb(std::string_view s) {
  if (s.size() > 120 || EndsSentence(s)) return false;
  bool separator = false;
  for (std::string_view sep : {" / ", " > ", " | ", " \xC2\xBB ", " \xE2\x80\xBA ", " :: ", " \xE2\x86\x92 "})
    separator |= s.find(sep) != std::string_view::npos;
  if (!separator) return false;
  std::vector<std::string_view> words = Words(s);
  if (words.size() > 12) return false;
  size_t separators = 0, segment = 0;
  bool segment_start = true;
  for (std::string_view w : words) {
    if (w == "/" || w == ">" || w == "|" || w == "\xC2\xBB" || w == "\xE2\x80\xBA" || w == "::" ||
        w == "\xE2\x86\x92") {
      if (segment == 0) return false;
      ++separators;
      segment = 0;
      segment_start = true;
      continue;
    }
    if (segment_start && !(text::IsAsciiUpper(w[0]) || std::isdigit(static_cast<unsigned char>(w[0]))))
      return false;
    segment_start = false;
    if (++segment > 4) return false;
  }
  return separators > 0 && segment > 0;
}

bool IsCreditLine(std::string_view s) {
  if (s.size() > 100 || WordCount(s) > 8 || LastMeaningful(s) == '.') return false;
  static const PhraseSet kPrefixes = {"photo:", "photos:", "image:", "images:", "picture:", "credit:",
                                      "photo credit:", "photograph:", "illustration:", "video:"};
  static const PhraseSet kAgencies = {"getty images", "shutterstock", "ap photo", "wikimedia commons"};
  if (kPrefixes.StartOf(s) || kAgencies.FoundIn(s)) return true;
  size_t slash = s.find(" / ");
  return slash != std::string_view::npos && slash > 0 && WordCount(s.substr(slash + 3)) <= 4 &&
         WordCount(s.substr(0, slash)) <= 5;
}

// Phrases that mark a paragraph as site furniture, found in one pass.
constexpr uint32_t kPromoPhrase = 1, kCaptionPhrase = 2;
const PhraseSet& FurniturePhrases() {
  static const PhraseSet* set = [] {
    auto* s = new PhraseSet({"click here", "sign up for our", "sign up to our", "subscribe to our",
                             "subscribe now", "follow us on", "our live coverage has ended",
                             "follow our latest coverage", "you can follow our", "download our app",
                             "download the app", "can also be accessed at", "all rights reserved",
                             "share this article", "share this story", "read the full story",
                             "support our journalism", "become a member", "get our newsletter",
                             "sign up for the newsletter", "report a typo", "comments are closed",
                             "log in to comment", "terms of use", "privacy policy",
                             "this story was originally published", "this article was originally published",
                             "to continue reading", "for unlimited access", "already a subscriber"});
    s->Add({"(l)", "(r)", "(l-r)", "(r-l)", "(left)", "(right)", "(center)", "(centre)", "(file photo",
            "(photo", "photo by ", "(file image", "getty images", "(ap photo", "via getty", "(pictured",
            "photo credit"},
           kCaptionPhrase);
    return s;
  }();
  return *set;
}

// `tags` are FurniturePhrases().Tags() of the paragraph.
bool HasCaptionMarker(std::string_view s, size_t words, uint32_t tags) {
  if (s.size() > 600 || words > 60) return false;
  if (tags & kCaptionPhrase) return true;
  // Position markers and agency credits are in parentheses: "(2nd L)", "(Name/AFP)".
  if (s.find('(') == std::string_view::npos) return false;
  std::string lower = text::AsciiLowered(s);
  for (std::string_view credit : {"/afp)", "/ afp)", "/reuters)", "/ reuters)", "via reuters)"})
    if (lower.find(credit) != std::string::npos) return true;
  for (size_t p = lower.find('('); p != std::string::npos; p = lower.find('(', p + 1)) {
    std::string_view rest = std::string_view(lower).substr(p + 1);
    if (rest.size() >= 6 && std::isdigit(static_cast<unsigned char>(rest[0])) && rest[5] == ')' &&
        (rest[4] == 'l' || rest[4] == 'r') && rest[3] == ' ') {
      std::string_view ord = rest.substr(1, 2);
      if (ord == "st" || ord == "nd" || ord == "rd" || ord == "th") return true;
    }
  }
  return false;
}

bool IsSeeAlso(std::string_view s) {
  static const PhraseSet kPrefixes = {
      "see also:", "related article:", "related articles:", "related:", "related story:",
      "related stories:", "read more:", "read also:", "also read:", "read:", "watch:", "listen:",
      "recommended:", "further reading:", "more on this:", "more:", "more from ", "also see:",
      "don't miss:", "must read:", "read next:"};
  s = Trim(s);
  if (s.size() <= 20) {
    std::string lower = text::AsciiLowered(s);
    if (lower == "read more" || lower == "related" || lower == "related articles" ||
        lower == "related stories" || lower == "see also" || lower == "more on this story")
      return true;
  }
  return kPrefixes.StartOf(s);
}

bool IsPromo(std::string_view s, size_t words, uint32_t tags) {
  if (s.size() < 40) {
    static const char* kExact[] = {"advertisement", "skip to content", "share", "share this",
                                   "tweet", "email", "print", "comments", "subscribe", "sign up",
                                   "menu", "loading...", "continue reading", "story continues below",
                                   "story continues below advertisement", "back to top"};
    std::string lower = text::AsciiLowered(s);
    for (const char* e : kExact)
      if (lower == e) return true;
  }
  return s.size() <= 800 && words <= 80 && (tags & kPromoPhrase);
}

bool IsByline(std::string_view s) {
  if (s.size() < 4 || s.size() > 160 || !(s[0] == 'B' || s[0] == 'b') || !(s[1] == 'y' || s[1] == 'Y') || s[2] != ' ')
    return false;
  std::vector<std::string_view> words = Words(s);
  if (words.size() < 2 || words.size() > 14 || LastMeaningful(s) == '.') return false;
  return text::AsciiLowered(words[0]) == "by" && text::IsAsciiUpper(words[1][0]);
}

bool IsWireAgency(std::string_view name) { return text::WireAgency(name).has_value(); }

// Splits "AFP, AP, dpa, the BBC, and Reuters" into names.
std::vector<std::string> SplitNameList(std::string_view list) {
  std::vector<std::string> names;
  std::string cur;
  auto flush = [&] {
    std::string_view n = Trim(cur);
    while (!n.empty() && (n.back() == '.' || n.back() == ',')) n.remove_suffix(1);
    for (const char* lead : {"and ", "the ", "The "}) {
      if (n.rfind(lead, 0) == 0) n.remove_prefix(std::string_view(lead).size());
    }
    n = Trim(n);
    if (!n.empty()) names.emplace_back(n);
    cur.clear();
  };
  for (std::string_view w : Words(list)) {
    bool comma = !w.empty() && (w.back() == ',' || w.back() == ';');
    if (comma) w.remove_suffix(1);
    if (w == "and" || w == "&") {
      flush();
      continue;
    }
    if (!cur.empty()) cur += ' ';
    cur += w;
    if (comma) flush();
  }
  flush();
  return names;
}

// Agency credit lines: "sdi/wmr (AP, AFP, dpa, Reuters)", "(Reuters)",
// "With reporting by AFP, AP and Reuters", "The Associated Press contributed to this report."
bool ReadWireCredit(std::string_view s, std::vector<std::string>& credits) {
  s = Trim(s);
  if (s.empty() || WordCount(s) > 25) return false;
  std::string lower = text::AsciiLowered(s);
  if (s.back() == ')') {
    size_t open = s.rfind('(');
    if (open == std::string_view::npos) return false;
    std::string_view lead = Trim(s.substr(0, open));
    // The lead, when present, is editors' initials such as "sdi/wmr" or "jsi/aw".
    for (char c : lead)
      if (!(text::IsAsciiLower(c) || c == '/' || c == ',' || c == ' ')) return false;
    std::vector<std::string> names = SplitNameList(s.substr(open + 1, s.size() - open - 2));
    if (names.empty()) return false;
    // Known agencies make it a credit; so does a bare "(Name Of Agency)" line of
    // capitalized names, which is all that stands after the article's end.
    size_t agencies = 0, capitalized = 0;
    for (const std::string& n : names) {
      if (WordCount(n) > 4) return false;
      agencies += IsWireAgency(n);
      capitalized += text::IsAsciiUpper(n[0]);
    }
    if (agencies == 0 && !(lead.empty() && capitalized == names.size())) return false;
    credits.insert(credits.end(), names.begin(), names.end());
    return true;
  }
  for (const char* lead : {"with reporting by ", "with additional reporting by ", "additional reporting by ",
                           "reporting by ", "with reporting from ", "compiled from reports by ",
                           "with agency reporting from ", "with wire services from "}) {
    if (lower.rfind(lead, 0) == 0) {
      std::string_view rest = s.substr(std::string_view(lead).size());
      if (rest.find(';') != std::string_view::npos) {
        // "Reporting by A in Kyiv; Editing by B": journalists, not agencies; dropped
        // as a credit line and kept in the dropped list.
        return true;
      }
      std::vector<std::string> names = SplitNameList(rest);
      credits.insert(credits.end(), names.begin(), names.end());
      return !names.empty();
    }
  }
  size_t contributed = lower.find(" contributed to this report");
  if (contributed != std::string::npos) {
    std::vector<std::string> names = SplitNameList(s.substr(0, contributed));
    credits.insert(credits.end(), names.begin(), names.end());
    return !names.empty();
  }
  return false;
}

bool IsOriginalUrlLabel(std::string_view s, std::string& url) {
  static const char* kLabels[] = {"original url", "original link", "original article", "source url",
                                  "originally published at", "read the original", "source link",
                                  "article url", "canonical url"};
  static const PhraseSet kStarts = {"original url", "original link", "original article", "source url",
                                    "originally published at", "read the original", "source link",
                                    "article url", "canonical url"};
  s = Trim(s);
  if (s.size() > 300 || !kStarts.StartOf(s)) return false;
  std::string lower = text::AsciiLowered(s.substr(0, 30));
  for (const char* label : kLabels) {
    if (lower.rfind(label, 0) != 0) continue;
    std::string_view rest = Trim(s.substr(std::string_view(label).size()));
    if (!rest.empty() && rest.front() == ':') rest = Trim(rest.substr(1));
    if (rest.empty()) return true;
    if (IsUrlLine(rest)) {
      url = UrlOfLine(rest);
      return true;
    }
    return false;
  }
  return false;
}

bool LooksLikeHeadline(std::string_view s) {
  size_t words = WordCount(s);
  if (words < 2 || words > 30 || s.size() > 250) return false;
  char first = Trim(s).front();
  if (!(text::IsAsciiUpper(first) || std::isdigit(static_cast<unsigned char>(first)) || first == '"' || first == '\''))
    return false;
  if (LastMeaningful(s) == ':' || LastMeaningful(s) == ',') return false;
  return !(LastMeaningful(s) == '.' && words > 14);
}

// A photo caption written as a sentence: "Jane Doe holds a press briefing at the
// White House in Washington on February 23." Captions put a present-tense verb after
// a name; news sentences report in the past ("said", "held").
bool LooksLikeCaptionSentence(std::string_view s) {
  if (s.size() > 250 || s.find('"') != std::string_view::npos) return false;
  std::vector<std::string_view> words = Words(s);
  if (words.size() < 3 || words.size() > 30) return false;
  static const std::unordered_set<std::string_view> kVerbs = {
      "holds", "speaks", "attends", "arrives", "looks", "gestures", "walks", "delivers", "meets",
      "shakes", "poses", "waves", "listens", "sits", "stands", "talks", "addresses", "leaves",
      "greets", "reacts", "smiles", "visits", "enters", "votes", "testifies", "departs",
      "prays", "hugs", "salutes", "chairs", "lays", "inspects", "boards", "celebrates",
      "kneels", "rides", "steps", "arrive", "attend", "speak", "gesture", "pose", "stand",
      "sit", "walk", "wave", "listen", "look", "react"};
  static const std::unordered_set<std::string_view> kReporting = {
      "said", "says", "told", "announced", "according", "added", "stated"};
  // Lowercase letters of each word, without its punctuation.
  auto letters = [](std::string_view w, char* buf) {
    size_t n = 0;
    for (char c : w)
      if ((text::IsAsciiUpper(c) || text::IsAsciiLower(c)) && n < 15) buf[n++] = text::AsciiLower(c);
    return std::string_view(buf, n);
  };
  char a[16], b[16];
  for (std::string_view w : words)
    if (kReporting.count(letters(w, a))) return false;
  // Exactly one sentence: no ". X" inside.
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    char c = words[i].back();
    if ((c == '.' || c == '!' || c == '?') && words[i].size() > 3 && text::IsAsciiUpper(words[i + 1][0])) return false;
  }
  for (size_t i = 1; i < std::min<size_t>(words.size(), 13); ++i) {
    std::string_view w = letters(words[i], a);
    bool passive = (w == "is" || w == "are") && i + 1 < words.size() &&
                   (letters(words[i + 1], b) == "seen" || letters(words[i + 1], b) == "pictured");
    if ((kVerbs.count(w) || passive) && text::IsAsciiUpper(words[i - 1][0])) return true;
  }
  return false;
}

bool LooksLikeHeading(std::string_view s) {
  return !EndsClause(s) && WordCount(s) <= 12 && !s.empty();
}

bool IsHardWrapped(std::string_view text, const std::vector<Span>& lines) {
  if (lines.size() < 3) return false;
  size_t wrapped = 0, open = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string_view l = text.substr(lines[i].begin, lines[i].size());
    if (l.size() < 40 || l.size() > 120 || IsUrlLine(l) || ParseDateLine(l)) return false;
    ++wrapped;
    open += !EndsSentence(l);
  }
  return wrapped > 0 && open * 2 >= wrapped;
}

// Front matter keys we understand, lowercased.
enum class FrontKey { kNone, kTitle, kDate, kUrl, kOutlet, kAuthor, kOther };

FrontKey ReadFrontKey(std::string_view line, std::string_view& value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) return FrontKey::kNone;
  std::string key = text::AsciiLowered(Trim(line.substr(0, colon)));
  for (char c : key)
    if (!(text::IsAsciiLower(c) || c == '_' || c == '-' || c == ' ')) return FrontKey::kNone;
  value = Trim(line.substr(colon + 1));
  if (key == "title" || key == "headline") return FrontKey::kTitle;
  if (key == "date" || key == "published" || key == "published_at" || key == "pubdate" ||
      key == "date_published" || key == "datepublished")
    return FrontKey::kDate;
  if (key == "url" || key == "link" || key == "source_url" || key == "canonical") return FrontKey::kUrl;
  if (key == "outlet" || key == "publisher" || key == "site" || key == "source") return FrontKey::kOutlet;
  if (key == "author" || key == "authors" || key == "by" || key == "byline") return FrontKey::kAuthor;
  if (key == "id" || key == "language" || key == "lang" || key == "tags" || key == "section")
    return FrontKey::kOther;
  return FrontKey::kNone;
}

}  // namespace

std::string JoinLines(std::string_view text, const LayoutParagraph& p) {
  std::string out;
  size_t total = 0;
  for (const Span& l : p.lines) total += l.size() + 1;
  out.reserve(total);
  for (const Span& l : p.lines) {
    if (!out.empty()) out += ' ';
    std::string_view line = text.substr(l.begin, l.size());
    // Copy up to each run of two or more spaces, which becomes one.
    size_t i = 0;
    for (size_t run = line.find("  "); run != std::string_view::npos; run = line.find("  ", i)) {
      out.append(line.substr(i, run + 1 - i));
      i = run;
      while (i < line.size() && line[i] == ' ') ++i;
    }
    out.append(line.substr(i));
  }
  return out;
}

TextLayout ReadTextLayout(std::string_view text, RepairCounts& repairs, const LayoutOptions& options) {
  TextLayout layout;

  // Lines, trimmed; blank lines separate blocks.
  std::vector<std::vector<Span>> blocks(1);
  for (size_t i = 0; i <= text.size();) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = i, e = nl;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (e == b) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else {
      blocks.back().push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    }
    i = nl + 1;
  }
  auto line_text = [&](const Span& s) { return text.substr(s.begin, s.size()); };

  // Pass 1: paragraphs.
  std::vector<LayoutParagraph> paras;
  for (const std::vector<Span>& block : blocks) {
    if (block.empty()) continue;
    if (IsHardWrapped(text, block)) {
      paras.push_back({block});
      repairs.Add(Repair::kJoinedLines, static_cast<uint32_t>(block.size() - 1));
      continue;
    }
    for (size_t i = 0; i < block.size(); ++i) {
      if (i > 0 && !EndsClause(line_text(block[i - 1])) && StartsLower(line_text(block[i])) &&
          !IsUrlLine(line_text(block[i]))) {
        paras.back().lines.push_back(block[i]);
        repairs.Add(Repair::kJoinedLines);
      } else {
        paras.push_back({{block[i]}});
      }
    }
  }
  // A paragraph that stops mid-sentence continues in the next one when that starts
  // in lowercase: a quotation or sentence broken by a stray blank line.
  std::vector<LayoutParagraph> merged;
  for (LayoutParagraph& p : paras) {
    if (options.join_broken_paragraphs && !merged.empty() && !EndsClause(line_text(merged.back().lines.back())) &&
        StartsLower(line_text(p.lines.front())) && !IsUrlLine(line_text(p.lines.front())) &&
        WordCount(line_text(merged.back().lines.back())) >= 3) {
      merged.back().lines.insert(merged.back().lines.end(), p.lines.begin(), p.lines.end());
      repairs.Add(Repair::kJoinedParagraphs);
    } else {
      merged.push_back(std::move(p));
    }
  }
  paras = std::move(merged);

  const size_t n = paras.size();
  // Each paragraph as one line of text: a view of the input when it is a single
  // line without runs of spaces (most are), else a joined copy.
  std::vector<std::string> storage;
  storage.reserve(n);
  std::vector<std::string_view> joined(n);
  std::vector<size_t> words(n);
  std::vector<uint32_t> tags(n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view first = line_text(paras[i].lines.front());
    if (paras[i].lines.size() == 1 && first.find("  ") == std::string_view::npos) {
      joined[i] = first;
    } else {
      storage.push_back(JoinLines(text, paras[i]));
      joined[i] = storage.back();
    }
    // Paragraphs longer than 800 bytes are never furniture: no need to look closer.
    if (joined[i].size() <= 800) {
      tags[i] = FurniturePhrases().Tags(joined[i], &words[i]);
    } else {
      words[i] = joined[i].size();
    }
  }
  std::vector<std::optional<DropReason>> drop(n);

  // Pass 2a: explicit front matter, as "Key: value" lines at the very top
  // (optionally fenced by "---" lines).
  size_t i = 0;
  bool fenced = n > 0 && joined[0] == "---";
  if (fenced) {
    drop[0] = DropReason::kFrontMatter;
    i = 1;
  }
  for (; i < n; ++i) {
    if (fenced && joined[i] == "---") {
      drop[i] = DropReason::kFrontMatter;
      ++i;
      break;
    }
    std::string_view value;
    FrontKey key = ReadFrontKey(joined[i], value);
    if (key == FrontKey::kNone) break;
    drop[i] = DropReason::kFrontMatter;
    switch (key) {
      case FrontKey::kTitle: layout.front_title = std::string(value); break;
      case FrontKey::kDate:
        if (auto d = ParseDateLine(value)) layout.published = d;
        break;
      case FrontKey::kUrl: layout.url = UrlOfLine(value); break;
      case FrontKey::kOutlet: layout.outlet = std::string(value); break;
      case FrontKey::kAuthor:
        for (std::string& a : SplitNameList(value)) layout.authors.push_back(std::move(a));
        break;
      default: break;
    }
  }

  // Pass 2b: the header zone, until the first paragraph of the body.
  bool have_title = layout.front_title.has_value() || options.known_title.has_value();
  // Letters and digits only, lowercased: the same headline however it is spaced and punctuated.
  auto title_key = [](std::string_view t) {
    std::string key;
    for (char c : t)
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) key += text::AsciiLower(c);
    return key;
  };
  const std::string known_key = options.known_title ? title_key(*options.known_title) : "";
  for (; i < n && options.header; ++i) {
    std::string_view s = joined[i];
    if (IsUrlLine(s)) {
      if (!layout.url) layout.url = UrlOfLine(s);
      drop[i] = DropReason::kUrlLine;
    } else if (auto d = ParseDateLine(s)) {
      if (!layout.published) layout.published = d;
      drop[i] = DropReason::kDateLine;
    } else if (IsSeeAlso(s)) {
      drop[i] = DropReason::kSeeAlso;
    } else if (!have_title && IsBreadcrumb(s)) {
      drop[i] = DropReason::kBreadcrumb;
    } else if (IsCreditLine(s)) {
      drop[i] = DropReason::kPhotoCredit;
    } else if (HasCaptionMarker(s, words[i], tags[i])) {
      drop[i] = DropReason::kCaption;
    } else if (IsByline(s)) {
      for (std::string& a : SplitNameList(std::string_view(s).substr(3))) {
        if (IsWireAgency(a)) {
          layout.wire_credits.push_back(std::move(a));
        } else {
          layout.authors.push_back(std::move(a));
        }
      }
      drop[i] = DropReason::kByline;
    } else if (IsPromo(s, words[i], tags[i])) {
      drop[i] = DropReason::kPromo;
    } else if (!layout.title && !known_key.empty() && title_key(s) == known_key) {
      layout.title = paras[i];
      drop[i] = DropReason::kTitle;
    } else if (!have_title && i + 1 < n && LooksLikeHeadline(s)) {
      layout.title = paras[i];
      have_title = true;
      drop[i] = DropReason::kTitle;
    } else if (have_title && n - i > 3 && LooksLikeCaptionSentence(s)) {
      drop[i] = DropReason::kCaption;
    } else {
      break;
    }
  }

  // Pass 3a: the body.
  const size_t body_begin = i;
  for (; i < n && options.furniture; ++i) {
    std::string_view s = joined[i];
    std::string url;
    if (IsUrlLine(s)) {
      if (!layout.url) layout.url = UrlOfLine(s);
      drop[i] = DropReason::kUrlLine;
    } else if (IsSeeAlso(s)) {
      drop[i] = DropReason::kSeeAlso;
    } else if (IsOriginalUrlLabel(s, url)) {
      drop[i] = DropReason::kOriginalUrl;
      if (url.empty() && i + 1 < n && IsUrlLine(joined[i + 1])) {
        url = UrlOfLine(joined[i + 1]);
        drop[++i] = DropReason::kOriginalUrl;
      }
      if (!layout.url && !url.empty()) layout.url = url;
    } else if (IsPromo(s, words[i], tags[i])) {
      drop[i] = DropReason::kPromo;
    } else if (HasCaptionMarker(s, words[i], tags[i])) {
      drop[i] = DropReason::kCaption;
    } else if (IsCreditLine(s)) {
      drop[i] = DropReason::kPhotoCredit;
    }
  }

  // Pass 3b: the tail, read backwards: credits and leftover furniture after the
  // last sentence of the article. A run of data rows (results, standings) ends
  // the tail: the article closes with its table. And a tail that would take
  // every line of the body was no tail: an article that is all table or list
  // (a results service, a schedule) keeps its lines.
  std::vector<size_t> tail;
  auto data_run = [&](size_t k) {
    size_t run = 1;
    for (size_t j = k; j-- > 0 && run < kDataRunLines && !drop[j] && IsDataRow(joined[j]);) ++run;
    for (size_t j = k + 1; j < n && run < kDataRunLines && IsDataRow(joined[j]); ++j) ++run;
    return run >= kDataRunLines;
  };
  for (size_t k = n; options.furniture && k-- > 0;) {
    if (drop[k]) continue;
    std::string_view s = joined[k];
    std::vector<std::string> credits;
    if (ReadWireCredit(s, credits)) {
      drop[k] = DropReason::kWireCredit;
      layout.wire_credits.insert(layout.wire_credits.begin(), credits.begin(), credits.end());
    } else if (IsDataRow(s) && data_run(k)) {
      break;
    } else if (LastMeaningful(s) == ':') {
      drop[k] = DropReason::kPromo;
      tail.push_back(k);
    } else if (!EndsSentence(s) && WordCount(s) <= 12) {
      drop[k] = DropReason::kTrailer;
      tail.push_back(k);
    } else {
      break;
    }
  }
  if (!tail.empty() && std::all_of(drop.begin() + static_cast<std::ptrdiff_t>(body_begin), drop.end(),
                                   [](const std::optional<DropReason>& d) { return d.has_value(); })) {
    for (size_t k : tail) drop[k].reset();
  }
  // A heading right above a promo box belongs to the box.
  for (size_t k = 1; k < n; ++k) {
    if (drop[k] == DropReason::kPromo && !drop[k - 1] && LooksLikeHeading(joined[k - 1]))
      drop[k - 1] = DropReason::kPromo;
  }

  for (size_t k = 0; k < n; ++k) {
    if (drop[k]) {
      layout.dropped.push_back({std::move(paras[k]), *drop[k]});
    } else {
      layout.paragraphs.push_back(std::move(paras[k]));
    }
  }
  return layout;
}

}  // namespace crosscheck::ingest
