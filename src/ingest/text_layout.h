// Layout of a plain-text news report: which lines are the article, which are its
// header (title, date, address, byline) and which are site furniture to drop.
//
// Text saved from news sites mixes the article with what surrounded it on the page:
// breadcrumbs above the headline, photo captions and credits, "SEE ALSO" links,
// promo boxes, agency credit lines and "Original url:" trailers. This stage reads
// the lines in three passes:
//   1. lines -> paragraphs: blank lines separate paragraphs; inside a block,
//      hard-wrapped lines are joined, and a paragraph that stops mid-sentence is
//      joined to a next one starting in lowercase (a quotation broken in two);
//   2. the header zone (from the top until the first body paragraph): explicit
//      front matter ("Title:", "Date:", "URL:", "Outlet:") wins; otherwise URL and
//      date lines, breadcrumbs, captions, credits, bylines and the headline;
//   3. the body and tail: "SEE ALSO" links, promo, captions, credits, trailers.
// It decides, it does not rewrite: paragraphs are lists of line spans into the
// normalized text, which later stages clean and join.
#ifndef CROSSCHECK_INGEST_TEXT_LAYOUT_H_
#define CROSSCHECK_INGEST_TEXT_LAYOUT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"

namespace crosscheck::ingest {

struct LayoutParagraph {
  std::vector<Span> lines;  // trimmed lines of the normalized text, in order
};

struct LayoutDrop {
  LayoutParagraph paragraph;
  DropReason reason;
};

struct TextLayout {
  std::vector<LayoutParagraph> paragraphs;  // the article body
  std::vector<LayoutDrop> dropped;          // in input order
  std::optional<LayoutParagraph> title;     // headline lines (from the text)
  std::optional<std::string> front_title;   // headline given by front matter
  std::optional<std::string> url;
  std::optional<std::string> published;     // ISO date
  std::optional<std::string> outlet;        // only from front matter
  std::vector<std::string> authors;
  std::vector<std::string> wire_credits;
};

struct LayoutOptions {
  // Look for a header zone (title, date, URL lines, bylines, captions) at the top.
  // Off for formats whose metadata come from markup (SGML, HTML).
  bool header = true;
  // Drop site furniture in the body and tail (promo, "SEE ALSO", credits, trailers).
  bool furniture = true;
  // Join a paragraph that stops mid-sentence to the next when that starts in
  // lowercase (a blank line that broke a sentence). Off where paragraphs come from
  // markup: a list item after "with these changes:" is not a broken sentence.
  bool join_broken_paragraphs = true;
  // The headline when the container gives it (a JSONL "title"): the text's first
  // lines are then the body, and a line is the headline only when it repeats this
  // one, so a lede that merely looks like a headline stays in the article.
  std::optional<std::string> known_title;
};

// `text` is normalized (normalize.h): LF line ends, plain quotes and spaces.
TextLayout ReadTextLayout(std::string_view text, RepairCounts& repairs, const LayoutOptions& options = {});

// The paragraph's lines joined by single spaces, runs of spaces collapsed.
std::string JoinLines(std::string_view text, const LayoutParagraph& p);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_TEXT_LAYOUT_H_
