// libFuzzer target for the input splitter: any bytes, as a file whose name says
// nothing (so the content decides: gzip, zstd, WARC, JSONL, HTML, SGML or text).
//
//   build-fuzz/fuzz/input_reader_fuzz -max_total_time=60
#include <cstdint>
#include <string>

#include "ingest/input_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crosscheck::ingest::InputLimits limits;
  limits.max_article_bytes = 1 << 20;
  limits.max_archive_bytes = 16 << 20;
  crosscheck::ingest::SplitInput(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.input", limits,
      [](crosscheck::ingest::Document) {}, [](const crosscheck::Status&) {});
  return 0;
}
