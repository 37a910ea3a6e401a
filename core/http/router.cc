#include "core/http/router.h"

#include <algorithm>

namespace vaardig::http {

namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Number of literal segments: more literals = more specific.
int Specificity(const std::vector<std::string>& segments) {
  return static_cast<int>(std::ranges::count_if(segments, [](const std::string& s) { return !IsParam(s); }));
}

}  // namespace

void Router::Add(Method method, std::string_view pattern, Handler handler) {
  Route route{.method = method, .pattern = std::string(pattern), .segments = {}, .handler = std::move(handler)};
  for (std::string_view s : Split(pattern)) route.segments.emplace_back(s);
  registered_.emplace_back(method, std::string(pattern));
  routes_.push_back(std::move(route));
  // Most specific first, so a literal beats a parameter at the same position.
  std::ranges::stable_sort(routes_, [](const Route& a, const Route& b) {
    return Specificity(a.segments) > Specificity(b.segments);
  });
}

Response Router::Dispatch(Request& request) const {
  const std::vector<std::string_view> segments = Split(request.path);
  std::vector<std::string_view> allowed;
  const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string, std::less<>> params;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (IsParam(want)) {
        if (segments[i].empty()) match = false;
        else params.emplace(want.substr(1, want.size() - 2), std::string(segments[i]));
      } else {
        match = want == segments[i];
      }
    }
    if (!match) continue;
    if (route.method != wanted) {
      allowed.push_back(MethodName(route.method));
      continue;
    }
    request.path_params = std::move(params);
    request.route = route.pattern;
    return route.handler(request);
  }
  if (!allowed.empty()) {
    std::string allow;
    for (std::string_view m : allowed) {
      if (allow.find(m) != std::string::npos) continue;
      if (!allow.empty()) allow += ", ";
      allow += m;
    }
    Response r = ErrorResponse(405, "method_not_allowed", "method not allowed for this path");
    r.AddHeader("Allow", allow);
    return r;
  }
  return ErrorResponse(404, "not_found", "no such resource");
}

}  // namespace vaardig::http
