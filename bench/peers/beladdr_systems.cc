#include "beladdr_systems.h"

#include <boost/asio/connect.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "beladdr/api.h"

namespace beladdr::peers {
namespace http = boost::beast::http;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;

StatusOr<Ranked> InProcessBeladdr::Search(const SearchRequest& request) {
  auto response = searcher_->SearchAddresses(request);
  if (!response.ok()) return response.status();
  Ranked r;
  if (response->detected_language)
    r.language = LanguageCode(*response->detected_language);
  for (const SearchResult& x : response->results) {
    r.codes.emplace_back(
        x.kind == ResultKind::kStreet ? x.street_code : x.municipality.nis_code,
        x.score);
  }
  return r;
}

StatusOr<std::unique_ptr<HttpBeladdr>> HttpBeladdr::Connect(
    const std::string& host, uint16_t port, BuildFacts facts) {
  std::unique_ptr<HttpBeladdr> client(new HttpBeladdr(std::move(facts)));
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return Status::InvalidArgument("bad host " + host);
  client->socket_.connect(tcp::endpoint(address, port), ec);
  if (ec)
    return Status::IOError("connect " + host + ":" + std::to_string(port) +
                           ": " + ec.message());
  client->socket_.set_option(tcp::no_delay(true));
  client->host_ = host;
  return client;
}

StatusOr<Ranked> HttpBeladdr::Search(const SearchRequest& body) {
  http::request<http::string_body> req{http::verb::post, "/SearchAddresses",
                                       11};
  req.set(http::field::host, host_);
  req.set(http::field::content_type, "application/json");
  req.body() = api::EncodeSearchRequest(body);
  req.prepare_payload();
  boost::system::error_code ec;
  http::write(socket_, req, ec);
  if (ec) return Status::IOError("write: " + ec.message());
  http::response<http::string_body> res;
  http::read(socket_, buffer_, res, ec);
  if (ec) return Status::IOError("read: " + ec.message());
  if (res.result_int() != 200) {
    return Status::InvalidArgument("HTTP " + std::to_string(res.result_int()) +
                                   ": " + res.body());
  }
  const json::value v = json::parse(res.body(), ec);
  if (ec) return Status::Corruption("bad JSON answer");
  Ranked r;
  if (v.at("detectedLanguage").is_string())
    r.language = v.at("detectedLanguage").as_string();
  for (const json::value& x : v.at("results").as_array()) {
    const json::object& o = x.as_object();
    const bool street = o.at("kind") == "street";
    const json::string& code =
        street ? o.at("streetCode").as_string()
               : o.at("municipality").at("nisCode").as_string();
    r.codes.emplace_back(std::string(code), o.at("score").to_number<double>());
  }
  return r;
}

uint64_t ProcessPss(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Pss:", 0) == 0) {
      std::istringstream fields(line.substr(4));
      uint64_t kb = 0;
      fields >> kb;
      return kb * 1024;
    }
  }
  return 0;
}

}  // namespace beladdr::peers
