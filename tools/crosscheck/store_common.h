// What the subcommands that read a store share: opening it read-only with a
// clear message, and the --db option.
#ifndef CROSSCHECK_TOOLS_STORE_COMMON_H_
#define CROSSCHECK_TOOLS_STORE_COMMON_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "crosscheck/store.h"

namespace crosscheck::cli {

// The store at `db`, read-only; nullptr after reporting why it cannot be opened.
std::unique_ptr<Store> OpenForReading(const std::string& db);

// "2026-12-01", "2026-12-01T10:30", "2026-12-01 10:30:00" (UTC) or Unix seconds;
// nullopt for anything else.
std::optional<int64_t> ParseTime(const std::string& text);

// A date option (--since, --until): YYYY-MM-DD, YYYY-MM or YYYY; the message
// says what is wrong, empty when it is fine.
std::string CheckDate(const std::string& text);

// Adds a date option checked by CheckDate.
void AddDateOption(CLI::App* cmd, const std::string& name, std::optional<std::string>& value, const std::string& help);

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_TOOLS_STORE_COMMON_H_
