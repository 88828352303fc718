#include "eval/conll_reader.h"

#include <sstream>

namespace crosscheck::eval {
namespace {

// Closes the entity open at token `end` (if any) into `doc.gold`.
void CloseEntity(ConllDocument& doc, long& open_begin, std::string& open_type, size_t end) {
  if (open_begin >= 0) doc.gold.emplace_back(static_cast<size_t>(open_begin), end, open_type);
  open_begin = -1;
  open_type.clear();
}

}  // namespace

std::vector<ConllDocument> ReadConll(std::istream& in) {
  std::vector<ConllDocument> docs;
  long open_begin = -1;
  std::string open_type;
  bool new_sentence = true;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("-DOCSTART-", 0) == 0) {
      if (!docs.empty()) CloseEntity(docs.back(), open_begin, open_type, docs.back().tokens.size());
      docs.emplace_back();
      new_sentence = true;
      continue;
    }
    if (docs.empty()) docs.emplace_back();
    ConllDocument& doc = docs.back();
    if (line.empty()) {
      CloseEntity(doc, open_begin, open_type, doc.tokens.size());
      new_sentence = true;
      continue;
    }
    std::istringstream fields(line);
    std::string word, pos, chunk, tag;
    fields >> word >> pos >> chunk >> tag;
    if (word.empty() || tag.empty()) continue;
    if (!doc.text.empty()) doc.text += new_sentence ? "\n\n" : " ";
    new_sentence = false;
    size_t index = doc.tokens.size();
    uint32_t begin = static_cast<uint32_t>(doc.text.size());
    doc.text += word;
    doc.tokens.push_back({begin, static_cast<uint32_t>(doc.text.size())});
    // IOB1 or IOB2: "B-" always opens; "I-" continues an entity of the same type.
    std::string type = tag.size() > 2 ? tag.substr(2) : "";
    bool opens = tag[0] == 'B' || (tag[0] == 'I' && type != open_type);
    if (tag[0] == 'O' || opens) CloseEntity(doc, open_begin, open_type, index);
    if (opens) {
      open_begin = static_cast<long>(index);
      open_type = type;
    }
  }
  if (!docs.empty()) CloseEntity(docs.back(), open_begin, open_type, docs.back().tokens.size());
  return docs;
}

bool InHalf(size_t index, const std::string& half) {
  if (half == "tune") return index % 2 == 0;
  if (half == "held") return index % 2 == 1;
  return true;
}

}  // namespace crosscheck::eval
