#include "text/agencies.h"

#include <gtest/gtest.h>

namespace crosscheck::text {
namespace {

TEST(WireAgency, OneCanonicalNameHoweverWritten) {
  const std::pair<const char*, const char*> kCases[] = {
      {"AP", "AP"},
      {"The Associated Press", "AP"},
      {"associated press", "AP"},
      {"Associated Press Worldstream", "AP"},
      {"Agence France-Presse", "AFP"},
      {"Agence France Presse", "AFP"},
      {"afp", "AFP"},
      {"Reuters", "Reuters"},
      {"Deutsche Presse-Agentur", "dpa"},
      {"Xinhua News Agency", "Xinhua"},
      {"ITAR-TASS", "TASS"},
      {"Press Trust of India", "PTI"},
      {"Kyodo News", "Kyodo"},
      {"The Canadian Press", "CP"},
      {" Yonhap ", "Yonhap"},
      {"apnews.com", "AP"},  // the outlet of a page read from the agency's own site
      {"reuters.com", "Reuters"},
  };
  for (const auto& [name, canonical] : kCases) {
    std::optional<std::string_view> a = WireAgency(name);
    ASSERT_TRUE(a.has_value()) << name;
    EXPECT_EQ(*a, canonical) << name;
  }
  for (const char* name : {"New York Times", "Valley Wire Service", "Associated", "Press", ""})
    EXPECT_FALSE(WireAgency(name).has_value()) << name;
}

TEST(DatelineAgency, ReadsTheServiceOfADateline) {
  const std::pair<const char*, const char*> kCases[] = {
      {"PARIS (AP) -- The French government said on Monday it would ...", "AP"},
      {"MOSCOW, March 3 (Reuters) - Russia's central bank raised rates.", "Reuters"},
      {"(AFP) - A strong earthquake struck the coast on Sunday.", "AFP"},
      {"ST. LOUIS (Associated Press) -- Flooding closed the bridge.", "AP"},
      {"NAIROBI, Kenya (Meridian Press) -- Talks resumed on Friday.", "Meridian Press"},
      {"BEIJING (Xinhua) The State Council approved the plan.", "Xinhua"},
  };
  for (const auto& [text, agency] : kCases) {
    std::optional<std::string> a = DatelineAgency(text);
    ASSERT_TRUE(a.has_value()) << text;
    EXPECT_EQ(*a, agency) << text;
  }
  for (const char* text : {
           "The minister (AP photo) arrived on Monday.",           // a caption-like aside, no dateline
           "Officials told the Associated Press on Monday that ...",  // the agency in the story, not credited
           "Prime Minister Kaja Kallas (Reform) said the vote would go ahead.",
           "PARIS -- The French government said on Monday it would ...",  // a dateline without a service
           "Cambodian leader Hun Sen on Friday rejected (again) the talks - for now.",
       })
    EXPECT_FALSE(DatelineAgency(text).has_value()) << text;
}

TEST(SignOff, ReadsAnOutletSigningOff) {
  const std::pair<const char*, const char*> kCases[] = {
      {"The hearing is set for Friday. -- Meridian Press Agency", "Meridian Press Agency"},
      {"-- Harbor City Times", "Harbor City Times"},
      {"The vote is on Sunday. \xE2\x80\x94 Reuters", "Reuters"},
      {"-- The Coastal Herald.", "The Coastal Herald"},
  };
  for (const auto& [text, name] : kCases) {
    std::optional<std::string> s = SignOff(text);
    ASSERT_TRUE(s.has_value()) << text;
    EXPECT_EQ(*s, name) << text;
  }
  for (const char* text : {
           "The hearing is set for Friday. -- John Smith",         // a reporter, not an outlet
           "The hearing is set for Friday.",                       // no sign-off
           "He said the plan -- drafted by the Finance Ministry -- would pass.",
           "-- reporting from the capital",
       })
    EXPECT_FALSE(SignOff(text).has_value()) << text;
}

}  // namespace
}  // namespace crosscheck::text
