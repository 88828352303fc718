#include "ingest/html_reader.h"

#include <gumbo.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <nlohmann/json.hpp>

#include "ingest/metadata.h"
#include "text/ascii.h"

namespace crosscheck::ingest {
namespace {

// ---------------------------------------------------------------------------
// Small string helpers.

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of spaces (of any kind HTML collapses) made one space, ends trimmed.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Words of text, for weighing paragraphs. Kana and CJK ideographs (U+3000 to
// U+9FFF, written without spaces) count one each.
uint32_t CountWords(std::string_view s) {
  uint32_t n = 0;
  bool in = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE3 && c <= 0xE9 && i + 2 < s.size()) {
      ++n;
      i += 2;
      in = false;
      continue;
    }
    bool w = IsWordByte(c);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Decoding.

// True when `s` is valid UTF-8; `ascii` tells whether it is plain ASCII.
bool ValidUtf8(std::string_view s, bool& ascii) {
  size_t i = 0;
  const size_t n = s.size();
  ascii = true;
  while (i < n) {
    while (i + 8 <= n) {  // ASCII eight bytes at a time
      uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if ((x & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    ascii = false;
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (len == 0 || i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;
    } else if (len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return false;
    }
    i += len;
  }
  return true;
}

// The charset a page declares in its first bytes (<meta charset>, http-equiv
// Content-Type, an XML declaration), lowercased, or "".
std::string DeclaredCharset(std::string_view html) {
  std::string head = text::AsciiLowered(html.substr(0, 8192));
  for (size_t at = head.find("charset"); at != std::string::npos; at = head.find("charset", at + 7)) {
    size_t i = at + 7;
    while (i < head.size() && IsSpace(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (IsSpace(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    size_t j = i;
    while (j < head.size() && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' ||
                               head[j] == '_' || head[j] == ':' || head[j] == '.'))
      ++j;
    if (j > i) return head.substr(i, j - i);
  }
  size_t xml = head.find("encoding=");
  if (head.rfind("<?xml", 0) == 0 && xml != std::string::npos) {
    size_t i = xml + 9;
    while (i < head.size() && (head[i] == '"' || head[i] == '\'')) ++i;
    size_t j = head.find_first_of("\"' ?", i);
    if (j != std::string::npos && j > i) return head.substr(i, j - i);
  }
  return "";
}

// Converts `bytes` from `charset` to UTF-8 with iconv; bytes it cannot convert
// become U+FFFD. nullopt when iconv does not know the charset.
std::optional<std::string> Iconv(std::string_view bytes, const std::string& charset, size_t& bad) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    if (out.size() - used < 16) out.resize(out.size() * 2);
    char* o = out.data() + used;
    size_t o_left = out.size() - used;
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    used = out.size() - o_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else {  // EILSEQ or EINVAL: one bad byte
      if (out.size() - used < 4) out.resize(out.size() * 2);
      std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
      used += 3;
      ++in;
      --in_left;
      ++bad;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

// The page as UTF-8, or nullopt when `bytes` already are (the caller reads them
// in place). `bytes` comes without a UTF-8 byte order mark.
std::optional<std::string> DecodeToUtf8(std::string_view bytes, std::string& encoding,
                                        std::vector<std::string>& warnings) {
  std::string declared = DeclaredCharset(bytes);
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    declared = "utf-16";
  } else if (bool ascii = true; ValidUtf8(bytes, ascii)) {
    encoding = "UTF-8";
    if (!ascii && !declared.empty() && declared != "utf-8" && declared != "utf8") {
      warnings.push_back("declares charset " + declared + " but is valid UTF-8; read as UTF-8");
    }
    return std::nullopt;
  }
  // Latin-1 and ASCII labels mean Windows-1252, as in browsers.
  std::string charset = declared;
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "iso-8859-1" ||
      charset == "latin1" || charset == "latin-1" || charset == "us-ascii" || charset == "ascii" ||
      charset == "iso8859-1") {
    charset = "windows-1252";
  }
  size_t bad = 0;
  std::optional<std::string> out = Iconv(bytes, charset, bad);
  if (!out) {
    warnings.push_back("declares unknown charset " + declared + "; read as Windows-1252");
    charset = "windows-1252";
    out = Iconv(bytes, charset, bad);
  }
  encoding = text::AsciiLowered(charset) == "windows-1252" ? "WINDOWS-1252" : charset;
  if (declared == "utf-8" || declared == "utf8") {
    warnings.push_back("declares UTF-8 but is not valid UTF-8; read as Windows-1252");
  } else if (declared.empty()) {
    warnings.push_back("not valid UTF-8 and no charset declared; read as Windows-1252");
  }
  if (bad > 0) warnings.push_back(std::to_string(bad) + " byte(s) not valid in " + encoding + " replaced with U+FFFD");
  return out.value_or(std::string());
}


// ---------------------------------------------------------------------------
// Class, id and role names.

// Class, id or role words of page furniture. Whole words, so "header" does not hit
// "subheader" and "ad" does not hit "add".
bool IsFurnitureWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "ad", "ads", "advert", "advertisement", "advertising", "adslot", "dfp", "sponsor", "sponsored",
      "promo", "promos", "promotion", "banner", "share", "sharing", "shares", "social", "sharebar",
      "comment", "comments", "disqus", "newsletter", "newsletters", "subscribe", "subscription",
      "signup", "cookie", "cookies", "consent", "gdpr", "related", "recommended", "recommendations",
      "recirc", "recirculation", "popular", "trending", "mostread", "outbrain", "taboola", "sidebar",
      "breadcrumb", "breadcrumbs", "nav", "navbar", "navigation", "menu", "footer", "masthead", "toolbar",
      "byline", "caption", "credit", "credits", "tags", "tag", "topics", "keywords", "popup", "modal",
      "overlay", "widget", "widgets", "rail", "print", "skip", "hidden", "hide", "visuallyhidden",
      "sronly", "offscreen", "author", "bio", "meta", "timestamp", "dateline", "pagination", "pager",
      "header", "complementary", "contentinfo", "banner", "navigation", "search", "login", "paywall",
      "donate", "donation", "teaser", "teasers", "readmore", "more", "next", "prev", "previous",
      "jump", "video", "gallery", "slideshow", "carousel", "image", "img", "photo", "figure",
      "icon", "logo", "alert", "notice", "notification", "feedback", "survey", "rating", "reactions"};
  return kWords.count(w) > 0;
}

// Class or id words that name the article body itself.
bool IsBodyWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {"articlebody", "storybody", "entrycontent", "postcontent", "articlecontent",
                                 "bodytext", "storytext", "articletext", "posttext", "contentbody"};
  return kWords.count(w) > 0;
}

// Class words of the element that prints the publication date.
bool IsDateWord(std::string_view w) {
  return w == "date" || w == "published" || w == "timestamp" || w == "byline" || w == "dateline" || w == "pubdate" ||
         w == "time";
}

// What the words of a class, id or role value name: "c-share-bar" names
// furniture, "article-body" (or "articleBody") the body, "pub-date" a date.
// kNameLeadFurniture: a class token or id that starts with a word of furniture
// that is never an article's wrapper ("comments-area", "related-posts"), as
// against a modifier ("has-comments").
enum NameFlag : uint8_t { kNameFurniture = 1, kNameBody = 2, kNameDate = 4, kNameLeadFurniture = 8 };

bool IsLeadFurnitureWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "comment", "comments", "disqus", "related", "recommended", "newsletter", "cookie", "cookies", "consent",
      "share", "sharing", "breadcrumb", "breadcrumbs", "outbrain", "taboola", "popup", "modal", "promo"};
  return kWords.count(w) > 0;
}
// The attribute that carries an element's NameFlags to the parsed tree, as one
// digit; the class, id and role values themselves are not parsed.
constexpr const char* kNameAttribute = "cc-names";

uint8_t NamesOf(const GumboNode* n) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, kNameAttribute);
  return a == nullptr || a->value[0] < 'a' || a->value[0] > 'p' ? 0 : static_cast<uint8_t>(a->value[0] - 'a');
}

uint8_t NameFlags(std::string_view value) {
  uint8_t flags = 0;
  char joined[96];
  size_t prev_len = 0, len = 0;  // joined = previous word + current word
  bool token_start = true;       // the word begins a space-separated token
  auto end_word = [&]() {
    if (len == 0) return;
    std::string_view word(joined + prev_len, len);
    if (IsFurnitureWord(word)) flags |= kNameFurniture;
    if (token_start && IsLeadFurnitureWord(word)) flags |= kNameLeadFurniture;
    token_start = false;
    if (IsDateWord(word)) flags |= kNameDate;
    if (IsBodyWord(word) || (prev_len > 0 && IsBodyWord(std::string_view(joined, prev_len + len)))) flags |= kNameBody;
    std::memmove(joined, joined + prev_len, len);  // the current word becomes the previous one
    prev_len = len;
    len = 0;
  };
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (prev_len + len < sizeof joined) joined[prev_len + len++] = text::AsciiLower(c);
    } else {
      end_word();
      if (IsSpace(c)) token_start = true;
    }
  }
  end_word();
  return flags;
}

// Meta keys (property, name or itemprop) the reader takes a date from.
bool IsDateMetaKey(std::string_view key) {
  static const std::unordered_set<std::string_view> kKeys = {"article:published_time", "og:published_time", "datepublished", "pubdate",
                                "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
                                "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
                                "article.published", "published_time", "original-publish-date",
                                "article_date_original", "citation_publication_date"};
  return kKeys.count(key) > 0;
}

bool IsAuthorMetaKey(std::string_view key) {
  return key == "author" || key == "article:author" || key == "dc.creator" || key == "sailthru.author" ||
         key == "parsely-author";
}

// Every meta key the reader uses; the others are dropped before parsing.
bool IsReadMetaKey(std::string_view key) {
  return key == "og:title" || key == "og:site_name" || key == "og:url" || key == "content-type" ||
         IsAuthorMetaKey(key) || IsDateMetaKey(key);
}

// ---------------------------------------------------------------------------
// Slimming. Before the parser sees the page, one scan of its tags drops what the
// reader never uses: comments, scripts (JSON-LD kept), styles, SVG, frames, and
// every attribute but the few the reader looks at. News pages are mostly such
// bytes (about two thirds on the extraction benchmark), and the parser's time
// grows with its input. The same scan measures nesting: tags deeper than the limit
// are dropped (their text kept), so no page makes the tree deep.

bool IsVoidTag(std::string_view name) {
  static const std::unordered_set<std::string_view> kVoid = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                "meta", "param", "source", "track", "wbr", "keygen", "basefont"};
  return kVoid.count(name) > 0;
}

// Tags that close their open siblings: they do not nest in practice.
bool IsSelfClosingInPractice(std::string_view name) {
  static const std::unordered_set<std::string_view> kAuto = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "optgroup", "rt", "rp"};
  return kAuto.count(name) > 0;
}

// Elements whose content is dropped with them.
bool IsDroppedElement(std::string_view name) {
  static const std::unordered_set<std::string_view> kDropped = {"script", "style", "svg", "math", "noscript", "template", "iframe", "object",
                                   "canvas", "video", "audio", "select", "button"};
  return kDropped.count(name) > 0;
}

// Elements that hold no article text (the reader leaves them out after parsing
// too); dropped with their content when their end tag can be found.
bool IsNeverArticle(std::string_view name) {
  return name == "nav" || name == "aside" || name == "footer" || name == "figure" || name == "figcaption" ||
         name == "menu" || name == "dialog";
}

// Past the end tag that closes the element `name` whose content starts at `from`,
// counting same-name elements nested inside; npos when it is never closed.
size_t MatchingEnd(std::string_view html, std::string_view name, size_t from) {
  size_t depth = 1;
  for (size_t i = html.find('<', from); i != std::string_view::npos; i = html.find('<', i + 1)) {
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t n = i + (closing ? 2 : 1);
    if (n + name.size() >= html.size() || !text::StartsWithNoCase(html.substr(n), name)) continue;
    char after = html[n + name.size()];
    if (!(IsSpace(after) || after == '>' || after == '/')) continue;
    if (!closing) {
      ++depth;
      continue;
    }
    if (--depth == 0) {
      size_t gt = html.find('>', n);
      return gt == std::string_view::npos ? html.size() : gt + 1;
    }
  }
  return std::string_view::npos;
}

// Raw text kept as it is up to its end tag.
bool IsKeptRawText(std::string_view name) { return name == "title" || name == "textarea" || name == "xmp"; }

// Phrasing elements: their class matters only when it names furniture.
bool IsInlineTag(std::string_view name) {
  static const std::unordered_set<std::string_view> kInline = {"a", "span", "i", "b", "em", "strong", "small", "sup", "sub", "abbr", "cite", "u",
                                  "s", "font", "mark", "q", "code", "kbd", "var", "dfn", "bdi", "bdo", "del", "ins"};
  return kInline.count(name) > 0;
}

enum TagTrait : uint8_t {
  kVoid = 1,             // IsVoidTag
  kSiblingClosing = 2,   // IsSelfClosingInPractice
  kDropped = 4,          // IsDroppedElement
  kInline = 8,           // IsInlineTag
  kNeverArticle = 16,    // IsNeverArticle
  kKeptRawText = 32,     // IsKeptRawText
};

// All traits of a tag name in one lookup (the scan asks for each tag).
uint8_t TagTraitsOf(const std::string& name) {
  static const std::unordered_map<std::string, uint8_t> kTraits = [] {
    std::unordered_map<std::string, uint8_t> t;
    for (const char* n : {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                          "track", "wbr", "keygen", "basefont", "p", "li", "dt", "dd", "option", "tr", "td", "th",
                          "optgroup", "rt", "rp", "script", "style", "svg", "math", "noscript", "template", "iframe",
                          "object", "canvas", "video", "audio", "select", "button", "a", "span", "i", "b", "em",
                          "strong", "small", "sup", "sub", "abbr", "cite", "u", "s", "font", "mark", "q", "code",
                          "kbd", "var", "dfn", "bdi", "bdo", "del", "ins", "nav", "aside", "footer", "figure",
                          "figcaption", "menu", "dialog", "title", "textarea", "xmp"}) {
      std::string_view v = n;
      uint8_t x = 0;
      if (IsVoidTag(v)) x |= kVoid;
      if (IsSelfClosingInPractice(v)) x |= kSiblingClosing;
      if (IsDroppedElement(v)) x |= kDropped;
      if (IsInlineTag(v)) x |= kInline;
      if (IsNeverArticle(v)) x |= kNeverArticle;
      if (IsKeptRawText(v)) x |= kKeptRawText;
      t.emplace(n, x);
    }
    return t;
  }();
  auto it = kTraits.find(name);
  return it == kTraits.end() ? 0 : it->second;
}

bool IsKeptAttribute(std::string_view tag, std::string_view name) {
  static const std::unordered_set<std::string_view> kKept = {
      "itemprop", "hidden", "aria-hidden", "lang",    "xml:lang", "property",
      "name",     "content", "datetime", "type", "charset", "http-equiv"};
  if (kKept.count(name) > 0) return true;
  return (name == "rel" || name == "href") && tag == "link";
}

std::string_view Unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) return v.substr(1);
  return v;
}

size_t FindNoCase(std::string_view s, std::string_view needle, size_t from) {
  for (size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (text::StartsWithNoCase(s.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

struct Slimmed {
  std::string html;
  std::vector<std::string> json_ld;  // the JSON-LD scripts, read without the parser
  size_t deepest = 0;
};

Slimmed SlimMarkup(std::string_view html, size_t max_depth) {
  Slimmed out;
  out.html.reserve(html.size() / 2);
  size_t depth = 0, pre = 0;
  size_t i = 0;
  std::string name, attr, tag;
  std::unordered_map<std::string, int> open_inline;  // emitted start tags of phrasing elements, by name
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) lt = html.size();
    if (pre > 0) {
      out.html.append(html.substr(i, lt - i));
    } else {  // runs of spaces are one space to the parser outside <pre>
      for (size_t k = i; k < lt;) {
        size_t word = k;
        while (k < lt && !IsSpace(html[k])) ++k;
        out.html.append(html.data() + word, k - word);
        if (k == lt) break;
        const bool newline = html[k] == '\n';
        if (out.html.empty() || !IsSpace(out.html.back())) out.html += newline ? '\n' : ' ';
        ++k;
      }
    }
    if (lt >= html.size()) break;
    i = lt;
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      i = e == std::string_view::npos ? html.size() : e + 3;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    name.clear();
    while (j < html.size() && (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '-' || html[j] == ':')) {
      name += text::AsciiLower(html[j]);
      ++j;
    }
    if (name.empty()) {  // "<" in text, "<!DOCTYPE", "<?xml"
      size_t gt = html.find('>', i);
      bool declaration = i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?');
      if (declaration && gt != std::string_view::npos) {
        out.html.append(html.substr(i, gt + 1 - i));
        i = gt + 1;
      } else {
        out.html += '<';
        ++i;
      }
      continue;
    }
    // Attributes: name, optional = and a value, quoted or not.
    tag.assign(closing ? "</" : "<");
    tag += name;
    bool self_closing = false;
    bool ld_json = false;
    bool wanted = true;  // void tags that say nothing to the reader are dropped whole
    const bool is_meta = name == "meta", is_link = name == "link";
    const uint8_t traits = TagTraitsOf(name);
    const bool inline_tag = (traits & kInline) != 0;
    uint8_t names = 0;
    if (is_meta || is_link) wanted = false;
    if (name == "img" || name == "input" || name == "source" || name == "track" || name == "wbr" ||
        name == "area" || name == "param" || name == "col" || name == "base" || name == "embed") {
      wanted = false;
    }
    while (j < html.size() && html[j] != '>') {
      if (IsSpace(html[j]) || html[j] == '/') {
        self_closing = html[j] == '/';
        ++j;
        continue;
      }
      self_closing = false;
      size_t an = j;
      while (j < html.size() && !IsSpace(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/') ++j;
      if (j == an) ++j;  // a stray '='
      attr.assign(html.data() + an, j - an);
      for (char& c : attr) c = text::AsciiLower(c);
      size_t vb = j, ve = j;
      size_t k = j;
      while (k < html.size() && IsSpace(html[k])) ++k;
      if (k < html.size() && html[k] == '=') {
        ++k;
        while (k < html.size() && IsSpace(html[k])) ++k;
        vb = k;
        if (k < html.size() && (html[k] == '"' || html[k] == '\'')) {
          size_t q = html.find(html[k], k + 1);
          ve = q == std::string_view::npos ? html.size() : q + 1;
        } else {
          while (k < html.size() && !IsSpace(html[k]) && html[k] != '>') ++k;
          ve = k;
        }
        j = ve;
      }
      // Styles matter only when they hide the element.
      const bool hiding_style = attr == "style" && (text::AsciiLowered(html.substr(vb, ve - vb)).find("none") != std::string::npos ||
                                                    text::AsciiLowered(html.substr(vb, ve - vb)).find("hidden") != std::string::npos);
      std::string_view value = html.substr(vb, ve - vb);
      if (is_meta && (attr == "charset" || ((attr == "property" || attr == "name" || attr == "itemprop" ||
                                            attr == "http-equiv") &&
                                           IsReadMetaKey(text::AsciiLowered(Unquote(value)))))) {
        wanted = true;
      }
      if (is_link && attr == "rel" && text::AsciiLowered(Unquote(value)) == "canonical") wanted = true;
      // Class, id and role values are read here once, and what they name goes to
      // the parser as one short attribute (kNameAttribute).
      if (attr == "class" || attr == "id" || attr == "role") {
        names |= NameFlags(Unquote(value));
        continue;
      }
      if (!closing && (IsKeptAttribute(name, attr) || hiding_style)) {
        tag += ' ';
        tag += attr;
        if (ve > vb) {
          tag += '=';
          tag.append(html.substr(vb, ve - vb));
        }
        if (attr == "type" && text::AsciiLowered(html.substr(vb, ve - vb)).find("ld+json") != std::string::npos) ld_json = true;
      }
    }
    // Inline elements keep only furniture and date names (<span class="sr-only">).
    if (inline_tag) names &= kNameFurniture | kNameDate;
    if (names != 0 && !closing) {
      tag += ' ';
      tag += kNameAttribute;
      tag += '=';
      tag += static_cast<char>('a' + names);
    }
    if (self_closing) tag += '/';
    tag += '>';
    i = j < html.size() ? j + 1 : html.size();
    if (!closing && (traits & kDropped) != 0 && !self_closing) {
      size_t e = FindNoCase(html, "</" + name, i);
      size_t after = e == std::string_view::npos ? html.size() : html.find('>', e);
      after = after == std::string_view::npos ? html.size() : after + 1;
      if (ld_json) out.json_ld.emplace_back(html.substr(i, (e == std::string_view::npos ? html.size() : e) - i));
      i = after;
      continue;
    }
    if (!closing && !self_closing && (traits & kNeverArticle) != 0) {
      size_t after = MatchingEnd(html, name, i);
      if (after != std::string_view::npos) {
        i = after;
        continue;
      }
    }
    const bool nests = (traits & (kVoid | kSiblingClosing)) == 0 && !self_closing;
    bool drop = false;
    if (closing) {
      if (nests && depth > 0) {
        drop = depth > max_depth;
        --depth;
      }
    } else if (nests) {
      ++depth;
      out.deepest = std::max(out.deepest, depth);
      drop = depth > max_depth;
    }
    if (name == "pre") {
      if (!closing) {
        ++pre;
      } else if (pre > 0) {
        --pre;
      }
    }
    // Phrasing elements other than links that carry no attribute say nothing the
    // reader uses: their text stays, their tags go (fewer elements to build, and
    // no formatting elements to reconstruct).
    if (inline_tag && name != "a" && wanted && !drop) {
      int& open = open_inline[name];
      if (!closing) {
        if (tag.size() == name.size() + 2) {
          wanted = false;
        } else {
          ++open;
        }
      } else if (open > 0) {
        --open;
      } else {
        wanted = false;
      }
    }
    if (drop) {
      out.html += ' ';
    } else if (wanted) {
      out.html += tag;
    }
    if (!closing && (traits & kKeptRawText) != 0) {
      size_t e = FindNoCase(html, "</" + name, i);
      if (e == std::string_view::npos) e = html.size();
      out.html.append(html.substr(i, e - i));
      i = e;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The tree, flattened: elements and text nodes in document order.

struct Item {
  const GumboNode* node;
  int parent;           // item index of the parent element, -1 at the root
  int end;              // one past the last item of the subtree (text: index + 1)
  GumboTag tag;         // GUMBO_TAG_UNKNOWN for text
  bool text;
  uint32_t chars = 0;   // text in the subtree, in bytes
  bool excluded = false;
  double score = 0;     // article words in the subtree, less link-list words
};

const GumboVector* Children(const GumboNode* n) {
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return &n->v.element.children;
  return nullptr;
}

std::string_view Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

// Tags whose content is never text a reader sees as the article.
bool IsNeverContent(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_BODY: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_CENTER: case GUMBO_TAG_HTML:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HGROUP:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

bool IsHidden(const GumboNode* n) {
  if (gumbo_get_attribute(&n->v.element.attributes, "hidden") != nullptr) return true;
  if (text::AsciiLowered(Attr(n, "aria-hidden")) == "true") return true;
  std::string style = text::AsciiLowered(Attr(n, "style"));
  style.erase(std::remove_if(style.begin(), style.end(), IsSpace), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// ---------------------------------------------------------------------------
// Metadata.

struct Metadata {
  std::optional<std::string> og_title, ld_headline, title_tag, h1, site_name, ld_publisher, canonical, og_url,
      language, ld_date, meta_date, time_date, byline_date;
  std::vector<std::string> ld_authors, meta_authors;
};

std::string TextOf(const GumboNode* n) {
  std::string out;
  std::vector<const GumboNode*> stack{n};
  std::vector<const GumboNode*> order;
  while (!stack.empty()) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_CDATA || x->type == GUMBO_NODE_WHITESPACE) {
      out += x->v.text.text;
      continue;
    }
    const GumboVector* ch = Children(x);
    if (ch == nullptr) continue;
    for (size_t i = ch->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch->data[i]));
  }
  return out;
}

bool IsUrlish(std::string_view s) { return s.find("://") != std::string_view::npos || s.rfind("www.", 0) == 0; }

void AddName(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_string()) {
    std::string s = Collapse(v.get<std::string>());
    if (!s.empty() && !IsUrlish(s) && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  } else if (v.is_object() && v.contains("name")) {
    AddName(v["name"], out);
  } else if (v.is_array()) {
    for (const auto& x : v) AddName(x, out);
  }
}

bool IsArticleType(const nlohmann::json& type) {
  auto fits = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting";
  };
  if (type.is_string()) return fits(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type)
      if (t.is_string() && fits(t.get<std::string>())) return true;
  }
  return false;
}

// Reads the article objects of one JSON-LD script.
void ReadJsonLd(std::string_view script, Metadata& m) {
  nlohmann::json doc = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return;
  std::vector<const nlohmann::json*> stack{&doc};
  while (!stack.empty()) {
    const nlohmann::json* j = stack.back();
    stack.pop_back();
    if (j->is_array()) {
      for (const auto& x : *j) stack.push_back(&x);
      continue;
    }
    if (!j->is_object()) continue;
    if (j->contains("@graph")) stack.push_back(&(*j)["@graph"]);
    if (!j->contains("@type") || !IsArticleType((*j)["@type"])) continue;
    auto str = [&](const char* key) -> std::optional<std::string> {
      auto it = j->find(key);
      if (it == j->end() || !it->is_string()) return std::nullopt;
      std::string s = Collapse(it->get<std::string>());
      if (s.empty()) return std::nullopt;
      return s;
    };
    if (!m.ld_headline) m.ld_headline = str("headline");
    if (!m.ld_date) {
      if (auto d = str("datePublished")) m.ld_date = DateFromMarkup(*d);
    }
    if (!m.ld_date) {
      if (auto d = str("dateCreated")) m.ld_date = DateFromMarkup(*d);
    }
    if (j->contains("author")) AddName((*j)["author"], m.ld_authors);
    if (!m.ld_publisher && j->contains("publisher")) {
      std::vector<std::string> names;
      AddName((*j)["publisher"], names);
      if (!names.empty()) m.ld_publisher = names.front();
    }
  }
}

void ReadMeta(const GumboNode* n, Metadata& m) {
  std::string key = text::AsciiLowered(Attr(n, "property"));
  if (key.empty()) key = text::AsciiLowered(Attr(n, "name"));
  if (key.empty()) key = text::AsciiLowered(Attr(n, "itemprop"));
  std::string value = Collapse(Attr(n, "content"));
  if (key.empty() || value.empty()) return;
  if (key == "og:title" && !m.og_title) {
    m.og_title = value;
  } else if (key == "og:site_name" && !m.site_name) {
    m.site_name = value;
  } else if (key == "og:url" && !m.og_url) {
    m.og_url = value;
  } else if (IsAuthorMetaKey(key)) {
    if (!IsUrlish(value) && std::find(m.meta_authors.begin(), m.meta_authors.end(), value) == m.meta_authors.end())
      m.meta_authors.push_back(value);
  } else if (!m.meta_date && IsDateMetaKey(key)) {
    m.meta_date = DateFromMarkup(value);
  }
}

// "Example News - Headline", "Headline | Example News": the headline part when
// the other part names the site.
std::string StripSiteName(const std::string& title, const std::optional<std::string>& site) {
  static const char* kSeparators[] = {" | ", " - ", " -- ", " :: ", " / ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB "};
  for (const char* sep : kSeparators) {
    size_t at = title.rfind(sep);
    if (at != std::string::npos) {
      std::string head = title.substr(0, at), tail = title.substr(at + std::strlen(sep));
      if ((site && text::AsciiLowered(tail) == text::AsciiLowered(*site)) || CountWords(tail) <= 4) return Trim(head).empty() ? title : head;
    }
    at = title.find(sep);
    if (at != std::string::npos && site && text::AsciiLowered(title.substr(0, at)) == text::AsciiLowered(*site)) {
      return title.substr(at + std::strlen(sep));
    }
  }
  return title;
}

// A date in text that bylines print: "Published November 19, 2019 at 5:00 pm".
std::optional<std::string> DateInText(std::string_view text) {
  std::string s = Collapse(text);
  if (s.size() > 160) return std::nullopt;
  if (auto d = ParseDateLine(s)) return d;
  // Bylines join their parts with separators: "By Jane Roe | Nov. 19, 2019",
  // "05/10/2018 - Posted by Jane Roe - Health". Each part may be the date.
  std::vector<std::string_view> parts;
  std::string_view rest = s;
  while (!rest.empty()) {
    size_t cut = std::string_view::npos, len = 0;
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " / ", " \xE2\x80\xA2 "}) {
      size_t at = rest.find(sep);
      if (at < cut) cut = at, len = sep.size();
    }
    parts.push_back(Trim(rest.substr(0, cut)));
    if (cut == std::string_view::npos) break;
    rest = rest.substr(cut + len);
  }
  for (std::string_view part : parts) {
    if (auto d = ParseDateLine(part)) return d;
    // "Published November 19, 2019": a label, then the date.
    for (size_t i = part.find(' '); i != std::string_view::npos; i = part.find(' ', i + 1)) {
      if (auto d = ParseDateLine(part.substr(i + 1))) return d;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Body extraction.

struct Block {
  std::string text;
  int owner;             // item index of the innermost block element
  uint32_t words = 0;
  uint32_t link_words = 0;
  GumboTag tag;
};

class PageReader {
 public:
  PageReader(const GumboOutput* out, const std::vector<std::string>& json_ld) : out_(out), json_ld_(json_ld) {}

  HtmlDocument Read(std::string encoding, std::vector<std::string> warnings);

 private:
  void Flatten();
  void ReadMetadata();
  void MarkExcluded();
  void BuildBlocks();
  int ChooseBody() ;
  std::string BodyText(int body);

  const GumboOutput* out_;
  const std::vector<std::string>& json_ld_;
  std::vector<Item> items_;
  std::vector<Block> blocks_;
  Metadata meta_;
  std::optional<std::string> title_;
  int dense_ = 0;  // inside the body, the element with the most paragraph text of its own
};

void PageReader::Flatten() {
  struct Frame {
    const GumboNode* node;
    int index;
    size_t next_child;
  };
  std::vector<Frame> stack;
  items_.push_back({out_->document, -1, 0, GUMBO_TAG_HTML, false});
  stack.push_back({out_->document, 0, 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* ch = Children(f.node);
    if (ch == nullptr || f.next_child >= ch->length) {
      items_[f.index].end = static_cast<int>(items_.size());
      stack.pop_back();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(ch->data[f.next_child++]);
    const int parent = f.index;
    const int index = static_cast<int>(items_.size());
    if (c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) {
      items_.push_back({c, parent, index + 1, c->v.element.tag, false});
      stack.push_back({c, index, 0});  // invalidates f
    } else if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE) {
      Item t{c, parent, index + 1, GUMBO_TAG_UNKNOWN, true};
      t.chars = c->type == GUMBO_NODE_WHITESPACE ? 0 : static_cast<uint32_t>(std::strlen(c->v.text.text));
      items_.push_back(t);
    }
  }
  // Text per subtree: children come after their parent, so one backward pass adds up.
  for (size_t i = items_.size(); i-- > 1;) {
    const Item& it = items_[i];
    if (it.parent >= 0 && !(!it.text && IsNeverContent(it.tag))) items_[it.parent].chars += it.chars;
  }
}

void PageReader::ReadMetadata() {
  for (const std::string& script : json_ld_) ReadJsonLd(script, meta_);
  for (const Item& it : items_) {
    if (it.text) continue;
    const GumboNode* n = it.node;
    switch (it.tag) {
      case GUMBO_TAG_HTML:
        if (n->type == GUMBO_NODE_ELEMENT && !meta_.language) {
          std::string lang = Collapse(Attr(n, "lang"));
          if (lang.empty()) lang = Collapse(Attr(n, "xml:lang"));
          if (!lang.empty()) meta_.language = lang;
        }
        break;
      case GUMBO_TAG_META:
        ReadMeta(n, meta_);
        break;
      case GUMBO_TAG_LINK:
        if (!meta_.canonical && text::AsciiLowered(Attr(n, "rel")) == "canonical" && !Attr(n, "href").empty()) {
          meta_.canonical = Collapse(Attr(n, "href"));
        }
        break;
      case GUMBO_TAG_TITLE:
        if (!meta_.title_tag) {
          std::string t = Collapse(TextOf(n));
          if (!t.empty()) meta_.title_tag = t;
        }
        break;
      case GUMBO_TAG_H1:
        if (!meta_.h1) {
          std::string t = Collapse(TextOf(n));
          if (!t.empty()) meta_.h1 = t;
        }
        break;
      case GUMBO_TAG_TIME:
        if (!meta_.time_date) {
          std::string_view dt = Attr(n, "datetime");
          meta_.time_date = dt.empty() ? DateInText(TextOf(n)) : DateFromMarkup(dt);
        }
        break;
      default: {
        std::string_view itemprop = Attr(n, "itemprop");
        if (!meta_.meta_date && itemprop == "datePublished") {
          std::string_view v = Attr(n, "content");
          if (v.empty()) v = Attr(n, "datetime");
          meta_.meta_date = v.empty() ? DateInText(TextOf(n)) : DateFromMarkup(v);
        }
        if (!meta_.byline_date && n->type == GUMBO_NODE_ELEMENT && it.chars > 0 && it.chars < 160 &&
            (NamesOf(n) & kNameDate) != 0) {
          meta_.byline_date = DateInText(TextOf(n));
        }
        break;
      }
    }
  }
}

void PageReader::MarkExcluded() {
  // The page's text, for judging whether a furniture-named element is too big to
  // be furniture (a wrapper named "content-with-sidebar").
  uint32_t page_chars = 0;
  for (const Item& it : items_) {
    if (!it.text && it.tag == GUMBO_TAG_BODY) page_chars = std::max(page_chars, it.chars);
  }
  // Names first: an element that holds the article body ("entry-content",
  // itemprop=articleBody) is never furniture, whatever its own class says
  // (WordPress tags articles "tag-diy category-reviews").
  enum Hint : uint8_t { kNone = 0, kFurniture = 1, kBody = 2, kHoldsBody = 4, kLeadFurniture = 8, kHoldsQuote = 16 };
  std::vector<uint8_t> hints(items_.size(), kNone);
  for (size_t i = 1; i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (it.text || it.node->type != GUMBO_NODE_ELEMENT || it.node->v.element.attributes.length == 0) continue;
    const uint8_t names = NamesOf(it.node);
    if ((names & kNameBody) != 0 || Attr(it.node, "itemprop") == "articleBody") {
      hints[i] |= kBody;
    } else if ((names & kNameFurniture) != 0) {
      hints[i] |= kFurniture;
      if ((names & kNameLeadFurniture) != 0) hints[i] |= kLeadFurniture;
    }
  }
  for (size_t i = items_.size(); i-- > 1;) {
    if (items_[i].parent < 0) continue;
    if ((hints[i] & (kBody | kHoldsBody)) != 0) hints[items_[i].parent] |= kHoldsBody;
    if ((hints[i] & kHoldsQuote) != 0 || items_[i].tag == GUMBO_TAG_BLOCKQUOTE) hints[items_[i].parent] |= kHoldsQuote;
  }
  for (size_t i = 1; i < items_.size(); ++i) {
    Item& it = items_[i];
    if (it.parent >= 0 && items_[it.parent].excluded) {
      it.excluded = true;
      continue;
    }
    if (it.text) continue;
    if (IsNeverContent(it.tag) || (it.tag == GUMBO_TAG_FORM && it.chars < page_chars / 4)) {
      it.excluded = true;
      continue;
    }
    if (it.node->type != GUMBO_NODE_ELEMENT) continue;
    if (IsHidden(it.node)) {
      it.excluded = true;
      continue;
    }
    if (it.tag == GUMBO_TAG_HTML || it.tag == GUMBO_TAG_BODY || it.tag == GUMBO_TAG_ARTICLE || it.tag == GUMBO_TAG_MAIN)
      continue;
    // Furniture by name, unless it holds the body. A name that leads with
    // furniture ("comments-area", even on a long thread) always is; other names
    // only on small elements that quote no one (a wrapper named
    // "content-with-sidebar" is not, nor a "social-media-embed" of a quoted post).
    const uint8_t h = hints[i];
    if ((h & (kBody | kHoldsBody)) == 0 && (h & kFurniture) != 0 &&
        ((h & kLeadFurniture) != 0 || (static_cast<double>(it.chars) < 0.4 * page_chars && (h & kHoldsQuote) == 0))) {
      it.excluded = true;
    }
  }
}

void PageReader::BuildBlocks() {
  std::vector<int> open;         // open elements (item indices), outermost first
  std::vector<int> block_owner;  // open block elements
  int in_link = 0;
  Block current{"", 0, 0, 0, GUMBO_TAG_BODY};
  auto flush = [&]() {
    std::string_view t = Trim(current.text);
    if (!t.empty()) {
      Block b{std::string(t), block_owner.empty() ? 0 : block_owner.back(), CountWords(t), current.link_words,
              GUMBO_TAG_BODY};
      b.tag = items_[b.owner].tag;
      if (b.words > 0) blocks_.push_back(std::move(b));
    }
    current.text.clear();
    current.link_words = 0;
  };
  for (size_t i = 0; i < items_.size(); ++i) {
    while (!open.empty() && items_[open.back()].end <= static_cast<int>(i)) {
      int e = open.back();
      open.pop_back();
      if (items_[e].tag == GUMBO_TAG_A) --in_link;
      if (!block_owner.empty() && block_owner.back() == e) {
        flush();
        block_owner.pop_back();
      }
    }
    const Item& it = items_[i];
    if (it.excluded) {
      i = static_cast<size_t>(it.end) - 1;
      continue;
    }
    if (it.text) {
      const GumboNode* n = it.node;
      if (n->type == GUMBO_NODE_WHITESPACE) {
        if (!current.text.empty() && current.text.back() != ' ') current.text += ' ';
        continue;
      }
      std::string_view s = n->v.text.text;
      bool pre = std::any_of(open.begin(), open.end(), [&](int e) { return items_[e].tag == GUMBO_TAG_PRE; });
      for (size_t k = 0; k < s.size(); ++k) {
        char c = s[k];
        if (c == '\xC2' && k + 1 < s.size() && s[k + 1] == '\xA0') {  // no-break space: a space here
          c = ' ';
          ++k;
        }
        if (c == '\n' && pre) {
          current.text += '\n';
        } else if (IsSpace(c)) {
          if (!current.text.empty() && current.text.back() != ' ' && current.text.back() != '\n') current.text += ' ';
        } else {
          current.text += c;
        }
      }
      if (in_link > 0) current.link_words += CountWords(s);
      continue;
    }
    if (it.tag == GUMBO_TAG_BR) {
      while (!current.text.empty() && current.text.back() == ' ') current.text.pop_back();
      current.text += '\n';
      continue;
    }
    open.push_back(static_cast<int>(i));
    if (it.tag == GUMBO_TAG_A) ++in_link;
    if (IsBlockTag(it.tag)) {
      flush();
      block_owner.push_back(static_cast<int>(i));
    }
  }
  flush();
}

int PageReader::ChooseBody() {
  // Two views of where the article is. Summed over whole subtrees (paragraph
  // words, less link-list words), the best element holds all of the article, and
  // maybe teasers beside it. Summed over the paragraphs an element holds itself
  // and, at half and a third, those of its children and grandchildren, the best
  // element is the article's own container: a feed of teaser cards spreads its
  // text over many small ones.
  std::vector<double> own(items_.size(), 0.0);
  for (const Block& b : blocks_) {
    double density = b.words == 0 ? 0 : static_cast<double>(b.link_words) / b.words;
    double value = b.words >= 8 ? b.words * (1 - 2 * density) : -static_cast<double>(b.link_words);
    for (int e = b.owner; e >= 0; e = items_[e].parent) items_[e].score += value;
    static constexpr double kShare[] = {1.0, 0.5, 1.0 / 3};
    int e = b.owner;
    for (double share : kShare) {
      if (e < 0) break;
      own[e] += value * share;
      e = items_[e].parent;
    }
  }
  int best = 0, dense = 0;
  for (size_t i = 1; i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (it.text || it.excluded) continue;
    if (it.score >= items_[best].score) best = static_cast<int>(i);
    if (own[i] > own[dense]) dense = static_cast<int>(i);
  }
  dense_ = dense >= best && dense < items_[best].end ? dense : best;
  return best;
}

// The letters and digits of a text, ASCII lowercased: headlines compared across
// their typography ("'Issues,' exec says" = "‘Issues,’ exec says").
std::string Letters(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      i += 2;  // General Punctuation: curly quotes, dashes, ellipsis
    } else if (std::isalnum(u)) {
      out += text::AsciiLower(static_cast<char>(u));
    } else if (u >= 0x80) {
      out += s[i];
    }
  }
  return out;
}

// A heading that opens the links to other articles after the body: "More from
// Example News", "Related stories", "You may also like", "Read next".
bool OpensRecirculation(std::string_view text) {
  std::string t = text::AsciiLowered(Collapse(text));
  if (CountWords(t) > 7 || (!t.empty() && (t.back() == '.' || t.back() == '?'))) return false;
  static const char* kStarts[] = {"more from", "more stories", "more news", "more on this", "related",
                                  "you may also like", "you might also like", "you may like", "recommended",
                                  "read next", "read more", "what to read next", "most popular", "most read",
                                  "trending", "popular stories", "latest news", "top stories", "more in ",
                                  "don't miss", "also on", "around the web", "sponsored", "comments",
                                  "leave a comment", "leave a reply", "join the conversation", "tell us what you think",
                                  "share this", "share on", "share article"};
  for (const char* p : kStarts) {
    if (t.rfind(p, 0) == 0) return true;
  }
  // "Our latest stories", "Editors' picks: recommended", "Stories you may like".
  static const char* kInside[] = {"latest stories", "latest news", "related stories", "related articles",
                                  "recommended for you", "you may also like", "you might also like",
                                  "more stories", "popular stories", "top stories", "editors' picks"};
  for (const char* p : kInside) {
    if (t.find(p) != std::string::npos) return true;
  }
  return t.rfind("more ", 0) == 0 && t.find(' ') == 4 && CountWords(t) <= 4;  // "More Example News"
}

// A line above the article that only dates or signs it: "October 12, 2017",
// "05/10/2018 - Posted by Jane Roe", "By Jane Roe | Updated 4:15 PM".
bool IsDateOrBylineLine(std::string_view text) {
  if (CountWords(text) > 16) return false;
  if (DateInText(text)) return true;
  std::string t = text::AsciiLowered(Collapse(text));
  for (const char* p : {"by ", "posted by", "published by", "written by", "words by", "published", "updated",
                        "posted"}) {
    if (t.rfind(p, 0) == 0) return t.find_first_of(".!?") == std::string::npos || t.back() != '.';
  }
  return false;
}

std::string PageReader::BodyText(int body) {
  const int end = items_[body].end;
  std::vector<const Block*> kept;
  uint32_t total_words = 0;
  for (const Block& b : blocks_) {
    if (b.owner < body || b.owner >= end) continue;
    double density = static_cast<double>(b.link_words) / b.words;
    if (density > 0.5) continue;
    // Around the article's own container, only paragraphs: a lede or a last
    // paragraph set apart, not the headings and lists of teasers.
    const bool outside = b.owner < dense_ || b.owner >= items_[dense_].end;
    if (outside && b.tag != GUMBO_TAG_P) continue;
    if (b.tag == GUMBO_TAG_H1 && title_ && b.words >= 3) {  // the headline again, maybe without the site name
      const std::string heading = Letters(b.text), title = Letters(*title_);
      if (title.size() >= 10 && (title.find(heading) != std::string::npos || heading.find(title) != std::string::npos))
        continue;
    }
    kept.push_back(&b);
    total_words += b.words;
  }
  // Short lines said three times or more are furniture (share bars under every
  // teaser, "Advertisement" slots).
  std::unordered_map<std::string_view, int> seen;
  auto repeatable = [](const Block* b) {
    return b->words <= 6 && b->tag != GUMBO_TAG_TD && b->tag != GUMBO_TAG_TH && b->tag != GUMBO_TAG_LI &&
           !IsHeading(b->tag);
  };
  for (const Block* b : kept) {
    if (repeatable(b)) ++seen[b->text];
  }
  std::string out;
  uint32_t words = 0;
  bool started = false;  // a paragraph of the article has been written
  int last_written = body, skip_until = 0;
  for (const Block* b : kept) {
    if (repeatable(b) && seen[b->text] >= 3) continue;
    if (!started && IsDateOrBylineLine(b->text)) continue;
    if (b->words >= 12) started = true;
    if (skip_until > b->owner) continue;
    // A heading of links to other articles after a fair part of the body: skip
    // the box it opens (its outermost element that holds nothing written yet);
    // when that box is the heading alone, the body has ended.
    if (words >= 80 && words * 5 >= total_words && OpensRecirculation(b->text)) {
      int box = b->owner;
      while (items_[box].parent > body && items_[box].parent > last_written) box = items_[box].parent;
      if (box == b->owner || items_[box].end >= end) break;
      skip_until = items_[box].end;
      continue;
    }
    if (!out.empty()) out += "\n\n";
    out += b->text;
    words += b->words;
    last_written = b->owner;
  }
  return out;
}

HtmlDocument PageReader::Read(std::string encoding, std::vector<std::string> warnings) {
  Flatten();
  ReadMetadata();
  HtmlDocument doc;
  doc.encoding = std::move(encoding);
  doc.warnings = std::move(warnings);
  doc.outlet = meta_.site_name ? meta_.site_name : meta_.ld_publisher;
  if (meta_.og_title) {
    title_ = StripSiteName(*meta_.og_title, doc.outlet);
  } else if (meta_.ld_headline) {
    title_ = meta_.ld_headline;
  } else if (meta_.title_tag) {
    title_ = StripSiteName(*meta_.title_tag, doc.outlet);
  } else {
    title_ = meta_.h1;
  }
  doc.title = title_;
  doc.url = meta_.canonical ? meta_.canonical : meta_.og_url;
  if (doc.url && !IsUrlish(*doc.url)) doc.url.reset();  // a relative canonical link says nothing
  doc.language = meta_.language;
  doc.authors = !meta_.ld_authors.empty() ? meta_.ld_authors : meta_.meta_authors;
  struct Source {
    const std::optional<std::string>* date;
    const char* name;
  };
  std::optional<std::string> url_date = doc.url ? DateFromUrl(*doc.url) : std::nullopt;
  for (Source s : {Source{&meta_.ld_date, "json-ld"}, Source{&meta_.meta_date, "meta"},
                   Source{&meta_.time_date, "time"}, Source{&url_date, "url"}, Source{&meta_.byline_date, "byline"}}) {
    if (*s.date) {
      doc.published = *s.date;
      doc.published_from = s.name;
      break;
    }
  }
  MarkExcluded();
  BuildBlocks();
  doc.text = BodyText(ChooseBody());
  return doc;
}

}  // namespace

std::string SlimHtmlForParsing(std::string_view utf8_html, size_t max_depth) {
  return SlimMarkup(utf8_html, max_depth).html;
}

std::optional<std::string> DateFromMarkup(std::string_view value) {
  std::string_view v = Trim(value);
  auto digits = [&](size_t at, size_t n) {
    if (at + n > v.size()) return -1;
    int x = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(v[k]))) return -1;
      x = x * 10 + (v[k] - '0');
    }
    return x;
  };
  if (v.size() >= 10 && digits(0, 4) >= 0 && (v[4] == '-' || v[4] == '/') && v[7] == v[4]) {
    return IsoDate(digits(0, 4), digits(5, 2), digits(8, 2));
  }
  if (v.size() >= 8 && digits(0, 8) >= 0 && (v.size() == 8 || !std::isdigit(static_cast<unsigned char>(v[8])))) {
    return IsoDate(digits(0, 4), digits(4, 2), digits(6, 2));
  }
  return DateInText(v);
}

bool LooksLikeHtml(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t i = 0;
  while (true) {
    while (i < bytes.size() && IsSpace(bytes[i])) ++i;
    if (bytes.compare(i, 4, "<!--") != 0) break;
    size_t e = bytes.find("-->", i + 4);
    if (e == std::string_view::npos) return false;
    i = e + 3;
  }
  std::string_view rest = bytes.substr(i);
  if (text::StartsWithNoCase(rest, "<!doctype html") || text::StartsWithNoCase(rest, "<html") ||
      text::StartsWithNoCase(rest, "<head") || text::StartsWithNoCase(rest, "<body") || text::StartsWithNoCase(rest, "<?xml")) {
    return text::StartsWithNoCase(rest, "<?xml") ? text::AsciiLowered(rest.substr(0, 1024)).find("<html") != std::string::npos : true;
  }
  if (rest.empty() || rest[0] != '<' || text::StartsWithNoCase(rest, "<doc>")) return false;  // newswire SGML
  std::string head = text::AsciiLowered(rest.substr(0, 4096));
  for (const char* tag : {"<html", "<head", "<body", "<meta ", "<title>", "<div", "<p>", "<article"}) {
    if (head.find(tag) != std::string::npos) return true;
  }
  return false;
}

Result<HtmlDocument> ReadHtml(std::string_view bytes, const HtmlOptions& options) {
  std::vector<std::string> warnings;
  std::string encoding;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::optional<std::string> decoded = DecodeToUtf8(bytes, encoding, warnings);
  Slimmed slim = SlimMarkup(decoded ? std::string_view(*decoded) : bytes, options.max_depth);
  if (slim.deepest > options.max_depth) {
    warnings.push_back("markup nests " + std::to_string(slim.deepest) + " elements deep; elements below depth " +
                       std::to_string(options.max_depth) + " were flattened into their ancestors");
  }
  const std::string& html = slim.html;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&gopts, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!out) return Status(StatusCode::kInvalidInput, "the HTML parser could not read the page");
  HtmlDocument doc = PageReader(out.get(), slim.json_ld).Read(std::move(encoding), std::move(warnings));
  return doc;
}

}  // namespace crosscheck::ingest
