#include "text/places.h"

#include <gtest/gtest.h>

#include <set>

namespace crosscheck::text {
namespace {

TEST(Places, ListsEveryCountry) {
  std::set<std::string> countries;
  for (const Place& p : AllPlaces())
    if (p.kind == PlaceKind::kCountry) countries.insert(p.canonical);
  // 193 UN members, 2 observers and a few widely named territories.
  EXPECT_GE(countries.size(), 195u);
}

TEST(Places, FindsNamesAliasesDemonymsAndCapitals) {
  struct Case {
    const char* name;
    PlaceKind kind;
    const char* canonical;
  };
  const Case kCases[] = {
      {"ukraine", PlaceKind::kCountry, "Ukraine"},   {"kyiv", PlaceKind::kCapital, "Kyiv"},
      {"kiev", PlaceKind::kCapital, "Kyiv"},         {"u.s.", PlaceKind::kCountry, "United States"},
      {"britain", PlaceKind::kCountry, "United Kingdom"},
      {"ivorian", PlaceKind::kDemonym, "Cote d'Ivoire"},
      {"south korea", PlaceKind::kCountry, "South Korea"},
      {"burkina faso", PlaceKind::kCountry, "Burkina Faso"},
      {"middle east", PlaceKind::kRegion, "Middle East"},
      // Older and official spellings of a country.
      {"kazakstan", PlaceKind::kCountry, "Kazakhstan"},
      {"kyrgyz republic", PlaceKind::kCountry, "Kyrgyzstan"},
  };
  for (const Case& c : kCases) {
    const Place* p = FindPlace(c.name);
    ASSERT_NE(p, nullptr) << c.name;
    EXPECT_EQ(p->kind, c.kind) << c.name;
    EXPECT_EQ(p->canonical, c.canonical) << c.name;
  }
  EXPECT_EQ(FindPlace("tuesday"), nullptr);
  EXPECT_EQ(FindPlace("blinken"), nullptr);
}

TEST(Places, WiderListHoldsSubdivisionsAndCitiesInAnyCaseAndAccents) {
  if (WiderPlaceCount() == 0) GTEST_SKIP() << "iso-codes and tzdata are not installed";
  struct Case {
    const char* name;
    PlaceKind kind;
  };
  const Case kCases[] = {
      {"Texas", PlaceKind::kSubdivision},     {"WYOMING", PlaceKind::kSubdivision},
      {"Ontario", PlaceKind::kSubdivision},   {"Queensland", PlaceKind::kSubdivision},
      {"Kerala", PlaceKind::kSubdivision},    {"São Paulo", PlaceKind::kSubdivision},
      {"sao paulo", PlaceKind::kSubdivision}, {"Chicago", PlaceKind::kCity},
      {"Los Angeles", PlaceKind::kCity},      {"Vladivostok", PlaceKind::kCity},
  };
  for (const Case& c : kCases) {
    const Place* p = FindWiderPlace(c.name);
    ASSERT_NE(p, nullptr) << c.name;
    EXPECT_EQ(p->kind, c.kind) << c.name;
  }
  EXPECT_EQ(FindWiderPlace("Tuesday"), nullptr);
  EXPECT_EQ(FindWiderPlace("Blinken"), nullptr);
  EXPECT_EQ(FindWiderPlace(""), nullptr);
}

}  // namespace
}  // namespace crosscheck::text
