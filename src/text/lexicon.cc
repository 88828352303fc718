#include "text/lexicon.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace crosscheck::text {
namespace {

// FNV-1a: the words are short, and std::hash's general-purpose hash costs more.
struct ShortHash {
  size_t operator()(std::string_view s) const {
    uint64_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 32));
  }
};
using WordSet = std::unordered_set<std::string_view, ShortHash>;

const WordSet& FunctionWords() {
  static const WordSet kWords = {
      // articles and determiners
      "a", "an", "the", "this", "that", "these", "those", "each", "every", "either",
      "neither", "some", "any", "no", "all", "both", "many", "much", "more", "most",
      "few", "fewer", "less", "least", "several", "such", "other", "another", "own",
      // pronouns
      "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you",
      "your", "yours", "yourself", "he", "him", "his", "himself", "she", "her", "hers",
      "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
      "who", "whom", "whose", "which", "what", "whatever", "whoever", "anyone", "anything",
      "everyone", "everything", "someone", "something", "nobody", "nothing",
      // prepositions
      "about", "above", "across", "after", "against", "along", "amid", "among", "around",
      "as", "at", "before", "behind", "below", "beneath", "beside", "besides", "between",
      "beyond", "by", "despite", "down", "during", "except", "for", "from", "in", "inside",
      "into", "like", "near", "of", "off", "on", "onto", "out", "outside", "over", "past",
      "per", "since", "than", "through", "throughout", "till", "to", "toward", "towards",
      "under", "until", "up", "upon", "via", "with", "within", "without",
      // conjunctions
      "and", "but", "or", "nor", "so", "yet", "if", "because", "although", "though",
      "while", "whereas", "unless", "whether", "when", "where", "why", "how", "then",
      "once", "also", "however", "thus", "therefore",
      // auxiliaries and modals
      "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had",
      "having", "do", "does", "did", "doing", "done", "will", "would", "shall", "should",
      "can", "could", "may", "might", "must", "ought",
      // frequent adverbs
      "not", "very", "too", "just", "only", "even", "still", "already", "again", "ever",
      "never", "always", "often", "now", "here", "there", "well", "back", "away",
  };
  return kWords;
}

const WordSet& RoleWords() {
  static const WordSet kWords = {
      "president", "vice", "prime", "minister", "secretary", "chancellor", "premier",
      "senator", "sen", "representative", "rep", "congressman", "congresswoman",
      "governor", "gov", "mayor", "lawmaker", "councillor", "councilor", "speaker",
      "ambassador", "envoy", "diplomat", "spokesman", "spokeswoman", "spokesperson",
      "king", "queen", "prince", "princess", "emperor", "empress", "sheikh", "emir",
      "sultan", "pope", "cardinal", "bishop", "archbishop", "rabbi", "imam", "reverend",
      "rev", "judge", "justice", "prosecutor", "attorney", "general", "gen", "admiral",
      "adm", "colonel", "col", "lieutenant", "lt", "captain", "capt", "sergeant", "sgt",
      "major", "maj", "commander", "cmdr", "marshal", "corporal", "cpl", "private",
      "chairman", "chairwoman", "chairperson", "chair", "director", "commissioner",
      "chief", "officer", "deputy", "leader", "head", "founder", "ceo", "cfo", "coach",
      "manager", "dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady",
      "professor", "prof", "dean", "rector", "mufti", "ayatollah", "patriarch",
      // Ranks and posts written before a name as its title ("Fire Brigade Engineer X").
      "engineer", "inspector", "detective", "constable", "superintendent", "sheriff",
      "magistrate", "coroner", "treasurer", "ombudsman", "pastor", "deacon",
  };
  return kWords;
}

const WordSet& NameParticles() {
  static const WordSet kWords = {
      "mc", "mac", "de", "di", "da", "du", "del", "della", "der", "des", "le", "la",
      "van", "von", "ter", "ten", "al", "el", "bin", "ibn", "abu", "o", "st", "fitz",
  };
  return kWords;
}

const WordSet& Prefixes() {
  static const WordSet kWords = {
      "non", "un", "re", "pre", "anti", "co", "de", "dis", "mis", "sub", "super",
      "inter", "intra", "multi", "post", "semi", "counter", "ex", "mega", "mini",
      "micro", "pro", "self", "trans", "ultra", "hyper", "cyber", "geo", "bio", "eco",
      "neo", "tele", "over", "under", "out", "up", "down", "after", "cross", "mid",
      "back", "fore", "under", "euro", "pan", "para", "pseudo", "quasi", "tri", "bi",
  };
  return kWords;
}

const WordSet& Suffixes() {
  static const WordSet kWords = {
      "ness", "less", "ly", "ment", "ments", "ship", "ships", "hood", "wise", "like",
      "able", "ible", "ful", "ism", "isms", "ist", "ists", "ize", "ise", "ized", "ised",
      "ity", "ous", "dom", "ward", "wards", "fold", "gate", "esque", "ite", "ites",
  };
  return kWords;
}

const WordSet& ReportingVerbs() {
  static const WordSet kWords = {
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "announced", "announces", "wrote",
      "writes", "warned", "warns", "explained", "explains", "insisted", "insists", "argued", "argues", "noted",
      "notes", "stressed", "stresses", "asked", "asks", "replied", "replies", "tweeted", "tweets", "declared",
      "declares", "claimed", "claims", "urged", "urges", "acknowledged", "acknowledges", "conceded", "concedes",
      "confirmed", "confirms", "denied", "denies", "suggested", "suggests", "recalled", "recalls", "continued",
      "continues", "concluded", "concludes", "emphasized", "emphasizes", "emphasised", "emphasises", "cautioned",
      "cautions", "observed", "observes", "remarked", "remarks", "responded", "responds", "predicted",
      "predicts", "admitted", "admits", "boasted", "boasts", "complained", "complains", "joked", "jokes",
      "quipped", "quips", "recounted", "recounts", "testified", "testifies", "reported", "reports", "posted",
      "promised", "vowed", "shouted", "yelled", "whispered", "texted", "emailed", "described", "called",
      "pressed", "countered", "retorted", "interjected", "demanded", "wondered", "mused", "pointed",
      "saying", "adding", "calling", "describing", "contending",
  };
  return kWords;
}

const WordSet& NonFinalAbbreviations() {
  static const WordSet kWords = {
      "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl",
      "adm", "cmdr", "sen", "rep", "gov", "pres", "rev", "hon", "fr", "sr", "st", "mt",
      "ft", "vs", "v", "no", "nos", "approx", "est", "fig", "figs", "ch", "sec", "art",
      "e.g", "i.e", "cf", "al", "ave", "blvd", "rd", "dept", "univ", "assn", "bros",
      "gov't", "atty", "supt", "insp", "det", "pvt", "messrs", "mme", "mlle",
  };
  return kWords;
}

const WordSet& FinalAbbreviations() {
  static const WordSet kWords = {
      "inc", "ltd", "co", "corp", "jr", "etc", "llc", "plc", "bros", "a.m", "p.m",
      // The old abbreviations of English given names, kept in firm names ("Wm.
      // Wrigley", "Chas. Schwab"); "alex" is also a whole name that may end a sentence.
      "wm", "chas", "thos", "jas", "jos", "geo", "benj", "robt", "edw", "saml", "danl", "alex",
  };
  return kWords;
}

// The newspaper abbreviations of the states of the United States (AP style),
// which follow a politician's name ("R-Md.", "of Fresno, Calif.").
const WordSet& StateAbbreviations() {
  static const WordSet kWords = {
      "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans",
      "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "n.h", "n.j", "n.m",
      "n.y", "n.c", "n.d", "okla", "ore", "pa", "r.i", "s.c", "s.d", "tenn", "tex", "vt", "va", "wash",
      "w.va", "wis", "wyo", "d.c",
  };
  return kWords;
}

}  // namespace

std::vector<std::string> LowercaseWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      cur += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsFunctionWord(std::string_view lower) { return FunctionWords().count(lower) > 0; }
bool IsRoleWord(std::string_view lower) { return RoleWords().count(lower) > 0; }
bool IsReportingVerb(std::string_view lower) { return ReportingVerbs().count(lower) > 0; }
bool IsNameParticle(std::string_view lower) { return NameParticles().count(lower) > 0; }
bool IsWordFormingPrefix(std::string_view lower) { return Prefixes().count(lower) > 0; }
bool IsWordFormingSuffix(std::string_view lower) { return Suffixes().count(lower) > 0; }
bool IsNonFinalAbbreviation(std::string_view lower) {
  return NonFinalAbbreviations().count(lower) > 0;
}
bool IsFinalAbbreviation(std::string_view lower) {
  return FinalAbbreviations().count(lower) > 0;
}

bool IsStateAbbreviation(std::string_view lower) { return StateAbbreviations().count(lower) > 0; }

std::optional<int> MonthNumber(std::string_view lower) {
  static const std::unordered_map<std::string_view, int> kMonths = {
      {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3},
      {"mar", 3}, {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6},
      {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9},
      {"sep", 9}, {"sept", 9}, {"october", 10}, {"oct", 10}, {"november", 11},
      {"nov", 11}, {"december", 12}, {"dec", 12},
  };
  auto it = kMonths.find(lower);
  if (it == kMonths.end()) return std::nullopt;
  return it->second;
}

std::optional<int> WeekdayNumber(std::string_view lower) {
  static const std::unordered_map<std::string_view, int> kDays = {
      {"monday", 0}, {"mon", 0}, {"tuesday", 1}, {"tue", 1}, {"tues", 1},
      {"wednesday", 2}, {"wed", 2}, {"thursday", 3}, {"thu", 3}, {"thur", 3},
      {"thurs", 3}, {"friday", 4}, {"fri", 4}, {"saturday", 5}, {"sat", 5},
      {"sunday", 6}, {"sun", 6},
  };
  auto it = kDays.find(lower);
  if (it == kDays.end()) return std::nullopt;
  return it->second;
}

}  // namespace crosscheck::text
