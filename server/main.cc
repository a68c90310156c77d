// beladdr-server: the HTTP API over an index built by beladdr-import.
// Flag parsing and start-up only; the work is in beladdr_server_lib.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "access_log.h"
#include "beladdr/declarations/store.h"
#include "beladdr/searcher.h"
#include "metrics.h"
#include "server.h"

namespace {

// Parses the flags into `index`, `options` and `access_log`. Returns the
// process's exit code when it should stop (help, version, or a usage error:
// one line and a hint, exit 2), or -1 to go on.
int ParseFlags(int argc, char** argv, std::string* index,
               std::string* declarations,
               beladdr::server::ServerOptions* options, bool* access_log) {
  CLI::App app(
      "Serves POST/GET /SearchAddresses, POST /ResolveAddress, POST "
      "/batch/SearchAddresses and /batch/ResolveAddress, the S222 "
      "declaration operations (with --declarations), GET /ConsumerPing, "
      "GET /metrics and GET /openapi.yaml (docs/openapi.yaml). Access log: "
      "one JSON line per request on stdout. SIGINT/SIGTERM stop it "
      "gracefully.",
      "beladdr-server");
  app.set_version_flag("--version", std::string(BELADDR_VERSION));
  app.add_option("--index", *index, "the index directory (beladdr-import)")
      ->required();
  app.add_option("--declarations", *declarations,
                 "where declarations live: rocksdb:PATH (embedded) or "
                 "postgresql://... (shared by replicas); none: the "
                 "declaration routes answer 503");
  app.add_option("--host", options->host, "the address to listen on")
      ->capture_default_str();
  app.add_option("--port", options->port, "the port (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--threads", options->threads,
                 "I/O threads (default: the number of cores)")
      ->check(CLI::Range(1, 256));
  app.add_option("--max-connections", options->max_connections,
                 "open connections at most; at the cap the connection idle "
                 "longest makes room")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  int read_timeout = 10;
  app.add_option("--read-timeout", read_timeout,
                 "seconds a client has to send a whole request")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  std::vector<std::string> origins;
  app.add_option("--cors-origins", origins,
                 "the origins browser pages may call from "
                 "(https://a.example,...; default: any)")
      ->delimiter(',')
      ->check([](const std::string& o) {
        return o.rfind("http://", 0) == 0 || o.rfind("https://", 0) == 0
                   ? std::string()
                   : "'" + o + "' is no origin such as https://a.example";
      });
  bool no_access_log = false;
  app.add_flag("--no-access-log", no_access_log, "write no access log");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "beladdr-server " << BELADDR_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "beladdr-server: " << e.what()
              << "\nRun with --help for the options.\n";
    return 2;
  }
  options->session.read_timeout = std::chrono::seconds(read_timeout);
  options->http.cors_origins = origins;
  *access_log = !no_access_log;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string index, declarations_uri;
  beladdr::server::ServerOptions options;
  bool access_log = true;
  if (const int code = ParseFlags(argc, argv, &index, &declarations_uri,
                                  &options, &access_log);
      code >= 0) {
    return code;
  }

  try {
    auto searcher = beladdr::Searcher::Open(index);
    if (!searcher.ok()) {
      std::cerr << "beladdr-server: " << searcher.status().ToString() << "\n";
      return 1;
    }
    std::unique_ptr<beladdr::declarations::DeclarationStore> declarations;
    if (!declarations_uri.empty()) {
      auto store =
          beladdr::declarations::OpenDeclarationStore(declarations_uri);
      if (!store.ok()) {
        std::cerr << "beladdr-server: " << store.status().ToString() << "\n";
        return 1;
      }
      declarations = std::move(store).value();
    }
    beladdr::server::Metrics metrics;
    metrics.SetIndex((*searcher)->info());
    beladdr::server::AccessLog log(access_log ? stdout : nullptr);
    beladdr::server::Server server(options, searcher->get(), &metrics, &log,
                                   declarations.get());
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
        << "  a page to search by hand: http://" << options.host << ":"
        << server.port() << "/\n"
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
