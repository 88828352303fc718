// OffsetMap: from a byte offset in cleaned text back to the byte offset in the
// original input it came from.
//
//   const crosscheck::Article& a = ...;
//   crosscheck::Span s = a.sentences[0].span;          // offsets into a.text
//   crosscheck::Span o = a.offsets.ToOriginal(s);      // offsets into a.raw
//   std::string_view original = std::string_view(a.raw).substr(o.begin, o.size());
//
// Cleaning replaces, inserts and deletes bytes (curly quotes become straight, glued
// words get a space, captions are dropped). The map records each piece of clean text
// either as a verbatim copy of an original range or as a replacement of one; a span
// of clean text therefore always maps to the smallest original range that produced
// it. Offsets past the end map to the end of the original.
#ifndef CROSSCHECK_OFFSET_MAP_H_
#define CROSSCHECK_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crosscheck {

// A half-open byte range [begin, end).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

class OffsetMap {
 public:
  // One piece of clean text starting at `clean`, produced from original[orig_begin,
  // orig_end). A copy has equal lengths on both sides and maps byte for byte.
  struct Piece {
    uint32_t clean = 0;
    uint32_t orig_begin = 0;
    uint32_t orig_end = 0;
    bool copy = true;
  };

  OffsetMap() = default;
  // A map for text that is a verbatim copy of an original of `size` bytes.
  static OffsetMap Identity(uint32_t size);

  // Where the byte at clean offset `pos` came from (as the start of a span).
  uint32_t Start(uint32_t pos) const;
  // Where a span of clean text ending at `pos` ends in the original.
  uint32_t End(uint32_t pos) const;
  Span ToOriginal(Span clean) const { return {Start(clean.begin), End(clean.end)}; }

  // Length of the clean text the map covers.
  uint32_t clean_size() const { return clean_size_; }
  const std::vector<Piece>& pieces() const { return pieces_; }

  // Building (used by the cleaning stages): pieces must come in clean order.
  void AddCopy(uint32_t orig_begin, uint32_t length);
  void AddReplacement(uint32_t orig_begin, uint32_t orig_end, uint32_t clean_length);

 private:
  // Index of the piece holding clean offset `pos` (the last piece starting at or
  // before it); pieces_ must not be empty.
  size_t PieceAt(uint32_t pos) const;

  std::vector<Piece> pieces_;
  uint32_t clean_size_ = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_OFFSET_MAP_H_
