// Relating articles of one story: near-duplicate articles, sentences that state
// the same fact, and figures on which sources disagree.
//
// Near-duplicates: word 5-gram shingles; an article whose shingles are mostly
// (>= 60%) found in an earlier one copies it (syndicated wire copy with small
// edits). Copies count once as sources.
//
// Facts: every sentence becomes a TF-IDF vector of its content-word stems (idf over
// the story's sentences), with its entity, number and date keys added as extra
// terms, so that paraphrases that share names, figures and dates align even when
// their wording differs. Candidate pairs come from an inverted index of each
// sentence's rarest terms (no all-pairs loop), sentences of different articles
// whose cosine passes the threshold are linked, and linked sentences form facts
// (union-find, at most one sentence per article). Support counts independent
// sources: distinct articles after copies are folded into their originals.
//
// Conflicts: figures with a noun ("4,200 residents", "more than 150,000 troops")
// in sentences about the same thing (the same fact, or sharing at least three rare
// terms besides the figure) from independent sources, whose value ranges do not
// overlap. Qualifiers make ranges: "more than X" is [X, inf), "about X" is X +- 5%,
// so "150,000" and "more than 150,000" agree. Two figures measure the same thing
// only when the words around them share two content words or a word and the day
// of the event (what is counted: "killed near the villages" is not "injured in the
// capital"), when both are totals or neither is ("of the 122 seats" is the whole that
// "64 seats won" is part of), distances only from the same place ("150 km north of
// X"), and neither source gives the other's figure too (then they are two things,
// both known). A conversion ("95 miles (152 km)") is no second claim, and a
// fraction ("5 1-2 hours", "5 1/2 hours") is one figure.
// Disputed or updated: figures of the same time differ (the same publication
// day, or the same event day named in both sentences), or an old figure is still
// given after a new one: disputed. Otherwise each later report gives a new figure,
// as a count does day by day: updated.
#ifndef CROSSCHECK_RELATE_FACTS_H_
#define CROSSCHECK_RELATE_FACTS_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/article.h"

namespace crosscheck::relate {

// Where a sentence is: article index and sentence index within it.
struct SentenceRef {
  uint32_t article = 0;
  uint32_t sentence = 0;
  friend bool operator==(const SentenceRef&, const SentenceRef&) = default;
};

// A sparse, L2-normalized term vector.
struct TermVector {
  std::vector<std::pair<uint32_t, float>> terms;  // sorted by term id
  float Dot(const TermVector& other) const;
};

struct SentenceInfo {
  SentenceRef ref;
  TermVector vector;
  uint32_t words = 0;
  bool usable = false;  // a real sentence: ends like one and has at least six words
};

// Vocabulary and vectors of all sentences of a story.
class StoryVectors {
 public:
  // `extra_terms[a][s]` are keys to add to sentence s of article a (entities,
  // numbers, dates), each counted like a rare word.
  StoryVectors(const std::vector<const Article*>& articles,
               const std::vector<std::vector<std::vector<std::string>>>& extra_terms);
  const std::vector<SentenceInfo>& sentences() const { return sentences_; }
  // Index into sentences() of (article, sentence).
  size_t IndexOf(SentenceRef ref) const { return offsets_[ref.article] + ref.sentence; }
  float Idf(uint32_t term) const { return idf_[term]; }
  uint32_t TermId(const std::string& term) const;  // UINT32_MAX when unknown

 private:
  std::vector<SentenceInfo> sentences_;
  std::vector<size_t> offsets_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<float> idf_;
};

// Shingle containment (of the smaller set in the larger) from which an article is
// a copy of another.
constexpr double kCopyContainment = 0.6;

// For each article, the index of the article it copies, or -1.
std::vector<int> FindNearDuplicates(const std::vector<const Article*>& articles);

struct FactCluster {
  std::vector<SentenceRef> members;  // at most one per article, in article order
  SentenceRef representative;
  size_t support = 0;                // independent sources
  size_t reports = 0;                // articles, copies folded into their originals
};

// Distinct values of `group` over the fact's articles: its independent sources when
// `group` maps articles to their source.
size_t CountSources(const FactCluster& f, const std::vector<int>& group);

// Cosine from which two sentences state one fact (the brief's threshold).
constexpr float kFactAlignment = 0.42f;

// `group[a]` is the independent source of article a (itself unless a copy).
std::vector<FactCluster> AlignFacts(const StoryVectors& vectors, const std::vector<int>& group,
                                    float threshold);

struct Quantity {
  SentenceRef ref;
  Span span;           // the figure with its qualifier, in the article text
  std::string written; // "more than 150,000"
  std::string noun;    // "troops", or the class "people"
  double value = 0;    // the number as written, without its qualifier
  double low = 0, high = 0;
  double precision = 1;  // the place value of its last written digit, scaled ("4.2 billion": 1e8)
  bool whole = false;  // a total that other figures are parts of ("of the 122 seats")
  std::string anchor;  // for a distance, the place it is measured from, lowercase
  std::string event_date;  // the day its sentence dates the event to (ISO), "" when none
  std::vector<std::string> context;  // stems of the content words around it, sorted, unique
};

std::vector<Quantity> FindQuantities(const Article& a, uint32_t article_index);

struct QuantityConflict {
  std::string noun;
  std::vector<Quantity> claims;  // one per article; two independent sources disagree
  bool updated = false;          // a later report's new figure, oldest claim first
};

// Whether two figures say the same: the same number, whatever the qualifiers, the
// one written with fewer decimals perhaps rounded ("about 4,200" and "4,200", "12
// percent" and "12.3%"; not "at least 60" and "65", which do not conflict but do not
// corroborate each other either).
bool SameFigure(const Quantity& x, const Quantity& y);

// `published[a]` is the ISO publication date of article a ("" when unknown).
std::vector<QuantityConflict> FindConflicts(const std::vector<Quantity>& quantities, const StoryVectors& vectors,
                                            const std::vector<FactCluster>& facts, const std::vector<int>& group,
                                            const std::vector<std::string>& published);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_FACTS_H_
