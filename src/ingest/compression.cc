#include "ingest/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

#include "ingest/sizes.h"

namespace crosscheck::ingest {
namespace {

constexpr size_t kChunk = 1 << 16;

// Appends what fits of data[0, n) within `max_bytes`, counting what corrupt members
// gave and lost too (so that resyncing through a file of broken members cannot
// inflate the same bytes without end); false (with a problem said) when it had to
// cut. The string grows by doubling but never past the limit, so a bomb costs at
// most `max_bytes` of memory, not twice that.
bool AppendWithin(Decompressed& out, const char* data, size_t n, uint64_t max_bytes) {
  const uint64_t spent = out.bytes.size() + out.discarded;
  const size_t room = spent < max_bytes ? static_cast<size_t>(max_bytes - spent) : 0;
  const size_t take = std::min(n, room);
  if (out.bytes.size() + take > out.bytes.capacity()) {
    const uint64_t want = std::max<uint64_t>(2 * static_cast<uint64_t>(out.bytes.capacity()), out.bytes.size() + take);
    // reserve() on a string that has room may round up to twice its capacity; a
    // fresh string takes the exact size.
    std::string grown;
    grown.reserve(static_cast<size_t>(std::min<uint64_t>(want, max_bytes)));
    grown.append(out.bytes);
    out.bytes.swap(grown);
  }
  out.bytes.append(data, take);
  if (take == n) return true;
  out.truncated = true;
  out.problems.push_back("decompressed data passes the limit of " + SizeText(max_bytes) + "; the rest is not read");
  return false;
}

// The next gzip magic (1f 8b 08) at or after `from`, or npos.
size_t NextGzipMember(std::string_view bytes, size_t from) {
  for (size_t i = bytes.find('\x1f', from); i != std::string_view::npos; i = bytes.find('\x1f', i + 1)) {
    if (i + 2 < bytes.size() && bytes[i + 1] == '\x8b' && bytes[i + 2] == '\x08') return i;
  }
  return std::string_view::npos;
}

void Gunzip(std::string_view bytes, uint64_t max_bytes, Decompressed& out) {
  size_t pos = 0;
  // Input fed to zlib, over all attempts: resyncing after a corrupt member reads
  // some bytes again, but a file of thousands of broken members must not be read
  // thousands of times.
  uint64_t fed = 0;
  const uint64_t max_fed = 8 * static_cast<uint64_t>(bytes.size()) + (1u << 20);
  unsigned char buf[kChunk];
  while (pos < bytes.size()) {
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
      out.problems.push_back("zlib could not start");
      return;
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + pos));
    z.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size() - pos, UINT32_MAX));
    const size_t member_start = pos;
    const size_t member_output = out.bytes.size();
    int rc = Z_OK;
    while (rc == Z_OK) {
      z.next_out = buf;
      z.avail_out = kChunk;
      rc = inflate(&z, Z_NO_FLUSH);
      if (!AppendWithin(out, reinterpret_cast<char*>(buf), kChunk - z.avail_out, max_bytes)) {
        inflateEnd(&z);
        return;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended inside the member
      if (rc == Z_BUF_ERROR) rc = Z_OK;
    }
    const size_t consumed = static_cast<size_t>(z.next_in - reinterpret_cast<const Bytef*>(bytes.data()));
    fed += consumed - member_start;
    // The input ended inside the member (the loop stops there), or the stream is corrupt.
    const bool cut = rc == Z_BUF_ERROR;
    const std::string why = z.msg != nullptr ? z.msg : "zlib error " + std::to_string(rc);
    inflateEnd(&z);
    if (rc == Z_STREAM_END) {
      pos = consumed;
      // Members may be followed by zero padding; anything else must be a member.
      while (pos < bytes.size() && bytes[pos] == '\0') ++pos;
      const size_t next = pos < bytes.size() ? NextGzipMember(bytes, pos) : pos;
      if (next != pos) {
        out.problems.push_back("bytes " + std::to_string(pos) + ".." +
                               std::to_string(next == std::string_view::npos ? bytes.size() : next) +
                               " after a gzip member are not gzip data; skipped");
        if (next == std::string_view::npos) return;
        pos = next;
      }
      continue;
    }
    // A corrupt or cut member: keep what it gave only when it ended early (the
    // decoded bytes are good), drop it when the stream is corrupt.
    if (!cut) {
      out.discarded += out.bytes.size() - member_output;
      out.bytes.resize(member_output);
    }
    size_t next = NextGzipMember(bytes, member_start + 1);
    out.problems.push_back(
        "gzip member at byte " + std::to_string(member_start) + " is " +
        (cut ? "cut short (" + std::to_string(out.bytes.size() - member_output) + " bytes read from it)"
             : "corrupt (" + why + "); skipped") +
        (next == std::string_view::npos ? "" : ", reading on at byte " + std::to_string(next)));
    if (next == std::string_view::npos) return;
    if (fed > max_fed) {
      out.problems.push_back("too many corrupt gzip members; the rest from byte " + std::to_string(next) +
                             " is not read");
      return;
    }
    pos = next;
  }
}

void Unzstd(std::string_view bytes, uint64_t max_bytes, Decompressed& out) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  std::string buf(kChunk, '\0');
  size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    last = ZSTD_decompressStream(ctx.get(), &o, &in);
    if (ZSTD_isError(last)) {
      out.problems.push_back("Zstandard data corrupt near byte " + std::to_string(in.pos) + " (" +
                             ZSTD_getErrorName(last) + "); the rest is not read");
      return;
    }
    if (!AppendWithin(out, buf.data(), o.pos, max_bytes)) return;
    if (o.pos == 0 && in.pos == in.size) break;
  }
  if (last != 0) out.problems.push_back("Zstandard data ends inside a frame (file cut short?)");
}

}  // namespace

Compression DetectCompression(std::string_view bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') return Compression::kGzip;
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "Zstandard";
    case Compression::kNone:
      break;
  }
  return "none";
}

Decompressed Decompress(std::string_view bytes, uint64_t max_bytes) {
  Decompressed out;
  switch (DetectCompression(bytes)) {
    case Compression::kGzip:
      Gunzip(bytes, max_bytes, out);
      break;
    case Compression::kZstd:
      Unzstd(bytes, max_bytes, out);
      break;
    case Compression::kNone:
      out.bytes.assign(bytes);
      break;
  }
  return out;
}

}  // namespace crosscheck::ingest
