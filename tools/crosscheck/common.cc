#include "common.h"

#include <unistd.h>

#include <iostream>

#include "ingest/sgml_reader.h"

namespace crosscheck::cli {

void Report(const Status& status) { std::cerr << "crosscheck: " << status.ToString() << "\n"; }

void InputFlags::AddTo(CLI::App* command) {
  command->add_option("INPUT", inputs, "files, folders (every *.txt inside) or '-' for stdin")->required();
  command->add_flag("--no-glue-repair", no_glue_repair, "do not split glued words (no word lists needed)");
  command->add_option("--max-bytes", max_bytes, "largest input accepted for one article, in bytes")
      ->capture_default_str();
  command->add_option("--word-list", word_lists,
                      "word list for glued-word repair, most common first (repeatable; default: the "
                      "Debian wamerican and wbritish lists in /usr/share/dict)");
}

ExtractOptions InputFlags::ToOptions() const {
  ExtractOptions options;
  options.max_bytes = max_bytes;
  options.repair_glued_words = !no_glue_repair;
  options.word_list_paths = word_lists;
  return options;
}

ReadCounts ReadArticles(Extractor& extractor, const InputFlags& flags,
                        const std::function<void(Article&)>& on_article) {
  ReadCounts counts;
  std::vector<InputSource> sources = ExpandInputs(flags.inputs, Report);
  const bool progress = sources.size() >= 50 && isatty(STDERR_FILENO);
  for (size_t i = 0; i < sources.size(); ++i) {
    if (progress && i % 25 == 0) std::cerr << "\rreading " << i << "/" << sources.size() << std::flush;
    Result<std::string> bytes = ReadInput(sources[i], flags.max_bytes);
    if (!bytes.ok()) {
      Report(bytes.status());
      ++counts.failed;
      continue;
    }
    // A newswire SGML file may hold many documents: each is an article. A file of
    // one article hands its bytes over whole (the view is not used after that).
    std::vector<std::string_view> documents = ingest::SplitSgmlDocuments(*bytes);
    for (std::string_view document : documents) {
      Result<Article> article = documents.size() == 1 ? extractor.Extract(std::move(bytes).value(), sources[i].path)
                                                      : extractor.Extract(std::string(document), sources[i].path);
      if (!article.ok()) {
        Report(article.status());
        ++counts.failed;
        continue;
      }
      ++counts.read;
      if (article->id.empty()) article->id = "A" + std::to_string(counts.read);  // inputs may name their own
      for (const std::string& w : article->warnings)
        std::cerr << "crosscheck: " << article->path << ": warning: " << w << "\n";
      on_article(*article);
    }
  }
  if (progress) std::cerr << "\r" << std::string(40, ' ') << "\r";
  return counts;
}

}  // namespace crosscheck::cli
