// Issue 15: a corrupt index answers with a Status, never a crash or an
// exception. Each case copies the tiny index record by record, damages one
// record of one column family (cut short, bytes flipped, digits turned to
// letters, emptied, dropped, or replaced by noise), and opens the copy. The
// open must fail with a Status or succeed; a searcher that opens must then
// answer a few searches without crashing.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/resolve.h"
#include "beladdr/searcher.h"
#include "test_util.h"

namespace beladdr::internal {
namespace {

using testing::TempDir;

enum class Damage { kCut, kFlip, kLetters, kEmpty, kDrop, kNoise };

constexpr Damage kAllDamage[] = {Damage::kCut,     Damage::kFlip,
                                 Damage::kLetters, Damage::kEmpty,
                                 Damage::kDrop,    Damage::kNoise};

const char* DamageName(Damage d) {
  switch (d) {
    case Damage::kCut:
      return "cut";
    case Damage::kFlip:
      return "flip";
    case Damage::kLetters:
      return "letters";
    case Damage::kEmpty:
      return "empty";
    case Damage::kDrop:
      return "drop";
    case Damage::kNoise:
      return "noise";
  }
  return "?";
}

// Damages *kvs[i] (or drops it).
void Apply(Damage d, size_t i, std::mt19937* rng, KeyValues* kvs) {
  std::string& v = (*kvs)[i].second;
  switch (d) {
    case Damage::kCut:
      v.resize(v.size() / 2);
      break;
    case Damage::kFlip:
      for (size_t k = 0; k < v.size(); k += 7) v[k] = static_cast<char>(~v[k]);
      break;
    case Damage::kLetters:
      for (char& c : v) {
        if (c >= '0' && c <= '9') c = static_cast<char>('a' + (c - '0'));
      }
      break;
    case Damage::kEmpty:
      v.clear();
      break;
    case Damage::kDrop:
      kvs->erase(kvs->begin() + static_cast<long>(i));
      break;
    case Damage::kNoise:
      for (char& c : v) c = static_cast<char>((*rng)() & 0xff);
      break;
  }
}

// The tiny index, every family read into memory once.
const std::vector<KeyValues>& TinyRecords() {
  static const std::vector<KeyValues>* records = [] {
    auto* out = new std::vector<KeyValues>(kCfCount);
    auto store = IndexStore::OpenReadOnly(testing::SharedTinyIndexDir());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    for (size_t cf = 0; cf < kCfCount && store.ok(); ++cf) {
      Status s = (*store)->ForEach(
          static_cast<Cf>(cf), [&](std::string_view key, std::string_view v) {
            (*out)[cf].emplace_back(std::string(key), std::string(v));
            return Status::OK();
          });
      EXPECT_TRUE(s.ok()) << s.ToString();
    }
    return out;
  }();
  return *records;
}

// Writes the records to `dir`, with record `index` of `cf` damaged.
Status WriteDamaged(const std::string& dir, size_t cf, size_t index, Damage d,
                    std::mt19937* rng) {
  std::vector<KeyValues> records = TinyRecords();
  if (!records[cf].empty()) {
    Apply(d, index % records[cf].size(), rng, &records[cf]);
  }
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<IndexWriter> writer,
                           IndexWriter::Create(dir));
  for (size_t f = 0; f < kCfCount; ++f) {
    BELADDR_RETURN_IF_ERROR(writer->Write(static_cast<Cf>(f), &records[f]));
  }
  return writer->Finish();
}

class CorruptIndexTest : public ::testing::TestWithParam<size_t> {};

TEST_P(CorruptIndexTest, OpensWithAStatusOrAnswers) {
  const size_t cf = GetParam();
  std::mt19937 rng(static_cast<unsigned>(cf) * 7919u);
  const size_t count = TinyRecords()[cf].size();
  // The first record, and one from the middle.
  for (const size_t index : {size_t{0}, count / 2}) {
    for (const Damage d : kAllDamage) {
      SCOPED_TRACE(std::string(CfName(static_cast<Cf>(cf))) + " record " +
                   std::to_string(index) + " " + DamageName(d));
      TempDir tmp;
      const std::string dir = tmp.Sub("index");
      ASSERT_TRUE(WriteDamaged(dir, cf, index, d, &rng).ok());
      StatusOr<std::unique_ptr<Searcher>> searcher = Searcher::Open(dir);
      if (!searcher.ok()) {
        EXPECT_FALSE(searcher.status().message().empty());
        continue;
      }
      for (const char* text :
           {"Hoogstraat 5 Gent", "rue de l eglise 12 bte 3", "Luik", "9000"}) {
        SearchRequest request;
        request.query = text;
        (void)(*searcher)->SearchAddresses(request);
        ResolveRequest resolve;
        resolve.street = text;
        (void)(*searcher)->ResolveAddress(resolve);
        AutocompleteRequest typed;
        typed.q = text;
        (void)(*searcher)->AutocompleteAddresses(typed);
      }
    }
  }
}

std::string FamilyName(const ::testing::TestParamInfo<size_t>& param) {
  return CfName(static_cast<Cf>(param.param));
}

INSTANTIATE_TEST_SUITE_P(EveryColumnFamily, CorruptIndexTest,
                         ::testing::Range<size_t>(0, kCfCount), FamilyName);

}  // namespace
}  // namespace beladdr::internal
