// The readable tables that `beladdr search` and `beladdr resolve` print by
// default.

#ifndef BELADDR_CLI_SRC_TABLE_H_
#define BELADDR_CLI_SRC_TABLE_H_

#include <ostream>

#include "beladdr/address.h"
#include "beladdr/resolve.h"

namespace beladdr::cli {

void PrintTable(const SearchResponse& response, std::ostream& out);
void PrintTable(const ResolveResponse& response, std::ostream& out);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_TABLE_H_
