#include "batch.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "beladdr/api.h"
#include "csv_line.h"

namespace beladdr::cli {
namespace {

constexpr char kSearchColumns[] =
    "query (or q), street, houseNumber, boxNumber, postCode, municipality, "
    "language, limit";
constexpr char kResolveColumns[] =
    "street, houseNumber, boxNumber, postCode, municipality, streetCode, "
    "language, limit";

struct Line {
  size_t number = 0;
  std::string text;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

// The CSV header's columns, checked against the parameter names.
StatusOr<std::vector<std::string>> ParseHeader(const Line& line,
                                               const std::string& name,
                                               BatchOperation operation) {
  const std::string where = name + ":" + std::to_string(line.number) + ": ";
  StatusOr<std::vector<std::string>> fields = SplitCsvLine(line.text);
  if (!fields.ok())
    return Status::InvalidArgument(where + fields.status().message());
  const bool resolve = operation == BatchOperation::kResolve;
  std::set<std::string, std::less<>> known = {
      "street",       "houseNumber", "boxNumber", "postCode",
      "municipality", "language",    "limit"};
  known.insert(resolve ? "streetCode" : "query");
  if (!resolve) known.insert("q");
  std::set<std::string> seen;
  std::vector<std::string> columns;
  for (const std::string& f : *fields) {
    const std::string column(Trim(f));
    if (known.count(column) == 0) {
      return Status::InvalidArgument(
          where + "unknown column '" + column +
          "' in the CSV header; known columns: " +
          (resolve ? kResolveColumns : kSearchColumns) +
          " (or give JSON Lines)");
    }
    if (!seen.insert(column == "q" ? "query" : column).second) {
      return Status::InvalidArgument(where + "column '" + column +
                                     "' appears twice");
    }
    columns.push_back(column);
  }
  return columns;
}

class Batch {
 public:
  Batch(const Searcher& searcher, const BatchOptions& options)
      : searcher_(searcher), options_(options) {}

  // Decides the format from the first non-blank line; for CSV it is the
  // header.
  Status Start(const Line& first, bool* consumed) {
    std::string_view text = Trim(first.text);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // BOM
    if (text.starts_with("{")) {
      *consumed = false;
      return Status::OK();
    }
    Line header{first.number, std::string(text)};
    StatusOr<std::vector<std::string>> columns =
        ParseHeader(header, options_.input_name, options_.operation);
    if (!columns.ok()) return columns.status();
    columns_ = std::move(*columns);
    *consumed = true;
    return Status::OK();
  }

  // The answer line for one request line: the HTTP API's answer with the
  // input's "line" first, or {"line", "error": problem}; *error says why
  // it failed.
  std::string Answer(const Line& line, std::string* error) const {
    Status failure;
    if (IsBlank(line.text)) {
      failure = Status::InvalidArgument("blank line: no request");
    } else if (options_.operation == BatchOperation::kResolve) {
      StatusOr<ResolveResponse> response = Resolve(line);
      if (response.ok()) {
        return WithLine(line, api::EncodeResolveResponse(*response));
      }
      failure = response.status();
    } else {
      StatusOr<SearchResponse> response = Search(line);
      if (response.ok()) {
        return WithLine(line, api::EncodeSearchResponse(*response));
      }
      failure = response.status();
    }
    const bool bad_input = failure.IsInvalidArgument();
    *error = options_.input_name + ":" + std::to_string(line.number) + ": " +
             failure.message();
    return "{\"line\":" + std::to_string(line.number) + ",\"error\":" +
           api::EncodeProblem(
               bad_input ? 400 : 500,
               bad_input ? "invalid-request" : "internal-error",
               bad_input ? "Bad Request" : "Internal Server Error", *error,
               "") +
           "}";
  }

 private:
  // `answer` (a JSON object) with "line" as its first member.
  static std::string WithLine(const Line& line, const std::string& answer) {
    return "{\"line\":" + std::to_string(line.number) +
           (answer.size() > 2 ? "," : "") + answer.substr(1);
  }

  StatusOr<SearchResponse> Search(const Line& line) const {
    SearchRequest request;
    if (columns_.empty()) {
      BELADDR_ASSIGN_OR_RETURN(request, api::DecodeSearchRequest(line.text));
    } else {
      BELADDR_ASSIGN_OR_RETURN(auto params, Params(line));
      BELADDR_ASSIGN_OR_RETURN(request, api::SearchRequestFromParams(params));
    }
    return searcher_.SearchAddresses(request);
  }

  StatusOr<ResolveResponse> Resolve(const Line& line) const {
    ResolveRequest request;
    if (columns_.empty()) {
      BELADDR_ASSIGN_OR_RETURN(request, api::DecodeResolveRequest(line.text));
    } else {
      BELADDR_ASSIGN_OR_RETURN(auto params, Params(line));
      BELADDR_ASSIGN_OR_RETURN(request, api::ResolveRequestFromParams(params));
    }
    return searcher_.ResolveAddress(request);
  }

  // A CSV line as (column, value) pairs, empty values left out.
  StatusOr<std::vector<std::pair<std::string, std::string>>> Params(
      const Line& line) const {
    if (line.text.size() > api::kMaxBodyBytes) {
      return Status::InvalidArgument("the line is larger than 16 KiB");
    }
    StatusOr<std::vector<std::string>> fields = SplitCsvLine(line.text);
    if (!fields.ok()) return fields.status();
    if (fields->size() != columns_.size()) {
      return Status::InvalidArgument(
          "expected " + std::to_string(columns_.size()) +
          " fields as in the header, got " + std::to_string(fields->size()));
    }
    std::vector<std::pair<std::string, std::string>> params;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (!(*fields)[i].empty())
        params.emplace_back(columns_[i], std::move((*fields)[i]));
    }
    return params;
  }

  const Searcher& searcher_;
  const BatchOptions& options_;
  std::vector<std::string> columns_;  // empty: JSON Lines
};

}  // namespace

StatusOr<BatchSummary> RunBatch(const Searcher& searcher,
                                const BatchOptions& options, std::istream& in,
                                std::ostream& out, std::ostream& err) {
  Batch batch(searcher, options);
  BatchSummary summary;
  bool started = false;
  size_t number = 0;
  std::vector<Line> chunk;
  std::vector<std::string> answers, errors;
  const int threads = std::max(1, options.threads);

  auto flush = [&] {
    answers.assign(chunk.size(), std::string());
    errors.assign(chunk.size(), std::string());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        answers[i] = batch.Answer(chunk[i], &errors[i]);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads && static_cast<size_t>(t) < chunk.size(); ++t) {
      pool.emplace_back(work);
    }
    work();
    for (auto& t : pool) t.join();
    for (size_t i = 0; i < chunk.size(); ++i) {
      out << answers[i] << '\n';
      if (!errors[i].empty()) {
        err << errors[i] << '\n';
        ++summary.failed;
      }
    }
    summary.requests += chunk.size();
    chunk.clear();
  };

  std::string text;
  while (std::getline(in, text)) {
    ++number;
    Line line{number, std::move(text)};
    // A blank line gets an answer too (an error): one answer per line.
    if (!started && !IsBlank(line.text)) {
      started = true;
      bool consumed = false;
      BELADDR_RETURN_IF_ERROR(batch.Start(line, &consumed));
      if (consumed) continue;
    }
    chunk.push_back(std::move(line));
    if (chunk.size() >= options.chunk_lines) flush();
  }
  flush();
  out.flush();
  return summary;
}

}  // namespace beladdr::cli
