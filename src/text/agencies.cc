// Agencies are one table of names: the first name of each line is the canonical
// one, the rest are the other ways credits, datelines and newswire headers write
// it. Datelines and sign-offs are read by their shape: a capitalized place before
// a parenthesized name and a dash; a dash and a short capitalized name ending in
// a word outlets are named with ("Agency", "Press", "Times", "Radio" ...).
#include "text/agencies.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/ascii.h"

namespace crosscheck::text {
namespace {

// One agency per line: canonical name | other names, comma-separated (a web address
// names the agency when a page of its own site is read). International agencies
// first, then national ones by region.
constexpr std::string_view kAgencies = R"(AP|Associated Press,The Associated Press,Associated Press Worldstream,AP Worldstream,APW,AP News,apnews.com
AFP|Agence France-Presse,Agence France Presse,France-Presse,France Presse,afp.com
Reuters|Thomson Reuters,Reuters News,reuters.com
UPI|United Press International,upi.com
Bloomberg|Bloomberg News,bloomberg.com
Dow Jones|Dow Jones Newswires
dpa|Deutsche Presse-Agentur,Deutsche Presse Agentur,dpa.com
EFE|Agencia EFE,efe.com
ANSA|Agenzia Nazionale Stampa Associata,ansa.it
AGI|Agenzia Giornalistica Italia
Europa Press|
Lusa|Agencia Lusa
PA|Press Association,PA Media
Belga|
ANP|Algemeen Nederlands Persbureau
APA|Austria Presse Agentur
SDA|Keystone-SDA
KNA|
epd|Evangelischer Pressedienst
TT|Tidningarnas Telegrambyra
NTB|Norsk Telegrambyra
Ritzau|
STT|
PAP|Polish Press Agency
CTK|Czech News Agency
MTI|
Agerpres|
BTA|Bulgarian News Agency
Tanjug|
HINA|
STA|Slovenian Press Agency
ANA-MPA|Athens News Agency,ANA
Anadolu|Anadolu Agency,aa.com.tr
TASS|ITAR-TASS,tass.com,tass.ru
RIA Novosti|
Interfax|
Ukrinform|
UNIAN|
BelTA|
Kazinform|
Xinhua|Xinhua News Agency,New China News Agency,xinhuanet.com,news.cn
China News Service|
Kyodo|Kyodo News,kyodonews.net
Jiji|Jiji Press
Yonhap|Yonhap News Agency,yna.co.kr
KCNA|Korean Central News Agency
CNA|Central News Agency
PTI|Press Trust of India,ptinews.com
IANS|Indo-Asian News Service
ANI|Asian News International
UNI|United News of India
APP|Associated Press of Pakistan
BSS|Bangladesh Sangbad Sangstha
VNA|Vietnam News Agency
PNA|Philippine News Agency
Bernama|
Antara|
AAP|Australian Associated Press
NZPA|New Zealand Press Association
CP|The Canadian Press,Canadian Press
Notimex|
Prensa Latina|
Telam|
Agencia Brasil|
IRNA|Islamic Republic News Agency
ISNA|Iranian Students News Agency
MENA|Middle East News Agency
WAFA|
SANA|Syrian Arab News Agency
SPA|Saudi Press Agency
WAM|Emirates News Agency
QNA|Qatar News Agency
KUNA|Kuwait News Agency
Petra|Jordan News Agency
APS|Algerie Presse Service
MAP|Maghreb Arabe Presse
TAP|Tunis Afrique Presse
NAN|News Agency of Nigeria
SAPA|South African Press Association
BBC|
CNN|)";

// Words an outlet's name ends with: a sign-off "-- John Smith" names a reporter,
// "-- Meridian Press Agency" an outlet.
const std::unordered_set<std::string_view> kOutletWords = {
    "agency", "press", "news", "service", "services", "wire", "newswire", "newswires", "times", "post", "journal",
    "herald", "tribune", "radio", "television", "tv", "network", "media", "gazette", "daily", "courier",
    "telegraph", "chronicle", "observer", "guardian", "mail", "express", "ledger", "bulletin", "review", "standard",
    "monitor", "globe", "broadcasting", "corporation", "dispatch", "register", "record", "examiner", "sentinel",
    "inquirer", "independent", "reporter", "weekly", "magazine", "agencies"};

std::string Key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '.') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += AsciiLower(c);
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

const std::unordered_map<std::string, std::string>& AgencyIndex() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    std::string_view rest = kAgencies;
    while (!rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      size_t bar = line.find('|');
      std::string canonical(line.substr(0, bar));
      m->emplace(Key(canonical), canonical);
      std::string_view others = line.substr(bar + 1);
      while (!others.empty()) {
        size_t comma = others.find(',');
        std::string_view name = others.substr(0, comma);
        m->emplace(Key(name), canonical);
        // "The Associated Press" is "Associated Press".
        if (name.substr(0, 4) == "The ") m->emplace(Key(name.substr(4)), canonical);
        others = comma == std::string_view::npos ? std::string_view() : others.substr(comma + 1);
      }
    }
    return m;
  }();
  return *index;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// A dash as datelines and sign-offs write it: "--", "-", U+2014 EM DASH, U+2013 EN DASH.
size_t DashLength(std::string_view s) {
  if (s.substr(0, 2) == "--") return 2;
  if (s.substr(0, 3) == "\xE2\x80\x94" || s.substr(0, 3) == "\xE2\x80\x93") return 3;
  if (s.substr(0, 1) == "-") return 1;
  return 0;
}

// Capitalized words, with "of", "and", "&", "the" inside: a name.
bool IsNameOfWords(const std::vector<std::string_view>& words, size_t max_words) {
  if (words.empty() || words.size() > max_words) return false;
  if (!IsAsciiUpper(words.front()[0]) || !IsAsciiUpper(words.back()[0])) return false;
  for (std::string_view w : words)
    if (!IsAsciiUpper(w[0]) && w != "of" && w != "and" && w != "&" && w != "the" && w != "de") return false;
  return true;
}

}  // namespace

std::optional<std::string_view> WireAgency(std::string_view name) {
  const auto& index = AgencyIndex();
  auto it = index.find(Key(Trim(name)));
  if (it == index.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> DatelineAgency(std::string_view paragraph) {
  // A dateline is short: the place (and maybe a date) in the first words.
  constexpr size_t kMaxDatelineBytes = 80;
  constexpr size_t kMaxPlaceWords = 6;
  std::string_view head = paragraph.substr(0, kMaxDatelineBytes);
  size_t open = head.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  size_t close = head.find(')', open);
  if (close == std::string_view::npos) return std::nullopt;
  // The place: capitalized words or numbers ("PARIS", "ST. LOUIS", "MOSCOW, March 3").
  std::vector<std::string_view> place = Words(Trim(head.substr(0, open)));
  if (place.size() > kMaxPlaceWords) return std::nullopt;
  for (std::string_view w : place)
    if (!IsAsciiUpper(w[0]) && !IsAsciiDigit(w[0])) return std::nullopt;
  if (!place.empty()) {
    // The first word of a place dateline is in capitals ("WASHINGTON"), or the
    // dateline ends with its dash; a sentence's opening words do neither.
    std::string_view first = place.front();
    bool capitals = first.size() > 1 && IsAsciiUpper(first[1]);
    if (!capitals && place.size() > 2) return std::nullopt;
  }
  std::string_view inside = Trim(paragraph.substr(open + 1, close - open - 1));
  std::string_view after = Trim(paragraph.substr(close + 1));
  bool dash = DashLength(after) > 0 || after.substr(0, 1) == ":";
  if (auto agency = WireAgency(inside)) {
    if (dash || !place.empty()) return std::string(*agency);
    return std::nullopt;
  }
  if (dash && IsNameOfWords(Words(inside), 4)) return std::string(inside);
  return std::nullopt;
}

std::optional<std::string> SignOff(std::string_view paragraph) {
  constexpr size_t kMaxNameWords = 5;
  std::string_view p = Trim(paragraph);
  if (!p.empty() && p.back() == '.') p.remove_suffix(1);
  // The name after the last dash that follows a space or starts the paragraph.
  size_t at = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i)
    if ((i == 0 || p[i - 1] == ' ') && DashLength(p.substr(i)) > 0) at = i;
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view name = Trim(p.substr(at + DashLength(p.substr(at))));
  std::vector<std::string_view> words = Words(name);
  if (!IsNameOfWords(words, kMaxNameWords)) return std::nullopt;
  for (std::string_view w : words)
    if (!IsAsciiAlpha(w.back()) && w != "&") return std::nullopt;
  if (!WireAgency(name) && !kOutletWords.count(AsciiLowered(words.back()))) return std::nullopt;
  return std::string(name);
}

}  // namespace crosscheck::text
