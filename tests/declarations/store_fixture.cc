#include "store_fixture.h"

#include <iostream>

#include "postgres_cluster.h"
#include "test_util.h"

namespace beladdr::declarations::testing {
namespace {

class RocksDbEnv : public StoreEnv {
 public:
  std::string uri() const override { return "rocksdb:" + dir_.Sub("store"); }

 private:
  beladdr::testing::TempDir dir_;
};

// A fresh database of the process's throwaway cluster.
class PostgresEnv : public StoreEnv {
 public:
  explicit PostgresEnv(std::string uri) : uri_(std::move(uri)) {}
  std::string uri() const override { return uri_; }

 private:
  std::string uri_;
};

std::unique_ptr<StoreEnv> MakePostgresEnv() {
  std::string why;
  beladdr::testing::PostgresCluster* cluster =
      beladdr::testing::SharedPostgres(&why);
  if (cluster == nullptr) {
    ADD_FAILURE() << "no PostgreSQL for the conformance suite: " << why;
    return nullptr;
  }
  StatusOr<std::string> uri = cluster->NewDatabase();
  if (!uri.ok()) {
    ADD_FAILURE() << uri.status().ToString();
    return nullptr;
  }
  return std::make_unique<PostgresEnv>(*uri);
}

}  // namespace

std::unique_ptr<DeclarationStore> StoreEnv::Open() const {
  auto store = OpenDeclarationStore(uri());
  if (!store.ok()) {
    std::cerr << "opening " << uri() << ": " << store.status().ToString()
              << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

std::vector<StoreParam> AllStores() {
  return {{"RocksDb", [] { return std::make_unique<RocksDbEnv>(); }},
          {"Postgres", [] { return MakePostgresEnv(); }}};
}

}  // namespace beladdr::declarations::testing
