// Calendar arithmetic on proleptic Gregorian dates: days since 1970-01-01,
// weekdays, ISO weeks. Plain values, no time zones.
#ifndef CROSSCHECK_ANALYZE_CIVIL_DATE_H_
#define CROSSCHECK_ANALYZE_CIVIL_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace crosscheck::analyze {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before).
  long DayNumber() const;
  static CivilDate FromDayNumber(long days);
  // 0 = Monday ... 6 = Sunday.
  int Weekday() const;
  CivilDate AddDays(long days) const { return FromDayNumber(DayNumber() + days); }
  std::string Iso() const;       // "2022-02-23"
  std::string IsoWeek() const;   // "2022-W08"

  // "2022-02-23" (extra text after the date is ignored); nullopt when invalid.
  static std::optional<CivilDate> Parse(std::string_view iso);
  static bool Valid(int year, int month, int day);

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate& a, const CivilDate& b) { return a.DayNumber() <=> b.DayNumber(); }
};

}  // namespace crosscheck::analyze

#endif  // CROSSCHECK_ANALYZE_CIVIL_DATE_H_
