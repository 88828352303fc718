// Dates on TempEval-3 (TBAQ-cleaned): how well crosscheck's date stage finds DATE
// expressions and resolves their values against each document's creation time.
//
//   build/eval/tempeval3 [path/to/shared/data/tempeval3/TBAQ-cleaned]
//
// For every .tml document the TEXT element is turned into plain text (tags out,
// gold TIMEX3 spans kept), read by crosscheck with layout heuristics off (the text
// is clean), and annotated with the document creation time as publication date.
// Scores, over gold TIMEX3 of type DATE (our mentions that fall on gold TIME,
// DURATION or SET expressions are left out of precision):
//   extraction: strict (same span) and relaxed (overlap) precision, recall, F1;
//   value: accuracy over relaxed matches, and F1 counting a match only with the
//   gold value (compared after Canonical(): TBAQ writes the same value in several
//   ways).
// TEMPEVAL_MISSES=1 / TEMPEVAL_WRONG=1 list the missed expressions / wrong values.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crosscheck/brief.h"
#include "eval/files.h"

namespace fs = std::filesystem;

namespace {

using crosscheck::eval::ReadFile;

std::string Attribute(std::string_view tag, std::string_view name) {
  std::string key = " ";
  key.append(name).append("=\"");
  size_t b = tag.find(key);
  if (b == std::string_view::npos) return "";
  b += key.size();
  size_t e = tag.find('"', b);
  return std::string(tag.substr(b, e - b));
}

struct Gold {
  size_t begin, end;
  std::string type, value;
};

// The TEXT element as plain text, with the gold TIMEX3 spans in it.
std::string PlainText(std::string_view tml, std::vector<Gold>& gold) {
  size_t b = tml.find("<TEXT>"), e = tml.find("</TEXT>");
  if (b == std::string_view::npos || e == std::string_view::npos) return "";
  std::string out;
  std::vector<Gold> open;
  for (size_t i = b + 6; i < e;) {
    if (tml[i] == '<') {
      size_t close = tml.find('>', i);
      std::string_view tag = tml.substr(i, close - i + 1);
      if (tag.rfind("<TIMEX3", 0) == 0) {
        open.push_back({out.size(), 0, Attribute(tag, "type"), Attribute(tag, "value")});
      } else if (tag == "</TIMEX3>" && !open.empty()) {
        open.back().end = out.size();
        gold.push_back(open.back());
        open.pop_back();
      }
      i = close + 1;
      continue;
    }
    if (tml.substr(i, 5) == "&amp;") {
      out += '&';
      i += 5;
      continue;
    }
    out += tml[i++];
  }
  return out;
}

struct Counts {
  double ours = 0, gold = 0, strict = 0, relaxed = 0, valued = 0;
};

// Values compared after the spelling variants of TBAQ's annotations are undone:
// fillers for unknown parts ("1968-XX", "1998-10-XX", "196X"), time-of-day
// suffixes on dates ("2000-01-07TEV"), unpadded weeks ("2000-W8").
std::string Canonical(std::string v) {
  for (const char* tod : {"TMO", "TAF", "TEV", "TNI", "TDT"})
    if (v.size() > 3 && v.ends_with(tod)) v.resize(v.size() - 3);
  while (v.size() > 3 && v.ends_with("-XX")) v.resize(v.size() - 3);
  while (!v.empty() && v.back() == 'X') v.pop_back();
  size_t w = v.find("-W");
  if (w != std::string::npos && w + 3 < v.size() + 1 && v.size() == w + 4 && v[w + 2] == '0') v.erase(w + 2, 1);
  return v;
}

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

int main(int argc, char** argv) {
  fs::path root = argc > 1 ? fs::path(argv[1]) : fs::path(CROSSCHECK_SHARED_DIR) / "data/tempeval3/TBAQ-cleaned";
  if (!fs::exists(root)) {
    std::fprintf(stderr, "tempeval3: %s is absent; pass the TBAQ-cleaned folder\n", root.c_str());
    return 1;
  }
  crosscheck::BriefOptions options;
  options.extract.read_layout = false;
  options.extract.repair_glued_words = false;  // the corpus text is clean
  crosscheck::Result<crosscheck::Briefer> briefer = crosscheck::Briefer::Create(options);
  if (!briefer.ok()) {
    std::fprintf(stderr, "tempeval3: %s\n", briefer.status().ToString().c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  Counts c;
  size_t documents = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".tml") continue;
    std::string tml = ReadFile(entry.path());
    size_t dct_at = tml.find("functionInDocument=\"CREATION_TIME\"");
    std::string dct;
    if (dct_at != std::string::npos) {
      size_t tag = tml.rfind("<TIMEX3", dct_at);
      dct = Attribute(std::string_view(tml).substr(tag, tml.find('>', tag) - tag), "value").substr(0, 10);
    }
    std::vector<Gold> gold;
    std::string text = PlainText(tml, gold);
    crosscheck::Result<crosscheck::Article> article = briefer->extractor().Extract(text, entry.path().string());
    if (!article.ok()) continue;
    if (!dct.empty()) article->published = dct;
    ++documents;
    crosscheck::Annotations an = briefer->Annotate(*article);
    for (const Gold& g : gold) c.gold += g.type == "DATE";
    if (std::getenv("TEMPEVAL_MISSES")) {
      for (const Gold& g : gold) {
        if (g.type != "DATE") continue;
        bool found = false;
        for (const auto& d : an.dates) {
          crosscheck::Span o = article->offsets.ToOriginal(d.span);
          if (o.begin < g.end && g.begin < o.end) found = true;
        }
        if (!found) std::printf("MISS %s | %s\n", text.substr(g.begin, g.end - g.begin).c_str(), g.value.c_str());
      }
    }
    for (const auto& d : an.dates) {
      crosscheck::Span o = article->offsets.ToOriginal(d.span);
      const Gold* hit = nullptr;
      for (const Gold& g : gold)
        if (o.begin < g.end && g.begin < o.end) hit = &g;
      if (hit != nullptr && hit->type != "DATE") continue;  // a TIME, DURATION or SET: not scored
      c.ours += 1;
      if (hit == nullptr) continue;
      c.relaxed += 1;
      c.strict += o.begin == hit->begin && o.end == hit->end;
      bool right = Canonical(d.value) == Canonical(hit->value);
      c.valued += right;
      if (std::getenv("TEMPEVAL_WRONG") && !right)
        std::printf("WRONG %s | ours %s | gold %s | dct %s | %s\n", d.text.c_str(), d.value.c_str(),
                    hit->value.c_str(), dct.c_str(),
                    text.substr(o.begin > 120 ? o.begin - 120 : 0, std::min<size_t>(o.begin, 120) + 40).c_str());
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto row = [&](const char* name, double tp) {
    double p = c.ours > 0 ? tp / c.ours : 0, r = c.gold > 0 ? tp / c.gold : 0;
    std::printf("%-22s %6.4f %6.4f %6.4f\n", name, p, r, F1(p, r));
  };
  std::printf("TempEval-3 TBAQ-cleaned, %zu documents, %.0f gold DATE expressions, %.0f found\n", documents, c.gold,
              c.ours);
  std::printf("%-22s %6s %6s %6s\n", "", "P", "R", "F1");
  row("extraction (strict)", c.strict);
  row("extraction (relaxed)", c.relaxed);
  row("value", c.valued);
  std::printf("value accuracy over relaxed matches: %.4f\n", c.relaxed > 0 ? c.valued / c.relaxed : 0);
  std::printf("%.2f s\n", seconds);
  return 0;
}
