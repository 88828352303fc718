// A guard before parsing JSON from untrusted input: nlohmann::json builds the
// whole tree before it can fail, so 30 KB of "[[[[..." costs gigabytes. Counting
// the nesting first, outside strings, costs one pass and no memory.
#ifndef CROSSCHECK_INGEST_JSON_DEPTH_H_
#define CROSSCHECK_INGEST_JSON_DEPTH_H_

#include <cstddef>
#include <string_view>

namespace crosscheck::ingest {

// Articles and their metadata nest a few levels; JSON-LD graphs a dozen.
constexpr size_t kMaxJsonNesting = 64;

// True when the arrays and objects of `json` nest deeper than `limit`.
inline bool NestsDeeperThan(std::string_view json, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_JSON_DEPTH_H_
