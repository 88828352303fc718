// StoredArticle back to Article: the fields a brief reads, the rest stays in the store.
#include "crosscheck/store.h"

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

}  // namespace crosscheck
