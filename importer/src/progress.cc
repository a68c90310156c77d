#include "progress.h"

namespace beladdr::importer {

void Progress::Update(const std::string& label, uint64_t done, uint64_t total,
                      const char* unit) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (line_open_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  out_ << "\r\033[K" << label << ": " << done;
  if (total > 0) out_ << "/" << total;
  out_ << " " << unit << std::flush;
  line_open_ = true;
}

void Progress::Done(const std::string& text) {
  if (!enabled_) return;
  out_ << "\r\033[K" << text << "\n" << std::flush;
  line_open_ = false;
}

}  // namespace beladdr::importer
