#include "pg_peer.h"

#include <dirent.h>
#include <libpq-fe.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "beladdr_systems.h"

namespace beladdr::peers {
namespace {

constexpr char kSchema[] = R"sql(
DROP TABLE IF EXISTS street_names;
DROP TABLE IF EXISTS places;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- unaccent() is STABLE (it reads a dictionary); indexes need IMMUTABLE.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
CREATE OR REPLACE FUNCTION f_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT btrim(regexp_replace(lower(f_unaccent($1)), '[^a-z0-9]+', ' ', 'g')) $$;
CREATE TABLE street_names (
  code text NOT NULL,
  lang text NOT NULL,
  name text NOT NULL,
  postcode text NOT NULL,
  nis text NOT NULL,
  name_folded text GENERATED ALWAYS AS (f_fold(name)) STORED
);
CREATE TABLE places (name_folded text NOT NULL, postcode text NOT NULL);
)sql";

constexpr char kIndexes[] = R"sql(
CREATE INDEX street_names_trgm ON street_names USING gin (name_folded gin_trgm_ops);
CREATE INDEX street_names_postcode ON street_names (postcode);
CREATE INDEX street_names_nis ON street_names (nis);
CREATE INDEX places_name ON places (name_folded);
ANALYZE street_names;
ANALYZE places;
)sql";

// $1 street text (folded), $2 postcodes as a text[] literal. Within the
// postcodes (a few hundred names) every name is scored, no threshold: a
// typo may bring a name below any cut-off; everywhere else the <% index
// condition keeps it fast.
constexpr char kWordFiltered[] =
    "SELECT code, lang, word_similarity($1, name_folded) AS s FROM "
    "street_names "
    "WHERE postcode = ANY($2::text[]) ORDER BY s DESC, code LIMIT 50";
constexpr char kWordGlobal[] =
    "SELECT code, lang, word_similarity($1, name_folded) AS s FROM "
    "street_names "
    "WHERE $1 <% name_folded ORDER BY s DESC, code LIMIT 50";
constexpr char kBlendFiltered[] =
    "SELECT code, lang, 0.7 * word_similarity($1, name_folded) + 0.3 * "
    "similarity($1, "
    "name_folded) AS s FROM street_names WHERE postcode = ANY($2::text[]) "
    "ORDER BY s DESC, code LIMIT 50";
constexpr char kBlendGlobal[] =
    "SELECT code, lang, 0.7 * word_similarity($1, name_folded) + 0.3 * "
    "similarity($1, "
    "name_folded) AS s FROM street_names WHERE $1 <% name_folded ORDER BY s "
    "DESC, code LIMIT 50";

// $1 street, $2 postcodes, $3 NIS codes: every name in the municipalities
// or postcodes named, blended; of equal names, the one in the postcode.
constexpr char kBlendScoped[] =
    "SELECT code, lang, 0.7 * word_similarity($1, name_folded) + 0.3 * "
    "similarity($1, name_folded) AS s FROM street_names "
    "WHERE postcode = ANY($2::text[]) OR nis = ANY($3::text[]) "
    "ORDER BY s DESC, postcode = ANY($2::text[]) DESC, code LIMIT 50";

// A text[] literal of plain codes (digits).
std::string TextArray(const std::vector<std::string>& values) {
  std::string array = "{";
  for (const std::string& v : values)
    array += (array.size() > 1 ? "," : "") + v;
  return array + "}";
}

std::string Error(pg_conn* conn) {
  std::string e = PQerrorMessage(conn);
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  return e;
}

// COPY text format: tabs, newlines and backslashes escaped.
void AppendCopyField(const std::string& s, std::string* out) {
  for (const char c : s) {
    if (c == '\t')
      *out += "\\t";
    else if (c == '\n')
      *out += "\\n";
    else if (c == '\\')
      *out += "\\\\";
    else
      out->push_back(c);
  }
}

uint64_t ClusterPss(const std::string& data_dir) {
  std::ifstream pidfile(data_dir + "/postmaster.pid");
  int postmaster = 0;
  pidfile >> postmaster;
  if (postmaster <= 0) return 0;
  uint64_t total = ProcessPss(postmaster);
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return total;
  while (dirent* e = readdir(proc)) {
    const int pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string state;
    int parent = 0;
    rest >> state >> parent;
    if (parent == postmaster) total += ProcessPss(pid);
  }
  closedir(proc);
  return total;
}

}  // namespace

std::vector<PgVariant> PgVariants() {
  return {
      {"pg_trgm word_similarity, <% 0.6",
       "every name within the postcodes ranked by word_similarity(street, "
       "name); elsewhere the "
       "<% operator at pg_trgm's default threshold 0.6",
       0.6, false, 0},
      {"pg_trgm word_similarity, <% 0.4",
       "the same with the <% threshold at 0.4 (finds more typos, reads more of "
       "the index)",
       0.4, false, 0},
      {"pg_trgm blend, <% 0.5",
       "ranked by 0.7 word_similarity + 0.3 similarity (prefers whole-name "
       "matches); <% 0.5",
       0.5, true, 0},
      {"pg_trgm blend, <% 0.5 then 0.3",
       "the blend; when the whole country finds nothing at <% 0.5, again at "
       "0.3",
       0.5, true, 0.3},
      {"pg_trgm municipality-aware, scope 0.5",
       "places resolved to postcodes and municipalities (NIS); the blend "
       "over every name there; below 0.5 in scope, the whole country too "
       "(<% 0.5 then 0.3), the better answer kept",
       0.5, true, 0.3, true, 0.5},
      {"pg_trgm municipality-aware, scope 0.3",
       "the same, the whole country only below 0.3 in scope", 0.5, true, 0.3,
       true, 0.3},
  };
}

StatusOr<std::unique_ptr<PgPeer>> PgPeer::Connect(const std::string& conninfo,
                                                  const std::string& data_dir,
                                                  const PlaceTable* places) {
  std::unique_ptr<PgPeer> peer(new PgPeer());
  peer->conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(peer->conn_) != CONNECTION_OK) {
    return Status::IOError("PostgreSQL at '" + conninfo +
                           "': " + Error(peer->conn_));
  }
  peer->data_dir_ = data_dir;
  peer->places_ = places;
  // "relation does not exist, skipping" and the like are not news here.
  BELADDR_RETURN_IF_ERROR(peer->Exec("SET client_min_messages = warning"));
  return peer;
}

PgPeer::~PgPeer() {
  if (conn_ != nullptr) PQfinish(conn_);
}

Status PgPeer::Exec(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType st = PQresultStatus(r);
  PQclear(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    return Status::IOError("PostgreSQL: " + Error(conn_));
  }
  return Status::OK();
}

Status PgPeer::Load(const std::vector<StreetRow>& streets) {
  const auto start = std::chrono::steady_clock::now();
  BELADDR_RETURN_IF_ERROR(Exec(kSchema));
  auto copy = [&](const std::string& sql, const std::string& data) -> Status {
    PGresult* r = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) return Status::IOError("COPY: " + Error(conn_));
    if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(conn_, nullptr) != 1) {
      return Status::IOError("COPY data: " + Error(conn_));
    }
    r = PQgetResult(conn_);
    const bool done = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    while ((r = PQgetResult(conn_)) != nullptr) PQclear(r);
    return done ? Status::OK() : Status::IOError("COPY end: " + Error(conn_));
  };
  std::string data;
  for (const StreetRow& s : streets) {
    AppendCopyField(s.code, &data);
    data.push_back('\t');
    AppendCopyField(s.lang, &data);
    data.push_back('\t');
    AppendCopyField(s.name, &data);
    data.push_back('\t');
    AppendCopyField(s.postcode, &data);
    data.push_back('\t');
    AppendCopyField(s.nis, &data);
    data.push_back('\n');
  }
  BELADDR_RETURN_IF_ERROR(copy(
      "COPY street_names (code, lang, name, postcode, nis) FROM STDIN", data));
  data.clear();
  for (const auto& [name, postcode] : places_->Rows()) {
    AppendCopyField(name, &data);
    data.push_back('\t');
    AppendCopyField(postcode, &data);
    data.push_back('\n');
  }
  BELADDR_RETURN_IF_ERROR(
      copy("COPY places (name_folded, postcode) FROM STDIN", data));
  BELADDR_RETURN_IF_ERROR(Exec(kIndexes));
  facts_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  PGresult* r = PQexec(conn_,
                       "SELECT pg_total_relation_size('street_names') + "
                       "pg_total_relation_size('places')");
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
    facts_.bytes_on_disk = std::stoull(PQgetvalue(r, 0, 0));
  }
  PQclear(r);
  for (auto [name, sql] : {std::pair{"word_filtered", kWordFiltered},
                           std::pair{"word_global", kWordGlobal},
                           std::pair{"blend_filtered", kBlendFiltered},
                           std::pair{"blend_global", kBlendGlobal},
                           std::pair{"blend_scoped", kBlendScoped}}) {
    const int params = std::string(sql).find("$3") != std::string::npos   ? 3
                       : std::string(sql).find("$2") != std::string::npos ? 2
                                                                          : 1;
    r = PQprepare(conn_, name, sql, params, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok)
      return Status::IOError(std::string("prepare ") + name + ": " +
                             Error(conn_));
  }
  return Status::OK();
}

Status PgPeer::SetVariant(const PgVariant& variant) {
  variant_ = variant;
  return Exec("SET pg_trgm.word_similarity_threshold = " +
              std::to_string(variant.word_threshold));
}

BuildFacts PgPeer::Facts() const {
  BuildFacts f = facts_;
  f.memory_bytes = ClusterPss(data_dir_);
  f.memory_note =
      "PSS of the postmaster and its processes (shared_buffers included)";
  return f;
}

StatusOr<Ranked> PgPeer::Run(const char* statement,
                             const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  PGresult* r =
      PQexecPrepared(conn_, statement, static_cast<int>(values.size()),
                     values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    const std::string e = Error(conn_);
    PQclear(r);
    return Status::IOError("query: " + e);
  }
  Ranked out;
  std::map<std::string, bool> seen;
  for (int i = 0; i < PQntuples(r) && out.codes.size() < 10; ++i) {
    const std::string code = PQgetvalue(r, i, 0);
    if (seen[code]) continue;  // the same street in another language
    seen[code] = true;
    if (out.codes.empty()) out.language = PQgetvalue(r, i, 1);
    out.codes.emplace_back(code, std::stod(PQgetvalue(r, i, 2)));
  }
  PQclear(r);
  return out;
}

StatusOr<Ranked> PgPeer::Global(const std::string& street) {
  const char* global = variant_.blend ? "blend_global" : "word_global";
  auto r = Run(global, {street});
  if (!r.ok() || !r->codes.empty() || variant_.retry_threshold <= 0) return r;
  BELADDR_RETURN_IF_ERROR(Exec("SET pg_trgm.word_similarity_threshold = " +
                               std::to_string(variant_.retry_threshold)));
  r = Run(global, {street});
  BELADDR_RETURN_IF_ERROR(Exec("SET pg_trgm.word_similarity_threshold = " +
                               std::to_string(variant_.word_threshold)));
  return r;
}

StatusOr<Ranked> PgPeer::Search(const SearchRequest& request) {
  const AnalyzedQuery q = AnalyzeRequest(request, *places_);
  if (q.street.empty()) return Ranked{};
  if (variant_.municipality_aware) {
    Ranked scoped;
    if (!q.postcodes.empty() || !q.nis.empty()) {
      BELADDR_ASSIGN_OR_RETURN(
          scoped, Run("blend_scoped",
                      {q.street, TextArray(q.postcodes), TextArray(q.nis)}));
      if (!scoped.codes.empty() &&
          scoped.codes.front().second >= variant_.scope_min) {
        return scoped;
      }
    }
    // Nothing convincing in scope: the country's best, when it reads
    // clearly better than the scope's.
    BELADDR_ASSIGN_OR_RETURN(Ranked global, Global(q.street));
    return PreferScope(std::move(scoped), std::move(global));
  }
  const char* filtered = variant_.blend ? "blend_filtered" : "word_filtered";
  if (!q.postcodes.empty()) {
    auto r = Run(filtered, {q.street, TextArray(q.postcodes)});
    if (!r.ok() || !r->codes.empty()) return r;
  }
  return Global(q.street);
}

}  // namespace beladdr::peers
