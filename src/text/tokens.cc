#include "text/tokens.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <cstdlib>
#include <stdexcept>

#include "text/ascii.h"

namespace crosscheck::text {
namespace {

constexpr size_t kStemCacheSlots = 1 << 13;  // power of two; small enough for the L2 cache

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of the UTF-8 letter or digit at text[i], 0 when it is not one.
size_t WordCharAt(std::string_view text, size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return IsAsciiAlnum(static_cast<char>(c)) ? 1 : 0;
  utf8proc_int32_t cp;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                        static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0) return 0;
  utf8proc_category_t cat = utf8proc_category(cp);
  bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN) ||
              cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ND;
  return word ? static_cast<size_t>(n) : 0;
}

}  // namespace

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")), cache_(kStemCacheSlots) {
  if (stemmer_ == nullptr) throw std::runtime_error("libstemmer has no English stemmer");
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

const std::string& Stemmer::Stem(std::string_view folded) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: words are short
  for (char c : folded) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h ^= h >> 32;
  Slot& slot = cache_[h & (kStemCacheSlots - 1)];
  if (slot.hash == h && slot.word == folded) return slot.stem;
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                       static_cast<int>(folded.size()));
  slot.hash = h;
  slot.word.assign(folded);
  if (s != nullptr) {
    slot.stem.assign(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_)));
  } else {
    slot.stem.assign(folded);
  }
  return slot.stem;
}

void FoldCaseInto(std::string_view word, std::string& out) {
  out.clear();
  bool ascii = true;
  for (char c : word)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) {
    out.append(word);
    for (char& c : out) c = AsciiLower(c);
    return;
  }
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                                    static_cast<utf8proc_ssize_t>(word.size()), &folded,
                                    static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                                                                   UTF8PROC_STABLE));
  if (n < 0 || folded == nullptr) {
    out.append(word);
    return;
  }
  out.append(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  std::free(folded);
}

std::string FoldCase(std::string_view word) {
  std::string out;
  FoldCaseInto(word, out);
  return out;
}

std::vector<Token> Tokenize(std::string_view text, Span span, Stemmer& stemmer, std::string& stems) {
  std::vector<Token> tokens;
  tokens.reserve(span.size() / 4 + 4);
  const size_t end = span.end;
  std::string folded;
  auto push = [&](size_t b, size_t e, bool word) {
    Token& t = tokens.emplace_back();
    t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    t.is_word = word;
    if (!word) return;
    char buf[32];
    bool ascii = e - b <= sizeof buf;
    for (size_t k = b; k < e && ascii; ++k) {
      char ch = text[k];
      if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
      buf[k - b] = AsciiLower(ch);
    }
    const std::string* stem;
    if (ascii) {
      stem = &stemmer.Stem(std::string_view(buf, e - b));
    } else {
      FoldCaseInto(text.substr(b, e - b), folded);
      stem = &stemmer.Stem(folded);
    }
    t.stem = {static_cast<uint32_t>(stems.size()), static_cast<uint32_t>(stems.size() + stem->size())};
    stems += *stem;
  };
  size_t i = span.begin;
  while (i < end) {
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t') {
      ++i;
      continue;
    }
    // Dotted abbreviation: "U.S.", "a.m.", "D.C." (letter, dot, letter, dot ...).
    if (IsAsciiAlpha(c) && i + 2 < end && text[i + 1] == '.' && IsAsciiAlpha(text[i + 2])) {
      size_t e = i;
      while (e + 1 < end && IsAsciiAlpha(text[e]) && text[e + 1] == '.') e += 2;
      if (e - i >= 4 && (e >= end || !IsAsciiAlpha(text[e]))) {
        push(i, e, true);
        i = e;
        continue;
      }
    }
    // Number: digits with internal "," or "." between digits.
    if (IsAsciiDigit(c)) {
      size_t e = i;
      while (e < end && (IsAsciiDigit(text[e]) || ((text[e] == ',' || text[e] == '.') && e + 1 < end &&
                                              IsAsciiDigit(text[e + 1]) && e > i)))
        ++e;
      // Letters glued to a number ("1990s", "5G", "20th") stay with it.
      while (e < end && WordCharAt(text, e) > 0) e += WordCharAt(text, e);
      push(i, e, true);
      i = e;
      continue;
    }
    size_t w = WordCharAt(text, i);
    if (w > 0) {
      size_t e = i;
      while (e < end) {
        if (IsAsciiAlnum(text[e])) {
          ++e;
          continue;
        }
        size_t n = static_cast<unsigned char>(text[e]) >= 0x80 ? WordCharAt(text, e) : 0;
        if (n > 0) {
          e += n;
          continue;
        }
        // An apostrophe inside a word ("don't", "O'Neill") but not a possessive "'s".
        if (text[e] == '\'' && e + 1 < end && WordCharAt(text, e + 1) > 0) {
          bool possessive = (text[e + 1] == 's' || text[e + 1] == 'S') &&
                            (e + 2 >= end || WordCharAt(text, e + 2) == 0);
          if (possessive) break;
          e += 1;
          continue;
        }
        break;
      }
      push(i, e, true);
      i = e;
      // The possessive as its own token.
      if (i + 1 < end && text[i] == '\'' && (text[i + 1] == 's' || text[i + 1] == 'S') &&
          (i + 2 >= end || WordCharAt(text, i + 2) == 0)) {
        push(i, i + 2, true);
        i += 2;
      }
      continue;
    }
    // Punctuation: runs of "." or "-" are one token, anything else one character.
    size_t e = i + 1;
    if (c == '.' || c == '-') {
      while (e < end && text[e] == c) ++e;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      while (e < end && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
    }
    push(i, e, false);
    i = e;
  }
  return tokens;
}

}  // namespace crosscheck::text
