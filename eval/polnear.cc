// Quotations on PolNeAR (dev): how well crosscheck finds direct quotations and
// names who said them.
//
//   build/eval/polnear [path/to/shared/data/polnear] [--split dev]
//
// Gold: the Content spans of the first annotator's .ann file of each article that
// start with a quotation mark (direct quotations), with their Source span. Ours:
// the quotations of `crosscheck extract --annotate` (layout heuristics off). A found
// quotation matches a gold one when their spans overlap. Three rows: all our
// quotations; leaving out those that fall inside an indirect (paraphrased)
// Content, where a partial quotation is right but not annotated as direct; and our
// whole quotations only, leaving out those crosscheck itself marks partial
// (fragments in the reporter's sentence), the nearest to PolNeAR's direct ones.
// The speaker is right when the gold Source's head (its last capitalized
// word, else its last word before a preposition; appositives and parentheses cut
// off first, curly apostrophes read as straight ones, possessives stripped) is a word of our speaker's name
// or is the pronoun we read as the speaker. A gold Source that is a description
// ("a Norvik spokesman", "Okafor's office": a determiner or possessive first, a
// lowercase word before any preposition) has that lowercase word as its head,
// matched by the last word of the role we read ("the mayor").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "crosscheck/brief.h"
#include "eval/files.h"
#include "text/lexicon.h"

namespace fs = std::filesystem;

namespace {

using crosscheck::eval::ReadFile;

// Byte offset of each code point offset (brat counts characters).
std::vector<size_t> CharToByte(const std::string& text) {
  std::vector<size_t> map;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) map.push_back(i);
  map.push_back(text.size());
  return map;
}

struct Span {
  size_t begin, end;
};

struct Content {
  Span span;
  bool direct;
  std::string source;  // the Source text, empty when none
};

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || static_cast<unsigned char>(c) >= 0x80) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Head(std::string source) {
  // The noun phrase before an appositive or a parenthesis: "Rep. Jim Clyburn
  // (D-S.C.), the assistant leader" -> "Rep. Jim Clyburn".
  size_t cut = source.find_first_of(",(");
  if (cut != std::string::npos && cut > 0) source.resize(cut);
  // crosscheck reads curly apostrophes as straight ones; a possessive names
  // its owner ("Hillary Clinton's" campaign said).
  std::string straight;
  for (size_t i = 0; i < source.size(); ++i) {
    if (source.compare(i, 3, "\u2019") == 0) {
      straight += '\'';
      i += 2;
    } else {
      straight += source[i];
    }
  }
  source = std::move(straight);
  std::vector<std::string> w = Words(source);
  static const char* kPrepositions[] = {"of", "for", "at", "with", "in", "from", "on", "who", "that"};
  auto is_preposition = [](const std::string& x) {
    for (const char* p : kPrepositions)
      if (Lower(x) == p) return true;
    return false;
  };
  // A description, not a name: "a Norvik spokesman", "the Harlow senator",
  // "Okafor's office", "a longtime adviser to Okafor". Its head is the noun that
  // ends it before a preposition, when that is a lowercase word (the last
  // capitalized word would be "Norvik", who did not speak).
  if (!w.empty()) {
    const std::string first = Lower(w[0]);
    bool described = first == "a" || first == "an" || first == "the" || first == "one" || first == "another" ||
                     first == "his" || first == "her" || first == "their" || first == "its" ||
                     (w[0].size() > 2 && w[0].ends_with("'s"));
    size_t end = 0;
    while (end < w.size() && !is_preposition(w[end]) && Lower(w[end]) != "to") ++end;
    if (described && end >= 2 && std::islower(static_cast<unsigned char>(w[end - 1][0]))) return Lower(w[end - 1]);
  }
  for (std::string& x : w)
    if (x.size() > 2 && x.ends_with("'s")) x.resize(x.size() - 2);
  // A name, then what the person belongs to: "Mr. Morgan of the Sierra Club",
  // "Rep. Charles B. Ortmann of New York" -> the name. ("Secretary of State Antony
  // Blinken" keeps its name after the role.)
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    const std::string prep = Lower(w[i]);
    if ((prep == "of" || prep == "from" || prep == "at") && std::isupper(static_cast<unsigned char>(w[i - 1][0])) &&
        !crosscheck::text::IsRoleWord(Lower(w[i - 1]))) {
      w.resize(i);
      break;
    }
  }
  for (size_t i = w.size(); i-- > 0;)
    if (std::isupper(static_cast<unsigned char>(w[i][0]))) return Lower(w[i]);
  std::string head;
  for (const std::string& x : w) {
    if (is_preposition(x)) break;
    head = Lower(x);
  }
  return head;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = fs::path(CROSSCHECK_SHARED_DIR) / "data/polnear";
  std::string split = "dev";
  size_t min_words = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--split") == 0 && i + 1 < argc) {
      split = argv[++i];
    } else if (std::strcmp(argv[i], "--min-words") == 0 && i + 1 < argc) {
      min_words = static_cast<size_t>(std::atoi(argv[++i]));
    } else {
      root = argv[i];
    }
  }
  if (!fs::exists(root / split / "text")) {
    std::fprintf(stderr, "polnear: %s has no %s/text; pass the polnear folder\n", root.c_str(), split.c_str());
    return 1;
  }
  crosscheck::BriefOptions options;
  options.extract.read_layout = false;
  crosscheck::Result<crosscheck::Briefer> briefer = crosscheck::Briefer::Create(options);
  if (!briefer.ok()) {
    std::fprintf(stderr, "polnear: %s\n", briefer.status().ToString().c_str());
    return 1;
  }
  std::map<std::string, fs::path> first_annotation;
  for (const auto& a : fs::directory_iterator(root / split / "attributions")) {
    std::string name = a.path().filename().string();
    std::string article = name.substr(0, name.rfind('_'));
    auto it = first_annotation.find(article);
    if (it == first_annotation.end() || a.path() < it->second) first_annotation[article] = a.path();
  }
  auto start = std::chrono::steady_clock::now();
  double ours = 0, ours_scored = 0, gold = 0, hit_gold = 0, hit_ours = 0, hit_ours_scored = 0, speaker_right = 0,
         speaker_pairs = 0;
  // The same, for our whole quotations only (partial ones left out).
  double whole = 0, whole_hit = 0, gold_hit_whole = 0;
  size_t articles = 0;
  for (const auto& [article, ann_path] : first_annotation) {
    std::string text = ReadFile(root / split / "text" / (article + ".txt"));
    std::vector<size_t> byte = CharToByte(text);
    std::map<std::string, std::pair<std::string, Span>> spans;  // T-id -> label, span
    std::vector<std::pair<std::string, std::string>> links;     // content id -> source id
    std::istringstream ann(ReadFile(ann_path));
    for (std::string line; std::getline(ann, line);) {
      std::istringstream l(line);
      std::string id, label;
      l >> id;
      if (id.empty()) continue;
      if (id[0] == 'T') {
        size_t b, e;
        l >> label >> b >> e;
        if (b < byte.size() && e < byte.size()) spans[id] = {label, {byte[b], byte[e]}};
      } else if (id[0] == 'E') {
        std::string part, content, source;
        while (l >> part) {
          if (part.rfind("Content:", 0) == 0) content = part.substr(8);
          if (part.rfind("Source:", 0) == 0) source = part.substr(7);
        }
        if (!content.empty()) links.push_back({content, source});
      }
    }
    std::vector<Content> contents;
    for (const auto& [content, source] : links) {
      auto c = spans.find(content);
      if (c == spans.end()) continue;
      Span s = c->second.second;
      size_t b = s.begin;
      while (b < s.end && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
      // Quotation marks as the texts write them: straight, curly, or typewriter pairs
      // ('' and ``, as some NYT articles here do).
      bool direct = text.compare(b, 1, "\"") == 0 || text.compare(b, 3, "\xE2\x80\x9C") == 0 ||
                    text.compare(b, 2, "''") == 0 || text.compare(b, 2, "``") == 0;
      std::string src;
      auto sp = spans.find(source);
      if (sp != spans.end()) src = text.substr(sp->second.second.begin, sp->second.second.end - sp->second.second.begin);
      contents.push_back({s, direct, src});
    }
    crosscheck::Result<crosscheck::Article> a = briefer->extractor().Extract(text, article);
    if (!a.ok()) continue;
    ++articles;
    crosscheck::Annotations an = briefer->Annotate(*a);
    std::vector<bool> gold_hit(contents.size(), false), gold_hit_by_whole(contents.size(), false);
    for (const Content& c : contents) gold += c.direct;
    for (const auto& q : an.quotes) {
      if (Words(q.text).size() < min_words) continue;
      crosscheck::Span o = a->offsets.ToOriginal(q.span);
      ours += 1;
      int direct_hit = -1;
      bool indirect_only = false;
      for (size_t k = 0; k < contents.size(); ++k) {
        bool overlap = o.begin < contents[k].span.end && contents[k].span.begin < o.end;
        if (!overlap) continue;
        if (contents[k].direct) {
          direct_hit = static_cast<int>(k);
        } else {
          indirect_only = true;
        }
      }
      if (!q.partial) {
        whole += 1;
        whole_hit += direct_hit >= 0;
        if (direct_hit >= 0) gold_hit_by_whole[direct_hit] = true;
      }
      if (direct_hit < 0 && indirect_only) continue;  // a partial quotation inside a paraphrase
      ours_scored += 1;
      if (direct_hit < 0) {
        if (std::getenv("POLNEAR_FP")) std::printf("FP %s\n", q.text.c_str());
        continue;
      }
      hit_ours += 1;
      hit_ours_scored += 1;
      gold_hit[direct_hit] = true;
      const Content& g = contents[direct_hit];
      if (g.source.empty()) continue;
      speaker_pairs += 1;
      std::string head = Head(g.source);
      bool right = false;
      if (q.speaker)
        for (const std::string& w : Words(*q.speaker)) right |= Lower(w) == head;
      if (q.speaker_span) {
        std::vector<std::string> sw = Words(std::string(a->Slice(*q.speaker_span)));
        if (!sw.empty()) right |= Lower(sw.back()) == head;
      }
      speaker_right += right;
      if (std::getenv("POLNEAR_SPEAKER") && !right)
        std::printf("SPEAKER gold [%s] head [%s] ours [%s] span [%s] | %.80s\n", g.source.c_str(), head.c_str(),
                    q.speaker ? q.speaker->c_str() : "-",
                    q.speaker_span ? std::string(a->Slice(*q.speaker_span)).c_str() : "-", q.text.c_str());
    }
    for (size_t k = 0; k < contents.size(); ++k) {
      hit_gold += contents[k].direct && gold_hit[k];
      gold_hit_whole += contents[k].direct && gold_hit_by_whole[k];
    }
    // Precision counted the quotation; every hit was counted above.
    (void)hit_ours;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double r = gold > 0 ? hit_gold / gold : 0;
  auto f1 = [](double p, double rr) { return p + rr > 0 ? 2 * p * rr / (p + rr) : 0; };
  double p_all = ours > 0 ? hit_ours_scored / ours : 0, p_scored = ours_scored > 0 ? hit_ours_scored / ours_scored : 0;
  std::printf("PolNeAR %s, %zu articles, %.0f gold direct quotations, %.0f found (%.0f outside paraphrases)\n",
              split.c_str(), articles, gold, ours, ours_scored);
  std::printf("%-40s %6s %6s %6s\n", "", "P", "R", "F1");
  std::printf("%-40s %6.4f %6.4f %6.4f\n", "span overlap, all our quotations", p_all, r, f1(p_all, r));
  std::printf("%-40s %6.4f %6.4f %6.4f\n", "span overlap, outside paraphrases", p_scored, r, f1(p_scored, r));
  double p_whole = whole > 0 ? whole_hit / whole : 0, r_whole = gold > 0 ? gold_hit_whole / gold : 0;
  std::printf("%-40s %6.4f %6.4f %6.4f\n", "span overlap, our whole quotations", p_whole, r_whole,
              f1(p_whole, r_whole));
  std::printf("speaker accuracy: %.4f (%.0f of %.0f matched quotations with a gold source)\n",
              speaker_pairs > 0 ? speaker_right / speaker_pairs : 0, speaker_right, speaker_pairs);
  std::printf("%.2f s\n", seconds);
  return 0;
}
