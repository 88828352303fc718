// libFuzzer target for the brief as a whole: the input is cut at each form feed
// (0x0C) into up to kMaxArticles articles, each is extracted and annotated, then
// Briefer::Build makes the brief of those that extracted, and every renderer (JSON,
// Markdown, HTML) writes it. Seeds in fuzz/corpus/brief_fuzz are small stories of
// two to four reports.
//
//   build-fuzz/fuzz/brief_fuzz -max_total_time=60 fuzz/corpus/brief_fuzz
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/brief.h"
#include "render/article_json.h"

namespace {

// More articles make each run slower without reaching code that a dozen does not.
constexpr size_t kMaxArticles = 12;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static crosscheck::Briefer briefer = [] {
    crosscheck::BriefOptions options;
    options.extract.max_bytes = 1 << 20;
    return std::move(crosscheck::Briefer::Create(options)).value();
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<crosscheck::Article> articles;
  while (articles.size() < kMaxArticles) {
    size_t cut = input.find('\f');
    std::string_view piece = input.substr(0, cut);
    crosscheck::Result<crosscheck::Article> a =
        briefer.extractor().Extract(std::string(piece), "fuzz" + std::to_string(articles.size()) + ".txt");
    if (a.ok()) {
      crosscheck::render::AnnotationsToJson(briefer.Annotate(*a)).dump();
      articles.push_back(std::move(a).value());
    }
    if (cut == std::string_view::npos) break;
    input.remove_prefix(cut + 1);
  }
  crosscheck::Result<crosscheck::Brief> brief = briefer.Build(std::move(articles));
  if (!brief.ok()) return 0;
  crosscheck::BriefToJson(*brief);
  crosscheck::BriefToMarkdown(*brief);
  crosscheck::BriefToHtml(*brief);
  return 0;
}
