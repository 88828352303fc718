// libFuzzer target for the HTML reader: any bytes, as a saved page.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCROSSCHECK_BUILD_FUZZ=ON
//   cmake --build build-fuzz --target html_reader_fuzz
//   build-fuzz/fuzz/html_reader_fuzz -max_total_time=60 src/ingest/testdata
#include <cstdint>
#include <string_view>

#include "ingest/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crosscheck::ingest::ReadHtml(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
