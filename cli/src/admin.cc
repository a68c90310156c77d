#include "admin.h"

#include <boost/json.hpp>
#include <memory>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"

namespace beladdr::cli {
namespace {
namespace decl = beladdr::declarations;

int Failed(const Status& s, std::ostream& err) {
  err << "beladdr: " << s.ToString() << "\n";
  return s.IsInvalidArgument() ? 2 : 1;
}

// The store, or nullptr with the message written and *code set.
std::unique_ptr<decl::DeclarationStore> Open(const std::string& uri,
                                             std::ostream& err, int* code) {
  auto store = decl::OpenDeclarationStore(uri);
  if (!store.ok()) {
    *code = Failed(store.status(), err);
    return nullptr;
  }
  return std::move(store).value();
}

}  // namespace

int AddCentralKey(const std::string& uri, const std::string& central,
                  std::ostream& out, std::ostream& err) {
  StatusOr<decl::NewKey> key = decl::MakeKey(central, decl::Now());
  if (!key.ok()) return Failed(key.status(), err);
  int code = 1;
  auto store = Open(uri, err, &code);
  if (store == nullptr) return code;
  if (Status s = store->AddKey(key->record); !s.ok()) return Failed(s, err);
  out << "key " << key->record.id << " for central " << central
      << " (shown once; only its hash is kept):\n"
      << key->secret << "\n";
  return 0;
}

int ListCentralKeys(const std::string& uri, std::ostream& out,
                    std::ostream& err) {
  int code = 1;
  auto store = Open(uri, err, &code);
  if (store == nullptr) return code;
  StatusOr<std::vector<decl::CentralKey>> keys = store->ListKeys();
  if (!keys.ok()) return Failed(keys.status(), err);
  out << "key\tcentral\tcreated\trevoked\n";
  for (const decl::CentralKey& k : *keys) {
    out << k.id << '\t' << k.central << '\t' << decl::FormatTime(k.created_at)
        << '\t' << (k.revoked_at ? decl::FormatTime(k.revoked_at) : "-")
        << "\n";
  }
  return 0;
}

int RevokeCentralKey(const std::string& uri, const std::string& key_id,
                     std::ostream& out, std::ostream& err) {
  int code = 1;
  auto store = Open(uri, err, &code);
  if (store == nullptr) return code;
  if (Status s = store->RevokeKey(key_id, decl::Now()); !s.ok()) {
    return Failed(s, err);
  }
  out << "key " << key_id << " revoked\n";
  return 0;
}

int PrintAudit(const std::string& uri, const std::string& number,
               std::ostream& out, std::ostream& err) {
  int day = 0;
  int64_t sequence = 0;
  if (!decl::ParseNumber(number, &day, &sequence)) {
    err << "beladdr: '" << number
        << "' is no declaration number (yyyy.mm.dd.sequence)\n";
    return 2;
  }
  int code = 1;
  auto store = Open(uri, err, &code);
  if (store == nullptr) return code;
  StatusOr<std::vector<decl::AuditEntry>> entries = store->Audit(number);
  if (!entries.ok()) return Failed(entries.status(), err);
  if (entries->empty()) {
    err << "beladdr: no audit entries for declaration " << number << "\n";
    return 1;
  }
  for (const decl::AuditEntry& e : *entries) {
    boost::json::object o;
    o["sequence"] = e.sequence;
    o["at"] = decl::FormatTime(e.at);
    o["central"] = e.central;
    o["operation"] = e.operation;
    o["correlationId"] = e.correlation_id;
    auto parse = [](const std::string& text) -> boost::json::value {
      if (text.empty()) return nullptr;
      boost::json::error_code ec;
      boost::json::value v = boost::json::parse(text, ec);
      return ec ? boost::json::value(text) : v;
    };
    o["before"] = parse(e.before);
    o["after"] = parse(e.after);
    out << boost::json::serialize(o) << "\n";
  }
  return 0;
}

}  // namespace beladdr::cli
