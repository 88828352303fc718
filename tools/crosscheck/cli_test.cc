// The crosscheck binary as a user runs it: exit codes, messages, output format.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun Crosscheck(const std::string& args, const std::string& stdin_text = "") {
  fs::path dir = fs::temp_directory_path() / ("crosscheck_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "in") << stdin_text;
  std::string cmd = std::string("cd '") + CROSSCHECK_SOURCE_DIR + "' && '" + CROSSCHECK_BINARY + "' " + args +
                    " < '" + (dir / "in").string() + "' > '" + (dir / "out").string() + "' 2> '" +
                    (dir / "err").string() + "'";
  int status = std::system(cmd.c_str());
  CliRun r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(dir / "out"), Slurp(dir / "err")};
  fs::remove_all(dir);
  return r;
}

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(Cli, VersionAndHelp) {
  CliRun v = Crosscheck("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out.rfind("crosscheck ", 0), 0u);
  CliRun h = Crosscheck("--help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("extract"), std::string::npos);
  EXPECT_NE(h.out.find("Examples"), std::string::npos);
  CliRun eh = Crosscheck("extract --help");
  EXPECT_EQ(eh.code, 0);
  EXPECT_NE(eh.out.find("INPUT"), std::string::npos);
  EXPECT_NE(eh.out.find("Examples"), std::string::npos);
  EXPECT_NE(eh.out.find("--format"), std::string::npos);
}

TEST(Cli, ExtractJsonLinesFollowTheContract) {
  CliRun r = Crosscheck("extract --format json examples/story/");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<nlohmann::json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 6u);
  for (size_t i = 0; i < lines.size(); ++i) {
    const nlohmann::json& a = lines[i];
    std::string id = "A";
    id += std::to_string(i + 1);
    EXPECT_EQ(a["id"], id);
    for (const char* field : {"id", "path", "title", "outlet", "url", "published", "text", "paragraphs",
                              "sentences", "repairs", "dropped", "wire_credits"})
      EXPECT_TRUE(a.contains(field)) << field;
    EXPECT_TRUE(a["paragraphs"].is_array());
    for (const auto& s : a["sentences"]) {
      std::string text = a["text"];
      EXPECT_EQ(text.substr(s["start"], s["end"].get<size_t>() - s["start"].get<size_t>()), s["text"]);
    }
  }
  EXPECT_EQ(lines[0]["published"], "2025-03-11");
  EXPECT_TRUE(lines[4]["published"].is_null());
  EXPECT_EQ(lines[3]["repairs"]["glued_words"], 3);
}

TEST(Cli, BriefInMarkdownAndJson) {
  CliRun md = Crosscheck("brief examples/story/");
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_NE(md.out.find("## Summary"), std::string::npos);
  EXPECT_NE(md.out.find("## Sources"), std::string::npos);
  CliRun js = Crosscheck("brief --format json --words 60 examples/story/");
  ASSERT_EQ(js.code, 0) << js.err;
  nlohmann::json b = nlohmann::json::parse(js.out);
  EXPECT_EQ(b["schema"], "crosscheck.brief/1");
  EXPECT_EQ(b["story"]["articles"], 6);
  size_t words = 0;
  for (const auto& s : b["summary"]) {
    std::string text = s["text"];
    words += std::count(text.begin(), text.end(), ' ') + 1;
  }
  EXPECT_LE(words, 60u);
  CliRun none = Crosscheck("brief no/such/file.txt");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("nothing to brief"), std::string::npos);
}

TEST(Cli, BriefInHtml) {
  const fs::path page = fs::temp_directory_path() / ("crosscheck_cli_page_" + std::to_string(::getpid()) + ".html");
  CliRun r = Crosscheck("brief --format html -o '" + page.string() + "' examples/story/");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string html = Slurp(page);
  fs::remove(page);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  EXPECT_NE(html.find("<table class=\"matrix\">"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"timeline\""), std::string::npos);
  EXPECT_NE(html.find("<a class=\"chip\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  CliRun help = Crosscheck("brief --help");
  EXPECT_NE(help.out.find("--format html"), std::string::npos);
  EXPECT_EQ(Crosscheck("brief --format pdf examples/story/").code, 2);
}

TEST(Cli, ExtractAnnotate) {
  CliRun r = Crosscheck("extract --annotate examples/story/03_northern_ledger.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json a = nlohmann::json::parse(r.out);
  std::string text = a["text"];
  bool okafor_quote = false;
  for (const auto& q : a["annotations"]["quotes"]) {
    EXPECT_EQ(text.substr(q["start"], q["end"].get<size_t>() - q["start"].get<size_t>()), q["text"]);
    okafor_quote |= q["speaker"] == "Maria Okafor";
  }
  EXPECT_TRUE(okafor_quote);
  bool tuesday = false;
  for (const auto& d : a["annotations"]["dates"]) tuesday |= d["text"] == "on Tuesday" && d["value"] == "2025-03-11";
  EXPECT_TRUE(tuesday);
  for (const auto& e : a["annotations"]["entities"])
    EXPECT_EQ(text.substr(e["start"], e["end"].get<size_t>() - e["start"].get<size_t>()), e["text"]);
}

TEST(Cli, PublishedDatesTextsWithoutOne) {
  const std::string text = "Bridge closed\n\nOfficials said on Tuesday that the bridge would stay closed for a week.\n";
  auto dates_of = [](const CliRun& r) {
    std::map<std::string, std::string> out;
    const nlohmann::json article = nlohmann::json::parse(r.out);
    for (const auto& d : article["annotations"]["dates"])
      out[d["text"].get<std::string>()] = d["value"].get<std::string>() + " " + d["type"].get<std::string>();
    return out;
  };
  CliRun undated = Crosscheck("extract --annotate -", text);
  ASSERT_EQ(undated.code, 0) << undated.err;
  EXPECT_EQ(dates_of(undated).count("on Tuesday"), 0u);  // nothing to resolve it against
  CliRun dated = Crosscheck("extract --annotate --published 2025-03-12 -", text);
  ASSERT_EQ(dated.code, 0) << dated.err;
  std::map<std::string, std::string> dates = dates_of(dated);
  EXPECT_EQ(dates["on Tuesday"], "2025-03-11 DATE");
  EXPECT_EQ(dates["a week"], "P1W DURATION");
  EXPECT_EQ(Crosscheck("extract --annotate --published 2025-03 -", text).code, 2);  // a day is needed
  EXPECT_NE(Crosscheck("brief --help").out.find("--published"), std::string::npos);
  EXPECT_NE(Crosscheck("extract --help").out.find("--published"), std::string::npos);
}

TEST(Cli, ReadsStandardInputAndTextFormat) {
  CliRun r = Crosscheck("extract --format text -",
                     "Bridge closed\n\nOfficials said on Tuesday that the bridge would stay closed for a week.\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("title: Bridge closed"), std::string::npos);
  EXPECT_NE(r.out.find("Officials said on Tuesday"), std::string::npos);
}

TEST(Cli, EveryDocumentOfANewswireFileIsAnArticle) {
  CliRun r = Crosscheck("extract -",
                        "<DOC>\n<DOCNO> APW20240305.0112 </DOCNO>\n<TEXT>\nThe dam held through the night, "
                        "engineers said.\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO> NYT20240306.0007 </DOCNO>\n<TEXT>\n"
                        "Residents returned home on Wednesday after the dam held.\n</TEXT>\n</DOC>\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> articles;
  for (std::string line; std::getline(lines, line);) articles.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(articles.size(), 2u) << r.out;
  EXPECT_EQ(articles[0]["published"], "2024-03-05");
  EXPECT_EQ(articles[1]["published"], "2024-03-06");
  EXPECT_NE(articles[1]["text"].get<std::string>().find("Residents returned home"), std::string::npos);
  EXPECT_EQ(r.err.find("only the first was read"), std::string::npos) << r.err;
}

TEST(Cli, BadInputsAreReportedAndTheRestIsRead) {
  CliRun partial = Crosscheck("extract examples/story/01_valley_wire.txt no/such/file.txt");
  EXPECT_EQ(partial.code, 0);
  EXPECT_EQ(JsonLines(partial.out).size(), 1u);
  EXPECT_NE(partial.err.find("no/such/file.txt"), std::string::npos);
  EXPECT_NE(partial.err.find("no such file"), std::string::npos);

  CliRun none = Crosscheck("extract no/such/file.txt -", "");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("empty"), std::string::npos);

  CliRun usage = Crosscheck("extract --format yaml examples/story/");
  EXPECT_EQ(usage.code, 2);
  CliRun missing = Crosscheck("extract");
  EXPECT_EQ(missing.code, 2);
}

TEST(Cli, ReadsAFolderOfWebPagesFeedsAndArchives) {
  fs::path dir = fs::temp_directory_path() / ("crosscheck_web_" + std::to_string(::getpid()));
  fs::create_directories(dir / "web");
  fs::copy_file(fs::path(CROSSCHECK_SOURCE_DIR) / "src/ingest/testdata/harbour_page.html", dir / "web/ledger.html");
  std::ofstream(dir / "web/feed.jsonl")
      << "{\"id\": \"gazette-1\", \"outlet\": \"Island Gazette\", \"published\": \"2031-04-08\", \"title\": "
         "\"Ferry crews back at work\", \"text\": \"Ferry crews on the Saltmarsh line went back to work on Tuesday "
         "after the union accepted a pay deal of 6 per cent this year, the union said.\"}\n"
         "{\"id\": \"bad\", \"text\": \n";
  std::string page =
      "<html><head><meta property=\"og:site_name\" content=\"Harbour Radio\"></head><body><article><p>The "
      "strike on the Saltmarsh ferry line is over after two weeks, and the full timetable returns on Thursday, the "
      "operator said.</p></article></body></html>";
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page;
  std::ofstream(dir / "web/crawl.warc")
      << "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n"
      << "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://harbourradio.example/2031/04/09/ferry\r\n"
      << "Content-Length: " << http.size() << "\r\n\r\n" << http << "\r\n\r\n";
  CliRun r = Crosscheck("extract '" + (dir / "web").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<nlohmann::json> articles = JsonLines(r.out);
  ASSERT_EQ(articles.size(), 3u) << r.out << r.err;
  EXPECT_EQ(articles[0]["id"], "A1");
  EXPECT_EQ(articles[0]["format"], "html");
  EXPECT_EQ(articles[0]["outlet"], "Harbour Radio");
  EXPECT_EQ(articles[0]["published"], "2031-04-09") << "from the WARC target URI";
  EXPECT_EQ(articles[1]["id"], "gazette-1");
  EXPECT_EQ(articles[1]["outlet"], "Island Gazette");
  EXPECT_EQ(articles[2]["title"], "Ferry strike ends after two weeks");
  EXPECT_EQ(articles[2]["language"], "en-GB");
  EXPECT_NE(r.err.find("feed.jsonl: line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 other record(s) skipped (1 request)"), std::string::npos) << r.err;

  CliRun brief = Crosscheck("brief --format json '" + (dir / "web").string() + "'");
  ASSERT_EQ(brief.code, 0) << brief.err;
  nlohmann::json b = nlohmann::json::parse(brief.out);
  EXPECT_EQ(b["articles"].size(), 3u);
  EXPECT_FALSE(b["summary"].empty());
  fs::remove_all(dir);
}

}  // namespace
