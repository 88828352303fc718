// Near-duplicates at corpus scale: shingle sets, exact Jaccard, MinHash signatures.
//
//   relate::MinHashOptions options;                         // 5-word shingles, 128 values
//   std::vector<std::string_view> words = relate::WordStems(article);
//   std::vector<uint64_t> shingles = relate::Shingles(words, options);
//   relate::Signature sig = relate::Sign(shingles, options);
//   double j = relate::EstimateJaccard(sig, other_sig);    // ~ ExactJaccard(shingles, other)
//   std::string blob = relate::SignatureToBytes(sig);       // for the store
//
// A text is the set of its k-word shingles (runs of k consecutive Snowball
// stems, k = 5 as FindNearDuplicates), each hashed to 64 bits with XXH3: first each
// word, then the k word hashes together. Two texts are near-duplicates when the
// Jaccard similarity |A n B| / |A u B| of their shingle sets is high.
//
// A signature is K 32-bit values, and the fraction of positions at which two
// signatures agree estimates the Jaccard similarity of their sets without bias, with
// the standard deviation of classic MinHash, about sqrt(J(1-J)/K) (0.035 at J = 0.8,
// K = 128), or less for sets not much larger than K (bins sample without
// replacement: 0.8 of that variance for article-sized sets in minhash_test).
//
// The scheme is one-permutation hashing with optimal densification (Li, Owen and
// Zhang 2012; Shrivastava 2017), chosen because it costs one pass over the shingles
// whatever K is: classic MinHash with K independent hash functions costs K
// multiplications per shingle (45,000 for a 350-word article), OPH one. Each shingle
// hash picks a bin from its high 32 bits (K bins, multiply-shift range reduction)
// and competes in that bin with its low 32 bits; a bin keeps the smallest value,
// which is a minimum under a random permutation restricted to the bin. A bin that no
// shingle reached borrows the value of the first non-empty bin along a probe
// sequence that depends only on the bin's index and a fixed seed, the same for every
// text; the agreement of two signatures at any bin then happens with
// probability exactly J (the first bin of the sequence that the union reaches holds
// a uniformly random element of the union), up to 32-bit collisions (2^-32).
// Borrowing costs about K/n probes per empty bin for n non-empty bins, each probe
// one step of a generator: nothing for an article (about 8 empty bins of 128 for
// 350 shingles), at worst about K^2 probes (16,000, some 25 microseconds,
// BM_MinHash/1shingle) for a one-shingle text.
//
// Signatures are stored, so they are deterministic: fixed seeds, and every hashed
// input laid out little-endian whatever the machine. Changing the seeds, the hashing
// or the binning invalidates stored signatures; kSignatureVersion names the scheme.
#ifndef CROSSCHECK_RELATE_MINHASH_H_
#define CROSSCHECK_RELATE_MINHASH_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/article.h"
#include "crosscheck/status.h"

namespace crosscheck::relate {

// The scheme that made a signature; a store records it beside the BLOBs and
// recomputes them when it differs.
constexpr uint32_t kSignatureVersion = 1;

struct MinHashOptions {
  // Words per shingle. Fewer (3, 4) also catch copies that were edited every few
  // words, but make unrelated texts share stock phrases ("said on Tuesday that
  // the"); more (7, 8) lose a pair to scattered edits, each edit removing k shingles.
  // 0 counts as 1.
  size_t shingle_words = 5;
  // Values per signature (K). The estimate's standard deviation falls as
  // 1/sqrt(K); each value costs 4 bytes per stored article and 4 bytes compared
  // per candidate, and the LSH index's bands are cut from these values.
  size_t num_hashes = 128;
};

// K values; the fraction of equal positions estimates Jaccard similarity. Empty
// for a text without words.
using Signature = std::vector<uint32_t>;

// The Snowball stems of the article's word tokens, in order (punctuation left
// out), as FindNearDuplicates reads them. They point into `article.stems`.
std::vector<std::string_view> WordStems(const Article& article);

// The sorted, unique XXH3 hashes of the k-word shingles of `words`. A text of
// fewer than k words (but at least one) is one shingle of all its words, so that
// short texts still have a signature; no words, no shingles.
std::vector<uint64_t> Shingles(std::span<const std::string_view> words, const MinHashOptions& options = {});

// |A n B| / |A u B| of two sorted unique sets; 0 when both are empty (nothing
// to call a copy).
double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// |A n B| / min(|A|, |B|) of two sorted unique sets: how much of the smaller one
// is in the larger (1 for a text and its truncation); 0 when either is empty.
double Containment(std::span<const uint64_t> a, std::span<const uint64_t> b);

// The signature of a set of shingle hashes, in any order; repeats do not matter.
// Empty for no shingles.
Signature Sign(std::span<const uint64_t> shingles, const MinHashOptions& options = {});

// Sign(Shingles(words)) without sorting the shingles: what an ingest needs.
Signature SignWords(std::span<const std::string_view> words, const MinHashOptions& options = {});

// The fraction of equal positions; 0 when the sizes differ or either is empty.
double EstimateJaccard(const Signature& a, const Signature& b);

// 4 bytes per value, little-endian: 512 bytes for K = 128; empty for an empty
// signature.
std::string SignatureToBytes(const Signature& signature);

// Reads SignatureToBytes' output back. `num_hashes` is the K the store was built
// with; the blob must hold exactly that many values (or nothing: the empty
// signature). Any other length fails with kDataLoss naming both lengths.
Result<Signature> SignatureFromBytes(std::string_view bytes, size_t num_hashes);

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_MINHASH_H_
