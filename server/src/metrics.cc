#include "metrics.h"

#include <prometheus/text_serializer.h>

#include <ctime>

namespace beladdr::server {
namespace {

const prometheus::Histogram::BucketBoundaries& Buckets() {
  static const auto* const buckets =
      new prometheus::Histogram::BucketBoundaries{
          0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
          0.01,    0.025,  0.05,    0.1,    0.5,   1};
  return *buckets;
}

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("beladdr_http_requests_total")
                   .Help("HTTP requests answered, by route and status")
                   .Register(*registry_);
  durations_ =
      &prometheus::BuildHistogram()
           .Name("beladdr_http_request_duration_seconds")
           .Help("Time from a parsed request to its response, by route")
           .Register(*registry_);
  open_connections_ = &prometheus::BuildGauge()
                           .Name("beladdr_open_connections")
                           .Help("Client connections open now")
                           .Register(*registry_)
                           .Add({});
  rejected_connections_ =
      &prometheus::BuildCounter()
           .Name("beladdr_rejected_connections_total")
           .Help("Connections closed at once because the cap was reached")
           .Register(*registry_)
           .Add({});
  evicted_connections_ =
      &prometheus::BuildCounter()
           .Name("beladdr_evicted_connections_total")
           .Help("Idle connections closed to admit a new one at the cap")
           .Register(*registry_)
           .Add({});
  index_ =
      &prometheus::BuildGauge()
           .Name("beladdr_index")
           .Help("Facts about the index served (value; labels for text facts)")
           .Register(*registry_);
  empty_searches_ = &prometheus::BuildCounter()
                         .Name("beladdr_searches_without_result_total")
                         .Help("Searches answered with no result, by route")
                         .Register(*registry_);
  resolve_outcomes_ = &prometheus::BuildCounter()
                           .Name("beladdr_resolve_outcomes_total")
                           .Help("ResolveAddress answers, by status")
                           .Register(*registry_);
  index_built_ = &prometheus::BuildGauge()
                      .Name("beladdr_index_built_timestamp_seconds")
                      .Help("When the index served was built (Unix time)")
                      .Register(*registry_)
                      .Add({});
  prometheus::BuildGauge()
      .Name("beladdr_build_info")
      .Help("The beladdr build serving (labels; value 1)")
      .Register(*registry_)
      .Add({{"version", BELADDR_VERSION}, {"compiler", __VERSION__}})
      .Set(1);
}

std::optional<double> EpochSeconds(std::string_view iso_utc) {
  std::tm tm{};
  const std::string text(iso_utc);
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<double>(timegm(&tm));
}

void Metrics::RecordEmptySearch(std::string_view route) {
  empty_searches_->Add({{"route", std::string(route)}}).Increment();
}

void Metrics::RecordResolve(std::string_view status) {
  resolve_outcomes_->Add({{"status", std::string(status)}}).Increment();
}

void Metrics::SetIndex(const IndexInfo& info) {
  index_->Add({{"fact", "streets"}}).Set(static_cast<double>(info.streets));
  index_->Add({{"fact", "municipalities"}})
      .Set(static_cast<double>(info.municipalities));
  index_->Add({{"fact", "format_version"}}).Set(info.format_version);
  index_->Add({{"fact", "size_on_disk_bytes"}})
      .Set(static_cast<double>(info.size_on_disk));
  index_
      ->Add({{"fact", "info"},
             {"index_id", info.id},
             {"built_at", info.built_at},
             {"data_vintage", info.data_vintage}})
      .Set(1);
  if (const std::optional<double> t = EpochSeconds(info.built_at)) {
    index_built_->Set(*t);
  }
}

void Metrics::RecordRequest(std::string_view route, int status,
                            double seconds) {
  requests_
      ->Add({{"route", std::string(route)}, {"status", std::to_string(status)}})
      .Increment();
  durations_->Add({{"route", std::string(route)}}, Buckets()).Observe(seconds);
}

void Metrics::ConnectionOpened() { open_connections_->Increment(); }
void Metrics::ConnectionClosed() { open_connections_->Decrement(); }
void Metrics::ConnectionRejected() { rejected_connections_->Increment(); }
void Metrics::ConnectionEvicted() { evicted_connections_->Increment(); }

std::string Metrics::Render() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace beladdr::server
