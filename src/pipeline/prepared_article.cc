// A prepared article: the per-article half of an ingest, and its bytes.
//
// PrepareArticle is the one place that turns an extracted article into what the
// sequential half of an ingest needs (Ingester's worker threads and the Python
// module's workers both call it), so an article prepared in another process is
// stored as one prepared in the ingest's own threads.
//
// The bytes are CBOR, written and read by nlohmann::json: a map of named fields,
// so a reader can tell what it got and a later version can add fields. The long
// runs of numbers (shingles, terms, weights, the signature) are CBOR byte strings
// of fixed-width little-endian values, as the store keeps signatures: as CBOR
// arrays (a tree node per number) they took 9% more bytes and 13% more time to
// read on the example articles, which the driver of a Dask ingest pays for each.
// Reading is in two passes: a SAX pass that only checks the shape (one map, at
// most 3 levels deep, no array or string longer than the bytes left: nlohmann's
// reader recurses and would otherwise follow any nesting), then the tree, whose
// every field is checked against what PrepareArticle can make.
#include <bit>
#include <cmath>
#include <limits>
#include <type_traits>

#include <nlohmann/json.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "analyze/entities.h"
#include "crosscheck/corpus.h"
#include "relate/minhash.h"
#include "relate/story_clusterer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

constexpr char kPreparedFormat[] = "crosscheck.prepared/1";
// The map, the article's map inside it, and the article's arrays of strings.
constexpr size_t kMaxPreparedNesting = 3;
constexpr size_t kKeyBytes = 16;

std::string Key128(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  std::string out(kKeyBytes, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>((h.low64 >> (8 * i)) & 0xff);
    out[8 + i] = static_cast<char>((h.high64 >> (8 * i)) & 0xff);
  }
  return out;
}

std::string DroppedJson(const Article& a) {
  Json out = Json::array();
  for (const DroppedLine& d : a.dropped) out.push_back({{"reason", DropReasonName(d.reason)}, {"text", d.text}});
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Values as fixed-width little-endian bytes: a uint32_t or a float (its IEEE
// bits) in 4, a uint64_t in 8.
template <typename T>
Json::binary_t Packed(const std::vector<T>& values) {
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  std::vector<uint8_t> out(values.size() * sizeof(T));
  for (size_t i = 0; i < values.size(); ++i) {
    const Bits v = std::bit_cast<Bits>(values[i]);
    for (size_t b = 0; b < sizeof(T); ++b) out[sizeof(T) * i + b] = static_cast<uint8_t>(v >> (8 * b));
  }
  return Json::binary_t(std::move(out));
}

// Packed() read back; false when the bytes are not a whole number of values.
template <typename T>
bool Unpack(const std::string& bytes, std::vector<T>& out) {
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  if (bytes.size() % sizeof(T) != 0) return false;
  out.resize(bytes.size() / sizeof(T));
  for (size_t i = 0; i < out.size(); ++i) {
    Bits v = 0;
    for (size_t b = 0; b < sizeof(T); ++b) v |= static_cast<Bits>(static_cast<uint8_t>(bytes[sizeof(T) * i + b])) << (8 * b);
    out[i] = std::bit_cast<T>(v);
  }
  return true;
}

// The SAX pass: accepts one map whose values nest at most kMaxPreparedNesting
// deep, with no declared length larger than the input.
class ShapeCheck : public nlohmann::json_sax<Json> {
 public:
  explicit ShapeCheck(size_t input_bytes) : input_bytes_(input_bytes) {}
  const std::string& problem() const { return problem_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t elements) override { return Open(elements, /*object=*/true); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t elements) override { return Open(elements, /*object=*/false); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    problem_ = "not CBOR, or cut short, at byte " + std::to_string(position) + " (" + e.what() + ")";
    return false;
  }

 private:
  bool Value() {
    if (depth_ == 0) return Fail("a single value, not a map");
    return true;
  }
  bool Open(size_t elements, bool object) {
    if (depth_ == 0 && !object) return Fail("an array, not a map");
    if (++depth_ > kMaxPreparedNesting) return Fail("nested deeper than " + std::to_string(kMaxPreparedNesting));
    // An indefinite length is SIZE_MAX; a definite one needs a byte per element.
    if (elements != static_cast<size_t>(-1) && elements > input_bytes_)
      return Fail("a count of " + std::to_string(elements) + " in " + std::to_string(input_bytes_) + " bytes");
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }
  bool Fail(std::string why) {
    problem_ = std::move(why);
    return false;
  }

  size_t input_bytes_;
  size_t depth_ = 0;
  std::string problem_;
};

// Reads fields of a map, keeping the first problem; after one, each read gives
// an empty value.
class Fields {
 public:
  explicit Fields(const Json& map, std::string prefix = "") : map_(map), prefix_(std::move(prefix)) {}

  // The field when it is there and `is` says it has the right type.
  const Json* Find(const char* name, bool (Json::*is)() const noexcept, bool required) {
    if (!problem_.empty()) return nullptr;
    auto it = map_.find(name);
    if (it == map_.end()) {
      if (required) Fail(name, "missing");
      return nullptr;
    }
    if (!((*it).*is)()) {
      Fail(name, std::string("a ") + it->type_name() + " of the wrong type");
      return nullptr;
    }
    return &*it;
  }
  std::string String(const char* name) {
    const Json* j = Find(name, &Json::is_string, true);
    return j ? j->get<std::string>() : std::string();
  }
  std::optional<std::string> OptionalString(const char* name) {
    const Json* j = Find(name, &Json::is_string, false);
    return j ? std::optional<std::string>(j->get<std::string>()) : std::nullopt;
  }
  std::string Bytes(const char* name) {
    const Json* j = Find(name, &Json::is_binary, true);
    if (!j) return std::string();
    const Json::binary_t& b = j->get_binary();
    return std::string(b.begin(), b.end());
  }
  uint64_t Unsigned(const char* name, uint64_t max) {
    const Json* j = Find(name, &Json::is_number_unsigned, true);
    if (!j) return 0;
    const uint64_t v = j->get<uint64_t>();
    if (v > max) Fail(name, std::to_string(v) + " is more than " + std::to_string(max));
    return v;
  }
  std::optional<int32_t> OptionalInt32(const char* name) {
    const Json* j = Find(name, &Json::is_number_integer, false);
    if (!j) return std::nullopt;
    const bool fits = j->is_number_unsigned() ? j->get<uint64_t>() <= std::numeric_limits<int32_t>::max()
                                              : j->get<int64_t>() >= std::numeric_limits<int32_t>::min();
    if (!fits) {
      Fail(name, j->dump() + " does not fit 32 bits");
      return std::nullopt;
    }
    return static_cast<int32_t>(j->get<int64_t>());
  }
  std::vector<std::string> Strings(const char* name) {
    std::vector<std::string> out;
    const Json* j = Find(name, &Json::is_array, true);
    if (!j) return out;
    for (const Json& e : *j) {
      if (!e.is_string()) {
        Fail(name, "holds a " + std::string(e.type_name()) + ", not only strings");
        return {};
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  const std::string& problem() const { return problem_; }

 private:
  void Fail(const char* name, const std::string& why) {
    if (problem_.empty()) problem_ = "\"" + prefix_ + name + "\": " + why;
  }

  const Json& map_;
  std::string prefix_;
  std::string problem_;
};

Status Broken(const std::string& why) {
  return Status(StatusCode::kDataLoss,
                "not a prepared article as crosscheck writes it: " + why +
                    "; the bytes were cut short or changed on the way, or not made by PreparedArticleToBytes");
}

template <typename T>
bool StrictlyIncreasing(const std::vector<T>& v) {
  for (size_t i = 1; i < v.size(); ++i)
    if (!(v[i - 1] < v[i])) return false;
  return true;
}

}  // namespace

PreparedArticle PrepareArticle(const Briefer& briefer, Article article) {
  PreparedArticle p;
  relate::StoryFeatures features = relate::FeaturesOf(article, analyze::FindEntities(article, briefer.word_list()));
  p.terms = std::move(features.terms);
  p.day = features.day;
  std::vector<std::string_view> stems = relate::WordStems(article);
  p.shingles = relate::Shingles(stems);
  p.signature = relate::Sign(p.shingles);
  p.content_key = Key128(article.text);
  p.source_key = Key128(article.raw);
  p.words = static_cast<uint32_t>(article.WordCount());
  p.dropped_json = DroppedJson(article);
  article.raw = std::string();
  article.offsets = OffsetMap();
  article.paragraphs = std::vector<Span>();
  article.sentences = std::vector<Sentence>();
  article.stems = std::string();
  article.dropped = std::vector<DroppedLine>();
  p.article = std::move(article);
  return p;
}

std::string PreparedArticleToBytes(const PreparedArticle& p) {
  const Article& a = p.article;
  Json article = {{"id", a.id},         {"path", a.path},       {"authors", a.authors},
                  {"wire_credits", a.wire_credits},             {"format", a.format},
                  {"text", a.text},     {"warnings", a.warnings}};
  if (a.title) article["title"] = *a.title;
  if (a.outlet) article["outlet"] = *a.outlet;
  if (a.url) article["url"] = *a.url;
  if (a.published) article["published"] = *a.published;
  if (a.language) article["language"] = *a.language;
  std::vector<uint32_t> terms;
  std::vector<float> weights;
  for (const auto& [term, weight] : p.terms) {
    terms.push_back(static_cast<uint32_t>(term));
    weights.push_back(weight);
  }
  Json out = {{"format", kPreparedFormat},
              {"article", std::move(article)},
              {"words", p.words},
              {"dropped", p.dropped_json},
              {"terms", Packed(terms)},
              {"weights", Packed(weights)},
              {"shingles", Packed(p.shingles)},
              {"signature", Packed(p.signature)},
              {"content_key", Json::binary(std::vector<uint8_t>(p.content_key.begin(), p.content_key.end()))},
              {"source_key", Json::binary(std::vector<uint8_t>(p.source_key.begin(), p.source_key.end()))}};
  if (p.day) out["day"] = *p.day;
  std::vector<uint8_t> bytes = Json::to_cbor(out);
  return std::string(bytes.begin(), bytes.end());
}

Result<PreparedArticle> PreparedArticleFromBytes(std::string_view bytes) {
  ShapeCheck shape(bytes.size());
  if (!Json::sax_parse(bytes.begin(), bytes.end(), &shape, Json::input_format_t::cbor)) {
    return Broken(shape.problem().empty() ? "not one CBOR map" : shape.problem());
  }
  Json j = Json::from_cbor(bytes.begin(), bytes.end(), /*strict=*/true, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Broken("not one CBOR map");

  Fields top(j);
  const std::string format = top.String("format");
  if (!top.problem().empty()) return Broken(top.problem());
  if (format != kPreparedFormat) {
    return Status(StatusCode::kUnsupportedFormat, "a prepared article of format \"" + format +
                                                      "\", and this crosscheck reads \"" + kPreparedFormat +
                                                      "\" only; run the same crosscheck version on every machine");
  }
  PreparedArticle p;
  const Json* article = top.Find("article", &Json::is_object, true);
  if (!article) return Broken(top.problem());
  Fields f(*article, "article.");
  Article& a = p.article;
  a.id = f.String("id");
  a.path = f.String("path");
  a.title = f.OptionalString("title");
  a.outlet = f.OptionalString("outlet");
  a.url = f.OptionalString("url");
  a.published = f.OptionalString("published");
  a.language = f.OptionalString("language");
  a.authors = f.Strings("authors");
  a.wire_credits = f.Strings("wire_credits");
  a.format = f.String("format");
  a.text = f.String("text");
  a.warnings = f.Strings("warnings");
  if (!f.problem().empty()) return Broken(f.problem());

  // Each word takes a byte of the text at least, each shingle starts at a word,
  // each term comes from two bytes of the text or the title.
  p.words = static_cast<uint32_t>(top.Unsigned("words", a.text.size()));
  p.dropped_json = top.String("dropped");
  const uint64_t max_terms = a.text.size() + (a.title ? a.title->size() : 0);
  const std::string packed_terms = top.Bytes("terms");
  const std::string packed_weights = top.Bytes("weights");
  p.day = top.OptionalInt32("day");
  const std::string packed_shingles = top.Bytes("shingles");
  const std::string packed_signature = top.Bytes("signature");
  p.content_key = top.Bytes("content_key");
  p.source_key = top.Bytes("source_key");
  if (!top.problem().empty()) return Broken(top.problem());

  std::vector<uint32_t> terms;
  std::vector<float> weights;
  if (!Unpack(packed_terms, terms) || !Unpack(packed_weights, weights) || !Unpack(packed_shingles, p.shingles) ||
      !Unpack(packed_signature, p.signature)) {
    return Broken("\"terms\", \"weights\", \"shingles\" or \"signature\" of a length that is not a whole number "
                  "of values");
  }
  if (terms.size() != weights.size()) {
    return Broken(std::to_string(terms.size()) + " \"terms\" but " + std::to_string(weights.size()) + " \"weights\"");
  }
  if (terms.size() > max_terms) {
    return Broken(std::to_string(terms.size()) + " \"terms\" from " + std::to_string(max_terms) + " bytes of text");
  }
  if (!StrictlyIncreasing(terms)) return Broken("\"terms\" out of order or repeated");
  for (float w : weights)
    if (!(std::isfinite(w) && w > 0)) return Broken("a weight of " + std::to_string(w) + ", not a positive number");
  if (p.shingles.size() > p.words) {
    return Broken(std::to_string(p.shingles.size()) + " \"shingles\" of " + std::to_string(p.words) + " words");
  }
  if (!StrictlyIncreasing(p.shingles)) return Broken("\"shingles\" out of order or repeated");
  const size_t hashes = p.shingles.empty() ? 0 : relate::MinHashOptions{}.num_hashes;
  if (p.signature.size() != hashes) {
    return Broken("a \"signature\" of " + std::to_string(p.signature.size()) + " values for " +
                  std::to_string(p.shingles.size()) + " shingles (it takes " + std::to_string(hashes) + ")");
  }
  if (p.content_key.size() != kKeyBytes || p.source_key.size() != kKeyBytes) {
    return Broken("keys of " + std::to_string(p.content_key.size()) + " and " + std::to_string(p.source_key.size()) +
                  " bytes, not " + std::to_string(kKeyBytes));
  }
  p.terms.reserve(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) p.terms.emplace_back(terms[i], weights[i]);
  return p;
}

}  // namespace crosscheck
