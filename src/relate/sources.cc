#include "relate/sources.h"

#include <numeric>
#include <set>
#include <unordered_map>

#include "text/agencies.h"
#include "text/ascii.h"

namespace crosscheck::relate {
namespace {

// An agency by its canonical name; any other name lowercased, without a leading
// "the", so "The Valley Wire" and "Valley Wire" are one outlet.
std::string NameKey(std::string_view name) {
  if (auto agency = text::WireAgency(name)) return std::string(*agency);
  std::string key = text::AsciiLowered(name);
  if (key.rfind("the ", 0) == 0) key.erase(0, 4);
  return key;
}

}  // namespace

std::string SourceKey(const Article& a) {
  return SourceKey(a.paragraphs.empty() ? std::string_view() : a.Slice(a.paragraphs.front()), a.wire_credits,
                   a.outlet);
}

std::string SourceKey(std::string_view first_paragraph, const std::vector<std::string>& wire_credits,
                      const std::optional<std::string>& outlet) {
  if (auto agency = text::DatelineAgency(first_paragraph)) return NameKey(*agency);
  std::set<std::string> credited;
  for (const std::string& c : wire_credits) credited.insert(NameKey(c));
  // A story credited to several agencies was put together by its outlet.
  if (credited.size() == 1) return *credited.begin();
  if (outlet && !outlet->empty()) return NameKey(*outlet);
  return "";
}

std::vector<int> IndependentSources(const std::vector<const Article*>& articles, const std::vector<int>& copy_of) {
  std::vector<std::string> keys;
  keys.reserve(articles.size());
  for (const Article* a : articles) keys.push_back(SourceKey(*a));
  return IndependentSources(keys, copy_of);
}

std::vector<int> IndependentSources(const std::vector<std::string>& keys, const std::vector<int>& copy_of) {
  const size_t n = keys.size();
  std::vector<int> first(n);
  std::iota(first.begin(), first.end(), 0);
  auto find = [&](int x) {
    while (first[x] != x) x = first[x] = first[first[x]];
    return x;
  };
  auto join = [&](int x, int y) {
    x = find(x), y = find(y);
    if (x != y) first[std::max(x, y)] = std::min(x, y);
  };
  std::unordered_map<std::string, int> by_key;
  for (size_t i = 0; i < n; ++i) {
    if (copy_of[i] >= 0) join(static_cast<int>(i), copy_of[i]);
    const std::string& key = keys[i];
    if (key.empty()) continue;
    auto [it, added] = by_key.emplace(key, static_cast<int>(i));
    if (!added) join(static_cast<int>(i), it->second);
  }
  for (size_t i = 0; i < n; ++i) first[i] = find(static_cast<int>(i));
  return first;
}

}  // namespace crosscheck::relate
