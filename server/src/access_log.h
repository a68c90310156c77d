// One JSON line per request, e.g.
//   {"time":"2026-11-22T13:02:11.123Z","correlationId":"...","method":"POST",
//    "route":"/SearchAddresses","status":200,"micros":87}
//
// Thread safety: Write() may be called from any thread; lines never mix.

#ifndef BELADDR_SERVER_SRC_ACCESS_LOG_H_
#define BELADDR_SERVER_SRC_ACCESS_LOG_H_

#include <cstdio>
#include <mutex>
#include <string_view>

namespace beladdr::server {

class AccessLog {
 public:
  // `out` may be null: nothing is written.
  explicit AccessLog(std::FILE* out) : out_(out) {}

  void Write(std::string_view correlation_id, std::string_view method,
             std::string_view route, int status, long long micros);

 private:
  std::FILE* out_;
  std::mutex mu_;
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_ACCESS_LOG_H_
