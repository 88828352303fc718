// Article: one news report after extraction, cleaning and segmentation.
//
//   crosscheck::Article a = ...;                // from crosscheck::Extractor
//   for (const crosscheck::Sentence& s : a.sentences)
//     std::cout << a.Slice(s.span) << "\n";      // the cleaned sentence
//   crosscheck::Span where = a.offsets.ToOriginal(a.sentences[0].span);
//   std::string_view as_read = a.SliceOriginal(where);
//
// `text` is the cleaned article: its paragraphs joined by a blank line ("\n\n").
// Every span (paragraph, sentence, token) indexes `text`; `offsets` maps any of
// them back to the bytes of `raw`, the input exactly as read. Lines that are not
// part of the article (captions, promo, "SEE ALSO" links, credits) are not in
// `text` but listed in `dropped` with their reason, so nothing vanishes unseen.
#ifndef CROSSCHECK_ARTICLE_H_
#define CROSSCHECK_ARTICLE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/offset_map.h"

namespace crosscheck {

// What cleaning changed, by kind. Names (RepairName) are the keys of "repairs" in
// crosscheck's JSON output.
enum class Repair : uint8_t {
  kInvalidUtf8,          // a byte sequence that is not UTF-8, replaced by U+FFFD
  kLegacyEncoding,       // a byte decoded as Windows-1252 because the file is not UTF-8
  kByteOrderMark,        // a leading U+FEFF removed
  kLineEndings,          // CR LF or CR turned into LF
  kControlChars,         // C0/C1 control characters removed
  kNfc,                  // a character sequence recomposed to Unicode NFC
  kQuotes,               // curly or typographic quotes made straight
  kDashes,               // en/em dashes and hyphen variants made ASCII
  kSpaces,               // unusual spaces, tabs and runs of spaces made one space
  kInvisible,            // zero-width characters and soft hyphens removed
  kEllipses,             // U+2026 written as "..."
  kMarkdownLinks,        // "[said](#)" reduced to "said"
  kJoinedLines,          // hard-wrapped lines of one paragraph joined
  kJoinedParagraphs,     // a paragraph broken mid-sentence joined to its rest
  kPunctuationSpacing,   // a missing space after punctuation restored ("US.He")
  kGluedWords,           // words run together split apart ("Ukraineby")
  kCount,
};
constexpr size_t kRepairKinds = static_cast<size_t>(Repair::kCount);
const char* RepairName(Repair repair);

struct RepairCounts {
  std::array<uint32_t, kRepairKinds> counts{};
  void Add(Repair r, uint32_t n = 1) { counts[static_cast<size_t>(r)] += n; }
  uint32_t operator[](Repair r) const { return counts[static_cast<size_t>(r)]; }
  uint32_t total() const;
};

// Why a line of the input is not in the article text.
enum class DropReason : uint8_t {
  kFrontMatter,   // a "Key: value" header line; its value is in the metadata
  kTitle,         // the headline; in Article::title
  kDateLine,      // the publication date line; in Article::published
  kUrlLine,       // the article's address; in Article::url
  kByline,        // "By ..." line; in Article::authors
  kBreadcrumb,    // site navigation ("News / World")
  kCaption,       // a photo caption
  kPhotoCredit,   // a photo credit ("The White House / flickr")
  kSeeAlso,       // a link to another article ("SEE ALSO: ...", "Related article: ...")
  kPromo,         // site promotion ("click here", "follow our live coverage")
  kTrailer,       // leftover site furniture after the article ends
  kWireCredit,    // agency credits ("(AP, AFP, dpa, Reuters)"); in Article::wire_credits
  kOriginalUrl,   // "Original url:" trailer; the address is in Article::url
  kCount,
};
const char* DropReasonName(DropReason reason);

struct DroppedLine {
  Span original;       // byte range in Article::raw
  std::string text;    // the line, normalized
  DropReason reason;
};

struct Token {
  Span span;           // into Article::text
  Span stem;           // into Article::stems: Snowball stem of the case-folded word; empty for punctuation
  bool is_word = false;
};

struct Sentence {
  Span span;                  // into Article::text
  uint32_t paragraph = 0;     // index into Article::paragraphs
  std::vector<Token> tokens;  // empty when tokenization was turned off
};

struct Article {
  std::string id;                          // "A1", "A2", ... unless the input names one
  std::string path;                        // as given on the command line ("-" for stdin)
  std::string raw;                         // the input bytes, exactly as read

  std::optional<std::string> title;
  std::optional<std::string> outlet;       // site name, or the URL's registrable domain
  std::optional<std::string> url;
  std::optional<std::string> published;    // ISO 8601 date: YYYY-MM-DD (or YYYY-MM, YYYY)
  std::vector<std::string> authors;
  std::vector<std::string> wire_credits;   // agencies credited: "AP", "Reuters", ...
  std::optional<std::string> language;     // as the page declares it ("en-US"); HTML only
  std::string format = "text";             // what `raw` was read as: "text", "sgml" or "html"

  std::string text;                        // cleaned paragraphs joined by "\n\n"
  OffsetMap offsets;                       // text offsets -> raw offsets
  std::vector<Span> paragraphs;
  std::vector<Sentence> sentences;
  std::string stems;                       // every token's stem, back to back (see StemOf)

  std::vector<DroppedLine> dropped;
  RepairCounts repairs;
  std::vector<std::string> warnings;       // repaired problems worth a look ("decoded as Windows-1252")

  std::string_view Slice(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  std::string_view StemOf(const Token& t) const {
    return std::string_view(stems).substr(t.stem.begin, t.stem.end - t.stem.begin);
  }
  std::string_view SliceOriginal(Span s) const {
    return std::string_view(raw).substr(s.begin, s.end - s.begin);
  }
  size_t WordCount() const;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ARTICLE_H_
