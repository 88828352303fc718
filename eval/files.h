// Reading the public evaluation data: whole files, as bytes.
#ifndef CROSSCHECK_EVAL_FILES_H_
#define CROSSCHECK_EVAL_FILES_H_

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::eval {

// The bytes of `path`; empty when it cannot be read (the callers check that the
// data folder exists first and say so plainly).
std::string ReadFile(const std::filesystem::path& path);

// The average ROUGE-1 and ROUGE-2 recall of each system in a ROUGE-1.5.5 report
// (`rouge.res`): system -> {unused, R-1, R-2}, as fractions.
std::map<std::string, std::array<double, 3>> ReadRougeAverages(const std::filesystem::path& path);

// Rows of a CSV file (RFC 4180: fields in double quotes may hold commas, line
// breaks and doubled quotes).
std::vector<std::vector<std::string>> ReadCsv(std::string_view text);

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_FILES_H_
