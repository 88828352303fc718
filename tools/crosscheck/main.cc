// crosscheck: many news reports in, one cross-checked story brief out.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "base/allocator_tuning.h"
#include "commands.h"
#include "crosscheck/version.h"

int main(int argc, char** argv) {
  using namespace crosscheck::cli;
  crosscheck::TuneAllocatorForBatches();
  CLI::App app{
      "crosscheck turns many overlapping news reports about one story into one cross-checked\n"
      "brief: what happened, who said what, when, and which facts several sources confirm.\n\n"
      "Examples:\n"
      "  crosscheck brief examples/story/\n"
      "  crosscheck brief --format json ../reports/*.txt > brief.json\n"
      "  crosscheck extract --format text examples/story/*.txt\n"
      "  crosscheck extract folder/ > articles.jsonl\n"
      "  cat report.txt | crosscheck extract -\n\n"
      "Run 'crosscheck <command> --help' for the options of a command.",
      "crosscheck"};
  app.set_version_flag("--version", std::string("crosscheck ") + CROSSCHECK_VERSION);
  app.require_subcommand(1);
  CommandRunner extract = AddExtractCommand(app);
  CommandRunner brief = AddBriefCommand(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      if (sub->get_name() == "extract") return extract();
      if (sub->get_name() == "brief") return brief();
    }
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "crosscheck: internal error: " << e.what()
              << "\nThis is a bug in crosscheck; please report it with the input that caused it.\n";
    return kExitInternal;
  }
}
