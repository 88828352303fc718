// The brief pipeline, in four named steps that Build() runs in order:
//   1. PublicationDates: each article's date, given or inferred;
//   2. AnalyzeArticles:  per article, entities, quotations, dates and figures;
//   3. Relate:           across articles, merged entities, copies and independent
//                        sources, facts, conflicts, merged quotations;
//   4. Compose:          headline, summary, facts, conflicts, quotations, entities
//                        and timeline of the Brief.
// This file knows every stage; the stages know nothing of each other beyond their
// plain data.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "analyze/civil_date.h"
#include "analyze/dates.h"
#include "analyze/entities.h"
#include "analyze/quotes.h"
#include "compose/headline.h"
#include "compose/summary.h"
#include "crosscheck/brief.h"
#include "relate/entity_merge.h"
#include "relate/facts.h"
#include "relate/quote_merge.h"
#include "relate/sources.h"
#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/word_list.h"

namespace crosscheck {
namespace {

constexpr size_t kMaxSingleSourceFacts = 40;
constexpr long kInferenceWindowDays = 60;

using analyze::CivilDate;

std::vector<std::string> SortedIds(const std::set<size_t>& articles, const std::vector<Article>& all) {
  std::vector<std::string> ids;
  for (size_t i : articles) ids.push_back(all[i].id);
  // Ids sort as A1 < A2 < A10: by length, then text.
  std::sort(ids.begin(), ids.end(), [](const std::string& x, const std::string& y) {
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// Step 1. Publication dates: given; else the latest date the article reports in
// the past tense; else the story's date, the upper median of the dates known so far.
struct PublicationDates {
  std::vector<std::string> published;  // ISO date per article, "" when none could be had
  std::vector<bool> inferred;
};

PublicationDates DatePublications(const std::vector<Article>& articles) {
  const size_t n = articles.size();
  PublicationDates out{std::vector<std::string>(n), std::vector<bool>(n, false)};
  std::vector<CivilDate> known;
  for (size_t i = 0; i < n; ++i)
    if (articles[i].published)
      if (auto d = CivilDate::Parse(*articles[i].published)) {
        out.published[i] = d->Iso();
        known.push_back(*d);
      }
  if (known.empty()) return out;
  std::vector<CivilDate> sorted = known;
  std::sort(sorted.begin(), sorted.end());
  const CivilDate anchor = sorted[sorted.size() / 2];
  for (size_t i = 0; i < n; ++i) {
    if (!out.published[i].empty()) continue;
    std::optional<CivilDate> seen = analyze::LatestReportedDate(articles[i], anchor.year);
    if (seen && std::labs(seen->DayNumber() - anchor.DayNumber()) <= kInferenceWindowDays) {
      out.published[i] = seen->Iso();
      out.inferred[i] = true;
      known.push_back(*seen);
    }
  }
  std::sort(known.begin(), known.end());
  const CivilDate story_date = known[known.size() / 2];
  for (size_t i = 0; i < n; ++i) {
    if (!out.published[i].empty()) continue;
    out.published[i] = story_date.Iso();
    out.inferred[i] = true;
  }
  return out;
}

// Step 2. What each article says on its own.
struct ArticleAnalysis {
  std::vector<std::vector<analyze::EntityMention>> entities;
  std::vector<std::vector<analyze::QuoteMention>> quotes;
  std::vector<std::vector<analyze::DateMention>> dates;
  std::vector<relate::Quantity> quantities;  // of every article
};

// Each article is analysed on its own, reading only the shared word lists, so
// `threads` threads take the articles in turn and each writes its own slots; the
// figures are gathered in article order after, and the analysis is the same on any
// number of threads.
ArticleAnalysis AnalyzeArticles(const std::vector<Article>& articles, const PublicationDates& dates,
                                const text::WordList* words, size_t threads) {
  const size_t n = articles.size();
  ArticleAnalysis out;
  out.entities.resize(n);
  out.quotes.resize(n);
  out.dates.resize(n);
  std::vector<std::vector<relate::Quantity>> quantities(n);
  auto analyze = [&](size_t i) {
    out.entities[i] = analyze::FindEntities(articles[i], words);
    out.quotes[i] = analyze::FindQuotes(articles[i], out.entities[i], words);
    out.dates[i] = analyze::FindDates(articles[i], CivilDate::Parse(dates.published[i]));
    // A figure's event day: the one day its sentence names, if it names one.
    std::map<uint32_t, std::set<std::string>> days;
    for (const analyze::DateMention& d : out.dates[i])
      if (d.precision == analyze::DatePrecision::kDay && !d.value.empty()) days[d.sentence].insert(d.value);
    quantities[i] = relate::FindQuantities(articles[i], static_cast<uint32_t>(i));
    for (relate::Quantity& q : quantities[i]) {
      auto day = days.find(q.ref.sentence);
      if (day != days.end() && day->second.size() == 1) q.event_date = *day->second.begin();
    }
  };
  // A helper thread's failure (out of memory) stops the others and is thrown on
  // the caller's thread, as it would be without helpers.
  std::atomic<size_t> next{0};
  std::mutex failed_mu;
  std::exception_ptr failed;
  auto work = [&] {
    try {
      for (size_t i = next++; i < n; i = next++) analyze(i);
    } catch (...) {
      next = n;
      std::lock_guard<std::mutex> lock(failed_mu);
      if (!failed) failed = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < std::min(threads, n); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  if (failed) std::rethrow_exception(failed);
  for (std::vector<relate::Quantity>& qs : quantities)
    for (relate::Quantity& q : qs) out.quantities.push_back(std::move(q));
  return out;
}

// Step 3. What the articles say together.
struct Related {
  relate::EntityIndex entities;
  // Per article and sentence, a key for each merged entity it names: concepts the
  // summary covers.
  std::vector<std::vector<std::vector<std::string>>> entity_keys;
  std::unique_ptr<relate::StoryVectors> vectors;
  std::vector<int> copy_of;  // the article each copies, or -1
  std::vector<int> report;   // the article each copies at the root, or itself: one report
  std::vector<int> source;   // the first article of each article's independent source
  std::vector<relate::FactCluster> facts;
  std::vector<relate::QuantityConflict> conflicts;
  std::vector<relate::MergedQuote> quotes;
};

Related Relate(const std::vector<Article>& articles, const PublicationDates& dates, const ArticleAnalysis& analysis,
               size_t threads) {
  const size_t n = articles.size();
  Related r;
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  // Copies are found from the articles' words alone: on a second thread, when
  // there is one, while the entities merge and the sentences become vectors.
  std::future<std::vector<int>> copies =
      std::async(threads > 1 ? std::launch::async : std::launch::deferred, relate::FindNearDuplicates, ptrs);
  r.entities = relate::MergeEntities(analysis.entities);

  // Entity, figure and date keys join each sentence's words, so paraphrases that
  // share them align.
  std::vector<std::vector<std::vector<std::string>>> extra(n);
  r.entity_keys.resize(n);
  for (size_t i = 0; i < n; ++i) {
    extra[i].resize(articles[i].sentences.size());
    r.entity_keys[i].resize(articles[i].sentences.size());
    for (size_t m = 0; m < analysis.entities[i].size(); ++m) {
      int e = r.entities.of_mention[i][m];
      if (e < 0) continue;
      std::string key = "@e" + std::to_string(e);
      extra[i][analysis.entities[i][m].sentence].push_back(key);
      r.entity_keys[i][analysis.entities[i][m].sentence].push_back(std::move(key));
    }
    // Durations and sets say how long or how often: "three years" in two reports
    // does not make them tell one fact.
    for (const analyze::DateMention& d : analysis.dates[i])
      if (!d.value.empty() && d.type == analyze::TimexType::kDate) extra[i][d.sentence].push_back("@d" + d.value);
  }
  for (const relate::Quantity& q : analysis.quantities) extra[q.ref.article][q.ref.sentence].push_back("@n" + q.written);
  r.vectors = std::make_unique<relate::StoryVectors>(ptrs, extra);

  // Copies, reports and independent sources: reports measure how much of the
  // story repeats something, sources how far it is corroborated.
  r.copy_of = copies.get();
  r.report.resize(n);
  for (size_t i = 0; i < n; ++i) {
    int g = static_cast<int>(i);
    while (r.copy_of[g] >= 0) g = r.copy_of[g];
    r.report[i] = g;
  }
  r.source = relate::IndependentSources(ptrs, r.copy_of);

  r.facts = relate::AlignFacts(*r.vectors, r.source, relate::kFactAlignment);
  for (relate::FactCluster& f : r.facts) f.reports = relate::CountSources(f, r.report);
  // A fact is shown in the wording that best stands on its own ("Psaki said ..."
  // rather than "she told reporters").
  for (relate::FactCluster& f : r.facts) {
    auto text_of = [&](relate::SentenceRef ref) {
      const Article& a = articles[ref.article];
      return a.Slice(a.sentences[ref.sentence].span);
    };
    float best = compose::StandaloneScore(text_of(f.representative));
    for (const relate::SentenceRef& m : f.members) {
      float score = compose::StandaloneScore(text_of(m));
      if (score > best) best = score, f.representative = m;
    }
  }
  r.conflicts = relate::FindConflicts(analysis.quantities, *r.vectors, r.facts, r.source, dates.published);
  r.quotes = relate::MergeQuotes(analysis.quotes, r.entities, r.source);
  return r;
}

}  // namespace

struct Briefer::Impl {
  BriefOptions options;
  Extractor extractor;
  std::shared_ptr<const text::WordList> own_words;  // when the extractor has none; shared by clones

  const text::WordList* words() const { return extractor.word_list() ? extractor.word_list() : own_words.get(); }
};

Briefer::Briefer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Briefer::Briefer(Briefer&&) noexcept = default;
Briefer& Briefer::operator=(Briefer&&) noexcept = default;
Briefer::~Briefer() = default;

Extractor& Briefer::extractor() { return impl_->extractor; }
const text::WordList* Briefer::word_list() const { return impl_->words(); }

Result<Briefer> Briefer::Create(const BriefOptions& options) {
  ExtractOptions extract = options.extract;
  extract.tokenize = true;  // every analysis stage reads tokens
  Result<Extractor> ex = Extractor::Create(extract);
  if (!ex.ok()) return ex.status();
  auto impl = std::unique_ptr<Impl>(new Impl{options, std::move(ex).value(), nullptr});
  if (impl->extractor.word_list() == nullptr) {
    Result<text::WordList> w = text::WordList::Load(extract.word_list_paths);
    // Without it, entities use shape alone.
    if (w.ok()) impl->own_words = std::make_shared<const text::WordList>(std::move(w).value());
  }
  return Briefer(std::move(impl));
}

Briefer Briefer::Clone() const {
  return Briefer(std::unique_ptr<Impl>(new Impl{impl_->options, impl_->extractor.Clone(), impl_->own_words}));
}

Annotations Briefer::Annotate(const Article& a) const {
  Annotations out;
  std::vector<analyze::EntityMention> entities = analyze::FindEntities(a, impl_->words());
  relate::EntityIndex index = relate::MergeEntities({entities});
  auto name_of = [&](int mention) -> std::optional<std::string> {
    if (mention < 0) return std::nullopt;
    int e = index.of_mention[0][mention];
    return e < 0 ? std::nullopt : std::optional<std::string>(index.entities[e].name);
  };
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].group) continue;  // a people, faith or region as a word: no name
    int e = index.of_mention[0][i];
    std::string type = analyze::EntityTypeName(e >= 0 ? index.entities[e].type : entities[i].type);
    out.entities.push_back({entities[i].span, entities[i].text, type, name_of(static_cast<int>(i)).value_or(entities[i].text)});
  }
  for (const analyze::QuoteMention& q : analyze::FindQuotes(a, entities, impl_->words()))
    out.quotes.push_back({q.span, q.text, name_of(q.speaker), q.speaker_span, q.partial});
  std::optional<CivilDate> ref = a.published ? CivilDate::Parse(*a.published) : std::nullopt;
  for (const analyze::DateMention& d : analyze::FindDates(a, ref))
    if (!d.value.empty())
      out.dates.push_back({d.span, std::string(a.Slice(d.span)), d.value, analyze::TimexTypeName(d.type)});
  return out;
}

namespace {

// Step 4. The Brief.
Brief Compose(const std::vector<Article>& articles, const PublicationDates& dates, const ArticleAnalysis& analysis,
              const Related& r, size_t summary_words) {
  const size_t n = articles.size();
  Brief brief;
  std::set<int> independent(r.source.begin(), r.source.end());
  brief.independent_sources = independent.size();
  std::set<std::string> outlets;
  for (const Article& a : articles)
    if (a.outlet && !a.outlet->empty()) outlets.insert(text::AsciiLowered(*a.outlet));
  brief.outlets = outlets.size();
  auto sentence_text = [&](relate::SentenceRef ref) {
    const Article& a = articles[ref.article];
    return std::string(a.Slice(a.sentences[ref.sentence].span));
  };
  auto fact_sources = [&](const relate::FactCluster& f) {
    std::set<size_t> s;
    for (const relate::SentenceRef& m : f.members) s.insert(m.article);
    return SortedIds(s, articles);
  };

  // Articles.
  for (size_t i = 0; i < n; ++i) {
    BriefArticle ba;
    ba.id = articles[i].id;
    ba.path = articles[i].path;
    ba.title = articles[i].title;
    ba.outlet = articles[i].outlet;
    ba.url = articles[i].url;
    if (!dates.published[i].empty()) ba.published = dates.published[i];
    ba.published_inferred = dates.inferred[i];
    ba.words = articles[i].WordCount();
    if (r.copy_of[i] >= 0) ba.duplicate_of = articles[r.copy_of[i]].id;
    ba.source = articles[r.source[i]].id;
    brief.articles.push_back(std::move(ba));
  }

  std::vector<compose::HeadlineCandidate> candidates;
  for (const Article& a : articles) candidates.push_back({a.title, a.text});
  brief.title = compose::ChooseHeadline(candidates, /*fallback_to_text=*/false);

  // Summary and facts.
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  compose::StoryView view{ptrs,        dates.published, r.vectors.get(), &r.facts,
                          r.report,    brief.title,     &r.entity_keys,  &r.conflicts};
  // A summary sentence cites the articles of its fact that do not give another
  // figure for what its own figures count; those that do, and the other sides of
  // a disputed figure it gives, are shown beside it.
  std::map<uint64_t, std::vector<const relate::Quantity*>> figures_of;  // by sentence
  auto sentence_key = [](relate::SentenceRef ref) { return (static_cast<uint64_t>(ref.article) << 32) | ref.sentence; };
  for (const relate::Quantity& q : analysis.quantities) figures_of[sentence_key(q.ref)].push_back(&q);
  auto figures = [&](relate::SentenceRef ref) {
    auto it = figures_of.find(sentence_key(ref));
    return it == figures_of.end() ? std::vector<const relate::Quantity*>() : it->second;
  };
  auto date_of = [&](size_t article) {
    const std::string& d = dates.published[article];
    return d.empty() ? std::nullopt : std::optional<std::string>(d);
  };
  for (const compose::SummaryPick& pick : compose::SelectSummary(view, summary_words)) {
    const relate::FactCluster& fact = r.facts[pick.fact];
    // The figure of `m` for what one of the shown sentence's figures counts, when
    // it gives another and not the same.
    auto differing_figure = [&](relate::SentenceRef m) -> const relate::Quantity* {
      for (const relate::Quantity* mine : figures(pick.sentence)) {
        const relate::Quantity* other = nullptr;
        bool same = false;
        for (const relate::Quantity* theirs : figures(m)) {
          if (theirs->noun != mine->noun || theirs->whole != mine->whole) continue;
          if (relate::SameFigure(*theirs, *mine)) {
            same = true;
          } else {
            other = theirs;
          }
        }
        if (other != nullptr && !same) return other;
      }
      return nullptr;
    };
    BriefSentence sentence{pick.text, {}, 0, {}, {}};
    std::set<size_t> agree;
    std::set<int> sources;
    for (const relate::SentenceRef& m : fact.members) {
      if (const relate::Quantity* other = differing_figure(m)) {
        sentence.differing.push_back({articles[m.article].id, sentence_text(m), other->written, date_of(m.article)});
      } else {
        agree.insert(m.article);
        sources.insert(r.source[m.article]);
      }
    }
    // A disputed figure of the sentence: the other sources' figures beside it.
    for (const relate::QuantityConflict& c : r.conflicts) {
      if (c.updated) continue;
      const relate::Quantity* mine = nullptr;
      for (const relate::Quantity& q : c.claims)
        if (q.ref == pick.sentence) mine = &q;
      if (mine == nullptr) continue;
      for (const relate::Quantity& q : c.claims) {
        if (agree.count(q.ref.article) || relate::SameFigure(q, *mine)) continue;
        const std::string& id = articles[q.ref.article].id;
        if (std::none_of(sentence.differing.begin(), sentence.differing.end(),
                         [&](const ConflictClaim& d) { return d.source == id; }))
          sentence.differing.push_back({id, sentence_text(q.ref), q.written, date_of(q.ref.article)});
      }
    }
    sentence.sources = SortedIds(agree, articles);
    sentence.support = sources.size();
    // Each citing source's own sentence of the fact, for the page's citation chips.
    for (const std::string& id : sentence.sources)
      for (const relate::SentenceRef& m : fact.members)
        if (articles[m.article].id == id) {
          sentence.cited.push_back({id, sentence_text(m)});
          break;
        }
    brief.summary.push_back(std::move(sentence));
  }
  std::vector<size_t> order(r.facts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if (r.facts[x].support != r.facts[y].support) return r.facts[x].support > r.facts[y].support;
    return r.facts[x].members.size() > r.facts[y].members.size();
  });
  // Single-source claims: informative sentences only (ten words or more), a bounded
  // number, taken from each article in turn so that the first reports read do not
  // fill the list.
  std::set<size_t> singles;
  {
    std::map<size_t, std::vector<size_t>> by_article;
    for (size_t f : order) {
      const relate::FactCluster& fc = r.facts[f];
      if (fc.support >= 2 || fc.members.size() >= 2) continue;
      if (r.vectors->sentences()[r.vectors->IndexOf(fc.representative)].words < 10) continue;
      by_article[fc.representative.article].push_back(f);
    }
    for (size_t round = 0, added = 1; added > 0 && singles.size() < kMaxSingleSourceFacts; ++round) {
      added = 0;
      for (const auto& [article, facts] : by_article)
        if (round < facts.size() && singles.size() < kMaxSingleSourceFacts) singles.insert(facts[round]), ++added;
    }
  }
  for (size_t f : order) {
    const relate::FactCluster& fc = r.facts[f];
    if (fc.support < 2 && fc.members.size() < 2 && !singles.count(f)) continue;
    Fact fact;
    fact.text = sentence_text(fc.representative);
    fact.sources = fact_sources(fc);
    fact.support = fc.support;
    for (const relate::SentenceRef& m : fc.members)
      if (!(m == fc.representative) && sentence_text(m) != fact.text)
        fact.variants.push_back({articles[m.article].id, sentence_text(m)});
    brief.facts.push_back(std::move(fact));
  }

  // Conflicts and updates.
  for (const relate::QuantityConflict& c : r.conflicts) {
    Conflict conflict;
    conflict.topic = "number of " + c.noun;
    for (const relate::Quantity& q : c.claims)
      conflict.claims.push_back({articles[q.ref.article].id, sentence_text(q.ref), q.written, date_of(q.ref.article)});
    (c.updated ? brief.updates : brief.conflicts).push_back(std::move(conflict));
  }

  // Quotations: the wording most articles use (ties go to the longer one).
  for (const relate::MergedQuote& m : r.quotes) {
    Quote quote;
    const std::pair<const std::string, std::set<size_t>>* best = nullptr;
    for (const auto& w : m.wordings)
      if (best == nullptr || w.second.size() > best->second.size() ||
          (w.second.size() == best->second.size() && w.first.size() > best->first.size()))
        best = &w;
    quote.text = best->first;
    quote.sources = SortedIds(m.articles, articles);
    for (const auto& w : m.wordings)
      if (&w != best)
        for (size_t a : w.second) quote.variants.push_back({articles[a].id, w.first});
    if (m.speaker >= 0) {
      quote.speaker = r.entities.entities[m.speaker].name;
    } else if (!m.speaker_text.empty()) {
      quote.speaker = m.speaker_text;
    }
    brief.quotes.push_back(std::move(quote));
  }

  // Entities, most mentioned first.
  std::vector<size_t> ent_order(r.entities.entities.size());
  for (size_t i = 0; i < ent_order.size(); ++i) ent_order[i] = i;
  std::stable_sort(ent_order.begin(), ent_order.end(), [&](size_t x, size_t y) {
    return r.entities.entities[x].mentions > r.entities.entities[y].mentions;
  });
  for (size_t e : ent_order) {
    const relate::MergedEntity& m = r.entities.entities[e];
    if (m.group) continue;  // "European", "Catholics": words of the story, not its names
    Entity ent;
    ent.name = m.name;
    ent.type = analyze::EntityTypeName(m.type);
    for (const std::string& s : m.surfaces)
      if (s != m.name) ent.aliases.push_back(s);
    ent.mentions = m.mentions;
    ent.sources = SortedIds(m.articles, articles);
    brief.entities.push_back(std::move(ent));
  }

  // Timeline.
  for (const compose::TimelineItem& item : compose::BuildTimeline(view, analysis.dates)) {
    std::set<size_t> src(item.articles.begin(), item.articles.end());
    brief.timeline.push_back({item.date, sentence_text(item.sentence), SortedIds(src, articles)});
  }
  for (const TimelineEvent& t : brief.timeline) {
    if (!brief.first_date || t.date < *brief.first_date) brief.first_date = t.date;
    if (!brief.last_date || *brief.last_date < t.date) brief.last_date = t.date;
  }
  if (!brief.first_date)
    for (const std::string& p : dates.published)
      if (!p.empty()) {
        if (!brief.first_date || p < *brief.first_date) brief.first_date = p;
        if (!brief.last_date || *brief.last_date < p) brief.last_date = p;
      }

  if (brief.title.empty() && !brief.summary.empty()) brief.title = brief.summary.front().text;
  return brief;
}

}  // namespace

Result<Brief> Briefer::Build(std::vector<Article> articles) const {
  if (articles.empty()) return Status(StatusCode::kInvalidInput, "no articles to brief");
  for (size_t i = 0; i < articles.size(); ++i)
    if (articles[i].id.empty()) articles[i].id = "A" + std::to_string(i + 1);
  const PublicationDates dates = DatePublications(articles);
  const ArticleAnalysis analysis = AnalyzeArticles(articles, dates, impl_->words(), impl_->options.analysis_threads);
  const Related related = Relate(articles, dates, analysis, impl_->options.analysis_threads);
  return Compose(articles, dates, analysis, related, impl_->options.summary_words);
}

}  // namespace crosscheck
