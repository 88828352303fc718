#include "render/article_json.h"

#include "base/printable.h"

namespace crosscheck::render {
namespace {

nlohmann::ordered_json OptionalString(const std::optional<std::string>& s) {
  return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json ArticleToJson(const Article& a, const ArticleJsonOptions& options) {
  using json = nlohmann::ordered_json;
  json j;
  j["id"] = a.id;
  j["path"] = a.path;
  j["title"] = OptionalString(a.title);
  j["outlet"] = OptionalString(a.outlet);
  j["url"] = OptionalString(a.url);
  j["published"] = OptionalString(a.published);
  j["language"] = OptionalString(a.language);
  j["format"] = a.format;
  j["authors"] = a.authors;
  j["wire_credits"] = a.wire_credits;
  j["words"] = a.WordCount();
  j["text"] = a.text;
  json paragraphs = json::array();
  for (const Span& p : a.paragraphs) paragraphs.push_back(a.Slice(p));
  j["paragraphs"] = std::move(paragraphs);
  json sentences = json::array();
  for (const Sentence& s : a.sentences) {
    json js;
    js["text"] = a.Slice(s.span);
    js["start"] = s.span.begin;
    js["end"] = s.span.end;
    js["paragraph"] = s.paragraph;
    if (options.tokens) {
      json tokens = json::array();
      for (const Token& t : s.tokens) {
        json jt;
        jt["text"] = a.Slice(t.span);
        jt["start"] = t.span.begin;
        jt["end"] = t.span.end;
        if (t.is_word) jt["stem"] = a.StemOf(t);
        tokens.push_back(std::move(jt));
      }
      js["tokens"] = std::move(tokens);
    }
    sentences.push_back(std::move(js));
  }
  j["sentences"] = std::move(sentences);
  json repairs = json::object();
  for (size_t r = 0; r < kRepairKinds; ++r) repairs[RepairName(static_cast<Repair>(r))] = a.repairs.counts[r];
  j["repairs"] = std::move(repairs);
  json dropped = json::array();
  for (const DroppedLine& d : a.dropped) {
    json jd;
    jd["reason"] = DropReasonName(d.reason);
    jd["text"] = d.text;
    jd["start"] = d.original.begin;
    jd["end"] = d.original.end;
    dropped.push_back(std::move(jd));
  }
  j["dropped"] = std::move(dropped);
  j["warnings"] = a.warnings;
  return j;
}

nlohmann::ordered_json StoryRowToJson(const StoryRow& r) {
  nlohmann::ordered_json j;
  j["story"] = r.id;
  j["headline"] = r.headline;
  j["articles"] = r.articles;
  j["independent_sources"] = r.independent;
  j["outlets"] = r.outlets;
  j["first_date"] = OptionalString(r.first_date);
  j["last_date"] = OptionalString(r.last_date);
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  return j;
}

nlohmann::ordered_json AnnotationsToJson(const Annotations& an) {
  using json = nlohmann::ordered_json;
  json entities = json::array(), quotes = json::array(), dates = json::array();
  for (const auto& e : an.entities)
    entities.push_back({{"start", e.span.begin}, {"end", e.span.end}, {"text", e.text}, {"type", e.type}, {"name", e.name}});
  for (const auto& q : an.quotes) {
    json jq = {{"start", q.span.begin}, {"end", q.span.end}, {"text", q.text}, {"speaker", OptionalString(q.speaker)}};
    jq["speaker_start"] = q.speaker_span ? json(q.speaker_span->begin) : json(nullptr);
    jq["speaker_end"] = q.speaker_span ? json(q.speaker_span->end) : json(nullptr);
    jq["partial"] = q.partial;
    quotes.push_back(std::move(jq));
  }
  for (const auto& d : an.dates)
    dates.push_back(
        {{"start", d.span.begin}, {"end", d.span.end}, {"text", d.text}, {"value", d.value}, {"type", d.type}});
  return {{"entities", std::move(entities)}, {"quotes", std::move(quotes)}, {"dates", std::move(dates)}};
}

void WriteArticleText(const Article& a, std::ostream& out) {
  out << "== " << EscapeControls(a.id) << "  " << EscapeControls(a.path) << "\n";
  auto field = [&](const char* name, const std::optional<std::string>& v) {
    if (v) out << name << ": " << *v << "\n";
  };
  field("title", a.title);
  field("outlet", a.outlet);
  field("url", a.url);
  field("published", a.published);
  field("language", a.language);
  auto list = [&](const char* name, const std::vector<std::string>& v) {
    if (v.empty()) return;
    out << name << ":";
    for (size_t i = 0; i < v.size(); ++i) out << (i ? ", " : " ") << v[i];
    out << "\n";
  };
  list("authors", a.authors);
  list("wire credits", a.wire_credits);
  out << "words: " << a.WordCount() << ", paragraphs: " << a.paragraphs.size()
      << ", sentences: " << a.sentences.size() << "\n";
  if (a.repairs.total() > 0) {
    out << "repairs:";
    for (size_t r = 0; r < kRepairKinds; ++r)
      if (a.repairs.counts[r] > 0) out << " " << RepairName(static_cast<Repair>(r)) << "=" << a.repairs.counts[r];
    out << "\n";
  }
  for (const DroppedLine& d : a.dropped) out << "dropped (" << DropReasonName(d.reason) << "): " << d.text << "\n";
  for (const std::string& w : a.warnings) out << "warning: " << w << "\n";
  out << "\n" << a.text << "\n\n";
}

}  // namespace crosscheck::render
