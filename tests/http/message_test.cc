#include "core/http/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vaardig::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(SetTarget, SplitsAndDecodesPathAndQuery) {
  Request r;
  ASSERT_TRUE(SetTarget(r, "/api/skills/snoeien%20en%20beplanting?q=groen+werk&lang=nl&empty"));
  EXPECT_EQ(r.path, "/api/skills/snoeien en beplanting");
  EXPECT_THAT(r.query, ElementsAre(Pair("q", "groen werk"), Pair("lang", "nl"), Pair("empty", "")));
  EXPECT_EQ(r.QueryParam("lang"), "nl");
  EXPECT_FALSE(r.QueryParam("missing").has_value());
}

TEST(SetTarget, RejectsTraversalEncodedSlashAndBadEncoding) {
  for (const char* target : {"/a/../etc/passwd", "/a/./b", "/a%2Fb", "/a%2fb", "/a%00", "/a%5Cb",
                             "/a%zz", "/a%4", "/%C0%AF", "/?q=%FF", "relative", "*"}) {
    Request r;
    const Status st = SetTarget(r, target);
    ASSERT_FALSE(st) << target;
    EXPECT_EQ(st.error().code(), ErrorCode::kInvalidArgument) << target;
  }
}

TEST(Form, ParsesUrlEncodedBodies) {
  auto form = ParseForm("level=2&note=ik+snoei+vaak&comment=caf%C3%A9&&flag");
  ASSERT_TRUE(form.has_value());
  EXPECT_THAT(*form, ElementsAre(Pair("level", "2"), Pair("note", "ik snoei vaak"),
                                 Pair("comment", "café"), Pair("flag", "")));
  EXPECT_EQ(FormValue(*form, "comment"), "café");
  EXPECT_FALSE(FormValue(*form, "x").has_value());
  EXPECT_FALSE(ParseForm("a=%E2%82").has_value());
  EXPECT_EQ(FormEncode("a b/é~"), "a%20b%2F%C3%A9~");
}

TEST(Cookie, FindsCookiesAcrossHeaders) {
  Request r;
  r.headers = {{"cookie", "theme=dark; vaardig_session=abc123"}, {"cookie", "csrf=\"q\""}};
  EXPECT_EQ(r.Cookie("vaardig_session"), "abc123");
  EXPECT_EQ(r.Cookie("csrf"), "q");
  EXPECT_FALSE(r.Cookie("vaardig").has_value());
  EXPECT_EQ(SetCookieValue("s", "v", {.max_age = std::chrono::seconds(60)}),
            "s=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax");
}

TEST(Request, HeaderLookupIsCaseInsensitiveAndMediaTypeDropsParameters) {
  Request r;
  r.headers = {{"content-type", "Application/JSON; charset=utf-8"}};
  EXPECT_EQ(r.Header("Content-Type"), "Application/JSON; charset=utf-8");
  EXPECT_EQ(r.MediaType(), "application/json");
}

constexpr std::string_view kMultipartType = "multipart/form-data; boundary=----b0undary";

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string body =
      "preamble\r\n"
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
      "foto van de haag\r\n"
      "------b0undary\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"haag.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n"
      "\xFF\xD8\r\n--not-a-boundary\xFF\xD9\r\n"
      "------b0undary--\r\n";
  auto parts = ParseMultipart(kMultipartType, body);
  ASSERT_TRUE(parts.has_value()) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].data, "foto van de haag");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[1].filename, "haag.jpg");
  EXPECT_EQ((*parts)[1].content_type, "image/jpeg");
  EXPECT_EQ((*parts)[1].data, "\xFF\xD8\r\n--not-a-boundary\xFF\xD9");
}

TEST(Multipart, RejectsBrokenFraming) {
  const std::string head = "------b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx";
  EXPECT_EQ(ParseMultipart("text/plain", head).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseMultipart("multipart/form-data", head).error().code(), ErrorCode::kInvalidArgument);
  // Not closed.
  EXPECT_EQ(ParseMultipart(kMultipartType, head).error().code(), ErrorCode::kInvalidArgument);
  // No name.
  EXPECT_EQ(ParseMultipart(kMultipartType,
                           "------b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n------b0undary--")
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  // No disposition.
  EXPECT_EQ(ParseMultipart(kMultipartType, "------b0undary\r\nX: y\r\n\r\nx\r\n------b0undary--")
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  // A boundary found one byte in: no CRLF before it.
  EXPECT_EQ(ParseMultipart(kMultipartType, "x------b0undary\r\n").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseMultipart(kMultipartType, "").error().code(), ErrorCode::kInvalidArgument);
}

TEST(Multipart, EnforcesPartCount) {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body += "------b0undary\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  }
  body += "------b0undary--";
  EXPECT_TRUE(ParseMultipart(kMultipartType, body).has_value());
  EXPECT_EQ(ParseMultipart(kMultipartType, body, {.max_parts = 2}).error().code(),
            ErrorCode::kResourceExhausted);
}

TEST(ErrorResponse, MapsCodesAndHidesInternalDetails) {
  Response r = ErrorResponse(Error(ErrorCode::kNotFound, "no claim 7"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":"not_found","error_description":"no claim 7"})");
  Response internal = ErrorResponse(Error(ErrorCode::kInternal, "sqlite: disk I/O error at /secret"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("secret"), std::string::npos);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 413);
}

}  // namespace
}  // namespace vaardig::http
