// Sizes in messages, in binary units as the limits are set: "32.0 MiB".
#ifndef CROSSCHECK_INGEST_SIZES_H_
#define CROSSCHECK_INGEST_SIZES_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace crosscheck::ingest {

inline std::string SizeText(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1ull << 30));
  } else if (bytes >= (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  } else if (bytes >= (1ull << 10)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / (1ull << 10));
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_SIZES_H_
