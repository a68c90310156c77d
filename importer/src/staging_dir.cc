#include "staging_dir.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace beladdr::importer {
namespace fs = std::filesystem;
namespace {

std::string Errno(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

void SyncPath(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// fsync every file below `dir`, then the directory itself.
void SyncTree(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
  SyncPath(dir);
}

}  // namespace

StatusOr<StagingDir> StagingDir::Create(const std::string& target_in) {
  if (target_in.empty()) return Status::InvalidArgument("empty --out path");
  std::string target = target_in;
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  std::error_code ec;
  const fs::path target_path(target);
  const fs::path parent =
      target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) {
    return Status::IOError("cannot create " + parent.string() + ": " +
                           ec.message());
  }

  if (fs::exists(target_path, ec)) {
    if (!fs::is_directory(target_path, ec)) {
      return Status::FailedPrecondition(target +
                                        " exists and is not a directory");
    }
    const bool is_index = fs::exists(target_path / kMarkerFile, ec);
    const bool is_empty = fs::is_empty(target_path, ec);
    if (!is_index && !is_empty) {
      return Status::FailedPrecondition(
          target + " exists and is not a beladdr index (no " + kMarkerFile +
          "); refusing to replace it — choose another --out or remove it");
    }
  }

  const std::string lock_path = target + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(Errno("cannot open " + lock_path));
  // The lock file is removed when the import ends, so the file locked here
  // must still be the one at lock_path: else another import removed it
  // between our open and our flock, and may have made a new one.
  struct stat held {
  }, named{};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::fstat(fd, &held) != 0 ||
      ::stat(lock_path.c_str(), &named) != 0 || held.st_ino != named.st_ino ||
      held.st_dev != named.st_dev) {
    ::close(fd);
    return Status::FailedPrecondition("another beladdr-import is writing " +
                                      target + " (" + lock_path +
                                      " is locked)");
  }

  // Staging directories of earlier, killed imports.
  const std::string stem = target_path.filename().string() + ".tmp-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(stem, 0) == 0) fs::remove_all(entry.path(), ec);
  }

  static std::atomic<unsigned> counter{0};
  const std::string staging = target + ".tmp-" + std::to_string(::getpid()) +
                              "-" + std::to_string(counter++);
  return StagingDir(target, staging, fd);
}

StagingDir::StagingDir(StagingDir&& other) noexcept
    : target_(std::move(other.target_)),
      staging_(std::move(other.staging_)),
      lock_fd_(other.lock_fd_),
      committed_(other.committed_) {
  other.lock_fd_ = -1;
  other.committed_ = true;  // the moved-from object owns nothing
}

StagingDir::~StagingDir() {
  if (!committed_ && !staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
  if (lock_fd_ >= 0) {
    // Unlinked while still locked, so no other import can lock it after we
    // let go (it checks that the file it locked is still the named one).
    ::unlink((target_ + ".lock").c_str());
    ::close(lock_fd_);  // releases the flock
  }
}

Status StagingDir::Commit(const std::string& marker_text) {
  {
    std::ofstream marker(staging_ + "/" + kMarkerFile, std::ios::trunc);
    marker << marker_text;
    if (!marker) {
      return Status::IOError("cannot write " + staging_ + "/" + kMarkerFile);
    }
  }
  SyncTree(staging_);

  std::error_code ec;
  const std::string parent = fs::path(target_).has_parent_path()
                                 ? fs::path(target_).parent_path().string()
                                 : ".";
  if (!fs::exists(target_, ec)) {
    if (::rename(staging_.c_str(), target_.c_str()) != 0) {
      return Status::IOError(Errno("rename " + staging_ + " -> " + target_));
    }
  } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(),
                         RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
      return Status::IOError(Errno("exchange " + staging_ + " <-> " + target_));
    }
    // No atomic exchange here: move the old index aside first.
    const std::string aside = staging_ + "-old";
    if (::rename(target_.c_str(), aside.c_str()) != 0) {
      return Status::IOError(Errno("rename " + target_ + " -> " + aside));
    }
    if (::rename(staging_.c_str(), target_.c_str()) != 0) {
      const int saved = errno;
      ::rename(aside.c_str(), target_.c_str());
      errno = saved;
      return Status::IOError(Errno("rename " + staging_ + " -> " + target_));
    }
    fs::remove_all(aside, ec);
  }
  committed_ = true;
  SyncPath(parent);
  // After an exchange the staging path holds the previous index.
  fs::remove_all(staging_, ec);
  return Status::OK();
}

}  // namespace beladdr::importer
