#include "text/word_list.h"

#include <fstream>

#include "text/ascii.h"
#include "text/lexicon.h"

namespace crosscheck::text {
namespace {

constexpr size_t kMaxWordLength = 64;  // longer lines are not words


bool HasUpper(std::string_view word) {
  for (char c : word)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

// `folded` (lowercase) equals `word` with its ASCII letters lowercased.
bool EqualsFolded(std::string_view folded, std::string_view word) {
  if (folded.size() != word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (folded[i] != AsciiLower(word[i])) return false;
  return true;
}

}  // namespace

std::vector<WordList::File> WordList::DefaultFiles() {
  return {{"/usr/share/dict/american-english-small", 1}, {"/usr/share/dict/british-english-small", 1},
          {"/usr/share/dict/american-english", 2},       {"/usr/share/dict/british-english", 2},
          {"/usr/share/dict/american-english-large", 3}, {"/usr/share/dict/british-english-large", 3}};
}

// FNV-1a over the case-folded bytes: words are short, and folding while hashing
// saves a copy.
uint64_t WordList::Hash(std::string_view word) {
  uint64_t h = 1469598103934665603ull;
  for (char c : word) h = (h ^ static_cast<unsigned char>(AsciiLower(c))) * 1099511628211ull;
  return h ^ (h >> 29);
}

void WordList::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = Hash(std::string_view(arena_).substr(s.offset, s.length)) & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordList::Add(std::string_view word, uint8_t tier) {
  if (word.empty() || word.size() > kMaxWordLength) return;
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  size_t mask = slots_.size() - 1;
  size_t i = Hash(word) & mask;
  bool upper = HasUpper(word);
  while (slots_[i].length != 0) {
    Slot& s = slots_[i];
    if (EqualsFolded(std::string_view(arena_).substr(s.offset, s.length), word)) {
      uint8_t& form_tier = upper ? s.entry.capitalized_tier : s.entry.lowercase_tier;
      if (form_tier == 0 || tier < form_tier) form_tier = tier;
      return;
    }
    i = (i + 1) & mask;
  }
  Slot& s = slots_[i];
  s.offset = static_cast<uint32_t>(arena_.size());
  s.length = static_cast<uint16_t>(word.size());
  s.entry.capitalized_tier = upper ? tier : 0;
  s.entry.lowercase_tier = upper ? 0 : tier;
  for (char c : word) arena_ += AsciiLower(c);
  ++count_;
}

const WordList::Entry* WordList::Find(std::string_view word) const {
  if (slots_.empty() || word.empty() || word.size() > kMaxWordLength) return nullptr;
  size_t mask = slots_.size() - 1;
  size_t i = Hash(word) & mask;
  while (slots_[i].length != 0) {
    const Slot& s = slots_[i];
    if (s.length == word.size() && EqualsFolded(std::string_view(arena_).substr(s.offset, s.length), word))
      return &s.entry;
    i = (i + 1) & mask;
  }
  return nullptr;
}

Result<WordList> WordList::Load(const std::vector<File>& files) {
  WordList list;
  for (const File& file : files) {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
      return Status(StatusCode::kNotFound,
                    "word list cannot be read; install the Debian packages wamerican-small, "
                    "wamerican, wamerican-large, wbritish-small, wbritish and wbritish-large, "
                    "or turn glued-word repair off (--no-glue-repair)",
                    file.path);
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      list.Add(line, static_cast<uint8_t>(file.tier));
    }
  }
  return list;
}

Result<WordList> WordList::Load(const std::vector<std::string>& paths) {
  if (paths.empty()) return Load(DefaultFiles());
  std::vector<File> files;
  for (size_t i = 0; i < paths.size(); ++i) files.push_back({paths[i], static_cast<int>(i + 1)});
  return Load(files);
}

WordList WordList::FromWords(const std::vector<std::pair<std::string, int>>& words) {
  WordList list;
  for (const auto& [w, tier] : words) list.Add(w, static_cast<uint8_t>(tier));
  return list;
}

}  // namespace crosscheck::text
