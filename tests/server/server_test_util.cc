#include "server_test_util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <thread>

#include "test_util.h"

extern char** environ;

namespace beladdr::testing {

namespace net = boost::asio;
using tcp = net::ip::tcp;

const Searcher& TinyPublicSearcher() {
  static const Searcher* searcher = [] {
    auto s = Searcher::Open(SharedTinyIndexDir());
    if (!s.ok()) {
      std::cerr << "tiny index: " << s.status().ToString() << "\n";
      std::abort();
    }
    return std::move(s).value().release();
  }();
  return *searcher;
}

StatusOr<SearchResponse> FailingSearcher::SearchAddresses(
    const SearchRequest&) const {
  if (throws_) throw std::runtime_error("secret internal detail /var/index");
  return Status::Corruption("secret internal detail /var/index");
}

StatusOr<ResolveResponse> FailingSearcher::ResolveAddress(
    const ResolveRequest&) const {
  if (throws_) throw std::runtime_error("secret internal detail /var/index");
  return Status::Corruption("secret internal detail /var/index");
}

StatusOr<SearchResponse> FailingSearcher::AutocompleteAddresses(
    const AutocompleteRequest&) const {
  if (throws_) throw std::runtime_error("secret internal detail /var/index");
  return Status::Corruption("secret internal detail /var/index");
}

StatusOr<SearchResponse> GatedSearcher::SearchAddresses(
    const SearchRequest& request) const {
  {
    std::unique_lock<std::mutex> lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return !held_; });
    --waiting_;
  }
  return TinyPublicSearcher().SearchAddresses(request);
}

void GatedSearcher::Hold() {
  std::lock_guard<std::mutex> lock(mu_);
  held_ = true;
}

void GatedSearcher::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  held_ = false;
  cv_.notify_all();
}

void GatedSearcher::WaitForWaiting(int n) const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return waiting_ >= n; });
}

TestClient::TestClient(uint16_t port) : socket_(ioc_) {
  socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

TestClient::~TestClient() {
  boost::beast::error_code ec;
  socket_.close(ec);
}

boost::beast::error_code TestClient::Roundtrip(HttpRequest request,
                                               HttpResponse* response) {
  boost::beast::error_code ec;
  request.prepare_payload();
  http::write(socket_, request, ec);
  if (ec) return ec;
  return Read(response);
}

void TestClient::WriteRaw(const std::string& bytes) {
  boost::beast::error_code ec;
  net::write(socket_, net::buffer(bytes), ec);
}

boost::beast::error_code TestClient::Read(HttpResponse* response) {
  boost::beast::error_code ec;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(socket_, buffer_, parser, ec);
  if (!ec) *response = parser.release();
  return ec;
}

bool TestClient::ClosedByServer(int timeout_ms) {
  pollfd fd{socket_.native_handle(), POLLIN, 0};
  if (::poll(&fd, 1, timeout_ms) <= 0) return false;
  char byte;
  boost::beast::error_code ec;
  const size_t n = socket_.read_some(net::buffer(&byte, 1), ec);
  return n == 0 &&
         (ec == net::error::eof || ec == net::error::connection_reset);
}

HttpRequest PostJson(const std::string& target, const std::string& body) {
  HttpRequest req{http::verb::post, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  return req;
}

HttpRequest Get(const std::string& target) {
  HttpRequest req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  return req;
}

std::string Gunzip(const std::string& zipped) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zipped.data()));
  z.avail_in = static_cast<uInt>(zipped.size());
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    const size_t start = out.size();
    out.resize(start + (1 << 16));
    z.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    z.avail_out = 1 << 16;
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(out.size() - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END) << "not a whole gzip stream";
  inflateEnd(&z);
  return out;
}

ServerProcess::ServerProcess(const TempDir& dir, std::vector<std::string> args)
    : dir_(dir) {
  const std::string binary = std::string(BELADDR_BIN_DIR) + "/beladdr-server";
  args.insert(args.begin(), binary);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, dir.Sub("stdout").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, dir.Sub("stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(),
                  environ) != 0) {
    pid_ = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

uint16_t ServerProcess::WaitForPort() {
  static const std::regex kServing("on http://127\\.0\\.0\\.1:([0-9]+)");
  for (int i = 0; i < 300; ++i) {
    std::smatch m;
    const std::string err = ReadFile(dir_.Sub("stderr"));
    if (std::regex_search(err, m, kServing))
      return static_cast<uint16_t>(std::stoi(m[1]));
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

int ServerProcess::WaitExit(int seconds) {
  if (exited_) return exit_code_;
  for (int i = 0; i < seconds * 20; ++i) {
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

}  // namespace beladdr::testing
