// Helpers for the ingest tests: the hand-made files in src/ingest/testdata, and
// gzip-compressed bytes made on the spot.
#ifndef CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_
#define CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace crosscheck::ingest::fixtures {

inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CROSSCHECK_SOURCE_DIR) + "/src/ingest/testdata/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One gzip member holding `data`.
inline std::string Gzip(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace crosscheck::ingest::fixtures

#endif  // CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_
