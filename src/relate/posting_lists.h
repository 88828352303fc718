// PostingLists: the stories indexed under each term key, for StoryClusterer's
// candidate search. A flat open-addressing table (linear probing, backward-shift
// deletion, so no tombstones) maps a key to one of a pool of lists; an emptied
// list goes back to the pool. A lookup touches the table's slot, the list's header
// and its ids: three cache lines where std::unordered_map of vectors takes four
// or five.
#ifndef CROSSCHECK_RELATE_POSTING_LISTS_H_
#define CROSSCHECK_RELATE_POSTING_LISTS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace crosscheck::relate {

class PostingLists {
 public:
  // The stories under `key`, in the order they were added; nullptr when none.
  const std::vector<uint32_t>* Find(uint32_t key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.list == 0) return nullptr;
      if (s.key == key) return &lists_[s.list - 1];
    }
  }

  void Add(uint32_t key, uint32_t story) {
    if (10 * (size_ + 1) > 7 * slots_.size()) Grow();
    size_t i = Home(key);
    for (; slots_[i].list != 0; i = (i + 1) & mask_)
      if (slots_[i].key == key) {
        lists_[slots_[i].list - 1].push_back(story);
        return;
      }
    uint32_t list;
    if (!free_.empty()) {
      list = free_.back();
      free_.pop_back();
    } else {
      lists_.emplace_back();
      list = static_cast<uint32_t>(lists_.size());
    }
    lists_[list - 1].push_back(story);
    slots_[i] = {key, list};
    ++size_;
  }

  // Removes `story` from the list of `key` (nothing when it is not there).
  void Remove(uint32_t key, uint32_t story) {
    if (slots_.empty()) return;
    size_t i = Home(key);
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].list == 0) return;
      if (slots_[i].key == key) break;
    }
    std::vector<uint32_t>& l = lists_[slots_[i].list - 1];
    l.erase(std::remove(l.begin(), l.end(), story), l.end());
    if (!l.empty()) return;
    l.shrink_to_fit();
    free_.push_back(slots_[i].list);
    // Backward-shift deletion: move up each following entry whose home is not
    // between the hole and itself, so every probe sequence stays unbroken.
    for (size_t j = (i + 1) & mask_; slots_[j].list != 0; j = (j + 1) & mask_) {
      const size_t home = Home(slots_[j].key);
      const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (stays) continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = Slot{};
    --size_;
  }

  void Prefetch(uint32_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint32_t key = 0;
    uint32_t list = 0;  // 1 + index into lists_; 0 marks an empty slot
  };

  size_t Home(uint32_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t capacity = old.empty() ? 1024 : 2 * old.size();
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    for (const Slot& s : old) {
      if (s.list == 0) continue;
      size_t i = Home(s.key);
      while (slots_[i].list != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::vector<uint32_t>> lists_;
  std::vector<uint32_t> free_;  // emptied lists, to reuse
  size_t size_ = 0;
  size_t mask_ = 0;
  unsigned shift_ = 64;
};

}  // namespace crosscheck::relate

#endif  // CROSSCHECK_RELATE_POSTING_LISTS_H_
