// The brief as one self-contained HTML page.
//
// Idea: a page that a reader can trust with hostile input and open anywhere. It
// carries no script at all, and its Content-Security-Policy says so: every
// resource is refused but the one embedded stylesheet, named by its SHA-256, so
// markup that slipped into article text could neither run nor load anything.
// Still, nothing slips: every string from an article goes through EscapeHtml, and
// only http(s) addresses become links. The interactive parts are plain HTML and
// CSS: a citation chip is a link to the cited sentence in the sources section,
// and the sentence it cites shows in a tooltip on :hover and :focus-within. The
// sources section lists, per article, every sentence the page cites from it, so
// each chip lands on the words it stands for. The source matrix crosses facts
// with outlets (states / silent / differs, the last from the conflicts): a story
// of 200 articles from a dozen outlets is a dozen columns, not 200, and each mark
// leads to the sentence of the first article behind it and names them all; the
// timeline is inline SVG, days to scale. Light and dark colours follow the
// reader's prefers-color-scheme; print gets black on white, no tooltips.
#include "render/brief_html.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "analyze/civil_date.h"
#include "base/sha256.h"
#include "crosscheck/brief.h"
#include "text/ascii.h"

namespace crosscheck {
namespace render {
namespace {

constexpr std::string_view kStylesheet = R"css(
:root {
  --bg: #fbfaf7; --fg: #1d1d1b; --muted: #62605a; --rule: #dedad2; --card: #ffffff;
  --accent: #1d5a85; --chip: #e6edf3; --chip-fg: #1d4d70; --tip-bg: #22262b; --tip-fg: #f5f4f0;
  --states: #2e7a4e; --differs: #b5421c; --silent: #cfcac0; --mark: #f8e39a; --single: #8a5a00;
  --serif: "Iowan Old Style", Charter, Georgia, "DejaVu Serif", serif;
  --sans: system-ui, "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --fg: #e7e5e0; --muted: #a4a7ac; --rule: #34383e; --card: #1c1f23;
    --accent: #8cbde0; --chip: #233241; --chip-fg: #bcd7ec; --tip-bg: #eceae4; --tip-fg: #1b1b1a;
    --states: #6fc492; --differs: #f08f6c; --silent: #4b4f56; --mark: #5c4a10; --single: #e0b45c;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 17px/1.55 var(--serif); overflow-wrap: break-word; }
h1, td, .tip, .card, .fact-text { overflow-wrap: anywhere; }
td.id, td.num, th { overflow-wrap: normal; white-space: nowrap; }
table.matrix th.fact { white-space: normal; }
header.masthead, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
header.masthead { padding-top: 2.2rem; }
.kicker { font: 600 0.72rem/1 var(--sans); letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin: 0; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.5rem 0 0.6rem; font-weight: 700; }
h2 { font: 700 0.8rem/1.2 var(--sans); letter-spacing: 0.1em; text-transform: uppercase; color: var(--muted);
     border-top: 2px solid var(--fg); padding-top: 0.6rem; margin: 2.6rem 0 1rem; }
h3 { font: 600 1.02rem/1.3 var(--sans); margin: 1.4rem 0 0.5rem; }
.counts { font: 0.9rem/1.5 var(--sans); color: var(--muted); margin: 0 0 1rem; }
.counts b { color: var(--fg); font-weight: 600; }
nav.contents { font: 0.82rem/1 var(--sans); display: flex; flex-wrap: wrap; gap: 0.4rem 1.1rem; padding: 0.8rem 0 1rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
nav.contents a { text-decoration: none; }
nav.contents a:hover, nav.contents a:focus-visible { text-decoration: underline; }
.note { font: 0.85rem/1.45 var(--sans); color: var(--muted); }
.summary p { margin: 0 0 0.75rem; max-width: 44rem; }
.summary p:first-child { font-size: 1.12rem; }
.cites { white-space: nowrap; }
/* A tooltip hangs below the block that holds its chip, from the block's left edge,
   so that it stays inside the column wherever the chip falls on the line. */
.cite { display: inline-block; white-space: normal; }
.summary p, .side li, .variants li, figcaption.quote-meta { position: relative; }
a.chip { display: inline-block; font: 600 0.7rem/1 var(--sans); padding: 0.22rem 0.36rem; margin: 0 0.08rem;
         border-radius: 0.3rem; background: var(--chip); color: var(--chip-fg); text-decoration: none; vertical-align: 0.12em; }
a.chip:hover, a.chip:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.tip { display: none; position: absolute; z-index: 10; left: 0; top: calc(100% + 0.3rem); width: max-content; max-width: min(30rem, 100%);
       padding: 0.55rem 0.7rem; border-radius: 0.4rem; background: var(--tip-bg); color: var(--tip-fg);
       font: 0.82rem/1.45 var(--sans); box-shadow: 0 0.3rem 1rem rgba(0, 0, 0, 0.25); text-align: left; white-space: normal; }
.tip .who { display: block; font-weight: 700; margin-bottom: 0.2rem; }
.cite:hover .tip, .cite:focus-within .tip { display: block; }
.tag { display: inline-block; font: 600 0.66rem/1 var(--sans); letter-spacing: 0.04em; text-transform: uppercase;
       padding: 0.2rem 0.35rem; border-radius: 0.25rem; border: 1px solid currentColor; vertical-align: 0.15em; margin-left: 0.3rem; }
.tag.single { color: var(--single); }
.tag.copy { color: var(--muted); }
.legend { font: 0.8rem/1.4 var(--sans); color: var(--muted); display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; margin: 0 0 0.6rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font: 0.86rem/1.4 var(--sans); width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.4rem 0.45rem; vertical-align: top; text-align: left; }
thead th { font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--fg); vertical-align: bottom; }
table.matrix th.fact { font-weight: 400; min-width: 18rem; }
.fact-text { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
table.matrix th.outlet { text-align: center; width: 4.2rem; }
.outlet-name { display: block; font-weight: 600; font-size: 0.72rem; max-width: 5.5rem; margin: 0 auto;
               overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.matrix .ids { display: block; font-weight: 400; font-size: 0.66rem; white-space: normal; }
/* A matrix cell holds a mark (states, differs) or nothing (silent: the ring is drawn
   by the stylesheet, so the many silent cells of a large story weigh 9 bytes each);
   the legend shows the same marks in .cell spans. */
table.matrix td { text-align: center; vertical-align: middle; }
.cell a, .cell span, table.matrix td a, table.matrix td:empty::after {
  display: inline-block; vertical-align: middle; border-radius: 50%; text-decoration: none;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.states { width: 0.9rem; height: 0.9rem; background: var(--states); }
.differs { width: 1.3rem; line-height: 1.3rem; background: var(--differs); color: var(--bg); font: 700 0.85rem/1.3rem var(--sans); }
.cell .silent, table.matrix td:empty::after { content: ""; width: 0.5rem; height: 0.5rem; border: 1px solid var(--silent); }
table.matrix td a:hover, table.matrix td a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.support { display: block; color: var(--muted); font-size: 0.74rem; margin-top: 0.15rem; }
.support .tag { margin-left: 0; }
.conflict { border-left: 3px solid var(--differs); padding: 0.1rem 0 0.1rem 1rem; margin: 1rem 0 1.4rem; }
.conflict h3 { margin-top: 0.2rem; }
.side { margin: 0.6rem 0; }
.side .value { font: 700 1.15rem/1.3 var(--sans); color: var(--differs); margin-right: 0.4rem; }
.side ul { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.side li { margin: 0.25rem 0; }
mark { background: var(--mark); color: inherit; padding: 0 0.1rem; border-radius: 0.15rem; }
.speaker { margin-bottom: 1.2rem; }
figure.quote { margin: 0 0 1.1rem; }
blockquote { margin: 0.5rem 0 0.2rem; padding-left: 1rem; border-left: 3px solid var(--rule); font-size: 1.05rem; }
.quote-meta { font: 0.8rem/1.4 var(--sans); color: var(--muted); padding-left: 1rem; }
.variants { font-size: 0.92rem; color: var(--muted); margin: 0.3rem 0 0 1rem; padding-left: 1rem; }
.variants-label { font: 0.75rem/1.4 var(--sans); color: var(--muted); padding-left: 1rem; margin: 0.4rem 0 0; }
svg.timeline { display: block; width: 100%; height: auto; margin: 0.2rem 0 1rem; font-family: var(--sans); }
svg.timeline .axis { stroke: var(--fg); stroke-width: 1.5; }
svg.timeline .tick { stroke: var(--muted); stroke-width: 1; }
svg.timeline .label { fill: var(--muted); font-size: 11px; }
svg.timeline .event { fill: var(--accent); stroke: var(--bg); stroke-width: 1.5; }
svg.timeline .event.single { fill: var(--card); stroke: var(--accent); }
svg.timeline a:hover .event, svg.timeline a:focus .event { fill: var(--differs); }
.dot { display: inline-block; width: 0.65rem; height: 0.65rem; border-radius: 50%; border: 1.5px solid var(--accent);
       background: var(--accent); vertical-align: -0.05rem; margin-right: 0.3rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.dot.single { background: var(--card); }
ol.events { list-style: none; margin: 0; padding: 0; }
ol.events li { display: grid; grid-template-columns: 7.5rem 1fr; gap: 0.8rem; padding: 0.5rem 0; border-bottom: 1px solid var(--rule); }
ol.events time { font: 600 0.82rem/1.6 var(--sans); color: var(--muted); }
ol.events time.again { visibility: hidden; }
a.ref { font: 600 0.72rem/1 var(--sans); color: var(--muted); text-decoration: none; margin-left: 0.2rem; }
a.ref:hover, a.ref:focus-visible { color: var(--accent); text-decoration: underline; }
.type { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.aliases { color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.id { font: 700 0.78rem/1 var(--sans); }
.path { display: block; color: var(--muted); font-size: 0.78rem; }
.title-text { display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden; }
table.sources td.outlet { min-width: 8rem; overflow-wrap: break-word; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--rule); border-radius: 0.4rem; padding: 0.7rem 0.9rem; }
.card h4 { font: 600 0.85rem/1.3 var(--sans); margin: 0 0 0.4rem; }
.card ol { margin: 0; padding-left: 1.4rem; font: 0.84rem/1.45 var(--sans); }
.card li { margin: 0.3rem 0; padding: 0.1rem 0.2rem; border-radius: 0.2rem; }
.card li:target { background: var(--mark); }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; padding-bottom: 2.5rem; }
@media (max-width: 40rem) {
  body { font-size: 16px; }
  h1 { font-size: 1.6rem; }
  ol.events li { grid-template-columns: 1fr; gap: 0.1rem; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --rule: #bbb; --card: #fff; --accent: #000; --chip: #fff; --chip-fg: #000;
          --states: #000; --differs: #000; --silent: #999; --mark: #eee; --single: #000; }
  body { font-size: 10.5pt; }
  nav.contents, .tip { display: none !important; }
  a { color: inherit; text-decoration: none; }
  a.chip { border: 1px solid #777; }
  a.ext::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #444; }
  .fact-text, .title-text { display: block; overflow: visible; }
  .differs { background: #fff; color: #000; border: 1.5px solid #000; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
  tr, li, .card, .conflict, figure { break-inside: avoid; }
  .cards { display: block; }
  .card { margin-bottom: 0.6rem; }
}
)css";

// Entities shown; the JSON has them all.
constexpr size_t kMaxEntities = 60;
// Article ids listed under an outlet's name in the matrix head (each a link to its
// source row); more are counted ("+12"): an agency's column in a large story
// would otherwise be a wall of ids. The sources table lists them all.
constexpr size_t kIdsInColumnHead = 6;
// The timeline drawing, in the SVG's own units (it scales to the page's width):
// width, side and top margins, the height of the first event above the axis and
// the spacing of the events stacked on one day.
constexpr int kSvgWidth = 720;
constexpr int kSvgMargin = 48;
constexpr int kTopMargin = 10;
constexpr int kAboveAxis = 12;
constexpr int kStackStep = 13;
// Date labels closer than this many units on the axis would overlap: skip some.
constexpr int kMinLabelGap = 58;

std::string Esc(std::string_view s) { return EscapeHtml(s); }

// The digits of a figure ("About 4,200" -> "4200"): two claims of one conflict that
// write the same number differently are on the same side.
std::string FigureKey(std::string_view value) {
  std::string key;
  for (char c : value)
    if ((c >= '0' && c <= '9') || c == '.') key += c;
  return key.empty() ? std::string(value) : key;
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "2025-03-11" -> "11 Mar 2025"; "2025-03" -> "Mar 2025"; anything else as it is.
std::string ReadableDate(std::string_view iso, bool with_year = true) {
  if (std::optional<analyze::CivilDate> d = analyze::CivilDate::Parse(iso)) {
    std::string out = std::to_string(d->day);
    out.append(" ").append(kMonths[d->month - 1]);
    if (with_year) out.append(" ").append(std::to_string(d->year));
    return out;
  }
  if (iso.size() == 7 && iso[4] == '-') {
    if (std::optional<analyze::CivilDate> d = analyze::CivilDate::Parse(std::string(iso) + "-01"))
      return std::string(kMonths[d->month - 1]) + " " + std::to_string(d->year);
  }
  return std::string(iso);
}

// The day of an ISO date of any precision (its first day), for placing it on the axis.
std::optional<long> DayOf(std::string_view iso) {
  std::string full(iso.substr(0, 10));
  if (full.size() == 4) full += "-01-01";
  if (full.size() == 7) full += "-01";
  if (std::optional<analyze::CivilDate> d = analyze::CivilDate::Parse(full)) return d->DayNumber();
  return std::nullopt;
}

class Page {
 public:
  Page(const Brief& b, const HtmlLinks& links) : b_(b), links_(links) {
    for (size_t i = 0; i < b.articles.size(); ++i) index_.emplace(b.articles[i].id, i);
  }

  std::string Render() {
    Head();
    Masthead();
    out_ << "<main>\n";
    Summary();
    Matrix();
    Conflicts();
    Quotes();
    Timeline();
    Entities();
    Sources();
    out_ << "</main>\n<footer class=\"note\"><p>Made by crosscheck. Every sentence shown was written by one of the "
            "sources; crosscheck checks the sources against each other, not against the world. Copies of one report "
            "count as one independent source.</p></footer>\n</body>\n</html>\n";
    return out_.str();
  }

 private:
  // The name of an article's source: its outlet, else its title, else "".
  std::string OutletOf(size_t a) const {
    const BriefArticle& art = b_.articles[a];
    if (art.outlet && !art.outlet->empty()) return *art.outlet;
    return art.title.value_or("");
  }
  std::optional<size_t> IndexOf(const std::string& id) const {
    auto it = index_.find(id);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  // The anchor of a sentence cited from article `a`, registering it for the
  // sources section on first use.
  std::string Anchor(size_t a, const std::string& text) {
    auto [it, inserted] = cited_index_.emplace(std::make_pair(a, text), 0);
    if (inserted) {
      if (cited_.size() < b_.articles.size()) cited_.resize(b_.articles.size());
      it->second = cited_[a].size();
      cited_[a].push_back(text);
    }
    return "s-" + std::to_string(a) + "-" + std::to_string(it->second);
  }

  // A citation chip: the source's id, linking to its sentence; the sentence shows on
  // hover and focus.
  std::string Chip(const std::string& id, const std::string& text) {
    std::optional<size_t> a = IndexOf(id);
    if (!a) return "<span class=\"chip\">" + Esc(id) + "</span>";
    const std::string tip = "tip-" + std::to_string(++tips_);
    std::string href = "#" + Anchor(*a, text);
    if (std::optional<std::string> page = ArticlePage(id, &text)) href = *page;
    return "<span class=\"cite\"><a class=\"chip\" href=\"" + Esc(href) + "\" aria-describedby=\"" + tip +
           "\">" + Esc(id) + "</a><span class=\"tip\" role=\"tooltip\" id=\"" + tip + "\"><span class=\"who\">" +
           Esc(id) + (OutletOf(*a).empty() ? "" : " · ") + Esc(OutletOf(*a)) + "</span><span class=\"tip-text\">" +
           Esc(text) + "</span></span></span>";
  }

  std::optional<std::string> ArticlePage(const std::string& id, const std::string* sentence) const {
    if (!links_.article_page) return std::nullopt;
    return links_.article_page(id, sentence);
  }

  // A plain link to a source's row in the sources table.
  std::string Ref(const std::string& id) const {
    std::optional<size_t> a = IndexOf(id);
    if (!a) return "<span class=\"ref\">" + Esc(id) + "</span>";
    return "<a class=\"ref\" href=\"#src-" + std::to_string(*a) + "\">" + Esc(id) + "</a>";
  }

  // The sentence of `source` in a fact: its variant, else the representative wording.
  static const std::string& FactSentence(const Fact& f, const std::string& source) {
    for (const Variant& v : f.variants)
      if (v.source == source) return v.text;
    return f.text;
  }

  void Head() {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
         << HtmlStylesheetHash() << "; base-uri 'none'; form-action 'none'\">\n"
         << "<meta name=\"referrer\" content=\"no-referrer\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta name=\"color-scheme\" content=\"light dark\">\n"
         << "<meta name=\"generator\" content=\"crosscheck\">\n"
         << "<title>" << Esc(b_.title.empty() ? "Story brief" : b_.title) << " · crosscheck brief</title>\n"
         << "<style>" << kStylesheet << "</style>\n</head>\n<body>\n";
  }

  void Masthead() {
    size_t corroborated = 0;
    for (const Fact& f : b_.facts) corroborated += f.support >= 2;
    const size_t n = b_.articles.size();
    out_ << "<header class=\"masthead\">\n<p class=\"kicker\">";
    if (!links_.home.empty()) out_ << "<a class=\"home\" href=\"" << Esc(links_.home) << "\">All stories</a> · ";
    out_ << "Cross-checked brief</p>\n<h1>"
         << Esc(b_.title.empty() ? "Story brief" : b_.title) << "</h1>\n<p class=\"counts\"><b>" << n << "</b> article"
         << (n == 1 ? "" : "s") << " · <b>" << b_.independent_sources << "</b> independent source"
         << (b_.independent_sources == 1 ? "" : "s");
    if (b_.first_date) {
      out_ << " · " << Esc(ReadableDate(*b_.first_date));
      if (b_.last_date && *b_.last_date != *b_.first_date) out_ << " to " << Esc(ReadableDate(*b_.last_date));
    }
    out_
        << "<br><b>" << corroborated << "</b> corroborated fact" << (corroborated == 1 ? "" : "s") << " · <b>"
        << b_.facts.size() - corroborated << "</b> single-source claim"
        << (b_.facts.size() - corroborated == 1 ? "" : "s") << " · <b>" << b_.conflicts.size() << "</b> conflict"
        << (b_.conflicts.size() == 1 ? "" : "s") << " · <b>" << b_.quotes.size() << "</b> quotation"
        << (b_.quotes.size() == 1 ? "" : "s") << "</p>\n";
    if (!links_.notice.empty()) out_ << "<p class=\"note\">" << Esc(links_.notice) << "</p>\n";
    out_
        << "<nav class=\"contents\" aria-label=\"Sections\"><a href=\"#summary\">Summary</a>"
           "<a href=\"#matrix\">Source matrix</a><a href=\"#conflicts\">Conflicts</a>"
           "<a href=\"#quotes\">Quotations</a><a href=\"#timeline\">Timeline</a>"
           "<a href=\"#entities\">Entities</a><a href=\"#sources\">Sources</a></nav>\n"
           "</header>\n";
  }

  void Summary() {
    out_ << "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"summary\">\n";
    if (b_.summary.empty()) out_ << "<p class=\"note\">No sentence could be chosen for a summary.</p>\n";
    for (const BriefSentence& s : b_.summary) {
      out_ << "<p class=\"sentence\">" << Esc(s.text) << " <span class=\"cites\">";
      for (const std::string& id : s.sources) {
        const std::string* text = &s.text;
        for (const Variant& v : s.cited)
          if (v.source == id) text = &v.text;
        out_ << Chip(id, *text);
      }
      if (s.support < 2) out_ << "<span class=\"tag single\">single source</span>";
      out_ << "</span></p>\n";
    }
    out_ << "</div>\n</section>\n";
  }

  // The matrix's columns: one per outlet (named the same whatever the case, as
  // Brief::outlets counts them), and for articles naming none, one per independent
  // source (an article with its copies); in the order of their first article.
  struct Column {
    std::string name;              // the outlet as first written, or the first article's id
    std::vector<size_t> articles;  // indices into the brief's articles
  };
  std::vector<Column> MatrixColumns() const {
    std::vector<Column> columns;
    std::map<std::string, size_t> by_key;
    for (size_t a = 0; a < b_.articles.size(); ++a) {
      const BriefArticle& art = b_.articles[a];
      const bool named = art.outlet && !art.outlet->empty();
      const std::string key = named ? "outlet " + text::AsciiLowered(*art.outlet)
                                    : "source " + (art.source.empty() ? art.id : art.source);
      auto [it, added] = by_key.emplace(key, columns.size());
      if (added) columns.push_back({named ? *art.outlet : art.id, {}});
      columns[it->second].articles.push_back(a);
    }
    return columns;
  }

  void Matrix() {
    // The conflict claims by (source, sentence), to mark the facts they belong to.
    std::map<std::pair<std::string, std::string>, std::pair<size_t, std::string>> claim_of;
    for (size_t c = 0; c < b_.conflicts.size(); ++c)
      for (const ConflictClaim& cl : b_.conflicts[c].claims)
        claim_of.emplace(std::make_pair(cl.source, cl.text), std::make_pair(c, cl.value));

    out_ << "<section id=\"matrix\">\n<h2>Source matrix</h2>\n";
    if (b_.facts.empty()) {
      out_ << "<p class=\"note\">No fact was found in these articles.</p>\n</section>\n";
      return;
    }
    const std::vector<Column> columns = MatrixColumns();
    out_
        << "<p class=\"legend\"><span><span class=\"cell\"><span class=\"states\"></span></span> states the fact</span>"
           "<span><span class=\"cell\"><span class=\"differs\">≠</span></span> gives a different figure</span>"
           "<span><span class=\"cell\"><span class=\"silent\"></span></span> silent</span>"
           "<span>One row per fact, one column per outlet (its articles under its name; a mark leads to the first "
           "article's sentence, and names them all when hovered); support counts independent sources.</span></p>\n"
           "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">Fact</th>";
    for (const Column& col : columns) {
      out_ << "<th scope=\"col\" class=\"outlet\"><span class=\"outlet-name\" title=\"" << Esc(col.name) << "\">"
           << Esc(col.name) << "</span><span class=\"ids\">";
      for (size_t k = 0; k < col.articles.size() && k < kIdsInColumnHead; ++k)
        out_ << (k ? " " : "") << "<a href=\"#src-" << col.articles[k] << "\">" << Esc(b_.articles[col.articles[k]].id)
             << "</a>";
      if (col.articles.size() > kIdsInColumnHead) out_ << " +" << col.articles.size() - kIdsInColumnHead;
      out_ << "</span></th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    for (const Fact& f : b_.facts) {
      // The conflict this fact is part of, and the figure it gives.
      std::optional<size_t> conflict;
      std::string figure;
      for (const std::string& id : f.sources) {
        auto it = claim_of.find({id, FactSentence(f, id)});
        if (it != claim_of.end()) {
          conflict = it->second.first;
          figure = FigureKey(it->second.second);
          break;
        }
      }
      out_ << "<tr><th scope=\"row\" class=\"fact\"><span class=\"fact-text\">" << Esc(f.text)
           << "</span><span class=\"support\">";
      if (f.support < 2) {
        out_ << "<span class=\"tag single\">single source</span>";
      } else {
        out_ << f.support << " independent sources";
      }
      out_ << "</span></th>";
      for (const Column& col : columns) {
        // Each article of the outlet: a different figure (its own claim in the
        // same conflict), or the fact stated (in this fact, or by a claim of the
        // same figure in another sentence), or silent. The cell shows the first
        // of these any article gives and leads to that article's sentence.
        std::string differs, states, href;
        bool any_differs = false;
        for (size_t a : col.articles) {
          const std::string& id = b_.articles[a].id;
          const bool stated = std::find(f.sources.begin(), f.sources.end(), id) != f.sources.end();
          const ConflictClaim* claim = nullptr;
          if (conflict) {
            for (const ConflictClaim& cl : b_.conflicts[*conflict].claims)
              if (cl.source == id && (!stated || cl.text == FactSentence(f, id))) {
                claim = &cl;
                break;
              }
          }
          if (claim != nullptr && FigureKey(claim->value) != figure) {
            differs += (differs.empty() ? "" : "; ") + id + ": " + claim->value;
            if (!any_differs) href = Anchor(a, claim->text);
            any_differs = true;
          } else if (stated || claim != nullptr) {
            states += (states.empty() ? "" : ", ") + id;
            if (href.empty()) href = Anchor(a, stated ? FactSentence(f, id) : claim->text);
          }
        }
        out_ << "<td>";
        if (any_differs) {
          out_ << "<a class=\"differs\" href=\"#" << href << "\" title=\"" << Esc(differs)
               << (states.empty() ? "" : "; stated by " + Esc(states)) << "\">≠</a>";
        } else if (!states.empty()) {
          out_ << "<a class=\"states\" href=\"#" << href << "\" title=\"stated by " << Esc(states) << "\"></a>";
        }
        out_ << "</td>";
      }
      out_ << "</tr>\n";
    }
    out_ << "</tbody></table></div>\n</section>\n";
  }

  // `text` with the first occurrence of `value` marked.
  static std::string Marked(const std::string& text, const std::string& value) {
    const size_t at = value.empty() ? std::string::npos : text.find(value);
    if (at == std::string::npos) return Esc(text);
    return Esc(text.substr(0, at)) + "<mark>" + Esc(value) + "</mark>" + Esc(text.substr(at + value.size()));
  }

  void Conflicts() {
    out_ << "<section id=\"conflicts\">\n<h2>Where the sources differ</h2>\n";
    if (b_.conflicts.empty()) out_ << "<p class=\"note\">No figure differs between the sources.</p>\n";
    for (const Conflict& c : b_.conflicts) {
      out_ << "<article class=\"conflict\">\n<h3>" << Esc(c.topic) << "</h3>\n";
      // One side per figure, in the order the claims come.
      std::vector<std::string> sides;
      for (const ConflictClaim& cl : c.claims)
        if (std::find(sides.begin(), sides.end(), FigureKey(cl.value)) == sides.end())
          sides.push_back(FigureKey(cl.value));
      for (const std::string& side : sides) {
        std::vector<const ConflictClaim*> claims;
        for (const ConflictClaim& cl : c.claims)
          if (FigureKey(cl.value) == side) claims.push_back(&cl);
        std::set<std::string> sources;
        for (const ConflictClaim* cl : claims) sources.insert(cl->source);
        out_ << "<div class=\"side\"><span class=\"value\">" << Esc(claims.front()->value)
             << "</span><span class=\"note\">" << sources.size() << (sources.size() == 1 ? " source" : " sources")
             << "</span>\n<ul>\n";
        for (const ConflictClaim* cl : claims)
          out_ << "<li>" << Marked(cl->text, cl->value) << " " << Chip(cl->source, cl->text) << "</li>\n";
        out_ << "</ul></div>\n";
      }
      out_ << "</article>\n";
    }
    out_ << "</section>\n";
  }

  void Quotes() {
    out_ << "<section id=\"quotes\">\n<h2>Quotations, by speaker</h2>\n";
    if (b_.quotes.empty()) out_ << "<p class=\"note\">No quotation was found.</p>\n";
    // Speakers in the order of their first (best supported) quotation; quotations
    // nobody is named for come last.
    std::vector<std::optional<std::string>> speakers;
    for (const Quote& q : b_.quotes)
      if (q.speaker && std::find(speakers.begin(), speakers.end(), q.speaker) == speakers.end())
        speakers.push_back(q.speaker);
    if (std::any_of(b_.quotes.begin(), b_.quotes.end(), [](const Quote& q) { return !q.speaker; }))
      speakers.push_back(std::nullopt);
    for (const std::optional<std::string>& speaker : speakers) {
      out_ << "<div class=\"speaker\">\n<h3>" << (speaker ? Esc(*speaker) : "Speaker not named") << "</h3>\n";
      for (const Quote& q : b_.quotes) {
        if (q.speaker != speaker) continue;
        out_ << "<figure class=\"quote\"><blockquote>“" << Esc(q.text)
             << "”</blockquote>\n<figcaption class=\"quote-meta\">";
        for (const std::string& id : q.sources) {
          const std::string* text = &q.text;
          for (const Variant& v : q.variants)
            if (v.source == id) text = &v.text;
          out_ << Chip(id, *text);
        }
        out_ << " " << q.sources.size() << (q.sources.size() == 1 ? " source" : " sources") << "</figcaption>\n";
        if (!q.variants.empty()) {
          out_ << "<p class=\"variants-label\">Worded differently by</p><ul class=\"variants\">\n";
          for (const Variant& v : q.variants)
            out_ << "<li>“" << Esc(v.text) << "” " << Chip(v.source, v.text) << "</li>\n";
          out_ << "</ul>\n";
        }
        out_ << "</figure>\n";
      }
      out_ << "</div>\n";
    }
    out_ << "</section>\n";
  }

  void Timeline() {
    out_ << "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
    if (b_.timeline.empty()) {
      out_ << "<p class=\"note\">No dated event was found.</p>\n</section>\n";
      return;
    }
    TimelineSvg();
    out_ << "<p class=\"legend\"><span><span class=\"dot\"></span>told by two or more articles</span>"
            "<span><span class=\"dot single\"></span>by one article</span><span>Days to scale; the list below "
            "gives each event.</span></p>\n<ol class=\"events\">\n";
    for (size_t i = 0; i < b_.timeline.size(); ++i) {
      const TimelineEvent& t = b_.timeline[i];
      const bool again = i > 0 && b_.timeline[i - 1].date == t.date;
      out_ << "<li id=\"ev-" << i << "\"><time datetime=\"" << Esc(t.date) << (again ? "\" class=\"again" : "") << "\">"
           << Esc(ReadableDate(t.date)) << "</time><span>" << Esc(t.text);
      for (const std::string& id : t.sources) out_ << Ref(id);
      out_ << "</span></li>\n";
    }
    out_ << "</ol>\n</section>\n";
  }

  // Days to scale on one axis; the events of a day stacked above it, each a link
  // to its line in the list below, its text in an SVG <title>.
  void TimelineSvg() {
    std::vector<std::optional<long>> days;
    long first = 0, last = 0;
    bool any = false;
    for (const TimelineEvent& t : b_.timeline) {
      days.push_back(DayOf(t.date));
      if (!days.back()) continue;
      first = any ? std::min(first, *days.back()) : *days.back();
      last = any ? std::max(last, *days.back()) : *days.back();
      any = true;
    }
    if (!any) return;
    std::map<long, int> stacked;
    for (const std::optional<long>& d : days)
      if (d) ++stacked[*d];
    int tallest = 0;
    for (const auto& [day, count] : stacked) tallest = std::max(tallest, count);
    const int axis = kTopMargin + kStackStep * (tallest - 1) + kAboveAxis;
    const int height = axis + 34;
    auto x_of = [&](long day) {
      if (last == first) return kSvgWidth / 2;
      return kSvgMargin + static_cast<int>((day - first) * (kSvgWidth - 2 * kSvgMargin) / (last - first));
    };
    out_ << "<svg class=\"timeline\" viewBox=\"0 0 " << kSvgWidth << " " << height
         << "\" role=\"img\" aria-label=\"Timeline of " << b_.timeline.size() << " events from "
         << Esc(ReadableDate(analyze::CivilDate::FromDayNumber(first).Iso())) << " to "
         << Esc(ReadableDate(analyze::CivilDate::FromDayNumber(last).Iso())) << "\">\n";
    out_ << "<line class=\"axis\" x1=\"" << kSvgMargin / 2 << "\" y1=\"" << axis << "\" x2=\""
         << kSvgWidth - kSvgMargin / 2 << "\" y2=\"" << axis << "\"/>\n";
    // Labels carry the year only when the timeline spans more than one.
    const bool years = analyze::CivilDate::FromDayNumber(first).year != analyze::CivilDate::FromDayNumber(last).year;
    int last_label = -kMinLabelGap;
    for (const auto& [day, count] : stacked) {
      const int x = x_of(day);
      out_ << "<line class=\"tick\" x1=\"" << x << "\" y1=\"" << axis << "\" x2=\"" << x << "\" y2=\"" << axis + 6
           << "\"/>";
      if (x - last_label >= kMinLabelGap) {
        out_ << "<text class=\"label\" x=\"" << x << "\" y=\"" << axis + 22 << "\" text-anchor=\"middle\">"
             << Esc(ReadableDate(analyze::CivilDate::FromDayNumber(day).Iso(), years)) << "</text>";
        last_label = x;
      }
      out_ << "\n";
    }
    std::map<long, int> placed;
    for (size_t i = 0; i < b_.timeline.size(); ++i) {
      if (!days[i]) continue;
      const int level = placed[*days[i]]++;
      const TimelineEvent& t = b_.timeline[i];
      out_ << "<a href=\"#ev-" << i << "\"><title>" << Esc(ReadableDate(t.date)) << ": " << Esc(t.text)
           << "</title><circle class=\"event" << (t.sources.size() < 2 ? " single" : "") << "\" cx=\"" << x_of(*days[i])
           << "\" cy=\"" << axis - kAboveAxis - kStackStep * level << "\" r=\"5.5\"/></a>\n";
    }
    out_ << "</svg>\n";
  }

  void Entities() {
    out_ << "<section id=\"entities\">\n<h2>People, organizations and places</h2>\n";
    if (b_.entities.empty()) {
      out_ << "<p class=\"note\">No name was found.</p>\n</section>\n";
      return;
    }
    out_ << "<div class=\"scroll\"><table class=\"entities\">\n<thead><tr><th scope=\"col\">Name</th>"
            "<th scope=\"col\">Also written</th><th scope=\"col\" class=\"num\">Mentions</th>"
            "<th scope=\"col\">Sources</th></tr></thead>\n<tbody>\n";
    const size_t shown = std::min(b_.entities.size(), kMaxEntities);
    for (size_t i = 0; i < shown; ++i) {
      const Entity& e = b_.entities[i];
      out_ << "<tr><td>" << Esc(e.name) << " <span class=\"type\">" << Esc(e.type)
           << "</span></td><td class=\"aliases\">";
      for (size_t k = 0; k < e.aliases.size(); ++k) out_ << (k ? ", " : "") << Esc(e.aliases[k]);
      out_ << "</td><td class=\"num\">" << e.mentions << "</td><td>";
      for (const std::string& id : e.sources) out_ << Ref(id);
      out_ << "</td></tr>\n";
    }
    out_ << "</tbody></table></div>\n";
    if (shown < b_.entities.size())
      out_ << "<p class=\"note\">" << b_.entities.size() - shown << " more, less often named, in --format json.</p>\n";
    out_ << "</section>\n";
  }

  void Sources() {
    out_ << "<section id=\"sources\">\n<h2>Sources</h2>\n<div class=\"scroll\"><table class=\"sources\">\n<thead><tr>"
            "<th scope=\"col\">Id</th><th scope=\"col\">Outlet</th><th scope=\"col\">Title</th>"
            "<th scope=\"col\">Published</th><th scope=\"col\" class=\"num\">Words</th></tr></thead>\n<tbody>\n";
    for (size_t a = 0; a < b_.articles.size(); ++a) {
      const BriefArticle& art = b_.articles[a];
      out_ << "<tr id=\"src-" << a << "\"><td class=\"id\">";
      if (std::optional<std::string> page = ArticlePage(art.id, nullptr)) {
        out_ << "<a class=\"article-page\" href=\"" << Esc(*page) << "\">" << Esc(art.id) << "</a>";
      } else {
        out_ << Esc(art.id);
      }
      out_ << "</td><td class=\"outlet\">"
           << Esc(art.outlet.value_or("")) << "</td><td><span class=\"title-text\">";
      const std::string title = art.title && !art.title->empty() ? *art.title : "(untitled)";
      if (std::optional<std::string> href = art.url ? LinkTarget(*art.url) : std::nullopt) {
        out_ << "<a class=\"ext\" href=\"" << Esc(*href) << "\" rel=\"noopener noreferrer\">" << Esc(title) << "</a>";
      } else {
        out_ << Esc(title);
      }
      out_ << "</span><span class=\"path\">" << Esc(art.path) << "</span>";
      if (art.duplicate_of) {
        out_ << " <span class=\"tag copy\">copy of " << Esc(*art.duplicate_of) << "</span>";
      }
      out_ << "</td><td>" << Esc(art.published ? ReadableDate(*art.published) : "unknown")
           << (art.published_inferred && art.published ? " <span class=\"note\">(inferred)</span>" : "")
           << "</td><td class=\"num\">" << art.words << "</td></tr>\n";
    }
    out_ << "</tbody></table></div>\n<h3>Cited sentences, by source</h3>\n<div class=\"cards\">\n";
    cited_.resize(b_.articles.size());
    for (size_t a = 0; a < b_.articles.size(); ++a) {
      if (cited_[a].empty()) continue;
      out_ << "<article class=\"card\" id=\"cited-" << a << "\"><h4>" << Esc(b_.articles[a].id)
           << (OutletOf(a).empty() ? "" : " · ") << Esc(OutletOf(a)) << "</h4><ol>\n";
      for (size_t k = 0; k < cited_[a].size(); ++k)
        out_ << "<li id=\"s-" << a << "-" << k << "\" class=\"sentence-text\">" << Esc(cited_[a][k]) << "</li>\n";
      out_ << "</ol></article>\n";
    }
    out_ << "</div>\n</section>\n";
  }

  const Brief& b_;
  const HtmlLinks& links_;
  std::map<std::string, size_t> index_;
  std::vector<std::vector<std::string>> cited_;
  std::map<std::pair<size_t, std::string>, size_t> cited_index_;
  size_t tips_ = 0;
  std::ostringstream out_;
};

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&#39;";
        continue;
      default:
        break;
    }
    if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7F) continue;
    // U+0080..U+009F (C2 80..C2 9F in UTF-8): C1 controls.
    if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      ++i;
      continue;
    }
    // U+202A..U+202E and U+2066..U+2069, the bidi embeddings, overrides and isolates
    // (E2 80 AA..AE, E2 81 A6..A9): they reorder what follows on screen (a reversed
    // file name, a citation shown in the wrong place); right-to-left text reads
    // right without them.
    if (u == 0xE2 && i + 2 < text.size()) {
      const unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::optional<std::string> LinkTarget(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
    return true;
  };
  if (!starts("http://") && !starts("https://")) return std::nullopt;
  const size_t host = url.find("//") + 2;
  if (host >= url.size() || url[host] == '/') return std::nullopt;
  for (char c : url) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
      return std::nullopt;
  }
  return std::string(url);
}

std::string_view HtmlStylesheet() { return kStylesheet; }

std::string HtmlStylesheetHash() {
  const std::array<uint8_t, 32> digest = Sha256(kStylesheet);
  return "'sha256-" + Base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) + "'";
}

std::string BriefToHtml(const Brief& brief, const HtmlLinks& links) { return Page(brief, links).Render(); }

}  // namespace render

std::string BriefToHtml(const Brief& brief) { return render::BriefToHtml(brief, render::HtmlLinks{}); }

}  // namespace crosscheck
