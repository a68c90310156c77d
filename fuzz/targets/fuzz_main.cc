// One libFuzzer program per target: BELADDR_FUZZ_TARGET names which
// function of fuzz_targets.h this executable drives (set by CMake).

#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.h"

#ifndef BELADDR_FUZZ_TARGET
#error "BELADDR_FUZZ_TARGET must name a target"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const beladdr::fuzz::Target target =
      beladdr::fuzz::FindTarget(BELADDR_FUZZ_TARGET);
  if (target == nullptr) {
    std::fprintf(stderr, "fuzz: unknown target %s\n", BELADDR_FUZZ_TARGET);
    std::abort();
  }
  target(data, size);
  return 0;
}
