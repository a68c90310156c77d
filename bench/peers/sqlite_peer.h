// SQLite with an FTS5 trigram index (tokenize='trigram'), names folded
// before indexing (this SQLite's trigram tokenizer cannot remove
// diacritics), the place names of data/ resolved to postcodes, and a query
// that ORs the street's trigrams, takes the best by bm25 (within the
// postcodes found, else everywhere) and re-ranks them by pg_trgm's
// similarity measures.
//
// Thread safety: one connection; use from one thread.

#ifndef BELADDR_BENCH_PEERS_SQLITE_PEER_H_
#define BELADDR_BENCH_PEERS_SQLITE_PEER_H_

#include <memory>
#include <string>
#include <vector>

#include "peer_text.h"
#include "street_rows.h"
#include "system.h"

struct sqlite3;
struct sqlite3_stmt;

namespace beladdr::peers {

struct SqliteVariant {
  std::string name;
  std::string description;
  size_t max_trigrams;  // the rarest N of the query's trigrams (0: all)
  int bm25_limit;       // candidates taken by bm25 before the re-rank
  // Municipality-aware (as PgVariant): every name in the named postcodes
  // and municipalities re-ranked; below scope_min there, the FTS5 search
  // of the whole country too, the better answer kept.
  bool municipality_aware = false;
  double scope_min = 0;
};

std::vector<SqliteVariant> SqliteVariants();

class SqlitePeer : public System {
 public:
  // Creates (replacing) the database file at `path`.
  static StatusOr<std::unique_ptr<SqlitePeer>> Create(const std::string& path,
                                                      const PlaceTable* places);
  ~SqlitePeer() override;

  Status Load(const std::vector<StreetRow>& streets);
  void SetVariant(const SqliteVariant& v) { variant_ = v; }

  std::string Name() const override { return variant_.name; }
  StatusOr<Ranked> Search(const SearchRequest& request) override;
  BuildFacts Facts() const override;

 private:
  SqlitePeer() = default;
  Status Exec(const std::string& sql);
  struct Row {
    std::string code, lang, name_folded, postcode;
  };
  // The FTS5 candidates for `match`, within `postcodes` when not empty.
  StatusOr<std::vector<Row>> Candidates(
      const std::string& match, const std::vector<std::string>& postcodes);
  // The rows of `sql` (code, lang, name_folded, postcode) with `values`
  // bound to its parameters in order.
  StatusOr<std::vector<Row>> Rows(const std::string& sql,
                                  const std::vector<std::string>& values);
  // Every name in the postcodes or municipalities (NIS).
  StatusOr<std::vector<Row>> ScopeRows(const AnalyzedQuery& q);
  // The FTS5 candidates of the whole country, or within the postcodes.
  StatusOr<std::vector<Row>> TextCandidates(const AnalyzedQuery& q,
                                            bool in_postcodes);
  // Rows ranked as pg_trgm would (0.7 word_similarity + 0.3 similarity),
  // one per street, best ten.
  static Ranked Rerank(const AnalyzedQuery& q, const std::vector<Row>& rows);
  // Documents containing `trigram` (fts5vocab), cached.
  int64_t DocumentFrequency(const std::string& trigram);

  sqlite3* db_ = nullptr;
  std::string path_;
  const PlaceTable* places_ = nullptr;
  SqliteVariant variant_;
  BuildFacts facts_;
  std::vector<std::pair<std::string, int64_t>> df_cache_;
};

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_SQLITE_PEER_H_
