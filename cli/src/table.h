// The readable table that `beladdr search` prints by default.

#ifndef BELADDR_CLI_SRC_TABLE_H_
#define BELADDR_CLI_SRC_TABLE_H_

#include <ostream>

#include "beladdr/address.h"

namespace beladdr::cli {

void PrintTable(const SearchResponse& response, std::ostream& out);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_TABLE_H_
