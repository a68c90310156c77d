#include "beladdr/index/index_reader.h"

#include <charconv>

#include "beladdr/index/index_format.h"

namespace beladdr {

uint32_t SupportedIndexFormatVersion() { return internal::kFormatVersion; }

StatusOr<IndexInfo> ReadIndexInfo(const std::string& dir) {
  IndexInfo info;
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<internal::IndexStore> store,
                           internal::OpenCheckedIndex(dir, &info));
  (void)store;
  return info;
}

namespace internal {
namespace {

bool ParseUint64(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Status ReadCount(const IndexStore& store, const char* key, uint64_t* out) {
  std::string value;
  BELADDR_RETURN_IF_ERROR(store.Get(Cf::kDefault, key, &value)
                              .WithContext(std::string("meta ") + key));
  if (!ParseUint64(value, out)) {
    return Status::Corruption(std::string("meta ") + key + " is not a number");
  }
  return Status::OK();
}

}  // namespace

std::string RebuildHint(const std::string& dir) {
  return "build it with: build/bin/beladdr-import --data data --out " + dir +
         " (or run `make serve`, which does it for you)";
}

StatusOr<std::unique_ptr<IndexStore>> OpenCheckedIndex(const std::string& dir,
                                                       IndexInfo* info) {
  StatusOr<std::unique_ptr<IndexStore>> opened = IndexStore::OpenReadOnly(dir);
  if (!opened.ok()) {
    if (opened.status().IsNotFound()) {
      return Status::NotFound("no beladdr index at " + dir + "; " +
                              RebuildHint(dir));
    }
    return opened.status().WithContext("cannot open index (" +
                                       RebuildHint(dir) + ")");
  }
  std::unique_ptr<IndexStore> store = std::move(opened).value();
  std::string version;
  Status s = store->Get(Cf::kDefault, kMetaFormatVersion, &version);
  uint64_t parsed = 0;
  if (!s.ok() || !ParseUint64(version, &parsed)) {
    return Status::FailedPrecondition(dir +
                                      " is not a beladdr index (no format "
                                      "version); " +
                                      RebuildHint(dir));
  }
  if (parsed != kFormatVersion) {
    return Status::FailedPrecondition(
        "index at " + dir + " has format version " + std::to_string(parsed) +
        ", but this program reads version " + std::to_string(kFormatVersion) +
        "; re-import: " + RebuildHint(dir));
  }
  info->path = dir;
  info->format_version = static_cast<uint32_t>(parsed);
  BELADDR_RETURN_IF_ERROR(
      store->Get(Cf::kDefault, kMetaBuiltAt, &info->built_at));
  if (!store->Get(Cf::kDefault, kMetaIndexId, &info->id).ok()) info->id.clear();
  BELADDR_RETURN_IF_ERROR(
      store->Get(Cf::kDefault, kMetaDataVintage, &info->data_vintage));
  BELADDR_RETURN_IF_ERROR(ReadCount(*store, kMetaStreetCount, &info->streets));
  BELADDR_RETURN_IF_ERROR(
      ReadCount(*store, kMetaMunicipalityCount, &info->municipalities));
  BELADDR_RETURN_IF_ERROR(
      ReadCount(*store, kMetaPostcodeCount, &info->postcodes));
  BELADDR_RETURN_IF_ERROR(
      ReadCount(*store, kMetaStreetVariantCount, &info->street_variants));
  BELADDR_RETURN_IF_ERROR(
      ReadCount(*store, kMetaPlaceVariantCount, &info->place_variants));
  BELADDR_RETURN_IF_ERROR(
      ReadCount(*store, kMetaHouseNumberCount, &info->house_numbers));
  info->size_on_disk = store->SizeOnDisk();
  return store;
}

}  // namespace internal
}  // namespace beladdr
