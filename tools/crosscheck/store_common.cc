#include "store_common.h"

#include <ctime>

#include "common.h"
#include "text/ascii.h"

namespace crosscheck::cli {

std::unique_ptr<Store> OpenForReading(const std::string& db) {
  Result<std::unique_ptr<Store>> store = OpenStore(db, StoreOptions{});
  if (!store.ok()) {
    Report(store.status());
    return nullptr;
  }
  return std::move(store).value();
}

std::optional<int64_t> ParseTime(const std::string& text) {
  if (std::optional<uint64_t> seconds = text::ParseUnsigned(text); seconds && text.size() != 8) {
    return static_cast<int64_t>(*seconds);
  }
  std::tm tm{};
  const char* end = nullptr;
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"}) {
    tm = std::tm{};
    end = ::strptime(text.c_str(), format, &tm);
    if (end != nullptr && (*end == '\0' || *end == 'Z')) return static_cast<int64_t>(::timegm(&tm));
  }
  return std::nullopt;
}

std::string CheckDate(const std::string& text) {
  auto digits = [&](size_t at, size_t n) {
    if (text.size() < at + n) return false;
    for (size_t i = 0; i < n; ++i)
      if (!text::IsAsciiDigit(text[at + i])) return false;
    return true;
  };
  const bool ok = (text.size() == 4 && digits(0, 4)) ||
                  (text.size() == 7 && digits(0, 4) && text[4] == '-' && digits(5, 2)) ||
                  (text.size() == 10 && digits(0, 4) && text[4] == '-' && digits(5, 2) && text[7] == '-' &&
                   digits(8, 2));
  return ok ? "" : "must be a date: YYYY-MM-DD, YYYY-MM or YYYY";
}

void AddDateOption(CLI::App* cmd, const std::string& name, std::optional<std::string>& value, const std::string& help) {
  cmd->add_option(name, value, help)
      ->type_name("DATE")
      ->check(CLI::Validator([](std::string& s) { return CheckDate(s); }, ""));
}

}  // namespace crosscheck::cli
