#include "analyze/quotes.h"

#include <algorithm>
#include <unordered_set>

namespace crosscheck::analyze {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n'; }

bool IsReporting(std::string_view lower) {
  static const std::unordered_set<std::string_view> kVerbs = {
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "announced", "wrote", "warned",
      "explained", "insisted", "argued", "noted", "stressed", "asked", "replied", "tweeted", "declared",
      "claimed", "urged", "acknowledged", "conceded", "confirmed", "denied", "suggested", "recalled",
      "continued", "concluded", "saying", "adding", "calling", "called", "describing", "described",
      "contending", "writes", "posted", "emphasized", "emphasised", "promised", "vowed", "cautioned"};
  return kVerbs.count(lower) > 0;
}

bool IsPronoun(std::string_view lower) {
  return lower == "he" || lower == "she" || lower == "they" || lower == "i" || lower == "we";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Index of the sentence containing byte `pos`.
uint32_t SentenceAt(const Article& a, uint32_t pos) {
  auto it = std::upper_bound(a.sentences.begin(), a.sentences.end(), pos,
                             [](uint32_t p, const Sentence& s) { return p < s.span.begin; });
  return it == a.sentences.begin() ? 0 : static_cast<uint32_t>(it - a.sentences.begin() - 1);
}

struct Pending {
  uint32_t begin;
  std::vector<Span> parts;  // the quoted words of each paragraph
};

}  // namespace

std::vector<QuoteMention> FindQuotes(const Article& a, const std::vector<EntityMention>& entities) {
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
  // ("Blinken condemned ..." without a full name or role in the article).
  std::vector<std::vector<int>> persons(a.sentences.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    const EntityMention& e = entities[i];
    bool name = e.type == EntityType::kPerson || (e.type == EntityType::kOther && e.text.find(' ') == std::string::npos);
    if (name) persons[e.sentence].push_back(static_cast<int>(i));
  }
  auto subject_of = [&](uint32_t s) -> int { return persons[s].empty() ? -1 : persons[s].front(); };

  std::vector<QuoteMention> out;
  int last_speaker = -1;
  uint32_t last_speaker_sentence = 0;
  // The person a pronoun at sentence `s` (byte `pos`) refers to.
  auto resolve_pronoun = [&](uint32_t s, uint32_t pos) -> int {
    int subject = subject_of(s);
    if (subject >= 0 && entities[subject].span.end <= pos) return subject;
    uint32_t paragraph = a.sentences[s].paragraph;
    for (uint32_t k = s; k-- > 0;) {
      if (a.sentences[k].paragraph + 2 < paragraph) break;
      if (last_speaker >= 0 && last_speaker_sentence >= k && last_speaker_sentence < s) return last_speaker;
      if (subject_of(k) >= 0) return subject_of(k);
    }
    return last_speaker;
  };
  auto mention_at = [&](uint32_t s, const Token& tok) -> int {
    for (int e : persons[s])
      if (entities[e].span.begin <= tok.span.begin && tok.span.begin < entities[e].span.end) return e;
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
    for (char c : q.text) q.words += c == ' ';
    ++q.words;
    q.sentence = SentenceAt(a, q.span.begin);
    const uint32_t close = parts.back().end;
    const uint32_t open_pos = parts.front().begin;

    // 1. After the quotation, in the sentence where it closes.
    uint32_t end_sentence = SentenceAt(a, close);
    const Sentence& es = a.sentences[end_sentence];
    std::vector<const Token*> after;
    for (const Token& tok : es.tokens)
      if (tok.span.begin > close && tok.is_word && after.size() < 10) after.push_back(&tok);
    // '..." -- Jane Doe': a dash and a name right after the quotation.
    for (const Token& tok : es.tokens) {
      if (tok.span.begin <= close || tok.is_word) continue;
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
      std::string w = Lower(a.Slice(after[k]->span));
      if (IsReporting(w)) {
        // '," said Jen Psaki': the person after the verb.
        for (size_t m = k + 1; m < after.size() && m <= k + 7; ++m) {
          int e = mention_at(end_sentence, *after[m]);
          if (e >= 0) {
            q.speaker = e;
            q.speaker_span = entities[e].span;
            break;
          }
        }
        break;
      }
      if (k > 4) break;
      int e = mention_at(end_sentence, *after[k]);
      bool pronoun = IsPronoun(w);
      if (e >= 0 || pronoun) {
        // '..." Blinken said' / '," she told reporters': a reporting verb must follow.
        bool verb = false;
        for (size_t m = k + 1; m < after.size() && m <= k + 4 && !verb; ++m)
          verb = IsReporting(Lower(a.Slice(after[m]->span)));
        if (!verb) break;
        if (e >= 0) {
          q.speaker = e;
          q.speaker_span = entities[e].span;
        } else {
          q.speaker_span = after[k]->span;
          q.speaker = resolve_pronoun(end_sentence, after[k]->span.begin);
        }
      }
    }
    // 2. Before the quotation, in its sentence.
    if (q.speaker < 0 && !q.speaker_span) {
      const Sentence& ss = a.sentences[q.sentence];
      std::vector<const Token*> before;
      for (const Token& tok : ss.tokens)
        if (tok.span.end < open_pos && tok.is_word) before.push_back(&tok);
      int verb = -1;
      for (size_t k = before.size(); k-- > 0;) {
        std::string w = Lower(a.Slice(before[k]->span));
        if (IsReporting(w) || (w == "according" && k + 1 < before.size())) {
          verb = static_cast<int>(k);
          break;
        }
      }
      if (verb >= 0 && Lower(a.Slice(before[verb]->span)) == "according") {
        for (size_t m = verb + 1; m < before.size() && q.speaker < 0; ++m) {
          int e = mention_at(q.sentence, *before[m]);
          if (e >= 0) q.speaker = e, q.speaker_span = entities[e].span;
        }
      } else if (verb >= 0 && Lower(a.Slice(before[verb]->span)).ends_with("ing") && subject_of(q.sentence) >= 0 &&
                 entities[subject_of(q.sentence)].span.end <= before[verb]->span.begin) {
        // "..., calling it "deeply disturbing"": a participle's speaker is the subject.
        q.speaker = subject_of(q.sentence);
        q.speaker_span = entities[q.speaker].span;
      } else if (verb >= 0) {
        for (int k = verb - 1; k >= 0 && !q.speaker_span; --k) {
          int e = mention_at(q.sentence, *before[k]);
          std::string w = Lower(a.Slice(before[k]->span));
          if (e >= 0) {
            q.speaker = e;
            q.speaker_span = entities[e].span;
          } else if (IsPronoun(w)) {
            q.speaker_span = before[k]->span;
            q.speaker = resolve_pronoun(q.sentence, before[k]->span.begin);
          }
        }
      } else if (!before.empty()) {
        int subject = subject_of(q.sentence);
        if (subject >= 0 && entities[subject].span.end <= open_pos) {
          q.speaker = subject;
          q.speaker_span = entities[subject].span;
        } else if (IsPronoun(Lower(a.Slice(before.front()->span)))) {
          q.speaker_span = before.front()->span;
          q.speaker = resolve_pronoun(q.sentence, before.front()->span.begin);
        }
      }
    }
    // 3. A quotation standing alone continues the one before it.
    if (q.speaker < 0 && !q.speaker_span && last_speaker >= 0) {
      const Sentence& ss = a.sentences[q.sentence];
      bool opens_sentence = open_pos <= ss.span.begin + 1;
      if (opens_sentence && a.sentences[last_speaker_sentence].paragraph + 1 >= ss.paragraph) q.speaker = last_speaker;
    }
    if (q.speaker >= 0) {
      last_speaker = q.speaker;
      last_speaker_sentence = end_sentence;
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
