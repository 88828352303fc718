// Decoding and character normalization: the first cleaning stage.
//
// Turns the raw bytes of an input into UTF-8 text in Unicode NFC with the
// typography that analysis should not care about made plain: curly quotes become
// straight, en and em dashes become "-" and "--", exotic spaces become " ",
// zero-width characters and soft hyphens disappear, CR LF becomes LF. Every change
// is counted in RepairCounts, and the returned MappedText maps each output byte to
// the input bytes it came from, so the original stays recoverable.
//
// Encoding: UTF-8 is expected. A file with no valid multi-byte UTF-8 sequence but
// bytes >= 0x80 is decoded as Windows-1252 (a superset of Latin-1); stray invalid
// bytes in otherwise UTF-8 text become U+FFFD. Both add a warning.
#ifndef CROSSCHECK_TEXT_NORMALIZE_H_
#define CROSSCHECK_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "crosscheck/status.h"
#include "text/mapped_text.h"

namespace crosscheck::text {

// Fails with kInvalidInput for empty or binary input and kUnsupportedFormat for
// UTF-16/UTF-32; the message says what the bytes look like. `raw` must be the
// original input: offsets of the result refer to it.
Result<MappedText> Normalize(std::string_view raw, RepairCounts& repairs,
                             std::vector<std::string>& warnings);

// The checks Normalize makes before decoding, on the first bytes of an input:
// kUnsupportedFormat for a UTF-16 byte order mark, kInvalidInput for a NUL byte
// (binary data, or UTF-16/UTF-32 without a mark), with the byte's offset. Lets a
// reader stop early instead of reading a binary stream to its end.
Status CheckTextBytes(std::string_view raw);

// True when `s` is valid UTF-8 (no overlong forms, surrogates or cut sequences);
// `ascii`, when given, is set to whether it is plain ASCII.
bool IsValidUtf8(std::string_view s, bool* ascii = nullptr);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_NORMALIZE_H_
