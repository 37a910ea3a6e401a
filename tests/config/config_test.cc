#include "core/config/config.h"

#include <gtest/gtest.h>

namespace vaardig::config {
namespace {

constexpr std::string_view kToml = R"(
[server]
port = 8443
bind = "0.0.0.0"
trusted_proxies = ["10.0.0.1", "10.0.0.2"]
tls = true

[database]
path = "data/issuer.db"
)";

TEST(Config, ReadsTypedValuesWithFallbacks) {
  auto config = Config::Parse(kToml, "VAARDIG_ISSUER");
  ASSERT_TRUE(config.has_value()) << config.error();
  EXPECT_EQ(config->Int("server.port", 8080, 1, 65535).value(), 8443);
  EXPECT_EQ(config->String("server.bind", "127.0.0.1").value(), "0.0.0.0");
  EXPECT_EQ(config->Bool("server.tls", false).value(), true);
  EXPECT_EQ(config->StringList("server.trusted_proxies", {}).value(),
            (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(config->String("database.path", "").value(), "data/issuer.db");
  EXPECT_EQ(config->Int("server.threads", 4, 1, 64).value(), 4);
  EXPECT_FALSE(config->OptionalString("tls.certificate").value().has_value());
  EXPECT_TRUE(config->CheckAllKeysKnown());
}

TEST(Config, EnvironmentOverridesTheFile) {
  const std::map<std::string, std::string> env = {{"VAARDIG_ISSUER__SERVER__PORT", "9000"},
                                                  {"VAARDIG_ISSUER__SERVER__TRUSTED_PROXIES", "a, b"},
                                                  {"VAARDIG_ISSUER__DATABASE__PATH", "/var/lib/x.db"},
                                                  {"VAARDIG_WALLET__SERVER__PORT", "1"},
                                                  {"HOME", "/root"}};
  auto config = Config::Parse(kToml, "VAARDIG_ISSUER", env);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->Int("server.port", 8080, 1, 65535).value(), 9000);
  EXPECT_EQ(config->StringList("server.trusted_proxies", {}).value(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(config->String("database.path", "").value(), "/var/lib/x.db");
}

TEST(Config, WrongTypesAndRangesNameTheKeyOrVariable) {
  auto config = Config::Parse(kToml, "VAARDIG_ISSUER", {{"VAARDIG_ISSUER__SERVER__THREADS", "many"}});
  ASSERT_TRUE(config.has_value());
  auto port = config->String("server.port", "");
  ASSERT_FALSE(port.has_value());
  EXPECT_EQ(port.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(port.error().message(), "configuration key 'server.port' must be a string, not an integer");
  auto threads = config->Int("server.threads", 2, 1, 64);
  ASSERT_FALSE(threads.has_value());
  EXPECT_EQ(threads.error().message(), "configuration variable VAARDIG_ISSUER__SERVER__THREADS must be an integer");
  auto range = config->Int("server.port", 1, 1, 1024);
  ASSERT_FALSE(range.has_value());
  EXPECT_EQ(range.error().message(), "configuration key 'server.port' must be between 1 and 1024");
  EXPECT_FALSE(config->Bool("server.bind", false).has_value());
}

TEST(Config, UnknownKeysAreNamed) {
  auto config = Config::Parse("[sever]\nport = 1\n[server]\nport = 2\n", "VAARDIG_ISSUER",
                              {{"VAARDIG_ISSUER__SERVER__PROT", "3"}});
  ASSERT_TRUE(config.has_value());
  ASSERT_TRUE(config->Int("server.port", 0, 0, 65535).has_value());
  const Status st = config->CheckAllKeysKnown();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(st.error().message(),
            "unknown configuration settings: 'sever.port', VAARDIG_ISSUER__SERVER__PROT");
}

TEST(Config, SyntaxErrorsAndMissingFiles) {
  auto bad = Config::Parse("[server\nport = 1\n", "P");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message().find("line 1"), std::string::npos) << bad.error();
  auto missing = Config::Load("/nonexistent/vaardig.toml", "P", {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  auto none = Config::Load("", "P", {});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->ResolvePath("x.db"), "x.db");
}

}  // namespace
}  // namespace vaardig::config
