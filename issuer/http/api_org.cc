#include "issuer/http/api_org.h"

#include "issuer/app/catalogue_store.h"
#include "issuer/app/organisation.h"
#include "issuer/app/team_view.h"
#include "issuer/http/auth.h"

namespace vaardig::issuer {

namespace {

constexpr std::size_t kMaxQueryParamBytes = 200;

Json PeopleJson(const std::vector<Person>& people) {
  Json list = Json::array();
  for (const auto& p : people) list.push_back(PersonToJson(p));
  return Json{{"people", std::move(list)}};
}

// The manager whose team the request is about: the signed-in manager themselves, or for HR and
// administrators the one named by ?manager=NUMBER. Employees: permission_denied.
Result<std::int64_t> TeamManager(IssuerApp& app, const AuthedRequest& authed, const http::Request& request) {
  const auto number = request.QueryParam("manager");
  if (authed.principal.IsHrOrAdmin()) {
    if (!number || number->empty()) {
      return Fail(ErrorCode::kInvalidArgument, "query parameter 'manager' (an employee number) is required");
    }
    if (number->size() > kMaxEmployeeNumberBytes) return Fail(ErrorCode::kNotFound, "no such manager");
    VAARDIG_ASSIGN_OR_RETURN(Person manager, GetPersonByNumber(app, *number));
    return manager.id;
  }
  if (authed.principal.role != Role::kManager) {
    return Fail(ErrorCode::kPermissionDenied, "only managers, HR and administrators may view a team");
  }
  if (number && *number != authed.principal.employee_number) {
    return Fail(ErrorCode::kPermissionDenied, "a manager may view only their own team");
  }
  return authed.principal.person_id;
}

template <typename F>
http::Handler Authed(IssuerApp& app, F f) {
  return [&app, f](http::Request& request) -> http::Response {
    auto authed = RequireSession(app, request);
    if (!authed) return http::ErrorResponse(authed.error());
    auto response = f(*authed, request);
    if (!response) return http::ErrorResponse(response.error());
    return std::move(*response);
  };
}

}  // namespace

void RegisterOrganisationRoutes(http::Router& router, IssuerApp& app) {
  router.Get("/api/skills", Authed(app, [&app](const AuthedRequest&, const http::Request& r) -> Result<http::Response> {
               SkillQuery query;
               query.area = std::string(r.QueryParam("area").value_or(""));
               query.text = std::string(r.QueryParam("q").value_or(""));
               if (query.area.size() > kMaxQueryParamBytes) {
                 return Fail(ErrorCode::kResourceExhausted, "query parameter 'area' is too long");
               }
               VAARDIG_ASSIGN_OR_RETURN(auto skills, ListSkills(app, query));
               Json list = Json::array();
               for (const auto& s : skills) list.push_back(SkillToJson(s));
               return http::Response::JsonBody(200, Json{{"skills", std::move(list)}});
             }));
  router.Get("/api/skills/{id}",
             Authed(app, [&app](const AuthedRequest&, const http::Request& r) -> Result<http::Response> {
               const std::string_view id = r.PathParam("id").value_or("");
               if (Status st = CheckSkillId(id); !st) return Fail(ErrorCode::kNotFound, "no such skill");
               VAARDIG_ASSIGN_OR_RETURN(Skill skill, GetSkill(app, id));
               return http::Response::JsonBody(200, SkillToJson(skill));
             }));
  router.Get("/api/roadmaps", Authed(app, [&app](const AuthedRequest&, const http::Request&) -> Result<http::Response> {
               VAARDIG_ASSIGN_OR_RETURN(auto roadmaps, ListRoadmaps(app));
               Json list = Json::array();
               for (const auto& r : roadmaps) list.push_back(RoadmapToJson(r));
               return http::Response::JsonBody(200, Json{{"roadmaps", std::move(list)}});
             }));
  router.Get("/api/team", Authed(app, [&app](const AuthedRequest& a, const http::Request& r) -> Result<http::Response> {
               VAARDIG_ASSIGN_OR_RETURN(std::int64_t manager, TeamManager(app, a, r));
               VAARDIG_ASSIGN_OR_RETURN(auto people, ListTeam(app, manager));
               return http::Response::JsonBody(200, PeopleJson(people));
             }));
  router.Get("/api/team/matrix",
             Authed(app, [&app](const AuthedRequest& a, const http::Request& r) -> Result<http::Response> {
               VAARDIG_ASSIGN_OR_RETURN(std::int64_t manager, TeamManager(app, a, r));
               VAARDIG_ASSIGN_OR_RETURN(TeamMatrix matrix, BuildTeamMatrix(app, a.principal, manager));
               return http::Response::JsonBody(200, TeamMatrixToJson(matrix));
             }));
  router.Get("/api/team/matrix.csv",
             Authed(app, [&app](const AuthedRequest& a, const http::Request& r) -> Result<http::Response> {
               VAARDIG_ASSIGN_OR_RETURN(std::int64_t manager, TeamManager(app, a, r));
               VAARDIG_ASSIGN_OR_RETURN(TeamMatrix matrix, BuildTeamMatrix(app, a.principal, manager));
               http::Response response = http::Response::Text(200, ExportTeamMatrixCsv(matrix, a.language));
               response.content_type = "text/csv; charset=utf-8";
               response.AddHeader("Content-Disposition", "attachment; filename=\"team-matrix.csv\"");
               response.AddHeader("Cache-Control", "no-store");
               return response;
             }));
  router.Post("/api/people/import",
              Authed(app, [&app](const AuthedRequest& a, const http::Request& r) -> Result<http::Response> {
                VAARDIG_RETURN_IF_ERROR(RequireRole(a, {Role::kHr, Role::kAdmin}));
                if (r.MediaType() != "text/csv") {
                  return Fail(ErrorCode::kInvalidArgument, "the request body must be text/csv");
                }
                const std::string_view dry = r.QueryParam("dry_run").value_or("false");
                if (dry != "true" && dry != "false") {
                  return Fail(ErrorCode::kInvalidArgument, "query parameter 'dry_run' must be true or false");
                }
                VAARDIG_ASSIGN_OR_RETURN(ImportReport report,
                                         ImportPeople(app, r.body, dry == "true", a.principal.AuditActor()));
                return http::Response::JsonBody(200, ImportReportToJson(report));
              }));
  router.Get("/api/people", Authed(app, [&app](const AuthedRequest& a, const http::Request&) -> Result<http::Response> {
               VAARDIG_ASSIGN_OR_RETURN(auto people, ListPeople(app, a.principal));
               return http::Response::JsonBody(200, PeopleJson(people));
             }));
}

}  // namespace vaardig::issuer
