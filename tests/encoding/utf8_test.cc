#include "core/encoding/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace vaardig {
namespace {

TEST(Utf8, AcceptsWellFormedSequencesOfEveryLength) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("snoeien"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8C\xB3"));  // é € 🌳
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                          // U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("a\xC3\xA9", 1), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xF0\x9F\x8C\xB3", 0), 4u);
}

TEST(Utf8, RefusesOverlongsSurrogatesOutOfRangeAndTruncation) {
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\xF5\x80\x80\x80", "\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x8C", "a\xFF"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << ::testing::PrintToString(bad);
  }
  EXPECT_EQ(Utf8SequenceLength("abc", 3), 0u);  // past the end
}

}  // namespace
}  // namespace vaardig
