// PostgreSQL with pg_trgm, given its best shot: names folded with
// unaccent (through an IMMUTABLE wrapper) and lower(), a GIN gin_trgm_ops
// index on the folded names, the place names of data/ in a table, and a
// query that filters by the postcodes found in the text (or through place
// names), falls back to the whole country when that finds nothing, and
// ranks by word_similarity (or a blend with similarity).
//
// Thread safety: one connection; use from one thread.

#ifndef BELADDR_BENCH_PEERS_PG_PEER_H_
#define BELADDR_BENCH_PEERS_PG_PEER_H_

#include <memory>
#include <string>
#include <vector>

#include "peer_text.h"
#include "street_rows.h"
#include "system.h"

struct pg_conn;

namespace beladdr::peers {

struct PgVariant {
  std::string name;         // e.g. "pg_trgm ws<%0.5"
  std::string description;  // for the report
  double word_threshold;    // pg_trgm.word_similarity_threshold
  bool blend;               // ORDER BY 0.7 word_similarity + 0.3 similarity
  double retry_threshold;   // when the whole country finds nothing: again
                            // at this threshold (0: no retry)
  // Municipality-aware: the place filter is the municipalities (NIS) of the
  // named postcodes and places, as well as the postcodes; when the best
  // name in scope scores below scope_min, the whole country is searched
  // too and the better of the two answers is kept.
  bool municipality_aware = false;
  double scope_min = 0;
};

// The variants tried; the report keeps the best.
std::vector<PgVariant> PgVariants();

class PgPeer : public System {
 public:
  // `conninfo`: a libpq connection string (host=127.0.0.1 port=...).
  // `data_dir`: the cluster's data directory, for memory figures.
  static StatusOr<std::unique_ptr<PgPeer>> Connect(const std::string& conninfo,
                                                   const std::string& data_dir,
                                                   const PlaceTable* places);
  ~PgPeer() override;

  // Creates the schema and loads the rows; measures time and size.
  Status Load(const std::vector<StreetRow>& streets);
  Status SetVariant(const PgVariant& variant);

  std::string Name() const override { return variant_.name; }
  StatusOr<Ranked> Search(const SearchRequest& request) override;
  BuildFacts Facts() const override;

 private:
  PgPeer() = default;
  Status Exec(const std::string& sql);
  StatusOr<Ranked> Run(const char* statement,
                       const std::vector<std::string>& params);
  // The whole country, with the variant's retry.
  StatusOr<Ranked> Global(const std::string& street);

  pg_conn* conn_ = nullptr;
  std::string data_dir_;
  const PlaceTable* places_ = nullptr;
  PgVariant variant_;
  BuildFacts facts_;
};

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_PG_PEER_H_
