// A throwaway PostgreSQL cluster for tests: initdb and pg_ctl from the
// Debian package, in a private temporary directory, listening on a free
// loopback port; stopped and removed when the object goes. As root, the
// server runs as the `postgres` user (PostgreSQL refuses root).

#ifndef BELADDR_TESTS_POSTGRES_CLUSTER_H_
#define BELADDR_TESTS_POSTGRES_CLUSTER_H_

#include <memory>
#include <string>

#include "beladdr/status.h"

namespace beladdr::testing {

class PostgresCluster {
 public:
  // FailedPrecondition when PostgreSQL's server binaries are not installed
  // (scripts/deps.sh installs them).
  static StatusOr<std::unique_ptr<PostgresCluster>> Start();
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Creates an empty database; its libpq URI.
  StatusOr<std::string> NewDatabase();
  int port() const { return port_; }

 private:
  PostgresCluster() = default;
  std::string dir_;
  std::string as_postgres_;  // "runuser -u postgres -- " as root
  std::string bin_;
  int port_ = 0;
  int databases_ = 0;
};

// One cluster per test process, started on first use and stopped at exit;
// nullptr (with the reason in *why) when it cannot start.
PostgresCluster* SharedPostgres(std::string* why);

}  // namespace beladdr::testing

#endif  // BELADDR_TESTS_POSTGRES_CLUSTER_H_
