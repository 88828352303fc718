// Metadata that plain-text headers carry: publication dates written in the many
// ways news sites print them, and what a URL says about its outlet and date.
#ifndef CROSSCHECK_INGEST_METADATA_H_
#define CROSSCHECK_INGEST_METADATA_H_

#include <optional>
#include <string>
#include <string_view>

namespace crosscheck::ingest {

// The ISO date ("2022-02-23") when the whole line is a date, as a header prints it:
// "20220210", "2022-02-23", "February 23, 2022", "Feb. 23, 2022", "23 February 2022",
// "Wed 23 Feb 2022 10:03 GMT", "Published: 2022/02/23", "Updated 4:15 PM ET, Thu
// February 10, 2022". A line with other words in it is a sentence, not a date line:
// nullopt.
std::optional<std::string> ParseDateLine(std::string_view line);

// A valid calendar date as ISO 8601, or nullopt (years 1900..2100).
std::optional<std::string> IsoDate(int year, int month, int day);

// "2022-02-23" from paths like /2022/02/23/..., /2022-02-23-..., /20220223/.
std::optional<std::string> DateFromUrl(std::string_view url);

// The host of an http(s) URL, lowercased, without port: "edition.cnn.com".
std::optional<std::string> UrlHost(std::string_view url);

// The registrable domain that names the outlet: "edition.cnn.com" -> "cnn.com",
// "www.bbc.co.uk" -> "bbc.co.uk".
std::optional<std::string> OutletFromUrl(std::string_view url);

// True for an absolute http:// or https:// URL (any case) without spaces or
// control characters, in valid UTF-8. Article URLs are kept only then: a
// javascript:, data: or file: address is never passed on to a page or a Markdown
// viewer.
bool IsHttpUrl(std::string_view url);

// The address an article is known by, for telling two inputs of one article
// apart from two articles: scheme and host lowercased, a default port, the
// fragment, tracking parameters (utm_*, fbclid, gclid, mc_cid...) and a trailing
// slash left out. "HTTPS://News.Example:443/a/?utm_source=x#top" ->
// "https://news.example/a".
std::string UrlKey(std::string_view url);

// A metadata value (title, outlet, author, id) as text fit to show: C0 and C1
// control characters and whole terminal escape sequences removed (ESC, BEL and
// friends would drive the reader's terminal), bidirectional overrides removed (they
// reorder what is shown), tabs and line breaks made spaces, runs of spaces made
// one, the ends trimmed. Body text gets the same treatment in normalization.
std::string CleanMetadataValue(std::string_view value);

// True when the whole line is one URL, bare or in <angle brackets>.
bool IsUrlLine(std::string_view line);
// The URL of a URL line, brackets removed.
std::string UrlOfLine(std::string_view line);

}  // namespace crosscheck::ingest

#endif  // CROSSCHECK_INGEST_METADATA_H_
