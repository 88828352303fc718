// crosscheck.brief/1 JSON and the Markdown brief.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "crosscheck/brief.h"

namespace crosscheck {
namespace {

using json = nlohmann::ordered_json;

json OptionalString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json Variants(const std::vector<Variant>& variants) {
  json out = json::array();
  for (const Variant& v : variants) out.push_back({{"source", v.source}, {"text", v.text}});
  return out;
}

std::string Cite(const std::vector<std::string>& sources) {
  std::string out = "[";
  for (size_t i = 0; i < sources.size(); ++i) out += (i ? ", " : "") + sources[i];
  return out + "]";
}

// Markdown table cells: pipes and line breaks would break the table.
std::string Cell(const std::optional<std::string>& s) {
  if (!s) return "";
  std::string out;
  for (char c : *s) {
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

std::string BriefToJson(const Brief& b) {
  json j;
  j["schema"] = "crosscheck.brief/1";
  j["story"] = {{"title", b.title},
                {"articles", b.articles.size()},
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
                        {"duplicate_of", OptionalString(a.duplicate_of)}});
  }
  j["articles"] = std::move(articles);
  json summary = json::array();
  for (const BriefSentence& s : b.summary) summary.push_back({{"text", s.text}, {"sources", s.sources}});
  j["summary"] = std::move(summary);
  json facts = json::array();
  for (const Fact& f : b.facts)
    facts.push_back({{"text", f.text}, {"sources", f.sources}, {"support", f.support}, {"variants", Variants(f.variants)}});
  j["facts"] = std::move(facts);
  json conflicts = json::array();
  for (const Conflict& c : b.conflicts) {
    json claims = json::array();
    for (const ConflictClaim& cl : c.claims) claims.push_back({{"source", cl.source}, {"text", cl.text}, {"value", cl.value}});
    conflicts.push_back({{"topic", c.topic}, {"claims", std::move(claims)}});
  }
  j["conflicts"] = std::move(conflicts);
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
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string BriefToMarkdown(const Brief& b) {
  std::ostringstream out;
  out << "# " << (b.title.empty() ? "Story brief" : b.title) << "\n\n";
  out << b.articles.size() << (b.articles.size() == 1 ? " article, " : " articles, ") << b.independent_sources
      << (b.independent_sources == 1 ? " independent source" : " independent sources");
  if (b.first_date) out << ", " << *b.first_date << (b.last_date && *b.last_date != *b.first_date ? " to " + *b.last_date : "");
  out << ".\n\n## Summary\n\n";
  for (const BriefSentence& s : b.summary) out << s.text << " " << Cite(s.sources) << "\n";
  // Long lists stop at a few lines; the JSON has them whole.
  auto more = [&out](size_t left) {
    if (left > 0) out << "- ... and " << left << " more (all in --format json)\n";
  };
  if (!b.quotes.empty()) {
    out << "\n## Key quotations\n\n";
    const size_t n = std::min<size_t>(b.quotes.size(), 8);
    for (size_t i = 0; i < n; ++i) {
      const Quote& q = b.quotes[i];
      out << "- \"" << q.text << "\" -- " << q.speaker.value_or("unattributed") << " " << Cite(q.sources) << "\n";
    }
    more(b.quotes.size() - n);
  }
  if (!b.timeline.empty()) {
    out << "\n## Timeline\n\n";
    for (const TimelineEvent& t : b.timeline) out << "- **" << t.date << "** " << t.text << " " << Cite(t.sources) << "\n";
  }
  auto facts = [&](bool corroborated, const char* heading, size_t limit) {
    size_t total = 0, shown = 0;
    for (const Fact& f : b.facts) {
      if ((f.support >= 2) != corroborated) continue;
      if (total++ == 0) out << "\n## " << heading << "\n\n";
      if (shown == limit) continue;
      ++shown;
      out << "- " << f.text << " " << Cite(f.sources);
      if (corroborated) out << " (" << f.support << " independent sources)";
      out << "\n";
    }
    more(total - shown);
  };
  facts(true, "Corroborated facts", 10);
  facts(false, "Single-source claims", 8);
  out << "\n## Conflicts\n\n";
  if (b.conflicts.empty()) out << "No figure differs between the sources.\n";
  for (const Conflict& c : b.conflicts) {
    out << "- " << c.topic << ":";
    for (size_t i = 0; i < c.claims.size(); ++i)
      out << (i ? ";" : "") << " " << c.claims[i].value << " [" << c.claims[i].source << "]";
    out << "\n";
  }
  out << "\n## Sources\n\n| id | outlet | title | date | path |\n| --- | --- | --- | --- | --- |\n";
  for (const BriefArticle& a : b.articles) {
    std::string date = Cell(a.published);
    if (a.published_inferred && a.published) date += " (inferred)";
    if (a.duplicate_of) date += ", copy of " + *a.duplicate_of;
    out << "| " << a.id << " | " << Cell(a.outlet) << " | " << Cell(a.title) << " | " << date << " | " << Cell(a.path)
        << " |\n";
  }
  return out.str();
}

}  // namespace crosscheck
