// MappedText: text plus the map back to the original bytes it was made from.
//
// Every cleaning stage reads one MappedText and writes another. Instead of keeping
// one map per stage and composing them at the end, the builder composes as it goes:
// AppendCopy() carries over the source's own map for the copied range, and
// AppendReplacement() maps new bytes to the original range behind the replaced
// source range. The result always maps straight to the raw input.
#ifndef CROSSCHECK_TEXT_MAPPED_TEXT_H_
#define CROSSCHECK_TEXT_MAPPED_TEXT_H_

#include <string>
#include <string_view>

#include "crosscheck/offset_map.h"

namespace crosscheck::text {

class MappedText {
 public:
  MappedText() = default;
  // `text` is itself the original: the identity map.
  static MappedText Original(std::string text);

  const std::string& text() const { return text_; }
  const OffsetMap& map() const { return map_; }
  size_t size() const { return text_.size(); }
  std::string_view view(size_t begin, size_t end) const {
    return std::string_view(text_).substr(begin, end - begin);
  }

  // Appends src.text()[begin, end) with its mapping.
  void AppendCopy(const MappedText& src, size_t begin, size_t end);
  // Appends `replacement` standing for src.text()[begin, end); begin == end is an
  // insertion at that point.
  void AppendReplacement(const MappedText& src, size_t begin, size_t end,
                         std::string_view replacement);
  // Appends bytes that stand for the original range [orig_begin, orig_end) directly.
  void AppendFromOriginal(uint32_t orig_begin, uint32_t orig_end, std::string_view bytes,
                          bool verbatim);

  void Reserve(size_t n) { text_.reserve(n); }
  // Hands the pieces over (the MappedText is left empty).
  std::string TakeText() { return std::move(text_); }
  OffsetMap TakeMap() { return std::move(map_); }

 private:
  std::string text_;
  OffsetMap map_;
};

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_MAPPED_TEXT_H_
