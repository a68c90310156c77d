// The server over real loopback sockets on an ephemeral port: keep-alive,
// concurrency, the transport limits (413, 431, malformed HTTP, slow
// clients, the connection cap) and graceful shutdown with requests in
// flight.

#include "server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "server_test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
using testing::Get;
using testing::HttpResponse;
using testing::PostJson;
using testing::TestClient;
using testing::TinyPublicSearcher;

ServerOptions TestOptions() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;  // ephemeral
  options.threads = 2;
  options.shutdown_grace = std::chrono::milliseconds(3000);
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(const Searcher* searcher,
                   ServerOptions options = TestOptions()) {
    server_ = std::make_unique<Server>(options, searcher, &metrics_, nullptr);
    const Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }
  void SetUp() override {}
  void TearDown() override {
    if (server_) {
      server_->Shutdown();
      server_->Wait();
    }
  }

  Metrics metrics_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, SearchPostAndGetAndPing) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  HttpResponse res;
  ASSERT_FALSE(client.Roundtrip(
      PostJson("/SearchAddresses",
               R"({"query": "rue de l eglise 12 bte 3, 's Gravenbrakel"})"),
      &res));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  json::value v = json::parse(res.body());
  EXPECT_EQ(v.at("results").at(0).at("streetCode"), "icar:7716575@7090");
  EXPECT_EQ(v.at("results").at(0).at("houseNumber"), "12");
  EXPECT_EQ(v.at("results").at(0).at("boxNumber"), "3");

  ASSERT_FALSE(
      client.Roundtrip(Get("/SearchAddresses?q=St-Pietersnieuwstr"), &res));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(json::parse(res.body()).at("results").at(0).at("streetCode"),
            "crab:71633@9000");

  ASSERT_FALSE(client.Roundtrip(Get("/ConsumerPing"), &res));
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(json::parse(res.body()).at("status"), "ok");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  for (int i = 0; i < 20; ++i) {
    HttpResponse res;
    ASSERT_FALSE(client.Roundtrip(
        PostJson("/SearchAddresses", R"({"query": "Luik"})"), &res))
        << "request " << i;
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_TRUE(res.keep_alive());
  }
  // Errors the handler answers keep the connection too.
  HttpResponse res;
  ASSERT_FALSE(client.Roundtrip(Get("/nope"), &res));
  EXPECT_EQ(res.result_int(), 404u);
  ASSERT_FALSE(client.Roundtrip(Get("/ConsumerPing"), &res));
  EXPECT_EQ(res.result_int(), 200u);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  client.WriteRaw(
      "GET /SearchAddresses?q=Luik HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /ConsumerPing HTTP/1.1\r\nHost: x\r\n\r\n");
  HttpResponse a, b, c;
  ASSERT_FALSE(client.Read(&a));
  ASSERT_FALSE(client.Read(&b));
  ASSERT_FALSE(client.Read(&c));
  EXPECT_EQ(a.result_int(), 200u);
  EXPECT_EQ(b.result_int(), 404u);
  EXPECT_EQ(c.result_int(), 200u);
}

TEST_F(ServerTest, ConcurrentClients) {
  StartServer(&TinyPublicSearcher());
  const char* queries[] = {"chee de waterlo 1180", "Aachner Strase",
                           "Graanmarkt 5, Courtrai", "Hoogstraat 12/3 Gent"};
  const char* codes[] = {"urbis:13@1180", "icar:7735714@4700",
                         "crab:52118@8500", "crab:70413@9000"};
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      TestClient client(port_);
      for (int i = 0; i < 25; ++i) {
        const int q = (t + i) % 4;
        HttpResponse res;
        if (client.Roundtrip(
                PostJson("/SearchAddresses",
                         std::string(R"({"query": ")") + queries[q] + "\"}"),
                &res)) {
          return;
        }
        if (res.result_int() == 200 &&
            json::parse(res.body()).at("results").at(0).at("streetCode") ==
                codes[q]) {
          ++ok;
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 8 * 25);
}

TEST_F(ServerTest, BodyOver16KiBIs413AndCloses) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  HttpResponse res;
  ASSERT_FALSE(client.Roundtrip(
      PostJson("/SearchAddresses",
               "{\"query\": \"" + std::string(17 * 1024, 'a') + "\"}"),
      &res));
  EXPECT_EQ(res.result_int(), 413u);
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  EXPECT_NE(res.body().find("16 KiB"), std::string::npos);
  EXPECT_TRUE(client.ClosedByServer(2000));
}

TEST_F(ServerTest, HeadersTooLargeIs431) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  auto req = Get("/ConsumerPing");
  req.set("x-padding", std::string(16 * 1024, 'p'));
  HttpResponse res;
  ASSERT_FALSE(client.Roundtrip(req, &res));
  EXPECT_EQ(res.result_int(), 431u);
  EXPECT_EQ(json::parse(res.body()).at("status"), 431);
}

// Issue 14.13: a request cut off by a limit is counted under its route.
TEST_F(ServerTest, LimitErrorsAreCountedUnderTheirRoute) {
  StartServer(&TinyPublicSearcher());
  {
    TestClient client(port_);
    HttpResponse res;
    client.Roundtrip(
        PostJson("/SearchAddresses",
                 "{\"query\": \"" + std::string(17 * 1024, 'a') + "\"}"),
        &res);
    EXPECT_EQ(res.result_int(), 413u);
  }
  {
    TestClient client(port_);
    auto req = Get("/ConsumerPing");
    req.set("x-padding", std::string(16 * 1024, 'p'));
    HttpResponse res;
    client.Roundtrip(req, &res);
    EXPECT_EQ(res.result_int(), 431u);
  }
  const std::string text = metrics_.Render();
  EXPECT_NE(
      text.find(
          R"(beladdr_http_requests_total{route="/SearchAddresses",status="413"} 1)"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          R"(beladdr_http_requests_total{route="/ConsumerPing",status="431"} 1)"),
      std::string::npos)
      << text;
}

TEST_F(ServerTest, MalformedHttpIs400) {
  StartServer(&TinyPublicSearcher());
  TestClient client(port_);
  client.WriteRaw("HELLO THERE\r\n\r\n");
  HttpResponse res;
  ASSERT_FALSE(client.Read(&res));
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_EQ(json::parse(res.body()).at("type"),
            "urn:beladdr:problem:malformed-request");
  EXPECT_TRUE(client.ClosedByServer(2000));
}

TEST_F(ServerTest, SlowClientIsDropped) {
  ServerOptions options = TestOptions();
  options.session.read_timeout = std::chrono::milliseconds(300);
  StartServer(&TinyPublicSearcher(), options);
  TestClient client(port_);
  // Half a request, then a byte now and then: the whole request must
  // arrive within the read timeout.
  client.WriteRaw("POST /SearchAddresses HTTP/1.1\r\nHost: x\r\n");
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    client.WriteRaw("X");
  }
  EXPECT_TRUE(client.ClosedByServer(3000));
}

TEST_F(ServerTest, IdleConnectionIsClosedAfterTimeout) {
  ServerOptions options = TestOptions();
  options.session.read_timeout = std::chrono::milliseconds(200);
  StartServer(&TinyPublicSearcher(), options);
  TestClient client(port_);
  EXPECT_TRUE(client.ClosedByServer(3000));
}

// At the cap, the connection idle longest makes room for a new client
// (issue 14.15); a connection that never sent a request goes before a
// kept-alive client.
TEST_F(ServerTest, AtTheCapTheLongestIdleConnectionMakesRoom) {
  ServerOptions options = TestOptions();
  options.max_connections = 2;
  StartServer(&TinyPublicSearcher(), options);
  TestClient a(port_), b(port_);
  HttpResponse res;
  // The server's side of a connection is idle once it waits for the next
  // request, a moment after the client has its answer.
  auto settle = [] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  };
  ASSERT_FALSE(a.Roundtrip(Get("/ConsumerPing"), &res));
  settle();
  ASSERT_FALSE(b.Roundtrip(Get("/ConsumerPing"), &res));
  settle();
  // Both are idle, kept alive; a has waited longer.
  TestClient c(port_);
  ASSERT_FALSE(c.Roundtrip(Get("/ConsumerPing"), &res));
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(a.ClosedByServer(2000));
  ASSERT_FALSE(b.Roundtrip(Get("/ConsumerPing"), &res));
  EXPECT_EQ(res.result_int(), 200u);
  settle();
  // A connection that never sent a request is evicted before b and c.
  TestClient silent(port_);  // evicts the longer idle of b and c
  settle();
  TestClient d(port_);
  ASSERT_FALSE(d.Roundtrip(Get("/ConsumerPing"), &res));
  EXPECT_TRUE(silent.ClosedByServer(2000));
}

TEST_F(ServerTest, ShutdownFinishesRequestsInFlight) {
  testing::GatedSearcher gated;
  gated.Hold();
  // The held searches each occupy an I/O thread; leave some free.
  ServerOptions options = TestOptions();
  options.threads = 4;
  StartServer(&gated, options);
  TestClient idle(port_);
  HttpResponse warm;
  ASSERT_FALSE(idle.Roundtrip(Get("/ConsumerPing"), &warm));

  // Two searches are in the engine when the shutdown begins.
  std::vector<std::future<std::pair<unsigned, std::string>>> inflight;
  for (int i = 0; i < 2; ++i) {
    inflight.push_back(std::async(std::launch::async, [this] {
      TestClient client(port_);
      HttpResponse res;
      if (client.Roundtrip(PostJson("/SearchAddresses", R"({"query": "Luik"})"),
                           &res)) {
        return std::make_pair(0u, std::string());
      }
      return std::make_pair(res.result_int(),
                            std::string(res[http::field::connection]));
    }));
  }
  gated.WaitForWaiting(2);
  const auto start = std::chrono::steady_clock::now();
  server_->Shutdown();
  // The idle connection is closed, and no new one is accepted.
  EXPECT_TRUE(idle.ClosedByServer(2000));
  gated.Release();
  for (auto& f : inflight) {
    const auto [status, connection] = f.get();
    EXPECT_EQ(status, 200u);
    EXPECT_EQ(connection, "close");
  }
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  server_.reset();
}

TEST_F(ServerTest, ShutdownGivesUpOnRequestsPastTheGracePeriod) {
  testing::GatedSearcher gated;
  gated.Hold();
  ServerOptions options = TestOptions();
  options.shutdown_grace = std::chrono::milliseconds(200);
  StartServer(&gated, options);
  auto stuck = std::async(std::launch::async, [this] {
    TestClient client(port_);
    HttpResponse res;
    return client.Roundtrip(
        PostJson("/SearchAddresses", R"({"query": "Luik"})"), &res);
  });
  gated.WaitForWaiting(1);
  const auto start = std::chrono::steady_clock::now();
  server_->Shutdown();
  // The I/O threads are stopped after the grace period even though one of
  // them is still inside the engine; Wait() returns once it comes back.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  gated.Release();
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  server_.reset();
  stuck.get();
}

TEST_F(ServerTest, PortInUseIsAnError) {
  StartServer(&TinyPublicSearcher());
  ServerOptions options = TestOptions();
  options.port = port_;
  Server second(options, &TinyPublicSearcher(), nullptr, nullptr);
  const Status s = second.Start();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find(std::to_string(port_)), std::string::npos)
      << s.ToString();
}

}  // namespace
}  // namespace beladdr::server
