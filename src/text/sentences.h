// Sentence splitting for news text.
//
// A rule-based splitter: a sentence ends at ".", "!", "?" or an ellipsis, after any
// closing quotes and brackets, when whitespace and a plausible sentence start follow
// (a capital, a digit, an opening quote or bracket). Then the exceptions that make
// news hard:
//   - abbreviations that never end a sentence ("Gen.", "Mr.", "No. 5", "vs.");
//   - month abbreviations before a day ("Feb. 23") and initials ("J. K. Rowling"),
//     except the speaker labels that open a sentence of an interview ("Q.", "A.");
//   - dotted abbreviations ("U.S.", "U.N.", "a.m."), company suffixes ("Inc.") and
//     abbreviated given names ("Wm.", "Alex.")
//     end a sentence only when a typical sentence opener follows ("the U.S. He
//     said" splits, "U.S. President" does not);
//   - inside a quotation that closes with a comma or before lowercase attribution
//     ("... reason. We need de-escalation now," Guterres said.) the quotation and
//     its attribution stay one sentence.
// Decimals, URLs and "3.5" never split because no whitespace follows the period.
#ifndef CROSSCHECK_TEXT_SENTENCES_H_
#define CROSSCHECK_TEXT_SENTENCES_H_

#include <string_view>
#include <vector>

#include "crosscheck/offset_map.h"

namespace crosscheck::text {

// Sentences of text[span], trimmed of surrounding spaces, in order. Never empty
// spans; an all-space span gives no sentences.
std::vector<Span> SplitSentences(std::string_view text, Span span);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_SENTENCES_H_
