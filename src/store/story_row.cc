#include "store/story_row.h"

#include <algorithm>
#include <map>
#include <utility>

#include "compose/headline.h"
#include "relate/sources.h"
#include "text/ascii.h"

namespace crosscheck::store {

StoryDescription DescribeStory(const std::vector<StoryArticleRow>& articles) {
  StoryDescription d;
  d.articles = articles.size();
  if (articles.empty()) return d;
  std::map<std::string, std::pair<size_t, std::string>> outlets;  // folded -> articles, name as first written
  std::vector<compose::HeadlineCandidate> candidates;
  std::map<int64_t, int> index_of;
  std::vector<std::string> keys;
  for (const StoryArticleRow& a : articles) {
    index_of.emplace(a.id, static_cast<int>(keys.size()));
    if (a.outlet && !a.outlet->empty()) {
      auto& [count, name] = outlets[text::AsciiLowered(*a.outlet)];
      if (count++ == 0) name = *a.outlet;
    }
    candidates.push_back({a.title, a.lede});
    keys.push_back(a.source);
    if (a.published) {
      if (!d.first_date || *a.published < *d.first_date) d.first_date = a.published;
      if (!d.last_date || *a.published > *d.last_date) d.last_date = a.published;
    }
  }
  std::vector<int> copy_of;
  for (const StoryArticleRow& a : articles) {
    auto it = index_of.find(a.duplicate_of);
    copy_of.push_back(a.duplicate_of == 0 || it == index_of.end() ? -1 : it->second);
  }
  const std::vector<int> source = relate::IndependentSources(keys, copy_of);
  for (size_t i = 0; i < source.size(); ++i) d.independent += source[i] == static_cast<int>(i);
  std::vector<std::pair<size_t, std::string>> by_count;
  for (auto& [key, named] : outlets) by_count.push_back(std::move(named));
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (auto& [n, name] : by_count) d.outlets.push_back(std::move(name));
  d.headline = compose::ChooseHeadline(candidates, /*fallback_to_text=*/true);
  return d;
}

}  // namespace crosscheck::store
