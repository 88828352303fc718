#include "analyze/entities.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <utf8proc.h>

#include "analyze/entity_typer.h"
#include "text/ascii.h"
#include "text/lexicon.h"
#include "text/places.h"

namespace crosscheck::analyze {

// Words that make a capitalized run an organization when they end it.
bool IsOrganizationCue(std::string_view w) {
  static const std::unordered_set<std::string_view> kCues = {
      "ministry", "department", "council", "committee", "commission", "agency", "authority", "board",
      "bank", "union", "organization", "organisation", "association", "party", "parliament", "assembly",
      "court", "office", "service", "services", "corporation", "corp", "company", "co", "inc", "ltd",
      "group", "university", "institute", "foundation", "fund", "forces", "army", "navy", "police",
      "times", "post", "news", "press", "radio", "tv", "television", "network", "house", "kremlin",
      "pentagon", "congress", "senate", "duma", "government", "administration", "alliance", "federation",
      "republic", "league", "coalition", "movement", "front", "guard", "command", "bureau", "secretariat",
      "cabinet", "embassy", "consulate", "mission", "exchange", "reserve", "industries", "airlines",
      "systems", "technologies", "holdings", "partners", "media", "tribune", "journal", "herald",
      "gazette", "ledger", "courier", "daily", "weekly", "wire", "hospital", "school", "college", "club"};
  return kCues.count(w) > 0;
}

// Words that make a capitalized run a place when they end it.
bool IsPlaceCue(std::string_view w) {
  static const std::unordered_set<std::string_view> kCues = {
      "river", "sea", "lake", "ocean", "mountains", "mountain", "mount", "island", "islands", "valley",
      "province", "region", "oblast", "county", "district", "state", "street", "avenue", "square",
      "airport", "dam", "bay", "peninsula", "strait", "gulf", "desert", "forest", "park", "bridge",
      "canal", "coast", "city", "town", "village", "port", "harbour", "harbor", "heights", "plain",
      "border", "territory", "territories", "field", "airfield", "base", "station", "highway", "road"};
  return kCues.count(w) > 0;
}

namespace {

struct Tok {
  std::string_view text;
  std::string lower;  // ASCII-lowercased, dots removed ("u.s." -> "us")
  Span span;
  bool word;
};


bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  if (text::IsAsciiUpper(s[0])) return true;
  if (static_cast<unsigned char>(s[0]) < 0x80) return false;
  utf8proc_int32_t cp;
  if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                       &cp) <= 0)
    return false;
  return utf8proc_isupper(cp);
}

bool AllCaps(std::string_view s) {
  size_t letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letters += text::IsAsciiUpper(c);
  }
  return letters >= 2;
}

std::string LowerNoDots(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '.') continue;
    out += text::AsciiLower(c);
  }
  return out;
}

// Courtesy titles: what follows is a person's name.
bool IsHonorific(const std::string& w) {
  return w == "mr" || w == "mrs" || w == "ms" || w == "mx" || w == "messrs" || w == "mme" || w == "mlle" ||
         w == "dr" || w == "sir" || w == "dame";
}

// Common nouns for a kind of body, which make the name after them an
// organization: "imaging firm Maxar", "the militant group Hamas", "carmaker Toyota".
bool IsBodyWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "firm", "company", "group", "agency", "carrier", "airline", "maker", "carmaker", "automaker",
      "giant", "retailer", "broadcaster", "newspaper", "daily", "bank", "lender", "insurer", "startup",
      "conglomerate", "manufacturer", "publisher", "network", "channel", "outlet", "website", "club",
      "party", "movement", "organization", "organisation", "charity", "watchdog", "regulator",
      "operator", "producer", "supplier", "contractor", "developer", "consultancy", "brokerage"};
  return kWords.count(w) > 0;
}

// Modifiers that belong to a role phrase ("Foreign Minister", "Press Secretary").
bool IsRoleModifier(const std::string& w) {
  static const std::unordered_set<std::string> kModifiers = {
      "foreign", "defense", "defence", "interior", "finance", "state", "press", "general", "chief",
      "executive", "senior", "deputy", "vice", "prime", "home", "health", "justice", "trade",
      "economy", "economic", "energy", "security", "national", "first", "supreme", "high", "former",
      "acting", "assistant", "associate", "special", "attorney", "lead", "top", "of", "the", "sec"};
  return kModifiers.count(w) > 0;
}

const std::unordered_map<std::string, std::string>& Institutions() {
  // Canonical name <- other names, lowercase without dots.
  static const auto* kMap = [] {
    auto* m = new std::unordered_map<std::string, std::string>();
    const std::vector<std::vector<std::string>> kGroups = {
        {"United Nations", "un", "united nations", "the united nations"},
        {"UN Security Council", "un security council", "united nations security council", "security council"},
        {"UN General Assembly", "un general assembly", "general assembly"},
        {"European Union", "eu", "european union"},
        {"European Commission", "european commission"},
        {"European Parliament", "european parliament"},
        {"NATO", "nato", "north atlantic treaty organization"},
        {"OSCE", "osce", "organization for security and co-operation in europe",
         "organization for security and cooperation in europe"},
        {"White House", "white house"},
        {"Kremlin", "kremlin"},
        {"Pentagon", "pentagon"},
        {"State Department", "state department", "us state department"},
        {"US Congress", "congress", "us congress"},
        {"World Bank", "world bank"},
        {"International Monetary Fund", "imf", "international monetary fund"},
        {"World Health Organization", "who", "world health organization"},
        {"World Trade Organization", "wto", "world trade organization"},
        {"International Atomic Energy Agency", "iaea", "international atomic energy agency"},
        {"International Criminal Court", "icc", "international criminal court"},
        {"African Union", "au", "african union"},
        {"Association of Southeast Asian Nations", "asean"},
        {"Group of Seven", "g7", "group of seven"},
        {"Group of 20", "g20", "group of 20"},
        {"Red Cross", "red cross", "international committee of the red cross", "icrc"},
        {"Federal Reserve", "federal reserve", "fed"},
        {"European Central Bank", "ecb", "european central bank"},
        {"Federation Council", "federation council"},
        {"Foreign Ministry", "foreign ministry"},
    };
    for (const auto& g : kGroups)
      for (size_t i = 1; i < g.size(); ++i) m->emplace(g[i], g[0]);
    return m;
  }();
  return *kMap;
}

// Initials: "D.", "G.K.".
bool IsInitials(std::string_view s) {
  if (s.size() < 2 || s.size() % 2 != 0) return false;
  for (size_t i = 0; i < s.size(); i += 2)
    if (!text::IsAsciiUpper(s[i]) || s[i + 1] != '.') return false;
  return true;
}

// A token that can be part of a person's name: capitalized and not a common
// English word (names that are also words, "Rose", "Bill", are capitalized entries).
// After a role ("Foreign Secretary Liz Truss") any capitalized word will do:
// `words` is then null.
// `place_ok`: a place name may be part of this name, as a surname after a first
// name ("Chief Chuck Jordan").
bool IsNameToken(const Tok& t, const text::WordList* words, bool place_ok = false) {
  if (t.word && IsInitials(t.text)) return true;
  if (!StartsUpper(t.text) || AllCaps(t.text) || !t.word) return false;
  if (text::IsFunctionWord(t.lower) || text::IsRoleWord(t.lower) || text::MonthNumber(t.lower) ||
      text::WeekdayNumber(t.lower) || IsOrganizationCue(t.lower) || IsPlaceCue(t.lower))
    return false;
  if (!place_ok && text::FindPlace(t.lower) != nullptr) return false;
  if (words == nullptr) return true;
  const text::WordList::Entry* e = words->Find(t.text);
  return e == nullptr || e->capitalized();
}

// The end of a US state's newspaper abbreviation at toks[i] ("Wyo." "N.Y.", the
// dot included when it is written against the word), or 0 when there is none.
// Without its dot ("Fla", as some wires write it) the abbreviation must end the
// clause, so that "Miss Marple" stays a name. "N.Y.-based" is no place.
size_t StateAbbreviationEnd(const std::vector<Tok>& toks, size_t i) {
  const Tok& t = toks[i];
  if (!t.word || !StartsUpper(t.text)) return 0;
  size_t end = 0;
  if (t.text.size() >= 3 && t.text.back() == '.') {  // "N.Y." is one token
    if (text::IsStateAbbreviation(text::AsciiLowered(t.text.substr(0, t.text.size() - 1)))) end = i + 1;
  } else if (!AllCaps(t.text) && text::IsStateAbbreviation(t.lower)) {
    if (i + 1 >= toks.size()) return i + 1;
    const Tok& next = toks[i + 1];
    if (next.text == "." && next.span.begin == t.span.end) end = i + 2;
    else if (!next.word) end = i + 1;
  }
  // "a St. Louis, Mo.-based firm": part of a compound adjective, not the state.
  if (end > 0 && end < toks.size() && toks[end].text == "-" && toks[end].span.begin == toks[end - 1].span.end)
    return 0;
  return end;
}

// Tokens that may start or continue a capitalized run.
bool IsCapitalized(const Tok& t) {
  if (!t.word) return false;
  return StartsUpper(t.text);
}

bool IsConnector(const std::string& w) {
  return w == "of" || w == "for" || w == "and" || w == "in" || w == "on" || w == "the" || w == "de" ||
         w == "del" || w == "la" || w == "von" || w == "van" || w == "bin" || w == "al" || w == "da" ||
         w == "-";
}

struct Run {
  size_t b, e;  // token indices [b, e)
};

// The lowercase words of toks[b, e), space-separated: the key of the gazetteers.
std::string JoinLower(const std::vector<Tok>& toks, size_t b, size_t e) {
  std::string out;
  for (size_t k = b; k < e; ++k) {
    if (k > b) out += ' ';
    out += toks[k].lower;
  }
  return out;
}

}  // namespace

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganization: return "organization";
    case EntityType::kLocation: return "location";
    case EntityType::kOther: return "other";
  }
  return "other";
}

const std::string* FindInstitution(const std::string& lower) {
  auto it = Institutions().find(lower);
  return it == Institutions().end() ? nullptr : &it->second;
}

std::vector<EntityMention> FindEntities(const Article& a, const text::WordList* words) {
  std::vector<EntityMention> found = FindEntitiesByRules(a, words);
  RetypeEntities(a, words, found);
  // A people, faith or region written alone is a word of the story, not a name
  // of one: untyped and marked, so that relating articles keeps it and lists
  // leave it out.
  for (EntityMention& m : found) {
    if (m.text.find(' ') == std::string::npos && text::IsGroupAdjective(text::AsciiLowered(m.text))) {
      m.type = EntityType::kOther;
      m.group = true;
    }
  }
  if (words == nullptr) return found;
  // A lone everyday word that opens a sentence, left untyped, and is capitalized
  // nowhere else in the article took its capital from its place: "Key questions
  // remain", "Numbers were not released". A name keeps its capital everywhere;
  // one joined to another name is one too ("Peter and John Campbell").
  auto capital_by_position = [&](const EntityMention& m) {
    const std::vector<Token>& tokens = a.sentences[m.sentence].tokens;
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (!tokens[k].is_word) continue;
      if (tokens[k].span.begin != m.span.begin) return false;
      const bool joined = k + 2 < tokens.size() && (a.Slice(tokens[k + 1].span) == "and" ||
                                                    a.Slice(tokens[k + 1].span) == "or") &&
                          StartsUpper(a.Slice(tokens[k + 2].span));
      return !joined;
    }
    return false;
  };
  std::unordered_set<std::string> capitalized_inside;
  for (const EntityMention& m : found)
    if (!capital_by_position(m)) capitalized_inside.insert(m.text);
  std::vector<EntityMention> out;
  out.reserve(found.size());
  for (EntityMention& m : found) {
    if (m.type == EntityType::kOther && m.text.find(' ') == std::string::npos && capital_by_position(m) &&
        !capitalized_inside.count(m.text)) {
      const text::WordList::Entry* entry = words->Find(text::AsciiLowered(m.text));
      if (entry != nullptr && entry->lowercase() && entry->tier() <= 2) continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<EntityMention> FindEntitiesByRules(const Article& a, const text::WordList* words) {
  std::vector<EntityMention> out;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& sentence = a.sentences[si];
    std::vector<Tok> toks;
    toks.reserve(sentence.tokens.size());
    for (const Token& t : sentence.tokens) toks.push_back({a.Slice(t.span), LowerNoDots(a.Slice(t.span)), t.span, t.is_word});
    // The first word of a sentence (after opening quotes) is capitalized anyway.
    size_t first_word = 0;
    while (first_word < toks.size() && !toks[first_word].word) ++first_word;

    // A line written in capitals (a headline, a section label such as "SOCCER"):
    // most of its words, and at least three, in capitals.
    size_t words_in = 0, capitals = 0;
    for (const Tok& t : toks) {
      if (!t.word || t.text.empty()) continue;
      if (!StartsUpper(t.text) && !(t.text[0] >= 'a' && t.text[0] <= 'z')) continue;
      ++words_in;
      capitals += t.text.size() > 1 && AllCaps(t.text);
    }
    const bool shouted = words_in >= 3 && capitals * 10 >= words_in * 6;
    const bool paragraph_start = si == 0 || a.sentences[si - 1].paragraph != sentence.paragraph;

    auto emit = [&](size_t b, size_t e, EntityType type, bool role, bool speaker) {
      EntityMention m;
      m.span = {toks[b].span.begin, toks[e - 1].span.end};
      m.text = std::string(a.Slice(m.span));
      m.type = type;
      m.sentence = si;
      m.role_cue = role;
      m.speaker_cue = speaker;
      m.owned = b > 0 && toks[b - 1].lower == "'s";
      out.push_back(std::move(m));
    };

    for (size_t i = 0; i < toks.size();) {
      if (!IsCapitalized(toks[i])) {
        ++i;
        continue;
      }
      // Grow the run; connectors only between capitalized tokens, hyphens only
      // when written without spaces.
      size_t e = i + 1;
      while (e < toks.size()) {
        if (IsCapitalized(toks[e])) {
          ++e;
          continue;
        }
        // A plural's possessive inside a name: "Donetsk People's Republic", "Women's
        // National Basketball Association".
        if (toks[e].lower == "'s" && e + 1 < toks.size() && IsCapitalized(toks[e + 1]) &&
            toks[e + 1].span.begin == toks[e].span.end + 1 &&
            (toks[e - 1].lower == "people" || toks[e - 1].lower == "children" || toks[e - 1].lower == "women" ||
             toks[e - 1].lower == "men")) {
          e += 2;
          continue;
        }
        // An initial inside a name: "Mary J. Blige", "Michael A. Cusumano".
        if (toks[e].lower == "" && toks[e].text == "." && e + 1 < toks.size() && IsCapitalized(toks[e + 1]) &&
            toks[e - 1].text.size() == 1 && text::IsAsciiUpper(toks[e - 1].text[0])) {
          ++e;
          continue;
        }
        // "Co-operation in Europe": a hyphenated lowercase part inside a longer name.
        if (toks[e].lower == "-" && e + 2 < toks.size() && toks[e].span.begin == toks[e - 1].span.end &&
            toks[e + 1].span.begin == toks[e].span.end && toks[e + 1].word && !IsCapitalized(toks[e + 1]) &&
            (IsConnector(toks[e + 2].lower) || IsCapitalized(toks[e + 2])) && e - i >= 2) {
          e += 2;
          continue;
        }
        if (IsConnector(toks[e].lower) && e + 1 < toks.size() && IsCapitalized(toks[e + 1])) {
          bool hyphen = toks[e].lower == "-";
          if (hyphen && (toks[e].span.begin != toks[e - 1].span.end || toks[e + 1].span.begin != toks[e].span.end)) break;
          e += 2;
          continue;
        }
        break;
      }
      const size_t run_begin = i, run_end = e;
      i = e;

      // "and"/"in"/"on"/"the" join only organization names; otherwise cut there.
      bool org_cue = false;
      for (size_t k = run_begin; k < run_end; ++k) org_cue |= IsOrganizationCue(toks[k].lower);
      std::vector<Run> runs;
      size_t start = run_begin;
      for (size_t k = run_begin; k < run_end; ++k) {
        const std::string& w = toks[k].lower;
        bool weak = w == "and" || w == "in" || w == "on" || w == "the";
        bool drop = text::MonthNumber(w).has_value() || text::WeekdayNumber(w).has_value();
        // A known institution ends before "in": "the UN Security Council in New York".
        bool known_before = (w == "in" || w == "on") && k > start && FindInstitution(JoinLower(toks, start, k));
        if ((weak && !org_cue) || drop || known_before) {
          if (k > start) runs.push_back({start, k});
          start = k + 1;
        }
      }
      if (run_end > start) runs.push_back({start, run_end});

      for (Run r : runs) {
        // Leading articles and sentence-initial common words are not names.
        while (r.b < r.e) {
          const Tok& t = toks[r.b];
          bool common = false;
          if ((r.b == first_word && !AllCaps(t.text)) || t.lower == "the" || t.lower == "a") {
            // A sentence-initial common word is capitalized only by position, unless
            // a name goes on after it ("General Motors", "Regional Governor X").
            const text::WordList::Entry* entry = words ? words->Find(t.text) : nullptr;
            bool alone = r.e - r.b == 1;
            // A capital that only the largest lists know ("New", "Recent") makes no name.
            const bool name_too = entry != nullptr && entry->capitalized() && entry->capitalized_tier < 3;
            // Nor is it when a preposition follows: "Shares of Acme rose", "Police in
            // Leeds said" (a body's own name goes on: "Bank of England").
            const std::string_view next = r.b + 1 < r.e ? std::string_view(toks[r.b + 1].lower) : "";
            const bool everyday =
                entry != nullptr && entry->lowercase() && !name_too && text::FindPlace(t.lower) == nullptr;
            const bool cue = IsOrganizationCue(t.lower);
            common = text::IsFunctionWord(t.lower) || (alone && everyday && !cue) ||
                     (everyday && next == "of" && !cue) || (everyday && (next == "in" || next == "on"));
          }
          if (!common && !IsConnector(t.lower)) break;
          ++r.b;
        }
        while (r.e > r.b && IsConnector(toks[r.e - 1].lower)) --r.e;
        if (r.b >= r.e) continue;
        // A newswire dateline: "LONDON 1996-08-30", "BIRMINGHAM, England", "WASHINGTON
        // (Reuters) -" at the start of a paragraph is where the report was filed.
        if (paragraph_start && r.b == first_word && r.e < toks.size()) {
          // Section labels in capitals ("SOCCER -", "RUGBY UNION -") are everyday words.
          bool caps = true, everyday = words != nullptr;
          for (size_t k = r.b; k < r.e; ++k) {
            caps &= AllCaps(toks[k].text) || !toks[k].word;
            const text::WordList::Entry* entry = words ? words->Find(toks[k].lower) : nullptr;
            everyday &= !toks[k].word || (entry != nullptr && entry->lowercase() && entry->tier() <= 2 &&
                                          text::FindPlace(toks[k].lower) == nullptr);
          }
          caps &= !everyday;
          std::string_view next = toks[r.e].text;
          bool year = next.size() >= 4 && (next.starts_with("19") || next.starts_with("20")) &&
                      std::all_of(next.begin(), next.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
          bool follows = next == "," || next == "(" || next == "-" || next == "--" || year;
          if (caps && follows && !FindInstitution(JoinLower(toks, r.b, r.e))) {
            emit(r.b, r.e, EntityType::kLocation, false, false);
            continue;
          }
        }
        if (shouted) {
          // In a line written in capitals, capitals say nothing: only known places
          // and institutions are names.
          const std::string all = JoinLower(toks, r.b, r.e);
          const text::Place* place = text::FindPlace(all);
          if (place != nullptr && place->kind != text::PlaceKind::kDemonym) {
            emit(r.b, r.e, EntityType::kLocation, false, false);
          } else if (FindInstitution(all)) {
            emit(r.b, r.e, EntityType::kOrganization, false, false);
          }
          continue;
        }
        // "(D-N.C.)" after a lawmaker's name is a party and state, not an entity.
        if (r.b > 0 && toks[r.b - 1].text == "(" && toks[r.b].text.size() == 1 && r.b + 1 < toks.size() &&
            toks[r.b + 1].text == "-")
          continue;
        if (r.e - r.b == 1) {
          // "I", "I'm", and compass adjectives ("Western nations") name nobody.
          std::string_view w = toks[r.b].lower;
          size_t apostrophe = w.find('\'');
          if ((text::IsFunctionWord(w.substr(0, apostrophe)) && !AllCaps(toks[r.b].text)) || w == "western" || w == "eastern" ||
              w == "northern" || w == "southern")
            continue;
        }
        // An acronym before a name ("UN Linda Thomas-Greenfield") or after a long
        // name it abbreviates ("... in Europe OSCE") is an entity of its own.
        if (r.e - r.b >= 3 && AllCaps(toks[r.b].text) && !text::IsRoleWord(toks[r.b].lower)) {
          bool names = true;
          for (size_t k = r.b + 1; k < r.e; ++k) names &= IsNameToken(toks[k], nullptr) || toks[k].lower == "-";
          if (names) {
            const text::Place* place = text::FindPlace(toks[r.b].lower);
            emit(r.b, r.b + 1, place ? EntityType::kLocation : EntityType::kOrganization, false, false);
            ++r.b;
          }
        }
        if (r.e - r.b >= 2 && AllCaps(toks[r.e - 1].text) && !AllCaps(toks[r.e - 2].text) &&
            toks[r.e - 1].lower.size() >= 3) {
          emit(r.e - 1, r.e, EntityType::kOrganization, false, false);
          --r.e;
        }

        // A US state in newspaper style after a town: "Cheyenne, Wyo.", "Albany, N.Y.".
        if (r.e - r.b == 1 && r.b > 0 && toks[r.b - 1].text == ",") {
          const size_t end = StateAbbreviationEnd(toks, r.b);
          if (end > r.b) {
            emit(r.b, end, EntityType::kLocation, false, false);
            continue;
          }
        }
        const bool speaker_after = r.e < toks.size() && text::IsReportingVerb(toks[r.e].lower);
        // An honorific makes the words after it a name, even words that are roles
        // elsewhere: "Mr. King", "Ms Bishop", "Dr. Judge".
        const bool after_honorific = (r.b > 0 && IsHonorific(toks[r.b - 1].lower)) ||
                                     (r.b > 1 && toks[r.b - 1].text == "." && IsHonorific(toks[r.b - 2].lower));
        const size_t name_from = after_honorific                                   ? r.b
                                 : r.e - r.b >= 2 && IsHonorific(toks[r.b].lower) ? r.b + 1
                                                                                   : r.e;
        if (name_from < r.e && r.e - name_from <= 4) {
          emit(name_from, r.e, EntityType::kPerson, true, speaker_after);
          continue;
        }
        // A given name before a role word that ends the run makes that word a
        // surname: "Charlie King", "Howard Dean". A given name here is a word the
        // common lists know only with a capital (not "Democratic", "Saudi").
        if (words != nullptr && r.e - r.b >= 2 && r.e - r.b <= 4 && text::IsRoleWord(toks[r.e - 1].lower)) {
          const text::WordList::Entry* given = words->Find(toks[r.b].text);
          bool surname = given != nullptr && given->capitalized_tier != 0 && given->capitalized_tier < 3 &&
                         (given->lowercase_tier == 0 || given->lowercase_tier == 3) &&
                         text::FindPlace(toks[r.b].lower) == nullptr && !text::IsRoleWord(toks[r.b].lower);
          for (size_t k = r.b + 1; k + 1 < r.e; ++k) surname &= IsNameToken(toks[k], nullptr, true);
          if (surname) {
            emit(r.b, r.e, EntityType::kPerson, false, speaker_after);
            continue;
          }
        }
        // The last role phrase splits context (before) from a person (after).
        size_t role_end = r.b, role_begin = r.e;
        for (size_t k = r.b; k < r.e; ++k) {
          if (text::IsRoleWord(toks[k].lower)) {
            size_t rb = k;
            while (rb > r.b && (IsRoleModifier(toks[rb - 1].lower) || text::IsRoleWord(toks[rb - 1].lower))) --rb;
            size_t re = k + 1;
            while (re < r.e && (IsRoleModifier(toks[re].lower) || text::IsRoleWord(toks[re].lower))) ++re;
            // "of State" belongs to the role; a trailing "of" does not.
            while (re > k + 1 && (toks[re - 1].lower == "of" || toks[re - 1].lower == "the")) --re;
            role_begin = rb;
            role_end = re;
            k = re - 1;
          }
        }
        // A role just before, spelled out or abbreviated ("Rep. John Mica").
        bool role_before = (r.b > 0 && text::IsRoleWord(toks[r.b - 1].lower)) ||
                           (r.b > 1 && toks[r.b - 1].text == "." && text::IsRoleWord(toks[r.b - 2].lower));
        // '," said John Mica': a name of two words or more after the verb.
        bool speaker_before = r.b > 0 && r.e - r.b >= 2 &&
                              (toks[r.b - 1].lower == "said" || toks[r.b - 1].lower == "says" ||
                               toks[r.b - 1].lower == "added" || toks[r.b - 1].lower == "wrote");
        if (role_begin < r.e) {
          // Context before the role ("U.S.", "White House") is its own entity.
          if (role_begin > r.b) {
            const std::string ctx = JoinLower(toks, r.b, role_begin);
            const text::Place* place = text::FindPlace(ctx);
            if (place != nullptr && place->kind != text::PlaceKind::kDemonym) {
              emit(r.b, role_begin, EntityType::kLocation, false, false);
            } else if (FindInstitution(ctx) || IsOrganizationCue(toks[role_begin - 1].lower)) {
              emit(r.b, role_begin, EntityType::kOrganization, false, false);
            }
          }
          // The person after the role: name tokens only. A lone common word is not
          // a name ("General Motors").
          size_t pb = role_end, pe = pb;
          while (pe < r.e && IsNameToken(toks[pe], nullptr, pe > pb)) ++pe;
          bool lone_word = pe == pb + 1 && !IsNameToken(toks[pb], words);
          if (pe > pb && pe == r.e && !lone_word) {
            emit(pb, pe, EntityType::kPerson, true, speaker_after);
            continue;
          }
          if (pe == pb && role_end == r.e) continue;  // a role alone: "the Foreign Minister"
          // Otherwise the run is a name that contains a role word ("General Motors").
        }

        const std::string all = JoinLower(toks, r.b, r.e);
        const std::string& last = toks[r.e - 1].lower;
        if (const text::Place* place = text::FindPlace(all)) {
          if (place->kind != text::PlaceKind::kDemonym) emit(r.b, r.e, EntityType::kLocation, false, false);
          continue;
        }
        if (FindInstitution(all)) {
          emit(r.b, r.e, EntityType::kOrganization, false, false);
          continue;
        }
        // With a role before or a reporting verb after, any capitalized words are a name.
        const text::WordList* name_words = role_before || speaker_after || speaker_before ? nullptr : words;
        bool all_names = true;
        bool org_word = false;
        for (size_t k = r.b; k < r.e; ++k) {
          bool initial_dot = toks[k].text == "." && k > r.b && toks[k - 1].text.size() == 1;
          all_names &= IsNameToken(toks[k], name_words) || toks[k].lower == "-" || initial_dot;
          org_word |= IsOrganizationCue(toks[k].lower);
        }
        bool before_place_word = r.b >= 2 && toks[r.b - 1].lower == "of" &&
                                 (toks[r.b - 2].lower == "town" || toks[r.b - 2].lower == "city" ||
                                  toks[r.b - 2].lower == "village" || toks[r.b - 2].lower == "region" ||
                                  toks[r.b - 2].lower == "province" || toks[r.b - 2].lower == "settlement");
        static const std::unordered_set<std::string_view> kPlaceAfter = {
            "region", "regions", "province", "city", "town", "village", "oblast", "district", "area",
            "border", "republic", "peninsula", "valley", "river", "county", "state", "capital"};
        static const std::unordered_set<std::string_view> kPlaceBefore = {"in", "near", "outside", "across",
                                                                          "around", "from", "into", "towards"};
        bool place_word_after = r.e < toks.size() && !IsCapitalized(toks[r.e]) && kPlaceAfter.count(toks[r.e].lower);
        bool place_prep_before = r.b > 0 && kPlaceBefore.count(toks[r.b - 1].lower) && !speaker_after;
        // A common noun for a kind of body just before ("imaging firm Maxar").
        bool kind_before = r.b > 0 && !IsCapitalized(toks[r.b - 1]) && IsBodyWord(toks[r.b - 1].lower) &&
                           r.e - r.b <= 4;
        // "in Smith's office": the name owns something; a person as often as a place.
        bool possessive = r.e < toks.size() && toks[r.e].lower == "'s";
        // A word in capitals that is an everyday word ("NOTE", "ORDERS") is emphasis
        // or a label, not an acronym; a cue word alone ("Police") names no one body.
        if (r.e - r.b == 1 && AllCaps(toks[r.b].text) && toks[r.b].lower.size() >= 4 && words != nullptr) {
          const text::WordList::Entry* entry = words->Find(toks[r.b].lower);
          if (entry != nullptr && entry->lowercase() && entry->tier() <= 2) continue;
        }
        if (r.e - r.b == 1 && IsOrganizationCue(last) && !AllCaps(toks[r.b].text)) continue;
        if (IsOrganizationCue(last) || (AllCaps(toks[r.b].text) && r.e - r.b == 1) || (org_word && r.e - r.b >= 3)) {
          emit(r.b, r.e, EntityType::kOrganization, false, false);
        } else if (IsPlaceCue(last) || before_place_word || place_word_after) {
          emit(r.b, r.e, EntityType::kLocation, false, false);
        } else if (r.e - r.b >= 3 && r.e - r.b <= 5 && toks[r.b].text.size() == 1 && text::IsAsciiUpper(toks[r.b].text[0]) &&
                   toks[r.b + 1].text == "." && IsCapitalized(toks[r.e - 1])) {
          // "M. Butcher", "G.K. Chesterton": initials then a name.
          emit(r.b, r.e, EntityType::kPerson, role_before, speaker_after);
        } else if (kind_before && !role_before) {
          emit(r.b, r.e, EntityType::kOrganization, false, speaker_after);
        } else if (place_prep_before && toks[r.b - 1].lower != "from" && !role_before && !speaker_before && !possessive) {
          // "in New York", "near Mazy": people are seldom "in" anyone; "from" them they often hear.
          emit(r.b, r.e, EntityType::kLocation, false, false);
        } else if (all_names && (role_before || speaker_after || speaker_before || (r.e - r.b >= 2 && r.e - r.b <= 4))) {
          emit(r.b, r.e, EntityType::kPerson, role_before, speaker_after);
        } else if ((all_names || r.e - r.b > 1) && place_prep_before && !role_before) {
          emit(r.b, r.e, EntityType::kLocation, false, false);
        } else if (all_names || r.e - r.b > 1) {
          emit(r.b, r.e, EntityType::kOther, role_before, speaker_after);
        } else if (StartsUpper(toks[r.b].text) && r.b != first_word) {
          // A single capitalized word that is also a common word ("Crosshairs").
          const text::WordList::Entry* entry = words ? words->Find(toks[r.b].text) : nullptr;
          if (entry == nullptr || entry->capitalized()) emit(r.b, r.e, EntityType::kOther, role_before, speaker_after);
        }
      }
    }
  }
  // A lone surname of a person named in full in the article is that person.
  std::unordered_set<std::string> surnames;
  for (const EntityMention& m : out) {
    if (m.type != EntityType::kPerson) continue;
    size_t space = m.text.rfind(' ');
    if (space != std::string::npos) surnames.insert(m.text.substr(space + 1));
  }
  for (EntityMention& m : out)
    if (m.type == EntityType::kOther && m.text.find(' ') == std::string::npos && surnames.count(m.text))
      m.type = EntityType::kPerson;

  return out;
}

}  // namespace crosscheck::analyze
