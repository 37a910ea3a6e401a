#include "core/status/token_status_list.h"

#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "core/encoding/base64url.h"

namespace vaardig::status {
namespace {

// Reads one of the draft's example files: JSON whose `lst` may be wrapped over several lines.
Json ReadExample(const std::string& name) {
  std::ifstream in(std::string(VAARDIG_VECTORS_DIR) + "/token-status-list/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const auto brace = text.find('{');
  text = text.substr(brace);
  // Unwrap the lst value: drop newlines and indentation inside the string.
  std::string unwrapped;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') in_string = !in_string;
    if (in_string && (c == '\n' || c == ' ')) continue;
    unwrapped += c;
  }
  auto parsed = ParseJson(unwrapped);
  EXPECT_TRUE(parsed) << name << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

TEST(TokenStatusList, OneBitExampleDecodesToB9A3) {
  auto list = StatusList::Decode(ReadExample("status_list_encoding_json.md"));
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->bits(), 1);
  EXPECT_EQ(list->bytes(), (Bytes{0xb9, 0xa3}));
  // §4.1: status[0]=1 status[1]=0 status[2]=0 status[3]=1 ... status[15]=1
  const std::uint8_t expected[16] = {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1};
  for (std::size_t i = 0; i < 16; ++i) EXPECT_EQ(list->Get(i).value(), expected[i]) << i;
}

TEST(TokenStatusList, TwoBitExampleDecodesToC944F9) {
  auto list = StatusList::Decode(ReadExample("status_list_encoding2_json.md"));
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->bytes(), (Bytes{0xc9, 0x44, 0xf9}));
  const std::uint8_t expected[12] = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(list->Get(i).value(), expected[i]) << i;
}

TEST(TokenStatusList, EncodeThenDecodeGivesTheSameBytes) {
  auto list = StatusList::FromBytes(1, Bytes{0xb9, 0xa3});
  ASSERT_TRUE(list);
  auto encoded = list->Encode();
  ASSERT_TRUE(encoded);
  // Compare decompressed bytes, not compressed ones (zlib output differs between versions).
  auto decoded = StatusList::Decode(*encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->bytes(), list->bytes());
}

// The long examples: 2^20 entries with a few set (draft §4.1 / examples).
TEST(TokenStatusList, LongExamplesHaveTheDocumentedEntriesSet) {
  const std::vector<std::size_t> indexes = {0, 1993, 25460, 159495, 495669, 554353,
                                            645645, 723232, 854545, 934534, 1000345};
  auto one = StatusList::Decode(ReadExample("status_list_encoding1_long_json.md"));
  ASSERT_TRUE(one) << one.error();
  EXPECT_EQ(one->size(), std::size_t{1} << 20);
  std::size_t set = 0;
  for (std::size_t i = 0; i < one->size(); ++i) set += one->Get(i).value() != 0;
  EXPECT_EQ(set, indexes.size());
  for (auto i : indexes) EXPECT_EQ(one->Get(i).value(), 1) << i;

  auto two = StatusList::Decode(ReadExample("status_list_encoding2_long_json.md"));
  ASSERT_TRUE(two) << two.error();
  EXPECT_EQ(two->size(), std::size_t{1} << 20);
  // As listed in the draft, appendix "Test vectors for Status List encoding", 2 bit Status List.
  const std::vector<std::uint8_t> values = {1, 2, 1, 3, 1, 1, 2, 1, 1, 2, 3};
  set = 0;
  for (std::size_t i = 0; i < two->size(); ++i) set += two->Get(i).value() != 0;
  EXPECT_EQ(set, indexes.size());
  for (std::size_t k = 0; k < indexes.size(); ++k) {
    EXPECT_EQ(two->Get(indexes[k]).value(), values[k]) << indexes[k];
  }
}

TEST(TokenStatusList, FourAndEightBitExamplesRoundTrip) {
  for (const char* name : {"status_list_encoding4_json.md", "status_list_encoding8_json.md"}) {
    auto list = StatusList::Decode(ReadExample(name));
    ASSERT_TRUE(list) << name << ": " << list.error();
    auto again = StatusList::Decode(*list->Encode());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->bytes(), list->bytes()) << name;
  }
}

TEST(TokenStatusList, ValuesAtTheEdgesOfAListReadBack) {
  for (int bits : {1, 2, 4, 8}) {
    auto list = StatusList::Create(bits, 1024);
    ASSERT_TRUE(list);
    const std::uint8_t top = static_cast<std::uint8_t>((1u << bits) - 1);
    ASSERT_TRUE(list->Set(0, top));
    ASSERT_TRUE(list->Set(1023, bits == 1 ? 1 : 2));
    ASSERT_TRUE(list->Set(511, 1));
    auto decoded = StatusList::Decode(*list->Encode());
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->Get(0).value(), top) << bits;
    EXPECT_EQ(decoded->Get(1).value(), 0) << bits;
    EXPECT_EQ(decoded->Get(1022).value(), 0) << bits;
    EXPECT_EQ(decoded->Get(1023).value(), bits == 1 ? 1 : 2) << bits;
    EXPECT_EQ(decoded->Get(511).value(), 1) << bits;
    EXPECT_EQ(decoded->Get(1024).error().code(), ErrorCode::kInvalidArgument) << bits;
    EXPECT_EQ(list->Set(2, static_cast<std::uint8_t>(top + (bits == 8 ? 0 : 1))).has_value(), bits == 8);
  }
}

TEST(TokenStatusList, ZipBombIsRefused) {
  Bytes zeros(64 << 20, 0);  // 64 MiB of zeros compresses to ~64 KiB
  auto compressed = ZlibCompress(zeros);
  ASSERT_TRUE(compressed);
  Json bomb{{"bits", 1}, {"lst", encoding::Base64UrlEncode(ByteView(*compressed))}};
  auto list = StatusList::Decode(bomb);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code(), ErrorCode::kResourceExhausted);
}

TEST(TokenStatusList, MalformedListsAreRejected) {
  struct Case {
    Json json;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {Json{{"bits", 3}, {"lst", "eNrbuRgAAhcBXQ"}}, ErrorCode::kInvalidArgument},
      {Json{{"bits", "1"}, {"lst", "eNrbuRgAAhcBXQ"}}, ErrorCode::kInvalidArgument},
      {Json{{"lst", "eNrbuRgAAhcBXQ"}}, ErrorCode::kInvalidArgument},
      {Json{{"bits", 1}}, ErrorCode::kInvalidArgument},
      {Json{{"bits", 1}, {"lst", "eNrbuRgAAhcBXQ=="}}, ErrorCode::kInvalidArgument},
      {Json{{"bits", 1}, {"lst", "AAAA"}}, ErrorCode::kInvalidArgument},
      {Json{{"bits", 1}, {"lst", "eNrbuRgAAhc"}}, ErrorCode::kInvalidArgument},  // truncated
      {Json::array(), ErrorCode::kInvalidArgument},
  };
  for (const auto& c : cases) {
    auto list = StatusList::Decode(c.json);
    ASSERT_FALSE(list) << DumpJson(c.json);
    EXPECT_EQ(list.error().code(), c.code) << DumpJson(c.json) << " " << list.error();
  }
}

}  // namespace
}  // namespace vaardig::status
