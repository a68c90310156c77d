#include "batch.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "beladdr/api.h"
#include "beladdr/ascii.h"
#include "beladdr/utf8.h"
#include "csv_input.h"
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

// The request fields of an operation (CSV column names).
std::vector<std::string> FieldsOf(BatchOperation operation) {
  std::vector<std::string> fields = {"street",   "houseNumber",  "boxNumber",
                                     "postCode", "municipality", "language",
                                     "limit"};
  fields.push_back(operation == BatchOperation::kResolve ? "streetCode"
                                                         : "query");
  return fields;
}

// The columns --output csv adds after the input's.
// (in this order; Column names their places in a row)
constexpr const char* kResultColumns[] = {
    "line",     "status",          "streetCode",       "streetName",
    "postCode", "municipalityNis", "municipalityName", "score",
    "language", "houseNumber",     "boxNumber",        "error"};
enum Column : size_t {
  kLine,
  kStatus,
  kStreetCode,
  kStreetName,
  kPostCode,
  kMunicipalityNis,
  kMunicipalityName,
  kScore,
  kLanguage,
  kHouseNumber,
  kBoxNumber,
  kError,
};

class Batch {
 public:
  Batch(const Searcher& searcher, const BatchOptions& options)
      : searcher_(searcher), options_(options) {}

  // Decides the format from the first non-blank line; for CSV it is the
  // header, whose separator and request columns it reads.
  Status Start(const Line& first, bool* consumed) {
    std::string_view text = Trim(first.text);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // BOM
    if (text.starts_with("{")) {
      *consumed = false;
      return Status::OK();
    }
    const std::string where =
        options_.input_name + ":" + std::to_string(first.number) + ": ";
    separator_ = DetectSeparator(text);
    StatusOr<std::vector<std::string>> header = SplitCsvLine(text, separator_);
    if (!header.ok()) {
      return Status::InvalidArgument(where + header.status().message());
    }
    StatusOr<CsvLayout> layout = CsvLayout::Parse(
        *header, options_.columns, FieldsOf(options_.operation),
        options_.operation == BatchOperation::kSearch);
    if (!layout.ok()) {
      return Status::InvalidArgument(where + layout.status().message());
    }
    layout_ = std::move(*layout);
    csv_ = true;
    *consumed = true;
    return Status::OK();
  }

  // The first line of --output csv.
  std::string CsvHeader() const {
    std::string line;
    auto add = [&](std::string_view v) {
      if (!line.empty()) line.push_back(separator_);
      line += CsvField(v, separator_);
    };
    const std::vector<std::string> none;
    const std::vector<std::string>& input = csv_ ? layout_.header() : none;
    for (const std::string& h : input) add(h);
    // A result column named like an input column gets a "result_" prefix.
    for (const char* c : kResultColumns) {
      const bool clash =
          std::find(input.begin(), input.end(), c) != input.end();
      add(clash ? "result_" + std::string(c) : std::string(c));
    }
    return line;
  }

  // The answer line for one input line (JSON or CSV, see BatchOptions);
  // *error says why it failed.
  std::string Answer(const Line& line, std::string* error) const {
    Outcome o;
    StatusOr<std::vector<std::string>> row = Row(line);
    if (row.ok()) o.row = std::move(*row);
    Status failure = row.status();
    if (failure.ok() && IsBlank(line.text)) {
      failure = Status::InvalidArgument("blank line: no request");
    }
    if (failure.ok() && options_.operation == BatchOperation::kResolve) {
      StatusOr<ResolveResponse> r = Resolve(line, o.row);
      if (r.ok()) o.resolve = std::move(*r);
      failure = r.status();
    } else if (failure.ok()) {
      StatusOr<SearchResponse> r = Search(line, o.row);
      if (r.ok()) o.search = std::move(*r);
      failure = r.status();
    }
    if (!failure.ok()) {
      *error = options_.input_name + ":" + std::to_string(line.number) + ": " +
               failure.message();
      o.failure = failure;
      o.error = *error;
    }
    return options_.output == BatchOutput::kCsv ? CsvAnswer(line, o)
                                                : JsonAnswer(line, o);
  }

 private:
  struct Outcome {
    std::vector<std::string> row;  // the CSV fields, when parsed
    std::optional<SearchResponse> search;
    std::optional<ResolveResponse> resolve;
    Status failure;
    std::string error;  // "NAME:LINE: reason"
  };

  // The API's answer with "line" (and the passed-through columns) first,
  // or {"line", "error": problem}.
  std::string JsonAnswer(const Line& line, const Outcome& o) const {
    std::string head = "{\"line\":" + std::to_string(line.number);
    if (csv_ && !o.row.empty()) {
      const auto extra = layout_.PassThrough(o.row);
      if (!extra.empty()) {
        boost::json::object input;
        for (const auto& [k, v] : extra) input[k] = v;
        head += ",\"input\":" + boost::json::serialize(input);
      }
    }
    if (!o.failure.ok()) {
      const bool bad_input = o.failure.IsInvalidArgument();
      return head + ",\"error\":" +
             api::EncodeProblem(
                 bad_input ? 400 : 500,
                 bad_input ? "invalid-request" : "internal-error",
                 bad_input ? "Bad Request" : "Internal Server Error", o.error,
                 "") +
             "}";
    }
    const std::string answer = o.search
                                   ? api::EncodeSearchResponse(*o.search)
                                   : api::EncodeResolveResponse(*o.resolve);
    return head + (answer.size() > 2 ? "," : "") + answer.substr(1);
  }

  // The input's fields, then kResultColumns for the top result.
  std::string CsvAnswer(const Line& line, const Outcome& o) const {
    std::vector<std::string> cells;
    if (csv_) {
      cells = o.row;
      cells.resize(layout_.header().size());
    }
    std::vector<std::string> result(std::size(kResultColumns));
    result[kLine] = std::to_string(line.number);
    const SearchResult* top = nullptr;
    std::optional<Language> language;
    if (!o.failure.ok()) {
      result[kStatus] = "error";
      result[kError] = o.error;
    } else if (o.search) {
      result[kStatus] = o.search->results.empty() ? "notFound" : "found";
      if (!o.search->results.empty()) top = &o.search->results.front();
      language = o.search->detected_language;
    } else {
      result[kStatus] = std::string(ResolveStatusName(o.resolve->status));
      if (o.resolve->address) top = &o.resolve->address->street;
      if (!o.resolve->address && !o.resolve->candidates.empty()) {
        top = &o.resolve->candidates.front().street;
      }
      language = o.resolve->detected_language;
    }
    if (top != nullptr) {
      result[kStreetCode] = top->street_code;
      result[kStreetName] = top->street_name;
      result[kPostCode] =
          top->kind == ResultKind::kStreet
              ? top->post_code
              : (top->post_codes.empty() ? "" : top->post_codes[0]);
      result[kMunicipalityNis] = top->municipality.nis_code;
      result[kMunicipalityName] = top->municipality.name;
      char score[16];
      std::snprintf(score, sizeof(score), "%.4f", top->score);
      result[kScore] = score;
      result[kHouseNumber] = top->house_number;
      result[kBoxNumber] = top->box_number;
    }
    if (language) result[kLanguage] = std::string(LanguageCode(*language));
    cells.insert(cells.end(), result.begin(), result.end());
    std::string out;
    for (size_t k = 0; k < cells.size(); ++k) {
      if (k > 0) out.push_back(separator_);
      out += CsvField(cells[k], separator_);
    }
    return out;
  }

  // A CSV line's fields (empty for JSON Lines and for a blank line).
  StatusOr<std::vector<std::string>> Row(const Line& line) const {
    if (!csv_ || IsBlank(line.text)) return std::vector<std::string>();
    if (line.text.size() > api::kMaxBodyBytes) {
      return Status::InvalidArgument("the line is larger than 16 KiB");
    }
    StatusOr<std::vector<std::string>> fields =
        SplitCsvLine(line.text, separator_);
    if (!fields.ok()) return fields.status();
    if (fields->size() != layout_.header().size()) {
      return Status::InvalidArgument(
          "expected " + std::to_string(layout_.header().size()) +
          " fields as in the header, got " + std::to_string(fields->size()));
    }
    return fields;
  }

  StatusOr<SearchResponse> Search(const Line& line,
                                  const std::vector<std::string>& row) const {
    SearchRequest request;
    if (!csv_) {
      BELADDR_ASSIGN_OR_RETURN(request, api::DecodeSearchRequest(line.text));
    } else {
      BELADDR_ASSIGN_OR_RETURN(
          request, api::SearchRequestFromParams(layout_.Params(row)));
    }
    return searcher_.SearchAddresses(request);
  }

  StatusOr<ResolveResponse> Resolve(const Line& line,
                                    const std::vector<std::string>& row) const {
    ResolveRequest request;
    if (!csv_) {
      BELADDR_ASSIGN_OR_RETURN(request, api::DecodeResolveRequest(line.text));
    } else {
      BELADDR_ASSIGN_OR_RETURN(
          request, api::ResolveRequestFromParams(layout_.Params(row)));
    }
    return searcher_.ResolveAddress(request);
  }

  const Searcher& searcher_;
  const BatchOptions& options_;
  bool csv_ = false;  // else JSON Lines
  char separator_ = ',';
  CsvLayout layout_;
};

// True when lines are converted from options.encoding; false when they are
// checked as UTF-8.
bool Converts(const BatchOptions& options) {
  const std::string e = AsciiLower(options.encoding);
  return !e.empty() && e != "utf-8" && e != "utf8";
}

Status CheckKnownEncoding(const BatchOptions& options) {
  if (!options.encoding.empty() && !KnownEncoding(options.encoding)) {
    return Status::InvalidArgument("unknown encoding '" + options.encoding +
                                   "'; give utf-8, windows-1252 or latin1");
  }
  return Status::OK();
}

// Line `number` of the input as UTF-8, or why the run stops there.
Status DecodeLine(const BatchOptions& options, size_t number,
                  std::string* text) {
  if (Converts(options)) {
    StatusOr<std::string> utf8 = ToUtf8(*text, options.encoding);
    if (!utf8.ok()) {
      return Status::InvalidArgument(options.input_name + ":" +
                                     std::to_string(number) + ": " +
                                     utf8.status().message());
    }
    *text = std::move(*utf8);
    return Status::OK();
  }
  if (IsValidUtf8(*text)) return Status::OK();
  // Never half-works: the run stops here, with what to do.
  return Status::InvalidArgument(
      options.input_name + ":" + std::to_string(number) +
      ": not valid UTF-8 (a Latin-1 or Windows-1252 export, as Excel "
      "writes? run again with --encoding windows-1252); stopped here, "
      "the answers written are those of the lines before");
}

}  // namespace

class BatchRun::Impl {
 public:
  Impl(const Searcher& searcher, const BatchOptions& options, std::istream& in)
      : batch_(searcher, options), options_(options), in_(in) {}

  StatusOr<bool> Next(std::string* out, std::string* err) {
    if (done_) return false;
    if (number_ == 0) BELADDR_RETURN_IF_ERROR(CheckKnownEncoding(options_));
    std::vector<Line> chunk;
    std::string text;
    while (chunk.size() < std::max<size_t>(1, options_.chunk_lines) &&
           std::getline(in_, text)) {
      ++number_;
      Status decoded = DecodeLine(options_, number_, &text);
      if (!decoded.ok()) {
        done_ = true;
        Answer(chunk, out, err);
        return decoded;
      }
      Line line{number_, std::move(text)};
      // A blank line gets an answer too (an error): one answer per line.
      if (!started_ && !IsBlank(line.text)) {
        started_ = true;
        bool consumed = false;
        BELADDR_RETURN_IF_ERROR(batch_.Start(line, &consumed));
        WriteCsvHeader(out);
        if (consumed) continue;
      }
      chunk.push_back(std::move(line));
    }
    if (chunk.empty()) {
      done_ = true;
      WriteCsvHeader(out);  // an empty input still gets its header
      return !out->empty();
    }
    Answer(chunk, out, err);
    return true;
  }

  const BatchSummary& summary() const { return summary_; }

 private:
  void WriteCsvHeader(std::string* out) {
    if (options_.output != BatchOutput::kCsv || header_written_) return;
    header_written_ = true;
    *out += batch_.CsvHeader();
    *out += '\n';
  }

  // Answers `chunk` on options.threads workers, in input order.
  void Answer(const std::vector<Line>& chunk, std::string* out,
              std::string* err) {
    std::vector<std::string> answers(chunk.size()), errors(chunk.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        answers[i] = batch_.Answer(chunk[i], &errors[i]);
      }
    };
    std::vector<std::thread> pool;
    const int threads = std::max(1, options_.threads);
    for (int t = 1; t < threads && static_cast<size_t>(t) < chunk.size(); ++t) {
      pool.emplace_back(work);
    }
    work();
    for (auto& t : pool) t.join();
    for (size_t i = 0; i < chunk.size(); ++i) {
      *out += answers[i];
      *out += '\n';
      if (!errors[i].empty()) {
        *err += errors[i];
        *err += '\n';
        ++summary_.failed;
      }
    }
    summary_.requests += chunk.size();
  }

  Batch batch_;
  const BatchOptions& options_;
  std::istream& in_;
  BatchSummary summary_;
  size_t number_ = 0;  // lines read
  bool started_ = false;
  bool header_written_ = false;
  bool done_ = false;
};

BatchRun::BatchRun(const Searcher& searcher, const BatchOptions& options,
                   std::istream& in)
    : impl_(std::make_unique<Impl>(searcher, options, in)) {}

BatchRun::~BatchRun() = default;

StatusOr<bool> BatchRun::Next(std::string* out, std::string* err) {
  return impl_->Next(out, err);
}

const BatchSummary& BatchRun::summary() const { return impl_->summary(); }

StatusOr<BatchSummary> RunBatch(const Searcher& searcher,
                                const BatchOptions& options, std::istream& in,
                                std::ostream& out, std::ostream& err) {
  BatchRun run(searcher, options, in);
  std::string answers, errors;
  while (true) {
    StatusOr<bool> more = run.Next(&answers, &errors);
    out << answers;
    err << errors;
    out.flush();
    answers.clear();
    errors.clear();
    if (!more.ok()) return more.status();
    if (!*more) return run.summary();
  }
}

StatusOr<std::string> DecodeInput(std::string_view text,
                                  const BatchOptions& options) {
  BELADDR_RETURN_IF_ERROR(CheckKnownEncoding(options));
  std::string out;
  out.reserve(text.size());
  size_t number = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const bool newline = end < text.size();
    std::string line(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    BELADDR_RETURN_IF_ERROR(DecodeLine(options, ++number, &line));
    out += line;
    if (newline) out.push_back('\n');
  }
  return out;
}

}  // namespace beladdr::cli
