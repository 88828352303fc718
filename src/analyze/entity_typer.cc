#include "analyze/entity_typer.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/places.h"

namespace crosscheck::analyze {
namespace {

struct Weight {
  const char* feature;
  std::array<float, 4> by_class;  // kTyperClasses order
};

constexpr Weight kWeights[] = {
#include "analyze/entity_type_weights.inc"
};

const std::unordered_map<std::string_view, const std::array<float, 4>*>& WeightIndex() {
  static const auto* kIndex = [] {
    auto* index = new std::unordered_map<std::string_view, const std::array<float, 4>*>();
    for (const Weight& w : kWeights) index->emplace(w.feature, &w.by_class);
    return index;
  }();
  return *kIndex;
}

bool IsNumber(std::string_view s) { return !s.empty() && text::IsAsciiDigit(s[0]); }

bool HasLowercase(std::string_view s) {
  for (char c : s)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}

// A token as a context feature: numbers as one class, words lowercased. A
// capitalized word stays itself only when the language or the gazetteers know it
// (an everyday word, a role, a place, a state abbreviation, an institution word:
// "said", "Minister", "N.Y.", "Bank"); any other, another name, is one class, so
// the weights learn the words around names, never the names that happened to
// stand next to them in the training text.
std::string ContextWord(std::string_view s, const text::WordList* words) {
  if (IsNumber(s)) return "#num";
  std::string lower = text::AsciiLowered(s);
  if (s.empty() || !text::IsAsciiUpper(s[0])) return lower;
  const text::WordList::Entry* e = words != nullptr ? words->Find(lower) : nullptr;
  const bool known = (e != nullptr && e->lowercase() && e->tier() <= 2) || text::IsRoleWord(lower) ||
                     text::FindPlace(lower) != nullptr || text::IsStateAbbreviation(lower) ||
                     FindInstitution(lower) != nullptr;
  return known ? lower : "#cap";
}

// Whether the mention is followed by ", " and a state's abbreviation ("Marrick,
// N.Y."): the newspaper form of a town.
bool BeforeStateAbbreviation(const Article& a, const EntityMention& m) {
  std::string_view rest = std::string_view(a.text).substr(m.span.end);
  if (!rest.starts_with(", ")) return false;
  rest.remove_prefix(2);
  const size_t end = rest.find_first_of(" ,;)");
  std::string word = text::AsciiLowered(rest.substr(0, end));
  if (!word.empty() && word.back() == ',') word.pop_back();
  return text::IsStateAbbreviation(word) ||
         (word.size() > 1 && word.back() == '.' && text::IsStateAbbreviation(word.substr(0, word.size() - 1)));
}

// The last letters of the name's last word ("-shire", "-ers", "-ov"): spelling
// that hints at a kind without naming anyone.
std::string Suffix(std::string_view name, size_t n) {
  size_t space = name.rfind(' ');
  std::string_view last = space == std::string_view::npos ? name : name.substr(space + 1);
  if (last.size() <= n) return "";
  return text::AsciiLowered(last.substr(last.size() - n));
}

const char* PlaceKindName(text::PlaceKind kind) {
  switch (kind) {
    case text::PlaceKind::kCountry: return "country";
    case text::PlaceKind::kCapital: return "capital";
    case text::PlaceKind::kRegion: return "region";
    case text::PlaceKind::kDemonym: return "demonym";
    case text::PlaceKind::kSubdivision: return "subdivision";
    case text::PlaceKind::kCity: return "city";
  }
  return "";
}

}  // namespace

EntityTypeFeatures::EntityTypeFeatures(const Article& a, const std::vector<EntityMention>& mentions,
                                       const text::WordList* words)
    : a_(a), mentions_(mentions), words_(words) {
  for (const EntityMention& m : mentions) {
    types_of_name_[m.text][static_cast<size_t>(m.type)] += 1;
    if (m.type != EntityType::kPerson) continue;
    for (size_t space = m.text.find(' '); space != std::string::npos; space = m.text.find(' ', space + 1))
      person_name_ends_.insert(m.text.substr(space + 1));
  }
}

std::vector<std::string> EntityTypeFeatures::Of(size_t i) const {
  const EntityMention& m = mentions_[i];
  const std::string rule = EntityTypeName(m.type);
  std::vector<std::string> f = {"bias", "rule=" + rule};
  if (m.role_cue) f.push_back("role");
  if (m.speaker_cue) f.push_back("speaker");

  // The name's shape.
  size_t n_words = 1;
  for (char c : m.text) n_words += c == ' ';
  f.push_back("words=" + std::to_string(std::min<size_t>(n_words, 4)));
  if (!HasLowercase(m.text)) f.push_back("caps|rule=" + rule);
  for (size_t n : {2, 3}) {
    std::string s = Suffix(m.text, n);
    if (!s.empty()) f.push_back("suffix" + std::to_string(n) + "=" + s);
  }
  if (const text::Place* p = text::FindPlace(text::AsciiLowered(m.text)))
    f.push_back(std::string("place=") + PlaceKindName(p->kind));
  if (const text::Place* p = text::FindWiderPlace(m.text))
    f.push_back(std::string("wider=") + PlaceKindName(p->kind));
  if (FindInstitution(text::AsciiLowered(m.text))) f.push_back("institution");
  if (n_words == 1 && words_ != nullptr) {
    const text::WordList::Entry* e = words_->Find(text::AsciiLowered(m.text));
    f.push_back(e == nullptr ? "lexicon=none" : e->lowercase() && e->tier() <= 2 ? "lexicon=everyday" : "lexicon=rare");
  }

  // The words around it, and the line it stands in.
  const Sentence& s = a_.sentences[m.sentence];
  size_t first = s.tokens.size(), last = 0;
  size_t numbers = 0, lowercase_words = 0;
  for (size_t k = 0; k < s.tokens.size(); ++k) {
    const Token& t = s.tokens[k];
    std::string_view w = a_.Slice(t.span);
    numbers += IsNumber(w);
    lowercase_words += t.is_word && !w.empty() && w[0] >= 'a' && w[0] <= 'z';
    if (t.span.begin >= m.span.begin && t.span.end <= m.span.end) {
      first = std::min(first, k);
      last = k;
    }
  }
  if (first < s.tokens.size()) {
    auto at = [&](long k) -> std::string {
      if (k < 0) return "<s>";
      if (k >= static_cast<long>(s.tokens.size())) return "</s>";
      return ContextWord(a_.Slice(s.tokens[k].span), words_);
    };
    const long b = static_cast<long>(first), e = static_cast<long>(last);
    f.push_back("prev=" + at(b - 1));
    f.push_back("prev2=" + at(b - 2) + "_" + at(b - 1));
    f.push_back("next=" + at(e + 1));
    f.push_back("next2=" + at(e + 1) + "_" + at(e + 2));
    f.push_back("prev=" + at(b - 1) + "|rule=" + rule);
    f.push_back("next=" + at(e + 1) + "|rule=" + rule);
  }
  const bool table_line = numbers * 4 >= s.tokens.size() && numbers >= 2;
  if (table_line) f.push_back("table_line|rule=" + rule);
  if (lowercase_words == 0) f.push_back("no_lowercase|rule=" + rule);

  // The article: how the rules type the same name elsewhere, and whether it is the
  // last word of a person's full name.
  const std::array<int, 4>& types = types_of_name_.at(m.text);
  for (size_t t = 0; t < types.size(); ++t) {
    const int others = types[t] - (static_cast<size_t>(m.type) == t ? 1 : 0);
    if (others > 0) f.push_back(std::string("same=") + EntityTypeName(static_cast<EntityType>(t)));
  }
  if (person_name_ends_.count(m.text)) f.push_back("surname_of_person");
  return f;
}

void RetypeEntities(const Article& a, const text::WordList* words, std::vector<EntityMention>& mentions) {
  std::vector<EntityType> types(mentions.size());
  const EntityTypeFeatures features(a, mentions, words);
  for (size_t i = 0; i < mentions.size(); ++i) {
    std::array<float, 4> score = {0, 0, 0, 0};
    for (const std::string& feature : features.Of(i)) {
      auto it = WeightIndex().find(feature);
      if (it == WeightIndex().end()) continue;
      for (size_t c = 0; c < score.size(); ++c) score[c] += (*it->second)[c];
    }
    size_t best = 0;
    for (size_t c = 1; c < score.size(); ++c)
      if (score[c] > score[best]) best = c;
    types[i] = kTyperClasses[best];
    // A name ending in a cue word ("... Party", "... Province") may change type by
    // its context but stays a name: the word says it names a body or a place.
    const EntityMention& m = mentions[i];
    const std::string last_word = text::AsciiLowered(m.text.substr(m.text.rfind(' ') + 1));
    const std::string first_word = text::AsciiLowered(m.text.substr(0, m.text.find(' ')));
    const bool org_cue = IsOrganizationCue(last_word) || (first_word != last_word && IsOrganizationCue(first_word));
    if (types[i] == EntityType::kOther && ((m.type == EntityType::kOrganization && org_cue) ||
                                           (m.type == EntityType::kLocation && IsPlaceCue(last_word))))
      types[i] = m.type;
    // One capitalized word that a reporting verb follows ("Okafor said") and the
    // rules took for a person stays one: a body that speaks is named by a cue
    // word, an acronym or the institutions' list, which the rules type first.
    if (types[i] == EntityType::kOrganization && m.type == EntityType::kPerson && m.speaker_cue &&
        m.text.find(' ') == std::string::npos && HasLowercase(m.text))
      types[i] = EntityType::kPerson;
    // A town in the newspaper form "Marrick, N.Y." is a place, as the rules found.
    if (m.text.find(' ') == std::string::npos && BeforeStateAbbreviation(a, m)) types[i] = EntityType::kLocation;
    // A country, capital or region the gazetteer knows is no person, whatever it
    // "said": "Beijing said" speaks for a government. Nor is a subdivision or city
    // of the wider list named in more than one word ("Sao Paulo"): people are
    // seldom named so; a one-word one may be a surname ("Jackson").
    const text::Place* place = text::FindPlace(text::AsciiLowered(m.text));
    const bool known_place = m.type == EntityType::kLocation && place != nullptr &&
                             place->kind != text::PlaceKind::kDemonym;
    const bool wider_place = m.text.find(' ') != std::string::npos && text::FindWiderPlace(m.text) != nullptr;
    if (types[i] == EntityType::kPerson && (known_place || wider_place)) types[i] = EntityType::kLocation;
  }
  // Types are set after all are scored: features read the rules' types.
  for (size_t i = 0; i < mentions.size(); ++i) mentions[i].type = types[i];
}

}  // namespace crosscheck::analyze
