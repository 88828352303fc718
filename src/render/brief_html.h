// The pieces of the HTML brief that guard it against article text, exposed for tests.
#ifndef CROSSCHECK_RENDER_BRIEF_HTML_H_
#define CROSSCHECK_RENDER_BRIEF_HTML_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/brief.h"

namespace crosscheck::render {

// Links out of the page, for a brief served next to its articles (crosscheck
// serve). Empty: the page stands alone, as `brief --format html` writes it.
struct HtmlLinks {
  // The page of a brief article (by its id in the brief), given the sentence a
  // chip cites from it (nullptr: the article as a whole); nullopt for an article
  // without one. A chip then leads there instead of to the sources section. The
  // page escapes what this returns.
  std::function<std::optional<std::string>(const std::string& article_id, const std::string* sentence)> article_page;
  // Where the "All stories" link of the masthead leads; none when empty.
  std::string home;
  // A line for the reader under the masthead's counts (plain text); none when empty.
  std::string notice;
};

// The page of BriefToHtml with these links.
std::string BriefToHtml(const Brief& brief, const HtmlLinks& links);

// Text for HTML element content and quoted attribute values: & < > " ' become
// character references; C0 and C1 control characters other than tab and newline
// are dropped (they have no business in a page and some parsers trip on them), and
// so are the bidi embedding, override and isolate controls (they would reorder the
// page around the text). Every string from an article reaches the page through
// this function.
std::string EscapeHtml(std::string_view text);

// `url` when it may be a link target: an absolute http or https address with a
// host and no spaces, controls, quotes, angle brackets or backslashes; nullopt
// otherwise ("javascript:", "data:", relative or protocol-relative addresses).
// The caller still escapes it.
std::optional<std::string> LinkTarget(std::string_view url);

// The stylesheet the page embeds, and its Content-Security-Policy source
// ("'sha256-...'"), which lets this stylesheet apply and nothing else.
std::string_view HtmlStylesheet();
std::string HtmlStylesheetHash();

}  // namespace crosscheck::render

#endif  // CROSSCHECK_RENDER_BRIEF_HTML_H_
