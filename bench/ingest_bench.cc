// ingest_bench: corpus mode end to end, as a user runs it, at 100,000 articles.
//
//   build/bench/ingest_bench [--articles N] [--parts P] [--work DIR] [--db URL]
//
// 1. A stream of N plain-text articles (2 KB or more each) is generated once into
//    DIR/corpus/part-NN/ from the paragraphs of the bundled example (examples/):
//    each story takes one example article as its template and gets its own cast
//    (every name becomes a made-up one and two in three longer words other
//    dictionary words, consistent inside the story), its own figures and days; each article keeps the template's lede and about 40% of its
//    other paragraphs in a lightly varied order, filled up to 2 KB with paragraphs
//    of other templates under the story's names. About 8% of
//    the articles are wire copies of an earlier one (a paragraph dropped, another
//    outlet), 1% the same article again. Articles are written in publication order.
// 2. `crosscheck ingest` (the real binary, a new process per part) takes the parts
//    one after another into a new store: each part's rate shows the cost as the
//    store grows; the kernel's accounting gives each process's peak memory.
// 3. The whole stream again into a second new store in one `ingest`: the rate of
//    one long run.
// 4. The store: bytes per article; `search` latency (in process, through the
//    Store interface, and as whole `crosscheck search` processes); `brief --db
//    --story` against `brief` of the same story's files, alternating.
//
// With --db postgresql://..., the parts go into that PostgreSQL database instead of
// DIR/parts.db (its crosscheck tables dropped first; it must exist), step 3 is
// left out (it would need a second database), and step 4 reads that database:
// the same articles through each store. With --writers W as well, the database is
// emptied after step 2 and the parts ingested again by W processes at once (part p
// by process p mod W); step 4 then reads what they stored.
//
// Figures go to stdout with the machine. Times are wall clock: the machine is
// shared, so compare figures of one run.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "crosscheck/store.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- 1. The generated stream ------------------------------------------------

// One example article's body paragraphs (the header lines before the first
// paragraph of prose are left out).
using Template = std::vector<std::string>;

std::vector<Template> LoadTemplates(const fs::path& examples) {
  std::vector<fs::path> files;
  for (const char* dir : {"story", "stream"})
    for (const auto& e : fs::directory_iterator(examples / dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Template> out;
  for (const fs::path& f : files) {
    std::istringstream in(ReadFile(f));
    Template t;
    std::string line, paragraph;
    auto flush = [&] {
      // Prose: long enough and ending as a sentence ends.
      if (paragraph.size() >= 80 && std::strchr(".\"'", paragraph.back())) t.push_back(paragraph);
      paragraph.clear();
    };
    while (std::getline(in, line)) {
      if (line.empty()) {
        flush();
      } else {
        paragraph += paragraph.empty() ? line : " " + line;
      }
    }
    flush();
    if (t.size() >= 3) out.push_back(std::move(t));
  }
  return out;
}

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashWord(const std::string& w) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : w) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// A made-up name of two or three syllables.
std::string PseudoName(uint64_t h) {
  static const char* kSyllables[] = {"ka", "lo", "ven", "dar", "mi", "tor", "sel", "ru", "ba", "nis", "gal", "or",
                                     "fen", "ta", "wick", "mor", "el", "stan", "bri", "cot", "ham", "ly", "vo", "den"};
  constexpr size_t n = sizeof(kSyllables) / sizeof(kSyllables[0]);
  std::string s;
  const size_t count = 2 + h % 2;
  for (size_t i = 0; i < count; ++i, h /= n) s += kSyllables[(h >> 8) % n];
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Rewrites a paragraph for a story: capitalized words that are not sentence
// starts and not common words elsewhere in the pool become the story's names, two
// in three words of five letters or more other English words of its own (so that
// the ~300 stories made from one template are about different things, as real
// stories are, and the text stays made of dictionary words); numbers become the story's (or, with `article_seed`, the article's) figures.
class Varier {
 public:
  // `dictionary`: English words (a Debian word list) that stand in for a
  // template's words.
  Varier(const std::vector<Template>& templates, std::vector<std::string> dictionary)
      : dictionary_(std::move(dictionary)) {
    for (const Template& t : templates)
      for (const std::string& p : t) {
        std::string w;
        for (char c : p + " ") {
          if (std::isalpha(static_cast<unsigned char>(c))) {
            w += c;
          } else {
            if (!w.empty() && std::islower(static_cast<unsigned char>(w[0]))) lowercase_.insert(w);
            w.clear();
          }
        }
      }
  }

  std::string Vary(const std::string& p, uint64_t story_seed, uint64_t article_seed) const {
    std::string out, w;
    bool sentence_start = true;
    auto flush = [&] {
      if (w.empty()) return;
      const bool capital = std::isupper(static_cast<unsigned char>(w[0]));
      std::string lower = w;
      lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
      if (capital && !sentence_start && !lowercase_.count(lower)) {
        out += PseudoName(Mix(HashWord(w) ^ story_seed));
      } else if (!capital && w.size() >= 5 && !dictionary_.empty() && Mix(HashWord(w) ^ story_seed) % 3 != 0) {
        // Two in three longer words are the story's own: stories of one template
        // share its shape, not its subject.
        out += dictionary_[Mix(HashWord(w) ^ story_seed ^ 0x5bd1e995) % dictionary_.size()];
      } else if (std::isdigit(static_cast<unsigned char>(w[0]))) {
        // A figure: the story's, and one in four the article's own.
        uint64_t h = Mix(HashWord(w) ^ story_seed);
        if (Mix(h ^ article_seed) % 4 == 0) h = Mix(h ^ article_seed);
        std::string digits;
        for (char c : w) digits += std::isdigit(static_cast<unsigned char>(c)) ? static_cast<char>('0' + h++ % 10) : c;
        if (digits[0] == '0') digits[0] = '1';
        out += digits;
      } else {
        out += w;
      }
      sentence_start = false;
      w.clear();
    };
    for (char c : p) {
      if (std::isalnum(static_cast<unsigned char>(c)) || ((c == ',' || c == '.') && !w.empty() &&
                                                          std::isdigit(static_cast<unsigned char>(w[0])))) {
        w += c;
        continue;
      }
      flush();
      out += c;
      if (c == '.' || c == '?' || c == '!' || c == '"') sentence_start = true;
    }
    flush();
    return out;
  }

 private:
  std::set<std::string> lowercase_;
  std::vector<std::string> dictionary_;
};

// Lowercase words of 5 to 10 letters of the Debian word list (wamerican).
std::vector<std::string> LoadDictionary() {
  std::vector<std::string> out;
  std::ifstream in("/usr/share/dict/american-english");
  for (std::string w; std::getline(in, w);)
    if (w.size() >= 5 && w.size() <= 10 &&
        std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      out.push_back(w);
  return out;
}

struct GeneratedArticle {
  int day = 0;            // days since the stream's first day
  std::string text;       // with its header lines
};

std::string DateOf(int day) {
  // Days from 2025-01-01, in a plain civil calendar.
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = 2025, month = 0;
  while (true) {
    const int in_year = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365;
    if (day < in_year) break;
    day -= in_year, ++year;
  }
  while (true) {
    const int m = kMonth[month] + (month == 1 && year % 4 == 0 ? 1 : 0);
    if (day < m) break;
    day -= m, ++month;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month + 1, day + 1);
  return buf;
}

std::vector<GeneratedArticle> Generate(const std::vector<Template>& templates, size_t n, uint64_t seed) {
  const Varier varier(templates, LoadDictionary());
  std::mt19937_64 rng(seed);
  std::vector<std::string> outlets;
  for (uint64_t i = 0; i < 40; ++i) outlets.push_back(PseudoName(Mix(i * 7919 + 3)) + " " + (i % 2 ? "Post" : "Times"));
  std::vector<GeneratedArticle> out;
  out.reserve(n + 200);
  std::geometric_distribution<int> size_of(1.0 / 16);
  for (uint64_t story = 1; out.size() < n; ++story) {
    const uint64_t story_seed = Mix(seed ^ story * 0x2545F4914F6CDD1DULL);
    const Template& main = templates[story_seed % templates.size()];
    const int first_day = static_cast<int>(rng() % 365);
    const size_t size = std::min<size_t>(1 + size_of(rng), 300);
    std::vector<size_t> originals;  // indexes in `out` of this story's articles
    for (size_t k = 0; k < size && out.size() < n; ++k) {
      const uint64_t article_seed = Mix(story_seed ^ (k + 1));
      const std::string& outlet = outlets[article_seed % outlets.size()];
      const int day = first_day + static_cast<int>(rng() % 5);
      std::string body;
      if (!originals.empty() && rng() % 100 < 9) {
        // A wire copy of an earlier article: its body less one paragraph.
        const std::string& source = out[originals[rng() % originals.size()]].text;
        std::string copy = source.substr(source.find("\n\n") + 2);
        std::vector<std::string> paragraphs;
        for (size_t at = 0; at < copy.size();) {
          size_t end = copy.find("\n\n", at);
          if (end == std::string::npos) end = copy.size();
          paragraphs.push_back(copy.substr(at, end - at));
          at = end + 2;
        }
        if (paragraphs.size() > 3) paragraphs.erase(paragraphs.begin() + 1 + static_cast<long>(rng() % (paragraphs.size() - 1)));
        for (const std::string& p : paragraphs) body += p + "\n\n";
      } else {
        // As outlets write one story: the same event, names and figures, but few
        // of the same paragraphs (two articles share about a fifth of them).
        std::vector<std::string> paragraphs;
        for (size_t i = 0; i < main.size(); ++i)
          if (i == 0 || rng() % 100 < 40) paragraphs.push_back(varier.Vary(main[i], story_seed, article_seed));
        for (size_t i = 1; i + 1 < paragraphs.size(); ++i)
          if (rng() % 100 < 30) std::swap(paragraphs[i], paragraphs[i + 1]);
        // Background from other templates until the article is 2 KB.
        while (true) {
          size_t bytes = 0;
          for (const std::string& p : paragraphs) bytes += p.size() + 2;
          if (bytes >= 2100) break;
          const Template& other = templates[rng() % templates.size()];
          paragraphs.push_back(varier.Vary(other[rng() % other.size()], story_seed, article_seed));
        }
        for (const std::string& p : paragraphs) body += p + "\n\n";
      }
      const std::string lede = body.substr(0, body.find_first_of(".\n"));
      std::string title;
      size_t words = 0;
      for (size_t i = 0; i < lede.size() && words < 10; ++i) {
        if (lede[i] == ' ') ++words;
        if (words < 10) title += lede[i];
      }
      std::string text = "Title: " + title + "\nDate: " + DateOf(day) + "\nURL: https://www." +
                         std::to_string(article_seed % 100000) + ".example/" + std::to_string(story) + "/" +
                         std::to_string(k) + "\nOutlet: " + outlet + "\n\n" + body;
      originals.push_back(out.size());
      out.push_back({day, std::move(text)});
      if (rng() % 100 == 0 && out.size() < n) out.push_back(out.back());  // the same article again
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.day < y.day; });
  return out;
}

std::string PartName(size_t p) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%02zu", p);
  return name;
}

// Writes the stream into `parts` folders of equal size; returns the folders.
std::vector<fs::path> WriteCorpus(const fs::path& dir, const std::vector<GeneratedArticle>& articles, size_t parts) {
  std::vector<fs::path> folders;
  const size_t per = (articles.size() + parts - 1) / parts;
  for (size_t p = 0; p < parts; ++p) {
    folders.push_back(dir / PartName(p));
    fs::create_directories(folders.back());
    for (size_t i = p * per; i < std::min(articles.size(), (p + 1) * per); ++i) {
      char file[32];
      std::snprintf(file, sizeof file, "%07zu.txt", i);
      std::ofstream(folders.back() / file, std::ios::binary) << articles[i].text;
    }
  }
  return folders;
}

// ---- 2-4. Runs of the real binary ----------------------------------------------

struct ProcessFigures {
  double seconds = 0;
  double cpu_seconds = 0;  // user and system, of all its threads
  long peak_kb = 0;
  int status = 0;
};

// Starts `args` (args[0] the binary) with stdout and stderr to /dev/null (or stdout
// to `out`).
pid_t Spawn(const std::vector<std::string>& args, const char* out = "/dev/null") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "ingest_bench: cannot run %s\n", argv[0]);
    std::exit(1);
  }
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Runs `args` as Spawn does; the wall time and the child's peak resident memory.
ProcessFigures RunProcess(const std::vector<std::string>& args, const char* out = "/dev/null") {
  ProcessFigures f;
  const auto start = Clock::now();
  const pid_t pid = Spawn(args, out);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.peak_kb = usage.ru_maxrss;
  f.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  f.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return f;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

bool IsUrl(const fs::path& db) {
  const std::string s = db.string();
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

// The first value of a statement on a PostgreSQL database, or "" when it failed.
std::string PostgresValue(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* r = PQexec(conn, sql.c_str());
  std::string v;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
    v = PQgetvalue(r, 0, 0);
  } else if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    std::fprintf(stderr, "ingest_bench: %s: %s", sql.c_str(), PQerrorMessage(conn));
  }
  PQclear(r);
  PQfinish(conn);
  return v;
}

uintmax_t StoreBytes(const fs::path& db) {
  if (IsUrl(db)) return std::strtoull(PostgresValue(db, "SELECT pg_database_size(current_database())").c_str(), nullptr, 10);
  uintmax_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(db.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

void RemoveStore(const fs::path& db) {
  if (IsUrl(db)) {
    (void)PostgresValue(db, "SET client_min_messages = warning; DROP TABLE IF EXISTS articles, stories, term_counts, meta");
    return;
  }
  for (const char* suffix : {"", "-wal", "-shm", ".lock"}) fs::remove(db.string() + suffix);
}

size_t ArticlesIn(const fs::path& db) {
  auto store = crosscheck::OpenStore(db.string(), crosscheck::StoreOptions{});
  if (!store.ok()) return 0;
  auto n = (*store)->ArticleCount();
  return n.ok() ? *n : 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 100000, parts = 10;
  bool reuse = false;
  fs::path work = "build/bench-data/ingest";
  std::string url;
  size_t writers = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--articles" && i + 1 < argc) {
      n = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--parts" && i + 1 < argc) {
      parts = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--reuse-store") {
      reuse = true;
    } else if (a == "--work" && i + 1 < argc) {
      work = argv[++i];
    } else if (a == "--db" && i + 1 < argc && IsUrl(argv[i + 1])) {
      url = argv[++i];
    } else if (a == "--writers" && i + 1 < argc) {
      writers = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else {
      std::fprintf(stderr,
                   "usage: ingest_bench [--articles N (100000)] [--parts P (10)] [--work DIR (build/bench-data/ingest)]\n"
                   "                    [--reuse-store: skip the ingests, measure search and brief on the last store]\n"
                   "                    [--db postgresql://...: the parts into this database, not a SQLite file]\n"
                   "                    [--writers W: with --db, then the parts again by W ingests at once]\n");
      return 2;
    }
  }
  const std::string binary = fs::absolute(CROSSCHECK_BINARY).string();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("machine: %u cores; articles %zu in %zu parts; work folder %s\n", std::thread::hardware_concurrency(), n,
              parts, work.c_str());

  // 1. The corpus, made once per size.
  const fs::path corpus = work / ("corpus-" + std::to_string(n) + "-" + std::to_string(parts));
  std::vector<fs::path> folders;
  uintmax_t corpus_bytes = 0;
  if (!fs::exists(corpus / "complete")) {
    // In a child process: the kernel gives a spawned process the peak memory of
    // the one that spawned it as its own starting peak, so this one stays small.
    fs::remove_all(corpus);
    const auto start = Clock::now();
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
      const std::vector<Template> templates = LoadTemplates(fs::path(CROSSCHECK_SOURCE_DIR) / "examples");
      const std::vector<GeneratedArticle> articles = Generate(templates, n, 2004);
      WriteCorpus(corpus, articles, parts);
      std::ofstream(corpus / "complete") << articles.size() << "\n";
      std::printf("generated %zu articles from %zu example templates", articles.size(), templates.size());
      std::fflush(stdout);
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!fs::exists(corpus / "complete")) {
      std::fprintf(stderr, "ingest_bench: the corpus could not be made in %s\n", corpus.c_str());
      return 1;
    }
    std::printf(" in %.1f s\n", std::chrono::duration<double>(Clock::now() - start).count());
  }
  for (size_t p = 0; p < parts; ++p) folders.push_back(corpus / PartName(p));
  size_t files = 0;
  for (const fs::path& f : folders)
    for (const auto& e : fs::directory_iterator(f)) corpus_bytes += e.file_size(), ++files;
  std::printf("corpus: %zu files, %.1f MB, %.0f bytes an article\n\n", files, corpus_bytes / 1e6,
              static_cast<double>(corpus_bytes) / static_cast<double>(files));

  // 2. Part after part into one store.
  const fs::path db = url.empty() ? work / "parts.db" : fs::path(url);
  if (!reuse) {
  RemoveStore(db);
  std::printf("%-6s %12s %12s %9s %12s %14s %10s %15s\n", "part", "store before", "store after", "seconds",
              "articles/s", "CPU ms/article", "peak MB", "peak B/article");
  double total_seconds = 0;
  for (size_t p = 0; p < folders.size(); ++p) {
    const size_t before = ArticlesIn(db);
    size_t in_part = 0;
    for (const auto& e : fs::directory_iterator(folders[p])) (void)e, ++in_part;
    const ProcessFigures f = RunProcess({binary, "ingest", "--db", db.string(), folders[p].string()});
    if (f.status != 0) std::printf("(ingest exited with status %d)\n", f.status);
    const size_t after = ArticlesIn(db);
    total_seconds += f.seconds;
    std::printf("%-6zu %12zu %12zu %9.2f %12.0f %14.3f %10.1f %15.0f\n", p, before, after, f.seconds,
                static_cast<double>(in_part) / f.seconds, 1000 * f.cpu_seconds / static_cast<double>(in_part),
                f.peak_kb / 1024.0,
                f.peak_kb * 1024.0 / static_cast<double>(std::max<size_t>(after, 1)));
  }
  std::printf("all parts: %.1f s, %.0f articles/s read\n\n", total_seconds, static_cast<double>(files) / total_seconds);

  // 3. The whole stream in one run.
  if (url.empty()) {
    const fs::path whole = work / "whole.db";
    RemoveStore(whole);
    std::vector<std::string> args = {binary, "ingest", "--db", whole.string()};
    for (const fs::path& f : folders) args.push_back(f.string());
    const ProcessFigures f = RunProcess(args);
    const size_t stored = ArticlesIn(whole);
    std::printf("one run of all %zu files: %.1f s, %.0f articles/s read, %.3f CPU ms an article, %zu stored, peak "
                "%.1f MB (%.0f bytes an article stored)\n",
                files, f.seconds, static_cast<double>(files) / f.seconds,
                1000 * f.cpu_seconds / static_cast<double>(files), stored, f.peak_kb / 1024.0,
                f.peak_kb * 1024.0 / static_cast<double>(std::max<size_t>(stored, 1)));
  }
  }

  // 3. (PostgreSQL) The same parts again into the emptied database by W ingest
  // processes at once, part p to process p % W.
  if (!reuse && !url.empty() && writers > 1) {
    RemoveStore(db);
    const auto start = Clock::now();
    std::vector<pid_t> pids;
    for (size_t w = 0; w < writers; ++w) {
      std::vector<std::string> args = {binary, "ingest", "--db", url};
      for (size_t p = w; p < folders.size(); p += writers) args.push_back(folders[p].string());
      pids.push_back(Spawn(args));
    }
    int failed = 0;
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%zu ingests at once, part p to ingest p %% %zu: %.1f s, %.0f articles/s read, %zu stored%s\n\n",
                writers, writers, seconds, static_cast<double>(files) / seconds, ArticlesIn(db),
                failed ? " (an ingest failed)" : "");
  }

  // 4. The store.
  auto opened = crosscheck::OpenStore(db.string(), crosscheck::StoreOptions{});
  if (!opened.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  crosscheck::Store& store = **opened;
  const auto count = store.ArticleCount();
  const size_t stored = count.ok() ? *count : 0;
  if (stored == 0) {
    std::fprintf(stderr, "ingest_bench: the store holds no articles\n");
    return 1;
  }
  auto stories = store.Stories({});
  std::printf("store: %zu articles in %zu stories, %.1f MB (%.0f bytes an article; the corpus %.0f)\n", stored,
              stories.ok() ? stories->size() : 0, StoreBytes(db) / 1e6,
              static_cast<double>(StoreBytes(db)) / static_cast<double>(std::max<size_t>(stored, 1)),
              static_cast<double>(corpus_bytes) / static_cast<double>(files));

  // Queries: two or three words of stored titles.
  std::mt19937_64 rng(7);
  std::vector<std::string> queries;
  for (size_t q = 0; q < 200; ++q) {
    auto a = store.Article(1 + static_cast<int64_t>(rng() % stored));
    if (!a.ok() || !*a || !(*a)->title) continue;
    std::vector<std::string> words;
    std::istringstream in(*(*a)->title);
    for (std::string w; in >> w;)
      if (w.size() > 3 && std::isalpha(static_cast<unsigned char>(w[0]))) words.push_back(w);
    if (words.size() < 2) continue;
    std::shuffle(words.begin(), words.end(), rng);
    std::string text = words[0] + " " + words[1];
    if (q % 2 && words.size() > 2) text += " " + words[2];
    queries.push_back(text);
  }
  std::vector<double> ms;
  size_t hits = 0;
  for (const std::string& text : queries) {
    crosscheck::SearchQuery query;
    query.text = text;
    query.limit = 10;
    const auto start = Clock::now();
    auto found = store.Search(query);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (found.ok()) hits += found->size();
  }
  std::printf("search, in process (Store::Search, 10 results): %zu queries, median %.2f ms, 90th percentile %.2f "
              "ms, %.1f hits a query\n",
              queries.size(), Median(ms), Percentile(ms, 0.9), static_cast<double>(hits) / queries.size());
  ms.clear();
  for (size_t q = 0; q < 20 && q < queries.size(); ++q)
    ms.push_back(RunProcess({binary, "search", "--db", db.string(), queries[q]}).seconds * 1000);
  std::printf("search, whole `crosscheck search` processes: median %.1f ms of %zu\n", Median(ms), ms.size());

  // The brief of the largest story: from the store, and from its files.
  if (stories.ok() && !stories->empty()) {
    const crosscheck::StoryRow& largest = stories->front();
    auto members = store.ArticlesOfStory(largest.id);
    std::vector<std::string> from_files = {binary, "brief"};
    if (members.ok())
      for (const crosscheck::StoredArticle& a : *members) from_files.push_back(a.path);
    const std::vector<std::string> from_db = {binary, "brief", "--db", db.string(), "--story",
                                              std::to_string(largest.id)};
    std::vector<double> db_ms, files_ms;
    for (int r = 0; r < 5; ++r) {
      db_ms.push_back(RunProcess(from_db).seconds * 1000);
      files_ms.push_back(RunProcess(from_files).seconds * 1000);
    }
    std::printf("brief of the largest story (%zu articles), whole processes, median of 5 alternating: --db --story "
                "%.0f ms, from its files %.0f ms (ratio %.2f)\n",
                largest.articles, Median(db_ms), Median(files_ms), Median(db_ms) / Median(files_ms));
  }
  return 0;
}
