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
  if (!a.paragraphs.empty())
    if (auto agency = text::DatelineAgency(a.Slice(a.paragraphs.front()))) return NameKey(*agency);
  std::set<std::string> credited;
  for (const std::string& c : a.wire_credits) credited.insert(NameKey(c));
  // A story credited to several agencies was put together by its outlet.
  if (credited.size() == 1) return *credited.begin();
  if (a.outlet && !a.outlet->empty()) return NameKey(*a.outlet);
  return "";
}

std::vector<int> IndependentSources(const std::vector<const Article*>& articles, const std::vector<int>& copy_of) {
  const size_t n = articles.size();
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
    std::string key = SourceKey(*articles[i]);
    if (key.empty()) continue;
    auto [it, added] = by_key.emplace(key, static_cast<int>(i));
    if (!added) join(static_cast<int>(i), it->second);
  }
  for (size_t i = 0; i < n; ++i) first[i] = find(static_cast<int>(i));
  return first;
}

}  // namespace crosscheck::relate
