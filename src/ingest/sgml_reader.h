// Newswire SGML as TREC and DUC distribute it:
//
//   <DOC> <DOCNO> APW20310408.0117 </DOCNO> ... <HEADLINE> ... </HEADLINE>
//   <TEXT> ... ``quoted'' ... <P> ... </P> </TEXT> </DOC>
//
// The DOCNO names the source and the date (APW20310408.0117: Associated Press
// Worldstream, 1998-10-16); the article body is the TEXT element, with <P> marking
// paragraphs, `` and '' standing for quotation marks, and lines hard-wrapped.
#ifndef CROSSCHECK_INGEST_SGML_READER_H_
#define CROSSCHECK_INGEST_SGML_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/status.h"
#include "text/mapped_text.h"

namespace crosscheck::ingest {

struct SgmlDocument {
  std::string docno;
  std::optional<std::string> headline;
  std::optional<std::string> published;  // ISO date from the DOCNO
  std::optional<std::string> outlet;     // from the DOCNO's source prefix
  text::MappedText body;                 // the TEXT element as plain text, mapped to the input
  bool more_documents = false;           // the input holds further <DOC> elements (not read)
};

// True when the text starts (after whitespace) with "<DOC>".
bool LooksLikeSgml(std::string_view text);

// The documents of a file that holds several (TREC files hold hundreds): one
// view per <DOC> element, from its "<DOC>" to the next. Input that does not look
// like SGML, or holds one document, comes back whole.
std::vector<std::string_view> SplitSgmlDocuments(std::string_view raw);

// Reads the first document of `text` (normalized text, see normalize.h). Fails
// with kInvalidInput naming the missing element when there is no <TEXT>.
Result<SgmlDocument> ReadSgml(const text::MappedText& text);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_SGML_READER_H_
