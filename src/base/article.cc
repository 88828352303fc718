#include "crosscheck/article.h"

namespace crosscheck {

const char* RepairName(Repair repair) {
  switch (repair) {
    case Repair::kInvalidUtf8: return "invalid_utf8";
    case Repair::kLegacyEncoding: return "legacy_encoding";
    case Repair::kByteOrderMark: return "byte_order_mark";
    case Repair::kLineEndings: return "line_endings";
    case Repair::kControlChars: return "control_chars";
    case Repair::kNfc: return "nfc";
    case Repair::kQuotes: return "quotes";
    case Repair::kDashes: return "dashes";
    case Repair::kSpaces: return "spaces";
    case Repair::kInvisible: return "invisible_chars";
    case Repair::kEllipses: return "ellipses";
    case Repair::kMarkdownLinks: return "markdown_links";
    case Repair::kJoinedLines: return "joined_lines";
    case Repair::kJoinedParagraphs: return "joined_paragraphs";
    case Repair::kPunctuationSpacing: return "punctuation_spacing";
    case Repair::kGluedWords: return "glued_words";
    case Repair::kCount: break;
  }
  return "unknown";
}

const char* DropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::kFrontMatter: return "front_matter";
    case DropReason::kTitle: return "title";
    case DropReason::kDateLine: return "date_line";
    case DropReason::kUrlLine: return "url_line";
    case DropReason::kByline: return "byline";
    case DropReason::kBreadcrumb: return "breadcrumb";
    case DropReason::kCaption: return "caption";
    case DropReason::kPhotoCredit: return "photo_credit";
    case DropReason::kSeeAlso: return "see_also";
    case DropReason::kPromo: return "promo";
    case DropReason::kTrailer: return "trailer";
    case DropReason::kWireCredit: return "wire_credit";
    case DropReason::kOriginalUrl: return "original_url";
    case DropReason::kCount: break;
  }
  return "unknown";
}

uint32_t RepairCounts::total() const {
  uint32_t sum = 0;
  for (uint32_t c : counts) sum += c;
  return sum;
}

size_t Article::WordCount() const {
  size_t words = 0;
  for (const Sentence& s : sentences)
    for (const Token& t : s.tokens) words += t.is_word;
  if (!sentences.empty() && sentences.front().tokens.empty()) {
    // Not tokenized: count space-separated runs instead.
    bool in_word = false;
    for (char c : text) {
      bool space = c == ' ' || c == '\n';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
  }
  return words;
}

}  // namespace crosscheck
