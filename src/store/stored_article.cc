// StoredArticle back to Article: the fields a brief reads, the rest stays in the
// store; and the lists of a stored row (store/article_row.h).
#include <nlohmann/json.hpp>

#include "crosscheck/store.h"
#include "store/article_row.h"

namespace crosscheck {

Article ToArticle(StoredArticle s, std::string fallback_id) {
  Article a;
  a.id = s.given_id.empty() ? std::move(fallback_id) : std::move(s.given_id);
  a.path = std::move(s.path);
  a.title = std::move(s.title);
  a.outlet = std::move(s.outlet);
  a.url = std::move(s.url);
  a.published = std::move(s.published);
  a.language = std::move(s.language);
  a.authors = std::move(s.authors);
  a.wire_credits = std::move(s.wire_credits);
  a.format = std::move(s.format);
  a.text = std::move(s.text);
  return a;
}

namespace store {

std::string JsonList(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

std::vector<std::string> ListFromJson(const std::string& s) {
  nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

}  // namespace store

}  // namespace crosscheck
