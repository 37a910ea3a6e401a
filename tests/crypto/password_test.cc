#include "core/crypto/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "tests/crypto/test_util.h"

namespace vaardig::crypto {
namespace {

using testing::FailsWith;
using testing::IsOk;

constexpr auto kFast = PasswordStrength::kInteractive;

TEST(HashPassword, ProducesArgon2idStringThatVerifies) {
  auto hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(hash));
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
}

TEST(HashPassword, DefaultStrengthIsModerate) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(IsOk(hash));
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=262144,t=3,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(PasswordNeedsRehash(*hash));
}

TEST(HashPassword, SamePasswordGetsDifferentSalts) {
  auto a = HashPassword("correct horse battery", kFast);
  auto b = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(a));
  ASSERT_TRUE(IsOk(b));
  EXPECT_NE(*a, *b);
}

TEST(HashPassword, OverLongPasswordIsRefusedWithoutEcho) {
  const std::string password(kMaxPasswordBytes + 1, 'x');
  auto hash = HashPassword(password, kFast);
  ASSERT_TRUE(FailsWith(hash, ErrorCode::kResourceExhausted));
  EXPECT_EQ(hash.error().message(), "password must be at most 1024 bytes");
}

TEST(HashPassword, EmbeddedNulIsPartOfThePassword) {
  const std::string password("abc\0def", 7);
  auto hash = HashPassword(password, kFast);
  ASSERT_TRUE(IsOk(hash));
  EXPECT_TRUE(VerifyPassword(*hash, password));
  EXPECT_FALSE(VerifyPassword(*hash, "abc"));
}

TEST(VerifyPassword, WrongPasswordFails) {
  auto hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(hash));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery "));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(VerifyPassword, AlteredHashFails) {
  auto hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(hash));
  std::string altered = *hash;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(altered, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash->substr(0, hash->size() - 1), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash + std::string(1, '\0'), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash + std::string(200, 'A'), "correct horse battery"));
}

// A genuine Argon2i (not Argon2id) hash of "password", made by libsodium itself.
std::string Argon2iHash() {
  EXPECT_GE(sodium_init(), 0);
  char out[crypto_pwhash_STRBYTES] = {};
  EXPECT_EQ(crypto_pwhash_str_alg(out, "password", 8, crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE,
                                  crypto_pwhash_ALG_ARGON2I13),
            0);
  return out;
}

TEST(VerifyPassword, MalformedHashesFail) {
  for (const std::string_view hash :
       {"", "$argon2id$", "plain text", "$2b$12$abcdefghijklmnopqrstuv",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"}) {
    EXPECT_FALSE(VerifyPassword(hash, "password")) << hash;
  }
}

TEST(VerifyPassword, OnlyArgon2idIsAccepted) {
  const std::string argon2i = Argon2iHash();
  ASSERT_TRUE(argon2i.starts_with("$argon2i$")) << argon2i;
  ASSERT_EQ(crypto_pwhash_str_verify(argon2i.c_str(), "password", 8), 0);  // libsodium would
  EXPECT_FALSE(VerifyPassword(argon2i, "password"));
  EXPECT_TRUE(PasswordNeedsRehash(argon2i, kFast));
}

TEST(VerifyPassword, OverLongPasswordFails) {
  auto hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(hash));
  EXPECT_FALSE(VerifyPassword(*hash, std::string(kMaxPasswordBytes + 1, 'x')));
}

TEST(PasswordNeedsRehash, WeakerParametersNeedRehash) {
  auto hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(IsOk(hash));
  EXPECT_FALSE(PasswordNeedsRehash(*hash, kFast));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, PasswordStrength::kModerate));
}

TEST(PasswordNeedsRehash, MalformedOrForeignHashNeedsRehash) {
  EXPECT_TRUE(PasswordNeedsRehash("", kFast));
  EXPECT_TRUE(PasswordNeedsRehash("$argon2id$garbage", kFast));
}

TEST(CheckPasswordPolicy, AcceptsGoodPasswords) {
  EXPECT_TRUE(IsOk(CheckPasswordPolicy("correct horse")));
  EXPECT_TRUE(IsOk(CheckPasswordPolicy("aaaaaaaaaaab")));              // exactly 12
  EXPECT_TRUE(IsOk(CheckPasswordPolicy("wachtwoord-één")));            // 14 code points
  EXPECT_TRUE(IsOk(CheckPasswordPolicy(std::string(1023, 'a') + "b")));  // exactly 1024 bytes
}

TEST(CheckPasswordPolicy, CountsCodePointsNotBytes) {
  // 11 code points but 22 bytes: too short.
  const std::string eleven_two_byte = "ééééééééééë";
  ASSERT_EQ(eleven_two_byte.size(), 22u);
  auto status = CheckPasswordPolicy(eleven_two_byte);
  ASSERT_TRUE(FailsWith(status, ErrorCode::kInvalidArgument));
  EXPECT_EQ(status.error().message(), "password must be at least 12 characters long, got 11");
  // 12 four-byte code points pass.
  EXPECT_TRUE(IsOk(CheckPasswordPolicy("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂😀")));
}

struct PolicyCase {
  std::string password;
  ErrorCode code;
  std::string message;
};

TEST(CheckPasswordPolicy, RejectsBadPasswords) {
  const PolicyCase cases[] = {
      {"", ErrorCode::kInvalidArgument, "password must be at least 12 characters long, got 0"},
      {"short pass1", ErrorCode::kInvalidArgument,
       "password must be at least 12 characters long, got 11"},
      {"aaaaaaaaaaaaaaaa", ErrorCode::kInvalidArgument,
       "password must not be one character repeated"},
      {"éééééééééééééé", ErrorCode::kInvalidArgument, "password must not be one character repeated"},
      {std::string(1025, 'a'), ErrorCode::kResourceExhausted,
       "password must be at most 1024 bytes"},
      {"goodpassword\xff", ErrorCode::kInvalidArgument, "password is not valid UTF-8"},
      {"goodpassword\xc3", ErrorCode::kInvalidArgument, "password is not valid UTF-8"},
      {"goodpassword\xc0\xaf", ErrorCode::kInvalidArgument, "password is not valid UTF-8"},  // overlong
      {"goodpassword\xed\xa0\x80", ErrorCode::kInvalidArgument,
       "password is not valid UTF-8"},  // surrogate
      {"goodpassword\xf4\x90\x80\x80", ErrorCode::kInvalidArgument,
       "password is not valid UTF-8"},  // above U+10FFFF
  };
  for (const PolicyCase& c : cases) {
    auto status = CheckPasswordPolicy(c.password);
    ASSERT_TRUE(FailsWith(status, c.code)) << c.message;
    EXPECT_EQ(status.error().message(), c.message);
  }
}

}  // namespace
}  // namespace vaardig::crypto
