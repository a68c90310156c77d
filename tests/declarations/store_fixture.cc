#include "store_fixture.h"

#include <iostream>

#include "test_util.h"

namespace beladdr::declarations::testing {
namespace {

class RocksDbEnv : public StoreEnv {
 public:
  std::string uri() const override { return "rocksdb:" + dir_.Sub("store"); }

 private:
  beladdr::testing::TempDir dir_;
};

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
  return {{"RocksDb", [] { return std::make_unique<RocksDbEnv>(); }}};
}

}  // namespace beladdr::declarations::testing
