#include "text/inline_clean.h"

#include <algorithm>

namespace crosscheck::text {
namespace {

// If a markdown link or image starts at text[i] ("[" or "!["), returns true and
// sets the link text [tb, te) and the end of the whole construct.
bool MatchMarkdownLink(std::string_view text, size_t i, size_t end, size_t& tb, size_t& te,
                       size_t& link_end, bool& image) {
  image = text[i] == '!';
  size_t open = image ? i + 1 : i;
  if (open >= end || text[open] != '[') return false;
  size_t close = open + 1;
  while (close < end && text[close] != ']' && text[close] != '[' && close - open < 300) ++close;
  if (close >= end || text[close] != ']' || close + 1 >= end || text[close + 1] != '(') return false;
  // The target ends at the ")" that balances "(": Wikipedia-style addresses hold
  // parentheses of their own ("https://en.wikipedia.org/wiki/Mercury_(planet)").
  size_t paren = close + 2;
  int depth = 1;
  for (; paren < end && text[paren] != ' ' && paren - close < 2048; ++paren) {
    if (text[paren] == '(') ++depth;
    if (text[paren] == ')' && --depth == 0) break;
  }
  if (paren >= end || text[paren] != ')' || depth != 0) return false;
  tb = open + 1;
  te = close;
  link_end = paren + 1;
  return true;
}

// The next typewriter double quote at or after `from`: two apostrophes or two
// backticks, as wire copy and old plain text write curly double quotes.
size_t NextQuotePair(std::string_view line, size_t from) {
  return std::min(line.find("''", from), line.find("``", from));
}

}  // namespace

void AppendCleanParagraph(const MappedText& src, const std::vector<Span>& lines, MappedText& out,
                          RepairCounts& repairs) {
  const std::string& t = src.text();
  for (size_t li = 0; li < lines.size(); ++li) {
    size_t b = lines[li].begin, e = lines[li].end;
    if (li > 0) out.AppendReplacement(src, lines[li - 1].end, b, " ");
    size_t copied = b;
    std::string_view line(t.data(), e);  // find() below never looks past the line
    size_t spaces = line.find("  ", b), bracket = line.find('[', b), quotes = NextQuotePair(line, b);
    // Once the text up to `to` is handled, the next place of each kind lies beyond it.
    auto skip_to = [&](size_t to) {
      if (spaces < to) spaces = line.find("  ", to);
      if (bracket < to) bracket = line.find('[', to);
      if (quotes < to) quotes = NextQuotePair(line, to);
    };
    while (true) {
      const size_t next = std::min({spaces, bracket, quotes});
      if (next == std::string_view::npos) break;
      if (next == spaces) {
        size_t j = spaces;
        while (j < e && t[j] == ' ') ++j;
        out.AppendCopy(src, copied, spaces + 1);  // keep one space
        repairs.Add(Repair::kSpaces);
        copied = j;
        skip_to(j);
        continue;
      }
      if (next == quotes) {
        // '' or `` is one double quote. Three apostrophes also close (or open) a
        // single quotation inside the double one: "so-called 'independence'''.
        size_t n = 2;
        while (quotes + n < e && t[quotes + n] == t[quotes]) ++n;
        const bool opening = quotes == b || t[quotes - 1] == ' ' || t[quotes - 1] == '(';
        std::string_view plain;
        if (n == 2) plain = "\"";
        else if (n == 3 && t[quotes] == '\'') plain = opening ? "\"'" : "'\"";
        if (!plain.empty()) {
          out.AppendCopy(src, copied, quotes);
          out.AppendReplacement(src, quotes, quotes + n, plain);
          repairs.Add(Repair::kQuotes);
          copied = quotes + n;
        }
        skip_to(quotes + n);
        continue;
      }
      // A markdown link "[text](target)", or an image when "!" comes before it.
      size_t start = bracket > b && t[bracket - 1] == '!' && bracket - 1 >= copied ? bracket - 1 : bracket;
      size_t tb, te, link_end;
      bool image;
      if (MatchMarkdownLink(t, start, e, tb, te, link_end, image)) {
        out.AppendCopy(src, copied, start);
        if (!image) out.AppendCopy(src, tb, te);
        repairs.Add(Repair::kMarkdownLinks);
        copied = link_end;
        skip_to(link_end);
      } else {
        bracket = line.find('[', bracket + 1);
      }
    }
    out.AppendCopy(src, copied, e);
  }
}

std::string CleanInline(std::string_view s) {
  MappedText src = MappedText::Original(std::string(s));
  MappedText out;
  RepairCounts unused;
  AppendCleanParagraph(src, {{0, static_cast<uint32_t>(s.size())}}, out, unused);
  return out.TakeText();
}

}  // namespace crosscheck::text
