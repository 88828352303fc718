// A gazetteer of the world's places that news names most: every sovereign country
// (with its common short names and its demonym) and its capital, the continents,
// and large world regions. Written for crosscheck, general by design: it lists all
// countries, never the places of any particular story.
//
//   if (const Place* p = FindPlace("kyiv")) { ... p->kind == PlaceKind::kCapital ... }
//
// Lookups take a lowercase, space-separated name ("south korea", "kiev") and
// return nullptr when the name is not known.
//
// A wider list, read once from Debian's data packages, holds the places below a
// country: every country's subdivisions as ISO 3166-2 names them (iso-codes:
// states, provinces, counties, regions) and the cities that name the world's time
// zones (tzdata's zone1970.tab). It is kept apart because many of its names are
// also words or people's names ("Orange", "Victoria"): callers use it for whole
// names once the rest of the evidence is weighed.
//
//   if (const Place* p = FindWiderPlace("sao paulo")) { ... p->kind == PlaceKind::kSubdivision ... }
#ifndef CROSSCHECK_TEXT_PLACES_H_
#define CROSSCHECK_TEXT_PLACES_H_

#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::text {

enum class PlaceKind { kCountry, kCapital, kRegion, kDemonym, kSubdivision, kCity };

struct Place {
  std::string name;       // as written in the list ("South Korea", "Kyiv", "Korean")
  PlaceKind kind;
  std::string canonical;  // the country or place it names ("South Korea", "Ukraine")
};

// nullptr when `lower` is not a known place, region or demonym.
const Place* FindPlace(std::string_view lower);

// Whether `lower` names a people, faith or region as a modifier or a group of
// people ("european", "catholic", "sunni", "kurdish", "arabs"): words that
// countries' demonyms do not cover. News capitalizes them, yet they name no
// person, organization or place ("European leaders", "Catholic bishops").
bool IsGroupAdjective(std::string_view lower);

// Every entry, for tests and for building other indexes.
const std::vector<Place>& AllPlaces();

// nullptr when `name` (any case, accents optional: "São Paulo" = "sao paulo") is
// not a subdivision or time-zone city of the wider list, or the list's files are
// absent. A subdivision's or city's canonical name is its own ("Texas").
const Place* FindWiderPlace(std::string_view name);

// How many names the wider list holds (0 when the data packages are absent).
size_t WiderPlaceCount();

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_PLACES_H_
