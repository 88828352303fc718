// The crosscheck.brief/1 document as a JSON value, for callers that embed it in a
// larger document (serve's /api/stories/ID) instead of writing it alone.
#ifndef CROSSCHECK_RENDER_BRIEF_JSON_H_
#define CROSSCHECK_RENDER_BRIEF_JSON_H_

#include <nlohmann/json.hpp>

#include "crosscheck/brief.h"

namespace crosscheck::render {

// What BriefToJson writes, before it is written.
nlohmann::ordered_json BriefJson(const Brief& brief);

}  // namespace crosscheck::render

#endif  // CROSSCHECK_RENDER_BRIEF_JSON_H_
