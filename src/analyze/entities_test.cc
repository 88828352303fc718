#include "analyze/entities.h"

#include <gtest/gtest.h>

#include "analyze/quotes.h"
#include "pipeline/test_support.h"
#include "relate/entity_merge.h"

namespace crosscheck::analyze {
namespace {

std::vector<std::string> Found(const std::string& text, Article* out = nullptr,
                               std::vector<EntityMention>* mentions = nullptr) {
  Result<Article> a = testing_support::SharedExtractor().Extract(text, "t.txt");
  EXPECT_TRUE(a.ok());
  std::vector<EntityMention> m = FindEntities(*a, testing_support::SharedExtractor().word_list());
  std::vector<std::string> got;
  for (const EntityMention& e : m) got.push_back(e.text + "/" + EntityTypeName(e.type));
  if (out) *out = *a;
  if (mentions) *mentions = m;
  return got;
}

TEST(FindEntities, RolesSplitPlacesOrganizationsAndPeople) {
  struct Case {
    const char* text;
    std::vector<std::string> entities;
  };
  const Case kCases[] = {
      {"U.S. Secretary of State Antony Blinken spoke in Geneva.",
       {"U.S./location", "Antony Blinken/person", "Geneva/location"}},
      {"Russian Foreign Minister Sergey Lavrov replied.", {"Sergey Lavrov/person"}},
      {"White House spokeswoman Jen Psaki said it was over.", {"White House/organization", "Jen Psaki/person"}},
      {"British Foreign Secretary Liz Truss arrived.", {"Liz Truss/person"}},
      {"The talks involved the Organization for Security and Co-operation in Europe.",
       {"Organization for Security and Co-operation in Europe/organization"}},
      {"The Carrow Valley Water Authority said the level fell.", {"Carrow Valley Water Authority/organization"}},
      {"Buses went to the neighbouring town of Hollins.", {"Hollins/location"}},
      {"Shelling hit the Donbas region overnight.", {"Donbas/location"}},
      {"Ukraine and Russia traded accusations on Thursday.", {"Ukraine/location", "Russia/location"}},
      {"The Foreign Minister left before noon.", {}},
      {"General Motors said sales fell in March.", {"General Motors/other"}},
      {"However, Kuleba said the talks were useful.", {"Kuleba/person"}},
      {"I'm sure that Western nations agreed.", {}},
      // Abbreviated titles, initials, a surname that is also a country, party tags.
      {"Sen. R.J. Whitcombe (D-Ore.) objected.", {"R.J. Whitcombe/person"}},
      {"The harbor police Chief Dana Jordan said so.", {"Dana Jordan/person"}},
      {"\"No,\" said Carol Rose.", {"Carol Rose/person"}},
      {"The bowling of M. Butcher decided it.", {"M. Butcher/person"}},
      // A line in capitals: only known places and institutions are names.
      {"The match ended late. SOCCER - LATE GOAL SINKS VISITORS IN PERU.", {"PERU/location"}},
      {"The tables follow. RUGBY UNION RESULTS AND STANDINGS.", {}},
      // Everyday words in capitals and lone cue words name nobody; a dateline is a place.
      {"Turnout rose, NOTE the figures, and Police said more would come.", {}},
      {"MARLOWE 2024-03-05 The dam held through the night.", {"MARLOWE/location"}},
      {"SOCCER - The home side won late on Sunday.", {}},
      // A sentence-initial word that only the largest lists know with a capital is
      // no name; a surname that the common lists know with a capital still is.
      {"New military equipment was seen near the border.", {}},
      {"Recent developments worried the allies.", {}},
      {"Bush said the talks would go on.", {"Bush/person"}},
      // A lone surname as a sentence's subject, before an everyday verb: a person.
      {"Blinken addressed the United Nations Security Council in New York.",
       {"Blinken/person", "United Nations Security Council/organization", "New York/location"}},
      // A kind of body before a name makes it an organization, even one that reports.
      {"The imaging firm Maxar reported more tents.", {"Maxar/organization"}},
      {"Mr. King and Ms Bishop met Howard Dean.", {"King/person", "Bishop/person", "Howard Dean/person"}},
      {"The Saudi King arrived.", {}},
      {"A letter from Dana Whitcombe arrived.", {"Dana Whitcombe/person"}},
      // A plural's possessive inside a name; a possessive after "in" names an owner, not a place.
      {"Rebels formed the Donetsk People's Republic in 2014.", {"Donetsk People's Republic/organization"}},
      {"She waited in Dana Whitcombe's office.", {"Dana Whitcombe/person"}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Found(c.text), c.entities) << c.text;
}

TEST(FindEntities, AStateAbbreviationAfterATownIsAPlace) {
  struct Case {
    const char* text;
    std::vector<std::string> entities;
  };
  const Case kCases[] = {
      {"Ranchers near Dunmore, Wyo., lost cattle.", {"Dunmore/location", "Wyo./location"}},
      {"The plant in Pellston, Colo. closed.", {"Pellston/location", "Colo./location"}},
      {"She moved to Marrick, N.Y., last year.", {"Marrick/location", "N.Y./location"}},
      {"The firm is based in Kellet, Fla; it grew.", {"Kellet/location", "Fla/location"}},
      // Without its dot and before a name, the word is not an abbreviation ("Miss").
      {"Then, Miss Dana Whitcombe spoke.", {"Dana Whitcombe/person"}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Found(c.text), c.entities) << c.text;
  // A compound adjective is no place.
  for (const std::string& e : Found("A Kellet, Mo.-based company grew."))
    EXPECT_FALSE(e.starts_with("Mo") && e.ends_with("/location")) << e;
}

TEST(FindEntities, NoNamesFromAdjectivesOrCapitalsOfPosition) {
  struct Case {
    const char* text;
    std::vector<std::string> entities;
  };
  const Case kCases[] = {
      {"Catholic bishops signed the letter.", {}},
      {"Key questions remain open, officials said.", {}},
      {"Numbers were not released.", {}},
      // A word joined to a name is a name.
      {"Peter and John Whitcombe run the farm.", {"Peter/other", "John Whitcombe/person"}},
      // A title before the name is no part of it.
      {"Fire Brigade Engineer Dana Pellow said the blaze began below.", {"Dana Pellow/person"}},
  };
  for (const Case& c : kCases) EXPECT_EQ(Found(c.text), c.entities) << c.text;
  // A word capitalized inside a sentence somewhere in the article is a name at
  // the start of one too.
  std::vector<std::string> got = Found("Numbers were not released. The ship Numbers sank.");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].starts_with("Numbers/") && got[1].starts_with("Numbers/"));
}

TEST(FindEntities, APeopleFaithOrRegionAsAWordIsNoName) {
  // Marked as a word of the story (kept for relating articles), never a name;
  // the institution or place whose name holds the word stays one.
  std::vector<EntityMention> m;
  Found("European leaders met in Brussels. The Sunni and Shiite parties walked out, and several Catholic "
        "bishops wrote to the European Commission. Kurds marched in the capital.",
        nullptr, &m);
  std::vector<std::string> groups, names;
  for (const EntityMention& e : m) (e.group ? groups : names).push_back(e.text + "/" + EntityTypeName(e.type));
  EXPECT_EQ(groups, (std::vector<std::string>{"European/other", "Sunni/other", "Shiite/other", "Catholic/other",
                                              "Kurds/other"}));
  EXPECT_EQ(names, (std::vector<std::string>{"Brussels/location", "European Commission/organization"}));
}

TEST(FindEntities, ASurnameAloneIsThePersonNamedInFull) {
  std::vector<std::string> got = Found("Vladimir Putin spoke on Monday. Critics said Putin's speech was long.");
  EXPECT_EQ(got, (std::vector<std::string>{"Vladimir Putin/person", "Putin/person"}));
}

TEST(MergeEntities, AliasesVariantsAndNamesakes) {
  Article a;
  std::vector<EntityMention> m;
  Found("Russian Foreign Minister Sergey Lavrov met Antony Blinken. Lavrov left. Sergei Lavrov spoke again. "
        "Fighting in Luhansk and Lugansk went on, and Kiev and Kyiv were calm. The U.S. and the US and the United "
        "States agreed. Jill Biden and Joe Biden travelled.",
        &a, &m);
  relate::EntityIndex index = relate::MergeEntities({m});
  std::map<std::string, std::set<std::string>> names;
  for (const relate::MergedEntity& e : index.entities) names[e.name] = e.surfaces;
  EXPECT_EQ(names["Sergey Lavrov"], (std::set<std::string>{"Sergey Lavrov", "Lavrov", "Sergei Lavrov"}));
  EXPECT_EQ(names["Luhansk"], (std::set<std::string>{"Luhansk", "Lugansk"}));
  EXPECT_EQ(names["Kyiv"], (std::set<std::string>{"Kiev", "Kyiv"}));
  EXPECT_EQ(names["United States"], (std::set<std::string>{"U.S.", "US", "United States"}));
  EXPECT_TRUE(names.count("Jill Biden"));
  EXPECT_TRUE(names.count("Joe Biden"));  // two people who share a surname stay two
}

TEST(MergeEntities, AnAcronymNeverJoinsAPersonsInitials) {
  std::vector<EntityMention> m;
  Found("Anna Pellow met Dana Whitcombe of the Carrow Valley Water Authority. Pellow told AP that the CVWA "
        "would act.",
        nullptr, &m);
  relate::EntityIndex index = relate::MergeEntities({m});
  std::map<std::string, std::set<std::string>> names;
  for (const relate::MergedEntity& e : index.entities) names[e.name] = e.surfaces;
  EXPECT_EQ(names["Anna Pellow"], (std::set<std::string>{"Anna Pellow", "Pellow"}));
  EXPECT_EQ(names["Carrow Valley Water Authority"], (std::set<std::string>{"Carrow Valley Water Authority", "CVWA"}));
  EXPECT_TRUE(names.count("AP"));
}

TEST(MergeEntities, AnOwnedBodyIsNotTheInstitutionOfItsName) {
  std::vector<EntityMention> m;
  Found("Russia's Security Council met on Friday. The UN Security Council meets on Monday.", nullptr, &m);
  relate::EntityIndex index = relate::MergeEntities({m});
  std::map<std::string, std::set<std::string>> names;
  for (const relate::MergedEntity& e : index.entities) names[e.name] = e.surfaces;
  EXPECT_EQ(names["UN Security Council"], (std::set<std::string>{"UN Security Council"}));
  EXPECT_EQ(names["Security Council"], (std::set<std::string>{"Security Council"}));
}

TEST(FindQuotes, SpeakersFromEveryPattern) {
  struct Case {
    const char* text;
    const char* quote;
    const char* speaker;  // "" for none
  };
  const Case kCases[] = {
      {"\"We will not allow it,\" Blinken said.", "We will not allow it", "Blinken"},
      {"\"We're never going to close the door,\" said White House spokeswoman Jen Psaki.",
       "We're never going to close the door", "Jen Psaki"},
      {"Blinken said the U.S. remains committed \"if Moscow's approach changes.\"", "if Moscow's approach changes.",
       "Blinken"},
      {"Minister Jane Doe spoke first. \"Nobody goes home yet,\" she told reporters.", "Nobody goes home yet",
       "Jane Doe"},
      {"According to Maria Okafor, \"the decision was the only responsible one.\"",
       "the decision was the only responsible one.", "Maria Okafor"},
      {"\"We need restraint and reason,\" Guterres said. \"I urge all to refrain from actions.\"",
       "I urge all to refrain from actions.", "Guterres"},
      {"Blinken condemned the speech, calling it \"deeply disturbing and dangerous.\"",
       "deeply disturbing and dangerous.", "Blinken"},
      {"\"These are defensive moves,\" the senior defense official said.", "These are defensive moves", ""},
      {"\"The vote was a sham,\" said Rep. Tom Alder (R-Ind.).", "The vote was a sham", "Tom Alder"},
      {"\"The ruling stands,\" said Harlow lawyer Mina Kessler.", "The ruling stands", "Mina Kessler"},
      {"\"We will rebuild the pier,\" Marlow harbor Chief Dana Jordan said.", "We will rebuild the pier",
       "Dana Jordan"},
      {"\"We lost the lower field,\" Okafor concedes.", "We lost the lower field", "Okafor"},
      {"\"We filed on time,\" Harlow spokesman Ned Pike said.", "We filed on time", "Ned Pike"},
      {"\"The levee will hold this year,\" Okafor, the regional governor since 2019, said.",
       "The levee will hold this year", "Okafor"},
      {"\"Stay one more night, at least,\" Okafor pressed.", "Stay one more night, at least", "Okafor"},
      {"Mayor Ann Vole released a statement on the flood:\n\n\"The bridge will reopen in May.\"",
       "The bridge will reopen in May.", "Ann Vole"},
      // An honorific before a surname that is a role word elsewhere; a given name
      // before one; the body a speaker belongs to between the name and the verb.
      {"\"They pay us well,\" Mr. King said.", "They pay us well", "King"},
      {"\"It matters,\" said Charlie King, a Harlow Democrat.", "It matters", "Charlie King"},
      {"\"It was the least bad outcome,\" Lena Hartwell of the Marlow Rowing Club said.",
       "It was the least bad outcome", "Lena Hartwell"},
      // Typewriter quotation marks, as some newspapers' plain text has them.
      {"``We filed on time,'' Okafor said.", "We filed on time", "Okafor"},
  };
  for (const Case& c : kCases) {
    Article a;
    std::vector<EntityMention> m;
    Found(c.text, &a, &m);
    std::vector<QuoteMention> quotes = FindQuotes(a, m);
    ASSERT_FALSE(quotes.empty()) << c.text;
    const QuoteMention& q = quotes.back();
    EXPECT_EQ(q.text, c.quote) << c.text;
    EXPECT_EQ(q.speaker >= 0 ? m[q.speaker].text : "", c.speaker) << c.text;
  }
}

TEST(FindQuotes, ASpeakerNamedByRoleHasASpanButNoEntity) {
  for (const char* text : {"\"We see no link to the storm,\" the mayor said.",
                           "\"We see no link to the storm,\" said the county's chief engineer, adding more.",
                           "The campaign ran all week. The mayor says \"we see no link to the storm.\""}) {
    Article a;
    std::vector<EntityMention> m;
    Found(text, &a, &m);
    std::vector<QuoteMention> quotes = FindQuotes(a, m);
    ASSERT_EQ(quotes.size(), 1u) << text;
    EXPECT_EQ(quotes[0].speaker, -1) << text;
    ASSERT_TRUE(quotes[0].speaker_span.has_value()) << text;
    std::string_view role = a.Slice(*quotes[0].speaker_span);
    EXPECT_TRUE(role == "the mayor" || role == "The mayor" || role == "the county's chief engineer") << role;
  }
  // A determiner after the verb that does not end its clause is no role.
  Article a;
  std::vector<EntityMention> m;
  Found("\"Clean water comes first for every home,\" said the banner the town hung over the square.", &a, &m);
  std::vector<QuoteMention> quotes = FindQuotes(a, m);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_FALSE(quotes[0].speaker_span.has_value());
}

TEST(FindQuotes, FragmentsInTheReportersSentenceArePartial) {
  Article a;
  std::vector<EntityMention> m;
  Found("Okafor called the plan \"the only responsible one.\" \"Nobody goes home tonight,\" she said.", &a, &m);
  std::vector<QuoteMention> quotes = FindQuotes(a, m);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_TRUE(quotes[0].partial) << quotes[0].text;
  EXPECT_FALSE(quotes[1].partial) << quotes[1].text;
}

TEST(FindQuotes, QuotationOverSeveralParagraphs) {
  Article a;
  std::vector<EntityMention> m;
  Found("The governor spoke to reporters at length on Tuesday about the dam.\n\n\"The first part goes on\n\n"
        "\"and the second part ends here,\" Okafor said.",
        &a, &m);
  std::vector<QuoteMention> quotes = FindQuotes(a, m);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].text, "The first part goes on and the second part ends here");
  EXPECT_EQ(m[quotes[0].speaker].text, "Okafor");
}

// Who speaks: the speaker entity's text, or "" and the description kept for a
// speaker named only by what they are.
struct SpeakerCase {
  const char* text;
  const char* speaker;      // the speaker mention's text, "" for none
  const char* description;  // QuoteMention::speaker_text
};

void ExpectSpeakers(const std::vector<SpeakerCase>& cases) {
  for (const SpeakerCase& c : cases) {
    Article a;
    std::vector<EntityMention> m;
    Found(c.text, &a, &m);
    std::vector<QuoteMention> quotes = FindQuotes(a, m, testing_support::SharedExtractor().word_list());
    ASSERT_FALSE(quotes.empty()) << c.text;
    const QuoteMention& q = quotes.back();
    EXPECT_EQ(q.speaker >= 0 ? m[q.speaker].text : "", c.speaker) << c.text;
    EXPECT_EQ(q.speaker_text, c.description) << c.text;
  }
}

TEST(FindQuotes, AddedGoesOnWithTheSpeaker) {
  ExpectSpeakers({
      {"Okafor opened the meeting. \"We will rebuild the pier,\" Okafor said. Councillor Ben Lund questioned the "
       "cost. \"It will take two summers, not one,\" she added.",
       "Okafor", ""},
      {"\"The dam held,\" said Mayor Ann Vole. Engineer Tom Okonjo inspected it at dawn. She added that \"the "
       "town owes the crews a great deal.\"",
       "Ann Vole", ""},
  });
}

TEST(FindQuotes, AQuotationAboutSomeoneIsNotTheirs) {
  ExpectSpeakers({
      // A family by its plural is not the person of that name.
      {"Tomas Okafor died on Sunday. \"He never judged anyone, not once,\" the Okafors wrote.", "", "the Okafors"},
      // The pronoun that opens the sentence speaks, not the person praised.
      {"Rep. Tom Okonjo spoke next. He began by praising Lind: \"There is no finer mayor than Ann Lind, because "
       "she listened.\"",
       "Tom Okonjo", ""},
  });
}

TEST(FindQuotes, SpeakersNamedByWhatTheyAre) {
  ExpectSpeakers({
      // A name that modifies a role names whom the speaker works for.
      {"\"We will appeal the ruling today,\" Norvik's lead lawyer said.", "", "Norvik's lead lawyer"},
      {"One senior Norvik engineer said: \"The valve was never tested.\"", "", "one senior Norvik engineer"},
      {"\"Prices will keep rising all year,\" Web analysts said.", "", "Web analysts"},
      {"\"We were never asked about the plan,\" said one African-American pastor.", "",
       "one African-American pastor"},
      {"\"The ruling stands,\" said an aide to a Harlow senator.", "", "an aide"},
      // A person in apposition to the role speaks.
      {"\"The ruling stands,\" said the mayor, Maria Okafor.", "Maria Okafor", ""},
  });
}

TEST(FindQuotes, OrganizationsSpeakWhenNoPersonIsNamed) {
  ExpectSpeakers({
      {"\"The ceasefire was broken forty times,\" the Foreign Ministry said in a statement.", "Foreign Ministry", ""},
      // A statement speaks for who issued it.
      {"The Harlow Labour Party issued a statement on Monday. \"No party can govern alone,\" the statement said.",
       "Harlow Labour Party", ""},
  });
}

TEST(FindQuotes, NoSpeakersFromFragmentsOfNames) {
  ExpectSpeakers({
      // An initial of an aircraft's name, a state's abbreviation, a place the
      // speaker is from, a name modifying a noun: the person before speaks.
      {"Rescue chief Ana Lind spoke on Friday. \"We would need more than 300 Harlow K-40 planes for that,\" "
       "she said.",
       "Ana Lind", ""},
      {"Rep. Tom Okonjo spoke first. Okonjo, of Towson, Md., said: \"We will vote no on this bill.\"", "Okonjo",
       ""},
      {"Maria Okafor, a newly elected member of the Harlow leadership, said: \"I had no idea at all.\"",
       "Maria Okafor", ""},
      {"\"He started off very calm,\" Maria Okafor, the Harlow whip said.", "Maria Okafor", ""},
      {"Harlow Mayor Ann Vole smiled and said \"Look at the minutes!\"", "Ann Vole", ""},
  });
}

}  // namespace
}  // namespace crosscheck::analyze
