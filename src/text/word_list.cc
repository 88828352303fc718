#include "text/word_list.h"

#include <fstream>

#include <xxhash.h>

#include "text/lexicon.h"

namespace crosscheck::text {
namespace {

constexpr size_t kMaxWordLength = 64;  // longer lines are not words

// ASCII lowercase into `buf`; false when the word is too long to be one.
bool FoldInto(std::string_view word, char* buf) {
  if (word.size() > kMaxWordLength) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return true;
}

bool HasUpper(std::string_view word) {
  for (char c : word)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

}  // namespace

std::vector<WordList::File> WordList::DefaultFiles() {
  return {{"/usr/share/dict/american-english-small", 1}, {"/usr/share/dict/british-english-small", 1},
          {"/usr/share/dict/american-english", 2},       {"/usr/share/dict/british-english", 2},
          {"/usr/share/dict/american-english-large", 3}, {"/usr/share/dict/british-english-large", 3}};
}

uint64_t WordList::Hash(std::string_view lower) {
  return XXH3_64bits(lower.data(), lower.size());
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
  char buf[kMaxWordLength];
  if (word.empty() || !FoldInto(word, buf)) return;
  std::string_view key(buf, word.size());
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  size_t mask = slots_.size() - 1;
  size_t i = Hash(key) & mask;
  bool upper = HasUpper(word);
  while (slots_[i].length != 0) {
    Slot& s = slots_[i];
    if (std::string_view(arena_).substr(s.offset, s.length) == key) {
      if (tier < s.entry.tier) s.entry.tier = tier;
      (upper ? s.entry.capitalized : s.entry.lowercase) = true;
      return;
    }
    i = (i + 1) & mask;
  }
  Slot& s = slots_[i];
  s.offset = static_cast<uint32_t>(arena_.size());
  s.length = static_cast<uint16_t>(key.size());
  s.entry.tier = tier;
  s.entry.lowercase = !upper;
  s.entry.capitalized = upper;
  arena_.append(key);
  ++count_;
}

const WordList::Entry* WordList::Find(std::string_view word) const {
  char buf[kMaxWordLength];
  if (slots_.empty() || word.empty() || !FoldInto(word, buf)) return nullptr;
  std::string_view key(buf, word.size());
  size_t mask = slots_.size() - 1;
  size_t i = Hash(key) & mask;
  while (slots_[i].length != 0) {
    const Slot& s = slots_[i];
    if (s.length == key.size() && std::string_view(arena_).substr(s.offset, s.length) == key)
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
