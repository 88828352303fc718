#include "text/places.h"

#include <cstdlib>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "text/ascii.h"

namespace crosscheck::text {
namespace {

// One country per line: name | other names | demonyms | capital (and its other
// spellings). Fields are comma-separated lists; empty fields are allowed.
constexpr std::string_view kCountries = R"(Afghanistan||Afghan,Afghans|Kabul
Albania||Albanian,Albanians|Tirana
Algeria||Algerian,Algerians|Algiers
Andorra||Andorran|Andorra la Vella
Angola||Angolan,Angolans|Luanda
Antigua and Barbuda||Antiguan|St. John's
Argentina||Argentine,Argentinian,Argentines|Buenos Aires
Armenia||Armenian,Armenians|Yerevan
Australia||Australian,Australians|Canberra
Austria||Austrian,Austrians|Vienna
Azerbaijan||Azerbaijani,Azeri,Azerbaijanis|Baku
Bahamas|The Bahamas|Bahamian|Nassau
Bahrain||Bahraini,Bahrainis|Manama
Bangladesh||Bangladeshi,Bangladeshis|Dhaka
Barbados||Barbadian|Bridgetown
Belarus|Byelorussia|Belarusian,Belarusians,Belarussian|Minsk
Belgium||Belgian,Belgians|Brussels
Belize||Belizean|Belmopan
Benin||Beninese|Porto-Novo
Bhutan||Bhutanese|Thimphu
Bolivia||Bolivian,Bolivians|Sucre,La Paz
Bosnia and Herzegovina|Bosnia|Bosnian,Bosnians|Sarajevo
Botswana||Botswanan,Motswana|Gaborone
Brazil||Brazilian,Brazilians|Brasilia
Brunei||Bruneian|Bandar Seri Begawan
Bulgaria||Bulgarian,Bulgarians|Sofia
Burkina Faso||Burkinabe|Ouagadougou
Burundi||Burundian|Gitega
Cambodia||Cambodian,Cambodians|Phnom Penh
Cameroon||Cameroonian,Cameroonians|Yaounde
Canada||Canadian,Canadians|Ottawa
Cape Verde|Cabo Verde|Cape Verdean|Praia
Central African Republic|CAR|Central African|Bangui
Chad||Chadian,Chadians|N'Djamena
Chile||Chilean,Chileans|Santiago
China|PRC,People's Republic of China|Chinese|Beijing,Peking
Colombia||Colombian,Colombians|Bogota
Comoros||Comoran|Moroni
Democratic Republic of the Congo|DR Congo,DRC,Congo-Kinshasa|Congolese|Kinshasa
Republic of the Congo|Congo-Brazzaville,Congo|Congolese|Brazzaville
Costa Rica||Costa Rican|San Jose
Cote d'Ivoire|Ivory Coast|Ivorian,Ivorians|Yamoussoukro,Abidjan
Croatia||Croatian,Croat,Croatians,Croats|Zagreb
Cuba||Cuban,Cubans|Havana
Cyprus||Cypriot,Cypriots|Nicosia
Czech Republic|Czechia|Czech,Czechs|Prague
Denmark||Danish,Dane,Danes|Copenhagen
Djibouti||Djiboutian|Djibouti
Dominica||Dominican|Roseau
Dominican Republic||Dominican,Dominicans|Santo Domingo
East Timor|Timor-Leste|Timorese|Dili
Ecuador||Ecuadorian,Ecuadorians|Quito
Egypt||Egyptian,Egyptians|Cairo
El Salvador||Salvadoran,Salvadorans|San Salvador
Equatorial Guinea||Equatoguinean|Malabo
Eritrea||Eritrean,Eritreans|Asmara
Estonia||Estonian,Estonians|Tallinn
Eswatini|Swaziland|Swazi|Mbabane
Ethiopia||Ethiopian,Ethiopians|Addis Ababa
Fiji||Fijian,Fijians|Suva
Finland||Finnish,Finn,Finns|Helsinki
France||French|Paris
Gabon||Gabonese|Libreville
Gambia|The Gambia|Gambian|Banjul
Georgia||Georgian,Georgians|Tbilisi
Germany||German,Germans|Berlin
Ghana||Ghanaian,Ghanaians|Accra
Greece||Greek,Greeks|Athens
Grenada||Grenadian|St. George's
Guatemala||Guatemalan,Guatemalans|Guatemala City
Guinea||Guinean,Guineans|Conakry
Guinea-Bissau||Bissau-Guinean|Bissau
Guyana||Guyanese|Georgetown
Haiti||Haitian,Haitians|Port-au-Prince
Honduras||Honduran,Hondurans|Tegucigalpa
Hungary||Hungarian,Hungarians|Budapest
Iceland||Icelandic,Icelander,Icelanders|Reykjavik
India||Indian,Indians|New Delhi,Delhi
Indonesia||Indonesian,Indonesians|Jakarta
Iran|Persia|Iranian,Iranians|Tehran,Teheran
Iraq||Iraqi,Iraqis|Baghdad
Ireland|Eire|Irish|Dublin
Israel||Israeli,Israelis|Jerusalem
Italy||Italian,Italians|Rome
Jamaica||Jamaican,Jamaicans|Kingston
Japan||Japanese|Tokyo
Jordan||Jordanian,Jordanians|Amman
Kazakhstan|Kazakstan|Kazakh,Kazakhstani,Kazakhs|Astana,Nur-Sultan
Kenya||Kenyan,Kenyans|Nairobi
Kiribati||I-Kiribati|Tarawa
North Korea|DPRK|North Korean,North Koreans|Pyongyang
South Korea|Republic of Korea,ROK,Korea|South Korean,South Koreans,Korean,Koreans|Seoul
Kosovo||Kosovar,Kosovan|Pristina
Kuwait||Kuwaiti,Kuwaitis|Kuwait City
Kyrgyzstan|Kirghizia,Kyrgyz Republic|Kyrgyz|Bishkek
Laos||Lao,Laotian|Vientiane
Latvia||Latvian,Latvians|Riga
Lebanon||Lebanese|Beirut
Lesotho||Basotho|Maseru
Liberia||Liberian,Liberians|Monrovia
Libya||Libyan,Libyans|Tripoli
Liechtenstein||Liechtensteiner|Vaduz
Lithuania||Lithuanian,Lithuanians|Vilnius
Luxembourg||Luxembourgish,Luxembourger|Luxembourg
Madagascar||Malagasy|Antananarivo
Malawi||Malawian,Malawians|Lilongwe
Malaysia||Malaysian,Malaysians|Kuala Lumpur
Maldives||Maldivian|Male
Mali||Malian,Malians|Bamako
Malta||Maltese|Valletta
Marshall Islands||Marshallese|Majuro
Mauritania||Mauritanian|Nouakchott
Mauritius||Mauritian|Port Louis
Mexico||Mexican,Mexicans|Mexico City
Micronesia||Micronesian|Palikir
Moldova||Moldovan,Moldovans|Chisinau,Kishinev
Monaco||Monegasque|Monaco
Mongolia||Mongolian,Mongolians|Ulaanbaatar,Ulan Bator
Montenegro||Montenegrin|Podgorica
Morocco||Moroccan,Moroccans|Rabat
Mozambique||Mozambican|Maputo
Myanmar|Burma|Burmese|Naypyidaw,Naypyitaw
Namibia||Namibian,Namibians|Windhoek
Nauru||Nauruan|Yaren
Nepal||Nepalese,Nepali|Kathmandu
Netherlands|The Netherlands,Holland|Dutch|Amsterdam,The Hague
New Zealand||New Zealander,New Zealanders|Wellington
Nicaragua||Nicaraguan,Nicaraguans|Managua
Niger||Nigerien|Niamey
Nigeria||Nigerian,Nigerians|Abuja
North Macedonia|Macedonia|Macedonian,Macedonians|Skopje
Norway||Norwegian,Norwegians|Oslo
Oman||Omani,Omanis|Muscat
Pakistan||Pakistani,Pakistanis|Islamabad
Palau||Palauan|Ngerulmud
Palestine|Palestinian Territories|Palestinian,Palestinians|Ramallah
Panama||Panamanian,Panamanians|Panama City
Papua New Guinea||Papua New Guinean|Port Moresby
Paraguay||Paraguayan,Paraguayans|Asuncion
Peru||Peruvian,Peruvians|Lima
Philippines|The Philippines|Filipino,Filipinos,Philippine|Manila
Poland||Polish,Pole,Poles|Warsaw
Portugal||Portuguese|Lisbon
Qatar||Qatari,Qataris|Doha
Romania||Romanian,Romanians|Bucharest
Russia|Russian Federation|Russian,Russians|Moscow
Rwanda||Rwandan,Rwandans|Kigali
Saint Kitts and Nevis|St. Kitts and Nevis|Kittitian|Basseterre
Saint Lucia|St. Lucia|Saint Lucian|Castries
Saint Vincent and the Grenadines|St. Vincent and the Grenadines|Vincentian|Kingstown
Samoa||Samoan,Samoans|Apia
San Marino||Sammarinese|San Marino
Sao Tome and Principe||Santomean|Sao Tome
Saudi Arabia||Saudi,Saudis,Saudi Arabian|Riyadh
Senegal||Senegalese|Dakar
Serbia||Serbian,Serb,Serbians,Serbs|Belgrade
Seychelles||Seychellois|Victoria
Sierra Leone||Sierra Leonean|Freetown
Singapore||Singaporean,Singaporeans|Singapore
Slovakia||Slovak,Slovakian,Slovaks|Bratislava
Slovenia||Slovenian,Slovene,Slovenians|Ljubljana
Solomon Islands||Solomon Islander|Honiara
Somalia||Somali,Somalis|Mogadishu
South Africa||South African,South Africans|Pretoria,Cape Town
South Sudan||South Sudanese|Juba
Spain||Spanish,Spaniard,Spaniards|Madrid
Sri Lanka||Sri Lankan,Sri Lankans|Colombo,Sri Jayawardenepura Kotte
Sudan||Sudanese|Khartoum
Suriname||Surinamese|Paramaribo
Sweden||Swedish,Swede,Swedes|Stockholm
Switzerland||Swiss|Bern,Berne
Syria||Syrian,Syrians|Damascus
Taiwan|Republic of China|Taiwanese|Taipei
Tajikistan||Tajik,Tajiks|Dushanbe
Tanzania||Tanzanian,Tanzanians|Dodoma
Thailand||Thai|Bangkok
Togo||Togolese|Lome
Tonga||Tongan|Nuku'alofa
Trinidad and Tobago||Trinidadian|Port of Spain
Tunisia||Tunisian,Tunisians|Tunis
Turkey|Turkiye|Turkish,Turk,Turks|Ankara
Turkmenistan||Turkmen|Ashgabat
Tuvalu||Tuvaluan|Funafuti
Uganda||Ugandan,Ugandans|Kampala
Ukraine|the Ukraine|Ukrainian,Ukrainians|Kyiv,Kiev
United Arab Emirates|UAE,Emirates|Emirati,Emiratis|Abu Dhabi
United Kingdom|UK,U.K.,Britain,Great Britain|British,Briton,Britons|London
United States|US,U.S.,USA,U.S.A.,America,United States of America|American,Americans|Washington,Washington D.C.
Uruguay||Uruguayan,Uruguayans|Montevideo
Uzbekistan||Uzbek,Uzbeks|Tashkent
Vanuatu||Ni-Vanuatu|Port Vila
Vatican City|Vatican,Holy See||Vatican City
Venezuela||Venezuelan,Venezuelans|Caracas
Vietnam|Viet Nam|Vietnamese|Hanoi
Yemen||Yemeni,Yemenis|Sanaa
Zambia||Zambian,Zambians|Lusaka
Zimbabwe||Zimbabwean,Zimbabweans|Harare
England||English|
Scotland||Scottish,Scot,Scots|Edinburgh
Wales||Welsh|Cardiff
Northern Ireland||Northern Irish|Belfast
Greenland||Greenlandic|Nuuk
Hong Kong||Hong Konger|
Puerto Rico||Puerto Rican|San Juan
Western Sahara||Sahrawi|)";

// Continents, oceans, seas and large regions that news names as places.
constexpr std::string_view kRegions = R"(Africa|Antarctica|Asia|Europe|North America
South America|Latin America|Central America|Oceania|Australasia|Middle East|Near East
Far East|Gulf|Persian Gulf|Balkans|Baltics|Caucasus|Scandinavia|Nordics|Sahel
Caribbean|Arctic|Mediterranean|Black Sea|Baltic Sea|Red Sea|South China Sea
Atlantic|Pacific|Indian Ocean|Eastern Europe|Western Europe|Central Asia|Southeast Asia
South Asia|East Asia|West Africa|East Africa|North Africa|Horn of Africa|Gaza|West Bank
Crimea|Kashmir|Tibet|Xinjiang|Kurdistan|Siberia|Sinai|Golan Heights|West)";

// Peoples, faiths and regions as adjectives, and their plurals for groups of
// people; the demonyms of countries are in kCountries.
constexpr std::string_view kGroupAdjectives =
    "european europeans african africans asian asians arab arabs arabic latin latino latinos latina hispanic "
    "hispanics nordic scandinavian scandinavians baltic balkan caribbean mediterranean western westerners "
    "eastern mideast aboriginal indigenous catholic catholics protestant protestants orthodox muslim muslims "
    "moslem moslems islamic islamist islamists christian christians jewish jews hindu hindus buddhist buddhists "
    "sikh sikhs sunni sunnis shiite shiites shia shi'ite evangelical evangelicals anglican anglicans lutheran "
    "lutherans methodist methodists baptist baptists mormon mormons episcopal presbyterian pentecostal coptic "
    "copts druze alawite alawites zionist zionists kurdish kurds basque basques catalan catalans tamil tamils "
    "pashtun pashtuns uighur uighurs uyghur uyghurs hutu hutus tutsi tutsis zulu zulus berber berbers bedouin "
    "bedouins roma maori maoris inuit tatar tatars chechen chechens";

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<Place> BuildPlaces() {
  std::vector<Place> places;
  for (std::string_view line : Split(kCountries, '\n')) {
    std::vector<std::string_view> f = Split(line, '|');
    if (f.size() != 4) continue;
    std::string country(f[0]);
    places.push_back({country, PlaceKind::kCountry, country});
    for (std::string_view alias : Split(f[1], ','))
      if (!alias.empty()) places.push_back({std::string(alias), PlaceKind::kCountry, country});
    for (std::string_view d : Split(f[2], ','))
      if (!d.empty()) places.push_back({std::string(d), PlaceKind::kDemonym, country});
    for (std::string_view c : Split(f[3], ','))
      if (!c.empty()) places.push_back({std::string(c), PlaceKind::kCapital, std::string(Split(f[3], ',')[0])});
  }
  for (std::string_view line : Split(kRegions, '\n')) {
    for (std::string_view r : Split(line, '|'))
      if (!r.empty()) places.push_back({std::string(r), PlaceKind::kRegion, std::string(r)});
  }
  return places;
}

// Lowercase without accents, so that a name matches however a text spells its
// letters: "São Paulo", "Sao Paulo" and "SAO PAULO" fold to one key.
std::string FoldName(std::string_view name) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                          static_cast<utf8proc_ssize_t>(name.size()), &folded, options);
  if (n < 0) return AsciiLowered(name);  // not UTF-8: ASCII lowering is all we can do
  std::string out(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  free(folded);
  return out;
}

// A name worth a key: a plain place name, not a list entry with a qualifier
// ("Bruxelles-Capitale, Région de") or several spellings in one ("Bern/Berne").
bool PlainName(std::string_view name) {
  return !name.empty() && name.find_first_of(",()/[]") == std::string_view::npos;
}

// Reads iso-codes' ISO 3166-2 list (every country's subdivisions) and tzdata's
// zone1970.tab (one city per time zone, "Europe/London" -> "London"). Absent
// files leave the list without their names.
std::vector<Place> ReadWiderPlaces() {
  std::vector<Place> places;
  std::ifstream subdivisions("/usr/share/iso-codes/json/iso_3166-2.json");
  if (subdivisions) {
    nlohmann::json doc = nlohmann::json::parse(subdivisions, nullptr, /*allow_exceptions=*/false);
    if (doc.is_object() && doc.contains("3166-2") && doc["3166-2"].is_array()) {
      for (const nlohmann::json& entry : doc["3166-2"]) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) continue;
        std::string name = entry["name"].get<std::string>();
        if (PlainName(name)) places.push_back({name, PlaceKind::kSubdivision, name});
      }
    }
  }
  std::ifstream zones("/usr/share/zoneinfo/zone1970.tab");
  for (std::string line; std::getline(zones, line);) {
    if (line.empty() || line[0] == '#') continue;
    // Fields: country codes, coordinates, zone name ("America/Port_of_Spain").
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 3) continue;
    std::string_view zone = f[2];
    size_t slash = zone.rfind('/');
    if (slash == std::string_view::npos) continue;
    std::string city(zone.substr(slash + 1));
    for (char& c : city)
      if (c == '_') c = ' ';
    if (PlainName(city)) places.push_back({city, PlaceKind::kCity, city});
  }
  return places;
}

struct WiderIndex {
  std::vector<Place> places;
  std::unordered_map<std::string, const Place*> map;  // folded name -> first entry of it
};

const WiderIndex& Wider() {
  static const WiderIndex* kIndex = [] {
    auto* index = new WiderIndex();
    index->places = ReadWiderPlaces();
    for (const Place& p : index->places) index->map.emplace(FoldName(p.name), &p);
    return index;
  }();
  return *kIndex;
}

}  // namespace

const Place* FindWiderPlace(std::string_view name) {
  auto it = Wider().map.find(FoldName(name));
  return it == Wider().map.end() ? nullptr : it->second;
}

size_t WiderPlaceCount() { return Wider().map.size(); }

const std::vector<Place>& AllPlaces() {
  static const std::vector<Place> kPlaces = BuildPlaces();
  return kPlaces;
}

const Place* FindPlace(std::string_view lower) {
  // Keys are views into the names' lowercase copies, kept alive with the index.
  struct Index {
    std::vector<std::string> keys;
    std::unordered_map<std::string_view, const Place*> map;
  };
  static const Index* kIndex = [] {
    auto* index = new Index();
    index->keys.reserve(AllPlaces().size());
    for (const Place& p : AllPlaces()) {
      index->keys.push_back(AsciiLowered(p.name));
      index->map.emplace(index->keys.back(), &p);  // the first entry of a name wins
    }
    return index;
  }();
  auto it = kIndex->map.find(lower);
  return it == kIndex->map.end() ? nullptr : it->second;
}

bool IsGroupAdjective(std::string_view lower) {
  static const std::unordered_set<std::string_view> kWords = [] {
    std::unordered_set<std::string_view> words;
    for (std::string_view w : Split(kGroupAdjectives, ' '))
      if (!w.empty()) words.insert(w);
    return words;
  }();
  return kWords.count(lower) > 0;
}

}  // namespace crosscheck::text
