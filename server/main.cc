// beladdr-server: the HTTP API over an index built by beladdr-import.
// Flag parsing and start-up only; the work is in beladdr_server_lib.

#include <cstdlib>
#include <iostream>
#include <string>

#include "access_log.h"
#include "beladdr/searcher.h"
#include "metrics.h"
#include "server.h"

namespace {

constexpr char kUsage[] =
    "usage: beladdr-server --index DIR [--host ADDR] [--port N] [--threads N]\n"
    "                      [--max-connections N] [--read-timeout SECONDS]\n"
    "                      [--cors-origins ORIGIN,...] [--no-access-log]\n"
    "\n"
    "Serves POST/GET /SearchAddresses, POST /ResolveAddress, GET "
    "/ConsumerPing\n"
    "and GET /metrics (docs/openapi.yaml). Defaults: --host 127.0.0.1 --port\n"
    "8080, --threads the number of cores, --max-connections 1024,\n"
    "--read-timeout 10. Browser pages of any origin may call the API unless\n"
    "--cors-origins lists the ones that may (https://a.example,...). Access\n"
    "log: one JSON line per request on stdout. SIGINT/SIGTERM stop it\n"
    "gracefully.\n";

int Usage(const std::string& error) {
  std::cerr << "beladdr-server: " << error << "\n\n" << kUsage;
  return 2;
}

bool ParseNumber(const std::string& text, long min, long max, long* out) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string index;
  beladdr::server::ServerOptions options;
  bool access_log = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      return i + 1 < argc ? argv[++i] : std::string();
    };
    long n = 0;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--index") {
      index = value();
    } else if (arg == "--host") {
      options.host = value();
    } else if (arg == "--port") {
      if (!ParseNumber(value(), 0, 65535, &n))
        return Usage("--port takes 0..65535");
      options.port = static_cast<uint16_t>(n);
    } else if (arg == "--threads") {
      if (!ParseNumber(value(), 1, 256, &n))
        return Usage("--threads takes 1..256");
      options.threads = static_cast<int>(n);
    } else if (arg == "--max-connections") {
      if (!ParseNumber(value(), 1, 1000000, &n))
        return Usage("--max-connections takes 1..1000000");
      options.max_connections = static_cast<size_t>(n);
    } else if (arg == "--read-timeout") {
      if (!ParseNumber(value(), 1, 3600, &n))
        return Usage("--read-timeout takes 1..3600 seconds");
      options.session.read_timeout = std::chrono::seconds(n);
    } else if (arg == "--cors-origins") {
      std::string list = value();
      if (list.empty()) return Usage("--cors-origins takes ORIGIN,...");
      size_t start = 0;
      while (start <= list.size()) {
        const size_t comma = list.find(',', start);
        const std::string origin =
            list.substr(start, comma == std::string::npos ? std::string::npos
                                                          : comma - start);
        if (origin.rfind("http://", 0) != 0 &&
            origin.rfind("https://", 0) != 0) {
          return Usage("--cors-origins: '" + origin +
                       "' is no origin such as https://a.example");
        }
        options.http.cors_origins.push_back(origin);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (arg == "--no-access-log") {
      access_log = false;
    } else {
      return Usage("unknown argument '" + arg + "'");
    }
  }
  if (index.empty()) return Usage("--index is required");

  try {
    auto searcher = beladdr::Searcher::Open(index);
    if (!searcher.ok()) {
      std::cerr << "beladdr-server: " << searcher.status().ToString() << "\n";
      return 1;
    }
    beladdr::server::Metrics metrics;
    metrics.SetIndex((*searcher)->info());
    beladdr::server::AccessLog log(access_log ? stdout : nullptr);
    beladdr::server::Server server(options, searcher->get(), &metrics, &log);
    beladdr::Status s = server.Start();
    if (!s.ok()) {
      std::cerr << "beladdr-server: " << s.ToString() << "\n";
      return 1;
    }
    server.HandleSignals();
    std::cerr
        << "beladdr-server: serving " << index << " ("
        << (*searcher)->info().streets << " streets, index id "
        << ((*searcher)->info().id.empty() ? "unknown" : (*searcher)->info().id)
        << ") on http://" << options.host << ":" << server.port() << "\n"
        << "  try: curl -s -X POST http://" << options.host << ":"
        << server.port()
        << "/SearchAddresses -H 'Content-Type: application/json' "
           "-d '{\"query\": \"chee de waterloo 1180\"}'\n"
        << "       curl -s 'http://" << options.host << ":" << server.port()
        << "/SearchAddresses?street=Sint-Pietersnieuwstraat&houseNumber=12"
           "&municipality=Gent'\n"
        << std::flush;
    server.Wait();
    std::cerr << "beladdr-server: stopped\n";
  } catch (const std::exception& e) {
    std::cerr << "beladdr-server: unexpected error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
