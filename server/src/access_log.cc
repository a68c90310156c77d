#include "access_log.h"

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

namespace beladdr::server {
namespace {

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      now.time_since_epoch())
                      .count() %
                  1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof(buf) - n, ".%03dZ", static_cast<int>(ms));
  return buf;
}

}  // namespace

void AccessLog::Write(std::string_view correlation_id, std::string_view method,
                      std::string_view route, int status, long long micros) {
  if (out_ == nullptr) return;
  boost::json::object o;
  o["time"] = NowIso();
  o["correlationId"] = correlation_id;
  o["method"] = method;
  o["route"] = route;
  o["status"] = status;
  o["micros"] = micros;
  std::string line = boost::json::serialize(o);
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace beladdr::server
