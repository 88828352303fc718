// crosscheck.brief/1 JSON and the Markdown brief.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "base/printable.h"
#include "crosscheck/brief.h"
#include "render/brief_json.h"

namespace crosscheck {
namespace {

using json = nlohmann::ordered_json;

json OptionalString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json Variants(const std::vector<Variant>& variants) {
  json out = json::array();
  for (const Variant& v : variants) out.push_back({{"source", v.source}, {"text", v.text}});
  return out;
}

json Claims(const std::vector<ConflictClaim>& claims) {
  json out = json::array();
  for (const ConflictClaim& c : claims)
    out.push_back({{"source", c.source}, {"text", c.text}, {"value", c.value}, {"published", OptionalString(c.published)}});
  return out;
}

std::string Md(std::string_view text);

std::string Cite(const std::vector<std::string>& sources) {
  std::string out = "[";
  for (size_t i = 0; i < sources.size(); ++i) out += (i ? ", " : "") + Md(sources[i]);
  return out + "]";
}

// True when text[i] == '&' starts what a Markdown viewer would read as a character
// reference ("&amp;", "&#60;", "&#x3c;"); a lone "&" ("AT&T") shows as it is.
bool StartsReference(std::string_view text, size_t i) {
  size_t j = i + 1;
  if (j < text.size() && text[j] == '#') ++j;
  const size_t first = j;
  while (j < text.size() && j - first < 32 && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
  return j > first && j < text.size() && text[j] == ';';
}

// Text that came from articles, for a Markdown viewer that may render HTML: "<",
// ">" and a "&" that starts a character reference become references themselves,
// so "<script>" shows as text, and "](" loses its link meaning. In a terminal
// the text reads as before but for those escapes.
std::string Md(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&' && StartsReference(text, i)) {
      out += "&amp;";
    } else if (c == '(' && i > 0 && text[i - 1] == ']') {
      out += "\\(";
    } else {
      out += c;
    }
  }
  return out;
}

// Markdown table cells: pipes and line breaks would break the table.
std::string Cell(const std::optional<std::string>& s) {
  if (!s) return "";
  std::string out;
  for (char c : Md(*s)) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

namespace render {

json BriefJson(const Brief& b) {
  json j;
  j["schema"] = "crosscheck.brief/1";
  j["story"] = {{"title", b.title},
                {"articles", b.articles.size()},
                {"outlets", b.outlets},
                {"independent_sources", b.independent_sources},
                {"first_date", OptionalString(b.first_date)},
                {"last_date", OptionalString(b.last_date)}};
  json articles = json::array();
  for (const BriefArticle& a : b.articles) {
    articles.push_back({{"id", a.id},
                        {"path", a.path},
                        {"title", OptionalString(a.title)},
                        {"outlet", OptionalString(a.outlet)},
                        {"url", OptionalString(a.url)},
                        {"published", OptionalString(a.published)},
                        {"published_inferred", a.published_inferred},
                        {"words", a.words},
                        {"duplicate_of", OptionalString(a.duplicate_of)},
                        {"source", a.source}});
  }
  j["articles"] = std::move(articles);
  json summary = json::array();
  for (const BriefSentence& s : b.summary)
    summary.push_back({{"text", s.text},
                       {"sources", s.sources},
                       {"support", s.support},
                       {"differing", Claims(s.differing)},
                       {"cited", Variants(s.cited)}});
  j["summary"] = std::move(summary);
  json facts = json::array();
  for (const Fact& f : b.facts)
    facts.push_back({{"text", f.text}, {"sources", f.sources}, {"support", f.support}, {"variants", Variants(f.variants)}});
  j["facts"] = std::move(facts);
  auto conflicts = [](const std::vector<Conflict>& list) {
    json out = json::array();
    for (const Conflict& c : list) out.push_back({{"topic", c.topic}, {"claims", Claims(c.claims)}});
    return out;
  };
  j["conflicts"] = conflicts(b.conflicts);
  j["updates"] = conflicts(b.updates);
  json quotes = json::array();
  for (const Quote& q : b.quotes)
    quotes.push_back({{"speaker", OptionalString(q.speaker)}, {"text", q.text}, {"sources", q.sources}, {"variants", Variants(q.variants)}});
  j["quotes"] = std::move(quotes);
  json entities = json::array();
  for (const Entity& e : b.entities)
    entities.push_back({{"name", e.name}, {"type", e.type}, {"aliases", e.aliases}, {"mentions", e.mentions}, {"sources", e.sources}});
  j["entities"] = std::move(entities);
  json timeline = json::array();
  for (const TimelineEvent& t : b.timeline) timeline.push_back({{"date", t.date}, {"text", t.text}, {"sources", t.sources}});
  j["timeline"] = std::move(timeline);
  return j;
}

}  // namespace render

std::string BriefToJson(const Brief& b) {
  return render::BriefJson(b).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string BriefToMarkdown(const Brief& b) {
  std::ostringstream out;
  out << "# " << (b.title.empty() ? "Story brief" : Md(b.title)) << "\n\n";
  out << b.articles.size() << (b.articles.size() == 1 ? " article, " : " articles, ") << b.outlets
      << (b.outlets == 1 ? " outlet, " : " outlets, ") << b.independent_sources
      << (b.independent_sources == 1 ? " independent source" : " independent sources");
  if (b.first_date) out << ", " << *b.first_date << (b.last_date && *b.last_date != *b.first_date ? " to " + *b.last_date : "");
  out << ".\n\n## Summary\n\n";
  for (const BriefSentence& s : b.summary) {
    out << Md(s.text) << " " << Cite(s.sources);
    if (!s.differing.empty()) {
      out << " (other figures:";
      for (size_t i = 0; i < s.differing.size(); ++i)
        out << (i ? ";" : "") << " " << Md(s.differing[i].value) << " [" << Md(s.differing[i].source) << "]";
      out << ")";
    }
    out << "\n";
  }
  // Long lists stop at a few lines; the JSON has them whole.
  auto more = [&out](size_t left) {
    if (left > 0) out << "- ... and " << left << " more (all in --format json)\n";
  };
  if (!b.quotes.empty()) {
    out << "\n## Key quotations\n\n";
    const size_t n = std::min<size_t>(b.quotes.size(), 8);
    for (size_t i = 0; i < n; ++i) {
      const Quote& q = b.quotes[i];
      out << "- \"" << Md(q.text) << "\" -- " << (q.speaker ? Md(*q.speaker) : "unattributed") << " " << Cite(q.sources) << "\n";
    }
    more(b.quotes.size() - n);
  }
  if (!b.entities.empty()) {
    // The names the story is about, most mentioned first (as the brief lists them),
    // with their type and the other forms the sources use.
    out << "\n## Entities\n\n";
    const size_t n = std::min<size_t>(b.entities.size(), 10);
    for (size_t i = 0; i < n; ++i) {
      const Entity& e = b.entities[i];
      out << "- **" << Md(e.name) << "** (" << Md(e.type) << ", " << e.sources.size()
          << (e.sources.size() == 1 ? " article" : " articles") << ")";
      for (size_t k = 0; k < e.aliases.size() && k < 4; ++k) out << (k ? ", " : "; also ") << Md(e.aliases[k]);
      out << "\n";
    }
    more(b.entities.size() - n);
  }
  if (!b.timeline.empty()) {
    out << "\n## Timeline\n\n";
    for (const TimelineEvent& t : b.timeline) out << "- **" << Md(t.date) << "** " << Md(t.text) << " " << Cite(t.sources) << "\n";
  }
  auto facts = [&](bool corroborated, const char* heading, size_t limit) {
    std::vector<const Fact*> listed;
    for (const Fact& f : b.facts)
      if ((f.support >= 2) == corroborated) listed.push_back(&f);
    if (listed.empty()) return;
    out << "\n## " << heading << "\n\n";
    std::vector<const Fact*> shown;
    if (corroborated) {
      shown.assign(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(std::min(limit, listed.size())));
    } else {
      // A claim of each source in turn, in the order of the articles, so that a
      // long first report does not fill the list: the best of each source first.
      std::map<std::string, size_t> order;
      for (const BriefArticle& a : b.articles) order.emplace(a.id, order.size());
      std::map<size_t, std::vector<const Fact*>> by_source;
      for (const Fact* f : listed) {
        auto it = f->sources.empty() ? order.end() : order.find(f->sources.front());
        by_source[it == order.end() ? order.size() : it->second].push_back(f);
      }
      for (size_t round = 0; shown.size() < std::min(limit, listed.size()); ++round)
        for (const auto& [source, claims] : by_source)
          if (round < claims.size() && shown.size() < limit) shown.push_back(claims[round]);
    }
    for (const Fact* f : shown) {
      out << "- " << Md(f->text) << " " << Cite(f->sources);
      if (corroborated) out << " (" << f->support << " independent sources)";
      out << "\n";
    }
    more(listed.size() - shown.size());
  };
  facts(true, "Corroborated facts", 10);
  facts(false, "Single-source claims", 8);
  out << "\n## Conflicts\n\n";
  if (b.conflicts.empty()) out << "No figure differs between the sources.\n";
  for (const Conflict& c : b.conflicts) {
    out << "- " << Md(c.topic) << ":";
    for (size_t i = 0; i < c.claims.size(); ++i)
      out << (i ? ";" : "") << " " << Md(c.claims[i].value) << " [" << Md(c.claims[i].source) << "]";
    out << "\n";
  }
  if (!b.updates.empty()) {
    out << "\n## Updated figures\n\n";
    for (const Conflict& c : b.updates) {
      out << "- " << Md(c.topic) << ":";
      for (size_t i = 0; i < c.claims.size(); ++i)
        out << (i ? ", then" : "") << " " << Md(c.claims[i].value) << " [" << Md(c.claims[i].source)
            << (c.claims[i].published ? ", " + Md(*c.claims[i].published) : "") << "]";
      out << "\n";
    }
  }
  out << "\n## Sources\n\n| id | outlet | title | date | path |\n| --- | --- | --- | --- | --- |\n";
  for (const BriefArticle& a : b.articles) {
    std::string date = Cell(a.published);
    if (a.published_inferred && a.published) date += " (inferred)";
    if (a.duplicate_of) date += ", copy of " + Cell(a.duplicate_of);
    out << "| " << Cell(a.id) << " | " << Cell(a.outlet) << " | " << Cell(a.title) << " | " << date << " | " << Cell(EscapeControls(a.path))
        << " |\n";
  }
  return out.str();
}

}  // namespace crosscheck
