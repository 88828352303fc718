#include "crosscheck/status.h"

#include "base/printable.h"

namespace crosscheck {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid input";
    case StatusCode::kUnsupportedFormat: return "unsupported format";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kDataLoss: return "data loss";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status Status::WithWhere(std::string where) const {
  Status copy = *this;
  if (copy.where_.empty()) copy.where_ = std::move(where);
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!where_.empty()) {
    out += EscapeControls(where_);
    if (offset_) {
      out += ':';
      out += std::to_string(*offset_);
    }
    out += ": ";
  }
  out += StatusCodeName(code_);
  out += ": ";
  out += EscapeControls(message_);
  return out;
}

}  // namespace crosscheck
