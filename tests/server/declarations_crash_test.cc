// Durability of the declaration store through the real server, on both
// stores: four centrals create declarations concurrently, the server is
// killed (SIGKILL) mid-stream, and after a restart every declaration
// acknowledged with a 201 is there, no number was used twice, and the audit
// trail matches the declarations.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "postgres_cluster.h"
#include "server_test_util.h"
#include "test_util.h"

namespace beladdr::testing {
namespace {

namespace json = boost::json;
namespace decl = beladdr::declarations;

constexpr int kCentrals = 4;
// Acknowledged creates before the kill (at least).
constexpr int kBeforeKill = 60;

constexpr char kCreateBody[] =
    R"({"address": {"street": "Rue Haute", "houseNumber": "5",
        "postCode": "7090"},
        "user": {"type": "enterprise", "enterpriseNumber": "0203.201.340",
                 "name": "Proximus"},
        "alarm": {"detectionKinds": ["fire"], "premisesType": "commercial",
                  "startDate": "2026-01-01"},
        "contacts": [{"name": "Desk", "phone": "+32 2 202 41 11"}]})";

std::string StoreUri(const std::string& kind, const TempDir& dir) {
  if (kind == "RocksDb") return "rocksdb:" + dir.Sub("declarations");
  std::string why;
  PostgresCluster* cluster = SharedPostgres(&why);
  if (cluster == nullptr) {
    ADD_FAILURE() << why;
    return "";
  }
  StatusOr<std::string> uri = cluster->NewDatabase();
  EXPECT_TRUE(uri.ok()) << uri.status().ToString();
  return uri.ok() ? *uri : "";
}

// Creates until the server stops answering; the numbers it acknowledged.
void CreateUntilDown(uint16_t port, const std::string& key,
                     std::atomic<int>* acked, std::vector<std::string>* out) {
  TestClient client(port);
  while (true) {
    HttpRequest req = PostJson("/CreateDeclarationCAS", kCreateBody);
    req.set(http::field::authorization, "Bearer " + key);
    HttpResponse res;
    if (client.Roundtrip(req, &res)) return;  // the server is gone
    if (res.result_int() != 201) {
      ADD_FAILURE() << res.result_int() << " " << res.body();
      return;
    }
    out->push_back(std::string(
        json::parse(res.body()).at("declarationNumber").as_string()));
    ++*acked;
  }
}

class DeclarationCrash : public ::testing::TestWithParam<std::string> {};

TEST_P(DeclarationCrash, AcknowledgedCreatesSurviveSigkill) {
  TempDir dir;
  const std::string uri = StoreUri(GetParam(), dir);
  ASSERT_FALSE(uri.empty());
  std::vector<std::string> keys, centrals;
  {
    auto store = decl::OpenDeclarationStore(uri);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (int c = 0; c < kCentrals; ++c) {
      centrals.push_back("central-" + std::to_string(c));
      auto key = decl::MakeKey(centrals.back(), decl::Now());
      ASSERT_TRUE((*store)->AddKey(key->record).ok());
      keys.push_back(key->secret);
    }
  }
  const std::vector<std::string> args = {
      "--index", SharedTinyIndexDir(), "--port", "0", "--declarations",
      uri,       "--no-access-log"};
  std::vector<std::vector<std::string>> acked(kCentrals);
  {
    ServerProcess server(dir, args);
    const uint16_t port = server.WaitForPort();
    ASSERT_NE(port, 0) << server.Stderr();
    std::atomic<int> count{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kCentrals; ++c) {
      clients.emplace_back(CreateUntilDown, port, keys[c], &count, &acked[c]);
    }
    while (count < kBeforeKill) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server.Signal(SIGKILL);  // mid-stream: requests are in flight
    for (auto& t : clients) t.join();
  }
  // Restarted, the server answers every acknowledged declaration.
  ServerProcess again(dir, args);
  const uint16_t port = again.WaitForPort();
  ASSERT_NE(port, 0) << again.Stderr();
  std::set<std::string> all;
  size_t total = 0;
  for (int c = 0; c < kCentrals; ++c) {
    TestClient client(port);
    for (const std::string& number : acked[c]) {
      HttpRequest req = Get("/declarations/" + number);
      req.set(http::field::authorization, "Bearer " + keys[c]);
      HttpResponse res;
      ASSERT_FALSE(client.Roundtrip(req, &res));
      EXPECT_EQ(res.result_int(), 200u) << number << " of " << centrals[c];
      all.insert(number);
      ++total;
    }
  }
  EXPECT_GE(total, static_cast<size_t>(kBeforeKill));
  EXPECT_EQ(all.size(), total) << "a number was acknowledged twice";
  again.Signal(SIGTERM);
  ASSERT_EQ(again.WaitExit(30), 0);
  // The store: numbers unique, one create entry per declaration, each
  // matching the declaration as stored.
  auto store = decl::OpenDeclarationStore(uri);
  ASSERT_TRUE(store.ok());
  std::set<std::string> stored;
  for (const std::string& central : centrals) {
    decl::DeclarationQuery q{.central = central, .limit = 100};
    while (true) {
      auto page = (*store)->Search(q);
      ASSERT_TRUE(page.ok());
      for (const decl::Declaration& d : page->declarations) {
        EXPECT_TRUE(stored.insert(d.number).second) << d.number;
        auto audit = (*store)->Audit(d.number);
        ASSERT_TRUE(audit.ok());
        ASSERT_EQ(audit->size(), 1u) << d.number;
        EXPECT_EQ(audit->at(0).operation, "create");
        EXPECT_EQ(audit->at(0).after, decl::EncodeRecord(d));
      }
      if (page->next_after.empty()) break;
      q.after = page->next_after;
    }
  }
  for (const std::string& n : all) EXPECT_TRUE(stored.count(n)) << n;
}

INSTANTIATE_TEST_SUITE_P(Stores, DeclarationCrash,
                         ::testing::Values("RocksDb", "Postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace beladdr::testing
