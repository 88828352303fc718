// Inline cleaning of one paragraph: its lines joined by single spaces, runs of
// spaces collapsed, and markdown residue reduced to the words a reader saw:
// "[said](#)" -> "said", "[U.S. Sanctions Russia](https://...)" -> its text,
// "![photo](img.jpg)" -> nothing; typewriter double quotes, two apostrophes or two
// backticks (``so'' in wire copy), become one '"'.
#ifndef CROSSCHECK_TEXT_INLINE_CLEAN_H_
#define CROSSCHECK_TEXT_INLINE_CLEAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "text/mapped_text.h"

namespace crosscheck::text {

// Appends the cleaned paragraph made of `lines` (spans of src) to `out`.
void AppendCleanParagraph(const MappedText& src, const std::vector<Span>& lines, MappedText& out,
                          RepairCounts& repairs);

// The same for a single string without offsets (titles, front matter values).
std::string CleanInline(std::string_view s);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_INLINE_CLEAN_H_
