// TermTable: document frequencies by term key, in one flat array (open
// addressing, linear probing), with the increments since the last TakeDeltas()
// beside each count, so that a store can persist only what changed.
//
// The keys are hashes already, so one multiply spreads them; a count of 0 marks an
// empty slot, so a key is present exactly while its count is positive. 12 bytes a
// slot, at most 70% full: about 17 bytes a term (std::unordered_map takes about
// 40 and two or three cache lines a lookup, where this takes one).
#ifndef CROSSCHECK_RELATE_TERM_TABLE_H_
#define CROSSCHECK_RELATE_TERM_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace crosscheck::relate {

class TermTable {
 public:
  // The count of `key`; 0 when absent.
  uint32_t Get(uint32_t key) const {
    if (slots_.empty()) return 0;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.count == 0) return 0;
      if (s.key == key) return s.count;
    }
  }

  // Adds `n` (> 0) to the count of `key`, and to its increment since the last
  // TakeDeltas() when `delta`; returns the new count.
  uint32_t Add(uint32_t key, uint32_t n = 1, bool delta = true) {
    if (10 * (size_ + 1) > 7 * slots_.size()) Grow();
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s.key = key;
        ++size_;
      } else if (s.key != key) {
        continue;
      }
      s.count += n;
      if (delta) {
        if (s.delta == 0) changed_.push_back(key);
        s.delta += n;
      }
      return s.count;
    }
  }

  // Hints the memory system that `key` will be looked up soon.
  void Prefetch(uint32_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }

  // The (key, increment) of every key incremented since the last call, sorted by
  // key; the increments start again from 0.
  std::vector<std::pair<uint32_t, uint32_t>> TakeDeltas() {
    SortKeys(changed_);
    std::vector<std::pair<uint32_t, uint32_t>> out;
    out.reserve(changed_.size());
    for (uint32_t key : changed_) {
      Slot& s = slots_[Find(key)];
      out.emplace_back(key, s.delta);
      s.delta = 0;
    }
    changed_.clear();
    return out;
  }

  size_t size() const { return size_; }
  size_t bytes() const { return slots_.capacity() * sizeof(Slot) + changed_.capacity() * sizeof(uint32_t); }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t count = 0;
    uint32_t delta = 0;
  };

  size_t Home(uint32_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  // Sorts keys by two passes of a 16-bit radix sort: a transaction's changes are
  // tens of thousands of keys, which std::sort takes several times longer over.
  static void SortKeys(std::vector<uint32_t>& keys) {
    if (keys.size() < 256) {
      std::sort(keys.begin(), keys.end());
      return;
    }
    std::vector<uint32_t> buffer(keys.size());
    std::vector<uint32_t> count(1 << 16);
    for (unsigned shift : {0u, 16u}) {
      std::fill(count.begin(), count.end(), 0);
      for (uint32_t k : keys) ++count[(k >> shift) & 0xFFFF];
      uint32_t sum = 0;
      for (uint32_t& c : count) sum += std::exchange(c, sum);
      for (uint32_t k : keys) buffer[count[(k >> shift) & 0xFFFF]++] = k;
      keys.swap(buffer);
    }
  }

  // The slot of a present key.
  size_t Find(uint32_t key) const {
    size_t i = Home(key);
    while (slots_[i].key != key || slots_[i].count == 0) i = (i + 1) & mask_;
    return i;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t capacity = old.empty() ? 1024 : 2 * old.size();
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    for (const Slot& s : old) {
      if (s.count == 0) continue;
      size_t i = Home(s.key);
      while (slots_[i].count != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> changed_;  // keys whose delta is positive
  size_t size_ = 0;
  size_t mask_ = 0;
  unsigned shift_ = 64;
};

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_TERM_TABLE_H_
