// Helpers shared by the pipeline tests: where fixtures and public data live.
#ifndef CROSSCHECK_PIPELINE_TEST_SUPPORT_H_
#define CROSSCHECK_PIPELINE_TEST_SUPPORT_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/extract.h"

namespace crosscheck::testing_support {

inline std::string SourcePath(const std::string& relative) {
  return std::string(CROSSCHECK_SOURCE_DIR) + "/" + relative;
}

// ../shared beside the repository; absent on machines without the public data.
inline std::string SharedPath(const std::string& relative) {
  return std::string(CROSSCHECK_SHARED_DIR) + "/" + relative;
}

inline bool Exists(const std::string& path) { return std::filesystem::exists(path); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> FilesIn(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ext) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// One Extractor for a whole test binary (loading word lists takes a moment).
inline Extractor& SharedExtractor() {
  static Extractor* extractor = [] {
    Result<Extractor> e = Extractor::Create(ExtractOptions{});
    if (!e.ok()) throw std::runtime_error(e.status().ToString());
    return new Extractor(std::move(e).value());
  }();
  return *extractor;
}

inline Article MustExtract(const std::string& path) {
  Result<Article> a = SharedExtractor().Extract(ReadFile(path), path);
  if (!a.ok()) throw std::runtime_error(a.status().ToString());
  return std::move(a).value();
}

}  // namespace crosscheck::testing_support

#endif  // CROSSCHECK_PIPELINE_TEST_SUPPORT_H_
