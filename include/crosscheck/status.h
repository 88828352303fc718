// Status and Result<T>: how every crosscheck call reports failure.
//
//   crosscheck::Result<crosscheck::Article> r = extractor.Extract(bytes, "a.txt");
//   if (!r.ok()) {
//     std::cerr << r.status().ToString() << "\n";  // "a.txt: invalid input: empty file ..."
//     return;
//   }
//   const crosscheck::Article& article = r.value();
//
// Bad input is normal data: readers return a Status instead of throwing. Exceptions
// are reserved for broken invariants inside the library (bugs). A Status names what
// the caller can do about it (its code), what went wrong (message) and where (a file
// name, optionally with a byte offset).
#ifndef CROSSCHECK_STATUS_H_
#define CROSSCHECK_STATUS_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace crosscheck {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,        // the input is broken; fix or drop it
  kUnsupportedFormat,   // the input is fine but not a format we read
  kNotFound,            // a path or id does not exist or cannot be opened
  kResourceExhausted,   // a budget (size, depth, count) was exceeded
  kDataLoss,            // input was truncated or corrupt; part of it is lost
  kInternal,            // a bug in crosscheck
};

// "invalid input", "unsupported format", ...
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string where = {},
         std::optional<uint64_t> offset = std::nullopt)
      : code_(code), message_(std::move(message)), where_(std::move(where)), offset_(offset) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The file (or other input name) the problem is in; empty when not known.
  const std::string& where() const { return where_; }
  // Byte offset inside `where`, when the problem has a place.
  std::optional<uint64_t> offset() const { return offset_; }

  // Returns a copy whose `where` is set to `where` if it was empty.
  Status WithWhere(std::string where) const;

  // "path:offset: code: message" (parts left out when unknown); "ok" for success.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string where_;
  std::optional<uint64_t> offset_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(data_).ok()) {
      throw std::logic_error("Result constructed from an ok Status without a value");
    }
  }

  bool ok() const { return std::holds_alternative<T>(data_); }

  // The failure; Status::Ok() when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  // Precondition: ok(). Calling these on a failed Result is a bug and throws.
  const T& value() const& { return Checked(); }
  T& value() & { return Checked(); }
  T&& value() && { return std::move(Checked()); }
  const T& operator*() const& { return Checked(); }
  T& operator*() & { return Checked(); }
  const T* operator->() const { return &Checked(); }
  T* operator->() { return &Checked(); }

 private:
  T& Checked() const {
    if (!ok()) throw std::logic_error("Result::value() on failure: " + status().ToString());
    return const_cast<T&>(std::get<T>(data_));
  }
  std::variant<T, Status> data_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_STATUS_H_
