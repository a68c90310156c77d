#include "sqlite_peer.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "trigram_similarity.h"

namespace beladdr::peers {
namespace {

// A statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// The word trigrams of folded text, as FTS5 phrases ("abc").
std::vector<std::string> QueryTrigrams(const std::string& folded) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t end = std::min(folded.find(' ', i), folded.size());
    for (size_t k = i; k + 3 <= end; ++k) out.push_back(folded.substr(k, 3));
    i = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<SqliteVariant> SqliteVariants() {
  return {
      {"SQLite FTS5 all trigrams",
       "OR of every trigram of the street, 100 best by bm25, re-ranked", 0,
       100},
      {"SQLite FTS5 rare trigrams",
       "OR of the street's 8 rarest trigrams (fts5vocab), 200 best by bm25, "
       "re-ranked",
       8, 200},
      {"SQLite FTS5 municipality-aware, scope 0.5",
       "every name in the named postcodes and municipalities (NIS) "
       "re-ranked; below 0.5 there, the rare-trigram search of the whole "
       "country too, the better answer kept",
       8, 200, true, 0.5},
  };
}

StatusOr<std::unique_ptr<SqlitePeer>> SqlitePeer::Create(
    const std::string& path, const PlaceTable* places) {
  std::remove(path.c_str());
  std::unique_ptr<SqlitePeer> peer(new SqlitePeer());
  if (sqlite3_open(path.c_str(), &peer->db_) != SQLITE_OK) {
    return Status::IOError("sqlite open " + path);
  }
  peer->path_ = path;
  peer->places_ = places;
  return peer;
}

SqlitePeer::~SqlitePeer() {
  if (db_ != nullptr) sqlite3_close(db_);
}

Status SqlitePeer::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string e = error != nullptr ? error : "?";
    sqlite3_free(error);
    return Status::IOError("sqlite: " + e);
  }
  return Status::OK();
}

Status SqlitePeer::Load(const std::vector<StreetRow>& streets) {
  const auto start = std::chrono::steady_clock::now();
  BELADDR_RETURN_IF_ERROR(Exec(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
      "CREATE TABLE streets (id INTEGER PRIMARY KEY, code TEXT, lang TEXT, "
      "postcode TEXT, nis TEXT,"
      " name_folded TEXT);"
      "CREATE VIRTUAL TABLE street_fts USING fts5(name_folded, "
      "content='streets',"
      " content_rowid='id', tokenize='trigram');"
      "CREATE VIRTUAL TABLE street_vocab USING fts5vocab('street_fts', 'row');"
      "BEGIN;"));
  {
    Statement insert(
        db_,
        "INSERT INTO streets (id, code, lang, postcode, nis, name_folded)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    if (insert.get() == nullptr)
      return Status::IOError("sqlite prepare insert");
    int64_t id = 0;
    for (const StreetRow& s : streets) {
      const std::string folded = Fold(s.name);
      sqlite3_bind_int64(insert.get(), 1, ++id);
      sqlite3_bind_text(insert.get(), 2, s.code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert.get(), 3, s.lang.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert.get(), 4, s.postcode.c_str(), -1,
                        SQLITE_TRANSIENT);
      sqlite3_bind_text(insert.get(), 5, s.nis.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert.get(), 6, folded.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(insert.get()) != SQLITE_DONE)
        return Status::IOError("sqlite insert");
      sqlite3_reset(insert.get());
    }
  }
  BELADDR_RETURN_IF_ERROR(
      Exec("INSERT INTO street_fts(street_fts) VALUES ('rebuild');"
           "CREATE INDEX streets_postcode ON streets (postcode);"
           "CREATE INDEX streets_nis ON streets (nis);"
           "COMMIT; ANALYZE;"));
  facts_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0)
    facts_.bytes_on_disk = static_cast<uint64_t>(st.st_size);
  return Status::OK();
}

BuildFacts SqlitePeer::Facts() const {
  BuildFacts f = facts_;
  sqlite3_int64 current = 0, high = 0;
  sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &high, 0);
  f.memory_bytes = static_cast<uint64_t>(current);
  f.memory_note =
      "sqlite3 memory in use (page cache included), in the client process";
  return f;
}

int64_t SqlitePeer::DocumentFrequency(const std::string& trigram) {
  for (const auto& [t, df] : df_cache_) {
    if (t == trigram) return df;
  }
  Statement s(db_, "SELECT doc FROM street_vocab WHERE term = ?");
  int64_t df = 0;
  if (s.get() != nullptr) {
    sqlite3_bind_text(s.get(), 1, trigram.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s.get()) == SQLITE_ROW)
      df = sqlite3_column_int64(s.get(), 0);
  }
  if (df_cache_.size() < 20000) df_cache_.emplace_back(trigram, df);
  return df;
}

StatusOr<std::vector<SqlitePeer::Row>> SqlitePeer::Candidates(
    const std::string& match, const std::vector<std::string>& postcodes) {
  std::string sql =
      "SELECT s.code, s.lang, s.name_folded, s.postcode FROM street_fts JOIN "
      "streets s"
      " ON s.id = street_fts.rowid WHERE street_fts MATCH ?";
  if (!postcodes.empty()) {
    sql += " AND s.postcode IN (";
    for (size_t i = 0; i < postcodes.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql +=
      " ORDER BY bm25(street_fts) LIMIT " + std::to_string(variant_.bm25_limit);
  std::vector<std::string> values = {match};
  values.insert(values.end(), postcodes.begin(), postcodes.end());
  return Rows(sql, values);
}

StatusOr<std::vector<SqlitePeer::Row>> SqlitePeer::Rows(
    const std::string& sql, const std::vector<std::string>& values) {
  Statement s(db_, sql);
  if (s.get() == nullptr)
    return Status::IOError(std::string("sqlite: ") + sqlite3_errmsg(db_));
  for (size_t i = 0; i < values.size(); ++i) {
    sqlite3_bind_text(s.get(), static_cast<int>(i + 1), values[i].c_str(), -1,
                      SQLITE_TRANSIENT);
  }
  std::vector<Row> rows;
  auto text = [&](int col) {
    const unsigned char* t = sqlite3_column_text(s.get(), col);
    return t == nullptr ? std::string()
                        : std::string(reinterpret_cast<const char*>(t));
  };
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
    rows.push_back({text(0), text(1), text(2), text(3)});
  if (rc != SQLITE_DONE)
    return Status::IOError(std::string("sqlite: ") + sqlite3_errmsg(db_));
  return rows;
}

StatusOr<std::vector<SqlitePeer::Row>> SqlitePeer::ScopeRows(
    const AnalyzedQuery& q) {
  std::string sql =
      "SELECT code, lang, name_folded, postcode FROM streets WHERE 0";
  std::vector<std::string> values;
  for (const auto* list : {&q.postcodes, &q.nis}) {
    if (list->empty()) continue;
    sql += list == &q.postcodes ? " OR postcode IN (" : " OR nis IN (";
    for (size_t i = 0; i < list->size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      values.push_back((*list)[i]);
    }
    sql += ")";
  }
  return Rows(sql, values);
}

StatusOr<std::vector<SqlitePeer::Row>> SqlitePeer::TextCandidates(
    const AnalyzedQuery& q, bool in_postcodes) {
  std::vector<std::string> trigrams = QueryTrigrams(q.street);
  if (trigrams.empty()) return std::vector<Row>();
  if (variant_.max_trigrams > 0 && trigrams.size() > variant_.max_trigrams) {
    std::vector<std::pair<int64_t, std::string>> by_df;
    for (const std::string& t : trigrams) {
      const int64_t df = DocumentFrequency(t);
      if (df > 0) by_df.emplace_back(df, t);
    }
    std::sort(by_df.begin(), by_df.end());
    trigrams.clear();
    for (size_t i = 0; i < by_df.size() && i < variant_.max_trigrams; ++i) {
      trigrams.push_back(by_df[i].second);
    }
    if (trigrams.empty()) return std::vector<Row>();
  }
  std::string match;
  for (const std::string& t : trigrams)
    match += (match.empty() ? "\"" : " OR \"") + t + "\"";
  return Candidates(match,
                    in_postcodes ? q.postcodes : std::vector<std::string>());
}

Ranked SqlitePeer::Rerank(const AnalyzedQuery& q,
                          const std::vector<Row>& rows) {
  const std::vector<std::string> query = PaddedTrigrams(q.street);
  std::vector<std::pair<double, size_t>> scored;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::vector<std::string> name = PaddedTrigrams(rows[i].name_folded);
    scored.emplace_back(
        0.7 * WordSimilarity(query, name) + 0.3 * Similarity(query, name), i);
  }
  // Of equal names, the one in a postcode of the text.
  auto in_postcode = [&](size_t i) {
    return std::find(q.postcodes.begin(), q.postcodes.end(),
                     rows[i].postcode) != q.postcodes.end();
  };
  std::stable_sort(scored.begin(), scored.end(),
                   [&](const auto& a, const auto& b) {
                     if (a.first != b.first) return a.first > b.first;
                     return in_postcode(a.second) && !in_postcode(b.second);
                   });
  Ranked out;
  std::map<std::string, bool> seen;
  for (const auto& [score, i] : scored) {
    if (out.codes.size() >= 10) break;
    const Row& row = rows[i];
    if (seen[row.code]) continue;
    seen[row.code] = true;
    if (out.codes.empty()) out.language = row.lang;
    out.codes.emplace_back(row.code, score);
  }
  return out;
}

StatusOr<Ranked> SqlitePeer::Search(const SearchRequest& request) {
  const AnalyzedQuery q = AnalyzeRequest(request, *places_);
  if (QueryTrigrams(q.street).empty()) return Ranked{};
  if (variant_.municipality_aware) {
    Ranked scoped;
    if (!q.postcodes.empty() || !q.nis.empty()) {
      BELADDR_ASSIGN_OR_RETURN(std::vector<Row> rows, ScopeRows(q));
      scoped = Rerank(q, rows);
      if (!scoped.codes.empty() &&
          scoped.codes.front().second >= variant_.scope_min) {
        return scoped;
      }
    }
    BELADDR_ASSIGN_OR_RETURN(std::vector<Row> rows, TextCandidates(q, false));
    return PreferScope(std::move(scoped), Rerank(q, rows));
  }
  StatusOr<std::vector<Row>> rows = std::vector<Row>();
  if (!q.postcodes.empty()) {
    rows = TextCandidates(q, true);
    if (!rows.ok()) return rows.status();
  }
  if (q.postcodes.empty() || rows->empty()) {
    rows = TextCandidates(q, false);
    if (!rows.ok()) return rows.status();
  }
  return Rerank(q, *rows);
}

}  // namespace beladdr::peers
