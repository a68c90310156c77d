#include "key_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

namespace beladdr::declarations::internal {
namespace {

// The last line: "#end N", N the keys above it. A file cut short (by hand,
// or a disk that lied) is an error, never a file with fewer keys.
constexpr std::string_view kEndMark = "#end ";

Status Errno(const std::string& what) {
  return Status::IOError(what + ": " + std::strerror(errno));
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// An exclusive flock held for the object's life.
class FileLock {
 public:
  explicit FileLock(const std::string& path)
      : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

}  // namespace

Status KeyFile::Refresh() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    if (errno != ENOENT) return Errno("centrals' keys " + path_);
    keys_.clear();
    inode_ = 0, mtime_ns_ = -1, size_ = -1;
    return Status::OK();
  }
  const int64_t mtime_ns =
      int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  if (st.st_ino == inode_ && mtime_ns == mtime_ns_ && st.st_size == size_) {
    return Status::OK();
  }
  std::ifstream in(path_);
  if (!in) return Errno("centrals' keys " + path_);
  std::vector<CentralKey> keys;
  std::string line;
  int line_number = 0;
  bool ended = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    int64_t count = -1;
    if (line.starts_with(kEndMark) &&
        ParseInt(std::string_view(line).substr(kEndMark.size()), &count)) {
      if (ended || count != static_cast<int64_t>(keys.size())) {
        return Status::Corruption(path_ + ":" + std::to_string(line_number) +
                                  ": the end line counts " +
                                  std::to_string(count) + " keys, not " +
                                  std::to_string(keys.size()));
      }
      ended = true;
      continue;
    }
    const std::vector<std::string_view> f = SplitTabs(line);
    CentralKey k;
    if (f.size() != 5 || !ParseInt(f[3], &k.created_at) ||
        !ParseInt(f[4], &k.revoked_at) || f[2].size() != 64) {
      return Status::Corruption(path_ + ":" + std::to_string(line_number) +
                                ": not a key line (id, central, sha256, "
                                "created, revoked)");
    }
    k.id = f[0], k.central = f[1], k.sha256_hex = f[2];
    keys.push_back(std::move(k));
  }
  if (!ended || in.bad()) {
    return Status::Corruption(path_ + ":" + std::to_string(line_number) +
                              ": cut short (no end line after the keys)");
  }
  keys_ = std::move(keys);
  inode_ = st.st_ino, mtime_ns_ = mtime_ns, size_ = st.st_size;
  return Status::OK();
}

Status KeyFile::Rewrite(const std::vector<CentralKey>& keys) {
  std::ostringstream text;
  for (const CentralKey& k : keys) {
    text << k.id << '\t' << k.central << '\t' << k.sha256_hex << '\t'
         << k.created_at << '\t' << k.revoked_at << '\n';
  }
  text << kEndMark << keys.size() << '\n';
  const std::string body = text.str();
  const std::string temp = path_ + ".new";
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("writing " + temp);
  const bool written = ::write(fd, body.data(), body.size()) ==
                           static_cast<ssize_t>(body.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Errno("writing " + temp);
  if (::rename(temp.c_str(), path_.c_str()) != 0) {
    return Errno("renaming " + temp);
  }
  // The rename itself is durable once the directory is synced.
  const std::string dir = path_.substr(0, path_.rfind('/') + 1);
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::OK();
}

Status KeyFile::Update(
    const std::function<Status(std::vector<CentralKey>*)>& fn) {
  FileLock lock(path_ + ".lock");
  if (!lock.ok()) return Errno("locking " + path_ + ".lock");
  std::lock_guard<std::mutex> guard(mu_);
  BELADDR_RETURN_IF_ERROR(Refresh());
  std::vector<CentralKey> keys = keys_;
  BELADDR_RETURN_IF_ERROR(fn(&keys));
  BELADDR_RETURN_IF_ERROR(Rewrite(keys));
  return Refresh();
}

Status KeyFile::Add(const CentralKey& key) {
  return Update([&](std::vector<CentralKey>* keys) {
    for (const CentralKey& k : *keys) {
      if (k.id == key.id) {
        return Status::FailedPrecondition("a key with id " + key.id +
                                          " exists");
      }
    }
    keys->push_back(key);
    return Status::OK();
  });
}

StatusOr<std::vector<CentralKey>> KeyFile::List() {
  std::lock_guard<std::mutex> guard(mu_);
  BELADDR_RETURN_IF_ERROR(Refresh());
  return keys_;
}

Status KeyFile::Revoke(std::string_view id, Micros at) {
  return Update([&](std::vector<CentralKey>* keys) {
    for (CentralKey& k : *keys) {
      if (k.id != id) continue;
      if (k.revoked_at == 0) k.revoked_at = at;
      return Status::OK();
    }
    return Status::NotFound("no key has id " + std::string(id));
  });
}

StatusOr<std::string> KeyFile::CentralOf(std::string_view sha256_hex) {
  std::lock_guard<std::mutex> guard(mu_);
  BELADDR_RETURN_IF_ERROR(Refresh());
  const CentralKey* found = nullptr;
  // Every key is compared, in constant time each.
  for (const CentralKey& k : keys_) {
    if (k.sha256_hex.size() == sha256_hex.size() &&
        CRYPTO_memcmp(k.sha256_hex.data(), sha256_hex.data(),
                      sha256_hex.size()) == 0) {
      found = &k;
    }
  }
  if (found == nullptr || found->revoked_at != 0) {
    return Status::NotFound("unknown or revoked key");
  }
  return found->central;
}

}  // namespace beladdr::declarations::internal
