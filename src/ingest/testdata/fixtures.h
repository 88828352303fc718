// Helpers for the ingest tests: the hand-made files in src/ingest/testdata, and
// gzip-compressed bytes made on the spot.
#ifndef CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_
#define CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_

#include <zlib.h>
#include <zstd.h>

#include <cstdint>

#include <algorithm>
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

// A decompression bomb: `unit` repeated until `total` bytes, compressed as one
// gzip member (or one Zstandard frame) in a stream, so the plain text is never
// held in memory.
inline std::string GzipRepeated(std::string_view unit, uint64_t total) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
  std::string block;
  while (block.size() < (1u << 20)) block += unit;
  std::string out;
  char buf[1 << 16];
  for (uint64_t done = 0; done < total;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(block.size(), total - done));
    done += n;
    z.next_in = reinterpret_cast<Bytef*>(block.data());
    z.avail_in = static_cast<uInt>(n);
    const int flush = done == total ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

inline std::string ZstdRepeated(std::string_view unit, uint64_t total) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  std::string block;
  while (block.size() < (1u << 20)) block += unit;
  std::string out;
  std::string buf(ZSTD_CStreamOutSize(), '\0');
  for (uint64_t done = 0; done < total;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(block.size(), total - done));
    done += n;
    ZSTD_inBuffer in{block.data(), n, 0};
    const ZSTD_EndDirective mode = done == total ? ZSTD_e_end : ZSTD_e_continue;
    size_t left;
    do {
      ZSTD_outBuffer o{buf.data(), buf.size(), 0};
      left = ZSTD_compressStream2(ctx, &o, &in, mode);
      out.append(buf.data(), o.pos);
    } while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
  }
  ZSTD_freeCCtx(ctx);
  return out;
}

}  // namespace crosscheck::ingest::fixtures

#endif  // CROSSCHECK_INGEST_TESTDATA_FIXTURES_H_
