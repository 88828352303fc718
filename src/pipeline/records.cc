#include "pipeline/records.h"

#include "ingest/input_reader.h"
#include "render/article_json.h"

namespace crosscheck::pipeline {
namespace {

std::optional<std::string> OptionalString(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string> Strings(const nlohmann::json& record, const char* key) {
  std::vector<std::string> out;
  auto it = record.find(key);
  if (it == record.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// A record `extract` wrote: it carries the segmentation of its cleaned text.
bool IsExtracted(const nlohmann::json& record) {
  auto it = record.find("sentences");
  return it != record.end() && it->is_array();
}

}  // namespace

RecordFilter::RecordFilter(Briefer& briefer, const InputLimits& limits, const RecordOptions& options)
    : briefer_(briefer), limits_(limits), options_(options) {}

std::optional<Article> RecordFilter::ReadRecord(const nlohmann::json& record, const std::string& where,
                                                const std::string& fallback_id,
                                                const std::function<void(const Status&)>& on_problem) {
  if (IsExtracted(record)) {
    std::optional<std::string> text = OptionalString(record, "text");
    if (!text || text->empty()) {
      on_problem(Status(StatusCode::kInvalidInput, "an extracted record without \"text\"; skipped", where));
      return std::nullopt;
    }
    Article a;
    a.id = OptionalString(record, "id").value_or(fallback_id);
    a.path = OptionalString(record, "path").value_or(where);
    a.title = OptionalString(record, "title");
    a.outlet = OptionalString(record, "outlet");
    a.url = OptionalString(record, "url");
    a.published = OptionalString(record, "published");
    a.language = OptionalString(record, "language");
    a.format = OptionalString(record, "format").value_or("text");
    a.authors = Strings(record, "authors");
    a.wire_credits = Strings(record, "wire_credits");
    a.text = std::move(*text);
    if (!a.published) a.published = options_.published;
    return briefer_.extractor().Resegment(std::move(a));
  }
  std::optional<ingest::Document> doc = ingest::JsonlDocument(record, where, on_problem);
  if (!doc) return std::nullopt;
  Result<Article> a = briefer_.extractor().Extract(std::move(doc->bytes), doc->where, doc->hints);
  if (!a.ok()) {
    on_problem(a.status());
    return std::nullopt;
  }
  if (a->id.empty()) a->id = fallback_id;
  if (!a->published) a->published = options_.published;
  return std::move(a).value();
}

std::optional<Article> RecordFilter::Read(std::string_view line, const std::string& where,
                                          const std::string& fallback_id,
                                          const std::function<void(const Status&)>& on_problem) {
  std::optional<nlohmann::json> record = ingest::ParseJsonlRecord(line, where, limits_, on_problem);
  if (!record) return std::nullopt;
  return ReadRecord(*record, where, fallback_id, on_problem);
}

std::optional<nlohmann::ordered_json> RecordFilter::Run(std::string_view line, const std::string& where,
                                                        const std::string& fallback_id,
                                                        const std::function<void(const Status&)>& on_problem) {
  std::optional<nlohmann::json> record = ingest::ParseJsonlRecord(line, where, limits_, on_problem);
  if (!record) return std::nullopt;
  std::optional<Article> a = ReadRecord(*record, where, fallback_id, on_problem);
  if (!a) return std::nullopt;
  nlohmann::ordered_json out;
  if (IsExtracted(*record)) {
    // The record goes out as it came, its fields in their order.
    out = nlohmann::ordered_json::parse(line);
  } else {
    render::ArticleJsonOptions json_options;
    json_options.tokens = options_.tokens;
    out = render::ArticleToJson(*a, json_options);
  }
  if (options_.annotate) out["annotations"] = render::AnnotationsToJson(briefer_.Annotate(*a));
  return out;
}

}  // namespace crosscheck::pipeline
