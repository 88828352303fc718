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
// Reading is two passes. The first walks the items' heads alone, without
// recursion, and refuses what the writer never makes: indefinite lengths (for
// which nlohmann's reader recurses once per chunk, so that 100 KB of 0x7F bytes
// overflow the stack), tags, nesting beyond 3, a length beyond the bytes left,
// bytes after the map. The second is one SAX pass that fills the
// article as values arrive (Reader): no tree (a tree and a pass to check its shape
// took twice as long). Every field is then checked against what PrepareArticle
// can make.
#include <bit>
#include <cmath>
#include <limits>
#include <set>
#include <type_traits>

#include <nlohmann/json.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "analyze/entities.h"
#include "crosscheck/corpus.h"
#include "relate/minhash.h"
#include "relate/story_clusterer.h"
#include "text/normalize.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

constexpr char kPreparedFormat[] = "crosscheck.prepared/1";
// The map, the article's map inside it, and the article's arrays of strings.
constexpr size_t kMaxPreparedNesting = 3;
constexpr size_t kKeyBytes = 16;
// Longest "format" named in a message; longer is no format name.
constexpr size_t kMaxFormatName = 64;

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
std::vector<uint8_t> Packed(const std::vector<T>& values) {
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  std::vector<uint8_t> out(values.size() * sizeof(T));
  for (size_t i = 0; i < values.size(); ++i) {
    const Bits v = std::bit_cast<Bits>(values[i]);
    for (size_t b = 0; b < sizeof(T); ++b) out[sizeof(T) * i + b] = static_cast<uint8_t>(v >> (8 * b));
  }
  return out;
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

// The first pass: "" when the bytes are one CBOR item whose heads the second
// pass can follow safely, else what is wrong and where.
std::string CheckHeads(std::string_view b) {
  // Items left to read at each open level; the bottom one is the whole input.
  std::vector<uint64_t> left = {1};
  size_t i = 0;
  auto at = [&](const std::string& what) {
    return "not CBOR, or cut short, at byte " + std::to_string(i) + ": " + what;
  };
  while (!left.empty()) {
    if (left.back() == 0) {
      left.pop_back();
      continue;
    }
    --left.back();
    if (i >= b.size()) return at("the input ends");
    const uint8_t head = static_cast<uint8_t>(b[i++]);
    const int major = head >> 5, info = head & 31;
    uint64_t value = static_cast<uint64_t>(info);
    if (info >= 24) {
      if (info > 27) return at("an indefinite or reserved length, which crosscheck never writes");
      const size_t n = size_t{1} << (info - 24);
      if (n > b.size() - i) return at("the input ends");
      value = 0;
      for (size_t k = 0; k < n; ++k) value = (value << 8) | static_cast<uint8_t>(b[i++]);
    }
    const uint64_t rest = b.size() - i;
    switch (major) {
      case 2:  // byte string
      case 3:  // text string
        if (value > rest) return at("a length of " + std::to_string(value) + " with " + std::to_string(rest) + " bytes left");
        i += value;
        break;
      case 4:  // array
      case 5:  // map: a key and a value per entry
        if (value > rest) return at("a count of " + std::to_string(value) + " with " + std::to_string(rest) + " bytes left");
        if (left.size() > kMaxPreparedNesting) return at("nested deeper than " + std::to_string(kMaxPreparedNesting));
        left.push_back(major == 4 ? value : 2 * value);
        break;
      case 6:
        return at("a tag, which crosscheck never writes");
      default:  // numbers, simple values, floats: the head is all
        break;
    }
  }
  if (i != b.size()) return at(std::to_string(b.size() - i) + " bytes after the map");
  return "";
}

// The second pass: a SAX pass over the CBOR (whose heads CheckHeads passed),
// filling a PreparedArticle as the values arrive, and refusing anything else: a
// value at a place the format has none, a wrong type, a field twice. "format"
// must come first (the writer puts
// it there), so that another version is told as such, not as a wrong field.
// Fields this version does not know, if they are plain values, are skipped: a
// later version can add some without a new format name.
class Reader : public nlohmann::json_sax<Json> {
 public:
  explicit Reader(PreparedArticle& out) : out_(out) {}

  // After the pass: the first problem, the format named, and the fields seen.
  const std::string& problem() const { return problem_; }
  const std::string& format() const { return format_; }
  bool unsupported() const { return unsupported_; }
  // The first required field not seen, or "" when all are there.
  std::string Missing() const {
    for (const char* name : kRequiredTop)
      if (!seen_top_.count(name)) return name;
    for (const char* name : kRequiredArticle)
      if (!seen_article_.count(name)) return std::string("article.") + name;
    return "";
  }
  uint64_t words = 0;
  std::string terms, weights, shingles, signature;  // packed, as written

  bool null() override { return Other("null"); }
  bool boolean(bool) override { return Other("boolean"); }
  bool number_float(number_float_t, const string_t&) override { return Other("float"); }
  bool number_integer(number_integer_t v) override {
    if (depth_ == 1 && key_ == "day") return Day(v >= std::numeric_limits<int32_t>::min(), v, std::to_string(v));
    return Other("negative number");
  }
  bool number_unsigned(number_unsigned_t v) override {
    if (depth_ == 1 && key_ == "day")
      return Day(v <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max()), static_cast<int64_t>(v),
                 std::to_string(v));
    if (depth_ == 1 && key_ == "words") {
      words = v;
      return true;
    }
    return Other("number");
  }
  bool string(string_t& v) override {
    if (depth_ == 1) {
      if (key_ == "format") {
            if (v.size() > kMaxFormatName) return Fail("\"format\": " + std::to_string(v.size()) + " bytes, not a name");
        format_ = std::move(v);
        if (format_ != kPreparedFormat) return Unsupported();
        return true;
      }
      if (key_ == "dropped") return Set(out_.dropped_json, v);
    } else if (depth_ == 2) {
      Article& a = out_.article;
      if (key_ == "id") return Set(a.id, v);
      if (key_ == "path") return Set(a.path, v);
      if (key_ == "format") return Set(a.format, v);
      if (key_ == "text") return Set(a.text, v);
      if (key_ == "title") return Set(a.title, v);
      if (key_ == "outlet") return Set(a.outlet, v);
      if (key_ == "url") return Set(a.url, v);
      if (key_ == "published") return Set(a.published, v);
      if (key_ == "language") return Set(a.language, v);
    } else if (depth_ == 3) {
      list_->push_back(std::move(v));
      return true;
    }
    return Other("string");
  }
  bool binary(binary_t& v) override {
    if (depth_ == 1) {
      std::string* field = key_ == "terms"         ? &terms
                           : key_ == "weights"     ? &weights
                           : key_ == "shingles"    ? &shingles
                           : key_ == "signature"   ? &signature
                           : key_ == "content_key" ? &out_.content_key
                           : key_ == "source_key"  ? &out_.source_key
                                                   : nullptr;
      if (field != nullptr) {
        field->assign(v.begin(), v.end());
        return true;
      }
    }
    return Other("byte string");
  }
  bool start_object(std::size_t) override {
    if (depth_ == 0 || (depth_ == 1 && key_ == "article")) {
      ++depth_;
      return true;
    }
    return Other("map");
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 2) {
      Article& a = out_.article;
      list_ = key_ == "authors" ? &a.authors : key_ == "wire_credits" ? &a.wire_credits
                                             : key_ == "warnings"     ? &a.warnings
                                                                      : nullptr;
      if (list_ != nullptr) {
        ++depth_;
        return true;
      }
    }
    return depth_ == 0 ? Fail("an array, not a map") : Other("array");
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool key(string_t& k) override {
    std::set<std::string>& seen = depth_ == 1 ? seen_top_ : seen_article_;
    if (depth_ == 1 && seen_top_.empty() && k != "format") return Fail("\"" + k + "\" before \"format\"");
    if (!seen.insert(k).second) return Fail("\"" + Path(k) + "\" twice");
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    return Fail("not CBOR, or cut short, at byte " + std::to_string(position) + " (" + e.what() + ")");
  }

 private:
  static constexpr const char* kRequiredTop[] = {"format",   "article",  "words",     "dropped",     "terms",
                                                 "weights",  "shingles", "signature", "content_key", "source_key"};
  static constexpr const char* kRequiredArticle[] = {"id", "path", "authors", "wire_credits", "format", "text",
                                                     "warnings"};

  // Whether this version knows the field.
  static bool Known(size_t depth, const std::string& key) {
    static const std::set<std::string> top = {"format", "article", "words",     "dropped",     "terms",     "weights",
                                              "day",    "shingles", "signature", "content_key", "source_key"};
    static const std::set<std::string> article = {"id",   "path",  "authors", "wire_credits", "format", "text",
                                                  "warnings", "title", "outlet",  "url",          "published",
                                                  "language"};
    return (depth == 1 ? top : article).count(key) > 0;
  }
  std::string Path(const std::string& key) const { return depth_ >= 2 ? "article." + key : key; }

  // A value the format has no place for: a wrong type at a known field (or
  // inside the article's arrays), anything but a plain value at an unknown one.
  bool Other(const std::string& type) {
    const std::string a_type = (type[0] == 'a' ? "an " : "a ") + type;
    if (depth_ == 0) return Fail("a single " + type + ", not a map");
    if (depth_ == 3) return Fail("\"" + Path(key_) + "\" holds " + a_type + ", not only strings");
    if (!Known(depth_, key_) && type != "map" && type != "array") return true;
    return Fail("\"" + Path(key_) + "\": " + a_type + " of the wrong type");
  }
  bool Set(std::string& field, string_t& v) {
    field = std::move(v);
    return true;
  }
  bool Set(std::optional<std::string>& field, string_t& v) {
    field = std::move(v);
    return true;
  }
  bool Day(bool fits, int64_t v, const std::string& text) {
    if (!fits) return Fail("\"day\": " + text + " does not fit 32 bits");
    out_.day = static_cast<int32_t>(v);
    return true;
  }
  bool Unsupported() {
    unsupported_ = true;
    return false;
  }
  bool Fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
    return false;
  }

  PreparedArticle& out_;
  size_t depth_ = 0;
  std::string key_;
  std::vector<std::string>* list_ = nullptr;
  std::set<std::string> seen_top_, seen_article_;
  std::string format_;
  bool unsupported_ = false;
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
  using Ordered = nlohmann::ordered_json;  // "format" first, as the reader wants it
  const Article& a = p.article;
  Ordered article = {{"id", a.id},         {"path", a.path},       {"authors", a.authors},
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
  Ordered out = {{"format", kPreparedFormat},
                 {"article", std::move(article)},
                 {"words", p.words},
                 {"dropped", p.dropped_json},
                 {"terms", Ordered::binary(Packed(terms))},
                 {"weights", Ordered::binary(Packed(weights))},
                 {"shingles", Ordered::binary(Packed(p.shingles))},
                 {"signature", Ordered::binary(Packed(p.signature))},
                 {"content_key", Ordered::binary(std::vector<uint8_t>(p.content_key.begin(), p.content_key.end()))},
                 {"source_key", Ordered::binary(std::vector<uint8_t>(p.source_key.begin(), p.source_key.end()))}};
  if (p.day) out["day"] = *p.day;
  std::vector<uint8_t> bytes = Ordered::to_cbor(out);
  return std::string(bytes.begin(), bytes.end());
}

Result<PreparedArticle> PreparedArticleFromBytes(std::string_view bytes) {
  if (const std::string bad = CheckHeads(bytes); !bad.empty()) return Broken(bad);
  PreparedArticle p;
  Reader reader(p);
  const bool parsed = Json::sax_parse(bytes.begin(), bytes.end(), &reader, Json::input_format_t::cbor);
  if (reader.unsupported()) {
    return Status(StatusCode::kUnsupportedFormat, "a prepared article of format \"" + reader.format() +
                                                      "\", and this crosscheck reads \"" + kPreparedFormat +
                                                      "\" only; run the same crosscheck version on every machine");
  }
  if (!parsed) return Broken(reader.problem().empty() ? "not one CBOR map" : reader.problem());
  if (const std::string missing = reader.Missing(); !missing.empty()) return Broken("\"" + missing + "\": missing");
  const Article& a = p.article;
  // Extraction repairs the text to UTF-8, and every later stage (segmentation,
  // the store's full-text index, the renderers) reads it as such.
  if (!text::IsValidUtf8(a.text)) return Broken("\"article.text\": not valid UTF-8");
  // Each word takes a byte of the text at least, each shingle starts at a word,
  // each term comes from two bytes of the text or the title.
  if (reader.words > a.text.size()) {
    return Broken("\"words\": " + std::to_string(reader.words) + " is more than the " +
                  std::to_string(a.text.size()) + " bytes of the text");
  }
  p.words = static_cast<uint32_t>(reader.words);
  const uint64_t max_terms = a.text.size() + (a.title ? a.title->size() : 0);
  const std::string& packed_terms = reader.terms;
  const std::string& packed_weights = reader.weights;
  const std::string& packed_shingles = reader.shingles;
  const std::string& packed_signature = reader.signature;

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
