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

std::vector<std::vector<std::string>> ReadCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      field.clear();
      row.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace crosscheck::eval
