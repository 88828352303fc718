// Where a subcommand writes its result: standard output, or a file (-o).
//
//   Result<std::unique_ptr<Output>> out = Output::Open(flags.output);   // "" = stdout
//   if (!out.ok()) { Report(out.status()); return kExitOutput; }
//   (*out)->stream() << text;
//   if (Status s = (*out)->Close(); !s.ok()) { Report(s); return kExitOutput; }
//
// Every write is checked: a full disk, a closed stdout (`>&-`) or /dev/full ends in
// "cannot write OUTPUT: No space left on device" from Close(), never in exit 0 with
// the output lost. A file is written to a temporary file beside it and renamed
// into place by Close(), so a failed run leaves the old file (or none), never a
// truncated one; an Output destroyed without Close() (or a process interrupted by
// SIGINT, SIGTERM or SIGHUP) removes its temporary file. A symlink's target is the
// file replaced; devices, FIFOs and what /dev and /proc name are written in place,
// as is a file in a folder where no temporary file can be made.
#ifndef CROSSCHECK_TOOLS_OUTPUT_H_
#define CROSSCHECK_TOOLS_OUTPUT_H_

#include <memory>
#include <ostream>
#include <string>

#include "crosscheck/status.h"

namespace crosscheck::cli {

class Output {
 public:
  static Result<std::unique_ptr<Output>> Open(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  std::ostream& stream();
  // Flushes, checks every write, and for a file renames it into place. The first
  // failure is reported ("cannot write brief.md: No space left on device").
  Status Close();

  struct Impl;

 private:
  explicit Output(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<Output>> OpenInPlace(const std::string& path, const std::string& target);
  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_TOOLS_OUTPUT_H_
