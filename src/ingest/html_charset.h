// The bytes of a web page as UTF-8.
//
//   std::string encoding;
//   std::vector<std::string> warnings;
//   std::optional<std::string> utf8 = ingest::DecodeHtmlToUtf8(bytes, encoding, warnings);
//   std::string_view page = utf8 ? *utf8 : bytes;   // nullopt: the bytes are UTF-8 already
//
// Valid UTF-8 is read as UTF-8 whatever the page declares; other bytes in the
// declared charset (iconv), Windows-1252 when none is declared, when the label
// is Latin-1 or ASCII, or when iconv does not know it. Never fails: bytes the
// charset cannot read become U+FFFD, and each repair adds a warning.
#ifndef CROSSCHECK_INGEST_HTML_CHARSET_H_
#define CROSSCHECK_INGEST_HTML_CHARSET_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::ingest {

// `bytes` without a UTF-8 byte order mark. `encoding` is set to what the bytes
// were read as ("UTF-8", "WINDOWS-1252", "iso-8859-7", ...).
std::optional<std::string> DecodeHtmlToUtf8(std::string_view bytes, std::string& encoding,
                                            std::vector<std::string>& warnings);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_HTML_CHARSET_H_
