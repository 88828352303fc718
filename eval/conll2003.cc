// Named entities on CoNLL-2003 (English dev split, "testa"): how well crosscheck's
// entity stage finds people, organizations and places.
//
//   build/eval/conll2003 [--half tune|held] [--layout] [path/to/shared/data/conll2003_en/dev.txt]
//
// --half splits the documents for tuning without fooling oneself: in file order,
// the 1st, 3rd, ... are "tune" and the 2nd, 4th, ... "held". Rules are tuned on
// one half and checked on the other.
//
// Each document (between -DOCSTART- lines) becomes one article: its tokens joined
// by spaces, one paragraph per CoNLL sentence, layout heuristics off (--layout:
// on, as `crosscheck extract` reads a plain text; the gold entities on lines it
// drops are counted by the reason it gives). Our entities
// of type person, organization and location are mapped to PER, ORG and LOC and
// scored like conlleval: a found entity is right when its first and last token
// and its type equal a gold entity's. MISC (gold) and our untyped names ("other")
// are left out of the score; their counts are printed.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/brief.h"
#include "eval/conll_reader.h"

namespace fs = std::filesystem;

namespace {

// The words of tokens [b, e) of `doc`, for error listings.
std::string Words(const crosscheck::eval::ConllDocument& doc, size_t b, size_t e) {
  std::string words;
  for (size_t k = b; k < e; ++k) {
    if (k > b) words += ' ';
    words.append(doc.text, doc.tokens[k].begin, doc.tokens[k].size());
  }
  return words;
}

struct Counts {
  double gold = 0, ours = 0, right = 0;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path path = fs::path(CROSSCHECK_SHARED_DIR) / "data/conll2003_en/dev.txt";
  std::string half;
  bool layout = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--layout") {
      layout = true;
    } else if (arg == "--half" && i + 1 < argc) {
      half = argv[++i];
      if (half != "tune" && half != "held") {
        std::fprintf(stderr, "conll2003: --half is tune or held\n");
        return 2;
      }
    } else {
      path = argv[i];
    }
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "conll2003: cannot read %s; pass the CoNLL-2003 dev.txt\n", path.c_str());
    return 1;
  }
  std::vector<crosscheck::eval::ConllDocument> docs = crosscheck::eval::ReadConll(in);
  crosscheck::BriefOptions options;
  options.extract.read_layout = layout;
  crosscheck::Result<crosscheck::Briefer> briefer = crosscheck::Briefer::Create(options);
  if (!briefer.ok()) {
    std::fprintf(stderr, "conll2003: %s\n", briefer.status().ToString().c_str());
    return 1;
  }
  static const std::map<std::string, std::string> kTypes = {
      {"person", "PER"}, {"organization", "ORG"}, {"location", "LOC"}};
  std::map<std::string, Counts> by_type;
  size_t misc = 0, other = 0, unaligned = 0, lost_documents = 0;
  std::map<std::string, size_t> lost_by_reason;  // gold entities on lines the layout stage dropped
  const bool show = std::getenv("CONLL_ERRORS") != nullptr;
  auto start = std::chrono::steady_clock::now();
  size_t scored = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (!crosscheck::eval::InHalf(d, half)) continue;
    const crosscheck::eval::ConllDocument& doc = docs[d];
    if (doc.tokens.empty()) continue;
    ++scored;
    std::map<uint32_t, size_t> first_token, last_token;  // byte -> token index
    for (size_t k = 0; k < doc.tokens.size(); ++k) {
      first_token[doc.tokens[k].begin] = k;
      last_token[doc.tokens[k].end] = k;
    }
    std::set<std::tuple<size_t, size_t, std::string>> gold;
    for (const auto& g : doc.gold) {
      if (std::get<2>(g) == "MISC") {
        ++misc;
        continue;
      }
      gold.insert(g);
      by_type[std::get<2>(g)].gold += 1;
    }
    crosscheck::Result<crosscheck::Article> a =
        briefer->extractor().Extract(doc.text, "conll-dev-" + std::to_string(d));
    if (!a.ok()) {
      if (!layout) std::fprintf(stderr, "conll2003: document %zu: %s\n", d, a.status().ToString().c_str());
      ++lost_documents;
      lost_by_reason["whole document"] += gold.size();
      continue;
    }
    for (const auto& g : gold) {
      const uint32_t begin = doc.tokens[std::get<0>(g)].begin;
      for (const crosscheck::DroppedLine& line : a->dropped) {
        if (line.original.begin <= begin && begin < line.original.end) {
          ++lost_by_reason[crosscheck::DropReasonName(line.reason)];
          if (show) std::printf("DROPPED %s %s: %s\n", crosscheck::DropReasonName(line.reason),
                                Words(doc, std::get<0>(g), std::get<1>(g)).c_str(), line.text.c_str());
          break;
        }
      }
    }
    crosscheck::Annotations an = briefer->Annotate(*a);
    std::set<std::tuple<size_t, size_t, std::string>> ours;
    std::set<std::pair<size_t, size_t>> untyped;
    for (const auto& e : an.entities) {
      crosscheck::Span o = a->offsets.ToOriginal(e.span);
      auto b = first_token.find(o.begin);
      auto l = last_token.find(o.end);
      auto type = kTypes.find(e.type);
      if (type == kTypes.end()) {
        ++other;
        if (b != first_token.end() && l != last_token.end()) untyped.insert({b->second, l->second + 1});
        continue;
      }
      if (b == first_token.end() || l == last_token.end()) {
        ++unaligned;  // starts or ends inside a token: wrong span whatever the type
        by_type[type->second].ours += 1;
        if (show) std::printf("SPAN %s %s\n", type->second.c_str(), e.text.c_str());
        continue;
      }
      ours.insert({b->second, l->second + 1, type->second});
    }
    for (const auto& o : ours) {
      by_type[std::get<2>(o)].ours += 1;
      bool right = gold.count(o) > 0;
      by_type[std::get<2>(o)].right += right;
      if (show && !right)
        std::printf("FP %s %s\n", std::get<2>(o).c_str(), Words(doc, std::get<0>(o), std::get<1>(o)).c_str());
    }
    if (show)
      for (const auto& g : gold)
        if (!ours.count(g))
          std::printf("MISS %s %s%s\n", std::get<2>(g).c_str(), Words(doc, std::get<0>(g), std::get<1>(g)).c_str(),
                      untyped.count({std::get<0>(g), std::get<1>(g)}) ? " (ours: other)" : "");
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; };
  Counts all;
  std::printf("CoNLL-2003 dev%s, %zu documents; exact span and type (conlleval), MISC left out\n",
              half.empty() ? "" : (half == "tune" ? " (tuning half)" : " (held half)"), scored);
  std::printf("%-6s %7s %7s %7s %7s %7s\n", "type", "gold", "found", "P", "R", "F1");
  for (const auto& [type, c] : by_type) {
    double p = c.ours > 0 ? c.right / c.ours : 0, r = c.gold > 0 ? c.right / c.gold : 0;
    std::printf("%-6s %7.0f %7.0f %7.4f %7.4f %7.4f\n", type.c_str(), c.gold, c.ours, p, r, f1(p, r));
    all.gold += c.gold;
    all.ours += c.ours;
    all.right += c.right;
  }
  double p = all.ours > 0 ? all.right / all.ours : 0, r = all.gold > 0 ? all.right / all.gold : 0;
  std::printf("%-6s %7.0f %7.0f %7.4f %7.4f %7.4f\n", "micro", all.gold, all.ours, p, r, f1(p, r));
  std::printf("anchors (../shared/data/README.md): rule/gazetteer systems ~0.6-0.7 F1; spaCy sm ~0.85\n");
  std::printf("left out: %zu gold MISC, %zu of our untyped names; %zu of ours cut inside a token\n", misc, other,
              unaligned);
  if (layout) {
    std::printf("layout heuristics on: %zu documents read as no article; gold entities on dropped lines:", lost_documents);
    for (const auto& [reason, n] : lost_by_reason) std::printf(" %s %zu", reason.c_str(), n);
    std::printf("\n");
  }
  std::printf("%.2f s\n", seconds);
  return 0;
}
