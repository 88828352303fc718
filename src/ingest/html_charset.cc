// Decoding web pages: UTF-8 when the bytes are valid UTF-8, whatever the page
// declares (declarations are often wrong, and valid UTF-8 is almost never an
// accident); otherwise the charset the page declares, through iconv, with
// Windows-1252 for undeclared, Latin-1 and ASCII labels (as browsers do) and for
// charsets iconv does not know. Bytes the charset cannot read become U+FFFD.
#include "ingest/html_charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#include "text/ascii.h"
#include "text/normalize.h"

namespace crosscheck::ingest {
namespace {

// The charset a page declares in its first bytes (<meta charset>, http-equiv
// Content-Type, an XML declaration), lowercased, or "".
std::string DeclaredCharset(std::string_view html) {
  std::string head = text::AsciiLowered(html.substr(0, 8192));
  for (size_t at = head.find("charset"); at != std::string::npos; at = head.find("charset", at + 7)) {
    size_t i = at + 7;
    while (i < head.size() && text::IsAsciiSpace(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (text::IsAsciiSpace(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    size_t j = i;
    while (j < head.size() && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' || head[j] == '_' ||
                               head[j] == ':' || head[j] == '.'))
      ++j;
    if (j > i) return head.substr(i, j - i);
  }
  size_t xml = head.find("encoding=");
  if (head.rfind("<?xml", 0) == 0 && xml != std::string::npos) {
    size_t i = xml + 9;
    while (i < head.size() && (head[i] == '"' || head[i] == '\'')) ++i;
    size_t j = head.find_first_of("\"' ?", i);
    if (j != std::string::npos && j > i) return head.substr(i, j - i);
  }
  return "";
}

// Converts `bytes` from `charset` to UTF-8 with iconv; bytes it cannot convert
// become U+FFFD. nullopt when iconv does not know the charset.
std::optional<std::string> Iconv(std::string_view bytes, const std::string& charset, size_t& bad) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    if (out.size() - used < 16) out.resize(out.size() * 2);
    char* o = out.data() + used;
    size_t o_left = out.size() - used;
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    used = out.size() - o_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else {  // EILSEQ or EINVAL: one bad byte
      if (out.size() - used < 4) out.resize(out.size() * 2);
      std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
      used += 3;
      ++in;
      --in_left;
      ++bad;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

}  // namespace

std::optional<std::string> DecodeHtmlToUtf8(std::string_view bytes, std::string& encoding,
                                            std::vector<std::string>& warnings) {
  std::string declared = DeclaredCharset(bytes);
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    declared = "utf-16";
  } else if (bool ascii = true; text::IsValidUtf8(bytes, &ascii)) {
    encoding = "UTF-8";
    if (!ascii && !declared.empty() && declared != "utf-8" && declared != "utf8") {
      warnings.push_back("declares charset " + declared + " but is valid UTF-8; read as UTF-8");
    }
    return std::nullopt;
  }
  // Latin-1 and ASCII labels mean Windows-1252, as in browsers.
  std::string charset = declared;
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "iso-8859-1" || charset == "latin1" ||
      charset == "latin-1" || charset == "us-ascii" || charset == "ascii" || charset == "iso8859-1") {
    charset = "windows-1252";
  }
  size_t bad = 0;
  std::optional<std::string> out = Iconv(bytes, charset, bad);
  if (!out) {
    warnings.push_back("declares unknown charset " + declared + "; read as Windows-1252");
    charset = "windows-1252";
    out = Iconv(bytes, charset, bad);
  }
  encoding = text::AsciiLowered(charset) == "windows-1252" ? "WINDOWS-1252" : charset;
  if (declared == "utf-8" || declared == "utf8") {
    warnings.push_back("declares UTF-8 but is not valid UTF-8; read as Windows-1252");
  } else if (declared.empty()) {
    warnings.push_back("not valid UTF-8 and no charset declared; read as Windows-1252");
  }
  if (bad > 0) warnings.push_back(std::to_string(bad) + " byte(s) not valid in " + encoding + " replaced with U+FFFD");
  return out.value_or(std::string());
}

}  // namespace crosscheck::ingest
