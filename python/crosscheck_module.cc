// The Python module `crosscheck._crosscheck`: the library's per-article stages,
// briefs, MinHash signatures and the store, for python/crosscheck/__init__.py to
// wrap.
//
// Records cross this boundary as JSON text, both ways: a dict goes in as
// json.dumps gives it and is read exactly as a line of a JSONL input (or of
// `extract`'s output) is read by the CLI (pipeline::RecordFilter); results come
// back as the CLI's JSON, which the Python side loads into dicts. One reader of
// records, then, and no second mapping of every field to keep in step.
//
// For a cluster (python/crosscheck/dask.py) the per-article half of an ingest
// crosses as bytes instead: workers prepare articles (PrepareArticle, then
// PreparedArticleToBytes) and the driver's store adds them, reading nothing again.
//
// Errors are crosscheck.Error, whose message is the Status text the CLI prints
// after "crosscheck: ". The GIL is released while the library works (extraction,
// analysis, briefs, store queries and ingests), so Python threads run their calls
// at the same time; each thread gets its own Briefer (they are not thread-safe),
// cloned from one loaded once so that word lists load once per process.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "crosscheck/brief.h"
#include "crosscheck/corpus.h"
#include "crosscheck/extract.h"
#include "crosscheck/store.h"
#include "crosscheck/version.h"
#include "ingest/input_reader.h"
#include "pipeline/records.h"
#include "relate/minhash.h"
#include "render/article_json.h"

namespace py = pybind11;

namespace crosscheck::python {
namespace {

// A failed Status as a Python exception (crosscheck.Error).
class Error : public std::runtime_error {
 public:
  explicit Error(const Status& status) : std::runtime_error(status.ToString()) {}
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

template <typename T>
T Check(Result<T> result) {
  if (!result.ok()) throw Error(result.status());
  return std::move(result).value();
}

void Check(const Status& status) {
  if (!status.ok()) throw Error(status);
}

// This thread's Briefer for a word-list choice and a summary length, cloned from
// a prototype loaded once per process.
Briefer& ThreadBriefer(bool glue_repair, size_t summary_words = BriefOptions{}.summary_words) {
  using Key = std::pair<bool, size_t>;
  static std::mutex mu;
  static std::map<Key, std::unique_ptr<Briefer>> prototypes;
  thread_local std::map<Key, std::unique_ptr<Briefer>> mine;
  const Key key{glue_repair, summary_words};
  auto it = mine.find(key);
  if (it != mine.end()) return *it->second;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<Briefer>& prototype = prototypes[key];
  if (!prototype) {
    BriefOptions options;
    options.extract.repair_glued_words = glue_repair;
    options.summary_words = summary_words;
    prototype = std::make_unique<Briefer>(Check(Briefer::Create(options)));
  }
  return *mine.emplace(key, std::make_unique<Briefer>(prototype->Clone())).first->second;
}

std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct ReadFlags {
  bool tokens = false;
  bool annotate = false;
  std::optional<std::string> published;
  bool glue_repair = true;
};

pipeline::RecordOptions ToRecordOptions(const ReadFlags& flags) {
  return {.annotate = flags.annotate, .tokens = flags.tokens, .published = flags.published};
}

// The problems reported while reading: each one's message, as the CLI prints it
// after "crosscheck: ". A record that could not be read at all fails the call
// with its first problem; the rest are returned beside the result (the Python
// side turns them into warnings).
class Problems {
 public:
  void operator()(const Status& s) { messages_.push_back(s.ToString()); }
  [[noreturn]] void Fail(const std::string& where) const {
    if (messages_.empty()) throw Error(Status(StatusCode::kInvalidInput, "a blank record", where));
    throw Error(messages_.back());  // the problem that made it skip the record
  }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

using WithProblems = std::pair<std::string, std::vector<std::string>>;

// One record (JSON text) -> the record out (JSON text), as `annotate` (or
// `extract`, without annotations) writes it, and the problems it had.
WithProblems RunRecord(const std::string& record, const std::string& where, const std::string& fallback_id,
                       const ReadFlags& flags) {
  py::gil_scoped_release release;
  pipeline::RecordFilter filter(ThreadBriefer(flags.glue_repair), InputLimits{}, ToRecordOptions(flags));
  Problems problems;
  std::optional<nlohmann::ordered_json> out = filter.Run(record, where, fallback_id, std::ref(problems));
  if (!out) problems.Fail(where);
  return {Dump(*out), problems.messages()};
}

// Raw bytes of one article (text, HTML or SGML) -> its record out.
std::string ExtractBytes(const std::string& raw, const std::string& path, const ReadFlags& flags) {
  py::gil_scoped_release release;
  Briefer& briefer = ThreadBriefer(flags.glue_repair);
  Article a = Check(briefer.extractor().Extract(raw, path));
  a.id = "A1";
  if (!a.published) a.published = flags.published;
  nlohmann::ordered_json out = render::ArticleToJson(a, {.tokens = flags.tokens});
  if (flags.annotate) out["annotations"] = render::AnnotationsToJson(briefer.Annotate(a));
  return Dump(out);
}

// Extracts every article of the files, folders and archives `paths`, as the CLI
// reads its INPUTs, and gives each to `take` (its publication date defaulting to
// the flags'); what cannot be read goes to `problems`. Call without the GIL.
void ForEachExtracted(const std::vector<std::string>& paths, const ReadFlags& flags, Briefer& briefer,
                      Problems& problems, const std::function<void(Article)>& take) {
  ingest::DocumentEvents events;
  events.problem = std::ref(problems);
  events.document = [&](ingest::Document doc) {
    Result<Article> a = briefer.extractor().Extract(std::move(doc.bytes), doc.where, doc.hints);
    if (!a.ok()) {
      problems(a.status());
      return;
    }
    if (!a->published) a->published = flags.published;
    take(std::move(a).value());
  };
  ingest::ForEachDocument(paths, InputLimits{}, events);
}

// Files, folders and archives, as `extract` reads its INPUTs -> (records,
// problems). Articles without an id of their own get A1, A2, ... as `extract`
// numbers them when `number` is set, else none (as `ingest` stores them).
std::pair<std::vector<std::string>, std::vector<std::string>> ReadPaths(const std::vector<std::string>& paths,
                                                                        bool number, const ReadFlags& flags) {
  py::gil_scoped_release release;
  Briefer& briefer = ThreadBriefer(flags.glue_repair);
  std::vector<std::string> records;
  Problems problems;
  ForEachExtracted(paths, flags, briefer, problems, [&](Article a) {
    if (a.id.empty() && number) a.id = "A" + std::to_string(records.size() + 1);
    nlohmann::ordered_json out = render::ArticleToJson(a, {.tokens = flags.tokens});
    if (flags.annotate) out["annotations"] = render::AnnotationsToJson(briefer.Annotate(a));
    records.push_back(Dump(out));
  });
  return {std::move(records), problems.messages()};
}

// The files INPUTs stand for, in the CLI's order (ExpandInputs), without the files
// of folders that are clearly not articles (NotAnArticle: images, tables, READMEs),
// which the CLI skips too -> (files, problems).
std::pair<std::vector<std::string>, std::vector<std::string>> ListInputs(const std::vector<std::string>& inputs) {
  py::gil_scoped_release release;
  Problems problems;
  std::vector<std::string> files;
  for (const InputSource& source : ExpandInputs(inputs, std::ref(problems))) {
    if (!source.folder.empty()) {
      std::string prefix(64 << 10, '\0');
      std::ifstream in(source.path, std::ios::binary);
      in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
      prefix.resize(static_cast<size_t>(in.gcount()));
      if (NotAnArticle(source.path, prefix)) continue;
    }
    files.push_back(source.path);
  }
  return {std::move(files), problems.messages()};
}

std::string Render(const Brief& brief, const std::string& format) {
  if (format == "json") return BriefToJson(brief);
  if (format == "markdown") return BriefToMarkdown(brief);
  if (format == "html") return BriefToHtml(brief);
  throw Error("format must be json, markdown or html, not \"" + format + "\"");
}

// The brief of records (JSON text), each as annotate() reads it; a record that
// cannot be read fails the call.
WithProblems BriefRecords(const std::vector<std::string>& records, size_t words, const std::string& format,
                          const ReadFlags& flags) {
  py::gil_scoped_release release;
  Briefer& briefer = ThreadBriefer(flags.glue_repair, words);
  pipeline::RecordFilter filter(briefer, InputLimits{}, ToRecordOptions(flags));
  Problems problems;
  std::vector<Article> articles;
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string where = "record " + std::to_string(i + 1);
    std::optional<Article> a = filter.Read(records[i], where, "A" + std::to_string(i + 1), std::ref(problems));
    if (!a) problems.Fail(where);
    articles.push_back(std::move(*a));
  }
  if (articles.empty()) throw Error("nothing to brief: no articles given");
  return {Render(Check(briefer.Build(std::move(articles))), format), problems.messages()};
}

// Articles this process has prepared (extracted and given the per-article half
// of an ingest) for prepare_paths, prepare_record and _Store.add: a driver that
// only adds prepared bytes leaves it as it was, which the tests check.
std::atomic<uint64_t> articles_prepared{0};

// Files, folders and archives, as `ingest` reads its INPUTs -> (prepared
// articles as bytes, problems).
std::pair<std::vector<py::bytes>, std::vector<std::string>> PreparePaths(const std::vector<std::string>& paths,
                                                                         const ReadFlags& flags) {
  std::vector<std::string> prepared;
  Problems problems;
  {
    py::gil_scoped_release release;
    Briefer& briefer = ThreadBriefer(flags.glue_repair);
    ForEachExtracted(paths, flags, briefer, problems, [&](Article a) {
      prepared.push_back(PreparedArticleToBytes(PrepareArticle(briefer, std::move(a))));
      ++articles_prepared;
    });
  }
  std::vector<py::bytes> out(prepared.begin(), prepared.end());
  return {std::move(out), problems.messages()};
}

// One record (JSON text, a line of a JSONL input) -> its prepared article as
// bytes, and the problems it had.
std::pair<py::bytes, std::vector<std::string>> PrepareRecord(const std::string& record, const std::string& where,
                                                             const ReadFlags& flags) {
  std::string prepared;
  Problems problems;
  {
    py::gil_scoped_release release;
    Briefer& briefer = ThreadBriefer(flags.glue_repair);
    pipeline::RecordFilter filter(briefer, InputLimits{}, ToRecordOptions(flags));
    // No id made up: an article without its own is stored as `ingest` stores it.
    std::optional<Article> a = filter.Read(record, where, "", std::ref(problems));
    if (!a) problems.Fail(where);
    prepared = PreparedArticleToBytes(PrepareArticle(briefer, std::move(*a)));
    ++articles_prepared;
  }
  return {py::bytes(prepared), problems.messages()};
}

// MinHash signature of one record: the signature's bytes as the store keeps them,
// and the size of the shingle set it stands for.
std::tuple<py::bytes, size_t, std::vector<std::string>> SignRecord(const std::string& record,
                                                                   const ReadFlags& flags) {
  std::string bytes;
  size_t shingles = 0;
  Problems problems;
  {
    py::gil_scoped_release release;
    pipeline::RecordFilter filter(ThreadBriefer(flags.glue_repair), InputLimits{}, ToRecordOptions(flags));
    std::optional<Article> a = filter.Read(record, "record", "A1", std::ref(problems));
    if (!a) problems.Fail("record");
    std::vector<std::string_view> stems = relate::WordStems(*a);
    std::vector<uint64_t> set = relate::Shingles(stems);
    shingles = set.size();
    bytes = relate::SignatureToBytes(relate::Sign(set));
  }
  return {py::bytes(bytes), shingles, problems.messages()};
}

double EstimateJaccard(const std::string& a, const std::string& b) {
  const size_t k = relate::MinHashOptions{}.num_hashes;
  return relate::EstimateJaccard(Check(relate::SignatureFromBytes(a, k)), Check(relate::SignatureFromBytes(b, k)));
}

py::object OptionalStr(const std::optional<std::string>& s) { return s ? py::object(py::str(*s)) : py::none(); }

py::dict StoryDict(const StoryRow& s) {
  py::dict d;
  d["story"] = s.id;
  d["headline"] = s.headline;
  d["articles"] = s.articles;
  d["independent"] = s.independent;
  d["outlets"] = s.outlets;
  d["first_date"] = OptionalStr(s.first_date);
  d["last_date"] = OptionalStr(s.last_date);
  d["created_at"] = s.created_at;
  d["updated_at"] = s.updated_at;
  return d;
}

py::dict HitDict(const SearchHit& h) {
  py::dict d;
  d["article"] = h.article;
  d["story"] = h.story;
  d["score"] = h.score;
  d["snippet"] = h.snippet;
  d["title"] = OptionalStr(h.title);
  d["outlet"] = OptionalStr(h.outlet);
  d["published"] = OptionalStr(h.published);
  d["path"] = h.path;
  return d;
}

py::dict CountsDict(const IngestCounts& c, const std::vector<std::string>& problems) {
  py::dict d;
  d["read"] = c.read;
  d["stored"] = c.stored;
  d["same_text"] = c.same_text;
  d["same_url"] = c.same_url;
  d["copies"] = c.copies;
  d["stories_created"] = c.stories_created;
  d["stories_grown"] = c.stories_grown;
  d["stories_merged"] = c.stories_merged;
  d["problems"] = problems;
  return d;
}

// A store opened from Python. Calls are serialized (a Store is used by one thread
// at a time); the lock is taken with the GIL released, so a long ingest holds up
// only other calls on the same store.
class PyStore {
 public:
  PyStore(const std::string& path, bool writable) {
    StoreOptions options;
    options.mode = writable ? StoreMode::kReadWrite : StoreMode::kReadOnly;
    py::gil_scoped_release release;
    store_ = Check(OpenStore(path, options));
    writable_ = writable;
  }

  void Close() {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    store_.reset();
  }

  std::vector<py::dict> Stories(size_t limit, size_t min_articles, std::optional<std::string> since,
                                std::optional<std::string> until, std::optional<std::string> outlet) {
    StoryFilter filter;
    filter.limit = limit;
    filter.min_articles = min_articles;
    filter.since = std::move(since);
    filter.until = std::move(until);
    filter.outlet = std::move(outlet);
    std::vector<StoryRow> rows;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      rows = Check(store().Stories(filter));
    }
    std::vector<py::dict> out;
    for (const StoryRow& r : rows) out.push_back(StoryDict(r));
    return out;
  }

  std::vector<py::dict> Search(const std::string& text, size_t limit, std::optional<int64_t> story,
                               std::optional<std::string> since, std::optional<std::string> until,
                               std::optional<std::string> outlet) {
    SearchQuery query;
    query.text = text;
    query.limit = limit;
    query.story = story;
    query.since = std::move(since);
    query.until = std::move(until);
    query.outlet = std::move(outlet);
    std::vector<SearchHit> hits;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      hits = Check(store().Search(query));
    }
    std::vector<py::dict> out;
    for (const SearchHit& h : hits) out.push_back(HitDict(h));
    return out;
  }

  size_t ArticleCount() {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    return Check(store().ArticleCount());
  }

  // The brief of one story, as `brief --db --story` makes it: a merged story's id
  // stands for the story it joined.
  std::string BriefStory(int64_t story, size_t words, const std::string& format) {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    std::optional<int64_t> live = Check(store().ResolveStory(story));
    if (!live) {
      throw Error(
          Status(StatusCode::kNotFound, "no story " + std::to_string(story) + " in this store", store().name()));
    }
    Briefer& briefer = ThreadBriefer(/*glue_repair=*/true, words);
    std::vector<Article> articles;
    for (StoredArticle& s : Check(store().ArticlesOfStory(*live))) {
      Article a = ToArticle(std::move(s), "A" + std::to_string(articles.size() + 1));
      articles.push_back(briefer.extractor().Resegment(std::move(a)));
    }
    return Render(Check(briefer.Build(std::move(articles))), format);
  }

  // INPUT paths, as `crosscheck ingest` reads them.
  py::dict Ingest(const std::vector<std::string>& paths, size_t threads) {
    IngestCounts counts;
    Problems problems;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      Ingester ingester = Check(Ingester::Open(WritableStore(), IngestOptions{.threads = threads}));
      IngestEvents events;
      events.problem = std::ref(problems);
      counts = Check(ingester.Ingest(paths, InputLimits{}, events));
    }
    return CountsDict(counts, problems.messages());
  }

  // Records (JSON text, from any iterable: a generator is read as it goes), each
  // read as annotate() reads it, stored in their order, committed and finished
  // (Ingester::Finish) as one ingest of the same articles.
  py::dict Add(const py::iterable& records, bool glue_repair) {
    Problems problems;
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    Ingester ingester = Check(Ingester::Open(WritableStore(), IngestOptions{}));
    pipeline::RecordFilter filter(ThreadBriefer(glue_repair), InputLimits{}, {});
    size_t n = 0;
    py::gil_scoped_acquire hold;  // the iterable is Python's
    for (py::handle item : records) {
      const std::string record = item.cast<std::string>();
      ++n;
      py::gil_scoped_release work;
      // No id made up: an article without its own is stored as `ingest` stores it.
      std::optional<Article> a = filter.Read(record, "record " + std::to_string(n), "", std::ref(problems));
      if (!a) continue;
      Check(ingester.Add(std::move(*a)));
      ++articles_prepared;
    }
    {
      py::gil_scoped_release work;
      Check(ingester.Finish());
    }
    return CountsDict(ingester.counts(), problems.messages());
  }

  // Prepared articles (bytes, from any iterable, read as it goes), stored in their
  // order and finished as Add() does: nothing is read or analyzed again. Bytes
  // that are not a prepared article are a problem of their own ("prepared article
  // 3: data loss: ...") and left out.
  py::dict AddPrepared(const py::iterable& prepared) {
    Problems problems;
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    Ingester ingester = Check(Ingester::Open(WritableStore(), IngestOptions{}));
    size_t n = 0;
    py::gil_scoped_acquire hold;  // the iterable is Python's
    for (py::handle item : prepared) {
      const std::string bytes = item.cast<std::string>();
      ++n;
      py::gil_scoped_release work;
      Result<PreparedArticle> p = PreparedArticleFromBytes(bytes);
      if (!p.ok()) {
        problems(p.status().WithWhere("prepared article " + std::to_string(n)));
        continue;
      }
      Check(ingester.AddPrepared(std::move(p).value()));
    }
    {
      py::gil_scoped_release work;
      Check(ingester.Finish());
    }
    return CountsDict(ingester.counts(), problems.messages());
  }

 private:
  Store& store() {
    if (!store_) throw Error("the store is closed");
    return *store_;
  }
  Store& WritableStore() {
    if (!writable_) {
      throw Error(Status(StatusCode::kInvalidInput, "opened for reading; open it with writable=True to ingest",
                         store().name()));
    }
    return store();
  }

  std::mutex mu_;
  std::unique_ptr<Store> store_;
  bool writable_ = false;
};

}  // namespace
}  // namespace crosscheck::python

PYBIND11_MODULE(_crosscheck, m) {
  using namespace crosscheck::python;
  m.doc() = "crosscheck's library: see the crosscheck package for the Python interface.";
  m.attr("__version__") = CROSSCHECK_VERSION;
  py::register_exception<Error>(m, "Error");

  py::class_<ReadFlags>(m, "ReadFlags")
      .def(py::init<>())
      .def_readwrite("tokens", &ReadFlags::tokens)
      .def_readwrite("annotate", &ReadFlags::annotate)
      .def_readwrite("published", &ReadFlags::published)
      .def_readwrite("glue_repair", &ReadFlags::glue_repair);
  m.def("run_record", &RunRecord, py::arg("record"), py::arg("where"), py::arg("fallback_id"), py::arg("flags"));
  m.def("list_inputs", &ListInputs, py::arg("inputs"));
  m.def("extract_bytes", &ExtractBytes, py::arg("raw"), py::arg("path"), py::arg("flags"));
  m.def("read_paths", &ReadPaths, py::arg("paths"), py::arg("number"), py::arg("flags"));
  m.def("brief_records", &BriefRecords, py::arg("records"), py::arg("words"), py::arg("format"), py::arg("flags"));
  m.def("sign_record", &SignRecord, py::arg("record"), py::arg("flags"));
  m.def("estimate_jaccard", &EstimateJaccard, py::arg("a"), py::arg("b"));
  m.def("prepare_paths", &PreparePaths, py::arg("paths"), py::arg("flags"));
  m.def("prepare_record", &PrepareRecord, py::arg("record"), py::arg("where"), py::arg("flags"));
  m.def("articles_prepared", [] { return articles_prepared.load(); });

  py::class_<PyStore>(m, "_Store")
      .def(py::init<const std::string&, bool>(), py::arg("path"), py::arg("writable"))
      .def("close", &PyStore::Close)
      .def("stories", &PyStore::Stories, py::arg("limit"), py::arg("min_articles"), py::arg("since"),
           py::arg("until"), py::arg("outlet"))
      .def("search", &PyStore::Search, py::arg("text"), py::arg("limit"), py::arg("story"), py::arg("since"),
           py::arg("until"), py::arg("outlet"))
      .def("article_count", &PyStore::ArticleCount)
      .def("brief", &PyStore::BriefStory, py::arg("story"), py::arg("words"), py::arg("format"))
      .def("ingest", &PyStore::Ingest, py::arg("paths"), py::arg("threads"))
      .def("add", &PyStore::Add, py::arg("records"), py::arg("glue_repair"))
      .def("add_prepared", &PyStore::AddPrepared, py::arg("prepared"));
}
