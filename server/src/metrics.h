// Prometheus metrics of the server (prometheus-cpp core), rendered in the
// text exposition format for GET /metrics:
//   beladdr_http_requests_total{route,status}
//   beladdr_http_request_duration_seconds{route} (histogram)
//   beladdr_open_connections, beladdr_rejected_connections_total,
//   beladdr_evicted_connections_total
//   beladdr_searches_without_result_total{route}
//   beladdr_resolve_outcomes_total{status} (unique, ambiguous, notFound)
//   beladdr_index{fact} (streets, municipalities, format_version,
//     size_on_disk_bytes, info{index_id,built_at,data_vintage})
//   beladdr_index_built_timestamp_seconds (alert on the index's age)
//   beladdr_build_info{version,compiler}
//
// Thread safety: all methods are thread-safe.

#ifndef BELADDR_SERVER_SRC_METRICS_H_
#define BELADDR_SERVER_SRC_METRICS_H_

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "beladdr/index_info.h"

namespace beladdr::server {

class Metrics {
 public:
  Metrics();

  // Facts about the index being served (call once, after opening it).
  void SetIndex(const IndexInfo& info);
  void RecordRequest(std::string_view route, int status, double seconds);
  // A search answered with no result.
  void RecordEmptySearch(std::string_view route);
  // A resolution's status ("unique", "ambiguous", "notFound").
  void RecordResolve(std::string_view status);
  void ConnectionOpened();
  void ConnectionClosed();
  void ConnectionRejected();
  // An idle connection closed to admit a new one at the cap.
  void ConnectionEvicted();

  // The text exposition format.
  std::string Render() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  prometheus::Gauge* open_connections_;
  prometheus::Counter* rejected_connections_;
  prometheus::Counter* evicted_connections_;
  prometheus::Family<prometheus::Gauge>* index_;
  prometheus::Family<prometheus::Counter>* empty_searches_;
  prometheus::Family<prometheus::Counter>* resolve_outcomes_;
  prometheus::Gauge* index_built_;
};

// Seconds since the epoch of an ISO 8601 UTC time ("2026-12-06T17:51:32Z");
// nullopt when it does not parse.
std::optional<double> EpochSeconds(std::string_view iso_utc);

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_METRICS_H_
