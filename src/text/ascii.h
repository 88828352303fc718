// ASCII case for markup, header keys, file names and word-list lookups: only the
// bytes A-Z change, so UTF-8 passes through untouched. (Words of the text are
// case-folded with Unicode rules: text::FoldCase in tokens.h.)
#ifndef CROSSCHECK_TEXT_ASCII_H_
#define CROSSCHECK_TEXT_ASCII_H_

#include <cstdint>
#include <optional>
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

// The value of `s` read as an unsigned number in `base` (10 or 16): digits only,
// no sign, no spaces, no prefix. Nullopt when `s` is empty, holds anything else, or
// does not fit in 64 bits. For lengths and sizes read from untrusted input, where
// std::stoull would take "-54" and wrap it.
inline std::optional<uint64_t> ParseUnsigned(std::string_view s, int base = 10) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    uint64_t d;
    if (IsAsciiDigit(c)) {
      d = static_cast<uint64_t>(c - '0');
    } else if (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      d = static_cast<uint64_t>((c | 0x20) - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (v > (UINT64_MAX - d) / static_cast<uint64_t>(base)) return std::nullopt;
    v = v * static_cast<uint64_t>(base) + d;
  }
  return v;
}

// The length of the terminal escape sequence at s[i] (an ESC byte): CSI
// "ESC [ 2 J" (parameter and intermediate bytes, then a final byte), OSC "ESC ] 0 ;
// title BEL" (up to BEL or ESC \\, within a line), or ESC and one more byte. Text from the web
// holds them as leftovers of a console; they go whole, since removing the ESC
// alone leaves "[2J" behind.
inline size_t EscapeSequenceLength(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return 1;
  size_t j = i + 2;
  if (s[i + 1] == '[') {
    while (j < s.size() && s[j] >= 0x20 && s[j] <= 0x3F) ++j;
    return (j < s.size() && s[j] >= 0x40 && s[j] <= 0x7E ? j + 1 : j) - i;
  }
  if (s[i + 1] == ']') {
    // A terminal would wait for the end; text has none to give. Without BEL or
    // ESC \\ before a line break or within 256 bytes, only "ESC ]" goes.
    while (j < s.size() && j - i < 256 && s[j] != 0x07 && s[j] != 0x1B && s[j] != '\n') ++j;
    if (j == s.size() || j - i >= 256 || s[j] == '\n') return 2;
    if (s[j] == 0x07) return j + 1 - i;
    return (j + 1 < s.size() && s[j + 1] == '\\' ? j + 2 : j) - i;  // ESC \\ ends it; another ESC starts anew
  }
  return static_cast<unsigned char>(s[i + 1]) >= 0x20 && static_cast<unsigned char>(s[i + 1]) < 0x7F ? 2 : 1;
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
