// Compressed inputs: gzip (one or many members, as .warc.gz and .html.gz hold
// them) and Zstandard, told apart by their magic bytes, not by the file name.
//
//   ingest::Decompressed d = ingest::Decompress(bytes, 1ull << 30);
//   for (const std::string& p : d.problems) report(p);   // "gzip member at byte 4096: ..."
//   use(d.bytes);                                        // everything that could be read
//
// A corrupt gzip member is skipped: reading resumes at the next member's magic
// bytes, so one broken record of a web archive costs that record only.
#ifndef CROSSCHECK_INGEST_COMPRESSION_H_
#define CROSSCHECK_INGEST_COMPRESSION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::ingest {

enum class Compression { kNone, kGzip, kZstd };

Compression DetectCompression(std::string_view bytes);
const char* CompressionName(Compression c);

struct Decompressed {
  std::string bytes;                  // the decompressed data that could be read
  std::vector<std::string> problems;  // what was skipped or cut short, and where
  bool truncated = false;             // output stopped at the size limit
  uint64_t discarded = 0;             // decoded from corrupt members and dropped; counts against the limit
};

// True when `decompressed` bytes out of `compressed` look like a decompression
// bomb rather than a document: more than 8 MiB, at over 200 times the size. Text
// and HTML compress 3 to 15 times; gzip cannot exceed about 1,000 times, which is
// what a bomb of repeated bytes reaches.
inline bool LooksLikeBomb(uint64_t compressed, uint64_t decompressed) {
  return decompressed > (8ull << 20) && decompressed / 200 > compressed;
}

// Decompresses gzip or Zstandard data (other data comes back as it is). Output
// stops at `max_bytes` with a problem saying so, which guards against
// decompression bombs.
Decompressed Decompress(std::string_view bytes, uint64_t max_bytes);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_COMPRESSION_H_
