#include "text/mapped_text.h"

#include <algorithm>

namespace crosscheck::text {

MappedText MappedText::Original(std::string text) {
  MappedText m;
  m.map_ = OffsetMap::Identity(static_cast<uint32_t>(text.size()));
  m.text_ = std::move(text);
  return m;
}

void MappedText::AppendCopy(const MappedText& src, size_t begin, size_t end) {
  if (end <= begin) return;
  text_.append(src.text_, begin, end - begin);
  const auto& pieces = src.map_.pieces();
  auto it = std::upper_bound(pieces.begin(), pieces.end(), static_cast<uint32_t>(begin),
                             [](uint32_t p, const OffsetMap::Piece& piece) {
                               return p < piece.clean;
                             });
  if (it != pieces.begin()) --it;
  for (; it != pieces.end() && it->clean < end; ++it) {
    size_t piece_end = (it + 1 == pieces.end()) ? src.size() : (it + 1)->clean;
    size_t b = std::max<size_t>(begin, it->clean);
    size_t e = std::min(end, piece_end);
    if (e <= b) continue;
    if (it->copy) {
      map_.AddCopy(it->orig_begin + static_cast<uint32_t>(b - it->clean),
                   static_cast<uint32_t>(e - b));
    } else {
      // Part of a replacement still stands for the whole replaced range.
      map_.AddReplacement(it->orig_begin, it->orig_end, static_cast<uint32_t>(e - b));
    }
  }
}

void MappedText::AppendReplacement(const MappedText& src, size_t begin, size_t end,
                                   std::string_view replacement) {
  if (replacement.empty()) return;
  uint32_t ob = src.map_.Start(static_cast<uint32_t>(begin));
  uint32_t oe = end > begin ? src.map_.End(static_cast<uint32_t>(end)) : ob;
  text_.append(replacement);
  map_.AddReplacement(ob, std::max(ob, oe), static_cast<uint32_t>(replacement.size()));
}

void MappedText::AppendFromOriginal(uint32_t orig_begin, uint32_t orig_end,
                                    std::string_view bytes, bool verbatim) {
  if (bytes.empty()) return;
  text_.append(bytes);
  if (verbatim) {
    map_.AddCopy(orig_begin, static_cast<uint32_t>(bytes.size()));
  } else {
    map_.AddReplacement(orig_begin, orig_end, static_cast<uint32_t>(bytes.size()));
  }
}

}  // namespace crosscheck::text
