#include "crosscheck/offset_map.h"

#include <algorithm>

namespace crosscheck {

OffsetMap OffsetMap::Identity(uint32_t size) {
  OffsetMap map;
  map.AddCopy(0, size);
  return map;
}

void OffsetMap::AddCopy(uint32_t orig_begin, uint32_t length) {
  if (length == 0) return;
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    // Extend the previous copy when both sides continue where it stopped.
    if (last.copy && last.orig_end == orig_begin &&
        last.clean + (last.orig_end - last.orig_begin) == clean_size_) {
      last.orig_end += length;
      clean_size_ += length;
      return;
    }
  }
  pieces_.push_back({clean_size_, orig_begin, orig_begin + length, true});
  clean_size_ += length;
}

void OffsetMap::AddReplacement(uint32_t orig_begin, uint32_t orig_end, uint32_t clean_length) {
  if (clean_length == 0) return;  // a deletion leaves no clean bytes to map
  pieces_.push_back({clean_size_, orig_begin, orig_end, false});
  clean_size_ += clean_length;
}

size_t OffsetMap::PieceAt(uint32_t pos) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                             [](uint32_t p, const Piece& piece) { return p < piece.clean; });
  return it == pieces_.begin() ? 0 : static_cast<size_t>(it - pieces_.begin()) - 1;
}

uint32_t OffsetMap::Start(uint32_t pos) const {
  if (pieces_.empty()) return 0;
  if (pos >= clean_size_) return pieces_.back().orig_end;
  const Piece& p = pieces_[PieceAt(pos)];
  return p.copy ? p.orig_begin + (pos - p.clean) : p.orig_begin;
}

uint32_t OffsetMap::End(uint32_t pos) const {
  if (pieces_.empty()) return 0;
  if (pos == 0) return pieces_.front().orig_begin;
  if (pos > clean_size_) pos = clean_size_;
  // The byte just before `pos` is the last one inside the span.
  const Piece& p = pieces_[PieceAt(pos - 1)];
  return p.copy ? p.orig_begin + (pos - p.clean) : p.orig_end;
}

}  // namespace crosscheck
