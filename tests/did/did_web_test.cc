#include "core/did/did_web.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/did/did_url.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

struct Mapping {
  std::string_view did;
  std::string_view url;
};
// did:web spec §3.2 examples, then our normalisation.
constexpr Mapping kMappings[] = {
    {"did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"},
    {"did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"},
    {"did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"},
    {"did:web:localhost%3A8443", "https://localhost:8443/.well-known/did.json"},
    {"did:web:127.0.0.1%3A8080", "https://127.0.0.1:8080/.well-known/did.json"},
    {"did:web:issuer.gemeente-voorbeeld.nl",
     "https://issuer.gemeente-voorbeeld.nl/.well-known/did.json"},
    {"did:web:example.com:a%20b:c", "https://example.com/a%20b/c/did.json"},
    {"did:web:example.com:.well-known:x", "https://example.com/.well-known/x/did.json"},
    {"did:web:intranet", "https://intranet/.well-known/did.json"},
};

TEST(DidWeb, SpecExamplesMapToUrlsAndBack) {
  for (const auto& m : kMappings) {
    SCOPED_TRACE(m.did);
    EXPECT_EQ(DidWebToUrl(m.did), m.url);
    EXPECT_EQ(UrlToDidWeb(m.url), m.did);
  }
}

TEST(DidWeb, HostIsLowerCasedAndPortSpellingNormalised) {
  auto location = ParseDidWeb("did:web:Example.COM%3a8443:Users:Alice");
  ASSERT_THAT(location, IsOk());
  EXPECT_EQ(location->did, "did:web:example.com%3A8443:Users:Alice");  // the path keeps its case
  EXPECT_EQ(location->host, "example.com");
  EXPECT_EQ(location->port, 8443);
  EXPECT_EQ(location->url, "https://example.com:8443/Users/Alice/did.json");
  EXPECT_FALSE(location->loopback);
  EXPECT_EQ(UrlToDidWeb("HTTPS://Example.COM/.well-known/did.json"), "did:web:example.com");
}

TEST(DidWeb, LoopbackHostsAreMarked) {
  for (std::string_view did :
       {"did:web:localhost", "did:web:127.0.0.1%3A1234", "did:web:127.1.2.3"}) {
    SCOPED_TRACE(did);
    auto location = ParseDidWeb(did);
    ASSERT_THAT(location, IsOk());
    EXPECT_TRUE(location->loopback);
  }
}

TEST(DidWeb, InvalidDidsAreRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view did;
    ErrorCode code;
  } cases[] = {
      {"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", kInvalidArgument},
      {"did:web:", kInvalidArgument},                         // empty
      {"did:web::user", kInvalidArgument},                    // empty host
      {"did:web:example.com#key-1", kInvalidArgument},        // fragment
      {"did:web:example.com?versionId=1", kInvalidArgument},  // query
      {"did:web:example.com/path", kInvalidArgument},         // path
      {"did:web:example.com:..:admin", kInvalidArgument},     // traversal
      {"did:web:example.com:.", kInvalidArgument},            // traversal
      {"did:web:example.com:.well-known", kInvalidArgument},  // the root document's URL
      {"did:web:example.com:a::b", kInvalidArgument},         // empty segment
      {"did:web:example.com:%2E%2E", kInvalidArgument},       // encoded ".."
      {"did:web:example.com:a%2Fb", kInvalidArgument},        // encoded '/'
      {"did:web:example.com:a%5Cb", kInvalidArgument},        // encoded '\'
      {"did:web:example.com:a%3Fb", kInvalidArgument},        // encoded '?'
      {"did:web:example.com:a%23b", kInvalidArgument},        // encoded '#'
      {"did:web:example.com:a%00b", kInvalidArgument},        // encoded NUL
      {"did:web:example.com:a%25b", kInvalidArgument},        // encoded '%'
      {"did:web:192.168.1.1", kInvalidArgument},              // IPv4 literal
      {"did:web:10.0.0.1%3A443", kInvalidArgument},           // IPv4 literal with port
      {"did:web:0x7f.1", kInvalidArgument},                   // hex IPv4 form
      {"did:web:2130706433", kInvalidArgument},               // decimal IPv4 form
      {"did:web:127.0.0.01", kInvalidArgument},               // octal-looking loopback
      {"did:web:%5B%3A%3A1%5D", kInvalidArgument},            // IPv6 literal [::1]
      {"did:web:ex_ample.com", kInvalidArgument},             // '_' in a host name
      {"did:web:-example.com", kInvalidArgument},             // label starts with '-'
      {"did:web:example-.com", kInvalidArgument},             // label ends with '-'
      {"did:web:example..com", kInvalidArgument},             // empty label
      {"did:web:example.com.", kInvalidArgument},             // trailing dot
      {"did:web:exa%6Dple.com", kInvalidArgument},            // percent-encoded host
      {"did:web:example.com%3A", kInvalidArgument},           // empty port
      {"did:web:example.com%3A0", kInvalidArgument},          // port 0
      {"did:web:example.com%3A65536", kInvalidArgument},      // port too large
      {"did:web:example.com%3A0443", kInvalidArgument},       // leading zero
      {"did:web:example.com%3A44x", kInvalidArgument},        // not a number
      {"did:web:example.com%3A443%3A1", kInvalidArgument},    // two ports
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.did);
    EXPECT_THAT(DidWebToUrl(c.did), FailsWith(c.code));
  }
}

TEST(DidWeb, OverlongHostIsRejected) {
  std::string host;
  for (int i = 0; i < 5; ++i) host += std::string(60, 'a') + ".";
  host += "com";
  EXPECT_THAT(DidWebToUrl("did:web:" + host), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DidWebToUrl("did:web:" + std::string(64, 'a') + ".com"),
              FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(DidWebToUrl("did:web:example.com:" + std::string(kMaxDidUrlLength, 'a')),
              FailsWith(ErrorCode::kResourceExhausted));
}

TEST(DidWeb, InvalidUrlsAreRejected) {
  using enum ErrorCode;
  const struct {
    std::string_view url;
    ErrorCode code;
  } cases[] = {
      {"http://example.com/.well-known/did.json", kInvalidArgument},  // not https
      {"ftp://example.com/.well-known/did.json", kInvalidArgument},
      {"https://example.com/did.json", kInvalidArgument},  // root is .well-known
      {"https://example.com/", kInvalidArgument},
      {"https://example.com", kInvalidArgument},
      {"https://example.com/user/alice/doc.json", kInvalidArgument},
      {"https://example.com/user//did.json", kInvalidArgument},  // empty segment
      {"https://example.com/../did.json", kInvalidArgument},     // traversal
      {"https://example.com/a:b/did.json", kInvalidArgument},    // ':' in a segment
      {"https://example.com/.well-known/did.json?x=1", kInvalidArgument},
      {"https://example.com/.well-known/did.json#frag", kInvalidArgument},
      {"https://user:pw@example.com/.well-known/did.json", kInvalidArgument},
      {"https://[::1]/.well-known/did.json", kInvalidArgument},
      {"https://10.1.2.3/.well-known/did.json", kInvalidArgument},
      {"https://example.com:/.well-known/did.json", kInvalidArgument},  // empty port
      {"https://example.com:99999/.well-known/did.json", kInvalidArgument},
      {"https:///.well-known/did.json", kInvalidArgument},  // no host
      {"https://exa mple.com/.well-known/did.json", kInvalidArgument},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    EXPECT_THAT(UrlToDidWeb(c.url), FailsWith(c.code));
  }
}

TEST(DidWeb, ExplicitPortIsKept) {
  EXPECT_EQ(UrlToDidWeb("https://example.com:443/.well-known/did.json"),
            "did:web:example.com%3A443");
}

}  // namespace
}  // namespace vaardig::did
