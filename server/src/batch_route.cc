// POST /batch/SearchAddresses and /batch/ResolveAddress: the CLI's batch
// (beladdr::batch) over HTTP, its answers streamed as they are found.

#include <algorithm>
#include <sstream>
#include <utility>

#include "batch.h"
#include "beladdr/ascii.h"
#include "handler.h"

namespace beladdr::server {
namespace {

// A batch's answers, kBatchChunkLines at a time; the first piece is read
// by Start(), before the header goes out.
class BatchStream : public BodyStream {
 public:
  BatchStream(const Searcher& searcher, cli::BatchOptions options,
              std::string body)
      : options_(std::move(options)),
        in_(std::move(body)),
        run_(searcher, options_, in_) {}

  Status Start() {
    StatusOr<bool> more = run_.Next(&pending_, &errors_);
    if (!more.ok()) return more.status();
    done_ = !*more;
    return Status::OK();
  }

  StatusOr<bool> Next(std::string* piece) override {
    if (!pending_.empty()) {
      *piece += pending_;
      pending_.clear();
      return true;
    }
    if (done_) return false;
    errors_.clear();  // each answer carries its own error
    StatusOr<bool> more = run_.Next(piece, &errors_);
    if (!more.ok()) return more.status();
    done_ = !*more;
    return *more;
  }

  void Trailer(http::fields* trailer) const override {
    trailer->set("x-batch-lines", std::to_string(run_.summary().requests));
    trailer->set("x-batch-failed", std::to_string(run_.summary().failed));
  }

 private:
  cli::BatchOptions options_;
  std::istringstream in_;
  cli::BatchRun run_;
  std::string pending_, errors_;
  bool done_ = false;
};

}  // namespace

size_t Handler::BodyLimitFor(std::string_view target) {
  return target.starts_with("/batch/") ? kMaxBatchBytes : api::kMaxBodyBytes;
}

Response Handler::Batch(const Request& request, bool resolve,
                        const std::string& correlation_id,
                        std::shared_ptr<BodyStream>* stream) const {
  auto problem = [&](http::status status, std::string_view slug,
                     std::string_view detail) {
    return MakeProblem(status, request.version(), request.keep_alive(), slug,
                       detail, correlation_id);
  };
  if (searcher_ == nullptr) return NoIndex(request, correlation_id);
  // CSV in, CSV out; JSON Lines in, JSON Lines out.
  const auto type_header = request[http::field::content_type];
  const std::string type = AsciiLower(TrimBlanks(
      std::string_view(type_header.data(),
                       std::min(type_header.size(), type_header.find(';')))));
  const bool csv = type == "text/csv";
  if (!csv && type != "application/x-ndjson" && type != "application/jsonl" &&
      type != "application/json-lines") {
    return problem(http::status::unsupported_media_type,
                   "unsupported-media-type",
                   "send the batch as text/csv or application/x-ndjson "
                   "(JSON Lines)");
  }
  const std::string& body = request.body();
  if (body.size() > kMaxBatchBytes) {
    return problem(http::status::payload_too_large, "body-too-large",
                   "a batch is at most 4 MiB");
  }
  if (static_cast<size_t>(std::count(body.begin(), body.end(), '\n')) >
      kMaxBatchLines + 1) {
    return problem(http::status::payload_too_large, "too-many-lines",
                   "a batch is at most " + std::to_string(kMaxBatchLines) +
                       " request lines; split it");
  }
  cli::BatchOptions options;
  options.operation =
      resolve ? cli::BatchOperation::kResolve : cli::BatchOperation::kSearch;
  options.input_name = "body";
  options.output = csv ? cli::BatchOutput::kCsv : cli::BatchOutput::kJsonLines;
  options.chunk_lines = kBatchChunkLines;
  std::vector<api::InputIssue> issues;
  const std::string_view target(request.target().data(),
                                request.target().size());
  if (auto params = QueryParams(target); params.ok()) {
    for (const auto& [key, value] : *params) {
      if (key == "columns") {
        options.columns = value;
      } else if (key == "encoding") {
        options.encoding = value;
      } else {
        issues.push_back({"query", key, value,
                          "unknown parameter '" + key +
                              "'; a batch takes 'columns' and 'encoding'"});
      }
    }
  } else {
    issues.push_back({"query", "", "", params.status().message()});
  }
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  // What would stop the run half-way is refused before the 200 goes out:
  // a line in the wrong encoding, then (in Start) a bad CSV header.
  StatusOr<std::string> utf8 = cli::DecodeInput(body, options);
  Status valid = utf8.status();
  std::shared_ptr<BatchStream> batch;
  if (valid.ok()) {
    options.encoding.clear();  // converted once, above
    batch = std::make_shared<BatchStream>(*searcher_, options,
                                          std::move(utf8).value());
    valid = batch->Start();
  }
  if (!valid.ok()) {
    return InvalidInput(request, {{"body", "", "", valid.message()}},
                        correlation_id);
  }
  Response res =
      MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                   csv ? "text/csv; charset=utf-8" : "application/x-ndjson", "",
                   correlation_id);
  res.set(http::field::trailer, "x-batch-lines, x-batch-failed");
  *stream = std::move(batch);
  return res;
}

}  // namespace beladdr::server
