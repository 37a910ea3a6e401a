#include "core/http/router.h"

#include <gtest/gtest.h>

namespace vaardig::http {
namespace {

Request Make(Method method, std::string_view target) {
  Request r;
  r.method = method;
  EXPECT_TRUE(SetTarget(r, target));
  return r;
}

Router MakeRouter() {
  Router router;
  router.Get("/api/claims/{id}", [](Request& r) {
    return Response::Text(200, "claim " + std::string(*r.PathParam("id")) + " via " + r.route);
  });
  router.Get("/api/claims/new", [](Request&) { return Response::Text(200, "new form"); });
  router.Post("/api/claims/{id}/evidence",
              [](Request& r) { return Response::Text(201, "evidence for " + std::string(*r.PathParam("id"))); });
  router.Add(Method::kDelete, "/api/claims/{id}", [](Request&) { return Response::NoContent(); });
  router.Get("/", [](Request&) { return Response::Text(200, "home"); });
  return router;
}

TEST(Router, MatchesParametersAndPrefersLiterals) {
  const Router router = MakeRouter();
  Request a = Make(Method::kGet, "/api/claims/42");
  EXPECT_EQ(router.Dispatch(a).body, "claim 42 via /api/claims/{id}");
  Request b = Make(Method::kGet, "/api/claims/new");
  EXPECT_EQ(router.Dispatch(b).body, "new form");
  Request c = Make(Method::kPost, "/api/claims/42/evidence");
  EXPECT_EQ(router.Dispatch(c).status, 201);
  Request d = Make(Method::kGet, "/");
  EXPECT_EQ(router.Dispatch(d).body, "home");
  Request head = Make(Method::kHead, "/api/claims/9");
  EXPECT_EQ(router.Dispatch(head).status, 200);
}

TEST(Router, AnswersNotFoundAndMethodNotAllowed) {
  const Router router = MakeRouter();
  Request missing = Make(Method::kGet, "/api/claims");
  EXPECT_EQ(router.Dispatch(missing).status, 404);
  Request empty_param = Make(Method::kGet, "/api/claims/");
  EXPECT_EQ(router.Dispatch(empty_param).status, 404);
  Request too_deep = Make(Method::kGet, "/api/claims/1/evidence/2");
  EXPECT_EQ(router.Dispatch(too_deep).status, 404);
  Request wrong = Make(Method::kPut, "/api/claims/42");
  Response r = router.Dispatch(wrong);
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[1].first, "Allow");
  EXPECT_EQ(r.headers[1].second, "GET, DELETE");
}

}  // namespace
}  // namespace vaardig::http
