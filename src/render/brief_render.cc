// crosscheck.brief/1 JSON and the Markdown brief.
#include <nlohmann/json.hpp>

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
  out << b.articles.size() << " articles, " << b.independent_sources << " independent sources";
  if (b.first_date) out << ", " << *b.first_date << (b.last_date && *b.last_date != *b.first_date ? " to " + *b.last_date : "");
  out << ".\n\n## Summary\n\n";
  for (const BriefSentence& s : b.summary) out << s.text << " " << Cite(s.sources) << "\n";
  size_t shown = 0;
  for (const Quote& q : b.quotes) {
    if (shown == 0) out << "\n## Key quotations\n\n";
    if (++shown > 8) break;
    out << "- \"" << q.text << "\" -- " << q.speaker.value_or("unattributed") << " " << Cite(q.sources) << "\n";
  }
  if (!b.timeline.empty()) {
    out << "\n## Timeline\n\n";
    for (const TimelineEvent& t : b.timeline) out << "- **" << t.date << "** " << t.text << " " << Cite(t.sources) << "\n";
  }
  shown = 0;
  for (const Fact& f : b.facts) {
    if (f.support < 2) continue;
    if (shown == 0) out << "\n## Corroborated facts\n\n";
    if (++shown > 10) break;
    out << "- " << f.text << " " << Cite(f.sources) << " (" << f.support << " independent sources)\n";
  }
  shown = 0;
  for (const Fact& f : b.facts) {
    if (f.support >= 2) continue;
    if (shown == 0) out << "\n## Single-source claims\n\n";
    if (++shown > 8) break;
    out << "- " << f.text << " " << Cite(f.sources) << "\n";
  }
  if (!b.conflicts.empty()) {
    out << "\n## Conflicts\n\n";
    for (const Conflict& c : b.conflicts) {
      out << "- " << c.topic << ":";
      for (size_t i = 0; i < c.claims.size(); ++i)
        out << (i ? ";" : "") << " " << c.claims[i].value << " [" << c.claims[i].source << "]";
      out << "\n";
    }
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
