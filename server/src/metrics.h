// Prometheus metrics of the server (prometheus-cpp core), rendered in the
// text exposition format for GET /metrics:
//   beladdr_http_requests_total{route,status}
//   beladdr_http_request_duration_seconds{route} (histogram)
//   beladdr_open_connections, beladdr_rejected_connections_total
//   beladdr_index_streets, beladdr_index_municipalities,
//   beladdr_index_format_version, beladdr_index_info{built_at,data_vintage}
//
// Thread safety: all methods are thread-safe.

#ifndef BELADDR_SERVER_SRC_METRICS_H_
#define BELADDR_SERVER_SRC_METRICS_H_

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
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
  void ConnectionOpened();
  void ConnectionClosed();
  void ConnectionRejected();

  // The text exposition format.
  std::string Render() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  prometheus::Gauge* open_connections_;
  prometheus::Counter* rejected_connections_;
  prometheus::Family<prometheus::Gauge>* index_;
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_METRICS_H_
