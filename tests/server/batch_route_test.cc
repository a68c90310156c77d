// Issue 14.7: POST /batch/SearchAddresses and /batch/ResolveAddress, the
// CLI's batch over HTTP: CSV or JSON Lines in, the same format out, one
// answer per line, documented limits with 413 past them.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "handler.h"
#include "server.h"
#include "server_test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
using testing::TinyPublicSearcher;

Request Post(const std::string& target, const std::string& type,
             const std::string& body) {
  Request req = testing::PostJson(target, body);
  req.set(http::field::content_type, type);
  req.prepare_payload();
  return req;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

class BatchRouteTest : public ::testing::Test {
 protected:
  Metrics metrics_;
  Handler handler_{&TinyPublicSearcher(), &metrics_, nullptr};
};

TEST_F(BatchRouteTest, CsvInCsvOut) {
  const Response res = handler_.Handle(
      Post("/batch/SearchAddresses", "text/csv",
           "id;street;postCode\n7;Hoogstraat;9000\n8;;\n9;Graanmarkt;8500\n"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_TRUE(res[http::field::content_type].starts_with("text/csv"));
  const std::vector<std::string> lines = Lines(res.body());
  ASSERT_EQ(lines.size(), 4u) << res.body();  // header + one per row
  EXPECT_TRUE(lines[0].starts_with("id;street;postCode;line;status;"));
  EXPECT_TRUE(lines[1].starts_with("7;Hoogstraat;9000;2;found;crab:70413@9000"))
      << lines[1];
  EXPECT_TRUE(lines[2].starts_with("8;;;3;error;")) << lines[2];
  EXPECT_EQ(res["x-batch-lines"], "3");
  EXPECT_EQ(res["x-batch-failed"], "1");
}

TEST_F(BatchRouteTest, JsonLinesInJsonLinesOut) {
  const Response res = handler_.Handle(
      Post("/batch/ResolveAddress", "application/x-ndjson",
           "{\"street\": \"Hoogstraat\", \"postCode\": \"9000\"}\n"
           "{\"query\": \"Gent\"}\n"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  const std::vector<std::string> lines = Lines(res.body());
  ASSERT_EQ(lines.size(), 2u);
  const json::value first = json::parse(lines[0]);
  EXPECT_EQ(first.at("line"), 1);
  EXPECT_EQ(first.at("status"), "unique");
  const json::value second = json::parse(lines[1]);
  EXPECT_EQ(second.at("line"), 2);
  EXPECT_EQ(second.at("error").at("status"), 400);
}

TEST_F(BatchRouteTest, LimitsTypesAndHeaders) {
  std::string many = "query\n";
  for (size_t i = 0; i <= kMaxBatchLines; ++i) many += "Gent\n";
  EXPECT_EQ(handler_.Handle(Post("/batch/SearchAddresses", "text/csv", many))
                .result_int(),
            413u);
  EXPECT_EQ(handler_
                .Handle(Post("/batch/SearchAddresses", "application/json",
                             "{\"query\": \"Gent\"}"))
                .result_int(),
            415u);
  const Response bad = handler_.Handle(
      Post("/batch/SearchAddresses", "text/csv", "id;name\n1;x\n"));
  EXPECT_EQ(bad.result_int(), 400u);
  EXPECT_NE(bad.body().find("--columns"), std::string::npos);
  // columns and encoding as URL parameters, as the CLI's flags.
  const Response named =
      handler_.Handle(Post("/batch/SearchAddresses?columns=Adres", "text/csv",
                           "id,Adres\n1,Hoogstraat 5 Gent\n"));
  ASSERT_EQ(named.result_int(), 200u) << named.body();
  EXPECT_NE(named.body().find("crab:70413@9000"), std::string::npos);
  Request get = testing::Get("/batch/SearchAddresses");
  EXPECT_EQ(handler_.Handle(get).result_int(), 405u);
}

// Over a real socket: a batch body may be far larger than the 16 KiB of a
// single request.
TEST(BatchRouteServerTest, LargeBatchBodiesAreAccepted) {
  Metrics metrics;
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  Server server(options, &TinyPublicSearcher(), &metrics, nullptr);
  ASSERT_TRUE(server.Start().ok());
  std::string body = "query\n";
  for (int i = 0; i < 3000; ++i) body += "Hoogstraat Gent\n";  // ~48 KiB
  {
    testing::TestClient client(server.port());
    testing::HttpResponse res;
    Request req = Post("/batch/SearchAddresses", "text/csv", body);
    ASSERT_FALSE(client.Roundtrip(req, &res));
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(Lines(res.body()).size(), 3001u);
  }
  {
    testing::TestClient client(server.port());
    testing::HttpResponse res;
    ASSERT_FALSE(client.Roundtrip(
        testing::PostJson("/SearchAddresses",
                          "{\"query\": \"" + std::string(20000, 'a') + "\"}"),
        &res));
    EXPECT_EQ(res.result_int(), 413u);
  }
  server.Shutdown();
  server.Wait();
}

}  // namespace
}  // namespace beladdr::server
