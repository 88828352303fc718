#include "eval/bcubed.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace crosscheck::eval {

BCubed ScoreBCubed(const std::vector<std::string>& gold, const std::vector<std::string>& got) {
  BCubed out;
  const size_t n = std::min(gold.size(), got.size());
  if (n == 0) return out;
  std::map<std::string, size_t> gold_size, got_size;
  std::map<std::pair<std::string, std::string>, size_t> both;
  for (size_t i = 0; i < n; ++i) {
    ++gold_size[gold[i]];
    ++got_size[got[i]];
    ++both[{gold[i], got[i]}];
  }
  for (size_t i = 0; i < n; ++i) {
    const double common = static_cast<double>(both[{gold[i], got[i]}]);
    out.precision += common / static_cast<double>(got_size[got[i]]);
    out.recall += common / static_cast<double>(gold_size[gold[i]]);
  }
  out.precision /= static_cast<double>(n);
  out.recall /= static_cast<double>(n);
  out.f1 = out.precision + out.recall > 0 ? 2 * out.precision * out.recall / (out.precision + out.recall) : 0;
  return out;
}

BCubed ScoreExtendedBCubedOfLabelled(const std::vector<std::vector<std::string>>& gold,
                                     const std::vector<std::string>& got) {
  BCubed out;
  const size_t n = std::min(gold.size(), got.size());
  if (n == 0) return out;
  auto shared_classes = [&](size_t i, size_t j) {
    size_t k = 0;
    for (const std::string& g : gold[i]) k += std::count(gold[j].begin(), gold[j].end(), g);
    return k;
  };
  size_t labelled = 0;
  for (size_t i = 0; i < n; ++i) {
    if (gold[i].empty()) continue;
    ++labelled;
    double p = 0, r = 0;
    size_t pn = 0, rn = 0;
    for (size_t j = 0; j < n; ++j) {
      const size_t classes = shared_classes(i, j);
      const size_t clusters = got[i] == got[j] ? 1 : 0;
      if (clusters > 0) {
        p += static_cast<double>(std::min(clusters, classes)) / static_cast<double>(clusters);
        ++pn;
      }
      if (classes > 0) {
        r += static_cast<double>(std::min(clusters, classes)) / static_cast<double>(classes);
        ++rn;
      }
    }
    out.precision += pn ? p / static_cast<double>(pn) : 0;
    out.recall += rn ? r / static_cast<double>(rn) : 0;
  }
  if (labelled == 0) return BCubed{};
  out.precision /= static_cast<double>(labelled);
  out.recall /= static_cast<double>(labelled);
  out.f1 = out.precision + out.recall > 0 ? 2 * out.precision * out.recall / (out.precision + out.recall) : 0;
  return out;
}

BCubed ScoreExtendedBCubed(const std::vector<std::vector<std::string>>& gold, const std::vector<std::string>& got) {
  return ScoreExtendedBCubedOfLabelled(gold, got);
}

double Pearson(const std::vector<std::pair<double, double>>& xy) {
  if (xy.size() < 2) return 0;
  double mx = 0, my = 0;
  for (const auto& [x, y] : xy) mx += x, my += y;
  mx /= static_cast<double>(xy.size());
  my /= static_cast<double>(xy.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (const auto& [x, y] : xy) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
    syy += (y - my) * (y - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

}  // namespace crosscheck::eval
