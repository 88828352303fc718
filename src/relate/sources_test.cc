#include "relate/sources.h"

#include <gtest/gtest.h>

#include "pipeline/test_support.h"
#include "relate/facts.h"

namespace crosscheck::relate {
namespace {

Article Read(const std::string& text, const std::string& path = "t.txt") {
  return testing_support::SharedExtractor().Extract(text, path).value();
}

// Articles of one story, each in its own wording, with what names its source.
std::vector<int> SourcesOf(const std::vector<std::string>& texts) {
  std::vector<Article> articles;
  for (const std::string& t : texts) articles.push_back(Read(t));
  std::vector<const Article*> ptrs;
  for (const Article& a : articles) ptrs.push_back(&a);
  return IndependentSources(ptrs, FindNearDuplicates(ptrs));
}

TEST(IndependentSources, VersionsOfOneAgencyStoryAreOneSource) {
  // Three versions of a wire story over a day, reworded each time, and a
  // newspaper that reprints it under the agency's credit.
  std::vector<int> s = SourcesOf({
      "Outlet: Associated Press\n\nA ferry carrying 300 passengers sank off the northern coast on Monday, the coast "
      "guard said. Rescuers pulled dozens of people from the water.",
      "Outlet: The Associated Press\n\nRescue boats searched choppy seas through the night for survivors of a ferry "
      "that went down near the northern islands. The navy sent two ships to help.",
      "HARBOUR TOWN (AP) -- The death toll from Monday's ferry sinking rose on Tuesday as divers reached the hull "
      "and families gathered at the port waiting for news.",
      "Outlet: Coastal Daily\n\nFamilies gathered at the port on Tuesday as the search went on for people missing "
      "after the ferry sank.\n\n(AP)",
      "Outlet: Island Herald\n\nOur reporter at the port watched divers bring up the first bodies as relatives "
      "waited behind police lines for a list of names.",
  });
  EXPECT_EQ(s, (std::vector<int>{0, 0, 0, 0, 4}));
}

TEST(IndependentSources, OutletsAndUnnamedArticlesCountApart) {
  std::vector<int> s = SourcesOf({
      "Outlet: Northern Ledger\n\nThe council voted on Monday to close the old bridge to lorries after engineers "
      "found cracks in two of its piers.",
      "Outlet: Northern Ledger\n\nDrivers faced long detours on Tuesday, a day after the council closed the bridge "
      "to heavy traffic following an inspection.",
      "The bridge, built in 1931, was last repaired a decade ago, according to records seen by this newspaper.\n\n"
      "Engineers had warned about the piers for years, the records show.",
      "Lorry drivers said the closure would add an hour to every delivery across the valley.\n\nSome firms said "
      "they would move their depots to the other bank of the river.",
      // Put together from several agencies by its own desk: its outlet's, not any one agency's.
      "Outlet: Valley Radio\n\nThe regional government promised money for repairs on Wednesday, a day after the "
      "closure.\n\nThe minister said the work would start as soon as engineers agreed on a plan.\n\n(AFP, Reuters)",
      // Signed off at the end by the outlet of the first two: one source with them.
      "Repairs could take until the spring, the council's engineer told a meeting on Wednesday.\n\nThe council will "
      "meet again next week to choose a contractor for the work.\n\n-- Northern Ledger",
  });
  EXPECT_EQ(s, (std::vector<int>{0, 0, 2, 3, 4, 0}));
  // The sign-off names the outlet when no header does; read by the extractor.
  Article signed_off = Read("Repairs could take until the spring, the engineer said on Wednesday.\n\nThe council will "
                            "meet again next week to choose a contractor.\n\n-- Northern Ledger");
  EXPECT_EQ(signed_off.outlet, "Northern Ledger");
  EXPECT_EQ(SourceKey(signed_off), "northern ledger");
}

TEST(IndependentSources, NewswireDocnoNamesTheService) {
  // A newswire document's number names its service (APW: AP's world wire).
  Article wire = Read(
      "<DOC>\n<DOCNO> APW20010203.0101 </DOCNO>\n<TEXT>\nThe storm reached the coast on Saturday and cut power to "
      "thousands of homes.\n</TEXT>\n</DOC>\n",
      "APW20010203.0101");
  Article credited = Read("Power was restored to most homes by Sunday evening, the utility said.\n\nCrews from "
                          "three states worked through the night to repair the lines.\n\n"
                          "The Associated Press contributed to this report.");
  EXPECT_EQ(SourceKey(wire), "AP");
  EXPECT_EQ(SourceKey(credited), "AP");
}

}  // namespace
}  // namespace crosscheck::relate
