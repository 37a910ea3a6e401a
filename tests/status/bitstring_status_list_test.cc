// W3C Bitstring Status List v1.0: encoding (gzip, multibase base64url, MSB first), entries.
#include "core/status/bitstring_status_list.h"

#include <gtest/gtest.h>

#include "core/encoding/multibase.h"
#include "core/status/token_status_list.h"

namespace vaardig::status {
namespace {

TEST(BitstringStatusList, SpecExampleDecodesToAnEmptyList) {
  // The encodedList of the examples in Bitstring Status List v1.0 (§2.2): 16 KiB of zeros.
  auto list = BitstringStatusList::Decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->size(), 131072u);
  for (std::size_t i : {std::size_t{0}, std::size_t{94567}, std::size_t{131071}}) EXPECT_EQ(list->Get(i).value(), 0);
  EXPECT_FALSE(list->Get(131072).has_value());
}

TEST(BitstringStatusList, BitZeroIsTheMostSignificantBitAndRoundTrips) {
  auto list = BitstringStatusList::Create(kBitstringMinEntries);
  ASSERT_TRUE(list);
  ASSERT_TRUE(list->Set(0, 1));
  ASSERT_TRUE(list->Set(9, 1));
  ASSERT_TRUE(list->Set(131071, 1));
  auto encoded = list->Encode();
  ASSERT_TRUE(encoded);
  ASSERT_EQ((*encoded)[0], 'u');
  auto raw = encoding::MultibaseDecode(*encoded);
  ASSERT_TRUE(raw);
  ASSERT_GE(raw->size(), 2u);
  EXPECT_EQ((*raw)[0], 0x1f);  // gzip magic
  EXPECT_EQ((*raw)[1], 0x8b);
  auto bits = GzipDecompress(*raw, 1 << 20);
  ASSERT_TRUE(bits);
  EXPECT_EQ((*bits)[0], 0x80);
  EXPECT_EQ((*bits)[1], 0x40);
  EXPECT_EQ(bits->back(), 0x01);
  auto decoded = BitstringStatusList::Decode(*encoded);
  ASSERT_TRUE(decoded);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(decoded->Get(i).value(), (i == 0 || i == 9) ? 1 : 0) << i;
  EXPECT_EQ(decoded->Get(131071).value(), 1);
}

TEST(BitstringStatusList, MultiBitStatuses) {
  auto list = BitstringStatusList::Create(kBitstringMinEntries, 2);
  ASSERT_TRUE(list);
  ASSERT_TRUE(list->Set(0, 2));
  ASSERT_TRUE(list->Set(1, 3));
  ASSERT_TRUE(list->Set(3, 1));
  EXPECT_FALSE(list->Set(2, 4));
  auto decoded = BitstringStatusList::Decode(*list->Encode(), 2);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->Get(0).value(), 2);
  EXPECT_EQ(decoded->Get(1).value(), 3);
  EXPECT_EQ(decoded->Get(2).value(), 0);
  EXPECT_EQ(decoded->Get(3).value(), 1);
  // First byte: 10 11 00 01.
  auto raw = encoding::MultibaseDecode(*list->Encode());
  EXPECT_EQ((*GzipDecompress(*raw, 1 << 20))[0], 0b10110001);
}

TEST(BitstringStatusList, BadEncodingsAreRefused) {
  auto small = GzipCompress(Bytes(100, 0));
  auto zlib = ZlibCompress(Bytes(16384, 0));
  auto bomb = GzipCompress(Bytes(64 << 20, 0));
  ASSERT_TRUE(small && zlib && bomb);
  struct Case {
    std::string name;
    std::string encoded;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {"empty", "", ErrorCode::kInvalidArgument},
      {"base58 multibase", encoding::MultibaseEncode(encoding::Multibase::kBase58Btc, *small), ErrorCode::kInvalidArgument},
      {"not base64url", "u!!!!", ErrorCode::kInvalidArgument},
      {"not gzip", "uAAAA", ErrorCode::kInvalidArgument},
      {"zlib, not gzip", encoding::MultibaseEncode(encoding::Multibase::kBase64Url, *zlib), ErrorCode::kInvalidArgument},
      {"shorter than 16 KiB", encoding::MultibaseEncode(encoding::Multibase::kBase64Url, *small), ErrorCode::kInvalidArgument},
      {"zip bomb", encoding::MultibaseEncode(encoding::Multibase::kBase64Url, *bomb), ErrorCode::kResourceExhausted},
      {"too long", "u" + std::string(2 << 20, 'A'), ErrorCode::kResourceExhausted},
  };
  for (const Case& c : cases) {
    auto r = BitstringStatusList::Decode(c.encoded);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code(), c.code) << c.name << ": " << r.error();
  }
  EXPECT_FALSE(BitstringStatusList::Create(1000));
  EXPECT_FALSE(BitstringStatusList::Create(kBitstringMinEntries, 0));
  EXPECT_FALSE(BitstringStatusList::Create(kBitstringMinEntries, 9));
}

TEST(BitstringStatusEntry, ReadsAndWritesEntries) {
  const BitstringStatusEntry entry{.id = "https://issuer.example/status/3#94567",
                                   .status_purpose = "revocation",
                                   .status_list_index = 94567,
                                   .status_list_credential = "https://issuer.example/status/3",
                                   .status_size = 1};
  const Json json = MakeBitstringStatusEntry(entry);
  EXPECT_EQ(json["statusListIndex"], "94567");
  auto back = ReadBitstringStatusEntry(json);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->status_list_index, 94567u);
  EXPECT_EQ(back->status_purpose, "revocation");

  const std::vector<std::pair<std::string, Json>> bad = {
      {"not an object", Json::array()},
      {"wrong type", Json{{"type", "StatusList2021Entry"}}},
      {"index as number", Json{{"type", "BitstringStatusListEntry"}, {"statusPurpose", "revocation"}, {"statusListIndex", 5}, {"statusListCredential", "https://x"}}},
      {"index with sign", Json{{"type", "BitstringStatusListEntry"}, {"statusPurpose", "revocation"}, {"statusListIndex", "-5"}, {"statusListCredential", "https://x"}}},
      {"index leading zero", Json{{"type", "BitstringStatusListEntry"}, {"statusPurpose", "revocation"}, {"statusListIndex", "05"}, {"statusListCredential", "https://x"}}},
      {"no purpose", Json{{"type", "BitstringStatusListEntry"}, {"statusListIndex", "5"}, {"statusListCredential", "https://x"}}},
      {"credential not a URL", Json{{"type", "BitstringStatusListEntry"}, {"statusPurpose", "revocation"}, {"statusListIndex", "5"}, {"statusListCredential", "x"}}},
      {"statusSize 9", Json{{"type", "BitstringStatusListEntry"}, {"statusPurpose", "message"}, {"statusListIndex", "5"}, {"statusListCredential", "https://x"}, {"statusSize", 9}}},
  };
  for (const auto& [name, json_entry] : bad) {
    auto r = ReadBitstringStatusEntry(json_entry);
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << name;
  }
}

}  // namespace
}  // namespace vaardig::status
