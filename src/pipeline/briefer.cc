// The brief pipeline: analyze each article (entities, quotations, dates, figures),
// relate them (copies, facts, conflicts, merged entities and quotations), compose
// (summary, timeline) and fill the Brief. This file knows every stage; the stages
// know nothing of each other beyond their plain data.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "analyze/civil_date.h"
#include "analyze/dates.h"
#include "analyze/entities.h"
#include "analyze/quotes.h"
#include "compose/summary.h"
#include "crosscheck/brief.h"
#include "relate/entity_merge.h"
#include "relate/facts.h"
#include "text/lexicon.h"
#include "text/word_list.h"

namespace crosscheck {
namespace {

constexpr float kFactThreshold = 0.42f;   // cosine for two sentences to state one fact
constexpr size_t kMinQuoteWords = 4;      // shorter quotations are scare quotes, not statements
constexpr size_t kMaxSingleSourceFacts = 40;
constexpr long kInferenceWindowDays = 60;

using analyze::CivilDate;

std::vector<std::string> WordsOf(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      cur += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

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

// Same quotation: most words of the shorter found in the longer, or a close
// Jaccard; reworded by another outlet, when the same speaker says at least three
// of the same content words, half of the shorter wording's.
bool SameQuote(const std::vector<std::string>& x, const std::vector<std::string>& y, bool same_speaker) {
  std::multiset<std::string> sx(x.begin(), x.end()), sy(y.begin(), y.end());
  size_t common = 0;
  for (const std::string& w : sx)
    if (sy.count(w)) ++common;
  size_t small = std::min(x.size(), y.size());
  size_t uni = x.size() + y.size() - common;
  if ((small >= kMinQuoteWords && common >= 0.8 * small) || (uni > 0 && common >= 0.6 * uni)) return true;
  if (!same_speaker) return false;
  std::set<std::string> cx, cy;
  for (const std::string& w : x)
    if (!text::IsFunctionWord(w)) cx.insert(w);
  for (const std::string& w : y)
    if (!text::IsFunctionWord(w)) cy.insert(w);
  size_t shared = 0;
  for (const std::string& w : cx) shared += cy.count(w);
  return shared >= 3 && 2 * shared >= std::min(cx.size(), cy.size());
}

}  // namespace

struct Briefer::Impl {
  BriefOptions options;
  Extractor extractor;
  std::optional<text::WordList> own_words;  // when the extractor has none

  const text::WordList* words() const { return extractor.word_list() ? extractor.word_list() : (own_words ? &*own_words : nullptr); }
};

Briefer::Briefer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Briefer::Briefer(Briefer&&) noexcept = default;
Briefer& Briefer::operator=(Briefer&&) noexcept = default;
Briefer::~Briefer() = default;

Extractor& Briefer::extractor() { return impl_->extractor; }

Result<Briefer> Briefer::Create(const BriefOptions& options) {
  ExtractOptions extract = options.extract;
  extract.tokenize = true;  // every analysis stage reads tokens
  Result<Extractor> ex = Extractor::Create(extract);
  if (!ex.ok()) return ex.status();
  auto impl = std::unique_ptr<Impl>(new Impl{options, std::move(ex).value(), std::nullopt});
  if (impl->extractor.word_list() == nullptr) {
    Result<text::WordList> w = text::WordList::Load(extract.word_list_paths);
    if (w.ok()) impl->own_words = std::move(w).value();  // without it, entities use shape alone
  }
  return Briefer(std::move(impl));
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
    int e = index.of_mention[0][i];
    std::string type = analyze::EntityTypeName(e >= 0 ? index.entities[e].type : entities[i].type);
    out.entities.push_back({entities[i].span, entities[i].text, type, name_of(static_cast<int>(i)).value_or(entities[i].text)});
  }
  for (const analyze::QuoteMention& q : analyze::FindQuotes(a, entities))
    out.quotes.push_back({q.span, q.text, name_of(q.speaker), q.speaker_span, q.partial});
  std::optional<CivilDate> ref = a.published ? CivilDate::Parse(*a.published) : std::nullopt;
  for (const analyze::DateMention& d : analyze::FindDates(a, ref))
    if (!d.value.empty()) out.dates.push_back({d.span, std::string(a.Slice(d.span)), d.value});
  return out;
}

Result<Brief> Briefer::Build(std::vector<Article> articles) const {
  if (articles.empty()) return Status(StatusCode::kInvalidInput, "no articles to brief");
  const size_t n = articles.size();
  for (size_t i = 0; i < n; ++i)
    if (articles[i].id.empty()) articles[i].id = "A" + std::to_string(i + 1);
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  Brief brief;

  // Publication dates: given; else the latest date the article reports in the past
  // tense; else the story's date, the upper median of the dates known so far.
  std::vector<std::string> published(n);
  std::vector<bool> inferred(n, false);
  std::vector<CivilDate> known;
  for (size_t i = 0; i < n; ++i)
    if (articles[i].published)
      if (auto d = CivilDate::Parse(*articles[i].published)) {
        published[i] = d->Iso();
        known.push_back(*d);
      }
  if (!known.empty()) {
    std::vector<CivilDate> sorted = known;
    std::sort(sorted.begin(), sorted.end());
    const CivilDate anchor = sorted[sorted.size() / 2];
    for (size_t i = 0; i < n; ++i) {
      if (!published[i].empty()) continue;
      std::optional<CivilDate> seen = analyze::LatestReportedDate(articles[i], anchor.year);
      if (seen && std::labs(seen->DayNumber() - anchor.DayNumber()) <= kInferenceWindowDays) {
        published[i] = seen->Iso();
        inferred[i] = true;
        known.push_back(*seen);
      }
    }
    std::sort(known.begin(), known.end());
    const CivilDate story_date = known[known.size() / 2];
    for (size_t i = 0; i < n; ++i) {
      if (!published[i].empty()) continue;
      published[i] = story_date.Iso();
      inferred[i] = true;
    }
  }

  // Per-article analysis.
  const text::WordList* words = impl_->words();
  std::vector<std::vector<analyze::EntityMention>> entities(n);
  std::vector<std::vector<analyze::QuoteMention>> quotes(n);
  std::vector<std::vector<analyze::DateMention>> dates(n);
  std::vector<relate::Quantity> quantities;
  for (size_t i = 0; i < n; ++i) {
    entities[i] = analyze::FindEntities(articles[i], words);
    quotes[i] = analyze::FindQuotes(articles[i], entities[i]);
    dates[i] = analyze::FindDates(articles[i], CivilDate::Parse(published[i]));
    for (relate::Quantity& q : relate::FindQuantities(articles[i], static_cast<uint32_t>(i))) quantities.push_back(std::move(q));
  }
  relate::EntityIndex index = relate::MergeEntities(entities);

  // Entity, figure and date keys join each sentence's words, so paraphrases
  // that share them align.
  // The entity keys alone are also concepts the summary covers.
  std::vector<std::vector<std::vector<std::string>>> extra(n), entity_keys(n);
  for (size_t i = 0; i < n; ++i) {
    extra[i].resize(articles[i].sentences.size());
    entity_keys[i].resize(articles[i].sentences.size());
    for (size_t m = 0; m < entities[i].size(); ++m) {
      int e = index.of_mention[i][m];
      if (e < 0) continue;
      std::string key = "@e" + std::to_string(e);
      extra[i][entities[i][m].sentence].push_back(key);
      entity_keys[i][entities[i][m].sentence].push_back(std::move(key));
    }
    for (const analyze::DateMention& d : dates[i])
      if (!d.value.empty()) extra[i][d.sentence].push_back("@d" + d.value);
  }
  for (const relate::Quantity& q : quantities) extra[q.ref.article][q.ref.sentence].push_back("@n" + q.written);
  relate::StoryVectors vectors(ptrs, extra);

  // Copies and independent sources.
  std::vector<int> copy_of = relate::FindNearDuplicates(ptrs);
  std::vector<int> group(n);
  for (size_t i = 0; i < n; ++i) {
    int g = static_cast<int>(i);
    while (copy_of[g] >= 0) g = copy_of[g];
    group[i] = g;
  }
  std::set<int> independent(group.begin(), group.end());
  brief.independent_sources = independent.size();

  std::vector<relate::FactCluster> facts = relate::AlignFacts(vectors, group, kFactThreshold);
  auto sentence_text = [&](relate::SentenceRef r) {
    const Article& a = articles[r.article];
    return std::string(a.Slice(a.sentences[r.sentence].span));
  };
  // A fact is shown in the wording that best stands on its own ("Psaki said ..."
  // rather than "she told reporters").
  for (relate::FactCluster& f : facts) {
    float best = compose::StandaloneScore(sentence_text(f.representative));
    for (const relate::SentenceRef& m : f.members) {
      float score = compose::StandaloneScore(sentence_text(m));
      if (score > best) best = score, f.representative = m;
    }
  }
  auto fact_sources = [&](const relate::FactCluster& f) {
    std::set<size_t> s;
    for (const relate::SentenceRef& r : f.members) s.insert(r.article);
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
    if (!published[i].empty()) ba.published = published[i];
    ba.published_inferred = inferred[i];
    ba.words = articles[i].WordCount();
    if (copy_of[i] >= 0) ba.duplicate_of = articles[copy_of[i]].id;
    brief.articles.push_back(std::move(ba));
  }

  // The headline: the title whose words the most articles share.
  std::vector<std::set<std::string>> body_words(n);
  for (size_t j = 0; j < n; ++j)
    for (std::string& w : WordsOf(articles[j].text)) body_words[j].insert(std::move(w));
  double best_title = -1;
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i].title) continue;
    std::vector<std::string> tw = WordsOf(*articles[i].title);
    double score = 0;
    size_t counted = 0;
    for (const std::string& w : tw) {
      if (text::IsFunctionWord(w)) continue;
      ++counted;
      size_t df = 0;
      for (size_t j = 0; j < n; ++j) df += body_words[j].count(w);
      score += static_cast<double>(df) / n;
    }
    if (counted > 0) score /= std::sqrt(static_cast<double>(counted));
    if (score > best_title) {
      best_title = score;
      brief.title = *articles[i].title;
    }
  }
  // Summary and facts.
  compose::StoryView view{ptrs, published, &vectors, &facts, group, brief.title, &entity_keys};
  for (const compose::SummaryPick& pick : compose::SelectSummary(view, impl_->options.summary_words))
    brief.summary.push_back({pick.text, fact_sources(facts[pick.fact])});
  std::vector<size_t> order(facts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if (facts[x].support != facts[y].support) return facts[x].support > facts[y].support;
    return facts[x].members.size() > facts[y].members.size();
  });
  size_t single = 0;
  for (size_t f : order) {
    const relate::FactCluster& fc = facts[f];
    if (fc.support < 2 && fc.members.size() < 2) {
      // Single-source claims: informative sentences only, a bounded number.
      const relate::SentenceInfo& info = vectors.sentences()[vectors.IndexOf(fc.representative)];
      if (info.words < 10 || ++single > kMaxSingleSourceFacts) continue;
    }
    Fact fact;
    fact.text = sentence_text(fc.representative);
    fact.sources = fact_sources(fc);
    fact.support = fc.support;
    for (const relate::SentenceRef& r : fc.members)
      if (!(r == fc.representative) && sentence_text(r) != fact.text)
        fact.variants.push_back({articles[r.article].id, sentence_text(r)});
    brief.facts.push_back(std::move(fact));
  }

  // Conflicts.
  for (const relate::QuantityConflict& c : relate::FindConflicts(quantities, vectors, facts, group)) {
    Conflict conflict;
    conflict.topic = "number of " + c.noun;
    for (const relate::Quantity& q : c.claims)
      conflict.claims.push_back({articles[q.ref.article].id, sentence_text(q.ref), q.written});
    brief.conflicts.push_back(std::move(conflict));
  }

  // Quotations merged across articles.
  struct QuoteGroup {
    std::vector<std::string> words;  // of the first wording
    std::map<std::string, std::set<size_t>> wordings;  // text -> articles
    std::map<int, size_t> speakers;                    // entity -> votes
    std::set<size_t> articles;
    size_t first = 0;
    bool whole = false;  // some source quotes it as a whole utterance, not a fragment
  };
  std::vector<QuoteGroup> groups;
  size_t seq = 0;
  for (size_t i = 0; i < n; ++i) {
    for (const analyze::QuoteMention& q : quotes[i]) {
      ++seq;
      if (q.words < kMinQuoteWords) continue;
      std::vector<std::string> w = WordsOf(q.text);
      int speaker = q.speaker >= 0 ? index.of_mention[i][q.speaker] : -1;
      QuoteGroup* g = nullptr;
      for (QuoteGroup& cand : groups)
        if (SameQuote(cand.words, w, speaker >= 0 && cand.speakers.count(speaker))) {
          g = &cand;
          break;
        }
      if (g == nullptr) {
        groups.push_back({w, {}, {}, {}, seq});
        g = &groups.back();
      }
      g->wordings[q.text].insert(i);
      g->articles.insert(i);
      g->whole |= !q.partial;
      if (q.speaker >= 0 && index.of_mention[i][q.speaker] >= 0) ++g->speakers[index.of_mention[i][q.speaker]];
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [&](const QuoteGroup& x, const QuoteGroup& y) {
    std::set<int> gx, gy;
    for (size_t a : x.articles) gx.insert(group[a]);
    for (size_t a : y.articles) gy.insert(group[a]);
    if (gx.size() != gy.size()) return gx.size() > gy.size();
    // Whole utterances read better than fragments of the reporter's sentence.
    if (x.whole != y.whole) return x.whole;
    return x.first < y.first;
  });
  for (const QuoteGroup& g : groups) {
    Quote quote;
    // The wording most articles use; ties go to the longer one.
    const std::pair<const std::string, std::set<size_t>>* best = nullptr;
    for (const auto& w : g.wordings)
      if (best == nullptr || w.second.size() > best->second.size() ||
          (w.second.size() == best->second.size() && w.first.size() > best->first.size()))
        best = &w;
    quote.text = best->first;
    quote.sources = SortedIds(g.articles, articles);
    for (const auto& w : g.wordings)
      if (&w != best)
        for (size_t a : w.second) quote.variants.push_back({articles[a].id, w.first});
    int speaker = -1;
    size_t votes = 0;
    for (const auto& [e, v] : g.speakers)
      if (v > votes && index.entities[e].type == analyze::EntityType::kPerson) speaker = e, votes = v;
    if (speaker < 0)
      for (const auto& [e, v] : g.speakers)
        if (v > votes) speaker = e, votes = v;
    if (speaker >= 0) quote.speaker = index.entities[speaker].name;
    brief.quotes.push_back(std::move(quote));
  }

  // Entities, most mentioned first.
  std::vector<size_t> ent_order(index.entities.size());
  for (size_t i = 0; i < ent_order.size(); ++i) ent_order[i] = i;
  std::stable_sort(ent_order.begin(), ent_order.end(), [&](size_t x, size_t y) {
    return index.entities[x].mentions > index.entities[y].mentions;
  });
  for (size_t e : ent_order) {
    const relate::MergedEntity& m = index.entities[e];
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
  for (const compose::TimelineItem& item : compose::BuildTimeline(view, dates)) {
    std::set<size_t> src(item.articles.begin(), item.articles.end());
    brief.timeline.push_back({item.date, sentence_text(item.sentence), SortedIds(src, articles)});
  }
  for (const TimelineEvent& t : brief.timeline) {
    if (!brief.first_date || t.date < *brief.first_date) brief.first_date = t.date;
    if (!brief.last_date || *brief.last_date < t.date) brief.last_date = t.date;
  }
  if (!brief.first_date)
    for (const std::string& p : published)
      if (!p.empty()) {
        if (!brief.first_date || p < *brief.first_date) brief.first_date = p;
        if (!brief.last_date || *brief.last_date < p) brief.last_date = p;
      }

  if (brief.title.empty() && !brief.summary.empty()) brief.title = brief.summary.front().text;
  return brief;
}

}  // namespace crosscheck
