// beladdr as a System: in-process (the library), and over HTTP (a
// keep-alive client of beladdr-server on loopback, POST /SearchAddresses).

#ifndef BELADDR_BENCH_PEERS_BELADDR_SYSTEMS_H_
#define BELADDR_BENCH_PEERS_BELADDR_SYSTEMS_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <memory>
#include <string>

#include "beladdr/searcher.h"
#include "system.h"

namespace beladdr::peers {

class InProcessBeladdr : public System {
 public:
  InProcessBeladdr(const Searcher* searcher, BuildFacts facts)
      : searcher_(searcher), facts_(std::move(facts)) {}
  std::string Name() const override { return "beladdr (in-process)"; }
  StatusOr<Ranked> Search(const SearchRequest& request) override;
  BuildFacts Facts() const override { return facts_; }

 private:
  const Searcher* searcher_;
  BuildFacts facts_;
};

class HttpBeladdr : public System {
 public:
  // Connects to host:port. IOError when it cannot.
  static StatusOr<std::unique_ptr<HttpBeladdr>> Connect(const std::string& host,
                                                        uint16_t port,
                                                        BuildFacts facts);
  std::string Name() const override { return "beladdr (HTTP)"; }
  StatusOr<Ranked> Search(const SearchRequest& request) override;
  BuildFacts Facts() const override { return facts_; }

 private:
  HttpBeladdr(BuildFacts facts) : socket_(ioc_), facts_(std::move(facts)) {}

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::string host_;
  BuildFacts facts_;
};

// The proportional set size of a process (its share of the memory it
// shares with others), from /proc/PID/smaps_rollup; 0 if unreadable.
uint64_t ProcessPss(int pid);

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_BELADDR_SYSTEMS_H_
