// A generated news stream for tests of corpus mode: many articles of a few
// made-up stories, as JSONL files.
#ifndef CROSSCHECK_TOOLS_STREAM_SUPPORT_H_
#define CROSSCHECK_TOOLS_STREAM_SUPPORT_H_

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace crosscheck::testing_support {

// A generated stream: `stories` stories of made-up names and words, each article
// a fresh mix of its story's vocabulary and common words, one JSON line each, in
// `files` JSONL files; one article in ten a light copy of an earlier one of its story.
struct Stream {
  std::vector<std::string> files;
  size_t articles = 0;
};

inline Stream MakeStream(const std::filesystem::path& dir, size_t articles, size_t stories, size_t files, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> common = {
      "officials", "said",   "on",    "the",      "council", "would", "meet",  "again", "after",    "a",
      "report",    "that",   "was",   "released", "by",      "their", "team",  "and",   "residents", "were",
      "told",      "to",     "wait",  "for",      "news",    "while", "work",  "went",  "on",       "in",
      "town",      "during", "week",  "of",       "talks",   "with",  "local", "staff", "who",      "had"};
  auto syllable = [&] {
    static const char* kParts[] = {"ka", "ro", "mi", "len", "dor", "sa", "vel", "tor", "ni", "bru", "el", "fa"};
    return std::string(kParts[rng() % 12]);
  };
  auto name = [&] {
    std::string n = syllable() + syllable() + syllable();
    n[0] = static_cast<char>(n[0] - 'a' + 'A');
    return n;
  };
  std::vector<std::vector<std::string>> vocab(stories);
  for (auto& v : vocab)
    for (int i = 0; i < 24; ++i) v.push_back(i < 6 ? name() : syllable() + syllable() + "ing");
  std::vector<std::vector<std::string>> texts(stories);
  std::vector<std::ofstream> out;
  Stream s;
  for (size_t f = 0; f < files; ++f) {
    s.files.push_back((dir / ("part" + std::to_string(f) + ".jsonl")).string());
    out.emplace_back(s.files.back());
  }
  for (size_t i = 0; i < articles; ++i) {
    const size_t story = std::min<size_t>(stories - 1, static_cast<size_t>(std::pow(rng() % 1000 / 1000.0, 2) * stories));
    std::string text;
    if (!texts[story].empty() && rng() % 10 == 0) {
      text = texts[story][rng() % texts[story].size()] + "\n\nThe report was updated on Friday.";
    } else {
      for (int p = 0; p < 6; ++p) {
        if (p) text += "\n\n";
        for (int w = 0; w < 40; ++w) {
          const std::vector<std::string>& pool = w % 3 == 0 ? vocab[story] : common;
          std::string word = pool[rng() % pool.size()];
          if (w == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
          if (w) text += ' ';
          text += word;
          if (w % 13 == 12) text += ".";
        }
        text += ' ';
        text += std::to_string(rng() % 100000);
        text += " people.";
      }
    }
    texts[story].push_back(text);
    nlohmann::json j = {{"id", "g" + std::to_string(i)},
                        {"title", vocab[story][0] + " " + vocab[story][7] + " report " + std::to_string(i)},
                        {"outlet", "Outlet " + std::to_string(rng() % 7)},
                        {"published", "2025-03-" + std::to_string(10 + story % 9)},
                        {"text", text}};
    out[i % files] << j.dump() << "\n";
  }
  s.articles = articles;
  return s;
}

}  // namespace crosscheck::testing_support

#endif  // CROSSCHECK_TOOLS_STREAM_SUPPORT_H_
