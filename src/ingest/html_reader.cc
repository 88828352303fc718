#include "ingest/html_reader.h"

#include "ingest/json_depth.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "ingest/html_charset.h"
#include "ingest/html_slim.h"
#include "ingest/metadata.h"
#include "text/ascii.h"

namespace crosscheck::ingest {
namespace {

// ---------------------------------------------------------------------------
// Small string helpers.

std::string_view Trim(std::string_view s) {
  while (!s.empty() && text::IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && text::IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of spaces (of any kind HTML collapses) made one space, ends trimmed.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (text::IsAsciiSpace(c)) {
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
// The tree, flattened: elements and text nodes in document order.

struct Item {
  const GumboNode* node;
  int parent;    // item index of the parent element, -1 at the root
  int end;       // one past the last item of the subtree (text: index + 1)
  GumboTag tag;  // GUMBO_TAG_UNKNOWN for text
  bool text;
  uint32_t chars = 0;  // text in the subtree, in bytes
  bool excluded = false;
  double score = 0;  // article words in the subtree, less link-list words
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

uint8_t NamesOf(const GumboNode* n) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, kNameAttribute);
  return a == nullptr || a->value[0] < 'a' || a->value[0] > 'p' ? 0 : static_cast<uint8_t>(a->value[0] - 'a');
}

// Tags whose content is never text a reader sees as the article.
bool IsNeverContent(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HGROUP:
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
  style.erase(std::remove_if(style.begin(), style.end(), text::IsAsciiSpace), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// ---------------------------------------------------------------------------
// Metadata.

// A JSON-LD articleBody of fewer words is a description or a teaser, never taken
// for the article over the page's markup.
constexpr uint32_t kMinLdBodyWords = 50;

struct Metadata {
  std::optional<std::string> og_title, ld_headline, title_tag, h1, site_name, ld_publisher, canonical, og_url, language,
      ld_date, meta_date, time_date, byline_date;
  std::vector<std::string> ld_authors, meta_authors;
  std::string ld_body;  // the article object's articleBody, paragraphs joined by "\n\n"
  uint32_t ld_body_words = 0;
};

std::string TextOf(const GumboNode* n) {
  std::string out;
  std::vector<const GumboNode*> stack{n};
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

// The articleBody of an article object, as paragraphs: pages rendered by script
// often carry the whole text there while their markup holds only a teaser. A
// body written as markup ("<p>...") is left alone: it is not the plain text the
// field promises, and the page's own markup is read anyway.
void ReadLdBody(const nlohmann::json& article, Metadata& m) {
  auto it = article.find("articleBody");
  if (it == article.end() || !it->is_string()) return;
  const std::string& body = it->get_ref<const std::string&>();
  if (body.find("</") != std::string::npos || body.find("<p") != std::string::npos) return;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string paragraph = Collapse(std::string_view(body).substr(start, end - start));
    if (!paragraph.empty()) {
      if (!m.ld_body.empty()) m.ld_body += "\n\n";
      m.ld_body += paragraph;
    }
    start = end + 1;
  }
  m.ld_body_words = CountWords(m.ld_body);
}

// Reads the article objects of one JSON-LD script.
void ReadJsonLd(std::string_view script, Metadata& m) {
  if (NestsDeeperThan(script, kMaxJsonNesting)) return;  // no article metadata nests so deep
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
    if (m.ld_body.empty()) ReadLdBody(*j, m);
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
  static const char* kSeparators[] = {" | ", " - ", " -- ", " :: ", " / ",
                                      " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB "};
  for (const char* sep : kSeparators) {
    size_t at = title.rfind(sep);
    if (at != std::string::npos) {
      std::string head = title.substr(0, at), tail = title.substr(at + std::strlen(sep));
      if ((site && text::AsciiLowered(tail) == text::AsciiLowered(*site)) || CountWords(tail) <= 4)
        return Trim(head).empty() ? title : head;
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
    for (std::string_view sep :
         {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " / ", " \xE2\x80\xA2 "}) {
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
  int owner;  // item index of the innermost block element
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
  int ChooseBody();
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
  int in_link = 0, in_pre = 0;
  std::string text;              // the block being read
  uint32_t link_words = 0;
  auto flush = [&]() {
    std::string_view t = Trim(text);
    if (!t.empty()) {
      const int owner = block_owner.empty() ? 0 : block_owner.back();
      Block b{std::string(t), owner, CountWords(t), link_words, items_[owner].tag};
      if (b.words > 0) blocks_.push_back(std::move(b));
    }
    text.clear();
    link_words = 0;
  };
  for (size_t i = 0; i < items_.size(); ++i) {
    while (!open.empty() && items_[open.back()].end <= static_cast<int>(i)) {
      int e = open.back();
      open.pop_back();
      if (items_[e].tag == GUMBO_TAG_A) --in_link;
      if (items_[e].tag == GUMBO_TAG_PRE) --in_pre;
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
        if (!text.empty() && text.back() != ' ') text += ' ';
        continue;
      }
      std::string_view s = n->v.text.text;
      for (size_t k = 0; k < s.size(); ++k) {
        char c = s[k];
        if (c == '\xC2' && k + 1 < s.size() && s[k + 1] == '\xA0') {  // no-break space: a space here
          c = ' ';
          ++k;
        }
        if (c == '\n' && in_pre > 0) {
          text += '\n';
        } else if (text::IsAsciiSpace(c)) {
          if (!text.empty() && text.back() != ' ' && text.back() != '\n') text += ' ';
        } else {
          text += c;
        }
      }
      if (in_link > 0) link_words += CountWords(s);
      continue;
    }
    if (it.tag == GUMBO_TAG_BR) {
      while (!text.empty() && text.back() == ' ') text.pop_back();
      text += '\n';
      continue;
    }
    open.push_back(static_cast<int>(i));
    if (it.tag == GUMBO_TAG_A) ++in_link;
    if (it.tag == GUMBO_TAG_PRE) ++in_pre;
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
  static const char* kStarts[] = {
      "more from", "more stories", "more news", "more on this", "related", "you may also like",
      "you might also like", "you may like", "recommended", "read next", "read more", "what to read next",
      "most popular", "most read", "trending", "popular stories", "latest news", "top stories", "more in ",
      "don't miss", "also on", "around the web", "sponsored", "comments", "leave a comment", "leave a reply",
      "join the conversation", "tell us what you think", "share this", "share on", "share article"};
  for (const char* p : kStarts) {
    if (t.rfind(p, 0) == 0) return true;
  }
  // "Our latest stories", "Editors' picks: recommended", "Stories you may like".
  static const char* kInside[] = {"latest stories",      "latest news",       "related stories",     "related articles",
                                  "recommended for you", "you may also like", "you might also like", "more stories",
                                  "popular stories",     "top stories",       "editors' picks"};
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
  for (const char* p :
       {"by ", "posted by", "published by", "written by", "words by", "published", "updated", "posted"}) {
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
  // The markup gave less than half the words of the JSON-LD articleBody: the
  // page draws its text by script (or hides it in a form the reader does not
  // take as paragraphs), and the structured copy is the article.
  if (meta_.ld_body_words >= kMinLdBodyWords && CountWords(doc.text) * 2 < meta_.ld_body_words) {
    doc.text = std::move(meta_.ld_body);
    doc.warnings.push_back("the page's markup holds little of its text; the text is its JSON-LD articleBody");
  }
  return doc;
}

}  // namespace

std::optional<std::string> DateFromMarkup(std::string_view value) {
  std::string_view v = Trim(value);
  // A time stamp: its date before the time ("2019-11-19T23:30:00-05:00", "20191119T2330").
  for (size_t n : {10, 8}) {
    if (v.size() > n && text::IsAsciiDigit(v[n])) continue;
    if (v.size() >= n) {
      if (std::optional<std::string> d = ParseDateLine(v.substr(0, n))) return d;
    }
  }
  return DateInText(v);
}

bool LooksLikeHtml(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t i = 0;
  while (true) {
    while (i < bytes.size() && text::IsAsciiSpace(bytes[i])) ++i;
    if (bytes.compare(i, 4, "<!--") != 0) break;
    size_t e = bytes.find("-->", i + 4);
    if (e == std::string_view::npos) return false;
    i = e + 3;
  }
  std::string_view rest = bytes.substr(i);
  if (text::StartsWithNoCase(rest, "<!doctype html") || text::StartsWithNoCase(rest, "<html") ||
      text::StartsWithNoCase(rest, "<head") || text::StartsWithNoCase(rest, "<body") ||
      text::StartsWithNoCase(rest, "<?xml")) {
    return text::StartsWithNoCase(rest, "<?xml")
               ? text::AsciiLowered(rest.substr(0, 1024)).find("<html") != std::string::npos
               : true;
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
  std::optional<std::string> decoded = DecodeHtmlToUtf8(bytes, encoding, warnings);
  SlimmedHtml slim = SlimMarkup(decoded ? std::string_view(*decoded) : bytes, options.max_depth);
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
