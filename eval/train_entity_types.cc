// Trains the entity typer (src/analyze/entity_typer.h) on CoNLL-2003 and writes its
// weights as a C++ include.
//
//   build/eval/train_entity_types --half tune --out src/analyze/entity_type_weights.inc
//   options: --half tune|held (default tune), --epochs N (default 8), a path to dev.txt
//
// Each document is read as build/eval/conll2003 reads it; the entity rules find
// the mentions (FindEntitiesByRules) and each becomes one example: the features
// of entity_typer.cc, labelled with the gold type when its span equals a gold
// entity's (MISC counts as "other"), "other" when it overlaps none, and left out
// when it overlaps one only in part (its span is wrong whatever its type). An
// averaged perceptron (Collins 2002) learns one weight per feature and class; the
// examples are shuffled with a fixed seed, so the same data gives the same file.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyze/entities.h"
#include "analyze/entity_typer.h"
#include "crosscheck/brief.h"
#include "eval/conll_reader.h"

namespace fs = std::filesystem;
using crosscheck::analyze::EntityType;
using crosscheck::analyze::kTyperClasses;

namespace {

struct Example {
  std::vector<size_t> features;  // ids
  size_t label;                  // index into kTyperClasses
};

size_t ClassOf(const std::string& conll_type) {
  EntityType t = conll_type == "PER"   ? EntityType::kPerson
                 : conll_type == "ORG" ? EntityType::kOrganization
                 : conll_type == "LOC" ? EntityType::kLocation
                                       : EntityType::kOther;
  return static_cast<size_t>(std::find(kTyperClasses.begin(), kTyperClasses.end(), t) - kTyperClasses.begin());
}

// A C string literal of `s`.
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  fs::path path = fs::path(CROSSCHECK_SHARED_DIR) / "data/conll2003_en/dev.txt";
  std::string half = "tune", out_path;
  int epochs = 8;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--half" && i + 1 < argc) {
      half = argv[++i];
    } else if (arg == "--epochs" && i + 1 < argc) {
      epochs = std::atoi(argv[++i]);
    } else if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else {
      path = argv[i];
    }
  }
  if ((half != "tune" && half != "held") || epochs < 1 || out_path.empty()) {
    std::fprintf(stderr, "train_entity_types: --out FILE is needed; --half is tune or held; --epochs N >= 1\n");
    return 2;
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "train_entity_types: cannot read %s; pass the CoNLL-2003 dev.txt\n", path.c_str());
    return 1;
  }
  std::vector<crosscheck::eval::ConllDocument> docs = crosscheck::eval::ReadConll(in);
  crosscheck::BriefOptions options;
  options.extract.read_layout = false;
  crosscheck::Result<crosscheck::Briefer> briefer = crosscheck::Briefer::Create(options);
  if (!briefer.ok()) {
    std::fprintf(stderr, "train_entity_types: %s\n", briefer.status().ToString().c_str());
    return 1;
  }

  std::unordered_map<std::string, size_t> ids;
  std::vector<std::string> names;
  std::vector<Example> examples;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (!crosscheck::eval::InHalf(d, half) || docs[d].tokens.empty()) continue;
    const crosscheck::eval::ConllDocument& doc = docs[d];
    crosscheck::Result<crosscheck::Article> a = briefer->extractor().Extract(doc.text, "conll-" + std::to_string(d));
    if (!a.ok()) continue;
    std::map<uint32_t, size_t> first_token, last_token;  // byte -> token index
    for (size_t k = 0; k < doc.tokens.size(); ++k) {
      first_token[doc.tokens[k].begin] = k;
      last_token[doc.tokens[k].end] = k;
    }
    std::vector<crosscheck::analyze::EntityMention> mentions =
        crosscheck::analyze::FindEntitiesByRules(*a, briefer->word_list());
    const crosscheck::analyze::EntityTypeFeatures features(*a, mentions, briefer->word_list());
    for (size_t i = 0; i < mentions.size(); ++i) {
      crosscheck::Span o = a->offsets.ToOriginal(mentions[i].span);
      auto b = first_token.find(o.begin);
      auto l = last_token.find(o.end);
      if (b == first_token.end() || l == last_token.end()) continue;
      const size_t mb = b->second, me = l->second + 1;
      long label = static_cast<long>(ClassOf("O"));
      for (const auto& [gb, ge, type] : doc.gold) {
        if (gb == mb && ge == me) {
          label = static_cast<long>(ClassOf(type));
          break;
        }
        if (gb < me && mb < ge) label = -1;  // overlaps in part
      }
      if (label < 0) continue;
      Example ex{{}, static_cast<size_t>(label)};
      for (const std::string& f : features.Of(i)) {
        auto [it, added] = ids.emplace(f, names.size());
        if (added) names.push_back(f);
        ex.features.push_back(it->second);
      }
      examples.push_back(std::move(ex));
    }
  }

  // Averaged perceptron: `total` accumulates each weight times the steps it held,
  // updated lazily at the step the weight changes.
  const size_t classes = kTyperClasses.size();
  std::vector<float> w(names.size() * classes, 0), total(names.size() * classes, 0);
  std::vector<long> since(names.size() * classes, 0);
  long step = 0;
  std::mt19937 rng(20261207);
  std::vector<size_t> order(examples.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  auto update = [&](size_t slot, float delta) {
    total[slot] += w[slot] * static_cast<float>(step - since[slot]);
    since[slot] = step;
    w[slot] += delta;
  };
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t errors = 0;
    for (size_t k : order) {
      const Example& ex = examples[k];
      ++step;
      std::vector<float> score(classes, 0);
      for (size_t f : ex.features)
        for (size_t c = 0; c < classes; ++c) score[c] += w[f * classes + c];
      const size_t guess = static_cast<size_t>(std::max_element(score.begin(), score.end()) - score.begin());
      if (guess == ex.label) continue;
      ++errors;
      for (size_t f : ex.features) {
        update(f * classes + ex.label, 1);
        update(f * classes + guess, -1);
      }
    }
    std::fprintf(stderr, "epoch %d: %zu of %zu examples wrong\n", epoch + 1, errors, examples.size());
  }
  for (size_t slot = 0; slot < w.size(); ++slot) total[slot] += w[slot] * static_cast<float>(step - since[slot]);

  std::vector<size_t> sorted(names.size());
  for (size_t k = 0; k < sorted.size(); ++k) sorted[k] = k;
  std::sort(sorted.begin(), sorted.end(), [&](size_t x, size_t y) { return names[x] < names[y]; });
  std::ofstream out(out_path);
  out << "// Weights of the entity typer (src/analyze/entity_typer.h), one row per feature, columns\n"
      << "// person, organization, location, other. Written by\n"
      << "//   build/eval/train_entity_types --half " << half << " --epochs " << epochs << " --out <this file>\n"
      << "// from the " << examples.size() << " mentions the rules find in the CoNLL-2003 dev split's " << half
      << " half; do not edit by hand.\n";
  size_t written = 0;
  for (size_t f : sorted) {
    std::array<float, 4> avg{};
    bool any = false;
    for (size_t c = 0; c < classes; ++c) {
      avg[c] = std::round(total[f * classes + c] / static_cast<float>(step) * 1000) / 1000;
      any |= avg[c] != 0;
    }
    if (!any) continue;
    char row[160];
    std::snprintf(row, sizeof row, ", {%g, %g, %g, %g}},\n", avg[0], avg[1], avg[2], avg[3]);
    out << "{" << Quoted(names[f]) << row;
    ++written;
  }
  std::fprintf(stderr, "%zu examples, %zu features, %zu written to %s\n", examples.size(), names.size(), written,
               out_path.c_str());
  return 0;
}
