#include "text/sentences.h"

#include <string>

#include "text/ascii.h"
#include "text/lexicon.h"

namespace crosscheck::text {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }
bool IsTerminal(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// The word that ends just before `dot` (letters, digits, internal dots and
// apostrophes), without opening punctuation.
std::string_view WordBefore(std::string_view text, size_t begin, size_t dot) {
  size_t b = dot;
  while (b > begin && !IsSpace(text[b - 1]) && text[b - 1] != '(' && text[b - 1] != '"' &&
         text[b - 1] != '[' && text[b - 1] != '-')
    --b;
  return text.substr(b, dot - b);
}

// The word that starts at `pos` (letters only), lowercased.
std::string WordAt(std::string_view text, size_t pos, size_t end) {
  while (pos < end && (text[pos] == '"' || text[pos] == '\'' || text[pos] == '(')) ++pos;
  size_t e = pos;
  while (e < end && (IsAsciiUpper(text[e]) || IsAsciiLower(text[e]) || text[e] == '\'')) ++e;
  return AsciiLowered(text.substr(pos, e - pos));
}

// Words that typically open a sentence right after an ambiguous abbreviation.
bool IsSentenceOpener(const std::string& w) {
  return IsFunctionWord(w) && w != "a" && w != "i";
}

bool IsDottedAbbreviation(std::string_view w) {
  // "U.S", "a.m", "e.g", "D.C": single letters separated by dots.
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool letter = IsAsciiUpper(w[i]) || IsAsciiLower(w[i]);
    if ((i % 2 == 0) != letter) return false;
    if (i % 2 == 1 && w[i] != '.') return false;
  }
  return true;
}

// Index of the quotation mark that closes the quotation open at `from`, or npos.
size_t FindClosingQuote(std::string_view text, size_t from, size_t end) {
  for (size_t q = from; q < end; ++q) {
    if (text[q] != '"') continue;
    bool opening = q == 0 || IsSpace(text[q - 1]) || text[q - 1] == '(' || text[q - 1] == '[';
    if (!opening) return q;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, Span span) {
  std::vector<Span> out;
  const size_t end = span.end;
  auto emit = [&](size_t b, size_t e) {
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (e > b) out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  };
  size_t start = span.begin;
  bool after_question = false;  // the sentence before the current one ended with "?"
  bool in_quote = false;
  for (size_t i = span.begin; i < end; ++i) {
    char c = text[i];
    if (c == '"') {
      bool opening = i == span.begin || IsSpace(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '[';
      in_quote = opening;
      continue;
    }
    if (!IsTerminal(c)) continue;
    size_t j = i;
    while (j < end && IsTerminal(text[j])) ++j;
    size_t k = j;
    bool closed_quote = false;
    while (k < end && IsCloser(text[k])) {
      if (text[k] == '"') closed_quote = true;
      ++k;
    }
    if (k >= end || !IsSpace(text[k])) {
      i = j - 1;
      continue;
    }
    size_t m = k;
    while (m < end && IsSpace(text[m])) ++m;
    if (m >= end) break;
    char next = text[m];
    bool boundary = IsAsciiUpper(next) || IsAsciiDigit(next) || next == '"' || next == '\'' || next == '(' ||
                    next == '[' || static_cast<unsigned char>(next) >= 0x80;
    if (IsAsciiLower(next)) boundary = false;

    if (boundary && c == '.' && j - i == 1) {
      std::string_view word = WordBefore(text, span.begin, i);
      std::string lw = AsciiLowered(word);
      std::string next_word = WordAt(text, m, end);
      if (IsNonFinalAbbreviation(lw)) {
        boundary = false;
      } else if (auto month = MonthNumber(lw); month && lw != "may" && lw.size() <= 5 &&
                                               word.size() < 9) {
        // "Feb. 23", "Jan. 2015": the date goes on.
        if (IsAsciiDigit(next)) boundary = false;
      } else if (word.size() == 1 && IsAsciiUpper(word[0])) {
        // An initial ("J. K. Rowling"), unless it opens the sentence as the speaker
        // label of an interview: "Q." always, "A." right after a question or before
        // a word that opens a sentence ("A. We", "A. I think"; "A. Smith" is an
        // initial).
        size_t first = start;
        while (first < i && IsSpace(text[first])) ++first;
        const bool opens_sentence = i - word.size() == first;
        if (opens_sentence && word[0] == 'Q') {
          boundary = true;
        } else if (opens_sentence && word[0] == 'A') {
          boundary = after_question || IsSentenceOpener(next_word) || next_word == "i";
        } else {
          boundary = false;
        }
      } else if (IsDottedAbbreviation(lw) || IsFinalAbbreviation(lw)) {
        boundary = IsSentenceOpener(next_word) && IsAsciiUpper(next);
      }
    }
    if (boundary && in_quote && !closed_quote) {
      // Inside a quotation: keep it whole when it closes with a comma or runs into
      // lowercase attribution ('... now," Guterres said' / '...?" she asked').
      size_t q = FindClosingQuote(text, k, end);
      if (q != std::string_view::npos) {
        size_t after = q + 1;
        while (after < end && IsSpace(text[after])) ++after;
        if (text[q - 1] == ',' || (after < end && IsAsciiLower(text[after]))) boundary = false;
      }
    }
    if (closed_quote) in_quote = false;
    if (boundary) {
      emit(start, k);
      start = m;
      after_question = text[j - 1] == '?';
    }
    i = k - 1;
  }
  emit(start, end);
  return out;
}

}  // namespace crosscheck::text
