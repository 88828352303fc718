#include "ingest/html_slim.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "text/ascii.h"

namespace crosscheck::ingest {
namespace {

// Class, id or role words of page furniture. Whole words, so "header" does not hit
// "subheader" and "ad" does not hit "add".
bool IsFurnitureWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "ad", "ads", "advert", "advertisement", "advertising", "adslot", "dfp", "sponsor", "sponsored", "promo",
      "promos", "promotion", "banner", "share", "sharing", "shares", "social", "sharebar", "comment", "comments",
      "disqus", "newsletter", "newsletters", "subscribe", "subscription", "signup", "cookie", "cookies", "consent",
      "gdpr", "related", "recommended", "recommendations", "recirc", "recirculation", "popular", "trending",
      "mostread", "outbrain", "taboola", "sidebar", "breadcrumb", "breadcrumbs", "nav", "navbar", "navigation",
      "menu", "footer", "masthead", "toolbar", "byline", "caption", "credit", "credits", "tags", "tag", "topics",
      "keywords", "popup", "modal", "overlay", "widget", "widgets", "rail", "print", "skip", "hidden", "hide",
      "visuallyhidden", "sronly", "offscreen", "author", "bio", "meta", "timestamp", "dateline", "pagination",
      "pager", "header", "complementary", "contentinfo", "banner", "navigation", "search", "login", "paywall",
      "donate", "donation", "teaser", "teasers", "readmore", "more", "next", "prev", "previous", "jump", "video",
      "gallery", "slideshow", "carousel", "image", "img", "photo", "figure", "icon", "logo", "alert", "notice",
      "notification", "feedback", "survey", "rating", "reactions"};
  return kWords.count(w) > 0;
}

// Class or id words that name the article body itself.
bool IsBodyWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "articlebody", "storybody", "entrycontent", "postcontent", "articlecontent",
      "bodytext",    "storytext", "articletext",  "posttext",    "contentbody"};
  return kWords.count(w) > 0;
}

// Class words of the element that prints the publication date.
bool IsDateWord(std::string_view w) {
  return w == "date" || w == "published" || w == "timestamp" || w == "byline" || w == "dateline" || w == "pubdate" ||
         w == "time";
}

bool IsLeadFurnitureWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "comment", "comments", "disqus",     "related",     "recommended", "newsletter", "cookie", "cookies", "consent",
      "share",   "sharing",  "breadcrumb", "breadcrumbs", "outbrain",    "taboola",    "popup",  "modal",   "promo"};
  return kWords.count(w) > 0;
}

// Every meta key the reader uses; the others are dropped before parsing.
bool IsReadMetaKey(std::string_view key) {
  return key == "og:title" || key == "og:site_name" || key == "og:url" || key == "content-type" ||
         IsAuthorMetaKey(key) || IsDateMetaKey(key);
}

enum TagTrait : uint8_t {
  kVoid = 1,            // no content, no end tag
  kUnread = 2,          // void and of no use to the reader: dropped whole (images, inputs)
  kSiblingClosing = 4,  // closes its open siblings, so does not nest in practice (<p>, <li>)
  kDropped = 8,         // dropped with its content (scripts, styles, SVG, frames, controls)
  kInline = 16,         // phrasing: its class matters only when it names furniture
  kNeverArticle = 32,   // holds no article text; dropped with its content when its end tag is found
  kKeptRawText = 64,    // raw text kept as it is up to its end tag
};

// The traits of a tag name (0 for names not listed), in one lookup.
uint8_t TagTraitsOf(const std::string& name) {
  static const std::unordered_map<std::string, uint8_t> kTraits = [] {
    std::unordered_map<std::string, uint8_t> t;
    auto add = [&t](uint8_t trait, std::initializer_list<const char*> names) {
      for (const char* n : names) t[n] |= trait;
    };
    add(kVoid, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
                "wbr", "keygen", "basefont"});
    add(kUnread, {"area", "base", "col", "embed", "img", "input", "param", "source", "track", "wbr"});
    add(kSiblingClosing, {"p", "li", "dt", "dd", "option", "tr", "td", "th", "optgroup", "rt", "rp"});
    add(kDropped, {"script", "style", "svg", "math", "noscript", "template", "iframe", "object", "canvas", "video",
                   "audio", "select", "button"});
    add(kInline, {"a", "span", "i", "b", "em", "strong", "small", "sup", "sub", "abbr", "cite", "u", "s", "font",
                  "mark", "q", "code", "kbd", "var", "dfn", "bdi", "bdo", "del", "ins"});
    add(kNeverArticle, {"nav", "aside", "footer", "figure", "figcaption", "menu", "dialog"});
    add(kKeptRawText, {"title", "textarea", "xmp"});
    return t;
  }();
  auto it = kTraits.find(name);
  return it == kTraits.end() ? 0 : it->second;
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
    if (!(text::IsAsciiSpace(after) || after == '>' || after == '/')) continue;
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

bool IsKeptAttribute(std::string_view tag, std::string_view name) {
  static const std::unordered_set<std::string_view> kKept = {"itemprop", "hidden",   "aria-hidden", "lang",
                                                             "xml:lang", "property", "name",        "content",
                                                             "datetime", "type",     "charset",     "http-equiv"};
  if (kKept.count(name) > 0) return true;
  return (name == "rel" || name == "href") && tag == "link";
}

std::string_view Unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    return v.substr(1, v.size() - 2);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) return v.substr(1);
  return v;
}

size_t FindNoCase(std::string_view s, std::string_view needle, size_t from) {
  for (size_t i = s.find('<', from); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (text::StartsWithNoCase(s.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

// What the words of a class, id or role value name.
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
      if (text::IsAsciiSpace(c)) token_start = true;
    }
  }
  end_word();
  return flags;
}

bool IsDateMetaKey(std::string_view key) {
  static const std::unordered_set<std::string_view> kKeys = {
      "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
      "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
      "parsely-pub-date", "article.published", "published_time", "original-publish-date", "article_date_original",
      "citation_publication_date"};
  return kKeys.count(key) > 0;
}

bool IsAuthorMetaKey(std::string_view key) {
  return key == "author" || key == "article:author" || key == "dc.creator" || key == "sailthru.author" ||
         key == "parsely-author";
}

SlimmedHtml SlimMarkup(std::string_view html, size_t max_depth) {
  SlimmedHtml out;
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
        while (k < lt && !text::IsAsciiSpace(html[k])) ++k;
        out.html.append(html.data() + word, k - word);
        if (k == lt) break;
        const bool newline = html[k] == '\n';
        if (out.html.empty() || !text::IsAsciiSpace(out.html.back())) out.html += newline ? '\n' : ' ';
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
    const uint8_t traits = TagTraitsOf(name);
    const bool is_meta = name == "meta", is_link = name == "link";
    bool wanted = true;  // void tags that say nothing to the reader are dropped whole
    const bool inline_tag = (traits & kInline) != 0;
    uint8_t names = 0;
    if (is_meta || is_link || (traits & kUnread) != 0) wanted = false;
    while (j < html.size() && html[j] != '>') {
      if (text::IsAsciiSpace(html[j]) || html[j] == '/') {
        self_closing = html[j] == '/';
        ++j;
        continue;
      }
      self_closing = false;
      size_t an = j;
      while (j < html.size() && !text::IsAsciiSpace(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/') ++j;
      if (j == an) ++j;  // a stray '='
      attr.assign(html.data() + an, j - an);
      for (char& c : attr) c = text::AsciiLower(c);
      size_t vb = j, ve = j;
      size_t k = j;
      while (k < html.size() && text::IsAsciiSpace(html[k])) ++k;
      if (k < html.size() && html[k] == '=') {
        ++k;
        while (k < html.size() && text::IsAsciiSpace(html[k])) ++k;
        vb = k;
        if (k < html.size() && (html[k] == '"' || html[k] == '\'')) {
          size_t q = html.find(html[k], k + 1);
          ve = q == std::string_view::npos ? html.size() : q + 1;
        } else {
          while (k < html.size() && !text::IsAsciiSpace(html[k]) && html[k] != '>') ++k;
          ve = k;
        }
        j = ve;
      }
      const std::string_view value = html.substr(vb, ve - vb);
      // Styles matter only when they hide the element.
      bool hiding_style = false;
      if (attr == "style") {
        const std::string style = text::AsciiLowered(value);
        hiding_style = style.find("none") != std::string::npos || style.find("hidden") != std::string::npos;
      }
      if (is_meta &&
          (attr == "charset" || ((attr == "property" || attr == "name" || attr == "itemprop" || attr == "http-equiv") &&
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
        if (!value.empty()) {
          tag += '=';
          tag.append(value);
        }
        if (attr == "type" && text::AsciiLowered(value).find("ld+json") != std::string::npos) ld_json = true;
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

}  // namespace crosscheck::ingest
