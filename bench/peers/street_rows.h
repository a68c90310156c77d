// The street names every system is given: one row per (street, language),
// read from a beladdr index so that all systems answer with the same
// StreetCodes (the index holds exactly the streets of data/).

#ifndef BELADDR_BENCH_PEERS_STREET_ROWS_H_
#define BELADDR_BENCH_PEERS_STREET_ROWS_H_

#include <string>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::peers {

struct StreetRow {
  std::string code;
  std::string lang;  // nl, fr, de
  std::string name;  // as published
  std::string postcode;
  std::string nis;  // the street's municipality (REFNIS 2025)
};

StatusOr<std::vector<StreetRow>> ReadStreetRows(const std::string& index_dir);

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_STREET_ROWS_H_
