#include "relate/lsh_index.h"

// XXH3 inlined from the Debian header: band keys hash 24 bytes, where a call into
// the shared library costs as much as the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cmath>

namespace crosscheck::relate {
namespace {

// Band b's key is XXH3 seeded with kBandSeed + b, so that equal values in
// different bands make different keys. Keys live only in memory (the index is
// rebuilt from stored signatures), so hashing the values' native bytes is fine.
constexpr uint64_t kBandSeed = 0x6c73'685f'6261'6e64ull;  // "lsh_band"
constexpr size_t kMinTableEntries = 1024;

}  // namespace

Banding ChooseBanding(double threshold, double min_recall, size_t num_hashes) {
  for (size_t rows = num_hashes; rows > 1; --rows) {
    Banding banding{num_hashes / rows, rows};
    if (CandidateProbability(threshold, banding) >= min_recall) return banding;
  }
  return Banding{num_hashes, num_hashes == 0 ? 0 : size_t{1}};
}

double CandidateProbability(double jaccard, const Banding& banding) {
  return 1 - std::pow(1 - std::pow(jaccard, static_cast<double>(banding.rows)), static_cast<double>(banding.bands));
}

LshIndex::LshIndex(const LshOptions& options)
    : num_hashes_(options.num_hashes),
      banding_(ChooseBanding(options.threshold, options.min_recall, options.num_hashes)) {}

void LshIndex::BandTags(const Signature& signature, std::vector<uint32_t>& tags) const {
  tags.resize(banding_.bands);
  for (size_t b = 0; b < banding_.bands; ++b) {
    const uint64_t key =
        XXH3_64bits_withSeed(signature.data() + b * banding_.rows, banding_.rows * sizeof(uint32_t), kBandSeed + b);
    const auto tag = static_cast<uint32_t>(key >> 32);
    tags[b] = tag == 0 ? 1 : tag;
  }
}

void LshIndex::Place(Entry entry) {
  size_t i = entry.tag & mask_;
  while (table_[i].tag != 0) i = (i + 1) & mask_;
  table_[i] = entry;
  ++used_entries_;
}

void LshIndex::Grow(size_t min_entries) {
  size_t capacity = std::max(kMinTableEntries, table_.size());
  while (min_entries > capacity / 4 * 3) capacity *= 2;
  if (capacity == table_.size()) return;
  std::vector<Entry> old(capacity);
  old.swap(table_);
  mask_ = capacity - 1;
  used_entries_ = 0;
  for (const Entry& e : old)
    if (e.tag != 0) Place(e);
}

void LshIndex::Reserve(size_t articles) {
  Grow(articles * banding_.bands);
  ids_.reserve(articles);
  signatures_.reserve(articles * num_hashes_);
}

Status LshIndex::Insert(uint32_t id, const Signature& signature) {
  if (signature.size() != num_hashes_) {
    return Status(StatusCode::kInvalidInput,
                  "signature of " + std::to_string(signature.size()) + " values for an LSH index of " +
                      std::to_string(num_hashes_) +
                      (signature.empty() ? " (a text without words: there is nothing to index)"
                                         : " (made with another MinHashOptions::num_hashes)"),
                  "article " + std::to_string(id));
  }
  if (used_entries_ + banding_.bands > table_.size() / 4 * 3) Grow(used_entries_ + banding_.bands);
  uint32_t item;
  if (!free_items_.empty()) {
    item = free_items_.back();
    free_items_.pop_back();
    ids_[item] = id;
    std::copy(signature.begin(), signature.end(), signatures_.begin() + static_cast<ptrdiff_t>(item * num_hashes_));
  } else {
    item = static_cast<uint32_t>(ids_.size());
    ids_.push_back(id);
    signatures_.insert(signatures_.end(), signature.begin(), signature.end());
  }
  std::vector<uint32_t> tags;
  BandTags(signature, tags);
  for (uint32_t tag : tags) Place(Entry{tag, item});
  ++live_;
  return Status::Ok();
}

bool LshIndex::Remove(uint32_t id, const Signature& signature) {
  if (signature.size() != num_hashes_ || table_.empty() || banding_.bands == 0) return false;
  std::vector<uint32_t> tags;
  BandTags(signature, tags);
  // The item: an entry of the first band's run whose id and stored signature match.
  const uint32_t* const stored = signatures_.data();
  auto matches = [&](uint32_t item) {
    return ids_[item] == id && std::equal(signature.begin(), signature.end(), stored + item * num_hashes_);
  };
  size_t i = tags[0] & mask_;
  while (table_[i].tag != 0 && !(table_[i].tag == tags[0] && matches(table_[i].item))) i = (i + 1) & mask_;
  if (table_[i].tag == 0) return false;
  const uint32_t item = table_[i].item;
  for (uint32_t tag : tags) {
    size_t hole = tag & mask_;
    while (!(table_[hole].tag == tag && table_[hole].item == item)) hole = (hole + 1) & mask_;
    // Backward-shift deletion: move up every later entry of the run that may sit
    // in the hole (its home is at or before the hole), so that no lookup stops
    // early at a free entry.
    for (size_t j = (hole + 1) & mask_; table_[j].tag != 0; j = (j + 1) & mask_) {
      const size_t home = table_[j].tag & mask_;
      if (((j - home) & mask_) >= ((j - hole) & mask_)) {
        table_[hole] = table_[j];
        hole = j;
      }
    }
    table_[hole] = Entry{};
    --used_entries_;
  }
  free_items_.push_back(item);
  --live_;
  return true;
}

std::vector<uint32_t> LshIndex::CandidateItems(const Signature& signature) const {
  std::vector<uint32_t> items;
  if (signature.size() != num_hashes_ || table_.empty()) return items;
  std::vector<uint32_t> tags;
  BandTags(signature, tags);
  // The bands' entries are in unrelated places of a table far larger than the
  // cache: ask for all of them before reading any.
  for (uint32_t tag : tags) __builtin_prefetch(&table_[tag & mask_]);
  for (uint32_t tag : tags) {
    for (size_t i = tag & mask_; table_[i].tag != 0; i = (i + 1) & mask_)
      if (table_[i].tag == tag) items.push_back(table_[i].item);
  }
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

std::vector<uint32_t> LshIndex::Candidates(const Signature& signature) const {
  std::vector<uint32_t> ids;
  for (uint32_t item : CandidateItems(signature)) ids.push_back(ids_[item]);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<LshMatch> LshIndex::Query(const Signature& signature, double min_estimate) const {
  std::vector<LshMatch> matches;
  for (uint32_t item : CandidateItems(signature)) {
    const uint32_t* stored = signatures_.data() + static_cast<size_t>(item) * num_hashes_;
    size_t equal = 0;
    for (size_t i = 0; i < num_hashes_; ++i) equal += stored[i] == signature[i];
    const double estimate = static_cast<double>(equal) / static_cast<double>(num_hashes_);
    if (estimate >= min_estimate) matches.push_back(LshMatch{ids_[item], estimate});
  }
  // Best first; an id inserted twice keeps its best estimate.
  std::sort(matches.begin(), matches.end(), [](const LshMatch& a, const LshMatch& b) {
    return a.id != b.id ? a.id < b.id : a.estimate > b.estimate;
  });
  matches.erase(std::unique(matches.begin(), matches.end(),
                            [](const LshMatch& a, const LshMatch& b) { return a.id == b.id; }),
                matches.end());
  std::sort(matches.begin(), matches.end(), [](const LshMatch& a, const LshMatch& b) {
    return a.estimate != b.estimate ? a.estimate > b.estimate : a.id < b.id;
  });
  return matches;
}

size_t LshIndex::MemoryBytes() const {
  return sizeof(*this) + table_.capacity() * sizeof(Entry) +
         (ids_.capacity() + signatures_.capacity() + free_items_.capacity()) * sizeof(uint32_t);
}

}  // namespace crosscheck::relate
