#include "analyze/quotes.h"

#include <algorithm>
#include <unordered_set>

#include "text/lexicon.h"
#include "text/places.h"
#include "text/tokens.h"
#include "text/word_list.h"

namespace crosscheck::analyze {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n'; }

// The words before a quotation, in its sentence, searched for its speaker. A
// speaker stands a few words before the quotation; a sentence with more words
// than this before one is a run-on text or a list of quotations, where a scan of
// all of them for each quotation would take time quadratic in its length. The
// sentence's first word (a pronoun subject) is kept too.
constexpr size_t kMaxWordsBefore = 120;
// How far back a pronoun's person is looked for: the last three paragraphs, but no
// more sentences than this, which three paragraphs of prose never hold; a
// paragraph of thousands of quoted sentences would otherwise be scanned back for
// each pronoun.
constexpr uint32_t kMaxSentencesBack = 30;

// Whether token `t` is a verb of speech ("said", "Says", "told").
bool ReportsSpeech(const Article& a, const Token& t) { return text::IsReportingVerb(text::FoldCase(a.Slice(t.span))); }

bool IsPronoun(std::string_view lower) {
  return lower == "he" || lower == "she" || lower == "they" || lower == "i" || lower == "we";
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsPossessive(std::string_view w) { return w == "'s" || w == "\u2019s"; }
bool IsDeterminer(std::string_view lower) {
  return lower == "the" || lower == "a" || lower == "an" || lower == "one" || lower == "another";
}

// Documents that speak for whoever issued them: '," the statement said'.
bool IsDocumentWord(std::string_view lower) {
  return lower == "statement" || lower == "communique" || lower == "declaration" || lower == "release" ||
         lower == "announcement" || lower == "letter" || lower == "note";
}

// Verbs that go on with the same speaker's words: '," he added'.
bool ContinuesSpeech(std::string_view lower) {
  return lower == "added" || lower == "adds" || lower == "adding" || lower == "continued" || lower == "continues";
}

// A word in the word lists' commonest tiers is an everyday word.
constexpr int kCommonWordTier = 2;

// Whether the name finder's name `e` can be somebody who speaks. Not: a party tag
// (", R-Md.,"), a name ending in a bare initial (the "Harlow K" of "Harlow
// K-40"), names made only of peoples ("African-American"); and among one-word
// names of unknown type, places, state and title abbreviations ("Md", "Mt") and
// everyday words the text capitalized ("Web", "Winning": common in lowercase,
// rare or unknown as a name), unless a title comes before, a reporting verb right after
// ("Baker said"), or it is the surname of a person the article names in full
// (`surnames`: "Okafor" after "Maria Okafor"). A plural after "the"
// ("the Okafors said") is a family or a team, not the person of that name.
bool CanSpeak(const Article& a, const EntityMention& e, const text::WordList* words,
              const std::unordered_set<std::string>& surnames) {
  if (e.group) return false;  // "Catholics", "Europeans": a people speaks through someone
  const std::string& name = e.text;
  if (name.size() >= 2 && (name[0] == 'R' || name[0] == 'D' || name[0] == 'I') && name[1] == '-') return false;
  size_t space = name.rfind(' ');
  std::string_view last = space == std::string::npos ? std::string_view(name) : std::string_view(name).substr(space + 1);
  if (last.size() == 1) return false;
  std::string lower = text::FoldCase(name);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  bool person = e.type == EntityType::kPerson;
  bool peoples = true;
  for (size_t b = 0, h; b <= lower.size(); b = h + 1) {
    h = std::min(lower.find('-', b), lower.size());
    const text::Place* p = text::FindPlace(std::string_view(lower).substr(b, h - b));
    peoples &= p != nullptr && (!person || p->kind == text::PlaceKind::kDemonym);
  }
  if (peoples) return false;
  if (person) return true;
  if (space != std::string::npos) return true;
  if (text::IsStateAbbreviation(lower) || text::IsNonFinalAbbreviation(lower) || text::IsFinalAbbreviation(lower))
    return false;
  if (words != nullptr && !e.role_cue && !e.speaker_cue && surnames.count(name) == 0) {
    const text::WordList::Entry* entry = words->Find(name);
    if (entry != nullptr && entry->lowercase() && entry->lowercase_tier <= kCommonWordTier &&
        (!entry->capitalized() || entry->capitalized_tier > kCommonWordTier))
      return false;
  }
  if (lower.size() > 2 && lower.back() == 's' && e.span.begin >= 4 &&
      text::FoldCase(a.Slice({e.span.begin - 4, e.span.begin})) == "the ")
    return false;
  return true;
}

// Index of the sentence containing byte `pos`.
uint32_t SentenceAt(const Article& a, uint32_t pos) {
  auto it = std::upper_bound(a.sentences.begin(), a.sentences.end(), pos,
                             [](uint32_t p, const Sentence& s) { return p < s.span.begin; });
  return it == a.sentences.begin() ? 0 : static_cast<uint32_t>(it - a.sentences.begin() - 1);
}

// A speaker named by role rather than by name, starting at after[from]: "the
// mayor", "a senior official", "the ad's narrator", "Norvik's lead lawyer",
// "a Harlow city engineer"; a family or a team by its plural, "the Okafors". The
// span runs from the determiner (or the possessive name) to the last lowercase
// word before punctuation or a word that starts a modifier ("of", "who", "in").
std::optional<Span> RoleAfter(const Article& a, const std::vector<const Token*>& after, size_t from) {
  static const std::unordered_set<std::string_view> kStops = {"of", "who", "in", "at", "on", "for", "to",
                                                              "that", "with", "and", "from", "after", "when"};
  if (from >= after.size()) return std::nullopt;
  std::string det = text::FoldCase(a.Slice(after[from]->span));
  std::string_view first = a.Slice(after[from]->span);
  bool possessive_name = !first.empty() && IsUpper(first[0]) && from + 1 < after.size() &&
                         after[from + 1]->span.begin == after[from]->span.end &&
                         IsPossessive(a.Slice(after[from + 1]->span));
  if (!IsDeterminer(det) && !det.ends_with("'s") && !possessive_name) return std::nullopt;
  std::optional<Span> role;
  for (size_t k = from + 1; k < after.size() && k <= from + 4; ++k) {
    // Only a space between the words, or a possessive: "the county's chief engineer".
    if (after[k]->span.begin > after[k - 1]->span.end + 1 && !IsPossessive(a.Slice(after[k]->span))) break;
    std::string_view w = a.Slice(after[k]->span);
    if (IsPossessive(w)) continue;
    std::string lower = text::FoldCase(w);
    if (k == from + 1 && det == "the" && w.size() > 2 && IsUpper(w[0]) && w.back() == 's' &&
        !text::IsReportingVerb(lower)) {
      role = Span{after[from]->span.begin, after[k]->span.end};
      break;
    }
    // A capitalized word modifies the role ("a Harlow city engineer"); the role
    // itself is a lowercase word.
    if (!w.empty() && IsUpper(w[0]) && !possessive_name && k + 1 < after.size() &&
        after[k + 1]->span.begin == after[k]->span.end + 1)
      continue;
    if (w.empty() || !IsLower(w[0]) || kStops.count(w) > 0 || text::IsFunctionWord(lower) ||
        text::IsReportingVerb(lower))
      break;
    role = Span{after[from]->span.begin, after[k]->span.end};
  }
  // The role must end its clause: '," said the mayor, who', not '... said the
  // city embodied the "values"'.
  if (role) {
    size_t next = 0;
    while (next < after.size() && after[next]->span.begin < role->end) ++next;
    if (next < after.size() && after[next]->span.begin == role->end + 1) {
      std::string w = text::FoldCase(a.Slice(after[next]->span));
      if (kStops.count(w) == 0 && !text::IsReportingVerb(w)) return std::nullopt;
    }
  }
  return role;
}

// A speaker named by role just before a reporting verb at before[verb]: "The ad
// (says)", "one man (wrote)", "a White House official (said)": a determiner and at
// most three more words, with nothing but spaces between them and the verb.
std::optional<Span> RoleBefore(const Article& a, const std::vector<const Token*>& before, size_t verb) {
  for (size_t k = verb; k-- > 0 && verb - k <= 4;) {
    if (before[k + 1]->span.begin > before[k]->span.end + 1) return std::nullopt;  // punctuation between
    std::string w = text::FoldCase(a.Slice(before[k]->span));
    if (w == "the" || w == "a" || w == "an" || w == "one" || w == "another")
      return k + 1 < verb ? std::optional<Span>(Span{before[k]->span.begin, before[verb - 1]->span.end})
                          : std::nullopt;
  }
  return std::nullopt;
}

// Whether `w` is a lowercase word that can head or modify a role after a name
// ("Harlow city engineer", "Okafor's lead lawyer"): not a function word, not
// an adverb between a speaker and the verb ("Okafor later said", "Okafor
// angrily said") and not a verb of the speaker's own ("Okafor smiled and said").
bool IsRoleNoun(std::string_view w) {
  if (w.empty() || !IsLower(w[0]) || w.ends_with("ly") || w.ends_with("ed") || w.ends_with("ing")) return false;
  std::string lower = text::FoldCase(w);
  return !text::IsFunctionWord(lower) && !text::IsReportingVerb(lower) && lower != "later" && lower != "earlier" &&
         lower != "first" && lower != "today" && lower != "yesterday" && lower != "tonight" && lower != "last";
}

// 'Norvik's lead lawyer said', 'One senior Okafor aide said', '..." Harlow
// city officials said': a name that modifies a role right before the verb at
// toks[verb] names whom the speaker works for, not the speaker. The role: the
// name (after a determiner, if one comes a few words before it) to the word
// before the verb, with only spaces or a possessive between and role nouns only.
std::optional<Span> RoleWithName(const Article& a, const std::vector<const Token*>& before, size_t at, Span name,
                                 size_t verb) {
  size_t first = at;
  while (first > 0 && before[first - 1]->span.begin >= name.begin) --first;
  size_t k = at;
  while (k < verb && before[k]->span.begin < name.end) ++k;
  if (k >= verb) return std::nullopt;
  for (size_t m = k; m < verb; ++m) {
    uint32_t prev_end = m == k ? name.end : before[m - 1]->span.end;
    std::string_view w = a.Slice(before[m]->span);
    if (IsPossessive(w)) {
      if (before[m]->span.begin != prev_end) return std::nullopt;
      continue;
    }
    if (before[m]->span.begin != prev_end + 1 || !IsRoleNoun(w)) return std::nullopt;
  }
  if (IsPossessive(a.Slice(before[verb - 1]->span)) || before[verb - 1]->span.end + 1 != before[verb]->span.begin)
    return std::nullopt;
  // The determiner may stand a few words before the name: "a source familiar
  // with Okafor's thinking".
  uint32_t begin = name.begin;
  for (size_t d = first; d-- > 0 && first - d <= 4;) {
    if (before[d]->span.end + 1 != before[d + 1]->span.begin) break;
    std::string_view w = a.Slice(before[d]->span);
    if (IsDeterminer(text::FoldCase(w))) {
      begin = before[d]->span.begin;
      break;
    }
    if (w.empty() || !IsLower(w[0])) break;
  }
  return Span{begin, before[verb - 1]->span.end};
}

struct Pending {
  uint32_t begin;
  std::vector<Span> parts;  // the quoted words of each paragraph
};

}  // namespace

std::vector<QuoteMention> FindQuotes(const Article& a, const std::vector<EntityMention>& entities,
                                     const text::WordList* words) {
  const std::string& t = a.text;
  // 1. Quoted spans.
  std::vector<std::vector<Span>> found;
  std::optional<Pending> pending;
  auto finish = [&](Pending& p) { found.push_back(std::move(p.parts)); };
  for (size_t pi = 0; pi < a.paragraphs.size(); ++pi) {
    const Span para = a.paragraphs[pi];
    if (pending && !(para.size() > 0 && t[para.begin] == '"')) {
      finish(*pending);
      pending.reset();
    }
    size_t open = std::string::npos;
    if (pending) open = para.begin;  // the continuation's own opening mark
    for (size_t i = para.begin; i < para.end; ++i) {
      if (t[i] != '"') continue;
      bool opening = i == para.begin || IsSpace(t[i - 1]) || t[i - 1] == '(' || t[i - 1] == '[' || t[i - 1] == '-';
      if (open == std::string::npos) {
        if (opening) open = i;
        continue;
      }
      if (opening && i != open) {
        // Two opening marks in a row: the first was never closed; start over.
        open = i;
        continue;
      }
      if (i == open) continue;
      Span inner{static_cast<uint32_t>(open + 1), static_cast<uint32_t>(i)};
      if (pending) {
        pending->parts.push_back(inner);
        finish(*pending);
        pending.reset();
      } else {
        found.push_back({inner});
      }
      open = std::string::npos;
    }
    if (open != std::string::npos) {
      Span rest{static_cast<uint32_t>(open + 1), para.end};
      if (!pending) pending = Pending{rest.begin, {}};
      pending->parts.push_back(rest);
    }
  }
  if (pending) finish(*pending);

  // Who may speak, by sentence: people, and one-word names of unknown type
  // ("Blinken condemned ..." without a full name or role in the article); a name
  // inside a quotation is spoken of, not speaking. Organizations speak only
  // where no person is named ('," the Foreign Ministry said').
  std::vector<std::vector<int>> persons(a.sentences.size());
  std::vector<std::vector<int>> bodies(a.sentences.size());
  auto quoted = [&](Span s) {
    for (const std::vector<Span>& parts : found)
      for (const Span& p : parts)
        if (p.begin <= s.begin && s.end <= p.end) return true;
    return false;
  };
  std::unordered_set<std::string> surnames;
  for (const EntityMention& e : entities)
    if (e.type == EntityType::kPerson && e.text.find(' ') != std::string::npos)
      surnames.insert(e.text.substr(e.text.rfind(' ') + 1));
  for (size_t i = 0; i < entities.size(); ++i) {
    const EntityMention& e = entities[i];
    if (quoted(e.span)) continue;
    if (e.type == EntityType::kOrganization) bodies[e.sentence].push_back(static_cast<int>(i));
    bool name = e.type == EntityType::kPerson || (e.type == EntityType::kOther && e.text.find(' ') == std::string::npos);
    // "(R-Fla.)" after a name is the person's party and state, not a speaker.
    bool bracketed = e.span.begin > 0 && t[e.span.begin - 1] == '(';
    if (name && !bracketed && CanSpeak(a, e, words, surnames)) persons[e.sentence].push_back(static_cast<int>(i));
  }
  // A sentence's subject: its first named person, else its first one-word name.
  auto subject_of = [&](uint32_t s) -> int {
    for (int e : persons[s])
      if (entities[e].type == EntityType::kPerson) return e;
    return persons[s].empty() ? -1 : persons[s].front();
  };

  std::vector<QuoteMention> out;
  int last_speaker = -1;
  uint32_t last_speaker_sentence = 0;
  // The person a pronoun at sentence `s` (byte `pos`) refers to.
  auto resolve_pronoun = [&](uint32_t s, uint32_t pos) -> int {
    int subject = subject_of(s);
    if (subject >= 0 && entities[subject].span.end <= pos) return subject;
    uint32_t paragraph = a.sentences[s].paragraph;
    for (uint32_t k = s; k-- > 0;) {
      if (a.sentences[k].paragraph + 2 < paragraph || s - k > kMaxSentencesBack) break;
      if (last_speaker >= 0 && last_speaker_sentence >= k && last_speaker_sentence < s) return last_speaker;
      if (subject_of(k) >= 0) return subject_of(k);
    }
    return last_speaker;
  };
  // '," she added': the pronoun of a verb that goes on with a quotation is who
  // spoke last, in this or the two paragraphs before.
  auto continues = [&](std::string_view verb, uint32_t s) {
    return ContinuesSpeech(verb) && last_speaker >= 0 &&
           a.sentences[last_speaker_sentence].paragraph + 2 >= a.sentences[s].paragraph;
  };
  // Any name at `tok`, of any type: after a role word ("lawyer Mina Kessler") a
  // name of unknown type is a person's.
  auto any_mention_at = [&](const Token& tok) -> int {
    for (size_t e = 0; e < entities.size(); ++e)
      if (entities[e].span.begin == tok.span.begin && entities[e].type != EntityType::kLocation &&
          entities[e].type != EntityType::kOrganization)
        return static_cast<int>(e);
    return -1;
  };
  auto mention_at = [&](uint32_t s, const Token& tok) -> int {
    for (int e : persons[s])
      if (entities[e].span.begin <= tok.span.begin && tok.span.begin < entities[e].span.end) return e;
    return -1;
  };
  // An organization whose name ends right before token `verb`, a reporting verb.
  auto body_before = [&](uint32_t s, const Token& verb) -> int {
    for (int e : bodies[s])
      if (entities[e].span.end + 1 == verb.span.begin && t[entities[e].span.end] == ' ') return e;
    return -1;
  };
  // The source of a document that speaks ('," the statement said'): who the
  // closest sentence before that names such a document says issued it, the
  // first organization or person it names ("The ministry's statement ...",
  // "Okafor released a letter ...").
  auto issuer_of = [&](uint32_t s, Span role) -> int {
    std::string_view head = a.Slice(role);
    head = head.substr(head.rfind(' ') + 1);
    std::string lower_head = text::FoldCase(head);
    for (uint32_t k = s + 1; k-- > 0 && s - k <= 3;) {
      bool names_it = false;
      uint32_t at = 0;
      for (const Token& tok : a.sentences[k].tokens)
        if (tok.is_word && tok.span.begin < role.begin && !quoted(tok.span) &&
            text::FoldCase(a.Slice(tok.span)) == lower_head) {
          names_it = true;
          at = tok.span.begin;
          break;
        }
      if (!names_it) continue;
      for (size_t e = 0; e < entities.size(); ++e)
        if (entities[e].sentence == k && entities[e].span.end <= at && !quoted(entities[e].span) &&
            (entities[e].type == EntityType::kOrganization ||
             (entities[e].type == EntityType::kPerson && CanSpeak(a, entities[e], words, surnames))))
          return static_cast<int>(e);
      return -1;
    }
    return -1;
  };

  for (std::vector<Span>& parts : found) {
    QuoteMention q;
    for (Span& p : parts) {
      while (p.begin < p.end && IsSpace(t[p.begin])) ++p.begin;
      while (p.end > p.begin && (IsSpace(t[p.end - 1]) || t[p.end - 1] == ',')) --p.end;
      if (p.empty()) continue;
      if (!q.text.empty()) q.text += ' ';
      q.text.append(t, p.begin, p.size());
    }
    if (q.text.empty()) continue;
    q.span = {parts.front().begin, parts.back().end};
    q.partial = q.text[0] >= 'a' && q.text[0] <= 'z';
    for (char c : q.text) q.words += c == ' ';
    ++q.words;
    q.sentence = SentenceAt(a, q.span.begin);
    const uint32_t close = parts.back().end;
    const uint32_t open_pos = parts.front().begin;

    // 1. After the quotation, in the sentence where it closes.
    uint32_t end_sentence = SentenceAt(a, close);
    const Sentence& es = a.sentences[end_sentence];
    // The tokens after the quotation, found by bisection: a sentence may hold
    // thousands of quotations, and a scan from its start for each is quadratic.
    const auto past_close = std::partition_point(es.tokens.begin(), es.tokens.end(),
                                                 [&](const Token& tok) { return tok.span.begin <= close; });
    std::vector<const Token*> after;
    for (auto it = past_close; it != es.tokens.end() && after.size() < 10; ++it)
      if (it->is_word) after.push_back(&*it);
    // '..." -- Jane Doe': a dash and a name right after the quotation.
    for (auto it = past_close; it != es.tokens.end(); ++it) {
      const Token& tok = *it;
      if (tok.is_word) continue;
      if (a.Slice(tok.span) != "--" && a.Slice(tok.span) != "-") break;
      for (const Token* name : after) {
        if (name->span.begin < tok.span.end) continue;
        int e = mention_at(end_sentence, *name);
        if (e >= 0) {
          q.speaker = e;
          q.speaker_span = entities[e].span;
        }
        break;
      }
      break;
    }
    for (size_t k = 0; k < after.size() && q.speaker < 0 && !q.speaker_span; ++k) {
      std::string w = text::FoldCase(a.Slice(after[k]->span));
      if (text::IsReportingVerb(w)) {
        // '," said the mayor', '," said an aide to a senator': the role speaks,
        // unless a person stands in apposition to it ('," said the mayor, Jane Roe').
        if (std::optional<Span> role = RoleAfter(a, after, k + 1)) {
          size_t next = k + 1;
          while (next < after.size() && after[next]->span.begin < role->end) ++next;
          int named = next < after.size() && t.compare(role->end, 2, ", ") == 0 &&
                              after[next]->span.begin == role->end + 2
                          ? any_mention_at(*after[next])
                          : -1;
          if (named >= 0 && CanSpeak(a, entities[named], words, surnames)) {
            q.speaker = named;
            q.speaker_span = entities[named].span;
          } else {
            q.speaker_span = role;
          }
          break;
        }
        // '," said Jen Psaki': the person after the verb; in '," said Trump
        // lawyer Marc Delacroix' the first name is a modifier of the role.
        for (size_t m = k + 1; m < after.size() && m <= k + 7; ++m) {
          int e = mention_at(end_sentence, *after[m]);
          // '," said undecided voter Jane Roe of Harlow': after a lowercase role
          // word, a name of any shape is a person's.
          std::string_view prev = a.Slice(after[m - 1]->span);
          if (e < 0 && m > k + 1 && !prev.empty() && IsLower(prev[0]) &&
              after[m]->span.begin == after[m - 1]->span.end + 1)
            e = any_mention_at(*after[m]);
          if (e >= 0 && !CanSpeak(a, entities[e], words, surnames)) e = -1;
          if (e < 0) continue;
          size_t next = m + 1;
          while (next < after.size() && after[next]->span.begin < entities[e].span.end) ++next;
          for (size_t role = next; role < after.size() && role < next + 2; ++role) {
            std::string_view w = a.Slice(after[role]->span);
            if (w.empty() || !(w[0] >= 'a' && w[0] <= 'z') || after[role]->span.begin > after[role - 1]->span.end + 1)
              break;
            int later = role + 1 < after.size() && after[role + 1]->span.begin == after[role]->span.end + 1
                            ? any_mention_at(*after[role + 1])
                            : -1;
            if (later >= 0) {
              e = later;
              break;
            }
          }
          q.speaker = e;
          q.speaker_span = entities[e].span;
          break;
        }
        break;
      }
      if (k > 4) break;
      if (k == 0) {
        // '," the mayor said'.
        std::optional<Span> role = RoleAfter(a, after, 0);
        size_t verb_at = 0;
        while (role && verb_at < after.size() && after[verb_at]->span.end <= role->end) ++verb_at;
        if (role && verb_at < after.size() && ReportsSpeech(a, *after[verb_at])) {
          q.speaker_span = role;
          break;
        }
        // '," Web analysts said': a capitalized word no name list knows as a
        // person's, before role nouns and the verb.
        std::string_view first = a.Slice(after[0]->span);
        if (!first.empty() && IsUpper(first[0]) && mention_at(end_sentence, *after[0]) < 0) {
          size_t verb = 1;
          while (verb < after.size() && verb <= 4 && !ReportsSpeech(a, *after[verb])) ++verb;
          if (verb < after.size() && verb <= 4 && verb > 1)
            if (std::optional<Span> named_role = RoleWithName(a, after, 0, after[0]->span, verb)) {
              q.speaker_span = named_role;
              break;
            }
        }
      }
      int e = mention_at(end_sentence, *after[k]);
      bool pronoun = IsPronoun(w);
      if (e < 0 && !pronoun) {
        // '," the Foreign Ministry said': no person, an organization.
        for (size_t m = k + 1; m < after.size() && m <= k + 5; ++m)
          if (ReportsSpeech(a, *after[m])) {
            int body = body_before(end_sentence, *after[m]);
            if (body >= 0 && entities[body].span.begin == after[k]->span.begin) {
              q.speaker = body;
              q.speaker_span = entities[body].span;
            }
            break;
          }
        if (q.speaker >= 0) break;
      }
      if (e >= 0 || pronoun) {
        // '..." Blinken said' / '," she told reporters': a reporting verb must follow.
        size_t verb_at = 0;
        // '..." Mr. Morgan of the Sierra Club said': the body a person speaks for may
        // come between the name and the verb, which then follows it at once.
        bool body_between = false;
        if (e >= 0 && entities[e].type == EntityType::kPerson) {
          size_t n = k + 1;
          while (n < after.size() && after[n]->span.begin < entities[e].span.end) ++n;
          const std::string link = n < after.size() ? text::FoldCase(a.Slice(after[n]->span)) : "";
          if (link == "of" || link == "from" || link == "at") {
            size_t m = n + 1;
            if (m < after.size() && text::FoldCase(a.Slice(after[m]->span)) == "the") ++m;
            uint32_t body_end = 0;  // the end of a name of any type starting at after[m]
            if (m < after.size())
              for (const EntityMention& b : entities)
                if (b.span.begin == after[m]->span.begin) body_end = b.span.end;
            if (body_end > 0) {
              while (m < after.size() && after[m]->span.begin < body_end) ++m;
              if (m < after.size() && ReportsSpeech(a, *after[m])) {
                verb_at = m;
                body_between = true;
              }
            }
          }
        }
        for (size_t m = k + 1; m < after.size() && m <= k + 4 && verb_at == 0; ++m)
          if (ReportsSpeech(a, *after[m])) verb_at = m;
        // '..." Trump, the party's candidate, said': an appositive between commas.
        if (verb_at == 0 && e >= 0) {
          uint32_t comma = entities[e].span.end;
          if (comma < t.size() && t[comma] == ',') {
            size_t close = t.find(',', comma + 1);
            const Sentence& cs = a.sentences[end_sentence];
            if (close != std::string::npos && close < cs.span.end)
              for (const Token& tok : cs.tokens)
                if (tok.is_word && tok.span.begin > close) {
                  if (ReportsSpeech(a, tok)) verb_at = k + 1;  // any index past k
                  break;
                }
          }
        }
        if (verb_at == 0) continue;  // "Tulsa police Chief Chuck Jordan said"
        // '..." Trump spokesman Ron Lee said': the name right before the verb,
        // when only words run between it and the first ('..." Okafor, the
        // Democratic whip, said' stays Okafor's).
        for (size_t m = verb_at; e >= 0 && !body_between && m-- > k + 1;) {
          if (after[m]->span.begin > after[m - 1]->span.end + 1) break;  // punctuation between
          if (after[m]->span.begin < entities[e].span.end) break;
          int later = any_mention_at(*after[m]);
          if (later >= 0 && entities[later].span.end + 1 == after[verb_at]->span.begin) {
            e = later;
            break;
          }
        }
        // '..." Harlow city officials said': the name modifies the role that speaks.
        std::optional<Span> role =
            e >= 0 && !body_between && entities[e].span.begin == after[k]->span.begin && verb_at > k + 1
                ? RoleWithName(a, after, k, entities[e].span, verb_at)
                : std::nullopt;
        if (role) {
          q.speaker_span = role;
        } else if (e >= 0) {
          q.speaker = e;
          q.speaker_span = entities[e].span;
        } else {
          q.speaker_span = after[k]->span;
          q.speaker = continues(text::FoldCase(a.Slice(after[verb_at]->span)), end_sentence)
                          ? last_speaker
                          : resolve_pronoun(end_sentence, after[k]->span.begin);
        }
      }
    }
    // 2. Before the quotation, in its sentence.
    if (q.speaker < 0 && !q.speaker_span) {
      const Sentence& ss = a.sentences[q.sentence];
      // The sentence's first word and the kMaxWordsBefore words nearest the
      // quotation (all of them in prose).
      const auto at_open = std::partition_point(ss.tokens.begin(), ss.tokens.end(),
                                                [&](const Token& tok) { return tok.span.end < open_pos; });
      std::vector<const Token*> before;
      for (auto it = at_open; it != ss.tokens.begin() && before.size() < kMaxWordsBefore;)
        if ((--it)->is_word) before.push_back(&*it);
      auto first_word = std::find_if(ss.tokens.begin(), at_open, [](const Token& tok) { return tok.is_word; });
      if (first_word != at_open && (before.empty() || before.back() != &*first_word)) before.push_back(&*first_word);
      std::reverse(before.begin(), before.end());
      int verb = -1;
      std::string verb_word;
      for (size_t k = before.size(); k-- > 0;) {
        std::string w = text::FoldCase(a.Slice(before[k]->span));
        if (text::IsReportingVerb(w) || (w == "according" && k + 1 < before.size())) {
          verb = static_cast<int>(k);
          verb_word = std::move(w);
          break;
        }
      }
      if (verb_word == "according") {
        for (size_t m = verb + 1; m < before.size() && q.speaker < 0; ++m) {
          int e = mention_at(q.sentence, *before[m]);
          if (e >= 0) q.speaker = e, q.speaker_span = entities[e].span;
        }
      } else if (verb_word.ends_with("ing") && subject_of(q.sentence) >= 0 &&
                 entities[subject_of(q.sentence)].span.end <= before[verb]->span.begin) {
        // "..., calling it "deeply disturbing"": a participle's speaker is the subject.
        q.speaker = subject_of(q.sentence);
        q.speaker_span = entities[q.speaker].span;
      } else if (verb >= 0) {
        for (int k = verb - 1; k >= 0 && !q.speaker_span; --k) {
          int e = mention_at(q.sentence, *before[k]);
          std::string w = text::FoldCase(a.Slice(before[k]->span));
          if (e >= 0) {
            // 'Alder, of Towson, said': where the speaker is from.
            int name_start = k;
            while (name_start > 0 && before[name_start - 1]->span.begin >= entities[e].span.begin) --name_start;
            std::string prev = name_start > 0 ? text::FoldCase(a.Slice(before[name_start - 1]->span)) : "";
            if (prev == "of" || prev == "from" || prev == "at") {
              k = name_start;
              e = -1;
            }
          }
          if (e >= 0) {
            size_t next = static_cast<size_t>(k);
            while (next < static_cast<size_t>(verb) && before[next]->span.begin < entities[e].span.end) ++next;
            if (std::optional<Span> role = RoleWithName(a, before, k, entities[e].span, verb)) {
              q.speaker_span = role;
            } else if (before[next]->span.begin == entities[e].span.end + 1 &&
                       IsRoleNoun(a.Slice(before[next]->span))) {
              // '..., a member of the Harlow council, said': a name modifying a
              // noun is not who speaks; look further back, before the name.
              while (k > 0 && before[k - 1]->span.begin >= entities[e].span.begin) --k;
            } else {
              q.speaker = e;
              q.speaker_span = entities[e].span;
            }
          } else if (IsPronoun(w)) {
            q.speaker_span = before[k]->span;
            q.speaker = continues(verb_word, q.sentence) ? last_speaker : resolve_pronoun(q.sentence, before[k]->span.begin);
          }
        }
        // 'The Foreign Ministry said: "...': no person, an organization.
        if (!q.speaker_span) {
          int body = body_before(q.sentence, *before[verb]);
          if (body >= 0) {
            q.speaker = body;
            q.speaker_span = entities[body].span;
          }
        }
        // 'The ad says "...', 'One man wrote, "...': a speaker named by what it is.
        if (!q.speaker_span) q.speaker_span = RoleBefore(a, before, static_cast<size_t>(verb));
      } else if (!before.empty()) {
        // Without a reporting verb, the sentence's subject: a pronoun that opens
        // it ('He began by praising Lind: "..."' is not Lind's), else its first
        // person.
        int subject = subject_of(q.sentence);
        if (IsPronoun(text::FoldCase(a.Slice(before.front()->span)))) {
          q.speaker_span = before.front()->span;
          q.speaker = resolve_pronoun(q.sentence, before.front()->span.begin);
        } else if (subject >= 0 && entities[subject].span.end <= open_pos) {
          q.speaker = subject;
          q.speaker_span = entities[subject].span;
        }
      }
    }
    // A document that speaks speaks for who issued it.
    if (q.speaker < 0 && q.speaker_span) {
      std::string_view role = a.Slice(*q.speaker_span);
      if (IsDocumentWord(text::FoldCase(role.substr(role.rfind(' ') + 1))))
        q.speaker = issuer_of(q.sentence, *q.speaker_span);
    }
    // 3. A quotation opening its sentence, with no speaker next to it, is
    // introduced by the sentence before when that ends in a colon ("Clinton
    // released a statement:"); else it continues the quotation before it.
    if (q.speaker < 0 && !q.speaker_span) {
      const Sentence& ss = a.sentences[q.sentence];
      bool opens_sentence = open_pos <= ss.span.begin + 1;
      uint32_t intro = q.sentence > 0 ? q.sentence - 1 : 0;
      std::string_view prev = q.sentence > 0 ? a.Slice(a.sentences[intro].span) : std::string_view();
      while (!prev.empty() && IsSpace(prev.back())) prev.remove_suffix(1);
      if (opens_sentence && prev.ends_with(':') && subject_of(intro) >= 0) {
        q.speaker = subject_of(intro);
      } else if (opens_sentence && last_speaker >= 0 &&
                 a.sentences[last_speaker_sentence].paragraph + 1 >= ss.paragraph) {
        q.speaker = last_speaker;
      }
    }
    if (q.speaker >= 0) {
      last_speaker = q.speaker;
      last_speaker_sentence = end_sentence;
    } else if (q.speaker_span && !IsPronoun(text::FoldCase(a.Slice(*q.speaker_span)))) {
      // "The mayor" as "the mayor": the brief shows it after other words.
      q.speaker_text = a.Slice(*q.speaker_span);
      size_t space = q.speaker_text.find(' ');
      if (space != std::string::npos && IsDeterminer(text::FoldCase(q.speaker_text.substr(0, space))))
        q.speaker_text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(q.speaker_text[0])));
    }
    // Not quotations: titles of shows, books and laws ("Fox News Sunday", "Contract
    // with America"), and scare quotes, a few words nobody is said to have said.
    bool title = q.words <= 6 && !q.text.empty() && q.text.back() != '.' && q.text.back() != '?' &&
                 q.text.back() != '!';
    for (size_t b = 0, e; title && b < q.text.size(); b = e + 1) {
      e = q.text.find(' ', b);
      if (e == std::string::npos) e = q.text.size();
      std::string_view word = std::string_view(q.text).substr(b, e - b);
      title = word.size() < 4 || (word[0] >= 'A' && word[0] <= 'Z');
    }
    bool scare = q.words <= 3 && q.speaker < 0 && !q.speaker_span;
    if (title || scare) continue;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace crosscheck::analyze
