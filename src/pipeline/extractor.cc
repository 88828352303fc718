// The extract pipeline: read -> normalize -> layout -> clean -> repair -> segment.
// This file is the only one that knows every extraction stage; each stage is a
// function of plain data in src/text and src/ingest.
#include <algorithm>
#include <optional>

#include "crosscheck/extract.h"
#include "ingest/html_reader.h"
#include "ingest/metadata.h"
#include "ingest/sgml_reader.h"
#include "ingest/text_layout.h"
#include "text/agencies.h"
#include "text/ascii.h"
#include "text/glue_repair.h"
#include "text/inline_clean.h"
#include "text/mapped_text.h"
#include "text/normalize.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "text/word_list.h"

namespace crosscheck {
namespace {

// "the address "javascript:alert(1)" is not an http(s) URL; left out", the address
// cut at 40 bytes on a UTF-8 character boundary.
std::string NotHttpWarning(const std::string& url) {
  size_t cut = std::min<size_t>(url.size(), 40);
  while (cut > 0 && cut < url.size() && (static_cast<unsigned char>(url[cut]) & 0xC0) == 0x80) --cut;
  return "the address \"" + ingest::CleanMetadataValue(url.substr(0, cut)) + (cut < url.size() ? "..." : "") +
         "\" is not an http(s) URL; left out";
}

// Metadata are shown to people in terminals and pages: no control characters in
// any field, and an address only when it is http(s).
void CleanMetadata(Article& a) {
  auto clean = [](std::optional<std::string>& v) {
    if (!v) return;
    *v = ingest::CleanMetadataValue(*v);
    if (v->empty()) v.reset();
  };
  auto clean_all = [](std::vector<std::string>& values) {
    std::vector<std::string> kept;
    for (const std::string& v : values)
      if (std::string c = ingest::CleanMetadataValue(v); !c.empty()) kept.push_back(std::move(c));
    values = std::move(kept);
  };
  clean(a.title);
  clean(a.outlet);
  clean(a.published);
  clean(a.language);
  clean(a.url);
  clean_all(a.authors);
  clean_all(a.wire_credits);
  a.id = ingest::CleanMetadataValue(a.id);
  if (a.url && !ingest::IsHttpUrl(*a.url)) {
    a.warnings.push_back(NotHttpWarning(*a.url));
    a.url.reset();
  }
}

// Paragraphs (separated by "\n\n" in the text), sentences and, when `tokenize`,
// tokens with stems: the last step of Extract, and all of Resegment.
void Segment(Article& article, bool tokenize, text::Stemmer& stemmer) {
  article.paragraphs.clear();
  article.sentences.clear();
  article.stems.clear();
  for (size_t b = 0; b < article.text.size();) {
    size_t e = article.text.find("\n\n", b);
    if (e == std::string::npos) e = article.text.size();
    if (e > b) article.paragraphs.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    b = e + 2;
  }
  if (tokenize) article.stems.reserve(article.text.size() * 3 / 4);
  for (uint32_t p = 0; p < article.paragraphs.size(); ++p) {
    for (const Span& s : text::SplitSentences(article.text, article.paragraphs[p])) {
      Sentence sentence;
      sentence.span = s;
      sentence.paragraph = p;
      if (tokenize) sentence.tokens = text::Tokenize(article.text, s, stemmer, article.stems);
      article.sentences.push_back(std::move(sentence));
    }
  }
}

// The service a story names in its own text when no header names its outlet: the
// agency of its dateline ("PARIS (AP) --"), or the name it signs off with, after
// its last sentence or alone on a closing line the layout set aside.
std::optional<std::string> OutletInText(const Article& a) {
  if (a.paragraphs.empty()) return std::nullopt;
  if (auto agency = text::DatelineAgency(a.Slice(a.paragraphs.front()))) return agency;
  if (auto name = text::SignOff(a.Slice(a.paragraphs.back()))) return name;
  for (auto d = a.dropped.rbegin(); d != a.dropped.rend(); ++d) {
    if (d->reason != DropReason::kTrailer && d->reason != DropReason::kWireCredit) break;
    if (auto name = text::SignOff(d->text)) return name;
  }
  return std::nullopt;
}

}  // namespace

struct Extractor::Impl {
  ExtractOptions options;
  std::shared_ptr<const text::WordList> words;  // shared by clones
  text::Stemmer stemmer;
  text::DocumentVocabulary vocab;  // reused from article to article
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

const ExtractOptions& Extractor::options() const { return impl_->options; }

const text::WordList* Extractor::word_list() const { return impl_->words.get(); }

Extractor Extractor::Clone() const {
  auto impl = std::make_unique<Impl>();
  impl->options = impl_->options;
  impl->words = impl_->words;
  return Extractor(std::move(impl));
}

Result<Extractor> Extractor::Create(const ExtractOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.repair_glued_words) {
    Result<text::WordList> words = text::WordList::Load(options.word_list_paths);
    if (!words.ok()) return words.status();
    impl->words = std::make_shared<const text::WordList>(std::move(words).value());
  }
  return Extractor(std::move(impl));
}

Article Extractor::Resegment(Article article) {
  article.raw = article.text;
  article.offsets = OffsetMap::Identity(static_cast<uint32_t>(article.text.size()));
  Segment(article, impl_->options.tokenize, impl_->stemmer);
  return article;
}

Result<Article> Extractor::Extract(std::string raw, std::string path) {
  return Extract(std::move(raw), std::move(path), ArticleHints{});
}

Result<Article> Extractor::Extract(std::string raw, std::string path, const ArticleHints& hints) {
  const ExtractOptions& opt = impl_->options;
  if (raw.size() > opt.max_bytes) {
    return Status(StatusCode::kResourceExhausted,
                  "input is " + std::to_string(raw.size()) + " bytes, over the limit of " +
                      std::to_string(opt.max_bytes) + " for one article",
                  path);
  }
  if (raw.size() > UINT32_MAX / 2) {
    return Status(StatusCode::kResourceExhausted, "input over 2 GB cannot be one article", path);
  }
  Article article;
  article.path = std::move(path);

  // A web page: its article body becomes the text the rest of the pipeline reads.
  std::optional<ingest::HtmlDocument> html;
  if (ingest::LooksLikeHtml(raw)) {
    Result<ingest::HtmlDocument> page = ingest::ReadHtml(raw);
    if (!page.ok()) return page.status().WithWhere(article.path);
    html = std::move(page).value();
    if (html->text.empty()) {
      return Status(StatusCode::kInvalidInput, "no article text: the page's body holds no paragraphs of text",
                    article.path);
    }
    raw = std::move(html->text);
    article.warnings = std::move(html->warnings);
    article.format = "html";
  }

  Result<text::MappedText> normalized = text::Normalize(raw, article.repairs, article.warnings);
  if (!normalized.ok()) return normalized.status().WithWhere(article.path);
  // Newswire SGML (TREC, DUC): metadata from its tags, the body from <TEXT>.
  std::optional<ingest::SgmlDocument> sgml;
  if (ingest::LooksLikeSgml(normalized->text())) {
    Result<ingest::SgmlDocument> doc = ingest::ReadSgml(normalized.value());
    if (!doc.ok()) return doc.status().WithWhere(article.path);
    sgml = std::move(doc).value();
    article.format = "sgml";
    if (sgml->more_documents) article.warnings.push_back("more than one <DOC>; only the first was read");
  }
  const text::MappedText& norm = sgml ? sgml->body : normalized.value();

  ingest::LayoutOptions layout_options;
  layout_options.header = !sgml && !html && opt.read_layout;  // markup says what a header would
  layout_options.furniture = opt.read_layout && !html;  // the HTML reader left furniture out by structure
  layout_options.join_broken_paragraphs = !html;
  if (hints.title) layout_options.known_title = *hints.title;
  ingest::TextLayout layout = ingest::ReadTextLayout(norm.text(), article.repairs, layout_options);
  if (sgml) {
    if (!sgml->docno.empty()) article.id = sgml->docno;
    layout.front_title = sgml->headline;
    layout.published = sgml->published;
    layout.outlet = sgml->outlet;
  }
  if (layout.paragraphs.empty()) {
    std::string why = layout.dropped.empty()
                          ? "no article text: the input holds only whitespace"
                          : "no article text: all " + std::to_string(layout.dropped.size()) +
                                " paragraph(s) look like headers or site furniture (see --format json \"dropped\")";
    return Status(StatusCode::kInvalidInput, why, article.path);
  }

  // Clean the paragraphs (one text, "\n\n" between them), then learn the
  // document's vocabulary before repairing glue: the repair asks whether the pieces
  // of a token occur on their own elsewhere.
  text::MappedText cleaned;
  cleaned.Reserve(norm.size());
  for (size_t p = 0; p < layout.paragraphs.size(); ++p) {
    const std::vector<Span>& lines = layout.paragraphs[p].lines;
    if (p > 0) {
      // The separator stands for the gap between the paragraphs in the original.
      const std::vector<Span>& prev = layout.paragraphs[p - 1].lines;
      cleaned.AppendReplacement(norm, prev.back().end, lines.front().begin, "\n\n");
    }
    text::AppendCleanParagraph(norm, lines, cleaned, article.repairs);
  }
  text::DocumentVocabulary& vocab = impl_->vocab;
  vocab.Reset();
  vocab.AddText(cleaned.text());
  // The dictionary repairs are English; other languages keep their words whole.
  const bool declared_other = html && html->language && !text::StartsWithNoCase(*html->language, "en");
  const bool english = !declared_other && text::LooksEnglish(cleaned.text());
  text::GlueRepairer glue(opt.repair_glued_words && impl_->words && english ? impl_->words.get() : nullptr,
                          /*cuts_need_evidence=*/true);
  text::MappedText out;
  out.Reserve(cleaned.size() + cleaned.size() / 32);
  const bool scraped = glue.Apply(cleaned, 0, cleaned.size(), vocab, out, article.repairs);
  // Repairs insert spaces only, so the paragraphs are still separated by "\n\n".
  article.text = out.TakeText();
  article.offsets = out.TakeMap();
  Segment(article, opt.tokenize, impl_->stemmer);

  // Metadata.
  std::optional<std::string> title = layout.front_title;
  if (!title && layout.title) title = ingest::JoinLines(norm.text(), *layout.title);
  if (title) {
    std::string t = glue.RepairString(text::CleanInline(*title), vocab, nullptr, scraped);
    if (!t.empty()) article.title = std::move(t);
  }
  article.url = layout.url;
  article.published = layout.published;
  article.outlet = layout.outlet;
  article.authors = std::move(layout.authors);
  article.wire_credits = std::move(layout.wire_credits);
  if (html) {
    if (html->title) article.title = text::CleanInline(*html->title);
    if (html->url) article.url = html->url;
    if (html->published) article.published = html->published;
    if (html->outlet) article.outlet = html->outlet;
    if (!html->authors.empty()) article.authors = html->authors;
    article.language = html->language;
  }
  // What the container says wins.
  if (!hints.id.empty()) article.id = hints.id;
  if (hints.title) article.title = text::CleanInline(*hints.title);
  // A container's address that is not http(s) does not replace the page's own.
  if (hints.url && ingest::IsHttpUrl(ingest::CleanMetadataValue(*hints.url))) {
    article.url = hints.url;
  } else if (hints.url) {
    article.warnings.push_back(NotHttpWarning(*hints.url));
  }
  if (hints.published) article.published = hints.published;
  if (hints.outlet) article.outlet = hints.outlet;
  if (!hints.authors.empty()) article.authors = hints.authors;
  CleanMetadata(article);
  if (!article.published && article.url) article.published = ingest::DateFromUrl(*article.url);
  for (const ingest::LayoutDrop& d : layout.dropped) {
    Span clean{d.paragraph.lines.front().begin, d.paragraph.lines.back().end};
    article.dropped.push_back({norm.map().ToOriginal(clean), ingest::JoinLines(norm.text(), d.paragraph),
                               d.reason});
  }
  if (!article.outlet) article.outlet = OutletInText(article);
  if (!article.outlet && article.url) article.outlet = ingest::OutletFromUrl(*article.url);
  article.raw = std::move(raw);
  return article;
}

}  // namespace crosscheck
