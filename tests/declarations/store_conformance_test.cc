// One suite for every DeclarationStore: the embedded RocksDB store here;
// each implementation is a parameter.

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "store_fixture.h"
#include "test_util.h"

namespace beladdr::declarations {
namespace {

using testing::StoreParam;

class StoreConformance : public ::testing::TestWithParam<StoreParam> {
 protected:
  void SetUp() override {
    env_ = GetParam().make();
    if (env_ == nullptr) GTEST_SKIP() << GetParam().name << " unavailable";
    store_ = env_->Open();
    ASSERT_NE(store_, nullptr);
  }

  Declaration Draft(const std::string& street = "S1",
                    const std::string& pc = "1000") {
    Declaration d;
    d.street_code = street;
    d.post_code = pc;
    d.municipality_nis = "21004";
    d.content = R"({"address":{},"user":{},"alarm":{},"contacts":[]})";
    return d;
  }
  Change By(const std::string& central, const std::string& cid = "") {
    return Change{central, cid, Now()};
  }

  std::unique_ptr<testing::StoreEnv> env_;
  std::unique_ptr<DeclarationStore> store_;
};

TEST_P(StoreConformance, CreateNumbersByDayNeverTwice) {
  std::set<std::string> numbers;
  const Micros at = ParseTime("2026-12-06T10:00:00Z").value();
  for (int i = 0; i < 5; ++i) {
    auto made = store_->Create(Draft(), {"A", "", at + i});
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    EXPECT_TRUE(made->declaration.number.starts_with("2026.12.06."));
    EXPECT_EQ(made->declaration.version, 1);
    EXPECT_EQ(made->declaration.status, DeclarationStatus::kActive);
    EXPECT_FALSE(made->replayed);
    numbers.insert(made->declaration.number);
  }
  EXPECT_EQ(numbers.size(), 5u);
  EXPECT_EQ(*numbers.begin(), "2026.12.06.0001");
  // A deleted number is not handed out again.
  ASSERT_TRUE(store_->Delete("2026.12.06.0005", {"A", "", at + 10}).ok());
  auto next = store_->Create(Draft(), {"A", "", at + 11});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->declaration.number, "2026.12.06.0006");
}

TEST_P(StoreConformance, RepeatedCorrelationIdAnswersTheFirstCreate) {
  const Change change = By("A", "11111111-1111-4111-8111-111111111111");
  auto first = store_->Create(Draft(), change);
  ASSERT_TRUE(first.ok());
  auto again = store_->Create(Draft("S2"),
                              {"A", change.correlation_id, change.at + 1000});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->declaration.number, first->declaration.number);
  EXPECT_EQ(again->declaration.street_code, "S1");
  // Another central's same id is its own request.
  auto other = store_->Create(Draft(), {"B", change.correlation_id, change.at});
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->replayed);
  // After 24 hours, the id is free again.
  auto late = store_->Create(
      Draft(), {"A", change.correlation_id, change.at + kIdempotencyWindow});
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(late->replayed);
  auto page = store_->Search({.central = "A"});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->declarations.size(), 2u);
}

TEST_P(StoreConformance, ModifyChecksVersionOwnerAndDeletion) {
  auto made = store_->Create(Draft(), By("A"));
  ASSERT_TRUE(made.ok());
  Declaration change = made->declaration;
  change.street_code = "S9";
  auto modified = store_->Modify(change, By("A"));
  ASSERT_TRUE(modified.ok()) << modified.status().ToString();
  EXPECT_EQ(modified->version, 2);
  EXPECT_EQ(modified->street_code, "S9");
  // Stale version.
  EXPECT_TRUE(store_->Modify(change, By("A")).status().IsFailedPrecondition());
  // Another central: not found, whatever the version.
  change.version = 2;
  EXPECT_TRUE(store_->Modify(change, By("B")).status().IsNotFound());
  EXPECT_TRUE(store_->Get("B", change.number).status().IsNotFound());
  EXPECT_TRUE(store_->Delete(change.number, By("B")).status().IsNotFound());
  // Deleted: flagged, repeat harmless, no more changes.
  auto deleted = store_->Delete(change.number, By("A"));
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->status, DeclarationStatus::kDeleted);
  EXPECT_EQ(deleted->version, 3);
  EXPECT_GT(deleted->deleted_at, 0);
  auto repeat = store_->Delete(change.number, By("A"));
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(EncodeRecord(*repeat), EncodeRecord(*deleted));
  change.version = 3;
  EXPECT_TRUE(store_->Modify(change, By("A")).status().IsFailedPrecondition());
  EXPECT_EQ(store_->Get("A", change.number)->status,
            DeclarationStatus::kDeleted);
}

TEST_P(StoreConformance, SearchFiltersPagesAndIsolates) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(
        store_->Create(Draft(i % 2 ? "S1" : "S2", "1000"), By("A")).ok());
  }
  ASSERT_TRUE(store_->Create(Draft("S1", "1000"), By("B")).ok());
  auto s1 = store_->Search({.central = "A", .street_code = "S1"});
  ASSERT_TRUE(s1.ok());
  EXPECT_EQ(s1->declarations.size(), 3u);
  for (const Declaration& d : s1->declarations) EXPECT_EQ(d.central, "A");
  // Pages of 3 cover the 7, in number order, each once.
  std::vector<std::string> seen;
  DeclarationQuery q{.central = "A", .post_code = "1000", .limit = 3};
  for (int page = 0; page < 5; ++page) {
    auto got = store_->Search(q);
    ASSERT_TRUE(got.ok());
    for (const Declaration& d : got->declarations) seen.push_back(d.number);
    if (got->next_after.empty()) break;
    q.after = got->next_after;
  }
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  // Status filter.
  ASSERT_TRUE(store_->Delete(seen[0], By("A")).ok());
  EXPECT_EQ(store_->Search({.central = "A"})->declarations.size(), 6u);
  EXPECT_EQ(store_->Search({.central = "A", .status = StatusFilter::kDeleted})
                ->declarations.size(),
            1u);
  EXPECT_EQ(store_->Search({.central = "A", .status = StatusFilter::kAll})
                ->declarations.size(),
            7u);
  // B's number, asked by A through any filter: nothing.
  const std::string b_number =
      store_->Search({.central = "B"})->declarations.at(0).number;
  EXPECT_TRUE(store_
                  ->Search({.central = "A",
                            .number = b_number,
                            .status = StatusFilter::kAll})
                  ->declarations.empty());
  EXPECT_TRUE(
      store_->Search({.central = "A", .modified_since = Now() + 1000000})
          ->declarations.empty());
}

TEST_P(StoreConformance, ModifiedSinceFindsRecentChangesOnly) {
  const Micros t0 = ParseTime("2026-12-06T10:00:00Z").value();
  std::vector<Declaration> made;
  for (int i = 0; i < 4; ++i) {
    made.push_back(store_->Create(Draft(), {"A", "", t0 + i})->declaration);
  }
  const Micros t1 = t0 + 3600LL * 1000 * 1000;
  Declaration change = made[1];
  change.post_code = "1020";
  ASSERT_TRUE(store_->Modify(change, {"A", "", t1}).ok());
  ASSERT_TRUE(store_->Delete(made[3].number, {"A", "", t1 + 1}).ok());
  Declaration first = made[0];
  first.street_code = "S7";
  ASSERT_TRUE(store_->Modify(first, {"A", "", t1 + 2}).ok());
  // In the order of the changes, a page of one at a time.
  std::vector<std::string> order;
  DeclarationQuery q{.central = "A",
                     .status = StatusFilter::kAll,
                     .modified_since = t1,
                     .limit = 1};
  for (int page = 0; page < 5; ++page) {
    auto got = store_->Search(q);
    ASSERT_TRUE(got.ok());
    for (const Declaration& d : got->declarations) order.push_back(d.number);
    if (got->next_after.empty()) break;
    q.after = got->next_after;
  }
  EXPECT_EQ(order, (std::vector<std::string>{made[1].number, made[3].number,
                                             made[0].number}));
  // Deleted ones alone, and the default (active) filter with the time.
  auto deleted =
      store_->Search({.central = "A", .status = StatusFilter::kDeleted});
  ASSERT_EQ(deleted->declarations.size(), 1u);
  EXPECT_EQ(deleted->declarations[0].number, made[3].number);
  auto active = store_->Search({.central = "A", .modified_since = t1});
  ASSERT_EQ(active->declarations.size(), 2u);
  // The old postcode no longer finds the modified one.
  EXPECT_EQ(store_->Search({.central = "A", .post_code = "1000"})
                ->declarations.size(),
            2u);
  EXPECT_EQ(
      store_
          ->Search({.central = "A", .street_code = "S7", .modified_since = t1})
          ->declarations.size(),
      1u);
  // With another filter too, still in the order of the changes, on every
  // store: made[3] (deleted at t1 + 1) before made[0] (changed at t1 + 2),
  // though numbered after it.
  auto both = store_->Search({.central = "A",
                              .post_code = "1000",
                              .status = StatusFilter::kAll,
                              .modified_since = t1,
                              .limit = 1});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->declarations.size(), 1u);
  EXPECT_EQ(both->declarations[0].number, made[3].number);
  EXPECT_FALSE(both->next_after.empty());
}

TEST_P(StoreConformance, AuditTrailRecordsEveryChange) {
  auto made = store_->Create(Draft(), By("A", "c1"));
  ASSERT_TRUE(made.ok());
  Declaration d = made->declaration;
  d.post_code = "1020";
  ASSERT_TRUE(store_->Modify(d, By("A", "c2")).ok());
  ASSERT_TRUE(store_->Delete(d.number, By("A", "c3")).ok());
  auto audit = store_->Audit(d.number);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].operation, "create");
  EXPECT_EQ((*audit)[0].before, "");
  EXPECT_EQ((*audit)[0].correlation_id, "c1");
  EXPECT_EQ((*audit)[1].operation, "modify");
  EXPECT_EQ((*audit)[1].before, (*audit)[0].after);
  EXPECT_EQ((*audit)[2].operation, "delete");
  EXPECT_EQ((*audit)[2].after, EncodeRecord(*store_->Get("A", d.number)));
  EXPECT_LT((*audit)[0].sequence, (*audit)[2].sequence);
}

TEST_P(StoreConformance, KeysAddListRevoke) {
  const NewKey key = MakeKey("A", Now()).value();
  ASSERT_OK(store_->AddKey(key.record));
  EXPECT_TRUE(store_->AddKey(key.record).IsFailedPrecondition());
  EXPECT_EQ(store_->CentralOfKey(KeyHash(key.secret)).value(), "A");
  EXPECT_TRUE(store_->CentralOfKey(KeyHash("bla_wrong")).status().IsNotFound());
  ASSERT_EQ(store_->ListKeys()->size(), 1u);
  ASSERT_OK(store_->RevokeKey(key.record.id, Now()));
  EXPECT_TRUE(store_->CentralOfKey(KeyHash(key.secret)).status().IsNotFound());
  EXPECT_TRUE(store_->RevokeKey("nope", Now()).IsNotFound());
  EXPECT_GT(store_->ListKeys()->at(0).revoked_at, 0);
}

TEST_P(StoreConformance, ConcurrentCreatesGetDistinctNumbers) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::vector<std::string>> numbers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto made = store_->Create(Draft(), By("C" + std::to_string(t)));
        if (made.ok()) numbers[t].push_back(made->declaration.number);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& n : numbers) all.insert(n.begin(), n.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
}

TEST_P(StoreConformance, ConcurrentTwinsCreateOnce) {
  // A central's retries racing each other: one declaration, one answer.
  const Change change = By("A", "22222222-2222-4222-8222-222222222222");
  std::vector<std::string> numbers(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto made = store_->Create(Draft(), change);
      if (made.ok()) numbers[t] = made->declaration.number;
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& n : numbers) EXPECT_EQ(n, numbers[0]);
  EXPECT_FALSE(numbers[0].empty());
  EXPECT_EQ(store_->Search({.central = "A"})->declarations.size(), 1u);
  EXPECT_EQ(store_->Audit(numbers[0])->size(), 1u);
}

TEST_P(StoreConformance, WhatWasAcknowledgedSurvivesReopening) {
  auto made = store_->Create(Draft(), By("A"));
  ASSERT_TRUE(made.ok());
  store_.reset();
  store_ = env_->Open();
  ASSERT_NE(store_, nullptr);
  auto got = store_->Get("A", made->declaration.number);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(EncodeRecord(*got), EncodeRecord(made->declaration));
  auto next = store_->Create(Draft(), By("A"));
  ASSERT_TRUE(next.ok());
  EXPECT_NE(next->declaration.number, made->declaration.number);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreConformance,
                         ::testing::ValuesIn(testing::AllStores()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace beladdr::declarations
