// Direct quotations and who said them.
//
// Quotation marks are already plain `"` (normalize.h); one is opening when it
// follows a space, an opening bracket or the start of a paragraph, closing
// otherwise. A quotation left open at the end of a paragraph continues when the
// next paragraph opens with a quotation mark (the convention for quotes over
// several paragraphs), else it ends with its paragraph.
//
// The speaker is looked for, in order:
//   1. after the quotation in its sentence: '..." Blinken said', '," said Jen Psaki',
//      '," she told reporters';
//   2. before it in its sentence: 'Blinken said: "...', 'He added that "...',
//      'according to X, "...'; without a reporting verb, the sentence's subject;
//   3. the speaker of the quotation just before, for a quotation that stands alone
//      ('"We need restraint..." Guterres said. "I urge all..."').
// Pronouns (he, she, they) resolve to the nearest person who spoke or was the
// subject of a sentence in this or the two previous paragraphs; the pronoun of
// "added" or "continued" to the last speaker. A name before a role word gives way
// to the name after it ('," said Trump lawyer Jane Roe' is Jane Roe's). A speaker
// named only by what they are gets a speaker_span, a speaker_text and no entity:
// a role ('," the mayor said'), a role a name modifies ('Norvik's lead lawyer
// said': the name is whom they work for), a family by its plural ('the Okafors
// wrote'). An organization speaks only where no person is named ('the Foreign
// Ministry said'), and a document ('the statement said') for who issued it.
// Fragments the name finder takes for names never speak: party tags ("R-Fla."),
// names ending in a bare initial, state abbreviations, peoples, everyday words
// rare as names, a place after "of", a name inside a quotation.
//
// Quoted titles (every longer word capitalized, no final punctuation: "Fox News
// Sunday") and scare quotes (three words or fewer with no speaker) are not
// quotations and are not returned.
#ifndef CROSSCHECK_ANALYZE_QUOTES_H_
#define CROSSCHECK_ANALYZE_QUOTES_H_

#include <optional>
#include <string>
#include <vector>

#include "analyze/entities.h"
#include "crosscheck/article.h"

namespace crosscheck::text {
class WordList;
}  // namespace crosscheck::text

namespace crosscheck::analyze {

struct QuoteMention {
  Span span;                      // from the first quoted word to the last, in Article::text
  std::string text;               // the quoted words (paragraphs joined by a space)
  uint32_t sentence = 0;          // the sentence where it starts
  uint32_t words = 0;
  std::optional<Span> speaker_span;  // the name, pronoun or role naming the speaker
  int speaker = -1;               // index of the speaker's EntityMention, -1 when unknown
  // The speaker as the text describes it when no name is given: "the mayor",
  // "Norvik's lead lawyer", "the Okafors". Empty otherwise.
  std::string speaker_text;
  // A fragment worked into the reporter's own sentence ('called it "deeply
  // disturbing"'): it starts in lowercase. Otherwise a whole utterance.
  bool partial = false;
};

// `words` (may be null) tells everyday words the text capitalized from names.
std::vector<QuoteMention> FindQuotes(const Article& a, const std::vector<EntityMention>& entities,
                                     const text::WordList* words = nullptr);

}  // namespace crosscheck::analyze

#endif  // CROSSCHECK_ANALYZE_QUOTES_H_
