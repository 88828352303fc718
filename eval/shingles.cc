#include "eval/shingles.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>

namespace crosscheck::eval {
namespace {

bool IsWordChar(utf8proc_int32_t cp) {
  if (cp == '_') return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < text.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                          static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) n = 1, cp = -1;
    bool word = cp >= 0 && IsWordChar(cp);
    if (word && start == std::string_view::npos) start = i;
    if (!word && start != std::string_view::npos) {
      out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += static_cast<size_t>(n);
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
  return out;
}

std::vector<uint64_t> Shingles(std::string_view text) {
  std::vector<std::string_view> tokens = WordTokens(text);
  std::vector<uint64_t> out;
  std::string joined;
  auto hash = [&](size_t b, size_t e) {
    joined.clear();
    for (size_t k = b; k < e; ++k) joined.append(tokens[k]).push_back('\x1f');
    return static_cast<uint64_t>(XXH3_64bits(joined.data(), joined.size()));
  };
  if (tokens.empty()) return out;
  if (tokens.size() < 4) {
    out.push_back(hash(0, tokens.size()));
    return out;
  }
  for (size_t i = 0; i + 4 <= tokens.size(); ++i) out.push_back(hash(i, i + 4));
  std::sort(out.begin(), out.end());
  return out;
}

PageScore ScorePage(const std::vector<uint64_t>& truth, const std::vector<uint64_t>& predicted) {
  size_t tp = 0;
  for (size_t i = 0, j = 0; i < truth.size() && j < predicted.size();) {
    if (truth[i] == predicted[j]) {
      ++tp, ++i, ++j;
    } else if (truth[i] < predicted[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const size_t fp = predicted.size() - tp, fn = truth.size() - tp;
  PageScore s;
  if (fp == 0 && fn == 0) {
    s.precision = s.recall = 1.0;
    return s;
  }
  s.has_precision = tp + fp > 0;
  s.has_recall = tp + fn > 0;
  if (s.has_precision) s.precision = static_cast<double>(tp) / static_cast<double>(tp + fp);
  if (s.has_recall) s.recall = static_cast<double>(tp) / static_cast<double>(tp + fn);
  return s;
}

double MacroF1(double precision, double recall) {
  return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}

}  // namespace crosscheck::eval
