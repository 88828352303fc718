// Reading the public evaluation data: whole files, as bytes.
#ifndef CROSSCHECK_EVAL_FILES_H_
#define CROSSCHECK_EVAL_FILES_H_

#include <filesystem>
#include <string>

namespace crosscheck::eval {

// The bytes of `path`; empty when it cannot be read (the callers check that the
// data folder exists first and say so plainly).
std::string ReadFile(const std::filesystem::path& path);

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_FILES_H_
