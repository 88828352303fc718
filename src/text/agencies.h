// News agencies, and the places a story names the service it came from.
//
// An agency sells one story to many outlets, so for cross-checking a story told
// by an agency counts once, whoever prints it. These functions find the agency
// or outlet a story credits in its own text:
//
//   text::WireAgency("The Associated Press")          -> "AP"
//   text::DatelineAgency("PARIS (AFP) -- The ...")    -> "AFP"
//   text::SignOff("... by Friday. -- Meridian Press") -> "Meridian Press"
//
// The agency list is general (the world's national and international agencies),
// never the names of any particular story's outlets.
#ifndef CROSSCHECK_TEXT_AGENCIES_H_
#define CROSSCHECK_TEXT_AGENCIES_H_

#include <optional>
#include <string>
#include <string_view>

namespace crosscheck::text {

// The short canonical name of a news agency ("AP" for "Associated Press",
// "the Associated Press" and "Associated Press Worldstream"; "AFP" for
// "Agence France-Presse"), matched without case; nullopt when `name` is not a
// known agency.
std::optional<std::string_view> WireAgency(std::string_view name);

// The service credited in a dateline at the start of a story: "PARIS (AP) --",
// "MOSCOW, March 3 (Reuters) -", "(AFP) -". A known agency, or a short
// capitalized name followed by a dash; nullopt when the story has no such dateline.
std::optional<std::string> DatelineAgency(std::string_view first_paragraph);

// The name a story signs off with at its end: "-- Meridian Press Agency" after the
// last sentence, or alone as the last line. One to five capitalized words
// ("of", "and", "&" allowed inside); nullopt otherwise.
std::optional<std::string> SignOff(std::string_view last_paragraph);

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_AGENCIES_H_
