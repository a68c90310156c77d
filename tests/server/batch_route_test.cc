// Issue 14.7: POST /batch/SearchAddresses and /batch/ResolveAddress, the
// CLI's batch over HTTP: CSV or JSON Lines in, the same format out, one
// answer per line, documented limits with 413 past them.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
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

// Issue 14.7, "streamed": a long batch is sent in chunks as it is answered.

// Delegates to the tiny searcher, but a search for "STOP" waits until
// Release(): the batch stalls there, while what came before it may go out.
class StopSearcher : public Searcher {
 public:
  StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const override {
    if (request.query == "STOP") {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return released_; });
    }
    return TinyPublicSearcher().SearchAddresses(request);
  }
  StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const override {
    return TinyPublicSearcher().ResolveAddress(request);
  }
  StatusOr<SearchResponse> AutocompleteAddresses(
      const AutocompleteRequest& request) const override {
    return TinyPublicSearcher().AutocompleteAddresses(request);
  }
  const IndexInfo& info() const override { return TinyPublicSearcher().info(); }
  size_t MemoryUsage() const override { return 0; }

  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  bool released() const {
    std::lock_guard lock(mu_);
    return released_;
  }

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool released_ = false;
};

// A batch answer read off the socket chunk by chunk.
struct Streamed {
  unsigned status = 0;
  http::fields head;  // header and trailer fields
  size_t chunks = 0;  // with a body
  std::string body;   // the chunks' bytes
  std::string first_chunk;
  bool first_came_before_release = false;
};

// Releases `stop` once the first chunk has come.
Streamed PostStreamed(uint16_t port, Request req,
                      StopSearcher* stop = nullptr) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  req.prepare_payload();
  http::write(socket, req);
  Streamed out;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  auto on_header = [&](std::uint64_t size, std::string_view,
                       beast::error_code&) {
    if (size == 0) return;  // the last chunk
    if (++out.chunks == 1) {
      out.first_came_before_release = stop != nullptr && !stop->released();
      if (stop != nullptr) stop->Release();
    }
  };
  auto on_body = [&](std::uint64_t, std::string_view bytes,
                     beast::error_code&) {
    out.body += bytes;
    if (out.chunks == 1) out.first_chunk += bytes;
    return bytes.size();
  };
  parser.on_chunk_header(on_header);
  parser.on_chunk_body(on_body);
  beast::flat_buffer buffer;
  beast::error_code ec;
  http::read(socket, buffer, parser, ec);
  EXPECT_FALSE(ec) << ec.message();
  out.status = parser.get().result_int();
  for (const auto& field : parser.get()) {
    out.head.insert(field.name_string(), field.value());
  }
  return out;
}

TEST(BatchRouteServerTest, AnswersAreStreamedInChunksAsTheyAreFound) {
  StopSearcher searcher;
  Metrics metrics;
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  Server server(options, &searcher, &metrics, nullptr);
  ASSERT_TRUE(server.Start().ok());
  // Lines past the first chunk stop at "STOP" until released: the first
  // chunk must reach the client while the rest is still being searched.
  std::string body = "query\n";
  for (size_t i = 0; i < 3 * kBatchChunkLines; ++i) {
    body += i == 2 * kBatchChunkLines ? "STOP\n" : "Hoogstraat Gent\n";
  }
  std::thread releaser([&] {
    // A server that does not stream answers only after this.
    for (int i = 0; i < 300 && !searcher.released(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    searcher.Release();
  });
  const Streamed res =
      PostStreamed(server.port(),
                   Post("/batch/SearchAddresses", "text/csv", body), &searcher);
  releaser.join();
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.head[http::field::transfer_encoding], "chunked");
  EXPECT_TRUE(res.first_came_before_release);
  EXPECT_GE(res.chunks, 3u);
  // The header line and the first chunk's answers, whole lines.
  EXPECT_EQ(Lines(res.first_chunk).size(), kBatchChunkLines + 1);
  EXPECT_EQ(Lines(res.body).size(), 3 * kBatchChunkLines + 1);
  // The counts come in the trailer, announced in the header.
  EXPECT_EQ(res.head["trailer"], "x-batch-lines, x-batch-failed");
  EXPECT_EQ(res.head["x-batch-lines"], std::to_string(3 * kBatchChunkLines));
  EXPECT_EQ(res.head["x-batch-failed"], "0");
  server.Shutdown();
  server.Wait();
}

TEST(BatchRouteServerTest, StreamIsGzippedOnRequestAndWholeForHttp10) {
  Metrics metrics;
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  Server server(options, &TinyPublicSearcher(), &metrics, nullptr);
  ASSERT_TRUE(server.Start().ok());
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "{\"query\": \"Hoogstraat Gent\"}\n";
  body += "{\"query\": \n";  // one bad line: answered, and counted
  const Streamed plain = PostStreamed(
      server.port(),
      Post("/batch/SearchAddresses", "application/x-ndjson", body));
  Request zip_req =
      Post("/batch/SearchAddresses", "application/x-ndjson", body);
  zip_req.set(http::field::accept_encoding, "gzip");
  const Streamed zipped = PostStreamed(server.port(), zip_req);
  EXPECT_EQ(zipped.head[http::field::content_encoding], "gzip");
  EXPECT_GE(zipped.chunks, 2u);
  EXPECT_LT(zipped.body.size(), plain.body.size() / 4);
  EXPECT_TRUE(testing::Gunzip(zipped.body) == plain.body);
  EXPECT_EQ(zipped.head["x-batch-failed"], "1");
  ASSERT_EQ(Lines(plain.body).size(), 1001u);
  EXPECT_EQ(json::parse(Lines(plain.body).back()).at("line"), 1001);
  // HTTP/1.0 takes no chunks: the same answer, whole, with its length and
  // its counts as headers.
  Request old = Post("/batch/SearchAddresses", "application/x-ndjson", body);
  old.version(10);
  const Streamed whole = PostStreamed(server.port(), old);
  EXPECT_EQ(whole.chunks, 0u);
  EXPECT_EQ(whole.head[http::field::transfer_encoding], "");
  EXPECT_EQ(whole.head[http::field::content_length],
            std::to_string(plain.body.size()));
  EXPECT_EQ(whole.head["x-batch-failed"], "1");
  server.Shutdown();
  server.Wait();
}

// What would stop a run half-way is refused before the 200 goes out.
TEST_F(BatchRouteTest, BadEncodingDeepInTheBodyIsA400BeforeAnyAnswer) {
  std::string body = "query\n";
  for (int i = 0; i < 500; ++i) body += "Hoogstraat Gent\n";
  body += "Sint-Pi\xE9terstraat\n";  // Latin-1, line 502
  const Response res =
      handler_.Handle(Post("/batch/SearchAddresses", "text/csv", body));
  ASSERT_EQ(res.result_int(), 400u) << res.body();
  EXPECT_NE(res.body().find("body:502"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("windows-1252"), std::string::npos);
  const Response converted = handler_.Handle(
      Post("/batch/SearchAddresses?encoding=windows-1252", "text/csv", body));
  EXPECT_EQ(converted.result_int(), 200u) << converted.body();
  EXPECT_EQ(Lines(converted.body()).size(), 502u);
}

// A body that fails after its first piece is never passed off as whole:
// read whole (HTTP/1.0, Handle()), it becomes a 500 problem, not a short
// 200. (Over HTTP/1.1 the session closes without the last chunk.)
class FailingStream : public BodyStream {
 public:
  StatusOr<bool> Next(std::string* piece) override {
    if (pieces_++ == 0) {
      *piece += "{\"line\":1}\n";
      return true;
    }
    return Status::IOError("the disk went away");
  }

 private:
  int pieces_ = 0;
};

TEST(BatchRouteStreamTest, AStreamThatFailsIsNeverAShortAnswer) {
  Reply reply;
  reply.response = MakeResponse(http::status::ok, 11, true,
                                "application/x-ndjson", "", "corr");
  reply.stream = std::make_shared<FailingStream>();
  const Response res = Handler::ReadWhole(std::move(reply));
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body().find("{\"line\":1}"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("could not be completed"), std::string::npos);
}

}  // namespace
}  // namespace beladdr::server
