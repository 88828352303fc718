#include "ingest/metadata.h"

#include <cctype>
#include <vector>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/normalize.h"

namespace crosscheck::ingest {
namespace {

// Words of a header line: split on spaces, commas and bars; trailing periods kept
// off month abbreviations by the caller.
std::vector<std::string_view> HeaderWords(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  auto is_sep = [](char c) { return c == ' ' || c == ',' || c == '|' || c == '\t'; };
  while (i < line.size()) {
    while (i < line.size() && is_sep(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !is_sep(line[j])) ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string StripPunct(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ':' || w.back() == ')' || w.back() == ';'))
    w.remove_suffix(1);
  while (!w.empty() && (w.front() == '(' || w.front() == '-')) w.remove_prefix(1);
  return text::AsciiLowered(w);
}

bool IsDatePrefix(const std::string& w) {
  static const char* kPrefixes[] = {"published", "updated", "posted", "last", "first", "date",
                                    "dated", "on", "modified", "created", "-", "at"};
  for (const char* p : kPrefixes)
    if (w == p) return true;
  return text::WeekdayNumber(w).has_value();
}

// "10:03", "10:03:59", "4pm", "4:15pm", "am", "p.m", "gmt", "utc+3", "+0100", "et".
bool IsTimeOrZone(std::string_view raw) {
  std::string w = StripPunct(raw);
  if (w.empty()) return true;
  if (w == "am" || w == "pm" || w == "a.m" || w == "p.m" || w == "at" || w == "-" ||
      w == "local" || w == "time")
    return true;
  size_t i = 0;
  if (std::isdigit(static_cast<unsigned char>(w[0]))) {
    while (i < w.size() && (std::isdigit(static_cast<unsigned char>(w[i])) || w[i] == ':')) ++i;
    std::string rest = w.substr(i);
    return (w.find(':') != std::string::npos && (rest.empty() || rest == "am" || rest == "pm" ||
                                                  rest == "a.m" || rest == "p.m" || rest == "h")) ||
           rest == "am" || rest == "pm";
  }
  if (w[0] == '+' || (w[0] == '-' && w.size() > 1))
    return text::AllAsciiDigits(w.substr(1)) || w.find(':') != std::string::npos;
  // Time zone abbreviations are short runs of capitals in the original.
  std::string_view r = raw;
  while (!r.empty() && (r.back() == '.' || r.back() == ')')) r.remove_suffix(1);
  while (!r.empty() && r.front() == '(') r.remove_prefix(1);
  if (r.size() >= 2 && r.size() <= 5) {
    bool caps = true;
    for (char c : r)
      if (!std::isupper(static_cast<unsigned char>(c))) caps = false;
    if (caps) return true;
  }
  if (w.rfind("utc", 0) == 0 || w.rfind("gmt", 0) == 0) return true;
  return false;
}

// Tries to read a date from words[i..]; on success sets `consumed`.
std::optional<std::string> DateAt(const std::vector<std::string_view>& words, size_t i,
                                  size_t& consumed) {
  std::string w0 = StripPunct(words[i]);
  // 20220210
  if (w0.size() == 8 && text::AllAsciiDigits(w0)) {
    consumed = 1;
    return IsoDate(text::DigitsValue(w0.substr(0, 4)), text::DigitsValue(w0.substr(4, 2)),
                   text::DigitsValue(w0.substr(6, 2)));
  }
  // 2022-02-23, 2022/02/23, 2022.02.23, with an optional "T10:00:00Z" tail.
  if (w0.size() >= 10 && text::AllAsciiDigits(w0.substr(0, 4)) && (w0[4] == '-' || w0[4] == '/' || w0[4] == '.') &&
      w0[7] == w0[4] && text::AllAsciiDigits(w0.substr(5, 2)) && text::AllAsciiDigits(w0.substr(8, 2)) &&
      (w0.size() == 10 || w0[10] == 't')) {
    consumed = 1;
    return IsoDate(text::DigitsValue(w0.substr(0, 4)), text::DigitsValue(w0.substr(5, 2)),
                   text::DigitsValue(w0.substr(8, 2)));
  }
  // 02/23/2022 (US order) or 23.02.2022 (European order with dots).
  if (w0.size() >= 8 && w0.size() <= 10) {
    char sep = w0.find('/') != std::string::npos ? '/' : (w0.find('.') != std::string::npos ? '.' : 0);
    size_t a = sep ? w0.find(sep) : std::string::npos;
    size_t b = sep ? w0.find(sep, a + 1) : std::string::npos;
    if (a != std::string::npos && b != std::string::npos && text::AllAsciiDigits(w0.substr(0, a)) &&
        text::AllAsciiDigits(w0.substr(a + 1, b - a - 1)) && text::AllAsciiDigits(w0.substr(b + 1)) &&
        w0.size() - b - 1 == 4) {
      int x = text::DigitsValue(w0.substr(0, a)), y = text::DigitsValue(w0.substr(a + 1, b - a - 1)),
          year = text::DigitsValue(w0.substr(b + 1));
      consumed = 1;
      return sep == '/' ? IsoDate(year, x, y) : IsoDate(year, y, x);
    }
  }
  // February 23, 2022 / Feb. 23 2022
  if (auto month = text::MonthNumber(w0); month && i + 2 < words.size()) {
    std::string d = StripPunct(words[i + 1]);
    std::string y = StripPunct(words[i + 2]);
    for (const char* suffix : {"st", "nd", "rd", "th"})
      if (d.size() > 2 && d.ends_with(suffix)) d.resize(d.size() - 2);
    if (text::AllAsciiDigits(d) && d.size() <= 2 && text::AllAsciiDigits(y) && y.size() == 4) {
      consumed = 3;
      return IsoDate(text::DigitsValue(y), *month, text::DigitsValue(d));
    }
  }
  // 23 February 2022
  if (text::AllAsciiDigits(w0) && w0.size() <= 2 && i + 2 < words.size()) {
    auto month = text::MonthNumber(StripPunct(words[i + 1]));
    std::string y = StripPunct(words[i + 2]);
    if (month && text::AllAsciiDigits(y) && y.size() == 4) {
      consumed = 3;
      return IsoDate(text::DigitsValue(y), *month, text::DigitsValue(w0));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> IsoDate(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day > max_day) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

std::optional<std::string> ParseDateLine(std::string_view line) {
  if (line.size() > 120 || line.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
  std::vector<std::string_view> words = HeaderWords(line);
  if (words.empty() || words.size() > 14) return std::nullopt;
  size_t i = 0;
  while (i < words.size() && IsDatePrefix(StripPunct(words[i]))) ++i;
  // Times may come before the date ("Updated 4:15 PM ET, Thu February 10, 2022").
  std::optional<std::string> date;
  for (; i < words.size(); ++i) {
    size_t consumed = 0;
    if (auto d = DateAt(words, i, consumed)) {
      if (date) return std::nullopt;  // two dates: not a plain date line
      date = d;
      i += consumed - 1;
      continue;
    }
    std::string w = StripPunct(words[i]);
    if (IsDatePrefix(w) || IsTimeOrZone(words[i])) continue;
    return std::nullopt;  // a word that is neither date nor time: a sentence
  }
  return date;
}

std::optional<std::string> DateFromUrl(std::string_view url) {
  // Look for /YYYY/MM/DD/ or /YYYY-MM-DD or /YYYYMMDD/ in the path.
  size_t path = url.find("://");
  path = url.find('/', path == std::string_view::npos ? 0 : path + 3);
  if (path == std::string_view::npos) return std::nullopt;
  std::string_view p = url.substr(path);
  for (size_t i = 0; i + 10 <= p.size(); ++i) {
    if (p[i] != '/' && p[i] != '-' && p[i] != '_') continue;
    std::string_view s = p.substr(i + 1);
    if (s.size() >= 10 && text::AllAsciiDigits(s.substr(0, 4)) && (s[4] == '/' || s[4] == '-') && s[7] == s[4] &&
        text::AllAsciiDigits(s.substr(5, 2)) && text::AllAsciiDigits(s.substr(8, 2))) {
      if (auto d = IsoDate(text::DigitsValue(s.substr(0, 4)), text::DigitsValue(s.substr(5, 2)),
                           text::DigitsValue(s.substr(8, 2))))
        return d;
    }
    if (s.size() >= 9 && text::AllAsciiDigits(s.substr(0, 8)) && (s[8] == '/' || s[8] == '-' || s[8] == '_')) {
      if (auto d = IsoDate(text::DigitsValue(s.substr(0, 4)), text::DigitsValue(s.substr(4, 2)),
                           text::DigitsValue(s.substr(6, 2))))
        return d;
    }
  }
  return std::nullopt;
}

std::optional<std::string> UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    if (url.rfind("www.", 0) != 0) return std::nullopt;
    scheme = 0;
  } else {
    scheme += 3;
  }
  size_t end = url.find_first_of("/?#:", scheme);
  std::string host =
      text::AsciiLowered(url.substr(scheme, end == std::string_view::npos ? url.size() - scheme : end - scheme));
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  if (host.empty() || host.find('.') == std::string::npos) return std::nullopt;
  return host;
}

std::optional<std::string> OutletFromUrl(std::string_view url) {
  std::optional<std::string> host = UrlHost(url);
  if (!host) return std::nullopt;
  std::vector<std::string> labels;
  size_t start = 0;
  while (true) {
    size_t dot = host->find('.', start);
    labels.push_back(host->substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (labels.size() < 2) return host;
  // Country-code domains with a generic second level: bbc.co.uk, abc.net.au.
  static const char* kSecondLevel[] = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic", "mil"};
  size_t keep = 2;
  const std::string& second = labels[labels.size() - 2];
  if (labels.back().size() == 2 && labels.size() >= 3) {
    for (const char* s : kSecondLevel)
      if (second == s) keep = 3;
  }
  std::string out;
  for (size_t i = labels.size() - keep; i < labels.size(); ++i) {
    if (!out.empty()) out += '.';
    out += labels[i];
  }
  return out;
}

bool IsUrlLine(std::string_view line) {
  if (line.size() >= 2 && line.front() == '<' && line.back() == '>') line = line.substr(1, line.size() - 2);
  if (line.empty() || line.find(' ') != std::string_view::npos) return false;
  return line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0 || line.rfind("www.", 0) == 0;
}

std::string UrlOfLine(std::string_view line) {
  if (line.size() >= 2 && line.front() == '<' && line.back() == '>') line = line.substr(1, line.size() - 2);
  return std::string(line);
}

bool IsHttpUrl(std::string_view url) {
  if (!text::StartsWithNoCase(url, "http://") && !text::StartsWithNoCase(url, "https://")) return false;
  // No spaces or controls (C0, DEL, C1) and valid UTF-8: an address as written in
  // a page, never text that merely starts like one.
  for (size_t i = 0; i < url.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < url.size() && static_cast<unsigned char>(url[i + 1]) <= 0x9F) return false;
  }
  return text::IsValidUtf8(url);
}

std::string CleanMetadataValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    // U+0080..U+009F, the C1 controls, are C2 80..C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      ++i;
      continue;
    }
    const bool space = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    // Bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) and
    // the marks U+200E, U+200F: they reorder what a reader sees around them.
    if (c == 0xE2 && i + 2 < value.size()) {
      const unsigned char b = static_cast<unsigned char>(value[i + 1]), d = static_cast<unsigned char>(value[i + 2]);
      if ((b == 0x80 && (d == 0x8E || d == 0x8F || (d >= 0xAA && d <= 0xAE))) || (b == 0x81 && d >= 0xA6 && d <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    if (c == 0x1B) {
      i += text::EscapeSequenceLength(value, i) - 1;
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    out += static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string UrlKey(std::string_view url) {
  std::string_view u = url;
  if (size_t hash = u.find('#'); hash != std::string_view::npos) u = u.substr(0, hash);
  const size_t scheme_end = u.find("://");
  if (scheme_end == std::string_view::npos) return std::string(u);
  const std::string scheme = text::AsciiLowered(u.substr(0, scheme_end));
  std::string_view rest = u.substr(scheme_end + 3);
  const size_t host_end = rest.find_first_of("/?");
  std::string host = text::AsciiLowered(rest.substr(0, host_end));
  if ((scheme == "http" && host.size() > 3 && host.compare(host.size() - 3, 3, ":80") == 0) ||
      (scheme == "https" && host.size() > 4 && host.compare(host.size() - 4, 4, ":443") == 0))
    host.resize(host.rfind(':'));
  std::string_view after = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
  std::string_view path = after.substr(0, after.find('?'));
  std::string_view query = after.find('?') == std::string_view::npos ? std::string_view() : after.substr(after.find('?') + 1);
  std::string out = scheme;
  out += "://";
  out += host;
  out += path;
  while (out.size() > scheme.size() + 3 + host.size() && out.back() == '/') out.pop_back();
  std::string kept;
  for (size_t b = 0; b < query.size();) {
    size_t e = query.find('&', b);
    if (e == std::string_view::npos) e = query.size();
    std::string_view param = query.substr(b, e - b);
    b = e + 1;
    const std::string name = text::AsciiLowered(param.substr(0, param.find('=')));
    if (param.empty() || name.rfind("utm_", 0) == 0 || name == "fbclid" || name == "gclid" || name == "mc_cid" ||
        name == "mc_eid" || name == "ocid" || name == "cmpid" || name == "smid" || name == "ref")
      continue;
    kept += kept.empty() ? '?' : '&';
    kept += param;
  }
  return out + kept;
}

}  // namespace crosscheck::ingest
