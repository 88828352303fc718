// Names shown in one-line messages and reports: a file name may hold a newline or
// an ESC, which would split the line or drive the terminal.
#ifndef CROSSCHECK_BASE_PRINTABLE_H_
#define CROSSCHECK_BASE_PRINTABLE_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace crosscheck {

// `s` with its control characters written as escapes: "\n", "\t", "\r", "\x1b",
// "\u009b" (C1); everything else (UTF-8 included) as it is.
inline std::string EscapeControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const unsigned char u = static_cast<unsigned char>(c);
    // U+0080..U+009F, the C1 controls (C2 80..C2 9F in UTF-8): CSI among them.
    if (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(s[++i])));
      out += buf;
    } else if (u >= 0x20 && u != 0x7F) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  return out;
}

}  // namespace crosscheck

#endif  // CROSSCHECK_BASE_PRINTABLE_H_
