// Names shown in one-line messages and reports: a file name may hold a newline or
// an ESC, which would split the line or drive the terminal.
#ifndef CROSSCHECK_BASE_PRINTABLE_H_
#define CROSSCHECK_BASE_PRINTABLE_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace crosscheck {

// `s` with its ASCII control characters written as escapes: "\n", "\t", "\r",
// "\x1b"; everything else (UTF-8 included) as it is.
inline std::string EscapeControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) {
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
