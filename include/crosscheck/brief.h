// The story brief: many articles about one story in, one cross-checked brief out.
//
//   crosscheck::BriefOptions options;              // options.summary_words = 150
//   crosscheck::Result<crosscheck::Briefer> b = crosscheck::Briefer::Create(options);
//   std::vector<crosscheck::Article> articles = ...;  // from b->extractor().Extract(...)
//   crosscheck::Result<crosscheck::Brief> brief = b->Build(std::move(articles));
//   std::cout << crosscheck::BriefToJson(*brief);     // crosscheck.brief/1
//
// Build() fails only on an empty list (kInvalidInput). Every list in a Brief cites
// articles by id (Article::id, assigned "A1", "A2", ... when empty), sorted, without
// repeats. The field meanings are those of BRIEF-FORMAT.md.
#ifndef CROSSCHECK_BRIEF_H_
#define CROSSCHECK_BRIEF_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/article.h"
#include "crosscheck/extract.h"
#include "crosscheck/status.h"

namespace crosscheck {

struct BriefArticle {
  std::string id, path;
  std::optional<std::string> title, outlet, url, published;
  bool published_inferred = false;     // no date in the article: taken from its text or the story
  size_t words = 0;
  std::optional<std::string> duplicate_of;  // the article this one copies
  // The first article of its independent source (itself when it is the first): the
  // agency or outlet it speaks for, or the article it copies.
  std::string source;
};

struct Variant {
  std::string source;  // article id
  std::string text;
};

struct ConflictClaim {
  std::string source;
  std::string text;   // the sentence making the claim
  std::string value;  // as written ("3,800", "more than 150,000")
  std::optional<std::string> published;  // the claiming article's date
};

struct BriefSentence {
  std::string text;
  std::vector<std::string> sources;  // the articles that tell it, without any that give another figure
  size_t support = 0;                // independent sources among them
  std::vector<Variant> cited;        // each source's own sentence, in the order of `sources`
  std::vector<ConflictClaim> differing;  // articles of the same fact that give another figure
};

struct Fact {
  std::string text;                 // the representative wording
  std::vector<std::string> sources;
  size_t support = 0;               // independent sources
  std::vector<Variant> variants;    // the same fact in other articles' words
};

// Figures for one thing that differ. Disputed: independent sources of the same day
// (or a figure still given after another replaced it) differ. Updated: each later
// report gives a new figure, as a count does day by day.
struct Conflict {
  std::string topic;  // "number of people evacuated"
  std::vector<ConflictClaim> claims;  // oldest first for an update
};

struct Quote {
  std::optional<std::string> speaker;  // canonical entity name
  std::string text;
  std::vector<std::string> sources;
  std::vector<Variant> variants;
};

struct Entity {
  std::string name;
  std::string type;  // person, organization, location, other
  std::vector<std::string> aliases;
  size_t mentions = 0;
  std::vector<std::string> sources;
};

struct TimelineEvent {
  std::string date;  // ISO 8601
  std::string text;
  std::vector<std::string> sources;
};

struct Brief {
  std::string title;
  size_t independent_sources = 0;
  size_t outlets = 0;  // distinct outlets named by the articles
  std::optional<std::string> first_date, last_date;
  std::vector<BriefArticle> articles;
  std::vector<BriefSentence> summary;
  std::vector<Fact> facts;
  std::vector<Conflict> conflicts;  // disputed figures
  std::vector<Conflict> updates;    // figures a later report replaced
  std::vector<Quote> quotes;
  std::vector<Entity> entities;
  std::vector<TimelineEvent> timeline;
};

// What the analysis found in one article, with offsets into Article::text (see
// "Annotations" in BRIEF-FORMAT.md).
struct Annotations {
  struct EntityAt {
    Span span;
    std::string text, type, name;  // name: the canonical entity within the article
  };
  struct QuoteAt {
    Span span;
    std::string text;
    std::optional<std::string> speaker;
    std::optional<Span> speaker_span;
    bool partial = false;  // a fragment in the reporter's sentence, not a whole utterance
  };
  struct DateAt {
    Span span;
    std::string text, value;
    std::string type;  // TimeML's TIMEX3 type: DATE, DURATION ("three years": P3Y) or SET ("every Monday")
  };
  std::vector<EntityAt> entities;
  std::vector<QuoteAt> quotes;
  std::vector<DateAt> dates;
};

struct BriefOptions {
  ExtractOptions extract;
  // Length of the summary in words (the last sentence may not fit and is left out).
  size_t summary_words = 150;
  // Threads that Build analyses the articles on (entities, quotations, dates and
  // figures of each, the step that costs most in a large story); from 2, the
  // copies among the articles are also found beside the rest of relating them. 1
  // is the calling thread alone. The brief is the same on any number.
  size_t analysis_threads = 1;
};

class Briefer {
 public:
  // Fails like Extractor::Create (a word list that cannot be read).
  static Result<Briefer> Create(const BriefOptions& options);

  Briefer(Briefer&&) noexcept;
  Briefer& operator=(Briefer&&) noexcept;
  ~Briefer();

  // Another briefer of the same options for another thread (Briefer, like its
  // Extractor, is not thread-safe), sharing the word lists loaded by this one.
  Briefer Clone() const;

  // The extractor for reading inputs; shares its word list with the analysis.
  Extractor& extractor();
  // The word list the analysis uses (nullptr when none could be loaded).
  const text::WordList* word_list() const;

  // Entities, quotations and dates of one article, resolved against its own
  // publication date.
  Annotations Annotate(const Article& article) const;

  // The brief of one story. Fails only when `articles` is empty.
  Result<Brief> Build(std::vector<Article> articles) const;

 private:
  struct Impl;
  explicit Briefer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// crosscheck.brief/1 as JSON text (pretty-printed with two spaces).
std::string BriefToJson(const Brief& brief);
// The brief for reading in a terminal: headline, summary with citations, quotes,
// timeline, facts, conflicts, sources.
std::string BriefToMarkdown(const Brief& brief);
// The brief as one self-contained HTML page (no scripts, no external assets): summary
// with citation chips, source matrix, conflicts, quotations by speaker, an SVG
// timeline, entities and the sources with their cited sentences. Article text is
// escaped, and links are kept only for http(s) addresses.
std::string BriefToHtml(const Brief& brief);

}  // namespace crosscheck

#endif  // CROSSCHECK_BRIEF_H_
