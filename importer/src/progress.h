// A one-line progress display for terminals ("\r" redraws, at most 10 per
// second); silent when disabled.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_PROGRESS_H_
#define BELADDR_IMPORTER_SRC_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace beladdr::importer {

class Progress {
 public:
  Progress(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}

  // Shows "<label>: <done>[/<total>] <unit>"; rate-limited.
  void Update(const std::string& label, uint64_t done, uint64_t total,
              const char* unit);
  // Ends the current line with a final text.
  void Done(const std::string& text);

 private:
  std::ostream& out_;
  bool enabled_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_PROGRESS_H_
