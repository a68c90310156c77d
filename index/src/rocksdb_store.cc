#include "beladdr/index/rocksdb_store.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <filesystem>

namespace beladdr::internal {
namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string msg(context);
  msg += ": ";
  msg += s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  return Status::IOError(msg);
}

// The reader's cache of uncompressed blocks. Searches read only the house
// numbers of a few streets from RocksDB (the rest is in memory), so a small
// cache keeps the hot streets; a miss re-reads a 4 kB block from the OS
// page cache.
constexpr size_t kReaderBlockCacheBytes = 8 << 20;

// Options shared by writer and reader so that tables are read the way they
// were written: LZ4 blocks, a Bloom filter for point lookups.
rocksdb::ColumnFamilyOptions TableOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions cf;
  cf.compression = rocksdb::kLZ4Compression;
  cf.bottommost_compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = cache;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

std::vector<rocksdb::ColumnFamilyDescriptor> AllDescriptors(
    const rocksdb::ColumnFamilyOptions& cf_options) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kCfCount; ++i) {
    descriptors.emplace_back(CfName(static_cast<Cf>(i)), cf_options);
  }
  return descriptors;
}

}  // namespace

struct IndexWriter::Rep {
  std::string dir;
  rocksdb::Options options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::vector<bool> written = std::vector<bool>(kCfCount, false);

  ~Rep() {
    for (auto* h : handles) {
      if (db) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    }
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
IndexWriter::~IndexWriter() = default;

StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Create(
    const std::string& dir) {
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rocksdb::ColumnFamilyOptions cf_options =
      TableOptions(rocksdb::NewLRUCache(8 << 20));
  rep->options = rocksdb::Options(rocksdb::DBOptions(), cf_options);
  rep->options.create_if_missing = true;
  rep->options.create_missing_column_families = true;
  rep->options.error_if_exists = true;
  rep->options.disable_auto_compactions = true;
  rep->options.IncreaseParallelism(2);

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors =
      AllDescriptors(cf_options);
  rocksdb::DB* raw = nullptr;
  BELADDR_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::Open(rocksdb::DBOptions(rep->options), dir,
                                  descriptors, &rep->handles, &raw),
                "create index " + dir));
  rep->db.reset(raw);
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(rep)));
}

Status IndexWriter::Write(Cf cf, KeyValues* kvs) {
  const auto index = static_cast<size_t>(cf);
  if (rep_->written[index]) {
    return Status::Internal(std::string("column family written twice: ") +
                            CfName(cf));
  }
  rep_->written[index] = true;
  if (kvs->empty()) return Status::OK();
  std::sort(kvs->begin(), kvs->end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < kvs->size(); ++i) {
    if ((*kvs)[i].first == (*kvs)[i - 1].first) {
      return Status::InvalidArgument(std::string("duplicate key in ") +
                                     CfName(cf) + ": " + (*kvs)[i].first);
    }
  }
  const std::string path =
      rep_->dir + "/bulk-" + std::string(CfName(cf)) + ".sst";
  {
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), rep_->options,
                                  rep_->handles[index]);
    BELADDR_RETURN_IF_ERROR(FromRocks(writer.Open(path), path));
    for (const auto& [key, value] : *kvs) {
      BELADDR_RETURN_IF_ERROR(FromRocks(writer.Put(key, value), path));
    }
    BELADDR_RETURN_IF_ERROR(FromRocks(writer.Finish(), path));
  }
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;
  return FromRocks(
      rep_->db->IngestExternalFile(rep_->handles[index], {path}, ingest),
      std::string("ingest ") + CfName(cf));
}

Status IndexWriter::Finish() {
  BELADDR_RETURN_IF_ERROR(FromRocks(rep_->db->SyncWAL(), "sync " + rep_->dir));
  for (auto* h : rep_->handles) {
    BELADDR_RETURN_IF_ERROR(
        FromRocks(rep_->db->DestroyColumnFamilyHandle(h), "close"));
  }
  rep_->handles.clear();
  BELADDR_RETURN_IF_ERROR(FromRocks(rep_->db->Close(), "close " + rep_->dir));
  rep_->db.reset();
  return Status::OK();
}

struct IndexStore::Rep {
  std::string dir;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> opened;
  // By Cf; nullptr when the database lacks that family.
  std::vector<rocksdb::ColumnFamilyHandle*> by_cf =
      std::vector<rocksdb::ColumnFamilyHandle*>(kCfCount, nullptr);

  ~Rep() {
    for (auto* h : opened) {
      if (db) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    }
  }

  Status Handle(Cf cf, rocksdb::ColumnFamilyHandle** h) const {
    *h = by_cf[static_cast<size_t>(cf)];
    if (*h == nullptr) {
      return Status::Corruption(std::string("index lacks column family ") +
                                CfName(cf));
    }
    return Status::OK();
  }
};

IndexStore::IndexStore(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
IndexStore::~IndexStore() = default;

StatusOr<std::unique_ptr<IndexStore>> IndexStore::OpenReadOnly(
    const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir + "/CURRENT", ec)) {
    return Status::NotFound("no index at " + dir);
  }
  rocksdb::DBOptions db_options;
  db_options.max_open_files = -1;  // open every table once, at start-up
  db_options.info_log_level = rocksdb::InfoLogLevel::ERROR_LEVEL;
  std::vector<std::string> names;
  BELADDR_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::ListColumnFamilies(db_options, dir, &names),
                "open index " + dir));
  rocksdb::ColumnFamilyOptions cf_options =
      TableOptions(rocksdb::NewLRUCache(kReaderBlockCacheBytes));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, cf_options);
  }
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rocksdb::DB* raw = nullptr;
  BELADDR_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors,
                                             &rep->opened, &raw),
                "open index " + dir));
  rep->db.reset(raw);
  for (size_t i = 0; i < rep->opened.size(); ++i) {
    for (size_t c = 0; c < kCfCount; ++c) {
      if (names[i] == CfName(static_cast<Cf>(c)))
        rep->by_cf[c] = rep->opened[i];
    }
  }
  return std::unique_ptr<IndexStore>(new IndexStore(std::move(rep)));
}

Status IndexStore::Get(Cf cf, std::string_view key, std::string* value) const {
  rocksdb::ColumnFamilyHandle* h = nullptr;
  BELADDR_RETURN_IF_ERROR(rep_->Handle(cf, &h));
  rocksdb::Status s = rep_->db->Get(
      rocksdb::ReadOptions(), h, rocksdb::Slice(key.data(), key.size()), value);
  if (s.IsNotFound()) return Status::NotFound(std::string(key));
  return FromRocks(s, CfName(cf));
}

void IndexStore::MultiGet(Cf cf, const std::vector<std::string>& keys,
                          std::vector<std::string>* values,
                          std::vector<Status>* statuses) const {
  statuses->assign(keys.size(), Status::OK());
  values->assign(keys.size(), std::string());
  rocksdb::ColumnFamilyHandle* h = nullptr;
  if (Status s = rep_->Handle(cf, &h); !s.ok()) {
    statuses->assign(keys.size(), s);
    return;
  }
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::ColumnFamilyHandle*> handles(keys.size(), h);
  std::vector<rocksdb::Status> results =
      rep_->db->MultiGet(rocksdb::ReadOptions(), handles, slices, values);
  for (size_t i = 0; i < keys.size(); ++i) {
    (*statuses)[i] = results[i].IsNotFound()
                         ? Status::NotFound(keys[i])
                         : FromRocks(results[i], CfName(cf));
  }
}

Status IndexStore::ForEach(
    Cf cf,
    const std::function<Status(std::string_view key, std::string_view value)>&
        fn) const {
  rocksdb::ColumnFamilyHandle* h = nullptr;
  BELADDR_RETURN_IF_ERROR(rep_->Handle(cf, &h));
  rocksdb::ReadOptions options;
  options.fill_cache = false;  // a full scan must not evict the hot set
  std::unique_ptr<rocksdb::Iterator> it(rep_->db->NewIterator(options, h));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const rocksdb::Slice k = it->key();
    const rocksdb::Slice v = it->value();
    BELADDR_RETURN_IF_ERROR(fn(std::string_view(k.data(), k.size()),
                               std::string_view(v.data(), v.size())));
  }
  return FromRocks(it->status(), CfName(cf));
}

uint64_t IndexStore::SizeOnDisk() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(rep_->dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

}  // namespace beladdr::internal
