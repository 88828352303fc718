// crosscheck: many news reports in, one cross-checked story brief out.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cerrno>

#include <exception>
#include <new>
#include <iostream>

#include "base/allocator_tuning.h"
#include "commands.h"
#include "crosscheck/version.h"

namespace {

// A standard stream the caller closed (`>&-`) gets /dev/null opened read-only in
// its place: the number cannot be taken by a file crosscheck opens, and writes to
// it fail (EBADF) and are reported instead of landing somewhere else.
void HoldClosedStandardStreams() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int held = ::open("/dev/null", O_RDONLY);
    if (held >= 0 && held != fd) {
      ::dup2(held, fd);
      ::close(held);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace crosscheck::cli;
  HoldClosedStandardStreams();
  crosscheck::TuneAllocatorForBatches();
  CLI::App app{
      "crosscheck turns many overlapping news reports about one story into one cross-checked\n"
      "brief: what happened, who said what, when, and which facts several sources confirm.\n\n"
      "Examples:\n"
      "  crosscheck brief examples/story/\n"
      "  crosscheck brief --format json ../reports/*.txt > brief.json\n"
      "  crosscheck extract --format text examples/story/*.txt\n"
      "  crosscheck extract folder/ > articles.jsonl\n"
      "  cat report.txt | crosscheck extract -\n"
      "  crosscheck annotate < feed.jsonl > annotated.jsonl\n\n"
      "Run 'crosscheck <command> --help' for the options of a command.",
      "crosscheck"};
  app.set_version_flag("--version", std::string("crosscheck ") + CROSSCHECK_VERSION);
  app.require_subcommand(1);
  CommandRunner extract = AddExtractCommand(app);
  CommandRunner annotate = AddAnnotateCommand(app);
  CommandRunner brief = AddBriefCommand(app);
  CommandRunner cluster = AddClusterCommand(app);
  CommandRunner ingest = AddIngestCommand(app);
  CommandRunner stories = AddStoriesCommand(app);
  CommandRunner search = AddSearchCommand(app);
  CommandRunner serve = AddServeCommand(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // --help and --version print too: their output can fail like any other.
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "crosscheck: cannot write standard output\n";
      return kExitOutput;
    }
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      if (sub->get_name() == "extract") return extract();
      if (sub->get_name() == "annotate") return annotate();
      if (sub->get_name() == "brief") return brief();
      if (sub->get_name() == "cluster") return cluster();
      if (sub->get_name() == "ingest") return ingest();
      if (sub->get_name() == "stories") return stories();
      if (sub->get_name() == "search") return search();
      if (sub->get_name() == "serve") return serve();
    }
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "crosscheck: resource exhausted: out of memory; give fewer inputs at a time, lower "
                 "--max-archive-bytes, or run where more memory is free\n";
    return kExitMemory;
  } catch (const std::exception& e) {
    std::cerr << "crosscheck: internal error: " << e.what()
              << "\nThis is a bug in crosscheck; please report it with the input that caused it.\n";
    return kExitInternal;
  }
}
