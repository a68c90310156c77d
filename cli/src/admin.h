// The register's admin commands of `beladdr`:
//   beladdr centrals add --declarations URI --central ID
//   beladdr centrals list --declarations URI
//   beladdr centrals revoke --declarations URI --key KEY_ID
//   beladdr declarations audit NUMBER --declarations URI
// Each prints to `out` and returns the process's exit code (0 done, 1 the
// store failed or has nothing to show, 2 invalid input), with a message on
// `err`.

#ifndef BELADDR_CLI_SRC_ADMIN_H_
#define BELADDR_CLI_SRC_ADMIN_H_

#include <ostream>
#include <string>

namespace beladdr::cli {

// Makes a key for the central; the key alone is the last line of `out`
// (shown once: only its hash is kept).
int AddCentralKey(const std::string& uri, const std::string& central,
                  std::ostream& out, std::ostream& err);
// One line per key: id, central, created, revoked (never the key).
int ListCentralKeys(const std::string& uri, std::ostream& out,
                    std::ostream& err);
int RevokeCentralKey(const std::string& uri, const std::string& key_id,
                     std::ostream& out, std::ostream& err);
// The audit trail of a declaration, one JSON line per entry, oldest first.
int PrintAudit(const std::string& uri, const std::string& number,
               std::ostream& out, std::ostream& err);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_ADMIN_H_
