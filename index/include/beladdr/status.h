// beladdr/status.h — error reporting for the beladdr libraries.
//
// A Status says whether an operation succeeded and, if not, why. A
// StatusOr<T> carries either a value or a non-OK Status. The engine and the
// importer never throw across their API; they return these instead, and only
// the server edge turns them into HTTP status codes.
//
// Thread safety: const methods may be called concurrently; a non-const
// method needs external synchronisation, as for std::string.
//
// Example:
//
//   beladdr::StatusOr<std::unique_ptr<Searcher>> s = Searcher::Open(dir);
//   if (!s.ok()) {
//     std::cerr << s.status().ToString() << "\n";
//     return 1;
//   }
//   std::unique_ptr<Searcher> searcher = std::move(s).value();

#ifndef BELADDR_STATUS_H_
#define BELADDR_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace beladdr {

class [[nodiscard]] Status {
 public:
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound = 1,
    kInvalidArgument = 2,
    kCorruption = 3,
    kIOError = 4,
    kFailedPrecondition = 5,  // e.g. an index of another format version
    kInternal = 6,
  };

  // Creates a success status.
  Status() = default;

  // Intentionally copyable.
  Status(const Status&) = default;
  Status& operator=(const Status&) = default;
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) {
    return Status(Code::kNotFound, msg);
  }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status Corruption(std::string_view msg) {
    return Status(Code::kCorruption, msg);
  }
  static Status IOError(std::string_view msg) {
    return Status(Code::kIOError, msg);
  }
  static Status FailedPrecondition(std::string_view msg) {
    return Status(Code::kFailedPrecondition, msg);
  }
  static Status Internal(std::string_view msg) {
    return Status(Code::kInternal, msg);
  }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsFailedPrecondition() const {
    return code_ == Code::kFailedPrecondition;
  }

  Code code() const { return code_; }
  // The message without the code prefix; empty for OK.
  const std::string& message() const { return message_; }

  // "OK", or "<Code name>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithContext(std::string_view prefix) const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Holds a T or an error. Accessing value() of an errored StatusOr is a
// programming error (asserted in debug builds).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // REQUIRES: !status.ok()
  StatusOr(Status status)  // NOLINT: implicit like absl::StatusOr
      : rep_(std::move(status)) {
    assert(!std::get<Status>(rep_).ok());
    if (std::get<Status>(rep_).ok()) {
      rep_ = Status::Internal("StatusOr constructed from an OK status");
    }
  }
  StatusOr(T value) : rep_(std::move(value)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(rep_); }

  // OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(rep_); }

  // REQUIRES: ok()
  const T& value() const& {
    assert(ok());
    return std::get<T>(rep_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(rep_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(rep_));
  }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> rep_;
};

}  // namespace beladdr

#define BELADDR_STATUS_CONCAT_INNER_(a, b) a##b
#define BELADDR_STATUS_CONCAT_(a, b) BELADDR_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define BELADDR_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::beladdr::Status beladdr_status_ = (expr);        \
    if (!beladdr_status_.ok()) return beladdr_status_; \
  } while (0)

// `lhs = value of rexpr` (a StatusOr), or returns its error.
#define BELADDR_ASSIGN_OR_RETURN(lhs, rexpr) \
  BELADDR_ASSIGN_OR_RETURN_IMPL_(            \
      BELADDR_STATUS_CONCAT_(beladdr_statusor_, __LINE__), lhs, rexpr)

#define BELADDR_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                   \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // BELADDR_STATUS_H_
