#include "relate/entity_merge.h"

#include <algorithm>
#include <array>
#include <optional>
#include <map>
#include <unordered_map>

#include "text/ascii.h"
#include "text/places.h"

namespace crosscheck::relate {
namespace {

using analyze::EntityMention;
using analyze::EntityType;

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

std::string FoldToken(std::string t) {
  if (t.size() < 5) return t;  // short names are too easy to confuse
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == 'k' && i + 1 < t.size() && t[i + 1] == 'h') continue;  // kh -> h
    if (c == 'g' && i + 1 < t.size() && IsVowel(t[i + 1]) && t.size() >= 6) c = 'h';
    if (c == 'y') c = 'i';
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

// Lowercase, no dots or possessives, single spaces.
std::string Plain(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '.') continue;
    if (c == '\'' && i + 1 < name.size() && (name[i + 1] == 's' || name[i + 1] == 'S') &&
        (i + 2 == name.size() || name[i + 2] == ' '))
      break;
    c = text::AsciiLower(c);
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The canonical name of a place or institution, when it is one. An owned name
// ("Russia's Security Council") is that owner's body, never the international one.
std::optional<std::string> GazetteerName(const std::string& plain, EntityType type, bool owned = false) {
  if (type != EntityType::kPerson) {
    if (const text::Place* p = text::FindPlace(plain)) {
      if (p->kind != text::PlaceKind::kDemonym) return p->canonical;
    }
    if (owned) return std::nullopt;
    std::string no_the = plain.rfind("the ", 0) == 0 ? plain.substr(4) : plain;
    if (const std::string* inst = analyze::FindInstitution(no_the)) return *inst;
  }
  return std::nullopt;
}

// Keys of gazetteer names start with "=" so that they never meet a folded name.
std::string GazetteerKey(const std::string& canonical) {
  std::string key = "=";
  key += FoldName(canonical);
  return key;
}

std::string Initials(const std::string& plain) {
  std::string out;
  for (const std::string& w : Split(plain)) {
    if (w == "of" || w == "for" || w == "and" || w == "in" || w == "the" || w == "on") continue;
    out += w[0];
  }
  return out;
}

bool AllCapsName(std::string_view s) {
  size_t letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

}  // namespace

std::string FoldName(std::string_view name) {
  std::string out;
  for (const std::string& t : Split(Plain(name))) {
    if (!out.empty()) out += ' ';
    std::string token;
    for (char c : t)
      if (c != '-') token += c;
    out += FoldToken(token);
  }
  return out;
}

EntityIndex MergeEntities(const std::vector<std::vector<EntityMention>>& mentions) {
  EntityIndex index;
  index.of_mention.resize(mentions.size());
  std::unordered_map<std::string, int> by_key;  // folded key -> entity
  std::map<std::string, std::vector<int>> persons_by_surname;
  struct Pending {
    size_t article, mention;
  };
  std::vector<Pending> singles;  // one-word mentions, attached once full names are known
  std::vector<Pending> acronyms;

  auto type_votes = std::vector<std::array<size_t, 4>>();
  auto add_to = [&](int e, size_t ai, size_t mi) {
    const EntityMention& m = mentions[ai][mi];
    MergedEntity& ent = index.entities[e];
    ent.surfaces.insert(m.text);
    ent.mentions += 1;
    ent.articles.insert(ai);
    ent.group = ent.group && m.group;
    // Person, place and organization come from evidence; "other" is the fallback.
    size_t weight = m.type == EntityType::kOther ? 1 : 3;
    type_votes[e][static_cast<size_t>(m.type)] += weight + (m.role_cue || m.speaker_cue ? 3 : 0);
    index.of_mention[ai][mi] = e;
  };
  auto new_entity = [&](const std::string& key, const std::string& name) {
    index.entities.push_back({});
    index.entities.back().name = name;
    type_votes.push_back({0, 0, 0, 0});
    int e = static_cast<int>(index.entities.size() - 1);
    by_key[key] = e;
    return e;
  };

  for (size_t ai = 0; ai < mentions.size(); ++ai) {
    index.of_mention[ai].assign(mentions[ai].size(), -1);
    for (size_t mi = 0; mi < mentions[ai].size(); ++mi) {
      const EntityMention& m = mentions[ai][mi];
      std::string plain = Plain(m.text);
      if (plain.empty()) continue;
      if (std::optional<std::string> g = GazetteerName(plain, m.type, m.owned)) {
        std::string key = GazetteerKey(*g);
        auto it = by_key.find(key);
        add_to(it != by_key.end() ? it->second : new_entity(key, *g), ai, mi);
        continue;
      }
      std::vector<std::string> words = Split(plain);
      if (m.text.find('-') != std::string::npos && m.type != EntityType::kPerson && words.size() == 1) {
        singles.push_back({ai, mi});  // "Biden-Putin", "Thomas-Greenfield": decided below
        continue;
      }
      if (words.size() == 1) {
        (AllCapsName(m.text) ? acronyms : singles).push_back({ai, mi});
        continue;
      }
      std::string key = FoldName(plain);
      auto it = by_key.find(key);
      int e = it != by_key.end() ? it->second : new_entity(key, m.text);
      add_to(e, ai, mi);
      if (m.type == EntityType::kPerson) {
        std::vector<int>& list = persons_by_surname[FoldToken(words.back())];
        if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
      }
    }
  }
  // A one-word mention is the surname of a person named in full, or a name of its own.
  for (const Pending& p : singles) {
    const EntityMention& m = mentions[p.article][p.mention];
    std::string plain = Plain(m.text);
    std::string folded = FoldName(plain);
    auto sur = persons_by_surname.find(folded);
    if (sur != persons_by_surname.end()) {
      int best = sur->second.front();
      for (int e : sur->second)
        if (index.entities[e].mentions > index.entities[best].mentions) best = e;
      add_to(best, p.article, p.mention);
      continue;
    }
    if (plain.find('-') != std::string::npos) {
      // A compound of names known on their own ("Biden-Putin") is not an entity.
      bool parts_known = true;
      std::string part;
      for (char c : plain + "-") {
        if (c != '-') {
          part += c;
          continue;
        }
        std::optional<std::string> g = GazetteerName(part, EntityType::kLocation);
        parts_known &= persons_by_surname.count(FoldName(part)) || by_key.count(FoldName(part)) ||
                       (g && by_key.count(GazetteerKey(*g)));
        part.clear();
      }
      if (parts_known) continue;
    }
    auto it = by_key.find(folded);
    if (it == by_key.end() && plain.size() > 4 && plain.back() == 's') {
      // "Russias", "Gormans": a possessive that lost its apostrophe.
      std::string stem = plain.substr(0, plain.size() - 1);
      std::optional<std::string> g = GazetteerName(stem, EntityType::kLocation);
      it = by_key.find(g ? GazetteerKey(*g) : FoldName(stem));
      if (it == by_key.end() && persons_by_surname.count(FoldName(stem))) {
        add_to(persons_by_surname[FoldName(stem)].front(), p.article, p.mention);
        continue;
      }
    }
    add_to(it != by_key.end() ? it->second : new_entity(folded, m.text), p.article, p.mention);
  }
  // An acronym joins the organization or place whose initials it is. People are
  // not named by their initials in news ("AP" is an agency, not "Anna Pellow"):
  // an entity the mentions so far call a person is never an acronym's expansion.
  for (const Pending& p : acronyms) {
    const EntityMention& m = mentions[p.article][p.mention];
    std::string plain = Plain(m.text);
    int target = -1;
    for (size_t e = 0; e < index.entities.size() && target < 0; ++e) {
      const auto& votes = type_votes[e];
      const size_t person = votes[static_cast<size_t>(EntityType::kPerson)];
      if (person > 0 && person >= votes[static_cast<size_t>(EntityType::kOrganization)] &&
          person >= votes[static_cast<size_t>(EntityType::kLocation)])
        continue;
      for (const std::string& s : index.entities[e].surfaces) {
        std::string sp = Plain(s);
        if (sp.find(' ') != std::string::npos && Initials(sp) == plain) {
          target = static_cast<int>(e);
          break;
        }
      }
    }
    if (target < 0) {
      // An all-caps word that is not an acronym ("MILLBROOK --" datelines) is a name.
      auto it = by_key.find(FoldName(plain));
      target = it != by_key.end() ? it->second : new_entity(FoldName(plain), m.text);
    }
    add_to(target, p.article, p.mention);
  }

  // Type by vote; the canonical name is the longest form for people, the most
  // frequent otherwise (gazetteer names were set at creation).
  for (size_t e = 0; e < index.entities.size(); ++e) {
    MergedEntity& ent = index.entities[e];
    const auto& v = type_votes[e];
    size_t best = 3;
    for (size_t t = 0; t < 3; ++t)
      if (v[t] > 0 && v[t] >= v[best]) best = t;
    if (v[3] > v[best] * 2) best = 3;
    ent.type = static_cast<EntityType>(best);
    if (ent.type == EntityType::kPerson) {
      for (const std::string& s : ent.surfaces)
        if (Split(Plain(s)).size() > Split(Plain(ent.name)).size()) ent.name = s;
    }
  }
  return index;
}

}  // namespace crosscheck::relate
