#include "core/crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <utility>

namespace vaardig::crypto {
namespace {

SecretBytes Secret(std::initializer_list<std::uint8_t> bytes) {
  return SecretBytes::CopyFrom(Bytes(bytes));
}

TEST(SecretBytes, SizedConstructorIsZeroFilled) {
  SecretBytes secret(16);
  ASSERT_EQ(secret.size(), 16u);
  for (std::uint8_t b : secret.Reveal()) EXPECT_EQ(b, 0);
}

TEST(SecretBytes, DefaultIsEmpty) {
  SecretBytes secret;
  EXPECT_TRUE(secret.empty());
  EXPECT_EQ(secret, SecretBytes());
}

TEST(SecretBytes, SameContentIsEqual) { EXPECT_EQ(Secret({1, 2, 3}), Secret({1, 2, 3})); }

TEST(SecretBytes, DifferentContentIsNotEqual) {
  EXPECT_NE(Secret({1, 2, 3}), Secret({1, 2, 4}));
  EXPECT_NE(Secret({0, 2, 3}), Secret({1, 2, 3}));
}

TEST(SecretBytes, DifferentLengthIsNotEqual) {
  EXPECT_NE(Secret({1, 2, 3}), Secret({1, 2}));
  EXPECT_NE(Secret({}), Secret({0}));
}

TEST(SecretBytes, CopyIsEqualAndIndependent) {
  SecretBytes original = Secret({1, 2, 3});
  SecretBytes copy(original);
  EXPECT_EQ(copy, original);
  copy.RevealMutable()[0] = 9;
  EXPECT_EQ(original.Reveal()[0], 1);
  EXPECT_NE(copy, original);
}

TEST(SecretBytes, CopyAssignmentReplacesContent) {
  SecretBytes target = Secret({7, 7, 7, 7, 7});
  const SecretBytes source = Secret({1, 2});
  target = source;
  EXPECT_EQ(target, source);
  const SecretBytes& self = target;
  target = self;  // self-assignment keeps the content
  EXPECT_EQ(target, source);
}

TEST(SecretBytes, MoveTransfersContentAndEmptiesSource) {
  SecretBytes source = Secret({1, 2, 3});
  SecretBytes moved(std::move(source));
  EXPECT_EQ(moved, Secret({1, 2, 3}));
  EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move): the guarantee under test

  SecretBytes target = Secret({9});
  target = std::move(moved);
  EXPECT_EQ(target, Secret({1, 2, 3}));
  EXPECT_TRUE(moved.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecretBytes, AdoptTakesBytesAndLeavesSourceEmpty) {
  Bytes bytes = {4, 5, 6};
  SecretBytes secret = SecretBytes::Adopt(std::move(bytes));
  EXPECT_EQ(secret, Secret({4, 5, 6}));
  EXPECT_TRUE(bytes.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecretBytes, AdoptOfShrunkVectorKeepsOnlyTheLiveBytes) {
  Bytes bytes = {1, 2, 3, 4, 5, 6, 7, 8};
  bytes.resize(3);
  SecretBytes secret = SecretBytes::Adopt(std::move(bytes));
  EXPECT_EQ(secret, Secret({1, 2, 3}));
}

TEST(SecretBytes, RevealMutableWritesThrough) {
  SecretBytes secret(2);
  secret.RevealMutable()[1] = 0xaa;
  EXPECT_EQ(secret, Secret({0, 0xaa}));
}

}  // namespace
}  // namespace vaardig::crypto
