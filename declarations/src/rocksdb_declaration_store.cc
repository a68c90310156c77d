#include "rocksdb_declaration_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "changes.h"
#include "key_file.h"

namespace beladdr::declarations::internal {
namespace {
namespace json = boost::json;

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound(what);
  if (s.IsCorruption()) {
    return Status::Corruption(std::string(what) + ": " + s.ToString());
  }
  return Status::IOError(std::string(what) + ": " + s.ToString());
}

// The sortable key of a number: yyyymmdd and a 12-digit sequence.
std::string NumberKey(int day, int64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%08d%012lld", day,
                static_cast<long long>(sequence));
  return buf;
}
constexpr size_t kNumberKeyBytes = 20;

// The sortable key of a number given as text; empty when it is none.
std::string NumberKeyOf(std::string_view number) {
  int day = 0;
  int64_t sequence = 0;
  if (!ParseNumber(number, &day, &sequence)) return {};
  return NumberKey(day, sequence);
}

std::string RecordKey(std::string_view central, std::string_view nkey) {
  return "d/" + std::string(central) + "/" + std::string(nkey);
}

// A time as a key that sorts by time.
std::string TimeKey(Micros at) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%016llx",
                static_cast<unsigned long long>(std::max<Micros>(at, 0)));
  return buf;
}

// Memory for the memtables (OptimizeLevelStyleCompaction) and for the block
// cache of the embedded store.
constexpr uint64_t kMemtableBudgetBytes = 64 << 20;
constexpr size_t kBlockCacheBytes = 32 << 20;

// The index keys of a declaration: by street code (s), postcode (p),
// municipality (m), deleted (z), and by modification time (t/).
std::vector<std::string> IndexKeys(const Declaration& d,
                                   std::string_view nkey) {
  std::vector<std::string> keys;
  auto add = [&](char field, const std::string& value) {
    if (value.empty()) return;
    keys.push_back("x/" + d.central + "/" + field + "/" + value + "/" +
                   std::string(nkey));
  };
  add('s', d.street_code);
  add('p', d.post_code);
  add('m', d.municipality_nis);
  if (d.status == DeclarationStatus::kDeleted) {
    keys.push_back("x/" + d.central + "/z/" + std::string(nkey));
  }
  keys.push_back("t/" + d.central + "/" + TimeKey(d.modified_at) + "/" +
                 std::string(nkey));
  return keys;
}

std::string EncodeAudit(const AuditEntry& e) {
  json::object o;
  o["sequence"] = e.sequence;
  o["number"] = e.number;
  o["central"] = e.central;
  o["operation"] = e.operation;
  o["correlationId"] = e.correlation_id;
  o["at"] = e.at;
  o["before"] = e.before;
  o["after"] = e.after;
  return json::serialize(o);
}

StatusOr<AuditEntry> DecodeAudit(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Status::Corruption("audit entry");
  const json::object& o = v.as_object();
  AuditEntry e;
  try {
    e.sequence = o.at("sequence").as_int64();
    e.number = o.at("number").as_string();
    e.central = o.at("central").as_string();
    e.operation = o.at("operation").as_string();
    e.correlation_id = o.at("correlationId").as_string();
    e.at = o.at("at").as_int64();
    e.before = o.at("before").as_string();
    e.after = o.at("after").as_string();
  } catch (const std::exception&) {
    return Status::Corruption("audit entry lacks a field");
  }
  return e;
}

// A declaration as the database keeps it: its fields one a line, the
// content (a JSON object) last. Read on every search, so cheaper than JSON.
constexpr std::string_view kValueTag = "D1";

std::string EncodeValue(const Declaration& d) {
  std::string v;
  for (std::string_view field :
       {kValueTag, std::string_view(d.number), std::string_view(d.central),
        StatusName(d.status)}) {
    v.append(field);
    v.push_back('\n');
  }
  for (int64_t n : {d.version, d.created_at, d.modified_at, d.deleted_at}) {
    v.append(std::to_string(n));
    v.push_back('\n');
  }
  for (const std::string* field :
       {&d.street_code, &d.post_code, &d.municipality_nis}) {
    v.append(*field);
    v.push_back('\n');
  }
  v.append(d.content);
  return v;
}

StatusOr<Declaration> DecodeValue(std::string_view v) {
  std::string_view f[11];
  for (int i = 0; i < 11; ++i) {
    const size_t end = v.find('\n');
    if (end == std::string_view::npos) {
      return Status::Corruption("a stored declaration is cut short");
    }
    f[i] = v.substr(0, end);
    v.remove_prefix(end + 1);
  }
  if (f[0] != kValueTag) return Status::Corruption("a stored declaration");
  Declaration d;
  d.number = f[1];
  d.central = f[2];
  d.status = f[3] == "deleted" ? DeclarationStatus::kDeleted
                               : DeclarationStatus::kActive;
  int64_t* numbers[] = {&d.version, &d.created_at, &d.modified_at,
                        &d.deleted_at};
  for (int i = 0; i < 4; ++i) {
    const std::string_view text = f[4 + i];
    int64_t n = 0;
    for (char c : text) {
      if (c < '0' || c > '9') {
        return Status::Corruption("a stored declaration's numbers");
      }
      n = n * 10 + (c - '0');
    }
    *numbers[i] = n;
  }
  d.street_code = f[8];
  d.post_code = f[9];
  d.municipality_nis = f[10];
  d.content = v;
  return d;
}

// The number key a number-order page starts after ("" for the first).
std::string AfterKey(const DeclarationQuery& q) {
  Cursor cursor;
  return ParseCursor(q.after, &cursor) ? NumberKeyOf(cursor.number)
                                       : std::string();
}

bool Matches(const Declaration& d, const DeclarationQuery& q) {
  if (q.status == StatusFilter::kActive &&
      d.status != DeclarationStatus::kActive) {
    return false;
  }
  if (q.status == StatusFilter::kDeleted &&
      d.status != DeclarationStatus::kDeleted) {
    return false;
  }
  if (q.street_code && d.street_code != *q.street_code) return false;
  if (q.post_code && d.post_code != *q.post_code) return false;
  if (q.municipality_nis && d.municipality_nis != *q.municipality_nis) {
    return false;
  }
  if (q.modified_since && d.modified_at < *q.modified_since) return false;
  return true;
}

class RocksDbStore : public DeclarationStore {
 public:
  RocksDbStore(std::unique_ptr<rocksdb::DB> db, bool read_only,
               std::string key_path)
      : db_(std::move(db)), read_only_(read_only), keys_(std::move(key_path)) {
    sync_.sync = true;
  }

  StatusOr<CreateResult> Create(const Declaration& draft,
                                const Change& change) override;
  StatusOr<Declaration> Get(std::string_view central,
                            std::string_view number) override;
  StatusOr<Declaration> Modify(const Declaration& updated,
                               const Change& change) override;
  StatusOr<Declaration> Delete(std::string_view number,
                               const Change& change) override;
  StatusOr<DeclarationPage> Search(const DeclarationQuery& query) override;
  StatusOr<std::vector<AuditEntry>> Audit(std::string_view number) override;

  Status AddKey(const CentralKey& key) override { return keys_.Add(key); }
  StatusOr<std::vector<CentralKey>> ListKeys() override { return keys_.List(); }
  Status RevokeKey(std::string_view id, Micros at) override {
    return keys_.Revoke(id, at);
  }
  StatusOr<std::string> CentralOfKey(std::string_view sha256_hex) override {
    return keys_.CentralOf(sha256_hex);
  }

 private:
  Status Writable() const {
    if (!read_only_) return Status::OK();
    return Status::FailedPrecondition(
        "the declarations database is held by a running server; this "
        "process opened it read-only");
  }
  StatusOr<std::string> GetValue(const std::string& key);
  StatusOr<int64_t> GetCounter(const std::string& key);
  // Adds the audit entry (and the audit counter) to *batch.
  Status AddAudit(AuditEntry entry, rocksdb::WriteBatch* batch);
  // Replaces old's index keys by updated's in *batch.
  static void Reindex(const Declaration& old, const Declaration& updated,
                      rocksdb::WriteBatch* batch);
  Status Commit(rocksdb::WriteBatch* batch) {
    return FromRocks(db_->Write(sync_, batch), "declarations write");
  }
  // The central's declarations whose keys under `prefix` come after
  // q.after, in order: index entries (by_index) or the records themselves.
  StatusOr<DeclarationPage> Scan(const std::string& prefix, bool by_index,
                                 const DeclarationQuery& q);
  // The central's declarations modified since q.modified_since, in
  // modification order, from the time index.
  StatusOr<DeclarationPage> ByTime(const DeclarationQuery& q);
  // Writes the change of `old` into `d` under `key`, with its index
  // entries and audit entry, in one synced batch (mu_ held).
  Status Write(const std::string& key, const std::string& operation,
               const Change& change, const Declaration& old,
               const Declaration& d);
  // The declaration under `key` of the caller, for a change (mu_ held).
  StatusOr<Declaration> Current(std::string_view central,
                                std::string_view number, std::string* key);

  std::unique_ptr<rocksdb::DB> db_;
  const bool read_only_;
  KeyFile keys_;
  rocksdb::WriteOptions sync_;
  std::mutex mu_;  // serialises changes
};

StatusOr<std::string> RocksDbStore::GetValue(const std::string& key) {
  std::string value;
  const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), key, &value);
  if (s.IsNotFound()) return Status::NotFound(key);
  BELADDR_RETURN_IF_ERROR(FromRocks(s, "declarations read"));
  return value;
}

StatusOr<int64_t> RocksDbStore::GetCounter(const std::string& key) {
  StatusOr<std::string> v = GetValue(key);
  if (!v.ok())
    return v.status().IsNotFound() ? StatusOr<int64_t>(0) : v.status();
  try {
    return static_cast<int64_t>(std::stoll(*v));
  } catch (const std::exception&) {
    return Status::Corruption("counter " + key + " is '" + *v + "'");
  }
}

Status RocksDbStore::AddAudit(AuditEntry entry, rocksdb::WriteBatch* batch) {
  BELADDR_ASSIGN_OR_RETURN(const int64_t last, GetCounter("q/audit"));
  entry.sequence = last + 1;
  char seq[32];
  std::snprintf(seq, sizeof(seq), "%020lld",
                static_cast<long long>(entry.sequence));
  batch->Put("q/audit", std::to_string(entry.sequence));
  batch->Put("a/" + NumberKeyOf(entry.number) + "/" + seq, EncodeAudit(entry));
  return Status::OK();
}

void RocksDbStore::Reindex(const Declaration& old, const Declaration& updated,
                           rocksdb::WriteBatch* batch) {
  const std::string nkey = NumberKeyOf(updated.number);
  for (const std::string& k : IndexKeys(old, nkey)) batch->Delete(k);
  for (const std::string& k : IndexKeys(updated, nkey)) batch->Put(k, "");
}

StatusOr<CreateResult> RocksDbStore::Create(const Declaration& draft,
                                            const Change& change) {
  BELADDR_RETURN_IF_ERROR(Writable());
  std::lock_guard<std::mutex> guard(mu_);
  const std::string idem_key =
      "i/" + change.central + "/" + change.correlation_id;
  if (!change.correlation_id.empty()) {
    StatusOr<std::string> seen = GetValue(idem_key);
    if (seen.ok()) {
      BELADDR_ASSIGN_OR_RETURN(Declaration first, DecodeRecord(*seen));
      if (change.at - first.created_at < kIdempotencyWindow) {
        return CreateResult{std::move(first), true};
      }
    } else if (!seen.status().IsNotFound()) {
      return seen.status();
    }
  }
  const int day = UtcDay(change.at);
  const std::string day_key = "q/day/" + std::to_string(day);
  BELADDR_ASSIGN_OR_RETURN(const int64_t last, GetCounter(day_key));
  Declaration d = NewDeclaration(draft, change, day, last + 1);
  const std::string nkey = NumberKey(day, last + 1);
  const std::string record = EncodeRecord(d);
  rocksdb::WriteBatch batch;
  batch.Put(day_key, std::to_string(last + 1));
  batch.Put(RecordKey(d.central, nkey), EncodeValue(d));
  for (const std::string& k : IndexKeys(d, nkey)) batch.Put(k, "");
  if (!change.correlation_id.empty()) batch.Put(idem_key, record);
  BELADDR_RETURN_IF_ERROR(
      AddAudit({0, d.number, d.central, "create", change.correlation_id,
                change.at, "", record},
               &batch));
  BELADDR_RETURN_IF_ERROR(Commit(&batch));
  return CreateResult{std::move(d), false};
}

StatusOr<Declaration> RocksDbStore::Get(std::string_view central,
                                        std::string_view number) {
  const std::string nkey = NumberKeyOf(number);
  const Status absent =
      Status::NotFound("no declaration " + std::string(number));
  if (nkey.empty() || !IsCentralId(central)) return absent;
  StatusOr<std::string> v = GetValue(RecordKey(central, nkey));
  if (!v.ok()) return v.status().IsNotFound() ? absent : v.status();
  return DecodeValue(*v);
}

StatusOr<Declaration> RocksDbStore::Current(std::string_view central,
                                            std::string_view number,
                                            std::string* key) {
  BELADDR_ASSIGN_OR_RETURN(Declaration d, Get(central, number));
  *key = RecordKey(central, NumberKeyOf(number));
  return d;
}

StatusOr<Declaration> RocksDbStore::Modify(const Declaration& updated,
                                           const Change& change) {
  BELADDR_RETURN_IF_ERROR(Writable());
  std::lock_guard<std::mutex> guard(mu_);
  std::string key;
  BELADDR_ASSIGN_OR_RETURN(Declaration old,
                           Current(change.central, updated.number, &key));
  BELADDR_ASSIGN_OR_RETURN(Declaration d,
                           ModifiedDeclaration(old, updated, change));
  BELADDR_RETURN_IF_ERROR(Write(key, "modify", change, old, d));
  return d;
}

StatusOr<Declaration> RocksDbStore::Delete(std::string_view number,
                                           const Change& change) {
  BELADDR_RETURN_IF_ERROR(Writable());
  std::lock_guard<std::mutex> guard(mu_);
  std::string key;
  BELADDR_ASSIGN_OR_RETURN(Declaration old,
                           Current(change.central, number, &key));
  if (old.status == DeclarationStatus::kDeleted) return old;  // harmless
  const Declaration d = DeletedDeclaration(old, change);
  BELADDR_RETURN_IF_ERROR(Write(key, "delete", change, old, d));
  return d;
}

Status RocksDbStore::Write(const std::string& key, const std::string& operation,
                           const Change& change, const Declaration& old,
                           const Declaration& d) {
  rocksdb::WriteBatch batch;
  batch.Put(key, EncodeValue(d));
  Reindex(old, d, &batch);
  BELADDR_RETURN_IF_ERROR(
      AddAudit({0, d.number, d.central, operation, change.correlation_id,
                change.at, EncodeRecord(old), EncodeRecord(d)},
               &batch));
  return Commit(&batch);
}

StatusOr<DeclarationPage> RocksDbStore::Search(const DeclarationQuery& q) {
  if (!IsCentralId(q.central)) return DeclarationPage{};
  if (q.number) {
    DeclarationPage page;
    StatusOr<Declaration> d = Get(q.central, *q.number);
    if (d.ok() && Matches(*d, q) && NumberKeyOf(d->number) > AfterKey(q)) {
      page.declarations.push_back(std::move(d).value());
    } else if (!d.ok() && !d.status().IsNotFound()) {
      return d.status();
    }
    return page;
  }
  // In the order of the changes when asked for them (every other filter
  // applies on the way); else the most selective index given, else the
  // central's records.
  if (q.modified_since) return ByTime(q);
  const std::string x = "x/" + q.central + "/";
  if (q.street_code) return Scan(x + "s/" + *q.street_code + "/", true, q);
  if (q.post_code) return Scan(x + "p/" + *q.post_code + "/", true, q);
  if (q.municipality_nis) {
    return Scan(x + "m/" + *q.municipality_nis + "/", true, q);
  }
  if (q.status == StatusFilter::kDeleted) return Scan(x + "z/", true, q);
  return Scan("d/" + q.central + "/", false, q);
}

StatusOr<DeclarationPage> RocksDbStore::Scan(const std::string& prefix,
                                             bool by_index,
                                             const DeclarationQuery& q) {
  Pager pager(q);
  const std::string after = AfterKey(q);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix + after); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    const std::string_view rest(it->key().data() + prefix.size(),
                                it->key().size() - prefix.size());
    if (rest.size() != kNumberKeyBytes || rest <= after) continue;
    Declaration d;
    if (by_index) {
      StatusOr<std::string> v = GetValue(RecordKey(q.central, rest));
      if (!v.ok()) return v.status();
      BELADDR_ASSIGN_OR_RETURN(d, DecodeValue(*v));
    } else {
      BELADDR_ASSIGN_OR_RETURN(d, DecodeValue(it->value().ToStringView()));
    }
    if (Matches(d, q) && !pager.Offer(std::move(d))) break;
  }
  BELADDR_RETURN_IF_ERROR(FromRocks(it->status(), "declarations scan"));
  return pager.Take();
}

StatusOr<DeclarationPage> RocksDbStore::ByTime(const DeclarationQuery& q) {
  Pager pager(q);
  const std::string prefix = "t/" + q.central + "/";
  // Where the previous page ended, or the start of the window.
  Cursor cursor;
  std::string start = prefix + TimeKey(*q.modified_since);
  std::string last_seen;
  if (!q.after.empty() && ParseCursor(q.after, &cursor) && cursor.modified_at &&
      *cursor.modified_at >= *q.modified_since) {
    last_seen = prefix + TimeKey(*cursor.modified_at) + "/" +
                NumberKeyOf(cursor.number);
    start = last_seen;
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(start); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    const std::string_view key = it->key().ToStringView();
    if (key <= last_seen || key.size() < kNumberKeyBytes) continue;
    const std::string_view nkey = key.substr(key.size() - kNumberKeyBytes);
    StatusOr<std::string> v = GetValue(RecordKey(q.central, nkey));
    if (!v.ok()) return v.status();
    BELADDR_ASSIGN_OR_RETURN(Declaration d, DecodeValue(*v));
    if (Matches(d, q) && !pager.Offer(std::move(d))) break;
  }
  BELADDR_RETURN_IF_ERROR(FromRocks(it->status(), "declarations scan"));
  return pager.Take();
}

StatusOr<std::vector<AuditEntry>> RocksDbStore::Audit(std::string_view number) {
  std::vector<AuditEntry> entries;
  const std::string nkey = NumberKeyOf(number);
  if (nkey.empty()) return entries;
  const std::string prefix = "a/" + nkey + "/";
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    BELADDR_ASSIGN_OR_RETURN(AuditEntry e,
                             DecodeAudit(it->value().ToStringView()));
    entries.push_back(std::move(e));
  }
  BELADDR_RETURN_IF_ERROR(FromRocks(it->status(), "audit scan"));
  return entries;
}

}  // namespace

StatusOr<std::unique_ptr<DeclarationStore>> OpenRocksDbStore(
    const std::string& path) {
  if (path.empty()) {
    return Status::InvalidArgument("rocksdb: needs a path (rocksdb:PATH)");
  }
  // PATH holds db/ and the keys; its parents are made too.
  std::error_code made;
  std::filesystem::create_directories(path, made);
  if (made) {
    return Status::IOError("declarations store " + path + ": " +
                           made.message());
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  options.max_background_jobs = 2;
  options.keep_log_file_num = 2;
  options.OptimizeLevelStyleCompaction(kMemtableBudgetBytes);
  // Lookups by key (a record behind an index entry) skip the files that
  // cannot hold it; the blocks read most stay in memory.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* raw = nullptr;
  const std::string db_path = path + "/db";
  rocksdb::Status s = rocksdb::DB::Open(options, db_path, &raw);
  bool read_only = false;
  if (!s.ok() && s.IsIOError() &&
      s.ToString().find("lock") != std::string::npos) {
    // A server holds it: the admin commands read.
    s = rocksdb::DB::OpenForReadOnly(options, db_path, &raw);
    read_only = true;
  }
  if (!s.ok()) {
    return Status::IOError("declarations store " + db_path + ": " +
                           s.ToString());
  }
  return std::unique_ptr<DeclarationStore>(new RocksDbStore(
      std::unique_ptr<rocksdb::DB>(raw), read_only, path + "/centrals"));
}

}  // namespace beladdr::declarations::internal
