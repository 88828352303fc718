// ASCII case for markup, header keys, file names and word-list lookups: only the
// bytes A-Z change, so UTF-8 passes through untouched. (Words of the text are
// case-folded with Unicode rules: text::FoldCase in tokens.h.)
#ifndef CROSSCHECK_TEXT_ASCII_H_
#define CROSSCHECK_TEXT_ASCII_H_

#include <string>
#include <string_view>

namespace crosscheck::text {

// The spaces of HTML and ASCII text: space, tab, LF, CR, form feed, vertical tab.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }

// True when `s` is not empty and holds only the digits 0-9.
inline bool AllAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsAsciiDigit(c)) return false;
  return true;
}

// The value of a run of digits (AllAsciiDigits).
inline int DigitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

constexpr char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string AsciiLowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// True when `s` starts with `lower_prefix` (given in lowercase), ignoring ASCII case.
inline bool StartsWithNoCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (AsciiLower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_ASCII_H_
