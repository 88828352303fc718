// The brief of the bundled example story (whose truth is known) and of the seeds.
#include "crosscheck/brief.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "compose/headline.h"
#include "compose/summary.h"
#include "pipeline/test_support.h"

namespace crosscheck {
namespace {

using namespace testing_support;

Briefer& SharedBriefer() {
  static Briefer* b = [] {
    Result<Briefer> r = Briefer::Create(BriefOptions{});
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    return new Briefer(std::move(r).value());
  }();
  return *b;
}

Brief BriefOf(const std::vector<std::string>& paths, size_t words = 150) {
  BriefOptions options;
  options.summary_words = words;
  Result<Briefer> briefer = Briefer::Create(options);
  std::vector<Article> articles;
  for (const std::string& p : paths) articles.push_back(MustExtract(p));
  Result<Brief> b = briefer->Build(std::move(articles));
  if (!b.ok()) throw std::runtime_error(b.status().ToString());
  return std::move(b).value();
}

const Quote* QuoteWith(const Brief& b, const std::string& words) {
  for (const Quote& q : b.quotes)
    if (q.text.find(words) != std::string::npos) return &q;
  return nullptr;
}

const Entity* EntityNamed(const Brief& b, const std::string& name) {
  for (const Entity& e : b.entities)
    if (e.name == name) return &e;
  return nullptr;
}

size_t CountWords(const std::vector<BriefSentence>& summary) {
  size_t n = 0;
  for (const BriefSentence& s : summary) {
    bool in = false;
    for (char c : s.text) {
      bool space = c == ' ';
      n += !space && !in;
      in = !space;
    }
  }
  return n;
}

class ExampleBrief : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { brief_ = new Brief(BriefOf(FilesIn(SourcePath("examples/story"), ".txt"))); }
  static void TearDownTestSuite() { delete brief_; }
  static Brief* brief_;
};
Brief* ExampleBrief::brief_ = nullptr;

TEST_F(ExampleBrief, TheSyndicatedCopyCountsOnce) {
  const Brief& b = *brief_;
  ASSERT_EQ(b.articles.size(), 6u);
  EXPECT_EQ(b.articles[1].duplicate_of, "A1");
  for (size_t i = 0; i < b.articles.size(); ++i)
    if (i != 1) {
      EXPECT_FALSE(b.articles[i].duplicate_of.has_value()) << b.articles[i].id;
    }
  // A4 was written "with reporting by" the wire that A1 is and A2 reprints: one
  // source with them. Three outlets are named (two by the address).
  EXPECT_EQ(b.independent_sources, 4u);
  EXPECT_EQ(b.outlets, 3u);
  const std::vector<std::string> kSource = {"A1", "A1", "A3", "A1", "A5", "A6"};
  for (size_t i = 0; i < b.articles.size(); ++i) EXPECT_EQ(b.articles[i].source, kSource[i]) << b.articles[i].id;
  // A fact told by the wire report and its copy only is a single-source claim.
  for (const Fact& f : b.facts)
    if (f.sources == std::vector<std::string>{"A1", "A2"}) {
      EXPECT_EQ(f.support, 1u) << f.text;
    }
}

TEST_F(ExampleBrief, EachSummarySentenceCarriesTheSentenceOfEachSource) {
  std::map<std::string, std::string> text_of;
  for (const std::string& path : FilesIn(SourcePath("examples/story"), ".txt")) {
    Article a = MustExtract(path);
    text_of["A" + std::to_string(text_of.size() + 1)] = a.text;
  }
  ASSERT_FALSE(brief_->summary.empty());
  for (const BriefSentence& s : brief_->summary) {
    ASSERT_EQ(s.cited.size(), s.sources.size()) << s.text;
    for (size_t i = 0; i < s.cited.size(); ++i) {
      EXPECT_EQ(s.cited[i].source, s.sources[i]);
      // A whole sentence of that article, of which the summary keeps some words.
      EXPECT_NE(text_of[s.cited[i].source].find(s.cited[i].text), std::string::npos) << s.cited[i].text;
    }
    EXPECT_GE(s.support, 1u);
    EXPECT_LE(s.support, s.sources.size());
  }
  // The wire report and its copy: one independent source.
  for (const BriefSentence& s : brief_->summary)
    if (s.sources == std::vector<std::string>{"A1", "A2"}) {
      EXPECT_EQ(s.support, 1u) << s.text;
    }
}

TEST_F(ExampleBrief, TheUndatedArticleGetsTheStorysDate) {
  const BriefArticle& radio = brief_->articles[4];
  EXPECT_TRUE(radio.published_inferred);
  EXPECT_EQ(radio.published, "2025-03-12");
  EXPECT_FALSE(brief_->articles[0].published_inferred);
}

TEST_F(ExampleBrief, QuotationsAreMergedWithTheirSpeakers) {
  const Quote* reyes = QuoteWith(*brief_, "main wall is holding");
  ASSERT_NE(reyes, nullptr);
  EXPECT_EQ(reyes->speaker, "Tomas Reyes");
  EXPECT_EQ(reyes->sources, (std::vector<std::string>{"A1", "A2", "A3", "A4"}));
  const Quote* hartmann = QuoteWith(*brief_, "whether the structure can be saved");
  ASSERT_NE(hartmann, nullptr);
  EXPECT_EQ(hartmann->speaker, "Lena Hartmann");
  EXPECT_EQ(hartmann->sources, (std::vector<std::string>{"A1", "A2", "A3", "A4"}));
  // Worded differently by the Northern Ledger: one quotation with a variant.
  const Quote* okafor = QuoteWith(*brief_, "No one goes home");
  ASSERT_NE(okafor, nullptr);
  EXPECT_EQ(okafor->speaker, "Maria Okafor");
  EXPECT_EQ(okafor->sources, (std::vector<std::string>{"A1", "A2", "A3", "A6"}));
  ASSERT_EQ(okafor->variants.size(), 1u);
  EXPECT_EQ(okafor->variants[0].source, "A3");
  EXPECT_EQ(QuoteWith(*brief_, "Nobody will return home"), nullptr);
}

TEST_F(ExampleBrief, WholeQuotationsComeBeforeFragments) {
  // Both from one source: Ana Ruiz's whole sentence before the fragment of Okafor's
  // words in the Northern Ledger's own sentence ('had been "the only responsible one"').
  auto at = [&](std::string_view words) {
    for (size_t i = 0; i < brief_->quotes.size(); ++i)
      if (brief_->quotes[i].text.find(words) != std::string::npos) return i;
    return brief_->quotes.size();
  };
  size_t whole = at("two bags and the dog"), fragment = at("the only responsible one");
  ASSERT_LT(whole, brief_->quotes.size());
  ASSERT_LT(fragment, brief_->quotes.size());
  EXPECT_LT(whole, fragment);
}

TEST_F(ExampleBrief, EntitiesMergeAliases) {
  const Entity* okafor = EntityNamed(*brief_, "Maria Okafor");
  ASSERT_NE(okafor, nullptr);
  EXPECT_EQ(okafor->type, "person");
  EXPECT_NE(std::find(okafor->aliases.begin(), okafor->aliases.end(), "Okafor"), okafor->aliases.end());
  EXPECT_EQ(okafor->sources.size(), 6u);
  for (const char* person : {"Tomas Reyes", "Lena Hartmann", "Ana Ruiz", "Daniel Osei"}) {
    const Entity* e = EntityNamed(*brief_, person);
    ASSERT_NE(e, nullptr) << person;
    EXPECT_EQ(e->type, "person") << person;
  }
  EXPECT_EQ(EntityNamed(*brief_, "Millbrook")->type, "location");
  EXPECT_EQ(EntityNamed(*brief_, "Carrow Valley Water Authority")->type, "organization");
  EXPECT_EQ(EntityNamed(*brief_, "National Dam Safety Board")->type, "organization");
  EXPECT_EQ(EntityNamed(*brief_, "Okafor"), nullptr);  // merged, not an entity of its own
}

TEST_F(ExampleBrief, TheEvacuationFigureIsAConflict) {
  ASSERT_EQ(brief_->conflicts.size(), 1u);
  const Conflict& c = brief_->conflicts[0];
  std::map<std::string, std::string> by_source;
  for (const ConflictClaim& claim : c.claims) by_source[claim.source] = claim.value;
  EXPECT_EQ(by_source["A3"], "3,800");
  EXPECT_EQ(by_source["A1"], "About 4,200");
  EXPECT_TRUE(brief_->updates.empty());
  // The summary's opening tells 4,200 and shows the other side beside it.
  const BriefSentence& lede = brief_->summary[0];
  ASSERT_NE(lede.text.find("4,200"), std::string::npos);
  ASSERT_EQ(lede.differing.size(), 1u);
  EXPECT_EQ(lede.differing[0].source, "A3");
  EXPECT_EQ(lede.differing[0].value, "3,800");
  EXPECT_EQ(std::count(lede.sources.begin(), lede.sources.end(), "A3"), 0);
}

TEST_F(ExampleBrief, TimelineResolvesRelativeDates) {
  std::map<std::string, std::vector<std::string>> texts;
  for (const TimelineEvent& t : brief_->timeline) texts[t.date].push_back(t.text);
  auto has = [&](const std::string& date, const std::string& words) {
    for (const std::string& t : texts[date])
      if (t.find(words) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("2025-03-10", "reported the damage late on Monday night"));  // "Monday night"
  EXPECT_TRUE(has("2025-03-11", "ordered to leave their homes on Tuesday"));   // "on Tuesday"
  EXPECT_TRUE(has("2025-03-14", "hearing on the dam's maintenance this Friday"));  // a planned event
  EXPECT_TRUE(std::is_sorted(brief_->timeline.begin(), brief_->timeline.end(),
                             [](const TimelineEvent& x, const TimelineEvent& y) { return x.date < y.date; }));
}

TEST_F(ExampleBrief, TheTimelineTellsEachEventOfADayOnce) {
  std::map<std::string, std::vector<std::string>> texts;
  for (const TimelineEvent& t : brief_->timeline) texts[t.date].push_back(t.text);
  // The Friday hearing, as A1 plans it and as A6 reports it on the day ("will face
  // questions from the regional assembly today"): one event.
  EXPECT_EQ(texts["2025-03-14"].size(), 1u);
  // Two different things of Monday night, both sharing the date and "Monday night",
  // stay two: the inspection that reported the damage, the water released since.
  EXPECT_EQ(texts["2025-03-10"].size(), 2u);
}

TEST_F(ExampleBrief, SummaryIsCitedBoundedAndWithoutRepeats) {
  const Brief& b = *brief_;
  ASSERT_FALSE(b.summary.empty());
  EXPECT_LE(CountWords(b.summary), 150u);
  EXPECT_NE(b.summary[0].text.find("ordered to leave their homes"), std::string::npos);
  std::set<std::string> seen;
  for (const BriefSentence& s : b.summary) {
    EXPECT_FALSE(s.sources.empty());
    EXPECT_TRUE(seen.insert(s.text).second) << "repeated: " << s.text;
    EXPECT_TRUE(std::is_sorted(s.sources.begin(), s.sources.end()));
  }
}

TEST_F(ExampleBrief, JsonFollowsTheContract) {
  std::string json = BriefToJson(*brief_);
  for (const char* key : {"\"schema\": \"crosscheck.brief/1\"", "\"story\"", "\"independent_sources\": 4", "\"outlets\": 3", "\"updates\"", "\"differing\"",
                          "\"duplicate_of\": \"A1\"", "\"summary\"", "\"facts\"", "\"support\"", "\"conflicts\"",
                          "\"quotes\"", "\"speaker\": \"Tomas Reyes\"", "\"entities\"", "\"timeline\""})
    EXPECT_NE(json.find(key), std::string::npos) << key;
  std::string md = BriefToMarkdown(*brief_);
  for (const char* part : {"## Summary", "## Key quotations", "## Timeline", "## Conflicts", "## Sources", "[A1, A2]"})
    EXPECT_NE(md.find(part), std::string::npos) << part;
}

Brief BriefOfTexts(const std::vector<std::string>& texts) {
  std::vector<Article> articles;
  for (size_t i = 0; i < texts.size(); ++i)
    articles.push_back(SharedBriefer().extractor().Extract(texts[i], "a" + std::to_string(i) + ".txt").value());
  return SharedBriefer().Build(std::move(articles)).value();
}

TEST(BriefCost, QuotationHeavyArticlesTakeLinearTime) {
  // Tens of thousands of quotation marks in one sentence, or one paragraph of
  // thousands of quoted sentences with a pronoun speaker: each quotation's search
  // for its speaker once scanned its whole sentence or paragraph (61 s and 4 s
  // in a release build for the first two); now a fraction of a second each.
  const std::string header = "Title: Quotes\nDate: 2025-03-12\n\nEngineers inspected the dam, officials said.\n\n";
  std::string one_sentence = "He said: \"";
  for (int i = 0; i < 15000; ++i) one_sentence += "said \"no\" and ";
  std::string one_paragraph;
  for (int i = 0; i < 30000; ++i) one_paragraph += "\"Water,\" he said. ";
  for (const std::string& body : {one_sentence + "\".", one_paragraph}) {
    auto start = std::chrono::steady_clock::now();
    Brief b = BriefOfTexts({header + body + "\n"});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 15.0) << body.substr(0, 40);
    EXPECT_EQ(b.articles.size(), 1u);
  }
}

TEST(BriefEntities, APeopleOrFaithIsNeitherAnEntityNorASpeaker) {
  const std::string text =
      "Title: Bishops write to the commission\nOutlet: Harbor Daily\nDate: 2024-11-04\n\nCatholic bishops "
      "wrote to the European Commission on Monday about the new asylum rules. \"We cannot stay silent,\" "
      "Catholics said in a statement read at the cathedral. European ministers meet on Friday.";
  Brief b = BriefOfTexts({text});
  std::vector<std::string> names;
  for (const Entity& e : b.entities) names.push_back(e.name);
  EXPECT_EQ(std::count(names.begin(), names.end(), "European Commission"), 1) << ::testing::PrintToString(names);
  for (const char* group : {"Catholic", "Catholics", "European"})
    EXPECT_EQ(std::count(names.begin(), names.end(), group), 0) << group;
  for (const Quote& q : b.quotes) EXPECT_NE(q.speaker, "Catholics");
  Annotations an = SharedBriefer().Annotate(SharedBriefer().extractor().Extract(text, "a.txt").value());
  for (const auto& e : an.entities) EXPECT_NE(e.text, "European") << "annotations list no group words";
}

TEST(BriefSummary, CitesOnlyTheArticlesThatGiveItsFigure) {
  // Two outlets say "at least 60" killed, a third 65, in one fact: the summary
  // sentence cites the articles that agree with its figure and shows the other.
  Brief b = BriefOfTexts({
      "Title: Factory fire kills at least 60\nOutlet: Harbor Daily\nDate: 2024-11-04\n\nAt least 60 people were "
      "killed when a fire swept through a textile factory in the port city on Monday, officials said. Firefighters "
      "fought the blaze for six hours before bringing it under control.",
      "Title: Dozens die in textile factory fire\nOutlet: Coastal Radio\nDate: 2024-11-04\n\nAt least 60 people "
      "were killed when fire swept through a textile factory in the port city on Monday, fire officials said. "
      "Hundreds of workers escaped through a side door.",
      "Title: Textile factory fire kills 65\nOutlet: Meridian Press\nDate: 2024-11-04\n\nA fire swept through a "
      "textile factory in the port city on Monday, killing 65 people, officials said. Police arrested the owner of "
      "the building on Monday night.",
  });
  EXPECT_EQ(b.independent_sources, 3u);
  const BriefSentence* fire = nullptr;
  for (const BriefSentence& s : b.summary)
    if (s.text.find("textile factory") != std::string::npos) fire = &s;
  ASSERT_NE(fire, nullptr);
  std::vector<std::string> want_sources = {"A1", "A2"}, want_differing = {"A3"};
  if (fire->text.find("65") != std::string::npos) want_sources = {"A3"}, want_differing = {"A1", "A2"};
  EXPECT_EQ(fire->sources, want_sources) << fire->text;
  EXPECT_EQ(fire->support, want_sources.size());
  std::vector<std::string> differing;
  for (const ConflictClaim& c : fire->differing) differing.push_back(c.source);
  EXPECT_EQ(differing, want_differing) << fire->text;
  EXPECT_NE(BriefToMarkdown(b).find("(other figures: "), std::string::npos);
}

TEST(BriefSummary, TellsTheLatestFigureOfAnUpdate) {
  // Two outlets count 40 dead on the first day, a third 75 two days later: the
  // summary tells 75, cites its article and shows the earlier count beside it.
  Brief b = BriefOfTexts({
      "Title: Floods kill 40 in the north\nOutlet: Harbor Daily\nDate: 2024-05-01\n\nFloods that swept through "
      "the northern province killed 40 people, the civil defence agency said. Rescue teams reached the "
      "valley villages by boat.",
      "Title: Northern floods kill 40\nOutlet: Coastal Radio\nDate: 2024-05-01\n\nFloods that swept through the "
      "northern province killed 40 people, the civil defence agency said. Schools in the province "
      "were closed.",
      "Title: Flood toll rises to 75\nOutlet: Meridian Press\nDate: 2024-05-03\n\nFloods that swept through the "
      "northern province killed 75 people, the civil defence agency said. Dozens are still missing.",
  });
  ASSERT_EQ(b.updates.size(), 1u);
  const BriefSentence* floods = nullptr;
  for (const BriefSentence& s : b.summary)
    if (s.text.find("Floods that swept") != std::string::npos) floods = &s;
  ASSERT_NE(floods, nullptr);
  EXPECT_NE(floods->text.find("75"), std::string::npos) << floods->text;
  EXPECT_EQ(floods->sources, std::vector<std::string>{"A3"});
  std::vector<std::string> differing;
  for (const ConflictClaim& c : floods->differing) differing.push_back(c.source);
  EXPECT_EQ(differing, (std::vector<std::string>{"A1", "A2"}));
}

TEST(BriefSummary, DropsAForecastThatLaterReportsTellAsDone) {
  // Two outlets expect the vote, two later ones report it: the summary tells
  // the vote as it happened.
  Brief b = BriefOfTexts({
      "Title: Council to vote on harbour budget\nOutlet: Harbor Daily\nDate: 2024-03-04\n\nThe city council is "
      "expected to approve the new harbour budget at its meeting on Thursday. The budget pays for two new cranes.",
      "Title: Harbour budget vote due\nOutlet: Coastal Radio\nDate: 2024-03-04\n\nThe city council is expected "
      "to approve the new harbour budget at its meeting on Thursday. Dock workers plan a rally outside.",
      "Title: Council passes harbour budget\nOutlet: Meridian Press\nDate: 2024-03-08\n\nThe city council "
      "approved the new harbour budget at its meeting on Thursday. Three members voted against it.",
      "Title: Harbour budget approved\nOutlet: Valley Courier\nDate: 2024-03-08\n\nThe city council approved "
      "the new harbour budget at its meeting on Thursday. The mayor thanked the dock workers.",
  });
  std::string all;
  for (const BriefSentence& s : b.summary) all += s.text + "\n";
  EXPECT_NE(all.find("council approved the new harbour budget"), std::string::npos) << all;
  EXPECT_EQ(all.find("expected to approve"), std::string::npos) << all;
}

TEST(BriefSummary, ShowsAWordingThatStandsAlone) {
  // Two reports tell the fact with "they" after a leading phrase, the sentence
  // before naming the parties; the summary shows the third report's wording,
  // which names them.
  Brief b = BriefOfTexts({
      "Title: Coalition deal in Valdoria\nOutlet: Harbor Daily\nDate: 2024-06-02\n\nThe Green League and the "
      "Farmers Union met again in the capital. After a four-month dispute, they agreed on Sunday to share the "
      "ministries of the new coalition government equally.",
      "Title: Valdoria parties strike a deal\nOutlet: Coastal Radio\nDate: 2024-06-02\n\nThe Green League and "
      "the Farmers Union met again in the capital. After a four-month dispute, they agreed on Sunday to share the "
      "ministries of the new coalition government equally.",
      "Title: Deal on Valdoria coalition\nOutlet: Meridian Press\nDate: 2024-06-03\n\nThe Green League and the "
      "Farmers Union agreed on Sunday to share the ministries of the new coalition government equally. The "
      "parliament meets on Friday.",
  });
  bool shown = false;
  for (const BriefSentence& s : b.summary) {
    EXPECT_EQ(compose::FindSentenceFault(s.text), compose::SentenceFault::kNone) << s.text;
    shown |= s.text.find("agreed on Sunday to share") != std::string::npos;
  }
  EXPECT_TRUE(shown);
}

TEST(IsForecast, TellsWhatIsExpectedFromWhatHappened) {
  const std::pair<const char*, bool> kCases[] = {
      {"The board will meet on Tuesday to weigh the offer.", true},
      {"The board is expected to approve the merger next week.", true},
      {"The two leaders are scheduled to meet in Oslo.", true},
      {"The company plans to cut 3,000 jobs by the end of the year.", true},
      {"The summit is to open on Monday in the capital.", true},
      {"The board approved the merger on Tuesday.", false},
      {"The two leaders met in Oslo on Sunday.", false},
      {"\"We will fight this in court,\" the lawyer said after the ruling.", false},
      {"Willard Smith, the board's chairman, resigned.", false},
  };
  for (const auto& [sentence, forecast] : kCases) EXPECT_EQ(compose::IsForecast(sentence), forecast) << sentence;
}

TEST(BriefMarkdown, ShowsUpdatesApartFromConflicts) {
  Brief b;
  b.updates.push_back({"number of dead", {{"A1", "60 died.", "60", "2024-05-01"}, {"A2", "85 died.", "85", "2024-05-02"}}});
  std::string md = BriefToMarkdown(b);
  EXPECT_NE(md.find("## Updated figures\n\n- number of dead: 60 [A1, 2024-05-01], then 85 [A2, 2024-05-02]"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("No figure differs between the sources."), std::string::npos) << md;
}

TEST(BriefMarkdown, SaysWhatItLeavesOutAndWhenNoFigureDiffers) {
  Brief b;
  b.title = "Test story";
  for (int i = 0; i < 13; ++i) b.facts.push_back({"Corroborated fact " + std::to_string(i) + ".", {"A1", "A2"}, 2, {}});
  for (int i = 0; i < 3; ++i) b.facts.push_back({"Lone claim " + std::to_string(i) + ".", {"A1"}, 1, {}});
  std::string md = BriefToMarkdown(b);
  EXPECT_NE(md.find("Corroborated fact 9."), std::string::npos);
  EXPECT_EQ(md.find("Corroborated fact 10."), std::string::npos);  // ten are shown
  EXPECT_NE(md.find("- ... and 3 more (all in --format json)"), std::string::npos) << md;
  EXPECT_NE(md.find("Lone claim 2."), std::string::npos);
  EXPECT_EQ(md.find("and 0 more"), std::string::npos) << md;
  EXPECT_NE(md.find("## Conflicts\n\nNo figure differs between the sources."), std::string::npos) << md;
  EXPECT_NE(md.find("0 articles, 0 outlets, 0 independent sources."), std::string::npos) << md;
  b.articles.push_back({});
  b.outlets = 1;
  b.independent_sources = 1;
  EXPECT_NE(BriefToMarkdown(b).find("1 article, 1 outlet, 1 independent source."), std::string::npos);
  b.conflicts.push_back({"people evacuated", {{"A1", "About 4,200 residents left.", "4,200"}, {"A2", "Some 3,900 people left.", "3,900"}}});
  md = BriefToMarkdown(b);
  EXPECT_EQ(md.find("No figure differs"), std::string::npos);
  EXPECT_NE(md.find("- people evacuated: 4,200 [A1]; 3,900 [A2]"), std::string::npos) << md;
}

TEST(BriefMarkdown, ShowsEntitiesWithTypesAndAliases) {
  Brief b;
  b.entities.push_back({"Maria Okafor", "person", {"Okafor", "Governor Okafor"}, 9, {"A1", "A2", "A3"}});
  b.entities.push_back({"Carrow River", "location", {}, 2, {"A2"}});
  for (int i = 0; i < 12; ++i) b.entities.push_back({"Name " + std::to_string(i), "other", {}, 1, {"A1"}});
  const std::string md = BriefToMarkdown(b);
  EXPECT_NE(md.find("## Entities\n\n- **Maria Okafor** (person, 3 articles); also Okafor, Governor Okafor\n"
                    "- **Carrow River** (location, 1 article)\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- ... and 4 more (all in --format json)"), std::string::npos) << md;
  EXPECT_EQ(BriefToMarkdown(Brief{}).find("## Entities"), std::string::npos);
}

TEST(Brief, SingleSourceClaimsComeFromEveryArticle) {
  // A long first report and two short ones: the bounded list of single-source
  // claims takes each article's in turn, so the later reports are in it.
  std::string first = "Title: Harbour report\nOutlet: Harbor Daily\nDate: 2024-11-04\n\n";
  for (int i = 0; i < 60; ++i)
    first += "Inspector number " + std::to_string(i) + " of the harbour board counted " + std::to_string(100 + i * 7) +
             " crates of cargo on pier " + std::to_string(i) + " before the storm reached the northern coast.\n\n";
  Brief b = BriefOfTexts({
      first,
      "Title: Ferry stays in port\nOutlet: Coastal Radio\nDate: 2024-11-04\n\nThe evening ferry to the islands "
      "stayed in port because its captain feared the waves beyond the breakwater would be too high.",
      "Title: Schools close early\nOutlet: Meridian Press\nDate: 2024-11-04\n\nSchools in the valley towns sent "
      "their pupils home at noon after the regional council warned parents about flooding on the roads.",
  });
  std::set<std::string> cited;
  for (const Fact& f : b.facts)
    if (f.support < 2)
      for (const std::string& s : f.sources) cited.insert(s);
  EXPECT_EQ(cited, (std::set<std::string>{"A1", "A2", "A3"}));
  const std::string md = BriefToMarkdown(b);
  const size_t claims = md.find("## Single-source claims");
  ASSERT_NE(claims, std::string::npos) << md;
  for (const char* id : {"[A2]", "[A3]"}) EXPECT_NE(md.find(id, claims), std::string::npos) << id << "\n" << md;
}

TEST(CompressSentence, DeletesOnlyWhatASummaryDoesNotNeed) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case kCases[] = {
      {"Meanwhile, U.S. President Joe Biden announced a first tranche of sanctions.",
       "U.S. President Joe Biden announced a first tranche of sanctions."},
      {"The bridge will stay closed for at least a week while engineers inspect it, officials said.",
       "The bridge will stay closed for at least a week while engineers inspect it."},
      {"The reservoir rose to 97 percent of its capacity, according to the water authority.",
       "The reservoir rose to 97 percent of its capacity."},
      {"Sen. Jane Roe (D-N.Y.) voted against the bill on Tuesday night in Washington.",
       "Sen. Jane Roe voted against the bill on Tuesday night in Washington."},
      {"MILLBROOK -- About 4,200 residents of Millbrook were ordered to leave their homes.",
       "About 4,200 residents of Millbrook were ordered to leave their homes."},
      {"WASHINGTON (AP) _ The Senate passed the spending bill late on Friday night.",
       "The Senate passed the spending bill late on Friday night."},
      // A leading time phrase relative to the report's date loses its anchor in a summary.
      {"On Tuesday, the regional assembly voted to fund repairs to the Aldren Dam.",
       "The regional assembly voted to fund repairs to the Aldren Dam."},
      {"Earlier this week, engineers found a second crack below the spillway of the dam.",
       "Engineers found a second crack below the spillway of the dam."},
      {"Tuesdays, the ferry runs twice to the island and once back to the mainland.",
       "Tuesdays, the ferry runs twice to the island and once back to the mainland."},
      // Quotations are never cut, and too little left means no change.
      {"\"We will not allow it,\" Blinken said.", "\"We will not allow it,\" Blinken said."},
      {"It rained, officials said.", "It rained, officials said."},
      // An attribution is kept when deleting it would leave the subject without its verb.
      {"Interior Minister Paul Okafor, who leads the smaller party, said Adeyemi would be expelled.",
       "Interior Minister Paul Okafor, who leads the smaller party, said Adeyemi would be expelled."},
  };
  for (const Case& c : kCases) EXPECT_EQ(compose::CompressSentence(c.in), c.out) << c.in;
}

TEST(FindSentenceFault, TellsWhatCannotStandAloneInASummary) {
  using F = compose::SentenceFault;
  struct Case {
    const char* sentence;
    F fault;
  };
  const Case kCases[] = {
      // Fragments: a subject and a relative or appositive clause, no main verb.
      {"Interior Minister Paul Okafor, who leads the smaller party.", F::kFragment},
      {"The harbour authority of Lagos, which runs both terminals.", F::kFragment},
      {"Maria Lindqvist, the agency's chief economist.", F::kFragment},
      {"Maria Lindqvist, the agency's chief economist, resigned on Friday.", F::kNone},
      {"Paul Okafor, who leads the smaller party, said the vote would go ahead.", F::kNone},
      {"The storm was downgraded near Tampico, which escaped the worst of it.", F::kNone},
      {"Okafor wants the port to reopen, which the unions oppose.", F::kNone},
      {"Okafor, who leads the party, now needs three more votes.", F::kNone},
      {"In Lagos, the harbour authority, which runs both terminals, closed them.", F::kNone},
      // Pronouns whose referent is in the sentence before.
      {"They agreed on Sunday to share the ministries between the two parties.", F::kDanglingPronoun},
      {"It also closed the second plant near the border last week.", F::kDanglingPronoun},
      {"His lawyers asked the court to release him on bail before the trial.", F::kDanglingPronoun},
      {"These measures will cut the deficit by a third within two years.", F::kDanglingPronoun},
      {"Others were taken to hospitals in the capital with burns and broken bones.", F::kDanglingPronoun},
      {"After a four-month standoff, they agreed to share the ministries.", F::kDanglingPronoun},
      {"Next month, it will choose a new coach for the first team.", F::kDanglingPronoun},
      {"Instead, they walked out of the hall before the vote.", F::kDanglingPronoun},
      {"Thus they sold the plant to a rival in the spring.", F::kDanglingPronoun},
      {"Without it, the hospital cannot open its new wing this year.", F::kDanglingPronoun},
      {"Because of this, the airline cancelled all flights to the island.", F::kDanglingPronoun},
      {"Despite the rain, the march went ahead through the old town.", F::kNone},
      {"So many people came that the doors were shut at noon.", F::kNone},
      {"This week the central bank cut its main rate to 2 percent.", F::kNone},
      {"That decision split the party in two for a decade.", F::kDanglingPronoun},
      {"That week the river rose above its banks twice.", F::kDanglingPronoun},
      {"When there was nobody left to ask, he signed the letter himself.", F::kDanglingPronoun},
      {"When it rained all week, they moved the market indoors.", F::kDanglingPronoun},
      {"After Okafor resigned, he moved back to his home town in the north.", F::kNone},
      {"When the rebels regrouped, they attacked the airport again.", F::kNone},
      {"The rebels said they had taken the airport on Sunday morning.", F::kNone},
      // Half a quotation: the rest is in the sentence before or after.
      {"The talks could last well into next month.\"", F::kOpenQuotation},
      {"The minister told reporters: \"This is a mistake.", F::kOpenQuotation},
      {"\"The decision is a mistake,\" the minister told reporters on Monday.", F::kNone},
  };
  for (const Case& c : kCases) EXPECT_EQ(compose::FindSentenceFault(c.sentence), c.fault) << c.sentence;
}

TEST(Brief, AQuotationOfAnUnnamedSpeakerKeepsTheirDescription) {
  // Two outlets quote the same engineer, named by neither; two others quote the
  // mayor, named by one of them.
  std::vector<Article> articles;
  for (const char* text : {
           "Title: Dam holds\n\nThe dam held overnight. \"The spillway carried twice its design load without a "
           "crack,\" the county's chief engineer said on Tuesday.",
           "Title: The dam held\n\nWater fell by morning. \"The spillway carried twice its design load without "
           "a crack,\" the county's chief engineer said.",
           "Title: Mayor praises crews\n\nMayor Ann Vole thanked the crews. \"Every family on the river road "
           "can go home tonight,\" Vole said.",
           "Title: Families go home\n\nThe roads reopened. \"Every family on the river road can go home "
           "tonight,\" the mayor said.",
       }) {
    Result<Article> a = SharedExtractor().Extract(text, "t.txt");
    ASSERT_TRUE(a.ok());
    articles.push_back(std::move(a).value());
  }
  Result<Brief> b = SharedBriefer().Build(std::move(articles));
  ASSERT_TRUE(b.ok());
  std::vector<std::string> speakers;
  for (const Quote& q : b->quotes) speakers.push_back(q.speaker.value_or("-") + "/" + std::to_string(q.sources.size()));
  std::sort(speakers.begin(), speakers.end());
  EXPECT_EQ(speakers, (std::vector<std::string>{"Ann Vole/2", "the county's chief engineer/2"}));
}

TEST(Brief, TheSameOnAnyNumberOfAnalysisThreads) {
  std::vector<std::string> paths = FilesIn(SourcePath("examples/story"), ".txt");
  if (Exists(SharedPath("seeds"))) {
    for (const std::string& p : FilesIn(SharedPath("seeds"), ".txt")) paths.push_back(p);
  }
  std::vector<Article> articles;
  for (const std::string& p : paths) articles.push_back(MustExtract(p));
  std::string one_thread;
  for (size_t threads : {1, 2, 3, 16}) {
    BriefOptions options;
    options.analysis_threads = threads;
    Result<Briefer> briefer = Briefer::Create(options);
    ASSERT_TRUE(briefer.ok());
    Result<Brief> b = briefer->Build(articles);
    ASSERT_TRUE(b.ok());
    const std::string json = BriefToJson(*b);
    if (threads == 1) {
      one_thread = json;
      EXPECT_GT(b->quotes.size(), 0u);
      EXPECT_GT(b->conflicts.size(), 0u);
    } else {
      EXPECT_EQ(json, one_thread) << threads << " threads";
    }
  }
}

TEST(ChooseHeadline, ATextCountsOnceForAWordItRepeats) {
  // The title whose words most texts use wins; a text that repeats a title's
  // words is one text using them.
  const std::vector<compose::HeadlineCandidate> candidates = {
      {"Flood closes bridge", "The flood closed the bridge."},
      {"Mayor speaks", "Mayor mayor mayor mayor mayor mayor speaks speaks speaks."},
      {std::nullopt, "A flood near the bridge."},
  };
  EXPECT_EQ(compose::ChooseHeadline(candidates, false), "Flood closes bridge");
}

TEST(Brief, EmptyInputIsAnError) {
  EXPECT_EQ(SharedBriefer().Build({}).status().code(), StatusCode::kInvalidInput);
}

class SeedsBrief : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Exists(SharedPath("seeds"))) GTEST_SKIP() << "../shared/seeds is absent; seed brief tests skipped";
    if (brief_ == nullptr) brief_ = new Brief(BriefOf(FilesIn(SharedPath("seeds"), ".txt"), 250));
  }
  static Brief* brief_;
};
Brief* SeedsBrief::brief_ = nullptr;

TEST_F(SeedsBrief, BlinkensQuotationHasFourSources) {
  const Quote* q = QuoteWith(*brief_, "Now that we see the invasion is beginning");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Antony Blinken");
  EXPECT_EQ(q->sources.size(), 4u);
}

TEST_F(SeedsBrief, PsakisQuotationHasThreeSources) {
  const Quote* q = QuoteWith(*brief_, "never going to completely close the door to diplomacy");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jen Psaki");
  EXPECT_EQ(q->sources.size(), 3u);
}

TEST_F(SeedsBrief, OneEntityForLavrovAndForLuhansk) {
  size_t lavrov = 0, luhansk = 0;
  for (const Entity& e : brief_->entities) {
    std::string all = e.name;
    for (const std::string& a : e.aliases) all += "|" + a;
    lavrov += all.find("Lavrov") != std::string::npos;
    luhansk += (e.name == "Luhansk" || e.name == "Lugansk");
  }
  EXPECT_EQ(lavrov, 1u);
  EXPECT_EQ(luhansk, 1u);
}

TEST_F(SeedsBrief, TheCancelledMeetingIsOnTheTimeline) {
  bool found = false;
  for (const TimelineEvent& t : brief_->timeline)
    found |= t.date == "2022-02-22" && t.text.find("called off a meeting") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(SeedsBrief, TheTimelineTellsAnEventOfADayOnce) {
  // A1 and A3 both date Putin's decree to February 21, in other words ("On
  // February 21, ..." / "On Monday, ..."): one of them is enough.
  size_t decree = 0;
  for (const TimelineEvent& t : brief_->timeline)
    decree += t.date == "2022-02-21" && t.text.find("signed a decree") != std::string::npos;
  EXPECT_EQ(decree, 1u);
}

TEST_F(SeedsBrief, SummaryCoversTheMainEvents) {
  EXPECT_LE(CountWords(brief_->summary), 250u);
  std::string all;
  for (const BriefSentence& s : brief_->summary) all += s.text + " ";
  EXPECT_NE(all.find("called off a meeting"), std::string::npos) << all;  // the cancelled meeting
  EXPECT_NE(all.find("summit"), std::string::npos) << all;                 // the summit called off
  EXPECT_TRUE(all.find("sanctions") != std::string::npos || all.find("financial penalties") != std::string::npos)
      << all;                                                              // the sanctions
  EXPECT_NE(all.find("Nord Stream 2"), std::string::npos) << all;         // Germany halts the pipeline
}

TEST_F(SeedsBrief, SummaryOpensWithTheHeadlinesNews) {
  // The headline says the summit is off; the summary opens with a lede that says so,
  // not with background from A5, a live page from twelve days before the others.
  ASSERT_FALSE(brief_->summary.empty());
  EXPECT_NE(brief_->title.find("Summit"), std::string::npos) << brief_->title;
  EXPECT_NE(brief_->summary[0].sources, std::vector<std::string>{"A5"}) << brief_->summary[0].text;
  EXPECT_NE(brief_->summary[0].text.find("summit"), std::string::npos) << brief_->summary[0].text;
}

}  // namespace
}  // namespace crosscheck
