// Bad input: clear errors naming the input, never a crash or a hang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "pipeline/test_support.h"

namespace crosscheck {
namespace {

using namespace testing_support;
namespace fs = std::filesystem;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("crosscheck_bad_input_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  Status ExtractStatus(const std::string& bytes) {
    return SharedExtractor().Extract(bytes, "input.txt").status();
  }
  fs::path dir_;
};

TEST_F(BadInputTest, EmptyAndBlankInputsFailNamingTheFile) {
  Status empty = ExtractStatus("");
  EXPECT_EQ(empty.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(empty.where(), "input.txt");
  EXPECT_NE(empty.message().find("empty"), std::string::npos);
  Status blank = ExtractStatus(" \n\n\t \r\n");
  EXPECT_EQ(blank.code(), StatusCode::kInvalidInput);
  EXPECT_NE(blank.message().find("whitespace"), std::string::npos);
}

TEST_F(BadInputTest, BinaryAndUtf16AreRejectedWithWhatTheyLookLike) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_NE(ExtractStatus(png).message().find("binary"), std::string::npos);
  std::string utf16("T\0h\0e\0 \0n\0e\0w\0s\0", 16);
  EXPECT_NE(ExtractStatus(utf16).message().find("UTF-16"), std::string::npos);
}

TEST_F(BadInputTest, InvalidUtf8IsRepairedWithAWarning) {
  Result<Article> a = SharedExtractor().Extract(
      "Officials in Z\xC3\xBCrich said the bridge \xFF would stay closed for a week, and engineers would inspect it.", "x.txt");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->repairs[Repair::kInvalidUtf8], 1u);
  EXPECT_EQ(a->warnings.size(), 1u);
  EXPECT_NE(a->text.find("\xEF\xBF\xBD"), std::string::npos);
  // With no valid UTF-8 at all, the file is read as Windows-1252 instead.
  Result<Article> legacy = SharedExtractor().Extract(
      "Officials in Z\xFCrich said the bridge would stay closed for a week, and engineers would inspect it.", "y.txt");
  ASSERT_TRUE(legacy.ok());
  EXPECT_NE(legacy->text.find("Z\xC3\xBCrich"), std::string::npos);
  EXPECT_NE(legacy->warnings.at(0).find("Windows-1252"), std::string::npos);
}

TEST_F(BadInputTest, OnlySiteFurnitureIsNotAnArticle) {
  Status s = ExtractStatus("SEE ALSO: Something else\n\nClick here to subscribe to our newsletter.\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("no article text"), std::string::npos);
}

TEST_F(BadInputTest, HugeFileIsRefusedBeforeItIsRead) {
  fs::path p = dir_ / "huge.txt";
  {
    std::ofstream f(p, std::ios::binary);
    f << "x";
  }
  fs::resize_file(p, 200ull << 20);  // 200 MB, sparse
  Result<std::string> r = ReadInput({p.string()}, InputLimits{});
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status().where(), p.string());
  EXPECT_NE(r.status().message().find("is 200.0 MiB, over the limit of 32.0 MiB"), std::string::npos)
      << r.status().message();
}

TEST_F(BadInputTest, PathsThatCannotBeRead) {
  std::vector<Status> problems;
  ReadEvents events;
  events.problem = [&](const Status& s) { problems.push_back(s); };
  std::vector<std::string> articles;
  events.article = [&](Article& a) { articles.push_back(a.path); };
  Write("empty_folder/photo.png", "not text input");
  std::string good = Write("good/a.txt", "Officials said on Tuesday that the bridge would stay closed for a week.");
  ReadReport report = ReadArticles(SharedExtractor(),
                                   {(dir_ / "missing.txt").string(), (dir_ / "empty_folder").string(),
                                    (dir_ / "good").string()},
                                   InputLimits{}, events);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].code(), StatusCode::kNotFound);
  EXPECT_NE(problems[0].ToString().find("missing.txt"), std::string::npos);
  EXPECT_EQ(problems[1].where(), (dir_ / "empty_folder").string());
  EXPECT_NE(problems[1].message().find("folder has no articles"), std::string::npos) << problems[1].message();
  EXPECT_NE(problems[1].message().find("image: 1"), std::string::npos) << problems[1].message();
  EXPECT_EQ(articles, std::vector<std::string>{good});
  EXPECT_EQ(report.articles, 1u);
  EXPECT_EQ(ReadInput({dir_.string()}, InputLimits{}).status().code(), StatusCode::kInvalidInput);
}

TEST_F(BadInputTest, FoldersExpandRecursivelyInSortedOrderWithoutHiddenFiles) {
  Write("f/b.txt", "b");
  Write("f/a.TXT", "a");
  Write("f/sub/c.txt", "c");
  Write("f/d.html.gz", "x");
  Write("f/APW20310408.0117", "x");
  Write("f/.hidden", "x");
  Write("f/.git/config", "x");
  std::vector<InputSource> inputs = ExpandInputs({(dir_ / "f").string()}, [](const Status&) {});
  std::vector<std::string> names;
  for (const InputSource& in : inputs) {
    names.push_back(fs::path(in.path).lexically_relative(dir_ / "f").string());
    EXPECT_EQ(in.folder, (dir_ / "f").string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"APW20310408.0117", "a.TXT", "b.txt", "d.html.gz", "sub/c.txt"}));
}

TEST_F(BadInputTest, AFolderIsReadByContentAndWhatIsNoArticleIsCounted) {
  const std::string body = "Officials said on Tuesday that the bridge over the river would stay closed for a week.";
  Write("f/APW20310408.0117", "<DOC>\n<DOCNO> APW20310408.0117 </DOCNO>\n<TEXT>\n" + body + "\n</TEXT>\n</DOC>\n");
  Write("f/report", "Title: Bridge closed\n\n" + body + "\n");
  Write("f/cases.csv", "day,cases\n1,9\n2,17\n");
  Write("f/table_without_extension", "day,cases,hospital\n1,9,2\n2,17,4\n3,24,6\n");
  Write("f/data.json", "[{\"a\": 1}]");
  Write("f/photo.jpg", "\xFF\xD8\xFF\xE0 not really");
  Write("f/scan", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Write("f/empty.txt", "  \n");
  Write("f/README", "What this folder holds.");
  std::vector<std::string> ids;
  ReadEvents events;
  events.article = [&](Article& a) { ids.push_back(a.id); };
  std::vector<Status> problems;
  events.problem = [&](const Status& s) { problems.push_back(s); };
  ReadReport report = ReadArticles(SharedExtractor(), {(dir_ / "f").string()}, InputLimits{}, events);
  EXPECT_EQ(ids, (std::vector<std::string>{"APW20310408.0117", "A2"}));
  EXPECT_TRUE(problems.empty()) << problems[0].ToString();
  const std::map<std::string, size_t> expected = {{"JSON document", 1}, {"README, licence or build file", 1},
                                                  {"table", 1},         {"table (CSV)", 1},
                                                  {"image", 2},         {"empty or nearly empty file", 1}};
  EXPECT_EQ(report.skipped[(dir_ / "f").string()], expected);
}

TEST_F(BadInputTest, ProseWithCommasIsNotATable) {
  const std::string prose =
      "The council met on Tuesday, officials said, and voted to close the bridge.\n"
      "The mayor, who chairs it, said the vote was clear, and the works would start.\n"
      "Engineers, the report said, found cracks in two piers, one of them deep.\n";
  EXPECT_EQ(NotAnArticle("story", prose), std::nullopt);
  EXPECT_EQ(NotAnArticle("story", "[Updated] The council met on Tuesday and voted to close the bridge."),
            std::nullopt);
  EXPECT_EQ(NotAnArticle("story.txt", "Title: X\n\nThe council met on Tuesday and voted to close the bridge."),
            std::nullopt);
}

TEST_F(BadInputTest, PathologicalTextFinishes) {
  // One 4 MB "word", 1 MB of brackets, 100k quotation marks, 200k tiny lines.
  std::vector<std::string> inputs = {std::string(4 << 20, 'a'), std::string(1 << 20, '['),
                                     std::string(100000, '"') + " end.", std::string()};
  for (int i = 0; i < 200000; ++i) inputs.back() += "a\n";
  for (const std::string& in : inputs) {
    Result<Article> a = SharedExtractor().Extract(in, "p.txt");
    if (a.ok()) {
      EXPECT_FALSE(a->text.empty());
    }
  }
}

TEST_F(BadInputTest, RandomBytesNeverCrash) {
  std::mt19937 rng(3);
  const std::string alphabet = "aAbB .,\"'\n\n-[]()/:0123456789\xE2\x80\x9C\xE2\x80\x9D\xC3\xA9\xFF\t\r";
  for (int round = 0; round < 300; ++round) {
    std::string in;
    size_t n = rng() % 600;
    for (size_t i = 0; i < n; ++i) in += alphabet[rng() % alphabet.size()];
    Result<Article> a = SharedExtractor().Extract(in, "r.txt");
    if (!a.ok()) {
      EXPECT_EQ(a.status().where(), "r.txt");
      continue;
    }
    for (const Sentence& s : a->sentences) {
      ASSERT_LE(s.span.end, a->text.size());
      Span o = a->offsets.ToOriginal(s.span);
      ASSERT_LE(o.begin, o.end);
      ASSERT_LE(o.end, a->raw.size());
    }
  }
}

}  // namespace
}  // namespace crosscheck
