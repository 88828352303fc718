#include "text/normalize.h"

#include <gtest/gtest.h>

#include <random>

namespace crosscheck::text {
namespace {

std::string Clean(const std::string& raw, RepairCounts* counts = nullptr,
                  std::vector<std::string>* warnings = nullptr) {
  RepairCounts local;
  std::vector<std::string> w;
  Result<MappedText> r = Normalize(raw, counts ? *counts : local, warnings ? *warnings : w);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value().text() : "";
}

TEST(Normalize, MakesTypographyPlain) {
  struct Case {
    const char* in;
    const char* out;
    Repair kind;
  };
  const Case kCases[] = {
      {"\xE2\x80\x9CYes,\xE2\x80\x9D she said", "\"Yes,\" she said", Repair::kQuotes},
      {"Russia\xE2\x80\x99s", "Russia's", Repair::kQuotes},
      {"\xE2\x80\x98war\xE2\x80\x99", "'war'", Repair::kQuotes},
      {"\xC2\xAB" "non\xC2\xBB", "\"non\"", Repair::kQuotes},
      {"2014\xE2\x80\x93" "2015", "2014-2015", Repair::kDashes},
      {"China\xE2\x80\x94" "a Russian ally", "China--a Russian ally", Repair::kDashes},
      {"10\xC2\xA0km", "10 km", Repair::kSpaces},
      {"narrow\xE2\x80\xAF" "space", "narrow space", Repair::kSpaces},
      {"soft\xC2\xADhyphen", "softhyphen", Repair::kInvisible},
      {"zero\xE2\x80\x8Bwidth", "zerowidth", Repair::kInvisible},
      {"wait\xE2\x80\xA6", "wait...", Repair::kEllipses},
      {"a\r\nb\rc", "a\nb\nc", Repair::kLineEndings},
      {"tab\there", "tab here", Repair::kSpaces},
      {"bell\x07", "bell", Repair::kControlChars},
      {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9", Repair::kNfc},  // e + COMBINING ACUTE -> é
      {"\xE2\x84\xAB", "\xC3\x85", Repair::kNfc},                 // ANGSTROM SIGN -> Å
  };
  for (const Case& c : kCases) {
    RepairCounts counts;
    EXPECT_EQ(Clean(c.in, &counts), c.out) << "input: " << c.in;
    EXPECT_GT(counts[c.kind], 0u) << "input: " << c.in << " kind " << RepairName(c.kind);
  }
}

TEST(Normalize, LeavesOrdinaryTextAlone) {
  std::string s = "Plain ASCII, \"quotes\" and Zürich, Kraków, Київ, 東京.\nSecond line.";
  RepairCounts counts;
  EXPECT_EQ(Clean(s, &counts), s);
  EXPECT_EQ(counts.total(), 0u);
}

TEST(Normalize, DecodesWindows1252WhenTheFileIsNotUtf8) {
  RepairCounts counts;
  std::vector<std::string> warnings;
  // "caf\xE9 \x93quoted\x94" in Windows-1252.
  EXPECT_EQ(Clean("caf\xE9 \x93quoted\x94", &counts, &warnings), "caf\xC3\xA9 \"quoted\"");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("Windows-1252"), std::string::npos);
  EXPECT_GT(counts[Repair::kLegacyEncoding], 0u);
}

TEST(Normalize, ReplacesStrayInvalidBytesInUtf8Text) {
  RepairCounts counts;
  std::vector<std::string> warnings;
  EXPECT_EQ(Clean("Z\xC3\xBCrich \xFF ok", &counts, &warnings), "Z\xC3\xBCrich \xEF\xBF\xBD ok");
  EXPECT_EQ(counts[Repair::kInvalidUtf8], 1u);
  ASSERT_EQ(warnings.size(), 1u);
}

TEST(Normalize, RejectsWhatIsNotText) {
  RepairCounts counts;
  std::vector<std::string> warnings;
  EXPECT_EQ(Normalize("", counts, warnings).status().code(), StatusCode::kInvalidInput);
  Result<MappedText> binary = Normalize(std::string("PK\x03\x04\0\0binary", 12), counts, warnings);
  EXPECT_EQ(binary.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(binary.status().message().find("binary"), std::string::npos);
  Result<MappedText> utf16 = Normalize(std::string("\xFF\xFEh\0i\0", 6), counts, warnings);
  EXPECT_EQ(utf16.status().code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(utf16.status().message().find("UTF-16"), std::string::npos);
}

TEST(Normalize, EveryCopiedByteMapsBackToItself) {
  std::string raw = "\xEF\xBB\xBF\xE2\x80\x9CNow,\xE2\x80\x9D he said\xE2\x80\x94then left.\r\nZ\xC3\xBCrich";
  RepairCounts counts;
  std::vector<std::string> warnings;
  Result<MappedText> r = Normalize(raw, counts, warnings);
  ASSERT_TRUE(r.ok());
  const MappedText& m = r.value();
  EXPECT_EQ(m.text(), "\"Now,\" he said--then left.\nZ\xC3\xBCrich");
  for (const OffsetMap::Piece& p : m.map().pieces()) {
    if (!p.copy) continue;
    size_t len = p.orig_end - p.orig_begin;
    EXPECT_EQ(m.text().substr(p.clean, len), raw.substr(p.orig_begin, len));
  }
  size_t now = m.text().find("Now");
  Span s = m.map().ToOriginal({static_cast<uint32_t>(now - 1), static_cast<uint32_t>(now + 5)});
  EXPECT_EQ(raw.substr(s.begin, s.size()), "\xE2\x80\x9CNow,\xE2\x80\x9D");
}

TEST(Normalize, RandomBytesNeverCrashAndAlwaysMapInsideTheInput) {
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    std::string raw;
    size_t n = 1 + rng() % 200;
    for (size_t i = 0; i < n; ++i) {
      // Mostly text, with high bytes and the odd control character.
      uint32_t r = rng() % 100;
      raw += static_cast<char>(r < 70 ? 'a' + rng() % 26 : (r < 95 ? 0x80 + rng() % 128 : rng() % 32 + 1));
    }
    RepairCounts counts;
    std::vector<std::string> warnings;
    Result<MappedText> r = Normalize(raw, counts, warnings);
    if (!r.ok()) continue;
    EXPECT_LE(r.value().map().End(static_cast<uint32_t>(r.value().size())), raw.size());
  }
}

}  // namespace
}  // namespace crosscheck::text
