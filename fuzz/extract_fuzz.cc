// libFuzzer target for the whole extract pipeline: any bytes as one article
// (plain text, newswire SGML or HTML, told apart by content).
//
//   build-fuzz/fuzz/extract_fuzz -max_total_time=60 examples/story
#include <cstdint>
#include <string>

#include "crosscheck/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static crosscheck::Extractor extractor = [] {
    crosscheck::ExtractOptions options;
    options.max_bytes = 1 << 20;
    return std::move(crosscheck::Extractor::Create(options)).value();
  }();
  extractor.Extract(std::string(reinterpret_cast<const char*>(data), size), "fuzz.input");
  return 0;
}
