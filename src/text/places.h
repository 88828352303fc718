// A gazetteer of the world's places that news names most: every sovereign country
// (with its common short names and its demonym) and its capital, the continents,
// and large world regions. Written for crosscheck, general by design: it lists all
// countries, never the places of any particular story.
//
//   if (const Place* p = FindPlace("kyiv")) { ... p->kind == PlaceKind::kCapital ... }
//
// Lookups take a lowercase, space-separated name ("south korea", "kiev") and
// return nullptr when the name is not known.
#ifndef CROSSCHECK_TEXT_PLACES_H_
#define CROSSCHECK_TEXT_PLACES_H_

#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::text {

enum class PlaceKind { kCountry, kCapital, kRegion, kDemonym };

struct Place {
  std::string name;       // as written in the list ("South Korea", "Kyiv", "Korean")
  PlaceKind kind;
  std::string canonical;  // the country or place it names ("South Korea", "Ukraine")
};

// nullptr when `lower` is not a known place, region or demonym.
const Place* FindPlace(std::string_view lower);

// Every entry, for tests and for building other indexes.
const std::vector<Place>& AllPlaces();

}  // namespace crosscheck::text

#endif  // CROSSCHECK_TEXT_PLACES_H_
