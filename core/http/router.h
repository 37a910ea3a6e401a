// Router: maps a method and a path pattern to a handler.
//
// Patterns are literal segments and "{name}" segments, each "{name}" matching one non-empty path
// segment: "/api/claims/{id}/evidence". Literal segments win over parameters at the same position
// ("/api/claims/new" before "/api/claims/{id}"). A path that matches no pattern gets 404; a path
// that matches with another method gets 405 with an Allow header. HEAD is served by the GET route
// (the server drops the body). Handlers must not throw; if one does, the server answers 500.
// Routes are added before the server starts; Dispatch is then safe from any number of threads.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/message.h"

namespace vaardig::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(Method method, std::string_view pattern, Handler handler);
  void Get(std::string_view pattern, Handler handler) { Add(Method::kGet, pattern, std::move(handler)); }
  void Post(std::string_view pattern, Handler handler) { Add(Method::kPost, pattern, std::move(handler)); }

  // Finds the route, fills request.path_params and request.route, and runs the handler.
  [[nodiscard]] Response Dispatch(Request& request) const;

  // Every route's method and pattern, in registration order (for docs and tests).
  [[nodiscard]] std::vector<std::pair<Method, std::string>> Routes() const { return registered_; }

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" kept as is
    Handler handler;
  };
  std::vector<Route> routes_;
  std::vector<std::pair<Method, std::string>> registered_;  // registration order (routes_ is sorted)
};

}  // namespace vaardig::http
