// Article bodies from HTML on Zyte's article extraction benchmark: 181 real news
// and blog pages with human-checked bodies (../shared/data/article_extraction_benchmark).
//
//   build/eval/article_extraction [path/to/article_extraction_benchmark] [--half tune|held]
//
// Prints crosscheck's precision, recall and F1 (eval/shingles.h: word 4-gram
// shingles, macro-averaged over pages) beside the same figures computed from the
// published systems' outputs in output/, the time crosscheck's HTML reader takes
// on the decompressed pages (pages per second, best of three runs), and the
// publication dates: how many pages give one, and on pages whose address holds a
// date (/2019/11/19/), how often the date from the markup agrees within a day.
// ARTICLE_WORST=N lists the N pages with the lowest F1; ARTICLE_SHOW=id prints
// our text and the truth of the page whose id starts with `id`.
//
// --half splits the pages by site, so that no site is in both halves: the sites
// (host names of the pages' addresses) sorted by name, the 1st, 3rd, ... site's
// pages are the tuning half, the 2nd, 4th, ... the held-out half. Rules of the
// reader are tuned on the first and checked on the second, never read while
// tuning; a site's template is what a rule learns, so pages of one site must not
// sit on both sides.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "analyze/civil_date.h"
#include "crosscheck/extract.h"
#include "eval/files.h"
#include "eval/shingles.h"
#include "ingest/compression.h"
#include "ingest/html_reader.h"
#include "ingest/metadata.h"

namespace fs = std::filesystem;
using crosscheck::eval::PageScore;

namespace {

struct Totals {
  double precision = 0, recall = 0;
  size_t precision_pages = 0, recall_pages = 0;
  void Add(PageScore s) {
    if (s.has_precision) precision += s.precision, ++precision_pages;
    if (s.has_recall) recall += s.recall, ++recall_pages;
  }
  void Print(const std::string& name) const {
    double p = precision / static_cast<double>(std::max<size_t>(precision_pages, 1));
    double r = recall / static_cast<double>(std::max<size_t>(recall_pages, 1));
    std::printf("%-22s %6.3f %6.3f %6.3f\n", name.c_str(), p, r, crosscheck::eval::MacroF1(p, r));
  }
};

// A published output: the ground-truth shape, or wrapped in {"output": ...}.
const nlohmann::json& Bodies(const nlohmann::json& doc) { return doc.contains("output") ? doc["output"] : doc; }

// The host name of an address ("https://www.example.com/a" -> "www.example.com").
std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

long DayNumber(const std::string& iso) {
  auto d = crosscheck::analyze::CivilDate::Parse(iso);
  return d ? d->DayNumber() : 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data/article_extraction_benchmark";
  std::string half;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--half") == 0 && i + 1 < argc) {
      half = argv[++i];
      if (half != "tune" && half != "held") {
        std::fprintf(stderr, "--half takes tune or held, not %s\n", half.c_str());
        return 2;
      }
    } else {
      root = argv[i];
    }
  }
  if (!fs::exists(root / "ground-truth.json")) {
    std::printf("skipped: %s not found (the benchmark lives in ../shared/data)\n",
                (root / "ground-truth.json").c_str());
    return 0;
  }
  nlohmann::json truth = nlohmann::json::parse(crosscheck::eval::ReadFile(root / "ground-truth.json"));
  std::vector<std::string> ids;
  std::map<std::string, std::vector<uint64_t>> truth_shingles;
  std::vector<std::string> sites;
  for (auto& [id, v] : truth.items()) sites.push_back(HostOf(v["url"].get<std::string>()));
  std::sort(sites.begin(), sites.end());
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  for (auto& [id, v] : truth.items()) {
    if (!half.empty()) {
      size_t site = std::lower_bound(sites.begin(), sites.end(), HostOf(v["url"].get<std::string>())) - sites.begin();
      if ((site % 2 == 0) != (half == "tune")) continue;
    }
    ids.push_back(id);
    truth_shingles[id] = crosscheck::eval::Shingles(v["articleBody"].get<std::string>());
  }
  std::vector<std::string> pages;
  for (const std::string& id : ids) {
    std::string gz = crosscheck::eval::ReadFile(root / "html" / (id + ".html.gz"));
    pages.push_back(crosscheck::ingest::Decompress(gz, 1ull << 30).bytes);
  }

  std::printf("%-22s %6s %6s %6s\n", "system", "P", "R", "F1");
  std::vector<fs::path> outputs;
  for (const auto& e : fs::directory_iterator(root / "output")) outputs.push_back(e.path());
  std::sort(outputs.begin(), outputs.end());
  for (const fs::path& p : outputs) {
    nlohmann::json doc = nlohmann::json::parse(crosscheck::eval::ReadFile(p));
    const nlohmann::json& bodies = Bodies(doc);
    Totals t;
    for (const std::string& id : ids) {
      std::string body =
          bodies.contains(id) && bodies[id].contains("articleBody") && bodies[id]["articleBody"].is_string()
              ? bodies[id]["articleBody"].get<std::string>()
              : "";
      t.Add(crosscheck::eval::ScorePage(truth_shingles[id], crosscheck::eval::Shingles(body)));
    }
    t.Print(p.stem().string());
  }

  // crosscheck, timed on the decompressed pages.
  std::vector<crosscheck::ingest::HtmlDocument> docs(pages.size());
  double best_seconds = 1e9;
  size_t failed = 0;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    failed = 0;
    for (size_t i = 0; i < pages.size(); ++i) {
      auto doc = crosscheck::ingest::ReadHtml(pages[i]);
      if (doc.ok()) {
        docs[i] = std::move(doc).value();
      } else {
        ++failed;
      }
    }
    best_seconds =
        std::min(best_seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  Totals ours;
  std::vector<std::pair<double, std::string>> by_f1;
  std::map<std::string, PageScore> page_scores;
  for (size_t i = 0; i < ids.size(); ++i) {
    PageScore s = crosscheck::eval::ScorePage(truth_shingles[ids[i]], crosscheck::eval::Shingles(docs[i].text));
    ours.Add(s);
    by_f1.push_back({crosscheck::eval::MacroF1(s.precision, s.recall), ids[i]});
    page_scores[ids[i]] = s;
  }
  ours.Print("crosscheck");
  size_t reader_empty = 0, extract_empty = ids.size();
  for (size_t i = 0; i < ids.size(); ++i) reader_empty += docs[i].text.empty() ? 1 : 0;
  // The same pages through the whole extract pipeline (what `crosscheck extract`
  // prints): the reader's text, then layout furniture, cleaning and repair.
  {
    crosscheck::ExtractOptions options;
    options.tokenize = false;
    extract_empty = 0;
    crosscheck::Result<crosscheck::Extractor> extractor = crosscheck::Extractor::Create(options);
    if (extractor.ok()) {
      Totals full;
      for (size_t i = 0; i < ids.size(); ++i) {
        crosscheck::Result<crosscheck::Article> a = extractor->Extract(pages[i], ids[i]);
        if (!a.ok() || a->text.empty()) ++extract_empty;
        PageScore fs =
            crosscheck::eval::ScorePage(truth_shingles[ids[i]], crosscheck::eval::Shingles(a.ok() ? a->text : ""));
        full.Add(fs);
        if (std::getenv("ARTICLE_PIPELINE_DIFF") != nullptr && fs.recall < page_scores[ids[i]].recall - 0.02) {
          std::printf("recall %.3f -> %.3f %s %s\n", page_scores[ids[i]].recall, fs.recall, ids[i].substr(0, 8).c_str(),
                      a.ok() ? "" : a.status().ToString().c_str());
          if (a.ok()) {
            for (const auto& d : a->dropped)
              std::printf("   dropped (%s): %.100s\n", crosscheck::DropReasonName(d.reason), d.text.c_str());
          }
        }
      }
      full.Print("crosscheck extract");
    }
  }
  std::printf(
      "\n%zu pages (%zu failed), %.1f MB of HTML: crosscheck reads them in %.3f s = %.0f pages/s\n", pages.size(),
      failed,
      [&] {
        size_t n = 0;
        for (const auto& p : pages) n += p.size();
        return static_cast<double>(n) / 1e6;
      }(),
      best_seconds, static_cast<double>(pages.size()) / best_seconds);
  std::printf("pages with no text: %zu from the reader, %zu from extract\n", reader_empty, extract_empty);

  // Publication dates.
  size_t with_date = 0, url_dated = 0, agree = 0, same_day = 0;
  std::map<std::string, size_t> sources;
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto& d = docs[i];
    if (d.published) {
      ++with_date;
      ++sources[d.published_from];
    }
    std::optional<std::string> url_date = crosscheck::ingest::DateFromUrl(truth[ids[i]]["url"].get<std::string>());
    bool markup = d.published && d.published_from != "url";
    if (!url_date || !markup) continue;
    ++url_dated;
    if (std::labs(DayNumber(*d.published) - DayNumber(*url_date)) <= 1) ++agree;
    if (*d.published == *url_date) ++same_day;
  }
  std::printf("publication date found on %zu of %zu pages (", with_date, ids.size());
  for (const auto& [k, v] : sources) std::printf(" %s %zu", k.c_str(), v);
  std::printf(
      " )\npages whose address holds a date and whose markup gives one: %zu; the two agree within a day on %zu "
      "(%.3f), on the very day on %zu\n",
      url_dated, agree, url_dated == 0 ? 0.0 : static_cast<double>(agree) / static_cast<double>(url_dated), same_day);

  if (const char* show = std::getenv("ARTICLE_SHOW")) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].rfind(show, 0) != 0) continue;
      std::printf("--- ours (title: %s)\n%s\n--- truth\n%s\n", docs[i].title.value_or("").c_str(), docs[i].text.c_str(),
                  truth[ids[i]]["articleBody"].get<std::string>().c_str());
    }
  }
  if (const char* worst = std::getenv("ARTICLE_WORST")) {
    std::sort(by_f1.begin(), by_f1.end());
    for (size_t i = 0; i < by_f1.size() && i < static_cast<size_t>(std::atoi(worst)); ++i)
      std::printf("%.3f (P %.3f R %.3f) %s %s\n", by_f1[i].first, page_scores[by_f1[i].second].precision,
                  page_scores[by_f1[i].second].recall, by_f1[i].second.substr(0, 8).c_str(),
                  truth[by_f1[i].second]["url"].get<std::string>().c_str());
  }
  return 0;
}
