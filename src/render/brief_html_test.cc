// The HTML brief: escaping, link targets, and whole pages built from hostile
// briefs, checked by a small scanner that lists every tag and attribute the page
// holds (anything from an article that was not escaped shows up there).
#include "render/brief_html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "base/sha256.h"
#include "crosscheck/brief.h"

namespace crosscheck::render {
namespace {

TEST(EscapeHtml, TurnsMarkupIntoText) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},
      {"plain words", "plain words"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
      {"it's", "it&#39;s"},
      {"AT&T", "AT&amp;T"},
      {"&lt; stays text", "&amp;lt; stays text"},
      {"tab\tand\nnewline", "tab\tand\nnewline"},
      {"bell\x07, esc\x1b[31m, del\x7f", "bell, esc[31m, del"},
      {"C1 \xc2\x9b"
       "csi, \xc2\xa0nbsp kept",
       "C1 csi, \xc2\xa0nbsp kept"},
      {"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0"},
      // RLO, LRE, PDF, RLI, PDI dropped; the RIGHT SINGLE QUOTATION MARK (E2 80 99) and
      // Hebrew letters kept.
      {"txt.\xe2\x80\xae"
       "exe\xe2\x80\xac \xe2\x80\xaa"
       "a\xe2\x81\xa7"
       "b\xe2\x81\xa9 it\xe2\x80\x99s \xd7\xa9\xd7\x9c",
       "txt.exe ab it\xe2\x80\x99s \xd7\xa9\xd7\x9c"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(EscapeHtml(in), out) << in;
  EXPECT_EQ(EscapeHtml(std::string_view("a\0b", 3)), "ab");
}

TEST(LinkTarget, KeepsOnlyAbsoluteHttpAddresses) {
  const std::pair<std::string, bool> cases[] = {
      {"https://news.example/2025/03/story.html", true},
      {"http://news.example/a?b=1&c=2#top", true},
      {"HTTPS://NEWS.EXAMPLE/", true},
      {"javascript:alert(1)", false},
      {"JaVaScRiPt:alert(1)", false},
      {" javascript:alert(1)", false},
      {"data:text/html,<script>alert(1)</script>", false},
      {"vbscript:msgbox", false},
      {"//evil.example/x", false},
      {"/relative/path", false},
      {"news.example/story", false},
      {"https://", false},
      {"https:///path-only", false},
      {"http://a.example/\"onmouseover=\"alert(1)", false},
      {"http://a.example/<script>", false},
      {"http://a.example/ space", false},
      {"http://a.example/\nnext", false},
      {"http://a.example/back\\slash", false},
      {"", false},
  };
  for (const auto& [url, kept] : cases) EXPECT_EQ(LinkTarget(url).has_value(), kept) << url;
}

struct Tag {
  std::string name;
  std::map<std::string, std::string> attributes;
};

// Every tag of `html` with its attributes (quoted values only, as the renderer
// writes them); the text of <style> and of comments is skipped.
std::vector<Tag> ScanTags(const std::string& html) {
  std::vector<Tag> tags;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    Tag tag;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '/' || html[i] == '!'))
      tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
    while (i < html.size() && html[i] != '>') {
      if (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/') {
        ++i;
        continue;
      }
      std::string name;
      while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' && html[i] != '>')
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (i < html.size() && html[i] == '"') {
          const size_t end = html.find('"', i + 1);
          value = html.substr(i + 1, end - i - 1);
          i = end + 1;
        } else {
          while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>')
            value += html[i++];
          name += "(unquoted)";
        }
      }
      tag.attributes[name] = value;
    }
    if (tag.name == "style") i = html.find("</style>", i);
    tags.push_back(std::move(tag));
  }
  return tags;
}

// The tags and attributes the renderer writes; anything else came from an article.
void ExpectOnlyOwnMarkup(const std::string& html) {
  static const std::set<std::string> kTags = {
      "!doctype", "html",     "/html",      "head",        "/head",      "meta",        "title",  "/title", "style",
      "/style",   "body",     "/body",      "header",      "/header",    "main",        "/main",  "footer", "/footer",
      "section",  "/section", "nav",        "/nav",        "h1",         "/h1",         "h2",     "/h2",    "h3",
      "/h3",      "h4",       "/h4",        "p",           "/p",         "br",          "span",   "/span",  "a",
      "/a",       "b",        "/b",         "div",         "/div",       "table",       "/table", "thead",  "/thead",
      "tbody",    "/tbody",   "tr",         "/tr",         "th",         "/th",         "td",     "/td",    "article",
      "/article", "ul",       "/ul",        "ol",          "/ol",        "li",          "/li",    "mark",   "/mark",
      "figure",   "/figure",  "blockquote", "/blockquote", "figcaption", "/figcaption", "svg",    "/svg",   "line",
      "text",     "/text",    "circle",     "time",        "/time"};
  static const std::set<std::string> kAttributes = {
      "lang", "charset",     "http-equiv", "content", "name",       "class",
      "id",   "href",        "rel",        "title",   "aria-label", "aria-describedby",
      "role", "scope",       "datetime",   "viewbox", "x",          "y",
      "x1",   "y1",          "x2",         "y2",      "cx",         "cy",
      "r",    "text-anchor", "html"};
  for (const Tag& tag : ScanTags(html)) {
    EXPECT_TRUE(kTags.count(tag.name)) << "unexpected tag <" << tag.name << ">";
    for (const auto& [name, value] : tag.attributes) {
      EXPECT_TRUE(kAttributes.count(name)) << "unexpected attribute " << name << " in <" << tag.name << ">";
      if (name == "href") {
        EXPECT_TRUE(value.rfind("#", 0) == 0 || value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0)
            << "link to " << value;
      }
    }
  }
}

Brief HostileBrief() {
  const std::string script = "<script>window.__pwned = 1</script>";
  const std::string img = "\"><img src=x onerror=\"window.__pwned=2\">";
  Brief b;
  b.title = script + std::string(200000, 'T') + img;
  b.independent_sources = 2;
  b.first_date = "2025-03-10";
  b.last_date = "2025-03-12";
  b.articles = {{"A1", "in/<b>a1.txt", "Title " + script, "Outlet " + img, "javascript:alert(1)", "2025-03-11", false,
                 120, std::nullopt},
                {"A2\"><svg onload=alert(1)>", "in/a2.txt", "Second ' title", "Outlet </td></tr></table>",
                 "https://ok.example/a?x=1&y=2", "2025-03-12", true, 80, std::nullopt},
                {"A3", "in/a3.txt", std::nullopt, std::nullopt, "https://ok.example/</a><script>", std::nullopt, false,
                 10, "A1"}};
  b.summary = {{"Summary " + script,
                {"A1", "A2\"><svg onload=alert(1)>"},
                2,
                {{"A1", "A1 says " + img}, {"A2\"><svg onload=alert(1)>", "A2 says </span></span>" + script}}}};
  b.facts = {
      {"Fact " + script, {"A1", "A2\"><svg onload=alert(1)>"}, 2, {{"A2\"><svg onload=alert(1)>", "Other " + img}}},
      {"Lone claim </th><script>x()</script>", {"A3"}, 1, {}}};
  b.conflicts = {
      {"number of <i>people</i>",
       {{"A1", "Fact " + script, "<b>4,200</b>"}, {"A3", "Lone claim </th><script>x()</script>", "3,800\"><x"}}}};
  b.quotes = {
      {std::string("Speaker ") + script, "Quoted </blockquote>" + script, {"A1", "A3"}, {{"A3", "Variant " + img}}},
      {std::nullopt, "Nobody's </figure>", {"A2\"><svg onload=alert(1)>"}, {}}};
  b.entities = {{"Name " + img, "person</td>", {"Alias " + script}, 3, {"A1"}}};
  b.timeline = {{"2025-03-10", "Event </title><script>window.__pwned=3</script>", {"A1"}},
                {"2025-03-12\"><x", "Bad date " + img, {"A3"}},
                {"2025-03-12", "Same day ]]><!--", {"A1", "A3"}}};
  return b;
}

TEST(BriefToHtml, HostileTextStaysText) {
  const std::string html = BriefToHtml(HostileBrief());
  ExpectOnlyOwnMarkup(html);
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("<img"), std::string::npos);
  EXPECT_EQ(lower.find("<svg onload"), std::string::npos);
  EXPECT_EQ(lower.find("javascript:"), std::string::npos)
      << "a javascript: address is not shown as a link, nor as text";
  // The escaped forms are there: the reader sees what the article said.
  EXPECT_NE(html.find("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;"), std::string::npos);
  // The huge title arrives whole, once in <title> and once in <h1>.
  size_t runs = 0;
  for (size_t at = html.find(std::string(200000, 'T')); at != std::string::npos;
       at = html.find(std::string(200000, 'T'), at + 1))
    ++runs;
  EXPECT_EQ(runs, 2u);
  // The safe address is a link (escaped), the others are not.
  EXPECT_NE(html.find("href=\"https://ok.example/a?x=1&amp;y=2\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"https://ok.example/&lt;"), std::string::npos);
}

TEST(BriefToHtml, PolicyAllowsTheOwnStylesheetAndNoScript) {
  const std::string html = BriefToHtml(HostileBrief());
  const std::array<uint8_t, 32> digest = Sha256(HtmlStylesheet());
  const std::string hash =
      "'sha256-" + Base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) + "'";
  EXPECT_EQ(HtmlStylesheetHash(), hash);
  const std::string policy =
      "content=\"default-src 'none'; style-src " + hash + "; base-uri 'none'; form-action 'none'\"";
  const size_t meta = html.find(policy);
  ASSERT_NE(meta, std::string::npos);
  // The policy comes before anything from an article.
  EXPECT_LT(meta, html.find("<title>"));
  EXPECT_EQ(html.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(html.find("script-src"), std::string::npos);
  // The stylesheet on the page is byte for byte the hashed one.
  EXPECT_NE(html.find("<style>" + std::string(HtmlStylesheet()) + "</style>"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos) << "no style attribute (the policy would block it)";
}

// The ids of the page and the targets of its links.
std::pair<std::set<std::string>, std::vector<std::string>> IdsAndLinks(const std::string& html) {
  std::set<std::string> ids;
  std::vector<std::string> links;
  for (const Tag& tag : ScanTags(html)) {
    if (auto it = tag.attributes.find("id"); it != tag.attributes.end()) {
      EXPECT_TRUE(ids.insert(it->second).second) << "id " << it->second << " twice";
    }
    if (auto it = tag.attributes.find("href"); it != tag.attributes.end() && it->second.rfind("#", 0) == 0)
      links.push_back(it->second.substr(1));
  }
  return {ids, links};
}

TEST(BriefToHtml, EveryInternalLinkHasItsTargetEvenForHostileIds) {
  const std::string html = BriefToHtml(HostileBrief());
  auto [ids, links] = IdsAndLinks(html);
  EXPECT_GT(links.size(), 10u);
  for (const std::string& link : links) EXPECT_TRUE(ids.count(link)) << "#" << link << " leads nowhere";
}

Brief ExampleBrief() {
  Brief b;
  b.title = "Dam spillway cracks";
  b.independent_sources = 3;
  b.articles = {{"A1", "a1.txt", "One", "Wire", "https://wire.example/1", "2025-03-11", false, 100, std::nullopt},
                {"A2", "a2.txt", "Two", "Courier", std::nullopt, "2025-03-11", false, 100, "A1"},
                {"A3", "a3.txt", "Three", "Ledger", std::nullopt, "2025-03-12", false, 100, std::nullopt},
                {"A4", "a4.txt", "Four", "Post", std::nullopt, "2025-03-12", false, 100, std::nullopt}};
  b.summary = {{"About 4,200 residents were ordered to leave.",
                {"A1", "A2"},
                1,
                {{"A1", "MILLBROOK -- About 4,200 residents were ordered to leave."},
                 {"A2", "About 4,200 residents were ordered to leave on Tuesday."}}},
               {"The hearing is on Friday.", {"A1", "A3", "A4"}, 3, {}}};
  b.facts = {{"The hearing is on Friday.", {"A1", "A3", "A4"}, 3, {{"A3", "A hearing will be held on Friday."}}},
             {"MILLBROOK -- About 4,200 residents were ordered to leave.",
              {"A1", "A2"},
              1,
              {{"A2", "About 4,200 residents were ordered to leave on Tuesday."}}},
             {"Authorities evacuated 3,800 people.", {"A3"}, 1, {}}};
  b.conflicts = {{"number of residents",
                  {{"A1", "MILLBROOK -- About 4,200 residents were ordered to leave.", "About 4,200"},
                   {"A3", "Authorities evacuated 3,800 people.", "3,800"},
                   {"A4", "Some 4,200 people left.", "4,200"}}}};
  b.quotes = {{"Tomas Reyes", "The wall is holding", {"A1", "A3"}, {{"A3", "The main wall is holding"}}},
              {"Maria Okafor", "No one goes home", {"A4"}, {}},
              {"Tomas Reyes", "We are releasing water", {"A1"}, {}}};
  b.timeline = {{"2025-03-11", "Residents left.", {"A1", "A2"}}, {"2025-03-14", "The hearing.", {"A3"}}};
  return b;
}

// The text of the element with id `id` (up to its closing tag; the renderer
// writes cited sentences as plain text).
std::string TextOfId(const std::string& html, const std::string& id) {
  const size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t start = html.find('>', at) + 1;
  return html.substr(start, html.find('<', start) - start);
}

TEST(BriefToHtml, ChipsShowAndLinkEachSourcesOwnSentence) {
  const std::string html = BriefToHtml(ExampleBrief());
  std::vector<std::pair<std::string, std::string>> chips;  // target, tooltip sentence
  const std::string open = "<a class=\"chip\" href=\"#";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    const size_t s = at + open.size();
    const std::string target = html.substr(s, html.find('"', s) - s);
    const size_t text = html.find("<span class=\"tip-text\">", s) + 23;
    chips.emplace_back(target, html.substr(text, html.find('<', text) - text));
  }
  ASSERT_EQ(chips.size(), 13u);  // 5 in the summary, 3 on the conflict sides, 5 on quotations
  for (const auto& [target, sentence] : chips) EXPECT_EQ(TextOfId(html, target), sentence) << target;
  // The summary chip of A2 shows A2's wording, not the summary's.
  EXPECT_NE(html.find("A2 · Courier</span><span class=\"tip-text\">About 4,200 residents were ordered to leave on "
                      "Tuesday.</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"tag single\">single source</span>"), std::string::npos);
}

// Served next to its articles (crosscheck serve): chips and source ids lead to the
// article pages the caller names, escaped; the cited sentences stay listed.
TEST(BriefToHtml, LinksLeadChipsToArticlePagesWhenGiven) {
  HtmlLinks links;
  links.home = "/";
  links.notice = "Briefed from <the latest>";
  std::vector<std::string> asked;
  links.article_page = [&](const std::string& id, const std::string* sentence) -> std::optional<std::string> {
    asked.push_back(id);
    if (id == "A3") return std::nullopt;
    return "/article/" + id + (sentence ? "?cite=\"" + *sentence : std::string());
  };
  const std::string html = BriefToHtml(ExampleBrief(), links);
  EXPECT_EQ(html.find("<a class=\"chip\" href=\"#s-0-"), std::string::npos) << "an A1 chip still leads in-page";
  EXPECT_NE(html.find("<a class=\"chip\" href=\"/article/A1?cite=&quot;"), std::string::npos);
  EXPECT_NE(html.find("<a class=\"article-page\" href=\"/article/A1\">A1</a>"), std::string::npos);
  EXPECT_NE(html.find("<a class=\"home\" href=\"/\">All stories</a>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"note\">Briefed from &lt;the latest&gt;</p>"), std::string::npos);
  EXPECT_NE(std::find(asked.begin(), asked.end(), "A3"), asked.end());
  // Without a page, a chip leads to the sentence in the sources section, as alone.
  EXPECT_NE(html.find("<a class=\"chip\" href=\"#s-2-"), std::string::npos);
  // The standalone page has none of it.
  const std::string alone = BriefToHtml(ExampleBrief());
  EXPECT_EQ(alone.find("/article/"), std::string::npos);
  EXPECT_EQ(alone.find("All stories"), std::string::npos);
}

// The cells of the source matrix, row by row: "S" states, "D" differs, "." silent
// (an empty cell); the column heads' text; the titles of the marks.
struct MatrixCells {
  std::vector<std::string> rows;
  std::vector<std::string> heads;
  std::vector<std::string> titles;  // of the marks, in page order
};
MatrixCells ReadMatrix(const std::string& html) {
  const size_t start = html.find("<table class=\"matrix\">");
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  MatrixCells m;
  // A head: its text, each <span> closed by "|".
  const std::string head = "<th scope=\"col\" class=\"outlet\">";
  for (size_t at = table.find(head); at != std::string::npos; at = table.find(head, at + 1)) {
    const std::string inner = table.substr(at + head.size(), table.find("</th>", at) - at - head.size());
    std::string text;
    bool in_tag = false;
    for (size_t i = 0; i < inner.size(); ++i) {
      if (inner.compare(i, 7, "</span>") == 0) text += '|';
      if (inner[i] == '<') in_tag = true;
      if (!in_tag) text += inner[i];
      if (inner[i] == '>') in_tag = false;
    }
    m.heads.push_back(text);
  }
  const std::regex mark(R"re(<td>(<a class="(states|differs)" href="[^"]*" title="([^"]*)"|</td>))re");
  for (size_t row = table.find("<tr><th scope=\"row\""); row != std::string::npos;
       row = table.find("<tr><th scope=\"row\"", row + 1)) {
    const std::string cells = table.substr(row, table.find("</tr>", row) - row);
    m.rows.emplace_back();
    for (std::sregex_iterator it(cells.begin(), cells.end(), mark), end; it != end; ++it) {
      m.rows.back() += (*it)[2] == "states" ? 'S' : (*it)[2] == "differs" ? 'D' : '.';
      if ((*it)[2].matched) m.titles.push_back((*it)[3]);
    }
  }
  return m;
}

TEST(BriefToHtml, MatrixHasARowPerFactAndAColumnPerOutlet) {
  const Brief b = ExampleBrief();
  const MatrixCells m = ReadMatrix(BriefToHtml(b));
  // Four outlets, one article each. Row 2 (4,200, told by A1 and A2): A3 gives
  // 3,800 (differs), A4 gives 4,200 in another sentence (states). Row 3 (3,800 by
  // A3): A1 and A4 differ, A2 (its claim is A1's copy, not in the conflict) is silent.
  EXPECT_EQ(m.heads, (std::vector<std::string>{"Wire|A1|", "Courier|A2|", "Ledger|A3|", "Post|A4|"}));
  EXPECT_EQ(m.rows, (std::vector<std::string>{"S.SS", "SSDS", "D.SD"}));
  EXPECT_NE(std::find(m.titles.begin(), m.titles.end(), "A3: 3,800"), m.titles.end());
}

TEST(BriefToHtml, MatrixFoldsTheArticlesOfAnOutletIntoOneColumn) {
  // Wire and "WIRE" are one outlet; an article naming none is a column of its own
  // with its copies (the brief's source), labelled by its id.
  Brief b = ExampleBrief();
  b.articles = {{"A1", "a1.txt", "One", "Wire", std::nullopt, "2025-03-11", false, 100, std::nullopt, "A1"},
                {"A2", "a2.txt", "Two", "WIRE", std::nullopt, "2025-03-11", false, 100, std::nullopt, "A1"},
                {"A3", "a3.txt", "Three", std::nullopt, std::nullopt, "2025-03-12", false, 100, std::nullopt, "A3"},
                {"A4", "a4.txt", "Four", std::nullopt, std::nullopt, "2025-03-12", false, 100, "A3", "A3"},
                {"A5", "a5.txt", "Five", "", std::nullopt, "2025-03-12", false, 100, std::nullopt, "A5"}};
  b.facts = {{"The hearing is on Friday.", {"A2", "A4"}, 2, {}},
             {"About 4,200 residents were ordered to leave.", {"A1", "A5"}, 2, {}},
             {"Officials counted 3,800 residents.", {"A3"}, 1, {}},
             {"The spillway cracked.", {"A5"}, 1, {}}};
  b.conflicts = {{"number of residents",
                  {{"A1", "About 4,200 residents were ordered to leave.", "About 4,200"},
                   {"A2", "Some 3,900 left the town.", "3,900"},
                   {"A3", "Officials counted 3,800 residents.", "3,800"},
                   {"A5", "About 4,200 residents were ordered to leave.", "4,200"}}}};
  const MatrixCells m = ReadMatrix(BriefToHtml(b));
  EXPECT_EQ(m.heads, (std::vector<std::string>{"Wire|A1 A2|", "A3|A3 A4|", "A5|A5|"}));
  // Row 1: A2 for the wire, A4 (A3's copy) for A3. Row 2: the wire states it
  // through A1 and differs through A2: it shows the difference, naming both.
  EXPECT_EQ(m.rows, (std::vector<std::string>{"SS.", "DDS", "DSD", "..S"}));
  EXPECT_EQ(m.titles[2], "A2: 3,900; stated by A1");
  EXPECT_EQ(m.titles[0], "stated by A2");
}

TEST(BriefToHtml, ConflictSidesQuotesBySpeakerAndTimeline) {
  const std::string html = BriefToHtml(ExampleBrief());
  // Sides by figure: "About 4,200" and "4,200" are one side, 3,800 the other.
  const size_t conflicts = html.find("<section id=\"conflicts\">");
  const std::string section = html.substr(conflicts, html.find("</section>", conflicts) - conflicts);
  size_t sides = 0;
  for (size_t at = section.find("class=\"side\""); at != std::string::npos; at = section.find("class=\"side\"", at + 1))
    ++sides;
  EXPECT_EQ(sides, 2u);
  EXPECT_NE(section.find("Authorities evacuated <mark>3,800</mark> people."), std::string::npos);
  // One heading per speaker; both of Reyes' quotations under his.
  const size_t reyes = html.find("<h3>Tomas Reyes</h3>");
  ASSERT_NE(reyes, std::string::npos);
  EXPECT_EQ(html.find("<h3>Tomas Reyes</h3>", reyes + 1), std::string::npos);
  EXPECT_LT(html.find("We are releasing water"), html.find("<h3>Maria Okafor</h3>"));
  EXPECT_NE(html.find("The main wall is holding"), std::string::npos);
  // Two events three days apart: both circles, at the two ends of the axis.
  EXPECT_NE(html.find("<svg class=\"timeline\""), std::string::npos);
  EXPECT_NE(html.find("cx=\"48\""), std::string::npos);
  EXPECT_NE(html.find("cx=\"672\""), std::string::npos);
}

TEST(BriefToHtml, AnEmptyBriefIsStillAPage) {
  Brief b;
  b.articles = {{"A1", "a.txt", std::nullopt, std::nullopt, std::nullopt, std::nullopt, false, 0, std::nullopt}};
  const std::string html = BriefToHtml(b);
  ExpectOnlyOwnMarkup(html);
  EXPECT_NE(html.find("<h1>Story brief</h1>"), std::string::npos);
  EXPECT_NE(html.find("No fact was found"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck::render
