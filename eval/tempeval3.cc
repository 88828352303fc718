// Dates on TempEval-3 (TBAQ-cleaned): how well crosscheck's date stage finds DATE
// expressions and resolves their values against each document's creation time.
//
//   build/eval/tempeval3 [--half tune|held] [path/to/shared/data/tempeval3/TBAQ-cleaned]
//
// --half splits the corpus by document for tuning without fooling oneself: the
// .tml files sorted by path, alternately, the 1st, 3rd, ... are "tune" and the
// 2nd, 4th, ... "held". Rules are tuned on one half and checked on the other.
//
// For every .tml document the TEXT element is turned into plain text (tags out,
// gold TIMEX3 spans kept), read by crosscheck with layout heuristics off (the text
// is clean), and annotated with the document creation time as publication date.
// Scores, first over gold TIMEX3 of type DATE as it always has (our DATE mentions
// that fall on gold TIME, DURATION or SET expressions are left out of precision):
//   extraction: strict (same span) and relaxed (overlap) precision, recall, F1;
//   value: accuracy over relaxed matches, and F1 counting a match only with the
//   gold value (compared after Canonical(): TBAQ writes the same value in several
//   ways).
// Then per type (DATE, TIME, DURATION, SET: our mentions of a type against gold
// ones of that type) and overall (all our mentions against all gold ones, the
// type not compared), relaxed extraction F1 and value F1.
// TEMPEVAL_MISSES=1 / TEMPEVAL_WRONG=1 / TEMPEVAL_FP=1 list the missed
// expressions / wrong values / our expressions on no gold one.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
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
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data/tempeval3/TBAQ-cleaned";
  std::string half;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--half" && i + 1 < argc) {
      half = argv[++i];
      if (half != "tune" && half != "held") {
        std::fprintf(stderr, "tempeval3: --half is tune or held\n");
        return 2;
      }
    } else {
      root = argv[i];
    }
  }
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
  std::map<std::string, Counts> by_type;
  size_t documents = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".tml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (size_t fi = 0; fi < files.size(); ++fi) {
    if ((half == "tune" && fi % 2 != 0) || (half == "held" && fi % 2 != 1)) continue;
    const fs::path& path = files[fi];
    std::string tml = ReadFile(path);
    size_t dct_at = tml.find("functionInDocument=\"CREATION_TIME\"");
    std::string dct;
    if (dct_at != std::string::npos) {
      size_t tag = tml.rfind("<TIMEX3", dct_at);
      dct = Attribute(std::string_view(tml).substr(tag, tml.find('>', tag) - tag), "value").substr(0, 10);
    }
    std::vector<Gold> gold;
    std::string text = PlainText(tml, gold);
    crosscheck::Result<crosscheck::Article> article = briefer->extractor().Extract(text, path.string());
    if (!article.ok()) continue;
    if (!dct.empty()) article->published = dct;
    ++documents;
    crosscheck::Annotations an = briefer->Annotate(*article);
    for (const Gold& g : gold) {
      c.gold += g.type == "DATE";
      by_type[g.type].gold += 1;
      by_type["all"].gold += 1;
    }
    if (std::getenv("TEMPEVAL_MISSES")) {
      for (const Gold& g : gold) {
        bool found = false;
        for (const auto& d : an.dates) {
          crosscheck::Span o = article->offsets.ToOriginal(d.span);
          if (o.begin < g.end && g.begin < o.end) found = true;
        }
        if (!found)
          std::printf("MISS %s | %s %s\n", text.substr(g.begin, g.end - g.begin).c_str(), g.type.c_str(),
                      g.value.c_str());
      }
    }
    for (const auto& d : an.dates) {
      crosscheck::Span o = article->offsets.ToOriginal(d.span);
      const Gold* hit = nullptr;
      for (const Gold& g : gold)
        if (o.begin < g.end && g.begin < o.end) hit = &g;
      if (std::getenv("TEMPEVAL_FP") && hit == nullptr)
        std::printf("FP %s | ours %s %s | dct %s\n", d.text.c_str(), d.type.c_str(), d.value.c_str(), dct.c_str());
      for (const std::string& key : {d.type, std::string("all")}) {
        Counts& t = by_type[key];
        t.ours += 1;
        if (hit == nullptr || (key != "all" && hit->type != key)) continue;
        t.relaxed += 1;
        t.valued += Canonical(d.value) == Canonical(hit->value);
      }
      if (std::getenv("TEMPEVAL_WRONG") && hit != nullptr && hit->type != "DATE" &&
          Canonical(d.value) != Canonical(hit->value))
        std::printf("WRONG %s | ours %s %s | gold %s %s | dct %s\n", d.text.c_str(), d.type.c_str(), d.value.c_str(),
                    hit->type.c_str(), hit->value.c_str(), dct.c_str());
      if (d.type != "DATE") continue;
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
  std::printf("TempEval-3 TBAQ-cleaned%s, %zu documents, %.0f gold DATE expressions, %.0f found\n",
              half.empty() ? "" : (half == "tune" ? " (tuning half)" : " (held half)"), documents, c.gold,
              c.ours);
  std::printf("%-22s %6s %6s %6s\n", "", "P", "R", "F1");
  row("extraction (strict)", c.strict);
  row("extraction (relaxed)", c.relaxed);
  row("value", c.valued);
  std::printf("value accuracy over relaxed matches: %.4f\n", c.relaxed > 0 ? c.valued / c.relaxed : 0);
  std::printf("\n%-10s %5s %5s %14s %9s\n", "by type", "gold", "ours", "extraction F1", "value F1");
  for (const char* type : {"DATE", "TIME", "DURATION", "SET", "all"}) {
    const Counts& t = by_type[type];
    auto f1 = [&](double tp) { return F1(t.ours > 0 ? tp / t.ours : 0, t.gold > 0 ? tp / t.gold : 0); };
    std::printf("%-10s %5.0f %5.0f %14.4f %9.4f\n", type, t.gold, t.ours, f1(t.relaxed), f1(t.valued));
  }
  std::printf("%.2f s\n", seconds);
  return 0;
}
