#include "ingest/sgml_reader.h"

#include <cctype>

#include "ingest/metadata.h"

namespace crosscheck::ingest {
namespace {

// The content between <tag> and </tag> starting the search at `from`; npos when absent.
std::pair<size_t, size_t> Element(std::string_view t, std::string_view tag, size_t from = 0) {
  std::string open = "<", close = "</";
  open.append(tag).append(">");
  close.append(tag).append(">");
  size_t b = t.find(open, from);
  if (b == std::string_view::npos) return {std::string_view::npos, std::string_view::npos};
  b += open.size();
  size_t e = t.find(close, b);
  if (e == std::string_view::npos) return {std::string_view::npos, std::string_view::npos};
  return {b, e};
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::optional<std::string> OutletOf(std::string_view docno) {
  struct Source {
    const char* prefix;
    const char* name;
  };
  static const Source kSources[] = {
      {"APW", "Associated Press Worldstream"}, {"NYT", "New York Times"}, {"XIE", "Xinhua News Agency"},
      {"AP", "Associated Press"},  {"WSJ", "Wall Street Journal"},  {"LA", "Los Angeles Times"},
      {"FT", "Financial Times"},   {"FBIS", "Foreign Broadcast Information Service"},
      {"SJMN", "San Jose Mercury News"}, {"AFP", "Agence France-Presse"}, {"CNA", "Central News Agency"},
      {"LTW", "Los Angeles Times/Washington Post"}};
  size_t letters = 0;
  while (letters < docno.size() && std::isalpha(static_cast<unsigned char>(docno[letters]))) ++letters;
  std::string_view prefix = docno.substr(0, letters);
  for (const Source& s : kSources)
    if (prefix == s.prefix) return std::string(s.name);
  return prefix.empty() ? std::nullopt : std::optional<std::string>(std::string(prefix));
}

std::optional<std::string> DateOf(std::string_view docno) {
  size_t i = 0;
  while (i < docno.size() && std::isalpha(static_cast<unsigned char>(docno[i]))) ++i;
  std::string_view digits = docno.substr(i);
  auto leading_digits = [&](size_t n) {
    if (digits.size() < n) return false;
    for (size_t k = 0; k < n; ++k)
      if (!std::isdigit(static_cast<unsigned char>(digits[k]))) return false;
    return true;
  };
  auto num = [&](size_t b, size_t n) { return std::stoi(std::string(digits.substr(b, n))); };
  if (leading_digits(8)) return IsoDate(num(0, 4), num(4, 2), num(6, 2));
  if (leading_digits(6)) {  // AP880212-0001: two-digit years of the 1980s and 1990s
    int yy = num(0, 2);
    return IsoDate(yy < 50 ? 2000 + yy : 1900 + yy, num(2, 2), num(4, 2));
  }
  return std::nullopt;
}

}  // namespace

bool LooksLikeSgml(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return text.substr(i, 5) == "<DOC>";
}

std::vector<std::string_view> SplitSgmlDocuments(std::string_view raw) {
  if (!LooksLikeSgml(raw)) return {raw};
  std::vector<size_t> starts;
  for (size_t at = raw.find("<DOC>"); at != std::string_view::npos; at = raw.find("<DOC>", at + 5))
    starts.push_back(at);
  if (starts.size() < 2) return {raw};
  std::vector<std::string_view> docs;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t end = i + 1 < starts.size() ? starts[i + 1] : raw.size();
    docs.push_back(raw.substr(starts[i], end - starts[i]));
  }
  return docs;
}

Result<SgmlDocument> ReadSgml(const text::MappedText& input) {
  std::string_view t = input.text();
  SgmlDocument doc;
  auto [db, de] = Element(t, "DOC");
  if (db == std::string_view::npos) return Status(StatusCode::kInvalidInput, "SGML without a closed <DOC> element");
  doc.more_documents = t.find("<DOC>", de) != std::string_view::npos;
  auto [nb, ne] = Element(t.substr(0, de), "DOCNO", db);
  if (nb != std::string_view::npos) {
    doc.docno = Trimmed(t.substr(nb, ne - nb));
    doc.published = DateOf(doc.docno);
    doc.outlet = OutletOf(doc.docno);
  }
  auto [hb, he] = Element(t.substr(0, de), "HEADLINE", db);
  if (hb != std::string_view::npos) {
    std::string h = Trimmed(t.substr(hb, he - hb));
    if (!h.empty()) doc.headline = h;
  }
  auto [tb, te] = Element(t.substr(0, de), "TEXT", db);
  if (tb == std::string_view::npos) {
    return Status(StatusCode::kInvalidInput, "SGML document " + doc.docno + " has no <TEXT> element");
  }
  // The body: `` and '' are quotation marks, <P> starts a paragraph, other tags go.
  text::MappedText& out = doc.body;
  size_t copied = tb;
  for (size_t i = tb; i < te;) {
    if ((t[i] == '`' && i + 1 < te && t[i + 1] == '`') || (t[i] == '\'' && i + 1 < te && t[i + 1] == '\'')) {
      out.AppendCopy(input, copied, i);
      out.AppendReplacement(input, i, i + 2, "\"");
      copied = i += 2;
      continue;
    }
    if (t[i] == '&') {
      // SGML entities of the newswire files.
      static const std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&AMP;", "&"}, {"&amp;", "&"}, {"&LT;", "<"}, {"&lt;", "<"}, {"&GT;", ">"}, {"&gt;", ">"},
          {"&QUOT;", "\""}, {"&quot;", "\""}, {"&APOS;", "'"}, {"&apos;", "'"}};
      bool replaced = false;
      for (const auto& [name, value] : kEntities) {
        if (t.substr(i, name.size()) == name) {
          out.AppendCopy(input, copied, i);
          out.AppendReplacement(input, i, i + name.size(), value);
          copied = i += name.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    if (t[i] == '<') {
      size_t close = t.find('>', i);
      if (close != std::string_view::npos && close < te && close - i < 40) {
        out.AppendCopy(input, copied, i);
        std::string_view tag = t.substr(i + 1, close - i - 1);
        if (tag == "P" || tag == "p") out.AppendReplacement(input, i, close + 1, "\n\n");
        copied = i = close + 1;
        continue;
      }
    }
    ++i;
  }
  out.AppendCopy(input, copied, te);
  return doc;
}

}  // namespace crosscheck::ingest
