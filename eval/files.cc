#include "eval/files.h"

#include <fstream>
#include <sstream>

namespace crosscheck::eval {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::array<double, 3>> ReadRougeAverages(const std::filesystem::path& path) {
  std::map<std::string, std::array<double, 3>> averages;
  std::istringstream res(ReadFile(path));
  for (std::string line; std::getline(res, line);) {
    std::istringstream l(line);
    std::string system, metric, kind;
    double value;
    if (!(l >> system >> metric >> kind >> value) || kind != "Average_R:") continue;
    if (metric == "ROUGE-1") averages[system][1] = value;
    if (metric == "ROUGE-2") averages[system][2] = value;
  }
  return averages;
}

}  // namespace crosscheck::eval
