#include "core/did/did_url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

TEST(ParseDidUrl, SplitsDidPathQueryAndFragment) {
  auto url = ParseDidUrl("did:example:123:abc/path/x?service=files&v=1#key-1");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->did.did, "did:example:123:abc");
  EXPECT_EQ(url->did.method, "example");
  EXPECT_EQ(url->did.method_specific_id, "123:abc");
  EXPECT_EQ(url->path, "/path/x");
  EXPECT_EQ(url->query, "service=files&v=1");
  EXPECT_EQ(url->fragment, "key-1");
}

TEST(ParseDidUrl, BareDidHasNoPathQueryOrFragment) {
  auto url = ParseDidUrl("did:web:example.com%3A8443");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->did.method_specific_id, "example.com%3A8443");
  EXPECT_EQ(url->path, "");
  EXPECT_FALSE(url->query.has_value());
  EXPECT_FALSE(url->fragment.has_value());
}

TEST(ParseDidUrl, EmptyFragmentIsKeptAsEmpty) {
  auto url = ParseDidUrl("did:key:z6Mk#");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->fragment, "");
}

TEST(ParseDid, AcceptsDidCoreExamples) {
  for (std::string_view did :
       {"did:example:123456789abcdefghi", "did:web:w3c-ccg.github.io:user:alice",
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", "did:ex::a", "did:a1:b%20c",
        "did:ex:A.b-c_d"}) {
    SCOPED_TRACE(did);
    EXPECT_THAT(ParseDid(did), IsOk());
  }
}

TEST(ParseDid, MalformedDidsAreRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view text;
    ErrorCode code;
  } cases[] = {
      {"", kInvalidArgument},                           // empty
      {"did:", kInvalidArgument},                       // no method
      {"did:web", kInvalidArgument},                    // no method-specific id
      {"did:web:", kInvalidArgument},                   // empty method-specific id
      {"did::abc", kInvalidArgument},                   // empty method name
      {"DID:web:example.com", kInvalidArgument},        // scheme is lower case
      {"did:Web:example.com", kInvalidArgument},        // method is lower case
      {"did:we-b:example.com", kInvalidArgument},       // method has only letters and digits
      {"did:web:example.com:", kInvalidArgument},       // trailing ':'
      {"did:web:exa mple.com", kInvalidArgument},       // space
      {"did:web:ex%4", kInvalidArgument},               // truncated percent-encoding
      {"did:web:ex%zz", kInvalidArgument},              // not hex
      {"did:web:ex~ample", kInvalidArgument},           // '~' is not an idchar
      {"did:web:example.com#key-1", kInvalidArgument},  // a DID URL, not a DID
      {"did:web:example.com?x=1", kInvalidArgument},    // a DID URL, not a DID
      {"did:web:example.com/path", kInvalidArgument},   // a DID URL, not a DID
      {"did:web:ex\xc3\xa9", kInvalidArgument},         // non-ASCII must be percent-encoded
      {std::string_view("did:web:ex\0ample", 16), kInvalidArgument},  // NUL
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ParseDid(c.text), FailsWith(c.code));
  }
}

TEST(ParseDidUrl, MalformedDidUrlsAreRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view text;
    ErrorCode code;
  } cases[] = {
      {"did:web:example.com#key 1", kInvalidArgument},     // space in fragment
      {"did:web:example.com#a#b", kInvalidArgument},       // '#' in fragment
      {"did:web:example.com?a b", kInvalidArgument},       // space in query
      {"did:web:example.com/a b", kInvalidArgument},       // space in path
      {"did:web:example.com#%g0", kInvalidArgument},       // bad percent-encoding
      {"did:web:example.com#<script>", kInvalidArgument},  // '<' is not a pchar
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ParseDidUrl(c.text), FailsWith(c.code));
  }
}

TEST(ParseDidUrl, OverlongInputIsResourceExhausted) {
  const std::string text = "did:key:z" + std::string(kMaxDidUrlLength, 'a');
  EXPECT_THAT(ParseDidUrl(text), FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::did
