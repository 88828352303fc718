// Subcommands of the crosscheck CLI. Each Add*Command registers its options on the
// app and returns the function that runs it once parsing succeeded; that function
// returns the process exit code.
#ifndef CROSSCHECK_TOOLS_COMMANDS_H_
#define CROSSCHECK_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>

namespace crosscheck::cli {

// Exit codes shared by all subcommands.
constexpr int kExitOk = 0;
constexpr int kExitNothingRead = 1;  // no input could be read
constexpr int kExitUsage = 2;        // bad command line
constexpr int kExitInternal = 3;     // a bug; please report it
constexpr int kExitOutput = 4;       // the output could not be written (disk full, closed stdout)
constexpr int kExitMemory = 5;       // ran out of memory
constexpr int kExitStore = 6;        // the store cannot be opened, read or written

using CommandRunner = std::function<int()>;

CommandRunner AddExtractCommand(CLI::App& app);
CommandRunner AddAnnotateCommand(CLI::App& app);
CommandRunner AddBriefCommand(CLI::App& app);
CommandRunner AddClusterCommand(CLI::App& app);
CommandRunner AddIngestCommand(CLI::App& app);
CommandRunner AddStoriesCommand(CLI::App& app);
CommandRunner AddSearchCommand(CLI::App& app);
CommandRunner AddServeCommand(CLI::App& app);

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_TOOLS_COMMANDS_H_
