// The ingest pipeline: inputs -> documents -> (workers) extract, entities, story
// features, shingles and signature -> (in input order) same text or URL? copy of a
// stored article? which story? -> the store, a batch per transaction.
//
// Threads: one reads and splits the inputs, `threads` workers turn documents into
// prepared articles (PrepareArticle: all the per-article work, most of it), and the
// caller's thread takes them in input order for the steps that need the whole
// stream: keys, the LSH index, the clusterer and the store. A bounded queue keeps
// at most a few hundred documents in flight, so memory does not grow with the input.
//
// Several ingest processes may write one store at once (PostgreSQL): each does its
// per-article work alone, and each transaction starts by asking the store whether
// another writer committed since this one's last transaction. If so, what this
// one holds in memory is out of date: it loads the store's state again and
// assigns its batch anew (an article another writer stored meanwhile is now the
// same text, a story it grew is grown again), all within the transaction, which
// the store runs one writer at a time.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "analyze/entities.h"
#include "crosscheck/corpus.h"
#include "ingest/input_reader.h"
#include "ingest/metadata.h"
#include "relate/facts.h"
#include "relate/lsh_index.h"
#include "relate/minhash.h"
#include "relate/pile_stories.h"
#include "relate/story_clusterer.h"

namespace crosscheck {
namespace {

// Copies: the LSH bands are tuned so that a pair of Jaccard 0.5 (a copy cut to
// half its length, or a copy with a tenth of its words edited) is a candidate
// with probability 0.996 (3 rows, 42 bands); candidates are then judged by
// containment, as the brief judges copies (relate::kCopyContainment).
constexpr double kLshThreshold = 0.5;
constexpr double kCandidateEstimate = 0.25;   // below this estimated Jaccard, not a copy
// Containment estimated from the signature: above this, a copy without a second
// look; below the lower bound, none; in between, the shingles decide.
constexpr double kSureCopy = 0.9;
constexpr double kSureNotCopy = 0.35;

uint64_t Key64(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

// Estimated containment of the smaller set in the larger, from the estimated
// Jaccard J and the sizes: |A n B| = J (|A| + |B|) / (1 + J).
double EstimatedContainment(double jaccard, size_t a, size_t b) {
  if (a == 0 || b == 0) return 0;
  return jaccard * static_cast<double>(a + b) / ((1 + jaccard) * static_cast<double>(std::min(a, b)));
}

}  // namespace

struct Ingester::Impl {
  Store& store;
  IngestOptions options;
  Briefer briefer;  // resegments stored candidates for the exact copy check
  relate::StoryClusterer clusterer;
  relate::LshIndex lsh{relate::LshOptions{128, kLshThreshold, 0.99}};
  std::unordered_set<uint64_t> content_keys, url_keys;
  // By article id - 1: its story (as assigned), the original it copies (0: none),
  // its shingle count.
  std::vector<uint32_t> story_of, root_of, shingles_of;
  int64_t next_id = 1;
  uint32_t stories_at_open = 0;
  std::unordered_set<uint32_t> touched;  // stories that got articles this run
  std::vector<StoredArticle> pending;
  // The prepared articles of this batch (stored or not), to assign again when
  // another writer committed first (kept only for a store shared by writers: they
  // cost about 20 KB an article); the counts and stories touched before it.
  std::vector<PreparedArticle> batch;
  IngestCounts counts_before_batch;
  std::unordered_set<uint32_t> touched_before_batch;
  std::chrono::steady_clock::time_point batch_started = std::chrono::steady_clock::now();
  IngestCounts counts;
  Status broken;  // after a failed commit: the memory no longer matches the store

  Impl(Store& s, const IngestOptions& o, Briefer b)
      : store(s), options(o), briefer(std::move(b)), clusterer(relate::StoryClustererOptions{}) {}

  Status Load();
  Status Reload();
  Status AddPrepared(PreparedArticle p);
  void Assign(const PreparedArticle& p);
  Status Flush(bool join_pile = false);
  Status JoinPile();
  Status JoinSmallStore();
  std::optional<uint32_t> FindOriginal(const PreparedArticle& p);
};

Status Ingester::Impl::Load() {
  // Sized once for what is stored: rebuilding the index of a large store by
  // regrowth took a third of an ingest's start.
  Result<size_t> stored = store.ArticleCount();
  if (!stored.ok()) return stored.status();
  lsh.Reserve(*stored);
  content_keys.reserve(*stored);
  url_keys.reserve(*stored);
  Status s = store.ForEachKey([&](const std::string& content, const std::string&, const std::optional<std::string>& url) {
    content_keys.insert(Key64(content));
    if (url) url_keys.insert(Key64(*url));
  });
  if (!s.ok()) return s;
  Status bad = Status::Ok();
  s = store.ForEachSignature([&](int64_t id, const std::string& bytes, uint32_t shingles,
                                 std::optional<int64_t> duplicate_of, int64_t story) {
    if (!bad.ok()) return;
    const size_t at = static_cast<size_t>(id - 1);
    if (story_of.size() <= at) {
      story_of.resize(at + 1, 0);
      root_of.resize(at + 1, 0);
      shingles_of.resize(at + 1, 0);
    }
    story_of[at] = static_cast<uint32_t>(story);
    root_of[at] = static_cast<uint32_t>(duplicate_of.value_or(0));
    shingles_of[at] = shingles;
    next_id = std::max(next_id, id + 1);
    Result<relate::Signature> sig = relate::SignatureFromBytes(bytes, 128);
    if (!sig.ok()) {
      bad = sig.status().WithWhere(store.name());
      return;
    }
    if (!sig->empty()) (void)lsh.Insert(static_cast<uint32_t>(id), *sig);
  });
  if (!s.ok()) return s;
  if (!bad.ok()) return bad;
  s = store.LoadTermCounts(
      [&](uint64_t documents, const std::vector<std::pair<uint64_t, uint32_t>>& df) { clusterer.RestoreCounts(documents, df); });
  if (!s.ok()) return s;
  s = store.ForEachStoryState([&](int64_t id, const std::string& state, int64_t merged_into) {
    if (!bad.ok()) return;
    Status r = clusterer.RestoreStory(static_cast<uint32_t>(id), state, static_cast<uint32_t>(merged_into));
    if (!r.ok()) bad = r.WithWhere(store.name());
    stories_at_open = std::max(stories_at_open, static_cast<uint32_t>(id));
  });
  if (!s.ok()) return s;
  (void)clusterer.TakeChanges();  // what was restored is in the store already
  return bad;
}

std::optional<uint32_t> Ingester::Impl::FindOriginal(const PreparedArticle& p) {
  if (p.signature.empty()) return std::nullopt;
  for (const relate::LshMatch& m : lsh.Query(p.signature, kCandidateEstimate)) {
    const size_t theirs = shingles_of[m.id - 1];
    const double c = EstimatedContainment(m.estimate, p.shingles.size(), theirs);
    bool copy = c >= kSureCopy;
    if (!copy && c >= kSureNotCopy) {
      // Uncertain: the candidate's shingles, from its stored text.
      Result<std::optional<std::string>> text = store.ArticleText(m.id);
      if (text.ok() && *text) {
        Article a;
        a.text = std::move(**text);
        a = briefer.extractor().Resegment(std::move(a));
        std::vector<std::string_view> stems = relate::WordStems(a);
        copy = relate::Containment(p.shingles, relate::Shingles(stems)) >= relate::kCopyContainment;
      }
    }
    if (copy) return root_of[m.id - 1] != 0 ? root_of[m.id - 1] : m.id;
  }
  return std::nullopt;
}

// The writer's state as a new Ingester would load it, the counts of this run kept.
Status Ingester::Impl::Reload() {
  clusterer = relate::StoryClusterer(relate::StoryClustererOptions{});
  lsh = relate::LshIndex(relate::LshOptions{128, kLshThreshold, 0.99});
  content_keys.clear();
  url_keys.clear();
  story_of.clear();
  root_of.clear();
  shingles_of.clear();
  next_id = 1;
  const uint32_t at_open = stories_at_open;
  Status s = Load();
  stories_at_open = at_open;
  return s;
}

Status Ingester::Impl::AddPrepared(PreparedArticle p) {
  if (!broken.ok()) return broken;
  Assign(p);
  if (store.SharedByWriters()) batch.push_back(std::move(p));
  const bool due = pending.size() >= options.batch_articles ||
                   std::chrono::steady_clock::now() - batch_started >
                       std::chrono::duration<double>(options.batch_seconds);
  return due ? Flush() : Status::Ok();
}

// Same text or URL as a stored article? A copy of one? Which story? Then onto
// `pending`, with the id it will have.
void Ingester::Impl::Assign(const PreparedArticle& p) {
  ++counts.read;
  const uint64_t content = Key64(p.content_key);
  if (content_keys.count(content)) {
    ++counts.same_text;
    return;
  }
  std::optional<std::string> url_key;
  if (p.article.url) url_key = ingest::UrlKey(*p.article.url);
  if (url_key && url_keys.count(Key64(*url_key))) {
    ++counts.same_url;
    return;
  }
  std::optional<uint32_t> original = FindOriginal(p);
  relate::StoryFeatures features{p.terms, p.day, std::nullopt};
  if (original) {
    ++counts.copies;
    features.copy_of_story = story_of[*original - 1];
  }
  const uint32_t story = clusterer.Add(features);
  touched.insert(story);
  const int64_t id = next_id++;
  if (!p.signature.empty()) (void)lsh.Insert(static_cast<uint32_t>(id), p.signature);
  story_of.push_back(story);
  root_of.push_back(original.value_or(0));
  shingles_of.push_back(static_cast<uint32_t>(p.shingles.size()));
  content_keys.insert(content);
  if (url_key) url_keys.insert(Key64(*url_key));

  StoredArticle s;
  s.id = id;
  s.given_id = p.article.id;
  s.path = p.article.path;
  s.title = p.article.title;
  s.outlet = p.article.outlet;
  s.url = p.article.url;
  s.url_key = std::move(url_key);
  s.published = p.article.published;
  s.language = p.article.language;
  s.authors = p.article.authors;
  s.wire_credits = p.article.wire_credits;
  s.format = p.article.format;
  s.words = p.words;
  s.dropped_json = p.dropped_json;
  s.text = p.article.text;
  s.content_key = p.content_key;
  s.source_key = p.source_key;
  s.signature = relate::SignatureToBytes(p.signature);
  s.shingles = static_cast<uint32_t>(p.shingles.size());
  if (original) s.duplicate_of = *original;
  s.story = story;
  ++counts.stored;
  pending.push_back(std::move(s));
}

// One transaction: the batch (assigned again first if another writer committed
// since ours), with `join_pile` the pile pass over the whole store, the merges and
// the clusterer's changes.
Status Ingester::Impl::Flush(bool join_pile) {
  if (!broken.ok()) return broken;
  batch_started = std::chrono::steady_clock::now();
  if (!join_pile && pending.empty() && !clusterer.Changed()) {
    // Nothing new (all stored already): so it stays whatever another writer did.
    batch.clear();
    counts_before_batch = counts;
    touched_before_batch = touched;
    return Status::Ok();
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  auto fail = [&](Status s) {
    store.Rollback();
    broken = s;
    return s;
  };
  if (Status s = store.Begin(); !s.ok()) return fail(s);
  if (store.WrittenByOthers()) {
    if (Status s = Reload(); !s.ok()) return fail(s);
    pending.clear();
    counts = counts_before_batch;
    touched = touched_before_batch;
    for (const PreparedArticle& p : batch) Assign(p);
  }
  if (join_pile) {
    if (Status s = JoinPile(); !s.ok()) return fail(s);
  }
  std::vector<std::pair<uint32_t, uint32_t>> merges = clusterer.TakeMerges();
  relate::StoryClusterer::Changes changes = clusterer.TakeChanges();
  for (const auto& [from, into] : merges)
    if (Status s = store.MoveStory(from, clusterer.Resolve(into)); !s.ok()) return fail(s);
  for (StoredArticle& a : pending) {
    a.story = static_cast<int64_t>(clusterer.Resolve(static_cast<uint32_t>(a.story)));
    a.ingested_at = now;
    Result<int64_t> id = store.AddArticle(a);
    if (!id.ok()) return fail(id.status());
  }
  std::vector<StoryUpdate> updates;
  for (uint32_t id : changes.stories) {
    const uint32_t live = clusterer.Resolve(id);
    updates.push_back({id, clusterer.StoryState(id), live == id ? 0 : live, id > stories_at_open});
  }
  if (Status s = store.SaveStories(updates, now); !s.ok()) return fail(s);
  if (Status s = store.SaveTermCounts(changes.documents, changes.df); !s.ok()) return fail(s);
  if (Status s = store.Commit(); !s.ok()) return fail(s);
  counts.stories_merged += merges.size();
  pending.clear();
  batch.clear();
  // The next batch's time counts from here: a transaction that had to reload the
  // store (another writer's commit) can take longer than batch_seconds, and
  // counting from its start would make the next batch a few articles, and the
  // reloads as many.
  batch_started = std::chrono::steady_clock::now();
  counts_before_batch = counts;
  touched_before_batch = touched;
  return Status::Ok();
}

// The pile pass over a store small enough for it: every stored article, the
// clusterer's live stories as the start, the joins made in the clusterer (so the
// next articles meet the joined stories) and committed by Flush, in whose
// transaction it runs (so another writer's articles are among those it joins).
// Killed before that commit, the store holds the online clusterer's stories, and
// the next ingest of any input makes the joins.
Status Ingester::Impl::JoinSmallStore() {
  // Stores only grow: one already too large for this writer is too large.
  if (next_id - 1 > static_cast<int64_t>(relate::kMaxPile)) return Status::Ok();
  return Flush(/*join_pile=*/true);
}

Status Ingester::Impl::JoinPile() {
  if (next_id - 1 > static_cast<int64_t>(relate::kMaxPile)) return Status::Ok();
  std::vector<relate::StorySummary> live = clusterer.Stories();
  if (live.size() < 2) return Status::Ok();
  std::sort(live.begin(), live.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  std::vector<Article> articles;
  std::vector<std::vector<analyze::EntityMention>> entities;
  std::vector<std::vector<size_t>> start;
  std::vector<uint32_t> story_at;  // by index of `start`
  for (const relate::StorySummary& story : live) {
    Result<std::vector<StoredArticle>> stored = store.ArticlesOfStory(story.id);
    if (!stored.ok()) return stored.status();
    if (stored->empty()) continue;
    start.emplace_back();
    story_at.push_back(story.id);
    for (StoredArticle& a : *stored) {
      start.back().push_back(articles.size());
      articles.push_back(briefer.extractor().Resegment(ToArticle(std::move(a), "")));
      entities.push_back(analyze::FindEntities(articles.back(), briefer.word_list()));
    }
  }
  std::vector<uint32_t> story_of_article(articles.size());
  for (size_t s = 0; s < start.size(); ++s)
    for (size_t i : start[s]) story_of_article[i] = story_at[s];
  for (const std::vector<size_t>& joined : relate::JoinPileStories(articles, entities, start))
    for (size_t i : joined) clusterer.Join(story_of_article[joined.front()], story_of_article[i]);
  return Status::Ok();
}

Ingester::Ingester(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ingester::Ingester(Ingester&&) noexcept = default;
Ingester& Ingester::operator=(Ingester&&) noexcept = default;
Ingester::~Ingester() = default;

Result<Ingester> Ingester::Open(Store& store, const IngestOptions& options) {
  Result<Briefer> briefer = Briefer::Create(options.brief);
  if (!briefer.ok()) return briefer.status();
  auto impl = std::make_unique<Impl>(store, options, std::move(briefer).value());
  if (Status s = impl->Load(); !s.ok()) return s;
  return Ingester(std::move(impl));
}

const IngestCounts& Ingester::counts() const {
  // Stories created and grown, as of now.
  IngestCounts& c = impl_->counts;
  std::unordered_set<uint32_t> live;
  for (uint32_t s : impl_->touched) live.insert(impl_->clusterer.Resolve(s));
  c.stories_created = c.stories_grown = 0;
  for (uint32_t s : live) (s > impl_->stories_at_open ? c.stories_created : c.stories_grown)++;
  return c;
}

size_t Ingester::stories() const { return impl_->clusterer.Stories().size(); }

Status Ingester::Add(Article article) { return impl_->AddPrepared(PrepareArticle(impl_->briefer, std::move(article))); }

Status Ingester::AddPrepared(PreparedArticle prepared) { return impl_->AddPrepared(std::move(prepared)); }

Status Ingester::Commit() { return impl_->Flush(); }

Status Ingester::Finish() {
  if (Status s = impl_->Flush(); !s.ok()) return s;
  return impl_->JoinSmallStore();
}

Result<IngestCounts> Ingester::Ingest(const std::vector<std::string>& inputs, const InputLimits& limits,
                                      const IngestEvents& events) {
  Impl& impl = *impl_;
  size_t threads = impl.options.threads;
  if (threads == 0) threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  // One briefer per worker (extractors are not thread-safe), one word list.
  std::vector<Briefer> workers;
  for (size_t t = 0; t < threads; ++t) workers.push_back(impl.briefer.Clone());
  std::mutex report_mutex;  // events may come from the reading thread
  auto report_problem = [&](const Status& s) {
    std::lock_guard<std::mutex> lock(report_mutex);
    ++impl.counts.problems;
    if (events.problem) events.problem(s);
  };
  auto report_warning = [&](const std::string& where, const std::string& what) {
    std::lock_guard<std::mutex> lock(report_mutex);
    if (events.warning) events.warning(where, what);
  };

  // Documents in, prepared articles out, by sequence number.
  struct Slot {
    std::optional<PreparedArticle> prepared;
    std::optional<Status> failed;
    bool done = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<uint64_t, ingest::Document>> queue;
  std::map<uint64_t, Slot> results;
  uint64_t produced = 0;
  bool reading_done = false, stop = false;
  const size_t max_in_flight = 64 * threads;

  ReadReport read_report;
  std::thread reader([&] {
    ingest::DocumentEvents docs;
    docs.problem = report_problem;
    docs.warning = report_warning;
    docs.keep_going = [&] {
      std::lock_guard<std::mutex> lock(mu);
      return !stop;
    };
    docs.document = [&](ingest::Document doc) {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return stop || queue.size() + results.size() < max_in_flight; });
      if (stop) return;
      queue.emplace_back(produced++, std::move(doc));
      cv.notify_all();
    };
    ReadReport r = ingest::ForEachDocument(inputs, limits, docs);
    std::lock_guard<std::mutex> lock(mu);
    read_report = std::move(r);
    reading_done = true;
    cv.notify_all();
  });
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Briefer& b = workers[t];
      while (true) {
        std::pair<uint64_t, ingest::Document> job;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return stop || !queue.empty() || reading_done; });
          if (stop || (queue.empty() && reading_done)) return;
          job = std::move(queue.front());
          queue.pop_front();
          results[job.first];  // the slot exists while it is worked on
        }
        Slot slot;
        try {
          Result<Article> a = b.extractor().Extract(std::move(job.second.bytes), job.second.where, job.second.hints);
          if (a.ok()) {
            slot.prepared = PrepareArticle(b, std::move(a).value());
          } else {
            slot.failed = a.status();
          }
        } catch (const std::bad_alloc&) {
          slot.prepared.reset();
          slot.failed = Status(StatusCode::kResourceExhausted, "out of memory while reading it; left out", job.second.where);
        }
        slot.done = true;
        std::lock_guard<std::mutex> lock(mu);
        results[job.first] = std::move(slot);
        cv.notify_all();
      }
    });
  }

  // In input order, on this thread.
  Status failure = Status::Ok();
  size_t live_stories = 0;
  for (uint64_t next = 0;; ++next) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] {
        auto it = results.find(next);
        return (it != results.end() && it->second.done) || (reading_done && next >= produced);
      });
      auto it = results.find(next);
      if (it == results.end()) break;  // every document is taken
      slot = std::move(it->second);
      results.erase(it);
      cv.notify_all();
    }
    if (slot.failed) {
      report_problem(*slot.failed);
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(report_mutex);
      if (events.warning)
        for (const std::string& w : slot.prepared->article.warnings) events.warning(slot.prepared->article.path, w);
    }
    failure = impl.AddPrepared(std::move(*slot.prepared));
    if (!failure.ok()) break;
    // Counting the live stories walks them all: every 64 articles is often enough.
    if (events.progress) {
      if (next % 64 == 0) live_stories = impl.clusterer.Stories().size();
      events.progress(impl.counts, live_stories);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = !failure.ok();
    cv.notify_all();
  }
  reader.join();
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
    cv.notify_all();
  }
  for (std::thread& t : pool) t.join();
  if (!failure.ok()) return failure;
  if (Status s = impl.Flush(); !s.ok()) return s;
  if (Status s = impl.JoinSmallStore(); !s.ok()) return s;
  impl.counts.skipped = read_report.skipped;
  return counts();
}

std::vector<std::vector<size_t>> FindStories(const Briefer& briefer, const std::vector<Article>& articles) {
  relate::StoryClusterer clusterer;
  relate::LshIndex lsh{relate::LshOptions{128, kLshThreshold, 0.99}};
  std::vector<std::vector<uint64_t>> shingles(articles.size());
  std::vector<uint32_t> story(articles.size()), root(articles.size());
  std::vector<std::vector<analyze::EntityMention>> entities(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    entities[i] = analyze::FindEntities(a, briefer.word_list());
    relate::StoryFeatures features = relate::FeaturesOf(a, entities[i]);
    std::vector<std::string_view> stems = relate::WordStems(a);
    shingles[i] = relate::Shingles(stems);
    relate::Signature signature = relate::Sign(shingles[i]);
    root[i] = static_cast<uint32_t>(i);
    for (const relate::LshMatch& m : lsh.Query(signature, kCandidateEstimate))
      if (relate::Containment(shingles[i], shingles[m.id]) >= relate::kCopyContainment) {
        root[i] = root[m.id];
        features.copy_of_story = story[root[i]];
        break;
      }
    story[i] = clusterer.Add(features);
    if (!signature.empty()) (void)lsh.Insert(static_cast<uint32_t>(i), signature);
  }
  std::map<uint32_t, std::vector<size_t>> by_story;
  for (size_t i = 0; i < articles.size(); ++i) by_story[clusterer.Resolve(story[i])].push_back(i);
  std::vector<std::vector<size_t>> out;
  for (auto& [s, members] : by_story) out.push_back(std::move(members));
  if (articles.size() <= relate::kMaxPile && out.size() > 1) out = relate::JoinPileStories(articles, entities, out);
  std::stable_sort(out.begin(), out.end(), [](const std::vector<size_t>& x, const std::vector<size_t>& y) {
    if (x.size() != y.size()) return x.size() > y.size();
    return x.front() < y.front();
  });
  return out;
}

}  // namespace crosscheck
