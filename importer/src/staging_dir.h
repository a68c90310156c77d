// Builds a directory next to its final place and swaps it in atomically,
// so that a reader (or a crash) sees either the old index or the new one,
// never a half-written one.
//
//   <target>.lock           flock()ed for the whole import: one importer at
//                           a time per target; removed when it ends
//   <target>.tmp-<pid>-<n>  the staging directory
//
// Commit() exchanges staging and target in one renameat2(RENAME_EXCHANGE)
// and then deletes the old index. On file systems without RENAME_EXCHANGE
// it falls back to two renames (a brief window without <target>).
// Leftover staging directories of killed imports are removed by the next
// import of the same target.
//
// An existing target is only replaced when it is a beladdr index (it holds
// kMarkerFile) or empty, so a mistyped --out never deletes other data.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_STAGING_DIR_H_
#define BELADDR_IMPORTER_SRC_STAGING_DIR_H_

#include <string>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"

namespace beladdr::importer {

using internal::kMarkerFile;  // beladdr/index/index_format.h

class StagingDir {
 public:
  // Takes the lock, removes stale staging siblings, and picks a fresh
  // staging path (not yet created). FailedPrecondition when another
  // import holds the lock, or when `target` exists and is not an index.
  static StatusOr<StagingDir> Create(const std::string& target);

  StagingDir(StagingDir&& other) noexcept;
  StagingDir& operator=(StagingDir&&) = delete;
  StagingDir(const StagingDir&) = delete;
  ~StagingDir();  // removes the staging directory unless committed

  const std::string& path() const { return staging_; }

  // Writes the marker, syncs, swaps staging into `target` and removes the
  // previous index.
  Status Commit(const std::string& marker_text);

 private:
  StagingDir(std::string target, std::string staging, int lock_fd)
      : target_(std::move(target)),
        staging_(std::move(staging)),
        lock_fd_(lock_fd) {}

  std::string target_;
  std::string staging_;
  int lock_fd_ = -1;
  bool committed_ = false;
};

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_STAGING_DIR_H_
