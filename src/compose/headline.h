// The headline of a story: the title whose words the most of its articles share.
//
// Each title's content words (function words left out) are scored by the share of
// the story's articles whose text holds them, summed and divided by the square root
// of their number, so a short title of shared words beats a long one that merely
// holds them. With no title at all, the first sentence of the first text stands in.
#ifndef CROSSCHECK_COMPOSE_HEADLINE_H_
#define CROSSCHECK_COMPOSE_HEADLINE_H_

#include <optional>
#include <string>
#include <vector>

namespace crosscheck::compose {

struct HeadlineCandidate {
  std::optional<std::string> title;
  std::string text;  // the article's text (or its opening, where the whole is not at hand)
};

// The best title; "" when there is no title and `fallback_to_text` is false.
std::string ChooseHeadline(const std::vector<HeadlineCandidate>& articles, bool fallback_to_text);

}  // namespace crosscheck::compose

#endif  // CROSSCHECK_COMPOSE_HEADLINE_H_
