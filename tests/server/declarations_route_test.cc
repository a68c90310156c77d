// The S222 declaration routes through the handler, over the tiny index and
// a throwaway embedded store: the HTTP contract (201/400/401/404/409/422),
// idempotency, and that one central never reaches another's declarations.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "handler.h"
#include "server_test_util.h"
#include "test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
namespace decl = beladdr::declarations;
using testing::PostJson;
using testing::TinyPublicSearcher;

constexpr char kUser[] =
    R"({"type": "person", "nationalRegisterNumber": "85.07.30-033.28",
        "name": "Jan Peeters"})";
constexpr char kAlarm[] =
    R"({"detectionKinds": ["intrusion", "fire"], "premisesType":
        "residential", "startDate": "2026-12-01"})";
constexpr char kContacts[] =
    R"([{"name": "Jan Peeters", "phone": "0470 12 34 56"}])";

std::string Body(const std::string& address) {
  return std::string(R"({"address": )") + address + R"(, "user": )" + kUser +
         R"(, "alarm": )" + kAlarm + R"(, "contacts": )" + kContacts + "}";
}

// Rue Haute 5, 7090 Braine-le-Comte: one street, the number known.
const std::string kUniqueAddress =
    R"({"street": "Rue Haute", "houseNumber": "5", "postCode": "7090"})";

class DeclarationRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = decl::OpenDeclarationStore("rocksdb:" + dir_.Sub("store"));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    key_a_ = AddKey("central-a");
    key_b_ = AddKey("central-b");
  }

  std::string AddKey(const std::string& central) {
    auto key = decl::MakeKey(central, decl::Now());
    EXPECT_TRUE(store_->AddKey(key->record).ok());
    key_ids_[central] = key->record.id;
    return key->secret;
  }

  Response Call(const std::string& key, const std::string& path,
                const std::string& body, const std::string& cid = "") const {
    Request req = PostJson(path, body);
    if (!key.empty()) req.set(http::field::authorization, "Bearer " + key);
    if (!cid.empty()) req.set("x-correlation-id", cid);
    return handler_.Handle(req);
  }

  // Creates a declaration for `key`; its JSON.
  json::object Create(const std::string& key,
                      const std::string& address = kUniqueAddress) {
    const Response res = Call(key, "/CreateDeclarationCAS", Body(address));
    EXPECT_EQ(res.result_int(), 201u) << res.body();
    return json::parse(res.body()).as_object();
  }

  beladdr::testing::TempDir dir_;
  std::unique_ptr<decl::DeclarationStore> store_;
  std::string key_a_, key_b_;
  std::map<std::string, std::string> key_ids_;
  Handler handler_{&TinyPublicSearcher(), nullptr, nullptr, {}, nullptr};
  void UseStore() {
    handler_ =
        Handler(&TinyPublicSearcher(), nullptr, nullptr, {}, store_.get());
  }
};

json::value Parse(const Response& res) { return json::parse(res.body()); }

std::string Slug(const Response& res) {
  std::string type(Parse(res).at("type").as_string());
  return type.substr(type.rfind(':') + 1);
}

TEST_F(DeclarationRoutes, WithoutAStoreTheRoutesAre503) {
  EXPECT_EQ(Call(key_a_, "/SearchDeclarationCAS", "{}").result_int(), 503u);
}

TEST_F(DeclarationRoutes, AKeyIsRequiredAndChecked) {
  UseStore();
  Response res = Call("", "/SearchDeclarationCAS", "{}");
  EXPECT_EQ(res.result_int(), 401u);
  EXPECT_EQ(res[http::field::www_authenticate], "Bearer realm=\"beladdr\"");
  res = Call("bla_not-a-key", "/CreateDeclarationCAS", Body(kUniqueAddress));
  EXPECT_EQ(res.result_int(), 401u);
  EXPECT_NE(res[http::field::www_authenticate].find("invalid_token"),
            std::string::npos);
  // A revoked key stops at the next request.
  EXPECT_EQ(Call(key_a_, "/SearchDeclarationCAS", "{}").result_int(), 200u);
  ASSERT_TRUE(store_->RevokeKey(key_ids_["central-a"], decl::Now()).ok());
  EXPECT_EQ(Call(key_a_, "/SearchDeclarationCAS", "{}").result_int(), 401u);
}

TEST_F(DeclarationRoutes, CreateAUniqueAddress) {
  UseStore();
  const Response res =
      Call(key_a_, "/CreateDeclarationCAS", Body(kUniqueAddress));
  ASSERT_EQ(res.result_int(), 201u) << res.body();
  const json::value d = Parse(res);
  const std::string number(d.at("declarationNumber").as_string());
  EXPECT_EQ(res[http::field::location], "/declarations/" + number);
  EXPECT_EQ(number.substr(0, 11),
            decl::FormatNumber(decl::UtcDay(decl::Now()), 1).substr(0, 11));
  EXPECT_EQ(d.at("status"), "active");
  EXPECT_EQ(d.at("version"), 1);
  EXPECT_EQ(d.at("address").at("streetCode"), "icar:7716673@7090");
  EXPECT_EQ(d.at("address").at("houseNumber"), "5");
  EXPECT_TRUE(d.at("address").at("warnings").as_array().empty());
  EXPECT_EQ(d.at("user").at("nationalRegisterNumber"), "85073003328");
  EXPECT_EQ(d.at("contacts").at(0).at("phone"), "+32470123456");
  EXPECT_FALSE(d.as_object().contains("deletedAt"));
  // GET at the Location.
  Request get = testing::Get("/declarations/" + number);
  get.set(http::field::authorization, "Bearer " + key_a_);
  const Response got = handler_.Handle(get);
  ASSERT_EQ(got.result_int(), 200u);
  EXPECT_EQ(Parse(got), d);
}

TEST_F(DeclarationRoutes, UnknownNumbersAreWarningsNotBlockers) {
  UseStore();
  const json::object d = Create(
      key_a_,
      R"({"street": "Rue Haute", "houseNumber": "9999", "postCode": "7090"})");
  EXPECT_EQ(d.at("address").at("warnings"),
            json::parse(R"(["houseNumberUnknown"])"));
}

TEST_F(DeclarationRoutes, AmbiguousThenChosenByStreetCode) {
  UseStore();
  Response res = Call(key_a_, "/CreateDeclarationCAS",
                      Body(R"({"street": "Hoogstraat", "houseNumber": "1"})"));
  ASSERT_EQ(res.result_int(), 422u) << res.body();
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
  EXPECT_EQ(Slug(res), "address-ambiguous");
  const json::value problem = Parse(res);
  const json::array& candidates = problem.at("candidates").as_array();
  ASSERT_GE(candidates.size(), 2u);
  const json::value& pick = candidates[1];
  // Second round: the chosen street, checked against its postcode.
  const std::string second =
      R"({"streetCode": ")" + std::string(pick.at("streetCode").as_string()) +
      R"(", "houseNumber": "1", "postCode": ")" +
      std::string(pick.at("postCode").as_string()) + R"("})";
  const json::object d = Create(key_a_, second);
  EXPECT_EQ(d.at("address").at("streetCode"), pick.at("streetCode"));
  EXPECT_EQ(store_->Search({.central = "central-a"})->declarations.size(), 1u);
}

TEST_F(DeclarationRoutes, NotFoundAndContradictionCreateNothing) {
  UseStore();
  Response res = Call(key_a_, "/CreateDeclarationCAS",
                      Body(R"({"street": "Xyzzystraat", "houseNumber": "1"})"));
  ASSERT_EQ(res.result_int(), 422u);
  EXPECT_EQ(Slug(res), "address-not-found");
  res = Call(key_a_, "/CreateDeclarationCAS",
             Body(R"({"streetCode": "icar:7735847@4700", "houseNumber": "1",
                      "postCode": "4000"})"));
  ASSERT_EQ(res.result_int(), 422u) << res.body();
  EXPECT_EQ(Slug(res), "address-contradiction");
  const json::value issue = Parse(res).at("issues").at(0);
  EXPECT_EQ(issue.at("type"), "urn:beladdr:problem:postCodeMismatch");
  EXPECT_EQ(issue.at("name"), "address.postCode");
  EXPECT_TRUE(
      store_
          ->Search({.central = "central-a", .status = decl::StatusFilter::kAll})
          ->declarations.empty());
}

TEST_F(DeclarationRoutes, InvalidInputIsA400WithEveryIssue) {
  UseStore();
  const std::string body =
      R"({"address": {"street": "Rue Haute", "postCode": "7090"},
          "user": {"type": "person", "nationalRegisterNumber": "85073003329",
                   "name": "Jan"},
          "alarm": {"detectionKinds": ["burglary"], "premisesType": "house",
                    "startDate": "2026-02-30"},
          "contacts": [{"name": "A", "phone": "123"}], "extra": 1})";
  const Response res = Call(key_a_, "/CreateDeclarationCAS", body);
  ASSERT_EQ(res.result_int(), 400u) << res.body();
  std::set<std::string> names;
  const json::value problem = Parse(res);
  for (const json::value& i : problem.at("issues").as_array()) {
    names.insert(std::string(i.at("name").as_string()));
    if (i.at("name") == "user.nationalRegisterNumber") {
      EXPECT_EQ(i.at("detail"),
                "rijksregisternummer '85073003329' voldoet niet aan "
                "checksum97");
    }
  }
  for (const char* name : {"address.houseNumber", "user.nationalRegisterNumber",
                           "alarm.detectionKinds", "alarm.premisesType",
                           "alarm.startDate", "contacts[0].phone", "extra"}) {
    EXPECT_TRUE(names.count(name)) << name << " in " << res.body();
  }
  // Six contacts are too many; an enterprise needs a valid KBO number.
  std::string six = "[";
  for (int i = 0; i < 6; ++i) {
    six +=
        std::string(i ? "," : "") + R"({"name": "A", "phone": "0470123456"})";
  }
  six += "]";
  const std::string too_many = R"({"address": )" + kUniqueAddress +
                               R"(, "user": {"type": "enterprise",
      "enterpriseNumber": "0203.201.341", "name": "NV"}, "alarm": )" +
                               kAlarm + R"(, "contacts": )" + six + "}";
  const Response res2 = Call(key_a_, "/CreateDeclarationCAS", too_many);
  ASSERT_EQ(res2.result_int(), 400u);
  EXPECT_NE(res2.body().find("contacts"), std::string::npos);
  EXPECT_NE(res2.body().find("user.enterpriseNumber"), std::string::npos);
}

TEST_F(DeclarationRoutes, ARepeatedCreateAnswersTheFirst) {
  UseStore();
  const std::string cid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
  const Response first =
      Call(key_a_, "/CreateDeclarationCAS", Body(kUniqueAddress), cid);
  const Response again =
      Call(key_a_, "/CreateDeclarationCAS", Body(kUniqueAddress), cid);
  ASSERT_EQ(first.result_int(), 201u);
  ASSERT_EQ(again.result_int(), 201u);
  EXPECT_EQ(Parse(again), Parse(first));
  EXPECT_EQ(again["x-idempotent-replay"], "true");
  EXPECT_EQ(store_->Search({.central = "central-a"})->declarations.size(), 1u);
}

TEST_F(DeclarationRoutes, ModifyVersionsAndConflicts) {
  UseStore();
  const json::object d = Create(key_a_);
  const std::string number(d.at("declarationNumber").as_string());
  const std::string change =
      R"({"declarationNumber": ")" + number + R"(", "version": 1,
          "contacts": [{"name": "Els", "phone": "+32 2 123 45 67"}]})";
  Response res = Call(key_a_, "/ModifyDeclarationCAS", change);
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  json::value v = Parse(res);
  EXPECT_EQ(v.at("version"), 2);
  EXPECT_EQ(v.at("contacts").at(0).at("phone"), "+3221234567");
  EXPECT_EQ(v.at("user"), d.at("user"));  // unchanged parts stay
  // Stale version: 409. Another central: 404, never 409.
  res = Call(key_a_, "/ModifyDeclarationCAS", change);
  EXPECT_EQ(res.result_int(), 409u);
  res = Call(key_b_, "/ModifyDeclarationCAS", change);
  EXPECT_EQ(res.result_int(), 404u);
  // A new address goes through the same lookup.
  res = Call(key_a_, "/ModifyDeclarationCAS",
             R"({"declarationNumber": ")" + number +
                 R"(", "version": 2, "address": {"street": "Hoogstraat",
                 "houseNumber": "3"}})");
  EXPECT_EQ(res.result_int(), 422u);
  EXPECT_EQ(Slug(res), "address-ambiguous");
  // Deleted: 409.
  ASSERT_EQ(Call(key_a_, "/DeleteDeclarationCAS",
                 R"({"declarationNumber": ")" + number + R"("})")
                .result_int(),
            200u);
  res = Call(key_a_, "/ModifyDeclarationCAS",
             R"({"declarationNumber": ")" + number +
                 R"(", "version": 3, "alarm": )" + kAlarm + "}");
  EXPECT_EQ(res.result_int(), 409u);
}

TEST_F(DeclarationRoutes, DeleteFlagsAndRepeats) {
  UseStore();
  const std::string number(Create(key_a_).at("declarationNumber").as_string());
  const std::string body = R"({"declarationNumber": ")" + number + R"("})";
  EXPECT_EQ(Call(key_b_, "/DeleteDeclarationCAS", body).result_int(), 404u);
  const Response first = Call(key_a_, "/DeleteDeclarationCAS", body);
  const Response again = Call(key_a_, "/DeleteDeclarationCAS", body);
  ASSERT_EQ(first.result_int(), 200u);
  EXPECT_EQ(Parse(first).at("status"), "deleted");
  EXPECT_TRUE(Parse(first).as_object().contains("deletedAt"));
  EXPECT_EQ(Parse(again), Parse(first));
  json::value page = Parse(Call(key_a_, "/SearchDeclarationCAS", "{}"));
  EXPECT_EQ(page.at("count"), 0);
  page = Parse(Call(key_a_, "/SearchDeclarationCAS", R"({"status": "all"})"));
  EXPECT_EQ(page.at("count"), 1);
  // The next number is new.
  EXPECT_NE(std::string(Create(key_a_).at("declarationNumber").as_string()),
            number);
}

TEST_F(DeclarationRoutes, NoCentralReachesAnothersDeclarations) {
  UseStore();
  const json::object d = Create(key_a_);
  const std::string number(d.at("declarationNumber").as_string());
  Request get = testing::Get("/declarations/" + number);
  get.set(http::field::authorization, "Bearer " + key_b_);
  EXPECT_EQ(handler_.Handle(get).result_int(), 404u);
  for (const std::string& filter :
       {std::string(R"({"declarationNumber": ")") + number +
            R"(", "status": "all"})",
        std::string(R"({"streetCode": "icar:7716673@7090"})"),
        std::string(R"({"postCode": "7090", "status": "all"})"),
        std::string(R"({"municipality": "Braine-le-Comte"})"),
        std::string(R"({"municipality": ")") +
            std::string(
                d.at("address").at("municipality").at("nisCode").as_string()) +
            R"("})",
        std::string(R"({"modifiedSince": "2000-01-01T00:00:00Z"})"),
        std::string("{}")}) {
    const Response b = Call(key_b_, "/SearchDeclarationCAS", filter);
    ASSERT_EQ(b.result_int(), 200u) << filter << b.body();
    EXPECT_EQ(Parse(b).at("count"), 0) << filter;
    const Response a = Call(key_a_, "/SearchDeclarationCAS", filter);
    EXPECT_EQ(Parse(a).at("count"), 1) << filter << a.body();
  }
}

TEST_F(DeclarationRoutes, SearchPagesWithACursor) {
  UseStore();
  for (int i = 0; i < 5; ++i) Create(key_a_);
  std::set<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 4; ++page) {
    const std::string body =
        cursor.empty() ? R"({"limit": 2})"
                       : R"({"limit": 2, "cursor": ")" + cursor + R"("})";
    const json::value v = Parse(Call(key_a_, "/SearchDeclarationCAS", body));
    for (const json::value& d : v.at("declarations").as_array()) {
      seen.insert(std::string(d.at("declarationNumber").as_string()));
    }
    if (v.at("nextCursor").is_null()) break;
    cursor = std::string(v.at("nextCursor").as_string());
  }
  EXPECT_EQ(seen.size(), 5u);
  const Response bad = Call(key_a_, "/SearchDeclarationCAS",
                            R"({"limit": 500, "status": "gone"})");
  EXPECT_EQ(bad.result_int(), 400u);
  EXPECT_EQ(Parse(bad).at("issues").as_array().size(), 2u);
}

TEST_F(DeclarationRoutes, KeysNeverReachTheAccessLog) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    AccessLog log(out);
    Handler handler(&TinyPublicSearcher(), nullptr, &log, {}, store_.get());
    Request req = PostJson("/CreateDeclarationCAS", Body(kUniqueAddress));
    req.set(http::field::authorization, "Bearer " + key_a_);
    EXPECT_EQ(handler.Handle(req).result_int(), 201u);
    req.set(http::field::authorization, "Bearer " + key_a_ + "x");
    EXPECT_EQ(handler.Handle(req).result_int(), 401u);
  }
  std::rewind(out);
  std::string text;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof(buf), out)) text.append(buf, n);
  std::fclose(out);
  EXPECT_NE(text.find("/CreateDeclarationCAS"), std::string::npos);
  EXPECT_EQ(text.find(key_a_.substr(4)), std::string::npos);
  EXPECT_EQ(text.find("Bearer"), std::string::npos);
}

}  // namespace
}  // namespace beladdr::server
