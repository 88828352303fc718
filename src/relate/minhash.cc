#include "relate/minhash.h"

// XXH3 inlined from the Debian header: shingles are hashed a few bytes at a time, where
// a call into the shared library costs as much as the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <bit>

namespace crosscheck::relate {
namespace {

// Part of the stored format (kSignatureVersion): changing either changes every
// signature.
constexpr uint64_t kShingleSeed = 0x6372'6f73'7363'6865ull;  // "crossche"
constexpr uint64_t kProbeSeed = 0x9e37'79b9'7f4a'7c15ull;

// After this many probes an empty bin takes the next non-empty bin after it
// instead. No bin gets near it (the expected count is K/n for n non-empty bins);
// it only bounds the loop.
constexpr uint32_t kMaxProbesPerBin = 1u << 16;

uint64_t Mix64(uint64_t x) {
  // The SplitMix64 finalizer: every input bit reaches every output bit.
  x ^= x >> 30;
  x *= 0xbf58'476d'1ce4'e5b9ull;
  x ^= x >> 27;
  x *= 0x94d0'49bb'1331'11ebull;
  x ^= x >> 31;
  return x;
}

// A uniform index in [0, n) from 32 random bits, without a division.
uint32_t Reduce(uint32_t bits, size_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(bits) * n) >> 32);
}

// The XXH3 hash of each word, in an order of bytes that hashes the same on every
// machine: little-endian.
std::vector<uint64_t> WordHashes(std::span<const std::string_view> words) {
  std::vector<uint64_t> hashes(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    uint64_t h = XXH3_64bits(words[i].data(), words[i].size());
    if constexpr (std::endian::native == std::endian::big) h = __builtin_bswap64(h);
    hashes[i] = h;
  }
  return hashes;
}

// Calls `emit` with the hash of every shingle of `words`, in text order, repeats
// included: XXH3 of the k word hashes of the window, read straight from the array.
template <typename Emit>
void ForEachShingle(std::span<const std::string_view> words, size_t k, Emit emit) {
  if (words.empty()) return;
  k = std::max<size_t>(k, 1);
  const std::vector<uint64_t> hashes = WordHashes(words);
  if (hashes.size() < k) {
    emit(static_cast<uint64_t>(XXH3_64bits_withSeed(hashes.data(), hashes.size() * sizeof(uint64_t), kShingleSeed)));
    return;
  }
  for (size_t i = 0; i + k <= hashes.size(); ++i)
    emit(static_cast<uint64_t>(XXH3_64bits_withSeed(hashes.data() + i, k * sizeof(uint64_t), kShingleSeed)));
}

// One-permutation hashing over the shingles, then optimal densification (see
// minhash.h).
class Signer {
 public:
  explicit Signer(size_t num_hashes)
      : values_(num_hashes, UINT32_MAX), filled_((num_hashes + 63) / 64, 0) {}

  void Add(uint64_t shingle) {
    const uint32_t bin = Reduce(static_cast<uint32_t>(shingle >> 32), values_.size());
    values_[bin] = std::min(values_[bin], static_cast<uint32_t>(shingle));
    filled_[bin >> 6] |= uint64_t{1} << (bin & 63);
  }

  Signature Finish() && {
    const size_t k = values_.size();
    size_t filled = 0;
    for (uint64_t word : filled_) filled += static_cast<size_t>(std::popcount(word));
    if (filled == 0) return {};
    if (filled == k) return std::move(values_);
    // Empty bins borrow only from bins a shingle reached (Filled() reads the
    // bits set by Add), so the order in which they are filled does not matter.
    for (uint32_t bin = 0; bin < k; ++bin) {
      if (Filled(bin)) continue;
      uint32_t source = bin;
      bool found = false;
      // The bin's probe sequence: the high bits of a 64-bit LCG (Knuth's MMIX
      // constants) started from a mix of the bin's index, one multiply-add a probe.
      uint64_t state = Mix64(kProbeSeed ^ bin);
      for (uint32_t attempt = 0; attempt < kMaxProbesPerBin && !found; ++attempt) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        source = Reduce(static_cast<uint32_t>(state >> 32), k);
        found = Filled(source);
      }
      while (!found) {
        source = static_cast<uint32_t>((source + 1) % k);
        found = Filled(source);
      }
      values_[bin] = values_[source];
    }
    return std::move(values_);
  }

 private:
  bool Filled(uint32_t bin) const { return (filled_[bin >> 6] >> (bin & 63)) & 1; }

  Signature values_;
  std::vector<uint64_t> filled_;  // one bit per bin: a shingle reached it
};

// Sorts hashes and drops repeats. Hashes are uniform, so one counting pass on
// their top bits puts each in a bucket of about one, and an insertion sort then
// moves each only within its bucket: linear time, where std::sort spends most of
// its time on mispredicted comparisons (about 9 of 15 microseconds for an
// article). Many repeats of a few shingles (a repeated line) crowd buckets; past a
// budget of moves the insertion sort gives way to std::sort.
void SortUnique(std::vector<uint64_t>& hashes) {
  const size_t n = hashes.size();
  if (n >= 64) {
    const int bits = std::bit_width(n) - 1;  // 2^bits buckets, at most n
    std::vector<uint32_t> next((size_t{1} << bits) + 1, 0);
    for (uint64_t h : hashes) ++next[(h >> (64 - bits)) + 1];
    for (size_t b = 1; b < next.size(); ++b) next[b] += next[b - 1];
    std::vector<uint64_t> bucketed(n);
    for (uint64_t h : hashes) bucketed[next[h >> (64 - bits)]++] = h;
    size_t budget = 8 * n;
    for (size_t i = 1; i < n && budget > 0; ++i) {
      const uint64_t h = bucketed[i];
      size_t j = i;
      for (; j > 0 && bucketed[j - 1] > h && budget > 0; --j, --budget) bucketed[j] = bucketed[j - 1];
      bucketed[j] = h;
    }
    hashes.swap(bucketed);
    if (budget == 0) std::sort(hashes.begin(), hashes.end());
  } else {
    std::sort(hashes.begin(), hashes.end());
  }
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
}

}  // namespace

std::vector<std::string_view> WordStems(const Article& article) {
  std::vector<std::string_view> words;
  for (const Sentence& s : article.sentences)
    for (const Token& t : s.tokens)
      if (t.is_word) words.push_back(article.StemOf(t));
  return words;
}

std::vector<uint64_t> Shingles(std::span<const std::string_view> words, const MinHashOptions& options) {
  std::vector<uint64_t> shingles;
  shingles.reserve(words.size());
  ForEachShingle(words, options.shingle_words, [&](uint64_t h) { shingles.push_back(h); });
  SortUnique(shingles);
  return shingles;
}

namespace {

size_t IntersectionSize(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

}  // namespace

double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0;
  const size_t common = IntersectionSize(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double Containment(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() || b.empty()) return 0;
  return static_cast<double>(IntersectionSize(a, b)) / static_cast<double>(std::min(a.size(), b.size()));
}

Signature Sign(std::span<const uint64_t> shingles, const MinHashOptions& options) {
  if (shingles.empty() || options.num_hashes == 0) return {};
  Signer signer(options.num_hashes);
  for (uint64_t h : shingles) signer.Add(h);
  return std::move(signer).Finish();
}

Signature SignWords(std::span<const std::string_view> words, const MinHashOptions& options) {
  if (words.empty() || options.num_hashes == 0) return {};
  Signer signer(options.num_hashes);
  ForEachShingle(words, options.shingle_words, [&](uint64_t h) { signer.Add(h); });
  return std::move(signer).Finish();
}

double EstimateJaccard(const Signature& a, const Signature& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

std::string SignatureToBytes(const Signature& signature) {
  std::string bytes(signature.size() * 4, '\0');
  for (size_t i = 0; i < signature.size(); ++i)
    for (size_t b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<char>((signature[i] >> (8 * b)) & 0xff);
  return bytes;
}

Result<Signature> SignatureFromBytes(std::string_view bytes, size_t num_hashes) {
  if (bytes.empty()) return Signature{};
  if (bytes.size() != 4 * num_hashes) {
    return Status(StatusCode::kDataLoss,
                  "MinHash signature of " + std::to_string(bytes.size()) + " bytes; " +
                      std::to_string(num_hashes) + " values need " + std::to_string(4 * num_hashes) +
                      " (a blob cut short, or signatures made with another num_hashes: recompute them)");
  }
  Signature signature(num_hashes);
  for (size_t i = 0; i < num_hashes; ++i) {
    uint32_t v = 0;
    for (size_t b = 0; b < 4; ++b) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[4 * i + b])) << (8 * b);
    signature[i] = v;
  }
  return signature;
}

}  // namespace crosscheck::relate
