#include "wallet/app/recovery_code.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/wallet/test_util.h"

namespace vaardig::wallet {
namespace {

using testutil::FailsWithMessage;
using testutil::IsOk;

TEST(RecoveryCode, FormatsAsEightGroupsOfFour) {
  const std::string code = FormatRecoveryCode(GenerateRecoveryCode());
  ASSERT_EQ(code.size(), 39u);
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i % 5 == 4) {
      EXPECT_EQ(code[i], '-') << code;
    } else {
      EXPECT_NE(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(code[i]), std::string_view::npos) << code;
    }
  }
}

TEST(RecoveryCode, KnownBytesGiveKnownText) {
  // 0x00 ×19, 0x01: only the last 5-bit group is non-zero... 0x01 sits in the last group's low bit.
  crypto::SecretBytes zeros(kRecoveryCodeBytes);
  EXPECT_EQ(FormatRecoveryCode(zeros), "0000-0000-0000-0000-0000-0000-0000-0000");
  crypto::SecretBytes ones(kRecoveryCodeBytes);
  for (auto& b : ones.RevealMutable()) b = 0xFF;
  EXPECT_EQ(FormatRecoveryCode(ones), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  crypto::SecretBytes last(kRecoveryCodeBytes);
  last.RevealMutable()[19] = 0x01;
  EXPECT_EQ(FormatRecoveryCode(last), "0000-0000-0000-0000-0000-0000-0000-0001");
  crypto::SecretBytes first(kRecoveryCodeBytes);
  first.RevealMutable()[0] = 0x08;  // 00001 000...: the first group is 1
  EXPECT_EQ(FormatRecoveryCode(first), "1000-0000-0000-0000-0000-0000-0000-0000");
  EXPECT_EQ(FormatRecoveryCode(crypto::SecretBytes(19)), "");
}

TEST(RecoveryCode, ParsesWhatItFormatsAndForgivesTypingHabits) {
  for (int i = 0; i < 20; ++i) {
    const crypto::SecretBytes code = GenerateRecoveryCode();
    const std::string text = FormatRecoveryCode(code);
    auto parsed = ParseRecoveryCode(text);
    ASSERT_THAT(parsed, IsOk());
    EXPECT_TRUE(*parsed == code);
  }
  auto typed = ParseRecoveryCode("looo iiii 0000 0000 0000 0000 0000 000l");
  ASSERT_THAT(typed, IsOk());
  EXPECT_EQ(FormatRecoveryCode(*typed), "1000-1111-0000-0000-0000-0000-0000-0001");
}

TEST(RecoveryCode, MalformedCodesAreRefused) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "must have 32 characters, got 0"},
      {"ABCD-EFGH", "must have 32 characters, got 8"},
      {std::string(33, 'A'), "more than 32 characters"},
      {"UUUU-0000-0000-0000-0000-0000-0000-0000", "not a digit or a letter of the code"},
      {"0000_0000-0000-0000-0000-0000-0000-0000", "not a digit or a letter of the code"},
      {std::string(200, '-'), "too long"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ParseRecoveryCode(c.text), FailsWithMessage(ErrorCode::kInvalidArgument, c.message)) << c.text;
  }
}

}  // namespace
}  // namespace vaardig::wallet
