#include "beladdr/index/index_format.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace beladdr::internal {
namespace {

std::vector<std::string> TrigramStrings(std::string_view text) {
  std::vector<Trigram> t;
  ExtractTrigrams(text, &t);
  std::vector<std::string> out;
  for (Trigram x : t) out.push_back(TrigramKey(x));
  return out;
}

TEST(Trigram, PadsEachWordLikePgTrgm) {
  EXPECT_EQ(TrigramStrings("ab"),
            (std::vector<std::string>{"  a", " ab", "ab "}));
  EXPECT_EQ(TrigramStrings("a"), (std::vector<std::string>{"  a", " a "}));
}

TEST(Trigram, SplitsOnWordBoundariesAndDeduplicates) {
  // "rue rue" has the trigrams of "rue" once; no trigram spans two words.
  EXPECT_EQ(TrigramStrings("rue rue"), TrigramStrings("rue"));
  for (const std::string& t : TrigramStrings("kerk straat")) {
    EXPECT_EQ(t.find("k s"), std::string::npos);
  }
  EXPECT_TRUE(TrigramStrings("").empty());
  EXPECT_TRUE(TrigramStrings("   ").empty());
}

TEST(Trigram, KeysRoundTrip) {
  Trigram t = 0;
  ASSERT_TRUE(ParseTrigramKey(" ab", &t));
  EXPECT_EQ(TrigramKey(t), " ab");
  EXPECT_FALSE(ParseTrigramKey("abcd", &t));
}

TEST(Records, StreetRoundTrip) {
  StreetRecord r;
  r.code = "urbis:2168@1000";
  r.names = {"Waterloosesteenweg", "Chaussée de Waterloo", ""};
  r.postcode = "1000";
  r.nis_codes = {"21004", "21009"};
  r.region = Region::kBrussels;
  r.official_id = "2168";
  r.official_id_source = "best_brussels_2022";
  r.official_id_version = "2";
  r.id_match = IdMatch::kOfficial;
  r.source_key = "best-bru:2168@1000";
  r.house_number_count = 42;
  std::string buf;
  EncodeStreetRecord(r, &buf);
  StreetRecord back;
  ASSERT_OK(DecodeStreetRecord(buf, &back));
  EXPECT_EQ(back.code, r.code);
  EXPECT_EQ(back.names, r.names);
  EXPECT_EQ(back.nis_codes, r.nis_codes);
  EXPECT_EQ(back.region, Region::kBrussels);
  EXPECT_EQ(back.id_match, IdMatch::kOfficial);
  EXPECT_EQ(back.house_number_count, 42u);
  // Every truncation is detected, never read past the end.
  for (size_t n = 0; n < buf.size(); ++n) {
    StreetRecord partial;
    EXPECT_TRUE(DecodeStreetRecord(buf.substr(0, n), &partial).IsCorruption())
        << n;
  }
  EXPECT_TRUE(DecodeStreetRecord(buf + "x", &back).IsCorruption());
}

TEST(Records, MunicipalityPostcodeAndHouseNumbersRoundTrip) {
  MunicipalityRecord m;
  m.nis = "62063";
  m.names = {"Luik", "Liège", "Lüttich"};
  m.region = Region::kWallonia;
  m.language_code = "F";
  m.aliases = {{"Luik", 0, "refnis2020_name"}, {"Old", -1, ""}};
  m.postcodes = {"4000", "4020"};
  std::string buf;
  EncodeMunicipalityRecord(m, &buf);
  MunicipalityRecord mb;
  ASSERT_OK(DecodeMunicipalityRecord(buf, &mb));
  EXPECT_EQ(mb.names, m.names);
  ASSERT_EQ(mb.aliases.size(), 2u);
  EXPECT_EQ(mb.aliases[1].lang, -1);
  EXPECT_EQ(mb.postcodes, m.postcodes);

  PostcodeRecord p;
  p.postcode = "9000";
  p.localities = {{"Gent", "Gand", "44021", 0}};
  p.nis_codes = {"44021"};
  buf.clear();
  EncodePostcodeRecord(p, &buf);
  PostcodeRecord pb;
  ASSERT_OK(DecodePostcodeRecord(buf, &pb));
  ASSERT_EQ(pb.localities.size(), 1u);
  EXPECT_EQ(pb.localities[0].name_fr, "Gand");

  HouseNumbersRecord h;
  h.source = "icar_2020";
  h.numbers = {{"1", {}}, {"3A", {"0001", "0002"}}};
  buf.clear();
  EncodeHouseNumbersRecord(h, &buf);
  HouseNumbersRecord hb;
  ASSERT_OK(DecodeHouseNumbersRecord(buf, &hb));
  ASSERT_EQ(hb.numbers.size(), 2u);
  EXPECT_EQ(hb.numbers[1].boxes, (std::vector<std::string>{"0001", "0002"}));
}

TEST(Records, VariantsRoundTripAndRejectBadKinds) {
  StreetVariant s{7, MaskOf(Language::kFr), kVariantOfficial,
                  "chaussee de waterloo"};
  std::string buf;
  EncodeStreetVariant(s, &buf);
  StreetVariant sb;
  ASSERT_OK(DecodeStreetVariant(buf, &sb));
  EXPECT_EQ(sb.street_id, 7u);
  EXPECT_EQ(sb.text, s.text);

  PlaceVariant p{
      PlaceKind::kLocality, 21013,        "1060", MaskOf(Language::kNl),
      kVariantOfficial,     "sint gillis"};
  buf.clear();
  EncodePlaceVariant(p, &buf);
  PlaceVariant pb;
  ASSERT_OK(DecodePlaceVariant(buf, &pb));
  EXPECT_EQ(pb.kind, PlaceKind::kLocality);
  EXPECT_EQ(pb.postcode, "1060");
  buf[0] = 9;
  EXPECT_TRUE(DecodePlaceVariant(buf, &pb).IsCorruption());
}

TEST(Regions, ParseAndPrint) {
  EXPECT_EQ(ParseRegion("BE-WAL"), Region::kWallonia);
  EXPECT_EQ(ParseRegion("BE-XX"), Region::kUnknown);
  EXPECT_EQ(RegionCode(Region::kFlanders), "BE-VLG");
}

}  // namespace
}  // namespace beladdr::internal
