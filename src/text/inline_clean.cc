#include "text/inline_clean.h"

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
  size_t paren = close + 2;
  while (paren < end && text[paren] != ')' && text[paren] != ' ' && paren - close < 2048) ++paren;
  if (paren >= end || text[paren] != ')') return false;
  tb = open + 1;
  te = close;
  link_end = paren + 1;
  return true;
}

}  // namespace

void AppendCleanParagraph(const MappedText& src, const std::vector<Span>& lines, MappedText& out,
                          RepairCounts& repairs) {
  const std::string& t = src.text();
  for (size_t li = 0; li < lines.size(); ++li) {
    size_t b = lines[li].begin, e = lines[li].end;
    if (li > 0) out.AppendReplacement(src, lines[li - 1].end, b, " ");
    size_t copied = b;
    for (size_t i = b; i < e; ++i) {
      if (t[i] == ' ' && i + 1 < e && t[i + 1] == ' ') {
        size_t j = i;
        while (j < e && t[j] == ' ') ++j;
        out.AppendCopy(src, copied, i + 1);  // keep one space
        repairs.Add(Repair::kSpaces);
        copied = j;
        i = j - 1;
        continue;
      }
      if (t[i] == '[' || (t[i] == '!' && i + 1 < e && t[i + 1] == '[')) {
        size_t tb, te, link_end;
        bool image;
        if (MatchMarkdownLink(t, i, e, tb, te, link_end, image)) {
          out.AppendCopy(src, copied, i);
          if (!image) out.AppendCopy(src, tb, te);
          repairs.Add(Repair::kMarkdownLinks);
          copied = link_end;
          i = link_end - 1;
        }
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
