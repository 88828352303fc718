// LshIndex: the articles whose MinHash signatures are close to a query's, without
// comparing the query with every article.
//
//   relate::LshIndex index(relate::LshOptions{});          // tuned for Jaccard >= 0.8
//   index.Reserve(expected_articles);                      // optional: no regrowth
//   Status s = index.Insert(article_id, signature);       // kInvalidInput: wrong size
//   for (const relate::LshMatch& m : index.Query(signature, 0.8))
//     ...;                                                 // m.id, m.estimate
//
// Banding: the K values of a signature are cut into b bands of r consecutive
// values; two articles are candidates when all r values of at least one band are
// equal. A pair of Jaccard similarity s agrees on one band with probability s^r,
// so it becomes a candidate with probability P(s) = 1 - (1 - s^r)^b, an S-shaped
// curve. ChooseBanding takes the largest r (the steepest curve, so the fewest
// unrelated candidates) for which b = floor(K/r) bands still give P(threshold) >=
// min_recall. For K = 128, threshold 0.8, recall 0.99:
//   r = 8, b = 16: 0.8^8 = 0.168, 1 - (1 - 0.168)^16 = 0.947   too few
//   r = 7, b = 18: 0.8^7 = 0.210, 1 - (1 - 0.210)^18 = 0.986   too few
//   r = 6, b = 21: 0.8^6 = 0.262, 1 - (1 - 0.262)^21 = 0.998   chosen (126 of 128 values)
// and then P(0.9) = 1 - 1e-7, P(0.7) = 0.93, P(0.5) = 0.28, P(0.3) = 0.015,
// P(0.1) = 2e-5: pairs well below the threshold are rarely candidates.
//
// A band's key is XXH3 of its r values, seeded with the band's index. The index
// is one flat open-addressing table (linear probing) of 8-byte entries: the high 32
// bits of the key, which also place the entry, and the article's position in the
// index. Two different band keys share 32 bits with probability 2^-32 per stored
// key, so a query at 100,000 articles meets a spurious candidate about once in 100
// queries; Query's estimate removes it, Candidates may return it. Exact copies
// share every key, and their entries form one run of the table: inserting the n-th
// copy of a text scans the n - 1 before it.
//
// The index keeps a copy of each signature (4K bytes: 512 for K = 128) so that
// Query can verify candidates by their estimated Jaccard in memory, at a few
// nanoseconds each, rather than by a callback into the store (a database read per
// candidate) or by handing unverified candidates on. For K = 128 an article costs
// 512 bytes of signature, 4 of id and 21 entries of 8 bytes at a table load
// between 3/8 and 3/4 (224 to 448 bytes): 852 bytes per article at 100,000 after
// Reserve, 1,012 when grown by inserts alone (the signatures' vector doubles);
// MemoryBytes() tells, bench/minhash_bench.cc measures it. Within the corpus
// mode's 2 KB, of which the signature copy is most.
//
// Not thread-safe for writes; const calls may run concurrently.
#ifndef CROSSCHECK_RELATE_LSH_INDEX_H_
#define CROSSCHECK_RELATE_LSH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crosscheck/status.h"
#include "relate/minhash.h"

namespace crosscheck::relate {

struct LshOptions {
  // Values per signature (MinHashOptions::num_hashes). Signatures of another size
  // are refused.
  size_t num_hashes = 128;
  // The Jaccard similarity the bands are tuned for: pairs at or above it become
  // candidates with probability at least min_recall. A lower threshold means
  // shorter bands, hence more candidates (unrelated pairs to verify) per query.
  double threshold = 0.8;
  // The probability that a pair exactly at `threshold` is a candidate. Higher
  // asks for shorter bands or more of them, with the same cost as a lower
  // threshold.
  double min_recall = 0.99;
};

struct Banding {
  size_t bands = 0;  // b
  size_t rows = 0;   // r, values per band; b * r <= K
  friend bool operator==(const Banding&, const Banding&) = default;
};

// The largest r for which floor(K / r) bands reach `min_recall` at `threshold`
// (r = 1 and b = K when none does). {21, 6} for the defaults.
Banding ChooseBanding(double threshold, double min_recall, size_t num_hashes);

// 1 - (1 - s^r)^b: the probability that a pair of Jaccard similarity `jaccard`
// shares at least one band.
double CandidateProbability(double jaccard, const Banding& banding);

// An article found by Query, with its estimated Jaccard similarity to the query.
struct LshMatch {
  uint32_t id = 0;
  double estimate = 0;
  friend bool operator==(const LshMatch&, const LshMatch&) = default;
};

class LshIndex {
 public:
  explicit LshIndex(const LshOptions& options = {});

  // Indexes `signature` under `id` (the caller's, e.g. the store's article id).
  // Fails with kInvalidInput, indexing nothing, when the signature does not have
  // num_hashes values (an empty one: a text without words, which has nothing to
  // match). Inserting an id twice keeps both entries; Candidates and Query report
  // the id once.
  Status Insert(uint32_t id, const Signature& signature);

  // Removes what Insert(id, signature) added; false when it is not there. The
  // signature finds the entries without a map from ids (4 more bytes per article).
  bool Remove(uint32_t id, const Signature& signature);

  // The ids sharing at least one band with `signature`, sorted, each once; may hold
  // a rare spurious id (see above). Empty for a signature of the wrong size.
  std::vector<uint32_t> Candidates(const Signature& signature) const;

  // The candidates whose estimated Jaccard similarity to `signature` is at least
  // `min_estimate`, best first (ties by id). The estimate's standard deviation is
  // about sqrt(J(1-J)/K): a pair exactly at the threshold passes min_estimate =
  // threshold half the time, so ask lower (0.8 - 2 * 0.035 = 0.73 for K = 128) and
  // verify exactly when recall at the threshold matters.
  std::vector<LshMatch> Query(const Signature& signature, double min_estimate) const;

  // Makes room for `articles` signatures, so that inserting them does not regrow
  // (and the memory is what the final size needs, not a doubling's slack).
  void Reserve(size_t articles);

  size_t size() const { return live_; }
  const Banding& banding() const { return banding_; }
  // Bytes held: the table, the signatures and their ids, as allocated.
  size_t MemoryBytes() const;

 private:
  struct Entry {
    uint32_t tag = 0;   // high 32 bits of the band key, never 0; 0 marks a free entry
    uint32_t item = 0;  // index into ids_ (and signatures_ / K)
  };

  void BandTags(const Signature& signature, std::vector<uint32_t>& tags) const;
  void Place(Entry entry);
  void Grow(size_t min_entries);
  // Positions into ids_ of the items sharing a band with `signature`, sorted, unique.
  std::vector<uint32_t> CandidateItems(const Signature& signature) const;

  size_t num_hashes_;
  Banding banding_;
  std::vector<Entry> table_;       // size a power of two, at most 3/4 full
  size_t mask_ = 0;
  size_t used_entries_ = 0;
  std::vector<uint32_t> ids_;         // by item
  std::vector<uint32_t> signatures_;  // K values by item
  std::vector<uint32_t> free_items_;  // items left by Remove, reused by Insert
  size_t live_ = 0;
};

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_LSH_INDEX_H_
