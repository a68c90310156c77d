#include "beladdr/declarations/store.h"

#include "postgres_declaration_store.h"
#include "rocksdb_declaration_store.h"

namespace beladdr::declarations {

StatusOr<std::unique_ptr<DeclarationStore>> OpenDeclarationStore(
    std::string_view uri) {
  if (uri.starts_with("rocksdb:")) {
    return internal::OpenRocksDbStore(std::string(uri.substr(8)));
  }
  if (uri.starts_with("postgresql://") || uri.starts_with("postgres://")) {
    return internal::OpenPostgresStore(std::string(uri));
  }
  return Status::InvalidArgument(
      "--declarations takes rocksdb:PATH or postgresql://..., not '" +
      std::string(uri) + "'");
}

}  // namespace beladdr::declarations
