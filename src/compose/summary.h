// Composing the brief: the cited multi-document summary and the timeline.
//
// Summary: extractive. Each fact is scored by how many reports tell it (articles,
// a copy folded into its original: how prominent it is, not how corroborated), how central it is to the story (cosine to the centroid of all
// sentences) and how early its articles tell it (news puts the essentials first);
// sentences that read less well alone (starting with a connective, a bare
// quotation, a question) are penalized, and those that cannot stand alone at all
// (a fragment, a dangling pronoun, half a quotation: FindSentenceFault) give way
// to another source's wording of their fact, or are left out. So does a wording
// that a developing story has overtaken: a figure a later report updated, a
// forecast whose fact a later report tells as done. Facts are
// taken greedily by score, skipping any too similar to one already taken (maximal
// marginal relevance) and any that would overflow the word budget, then put in
// reading order: by the publication date of the earliest article telling them,
// then by position in it.
//
// Timeline: sentences with a day-precision date, grouped by date and fact, at
// most a few events per date (the best supported), within a window around the
// story's publication dates, oldest first.
#ifndef CROSSCHECK_COMPOSE_SUMMARY_H_
#define CROSSCHECK_COMPOSE_SUMMARY_H_

#include <string>
#include <vector>

#include "analyze/dates.h"
#include "relate/facts.h"

namespace crosscheck::compose {

struct StoryView {
  std::vector<const Article*> articles;
  std::vector<std::string> published;  // ISO date per article ("" when unknown)
  const relate::StoryVectors* vectors = nullptr;
  const std::vector<relate::FactCluster>* facts = nullptr;
  // The report of each article (a copy is one report with its original): how much
  // of the story repeats a concept, whoever the sources are.
  std::vector<int> group;
  std::string headline;                 // the brief's headline; "" when no article has a title
  // Per article and sentence, a key for each story entity it names ("@e12", one
  // per merged entity, so "Blinken" and "Antony Blinken" share it); may be null.
  const std::vector<std::vector<std::vector<std::string>>>* sentence_entities = nullptr;
  // The story's disputed and updated figures; an update's older claims are not
  // shown in the summary. May be null.
  const std::vector<relate::QuantityConflict>* conflicts = nullptr;
};

// How well a sentence reads on its own, in (0, 1]: lower for a leading pronoun or
// connective ("She said ...", "But ..."), a sentence mostly in quotation marks, a
// question.
float StandaloneScore(std::string_view sentence);

// What keeps a sentence out of a summary however well it scores: it does not stand
// alone. The sentence the summary shows is taken without the one before it, so a
// pronoun that opens it points at nothing, and a quotation split across sentences
// or a clause cut from its main verb reads as a fragment.
enum class SentenceFault {
  kNone,
  // A name or noun phrase with only a relative or appositive clause, no main verb:
  // "Interior Minister Jane Roe, who leads the smaller party."
  kFragment,
  // A personal or demonstrative pronoun (or "others") opens it, alone or after a leading phrase
  // that names nothing it could stand for: "They agreed ...", "After a long
  // standoff, they signed ...".
  kDanglingPronoun,
  // An odd number of quotation marks: a quotation opened in an earlier sentence or
  // closed in a later one.
  kOpenQuotation,
};
SentenceFault FindSentenceFault(std::string_view sentence);

// Whether a sentence, outside quotation marks, tells what is expected rather than
// what happened: "will", "is expected to", "plans to", "is scheduled to".
bool IsForecast(std::string_view sentence);

// A sentence shortened by deleting what a summary does not need: a leading
// connective ("Meanwhile,", "However,"), a leading time phrase relative to the
// report's date ("On Tuesday,", "Yesterday,"), a trailing attribution of reported
// speech outside quotation marks (", officials said."), short parentheticals.
// Only deletes; never touches quoted words; returns the sentence unchanged when
// nothing applies or the rest would be too short, and keeps an attribution whose
// deletion would leave a fragment ("X, who leads the party, said Y would go.").
std::string CompressSentence(std::string_view sentence);

struct SummaryPick {
  size_t fact = 0;                // index into *view.facts
  relate::SentenceRef sentence;   // the wording shown: the fact's representative,
                                  // or another member's when that one does not stand alone
  std::string text;               // that sentence, compressed
};

// The summary in reading order, within `max_words`.
std::vector<SummaryPick> SelectSummary(const StoryView& view, size_t max_words);

struct TimelineItem {
  std::string date;
  size_t fact = 0;                        // index into *view.facts
  relate::SentenceRef sentence;           // the wording to show
  std::vector<uint32_t> articles;         // articles that date it so
};

// `dates[a]` are the resolved date mentions of article a.
std::vector<TimelineItem> BuildTimeline(const StoryView& view,
                                        const std::vector<std::vector<analyze::DateMention>>& dates);

}  // namespace crosscheck::compose

#endif  // CROSSCHECK_COMPOSE_SUMMARY_H_
