// ReadQuery: which words are surely the place, and which a place or the
// street's own words (issue 13, mechanism 5), on the tiny fixture.

#include "internal/query_reading.h"

#include <gtest/gtest.h>

#include "test_util.h"
#include "tiny_index.h"

namespace beladdr::internal {
namespace {

QueryReading Read(const std::string& text, ParsedQuery* q) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  r.query = text;
  auto parsed = ParseQuery(r, d);
  EXPECT_OK(parsed.status());
  *q = *parsed;
  return ReadQuery(*q, d, RankingPolicy{});
}

TEST(QueryReading, AStreetWordLeavesThePlaceSure) {
  ParsedQuery q;
  const QueryReading r = Read("Hoogstraat 5 Gent", &q);
  ASSERT_EQ(q.tokens.size(), 3u);
  EXPECT_TRUE(r.IsPlaceToken(2));
  EXPECT_FALSE(r.IsPlaceOrStreetToken(2));
}

// "Rue Liège" may be Rue de Liège anywhere or a street called Rue in
// Liège: both readings stay open.
TEST(QueryReading, APlaceAfterAStreetTypeIsReadBothWays) {
  ParsedQuery q;
  const QueryReading r = Read("Rue Liège", &q);
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_FALSE(r.IsPlaceToken(1));
  EXPECT_TRUE(r.IsPlaceOrStreetToken(1));
  // A number between them ends the street: "Rue 5 Liège".
  const QueryReading n = Read("Rue 5 Liège", &q);
  EXPECT_TRUE(n.IsPlaceToken(q.tokens.size() - 1));
}

// Two parts naming two municipalities: the last is the place, the first
// may be the street ("Ter Ham, Destelbergen").
TEST(QueryReading, OfTwoPlacesTheLastIsThePlace) {
  ParsedQuery q;
  const QueryReading r = Read("Antwerpen, Gent", &q);
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_TRUE(r.IsPlaceOrStreetToken(0));
  EXPECT_FALSE(r.IsPlaceToken(0));
  EXPECT_TRUE(r.IsPlaceToken(1));
}

}  // namespace
}  // namespace beladdr::internal
