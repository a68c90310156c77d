#include "postgres_declaration_store.h"

#include <libpq-fe.h>
#include <openssl/crypto.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "changes.h"

namespace beladdr::declarations::internal {
namespace {

// Connections kept open at most: two per server thread is plenty, and
// PostgreSQL's default limit is 100 for all replicas together.
constexpr size_t kMaxConnections = 8;
// A transaction that lost a race (a unique key taken, a deadlock) is run
// again this many times in all.
constexpr int kAttempts = 3;
// Key of the advisory lock that serialises schema migrations.
constexpr const char* kMigrationLock = "726354";

// Versioned schema: migration i + 1 is kMigrations[i]. Append only.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE declarations (
  number text PRIMARY KEY,
  day integer NOT NULL,
  seq bigint NOT NULL,
  central text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'deleted')),
  version bigint NOT NULL,
  street_code text NOT NULL,
  post_code text NOT NULL,
  municipality_nis text NOT NULL,
  created_at bigint NOT NULL,
  modified_at bigint NOT NULL,
  deleted_at bigint NOT NULL,
  content text NOT NULL,
  UNIQUE (day, seq));
CREATE INDEX declarations_by_central ON declarations (central, day, seq);
CREATE INDEX declarations_by_street ON declarations (central, street_code, day, seq);
CREATE INDEX declarations_by_postcode ON declarations (central, post_code, day, seq);
CREATE INDEX declarations_by_municipality ON declarations (central, municipality_nis, day, seq);
CREATE INDEX declarations_by_modified ON declarations (central, modified_at);
CREATE TABLE day_sequences (day integer PRIMARY KEY, last bigint NOT NULL);
CREATE TABLE audit (
  sequence bigserial PRIMARY KEY,
  number text NOT NULL,
  central text NOT NULL,
  operation text NOT NULL,
  correlation_id text NOT NULL,
  at bigint NOT NULL,
  before text NOT NULL,
  after text NOT NULL);
CREATE INDEX audit_by_number ON audit (number, sequence);
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
CREATE TABLE idempotency (
  central text NOT NULL,
  correlation_id text NOT NULL,
  created_at bigint NOT NULL,
  record text NOT NULL,
  PRIMARY KEY (central, correlation_id));
CREATE TABLE central_keys (
  id text PRIMARY KEY,
  central text NOT NULL,
  sha256 text NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  revoked_at bigint NOT NULL);
)sql",
};

constexpr const char* kColumns =
    "number, central, status, version, street_code, post_code, "
    "municipality_nis, created_at, modified_at, deleted_at, content";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;
using Params = std::vector<std::string>;

// What Exec answers when a transaction lost a race (a unique key taken by
// a concurrent one, a deadlock, a serialisation failure).
constexpr std::string_view kRace = "race: ";
bool IsRace(const Status& s) {
  return s.IsFailedPrecondition() && s.message().starts_with(kRace);
}

// One connection, leased from the pool.
class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  PGconn* raw() const { return conn_; }

  // Runs `sql` with text parameters $1.. . A unique violation or deadlock
  // is FailedPrecondition (the transaction may be run again); a lost
  // connection is IOError.
  StatusOr<Result> Exec(const std::string& sql, const Params& params = {}) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                          nullptr, values.data(), nullptr, nullptr, 0),
             &PQclear);
    const ExecStatusType status = PQresultStatus(r.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    const std::string code = state ? state : "";
    const std::string message =
        "declarations database: " + std::string(PQerrorMessage(conn_));
    if (code == "23505" || code == "40001" || code == "40P01") {
      return Status::FailedPrecondition(std::string(kRace) + message);
    }
    return Status::IOError(message);
  }
  // A script of statements without parameters (migrations).
  Status Script(const char* sql) {
    Result r(PQexec(conn_, sql), &PQclear);
    if (PQresultStatus(r.get()) == PGRES_COMMAND_OK ||
        PQresultStatus(r.get()) == PGRES_TUPLES_OK) {
      return Status::OK();
    }
    return Status::IOError("declarations database: " +
                           std::string(PQerrorMessage(conn_)));
  }

 private:
  PGconn* conn_;
};

std::string Value(const Result& r, int row, int column) {
  return std::string(PQgetvalue(r.get(), row, column),
                     PQgetlength(r.get(), row, column));
}

int64_t Int(const Result& r, int row, int column) {
  return std::stoll(Value(r, row, column));
}

Declaration RowToDeclaration(const Result& r, int row) {
  Declaration d;
  d.number = Value(r, row, 0);
  d.central = Value(r, row, 1);
  d.status = Value(r, row, 2) == "deleted" ? DeclarationStatus::kDeleted
                                           : DeclarationStatus::kActive;
  d.version = Int(r, row, 3);
  d.street_code = Value(r, row, 4);
  d.post_code = Value(r, row, 5);
  d.municipality_nis = Value(r, row, 6);
  d.created_at = Int(r, row, 7);
  d.modified_at = Int(r, row, 8);
  d.deleted_at = Int(r, row, 9);
  d.content = Value(r, row, 10);
  return d;
}

class Pool {
 public:
  explicit Pool(std::string uri) : uri_(std::move(uri)) {}
  ~Pool() {
    for (PGconn* c : idle_) PQfinish(c);
  }

  // Opens a connection; IOError with libpq's reason (never the URI, which
  // may hold a password).
  StatusOr<PGconn*> Connect() const {
    PGconn* c = PQconnectdb(uri_.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      const std::string why = PQerrorMessage(c);
      PQfinish(c);
      return Status::IOError("declarations database: " + why);
    }
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    return c;
  }

  // Runs fn with a connection of the pool (opening one when none is idle).
  Status With(const std::function<Status(Connection&)>& fn) {
    PGconn* c = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !idle_.empty() || open_ < kMaxConnections; });
      if (!idle_.empty()) {
        c = idle_.back();
        idle_.pop_back();
      } else {
        ++open_;
      }
    }
    if (c == nullptr) {
      StatusOr<PGconn*> made = Connect();
      if (!made.ok()) {
        Give(nullptr);
        return made.status();
      }
      c = *made;
    }
    if (PQstatus(c) != CONNECTION_OK) PQreset(c);
    Connection conn(c);
    const Status s = fn(conn);
    if (PQtransactionStatus(c) != PQTRANS_IDLE) {
      Result(PQexec(c, "ROLLBACK"), &PQclear);
    }
    Give(PQstatus(c) == CONNECTION_OK ? c : (PQfinish(c), nullptr));
    return s;
  }

 private:
  void Give(PGconn* c) {
    std::lock_guard<std::mutex> lock(mu_);
    if (c != nullptr) {
      idle_.push_back(c);
    } else {
      --open_;
    }
    cv_.notify_one();
  }

  const std::string uri_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> idle_;
  size_t open_ = 0;
};

class PostgresStore : public DeclarationStore {
 public:
  explicit PostgresStore(std::string uri) : pool_(std::move(uri)) {}

  Status Migrate();

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
  Status AddKey(const CentralKey& key) override;
  StatusOr<std::vector<CentralKey>> ListKeys() override;
  Status RevokeKey(std::string_view id, Micros at) override;
  StatusOr<std::string> CentralOfKey(std::string_view sha256_hex) override;

 private:
  // Runs fn in one transaction, again when it lost a race.
  Status Transaction(const std::function<Status(Connection&)>& fn);
  static Status Audit(Connection& c, const std::string& operation,
                      const Change& change, const Declaration& d,
                      const std::string& before, const std::string& after);
  // The caller's declaration, locked for a change.
  static StatusOr<Declaration> Lock(Connection& c, std::string_view central,
                                    std::string_view number);
  // Writes the changed row of `d` and its audit entry.
  static Status Store(Connection& c, const std::string& operation,
                      const Change& change, const Declaration& old,
                      const Declaration& d);
  StatusOr<CreateResult> CreateIn(Connection& c, const Declaration& draft,
                                  const Change& change);

  Pool pool_;
};

Status PostgresStore::Migrate() {
  return pool_.With([](Connection& c) -> Status {
    BELADDR_RETURN_IF_ERROR(c.Exec("BEGIN").status());
    BELADDR_RETURN_IF_ERROR(
        c.Exec(std::string("SELECT pg_advisory_xact_lock(") + kMigrationLock +
               ")")
            .status());
    BELADDR_RETURN_IF_ERROR(
        c.Script("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version integer PRIMARY KEY, "
                 "applied_at timestamptz NOT NULL DEFAULT now())"));
    BELADDR_ASSIGN_OR_RETURN(Result r,
                             c.Exec("SELECT coalesce(max(version), 0) FROM "
                                    "schema_migrations"));
    const int64_t applied = Int(r, 0, 0);
    const auto known = static_cast<int64_t>(std::size(kMigrations));
    if (applied > known) {
      return Status::FailedPrecondition(
          "declarations database: its schema is version " +
          std::to_string(applied) + ", newer than this server's (" +
          std::to_string(known) + ")");
    }
    for (int64_t v = applied + 1; v <= known; ++v) {
      BELADDR_RETURN_IF_ERROR(c.Script(kMigrations[v - 1]));
      BELADDR_RETURN_IF_ERROR(
          c.Exec("INSERT INTO schema_migrations (version) VALUES ($1)",
                 {std::to_string(v)})
              .status());
    }
    return c.Exec("COMMIT").status();
  });
}

Status PostgresStore::Transaction(
    const std::function<Status(Connection&)>& fn) {
  Status s;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    s = pool_.With([&](Connection& c) -> Status {
      BELADDR_RETURN_IF_ERROR(c.Exec("BEGIN").status());
      BELADDR_RETURN_IF_ERROR(fn(c));
      return c.Exec("COMMIT").status();
    });
    if (!IsRace(s)) return s;
  }
  return s;
}

Status PostgresStore::Audit(Connection& c, const std::string& operation,
                            const Change& change, const Declaration& d,
                            const std::string& before,
                            const std::string& after) {
  return c
      .Exec(
          "INSERT INTO audit (number, central, operation, correlation_id, "
          "at, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {d.number, d.central, operation, change.correlation_id,
           std::to_string(change.at), before, after})
      .status();
}

StatusOr<CreateResult> PostgresStore::CreateIn(Connection& c,
                                               const Declaration& draft,
                                               const Change& change) {
  bool expired = false;
  if (!change.correlation_id.empty()) {
    BELADDR_ASSIGN_OR_RETURN(
        Result seen,
        c.Exec("SELECT record, created_at FROM idempotency WHERE central = $1 "
               "AND correlation_id = $2 FOR UPDATE",
               {change.central, change.correlation_id}));
    if (PQntuples(seen.get()) == 1) {
      if (change.at - Int(seen, 0, 1) < kIdempotencyWindow) {
        BELADDR_ASSIGN_OR_RETURN(Declaration first,
                                 DecodeRecord(Value(seen, 0, 0)));
        return CreateResult{std::move(first), true};
      }
      expired = true;
    }
  }
  const int day = UtcDay(change.at);
  BELADDR_ASSIGN_OR_RETURN(
      Result seq,
      c.Exec("INSERT INTO day_sequences (day, last) VALUES ($1, 1) ON "
             "CONFLICT (day) DO UPDATE SET last = day_sequences.last + 1 "
             "RETURNING last",
             {std::to_string(day)}));
  const int64_t sequence = Int(seq, 0, 0);
  Declaration d = NewDeclaration(draft, change, day, sequence);
  BELADDR_RETURN_IF_ERROR(
      c.Exec(std::string("INSERT INTO declarations (day, seq, ") + kColumns +
                 ") VALUES ($1, $2, $3, $4, 'active', 1, $5, $6, $7, $8, $8, "
                 "0, $9)",
             {std::to_string(day), std::to_string(sequence), d.number,
              d.central, d.street_code, d.post_code, d.municipality_nis,
              std::to_string(d.created_at), d.content})
          .status());
  const std::string record = EncodeRecord(d);
  BELADDR_RETURN_IF_ERROR(Audit(c, "create", change, d, "", record));
  if (!change.correlation_id.empty()) {
    // A plain INSERT: a concurrent twin makes one of the two fail (and run
    // again, then answer the other's declaration).
    const std::string sql =
        expired ? "UPDATE idempotency SET created_at = $3, record = $4 "
                  "WHERE central = $1 AND correlation_id = $2"
                : "INSERT INTO idempotency (central, correlation_id, "
                  "created_at, record) VALUES ($1, $2, $3, $4)";
    BELADDR_RETURN_IF_ERROR(c.Exec(sql, {change.central, change.correlation_id,
                                         std::to_string(change.at), record})
                                .status());
  }
  return CreateResult{std::move(d), false};
}

StatusOr<CreateResult> PostgresStore::Create(const Declaration& draft,
                                             const Change& change) {
  CreateResult result;
  BELADDR_RETURN_IF_ERROR(Transaction([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(result, CreateIn(c, draft, change));
    return Status::OK();
  }));
  return result;
}

StatusOr<Declaration> PostgresStore::Get(std::string_view central,
                                         std::string_view number) {
  std::optional<Declaration> found;
  BELADDR_RETURN_IF_ERROR(pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(
        Result r, c.Exec(std::string("SELECT ") + kColumns +
                             " FROM declarations WHERE central = $1 AND "
                             "number = $2",
                         {std::string(central), std::string(number)}));
    if (PQntuples(r.get()) == 1) found = RowToDeclaration(r, 0);
    return Status::OK();
  }));
  if (!found) return Status::NotFound("no declaration " + std::string(number));
  return *found;
}

StatusOr<Declaration> PostgresStore::Lock(Connection& c,
                                          std::string_view central,
                                          std::string_view number) {
  BELADDR_ASSIGN_OR_RETURN(
      Result r, c.Exec(std::string("SELECT ") + kColumns +
                           " FROM declarations WHERE central = $1 AND "
                           "number = $2 FOR UPDATE",
                       {std::string(central), std::string(number)}));
  if (PQntuples(r.get()) != 1) {
    return Status::NotFound("no declaration " + std::string(number));
  }
  return RowToDeclaration(r, 0);
}

Status PostgresStore::Store(Connection& c, const std::string& operation,
                            const Change& change, const Declaration& old,
                            const Declaration& d) {
  BELADDR_RETURN_IF_ERROR(
      c.Exec("UPDATE declarations SET status = $2, version = $3, "
             "street_code = $4, post_code = $5, municipality_nis = $6, "
             "modified_at = $7, deleted_at = $8, content = $9 WHERE number = "
             "$1",
             {d.number, std::string(StatusName(d.status)),
              std::to_string(d.version), d.street_code, d.post_code,
              d.municipality_nis, std::to_string(d.modified_at),
              std::to_string(d.deleted_at), d.content})
          .status());
  return Audit(c, operation, change, d, EncodeRecord(old), EncodeRecord(d));
}

StatusOr<Declaration> PostgresStore::Modify(const Declaration& updated,
                                            const Change& change) {
  Declaration d;
  BELADDR_RETURN_IF_ERROR(Transaction([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(Declaration old,
                             Lock(c, change.central, updated.number));
    BELADDR_ASSIGN_OR_RETURN(d, ModifiedDeclaration(old, updated, change));
    return Store(c, "modify", change, old, d);
  }));
  return d;
}

StatusOr<Declaration> PostgresStore::Delete(std::string_view number,
                                            const Change& change) {
  Declaration d;
  BELADDR_RETURN_IF_ERROR(Transaction([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(Declaration old, Lock(c, change.central, number));
    d = DeletedDeclaration(old, change);
    if (old.status == DeclarationStatus::kDeleted) return Status::OK();
    return Store(c, "delete", change, old, d);
  }));
  return d;
}

StatusOr<DeclarationPage> PostgresStore::Search(const DeclarationQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM declarations WHERE central = $1";
  Params params = {q.central};
  auto where = [&](const std::string& condition, const std::string& value) {
    params.push_back(value);
    sql += " AND " + condition + " $" + std::to_string(params.size());
  };
  if (q.number) where("number =", *q.number);
  if (q.street_code) where("street_code =", *q.street_code);
  if (q.post_code) where("post_code =", *q.post_code);
  if (q.municipality_nis) where("municipality_nis =", *q.municipality_nis);
  if (q.status == StatusFilter::kActive) sql += " AND status = 'active'";
  if (q.status == StatusFilter::kDeleted) sql += " AND status = 'deleted'";
  if (q.modified_since) {
    where("modified_at >=", std::to_string(*q.modified_since));
  }
  // Number order, or modification order with modified_since.
  const bool by_time = q.modified_since.has_value();
  Cursor cursor;
  int day = 0;
  int64_t seq = 0;
  if (ParseCursor(q.after, &cursor) && ParseNumber(cursor.number, &day, &seq)) {
    params.push_back(std::to_string(day));
    params.push_back(std::to_string(seq));
    const std::string d = "$" + std::to_string(params.size() - 1);
    const std::string s = "$" + std::to_string(params.size());
    if (by_time && cursor.modified_at) {
      params.push_back(std::to_string(*cursor.modified_at));
      sql += " AND (modified_at, day, seq) > ($" +
             std::to_string(params.size()) + "::bigint, " + d + "::integer, " +
             s + "::bigint)";
    } else if (!by_time) {
      sql += " AND (day, seq) > (" + d + "::integer, " + s + "::bigint)";
    }
  }
  const int limit = std::clamp(q.limit, 1, kMaxQueryLimit);
  sql += by_time ? " ORDER BY modified_at, day, seq" : " ORDER BY day, seq";
  sql += " LIMIT " + std::to_string(limit + 1);
  Pager pager(q);
  BELADDR_RETURN_IF_ERROR(pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(Result r, c.Exec(sql, params));
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      if (!pager.Offer(RowToDeclaration(r, row))) break;
    }
    return Status::OK();
  }));
  return pager.Take();
}

StatusOr<std::vector<AuditEntry>> PostgresStore::Audit(
    std::string_view number) {
  std::vector<AuditEntry> entries;
  BELADDR_RETURN_IF_ERROR(pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(
        Result r,
        c.Exec("SELECT sequence, number, central, operation, correlation_id, "
               "at, before, after FROM audit WHERE number = $1 ORDER BY "
               "sequence",
               {std::string(number)}));
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      entries.push_back({Int(r, row, 0), Value(r, row, 1), Value(r, row, 2),
                         Value(r, row, 3), Value(r, row, 4), Int(r, row, 5),
                         Value(r, row, 6), Value(r, row, 7)});
    }
    return Status::OK();
  }));
  return entries;
}

Status PostgresStore::AddKey(const CentralKey& key) {
  Status s = pool_.With([&](Connection& c) {
    return c
        .Exec(
            "INSERT INTO central_keys (id, central, sha256, created_at, "
            "revoked_at) VALUES ($1, $2, $3, $4, $5)",
            {key.id, key.central, key.sha256_hex,
             std::to_string(key.created_at), std::to_string(key.revoked_at)})
        .status();
  });
  if (IsRace(s)) {
    return Status::FailedPrecondition("a key with id " + key.id + " exists");
  }
  return s;
}

StatusOr<std::vector<CentralKey>> PostgresStore::ListKeys() {
  std::vector<CentralKey> keys;
  BELADDR_RETURN_IF_ERROR(pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(
        Result r, c.Exec("SELECT id, central, sha256, created_at, revoked_at "
                         "FROM central_keys ORDER BY created_at, id"));
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      keys.push_back({Value(r, row, 0), Value(r, row, 1), Value(r, row, 2),
                      Int(r, row, 3), Int(r, row, 4)});
    }
    return Status::OK();
  }));
  return keys;
}

Status PostgresStore::RevokeKey(std::string_view id, Micros at) {
  return pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(
        Result r, c.Exec("UPDATE central_keys SET revoked_at = CASE WHEN "
                         "revoked_at = 0 THEN $2 ELSE revoked_at END WHERE "
                         "id = $1 RETURNING id",
                         {std::string(id), std::to_string(at)}));
    if (PQntuples(r.get()) == 0) {
      return Status::NotFound("no key has id " + std::string(id));
    }
    return Status::OK();
  });
}

StatusOr<std::string> PostgresStore::CentralOfKey(std::string_view sha256_hex) {
  std::string central;
  BELADDR_RETURN_IF_ERROR(pool_.With([&](Connection& c) -> Status {
    BELADDR_ASSIGN_OR_RETURN(
        Result r, c.Exec("SELECT central, sha256, revoked_at FROM central_keys "
                         "WHERE sha256 = $1",
                         {std::string(sha256_hex)}));
    if (PQntuples(r.get()) != 1) return Status::NotFound("unknown key");
    const std::string stored = Value(r, 0, 1);
    if (stored.size() != sha256_hex.size() ||
        CRYPTO_memcmp(stored.data(), sha256_hex.data(), stored.size()) != 0 ||
        Int(r, 0, 2) != 0) {
      return Status::NotFound("unknown or revoked key");
    }
    central = Value(r, 0, 0);
    return Status::OK();
  }));
  return central;
}

}  // namespace

StatusOr<std::unique_ptr<DeclarationStore>> OpenPostgresStore(
    const std::string& uri) {
  auto store = std::make_unique<PostgresStore>(uri);
  BELADDR_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<DeclarationStore>(std::move(store));
}

}  // namespace beladdr::declarations::internal
