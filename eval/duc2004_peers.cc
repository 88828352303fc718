// Scores the 13 published systems of DUC 2004 task 2 with crosscheck's ROUGE and
// prints them beside the official ROUGE-1.5.5 figures (sumrepo_reference_scores):
// the proof that our ROUGE is ROUGE.
//
//   build/eval/duc2004_peers [path/to/shared/data/duc2004_task2]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "eval/files.h"
#include "eval/rouge.h"

namespace fs = std::filesystem;

using crosscheck::eval::ReadFile;

int main(int argc, char** argv) {
  fs::path root = argc > 1 ? fs::path(argv[1]) : fs::path(CROSSCHECK_SHARED_DIR) / "data/duc2004_task2";
  if (!fs::exists(root / "sumrepo_peers")) {
    std::fprintf(stderr, "duc2004_peers: %s has no sumrepo_peers/; pass the duc2004_task2 folder\n", root.c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::map<std::string, std::array<double, 3>> official =
      crosscheck::eval::ReadRougeAverages(root / "sumrepo_reference_scores/rouge.res");
  std::map<std::string, std::vector<std::string>> models;
  for (const auto& m : fs::directory_iterator(root / "models")) {
    std::string name = m.path().filename().string();
    models[name.substr(0, name.find('.'))].push_back(ReadFile(m.path()));
  }
  crosscheck::eval::RougeScorer rouge(crosscheck::eval::RougeOptions{});
  std::map<std::string, std::array<double, 3>> ours;
  std::map<std::string, int> counts;
  for (const auto& p : fs::directory_iterator(root / "sumrepo_peers")) {
    std::string name = p.path().filename().string();
    std::string cluster = name.substr(0, name.find('.')), system = name.substr(name.find('.') + 1);
    crosscheck::eval::RougeScores s = rouge.Score(ReadFile(p.path()), models[cluster]);
    ours[system][1] += s.recall[1];
    ours[system][2] += s.recall[2];
    ++counts[system];
  }
  double worst = 0;
  std::printf("%-12s %9s %9s %9s %9s\n", "system", "R-1 ours", "R-1 1.5.5", "R-2 ours", "R-2 1.5.5");
  for (const auto& [system, o] : official) {
    double r1 = 100 * ours[system][1] / counts[system], r2 = 100 * ours[system][2] / counts[system];
    worst = std::max({worst, std::fabs(r1 - 100 * o[1]), std::fabs(r2 - 100 * o[2])});
    std::printf("%-12s %9.2f %9.2f %9.2f %9.2f\n", system.c_str(), r1, 100 * o[1], r2, 100 * o[2]);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("largest difference: %.3f points; %zu summaries scored in %.2f s\n", worst, ours.size() * 50, seconds);
  return worst <= 0.1 ? 0 : 2;
}
