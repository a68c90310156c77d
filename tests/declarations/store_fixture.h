// The stores the conformance suite runs against, each in a throwaway
// place of its own.

#ifndef BELADDR_TESTS_DECLARATIONS_STORE_FIXTURE_H_
#define BELADDR_TESTS_DECLARATIONS_STORE_FIXTURE_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "beladdr/declarations/store.h"

namespace beladdr::declarations::testing {

// A store's home for one test: Open() may be called again (a restart).
class StoreEnv {
 public:
  virtual ~StoreEnv() = default;
  virtual std::string uri() const = 0;
  std::unique_ptr<DeclarationStore> Open() const;
};

struct StoreParam {
  std::string name;
  // nullptr when the store cannot run here (the test is skipped).
  std::function<std::unique_ptr<StoreEnv>()> make;
};

std::vector<StoreParam> AllStores();

// GoogleTest prints a parameter by its name (not as bytes).
inline void PrintTo(const StoreParam& param, std::ostream* os) {
  *os << param.name;
}

}  // namespace beladdr::declarations::testing

#endif  // BELADDR_TESTS_DECLARATIONS_STORE_FIXTURE_H_
