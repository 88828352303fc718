#include "ingest/sgml_reader.h"

#include <gtest/gtest.h>

namespace crosscheck::ingest {
namespace {

// Two fictional wire stories in the TREC/DUC layout.
constexpr std::string_view kTwoDocs =
    "<DOC>\n<DOCNO> APW20240305.0112 </DOCNO>\n<HEADLINE> Dam holds after night of rain </HEADLINE>\n"
    "<TEXT>\n<P>\nThe Carrow dam held through the night, engineers said on\nTuesday.\n</P>\n"
    "<P>\n``We were lucky,'' said engineer Rosa Vale.\n</P>\n</TEXT>\n</DOC>\n"
    "<DOC>\n<DOCNO> NYT20240306.0007 </DOCNO>\n<TEXT>\nResidents returned home on Wednesday.\n</TEXT>\n</DOC>\n";

TEST(SgmlReader, SplitsAFileIntoItsDocuments) {
  std::vector<std::string_view> docs = SplitSgmlDocuments(kTwoDocs);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_TRUE(docs[0].starts_with("<DOC>"));
  EXPECT_NE(docs[0].find("APW20240305.0112"), std::string_view::npos);
  EXPECT_EQ(docs[0].find("NYT20240306"), std::string_view::npos);
  EXPECT_NE(docs[1].find("NYT20240306.0007"), std::string_view::npos);
  // Plain text, and a file of one document, come back whole.
  EXPECT_EQ(SplitSgmlDocuments("A plain report. <DOC> inside it.").size(), 1u);
  EXPECT_EQ(SplitSgmlDocuments(docs[1]).size(), 1u);
}

TEST(SgmlReader, ReadsDocnoHeadlineAndParagraphs) {
  Result<SgmlDocument> doc = ReadSgml(text::MappedText::Original(std::string(kTwoDocs)));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->docno, "APW20240305.0112");
  EXPECT_EQ(doc->published, "2024-03-05");
  EXPECT_TRUE(doc->outlet.has_value());
  EXPECT_EQ(doc->headline, "Dam holds after night of rain");
  EXPECT_TRUE(doc->more_documents);
  std::string_view body = doc->body.text();
  // Hard-wrapped lines stay as they are here; the extractor rejoins them.
  EXPECT_NE(body.find("held through the night, engineers said on\nTuesday."), std::string_view::npos) << body;
  EXPECT_NE(body.find("\"We were lucky,\" said engineer Rosa Vale."), std::string_view::npos) << body;
  EXPECT_EQ(body.find("<P>"), std::string_view::npos) << body;
}

TEST(SgmlReader, ADocumentWithoutItsEndIsAnError) {
  Result<SgmlDocument> doc = ReadSgml(text::MappedText::Original("<DOC>\n<DOCNO> X </DOCNO>\n<TEXT> cut"));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().ToString().find("<DOC>"), std::string::npos) << doc.status().ToString();
}

}  // namespace
}  // namespace crosscheck::ingest
