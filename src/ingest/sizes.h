// Sizes in messages: "209.7 MB".
#ifndef CROSSCHECK_INGEST_SIZES_H_
#define CROSSCHECK_INGEST_SIZES_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace crosscheck::ingest {

inline std::string Megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_SIZES_H_
