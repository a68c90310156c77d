#include "postgres_cluster.h"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace beladdr::testing {
namespace fs = std::filesystem;
namespace {

// A loopback port free at the time of asking.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::string ServerBinaries() {
  std::string best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string bin = entry.path().string() + "/bin";
    if (fs::exists(bin + "/initdb") && bin > best) best = bin;
  }
  return best;
}

}  // namespace

StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::Start() {
  std::unique_ptr<PostgresCluster> c(new PostgresCluster());
  c->bin_ = ServerBinaries();
  if (c->bin_.empty()) {
    return Status::FailedPrecondition(
        "no PostgreSQL server under /usr/lib/postgresql (scripts/deps.sh "
        "installs it)");
  }
  const char* base = std::getenv("TMPDIR");
  std::string templ =
      std::string(base && *base ? base : "/tmp") + "/beladdr-pg-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) {
    return Status::IOError("mkdtemp " + templ);
  }
  c->dir_ = templ;
  fs::permissions(c->dir_, fs::perms::owner_all | fs::perms::group_exec |
                               fs::perms::others_exec);
  fs::create_directory(c->dir_ + "/data");
  if (::geteuid() == 0) {
    c->as_postgres_ = "runuser -u postgres -- ";
    const std::string chown = "chown postgres " + c->dir_ + "/data";
    if (std::system(chown.c_str()) != 0) {
      return Status::IOError("cannot hand " + c->dir_ + " to postgres");
    }
  }
  const std::string initdb = c->as_postgres_ + c->bin_ + "/initdb -D " +
                             c->dir_ + "/data -A trust -U beladdr -E UTF8 " +
                             "--no-sync > " + c->dir_ + "/initdb.log 2>&1";
  if (std::system(initdb.c_str()) != 0) {
    return Status::IOError("initdb failed; see " + c->dir_ + "/initdb.log");
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    c->port_ = FreePort();
    const std::string start =
        c->as_postgres_ + c->bin_ + "/pg_ctl -D " + c->dir_ +
        "/data -w -t 30 -l " + c->dir_ + "/data/server.log -o \"-c " +
        "listen_addresses=127.0.0.1 -p " + std::to_string(c->port_) +
        " -c unix_socket_directories='' -c fsync=off -c " +
        "max_connections=60\" start > /dev/null 2>&1";
    if (std::system(start.c_str()) == 0) return c;
  }
  return Status::IOError("pg_ctl start failed; see " + c->dir_ +
                         "/data/server.log");
}

PostgresCluster::~PostgresCluster() {
  if (port_ != 0) {
    const std::string stop = as_postgres_ + bin_ + "/pg_ctl -D " + dir_ +
                             "/data -m immediate -w stop > /dev/null 2>&1";
    [[maybe_unused]] const int ignored = std::system(stop.c_str());
  }
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

StatusOr<std::string> PostgresCluster::NewDatabase() {
  const std::string name = "t" + std::to_string(++databases_);
  const std::string admin =
      "postgresql://beladdr@127.0.0.1:" + std::to_string(port_) + "/postgres";
  PGconn* conn = PQconnectdb(admin.c_str());
  Status s;
  if (PQstatus(conn) != CONNECTION_OK) {
    s = Status::IOError(PQerrorMessage(conn));
  } else {
    PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      s = Status::IOError(PQerrorMessage(conn));
    }
    PQclear(r);
  }
  PQfinish(conn);
  BELADDR_RETURN_IF_ERROR(s);
  return "postgresql://beladdr@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

PostgresCluster* SharedPostgres(std::string* why) {
  static std::once_flag once;
  static std::unique_ptr<PostgresCluster> cluster;
  static std::string reason;
  std::call_once(once, [] {
    auto started = PostgresCluster::Start();
    if (started.ok()) {
      cluster = std::move(started).value();
    } else {
      reason = started.status().ToString();
    }
  });
  if (why != nullptr) *why = reason;
  return cluster.get();
}

}  // namespace beladdr::testing
