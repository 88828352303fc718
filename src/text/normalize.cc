#include "text/normalize.h"

#include "text/ascii.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace crosscheck::text {
Status CheckTextBytes(std::string_view raw) {
  if (raw.size() >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') ||
                          (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
    return Status(StatusCode::kUnsupportedFormat,
                  "looks like UTF-16 text (byte order mark); convert it to UTF-8 first, "
                  "e.g. iconv -f UTF-16 -t UTF-8");
  }
  size_t nul = raw.find('\0');
  if (nul != std::string_view::npos) {
    // UTF-16 or UTF-32 text without a mark: letters and NULs side by side, most
    // of the first pairs holding exactly one NUL ("T\0h\0e\0"); all NULs
    // (/dev/zero, a sparse file) or scattered ones are binary data.
    size_t pairs = 0, mixed = 0;
    for (size_t i = 0; i + 1 < raw.size() && pairs < 64; i += 2, ++pairs)
      mixed += (raw[i] == '\0') != (raw[i + 1] == '\0');
    const bool utf16ish = pairs >= 2 && mixed * 5 >= pairs * 4;
    return Status(StatusCode::kInvalidInput,
                  utf16ish ? "looks like UTF-16 or UTF-32 text (NUL bytes between letters); "
                             "convert it to UTF-8 first"
                           : "looks like a binary file (NUL byte), not text; crosscheck reads "
                             "UTF-8 news text",
                  "", nul);
  }
  return Status::Ok();
}

namespace {

// Windows-1252 bytes 0x80..0x9F; 0 marks the five bytes it leaves undefined.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

enum class Encoding { kUtf8, kCp1252 };

bool IsPlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x7F) || c == '\n'; }

// What a code point becomes for analysis, when it is one of the typographic
// characters we make plain. Sets `kind`; returns false for ordinary characters.
bool PlainReplacement(char32_t cp, std::string_view& out, Repair& kind) {
  switch (cp) {
    // Single quotes and apostrophes, including U+02BC MODIFIER LETTER APOSTROPHE
    // that some sites use for the apostrophe and U+2032 PRIME used as one.
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x2039: case 0x203A: case 0xFF07:
      out = "'"; kind = Repair::kQuotes; return true;
    // Double quotes and guillemets.
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB: case 0xFF02: case 0x301D: case 0x301E:
      out = "\""; kind = Repair::kQuotes; return true;
    // Hyphens, figure and en dashes, minus: a single hyphen.
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63:
    case 0xFF0D:
      out = "-"; kind = Repair::kDashes; return true;
    // Em dash, horizontal bar, two- and three-em dashes: "--", as typed in plain text.
    case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B:
      out = "--"; kind = Repair::kDashes; return true;
    // No-break, fixed-width and ideographic spaces.
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000:
      out = " "; kind = Repair::kSpaces; return true;
    // U+00AD SOFT HYPHEN only marks where a word may break; zero-width spaces,
    // joiners, word joiner, BOM inside text and U+180E only steer layout.
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x180E: case 0xFFFC:
      out = ""; kind = Repair::kInvisible; return true;
    case 0x2026:
      out = "..."; kind = Repair::kEllipses; return true;
    // NEXT LINE, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks in disguise.
    case 0x0085: case 0x2028:
      out = "\n"; kind = Repair::kLineEndings; return true;
    case 0x2029:
      out = "\n\n"; kind = Repair::kLineEndings; return true;
    default:
      break;
  }
  if (cp >= 0x80 && cp < 0xA0) {  // C1 controls
    out = ""; kind = Repair::kControlChars; return true;
  }
  return false;
}

bool IsHangulJamoTail(char32_t cp) {
  return (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2);
}

// True when a character may change under NFC on its own or with what follows.
bool MayChangeUnderNfc(char32_t cp) {
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  return p->combining_class != 0 || (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) ||
         p->comp_exclusion || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

struct Decoded {
  char32_t cp;
  size_t length;  // bytes consumed
  bool valid;
};

Decoded DecodeAt(std::string_view raw, size_t i, Encoding enc) {
  auto c = static_cast<unsigned char>(raw[i]);
  if (c < 0x80) return {c, 1, true};
  if (enc == Encoding::kCp1252) {
    if (c >= 0xA0) return {c, 1, true};
    char32_t cp = kCp1252High[c - 0x80];
    return {cp == 0 ? 0xFFFD : cp, 1, cp != 0};
  }
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(raw.data() + i),
                                        static_cast<utf8proc_ssize_t>(raw.size() - i), &cp);
  if (n <= 0) return {0xFFFD, 1, false};
  return {static_cast<char32_t>(cp), static_cast<size_t>(n), true};
}

std::string Encode(char32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  return std::string(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
}

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Index of the first byte >= 0x80 at or after `i`, or raw.size().
size_t FirstNonAscii(std::string_view raw, size_t i) {
  while (i + 8 <= raw.size() && (Load8(raw.data() + i) & kHighs) == 0) i += 8;
  while (i < raw.size() && static_cast<unsigned char>(raw[i]) < 0x80) ++i;
  return i;
}

// Length of the run of printable ASCII at raw[i...] (no controls, no DEL, no high
// bytes), eight bytes at a time.
size_t PrintableRun(std::string_view raw, size_t i) {
  size_t j = i;
  while (j + 8 <= raw.size()) {
    uint64_t x = Load8(raw.data() + j);
    uint64_t below_space = (x - kOnes * 0x20) & ~x;     // a byte < 0x20 (or >= 0x80)
    uint64_t del = ((x ^ (kOnes * 0x7F)) - kOnes) & ~(x ^ (kOnes * 0x7F));  // a byte == 0x7F
    if (((below_space | del | x) & kHighs) != 0) break;
    j += 8;
  }
  while (j < raw.size() && IsPlainAscii(static_cast<unsigned char>(raw[j])) && raw[j] != '\n') ++j;
  return j - i;
}

// Looks at the bytes and decides how to read them, or why not.
Result<Encoding> Sniff(std::string_view raw, std::vector<std::string>& warnings) {
  if (Status s = CheckTextBytes(raw); !s.ok()) return s;
  // Plain ASCII (the common case) needs no further look; control bytes are counted
  // while normalizing.
  if (FirstNonAscii(raw, 0) == raw.size()) return Encoding::kUtf8;
  size_t multibyte = 0, invalid = 0, high = 0;
  for (size_t i = FirstNonAscii(raw, 0); i < raw.size(); i = FirstNonAscii(raw, i)) {
    ++high;
    Decoded d = DecodeAt(raw, i, Encoding::kUtf8);
    if (d.valid) {
      ++multibyte;
    } else {
      ++invalid;
    }
    i += d.length;
  }
  if (invalid == 0) return Encoding::kUtf8;
  if (multibyte == 0) {
    warnings.push_back("not valid UTF-8; decoded as Windows-1252 (" + std::to_string(high) +
                       " non-ASCII bytes)");
    return Encoding::kCp1252;
  }
  if (invalid * 2 > high && high > 64) {
    return Status(StatusCode::kInvalidInput,
                  "mostly invalid UTF-8 (" + std::to_string(invalid) + " bad sequences); is it "
                  "text in another encoding or a compressed file?");
  }
  warnings.push_back(std::to_string(invalid) + " invalid UTF-8 byte(s) replaced with U+FFFD");
  return Encoding::kUtf8;
}

}  // namespace

Result<MappedText> Normalize(std::string_view raw, RepairCounts& repairs,
                             std::vector<std::string>& warnings) {
  if (raw.empty()) return Status(StatusCode::kInvalidInput, "empty file (0 bytes); nothing to read");
  Result<Encoding> enc = Sniff(raw, warnings);
  if (!enc.ok()) return enc.status();
  const Encoding encoding = enc.value();

  const uint32_t controls_before = repairs[Repair::kControlChars];
  MappedText out;
  out.Reserve(raw.size() + raw.size() / 16);
  size_t i = 0;
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 byte order mark: carries nothing
    repairs.Add(Repair::kByteOrderMark);
    i = 3;
  }
  const auto u32 = [](size_t v) { return static_cast<uint32_t>(v); };
  while (i < raw.size()) {
    // Fast path: a run of printable ASCII and newlines is copied as is.
    size_t j = i;
    while (j < raw.size()) {
      j += PrintableRun(raw, j);
      if (j < raw.size() && raw[j] == '\n') {
        ++j;
        continue;
      }
      break;
    }
    if (j > i && j < raw.size() && static_cast<unsigned char>(raw[j]) >= 0x80) {
      // A combining mark after ASCII ("e" + U+0301) composes with it: leave the
      // last ASCII character to the slow path below.
      Decoded next = DecodeAt(raw, j, encoding);
      if (next.valid && utf8proc_get_property(static_cast<utf8proc_int32_t>(next.cp))->combining_class != 0) --j;
    }
    if (j > i) {
      out.AppendFromOriginal(u32(i), u32(j), raw.substr(i, j - i), true);
      i = j;
      continue;
    }
    auto c = static_cast<unsigned char>(raw[i]);
    if (c == '\r') {
      size_t n = (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      out.AppendFromOriginal(u32(i), u32(i + n), "\n", false);
      repairs.Add(Repair::kLineEndings);
      i += n;
      continue;
    }
    if (c == '\t' || c == '\f' || c == '\v') {
      out.AppendFromOriginal(u32(i), u32(i + 1), " ", false);
      repairs.Add(Repair::kSpaces);
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      repairs.Add(Repair::kControlChars);
      i += c == 0x1B ? EscapeSequenceLength(raw, i) : 1;
      continue;
    }
    Decoded d = DecodeAt(raw, i, encoding);
    if (!d.valid) repairs.Add(encoding == Encoding::kUtf8 ? Repair::kInvalidUtf8 : Repair::kLegacyEncoding);
    std::string_view plain;
    Repair kind;
    if (PlainReplacement(d.cp, plain, kind)) {
      out.AppendFromOriginal(u32(i), u32(i + d.length), plain, false);
      repairs.Add(kind);
      i += d.length;
      continue;
    }
    // Gather the character with the combining marks that follow it.
    size_t end = i + d.length;
    bool may_change = MayChangeUnderNfc(d.cp);
    while (end < raw.size() && static_cast<unsigned char>(raw[end]) >= 0x80) {
      Decoded next = DecodeAt(raw, end, encoding);
      const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(next.cp));
      if (!next.valid || (p->combining_class == 0 && !IsHangulJamoTail(next.cp))) break;
      may_change = true;
      end += next.length;
    }
    std::string chunk;
    if (encoding == Encoding::kUtf8 && d.valid) {
      chunk.assign(raw.substr(i, end - i));
    } else {
      for (size_t k = i; k < end;) {
        Decoded e = DecodeAt(raw, k, encoding);
        chunk += Encode(e.cp);
        k += e.length;
      }
      if (encoding == Encoding::kCp1252) repairs.Add(Repair::kLegacyEncoding);
    }
    if (may_change) {
      utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(chunk.c_str()));
      if (nfc != nullptr) {
        std::string composed(reinterpret_cast<char*>(nfc));
        std::free(nfc);
        if (composed != chunk) {
          repairs.Add(Repair::kNfc);
          chunk = std::move(composed);
          out.AppendFromOriginal(u32(i), u32(end), chunk, false);
          i = end;
          continue;
        }
      }
    }
    bool verbatim = encoding == Encoding::kUtf8 && d.valid;
    out.AppendFromOriginal(u32(i), u32(end), chunk, verbatim);
    i = end;
  }
  uint32_t controls = repairs[Repair::kControlChars] - controls_before;
  if (controls >= 8 && controls * 20 > raw.size()) {
    return Status(StatusCode::kInvalidInput,
                  "looks like a binary file (" + std::to_string(controls) +
                      " control bytes), not text; crosscheck reads UTF-8 news text");
  }
  return out;
}

bool IsValidUtf8(std::string_view s, bool* ascii) {
  bool only_ascii = true;
  for (size_t i = FirstNonAscii(s, 0); i < s.size(); i = FirstNonAscii(s, i)) {
    only_ascii = false;
    Decoded d = DecodeAt(s, i, Encoding::kUtf8);
    if (!d.valid) return false;
    i += d.length;
  }
  if (ascii != nullptr) *ascii = only_ascii;
  return true;
}

}  // namespace crosscheck::text
