import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// Every route of the router × no key, a revoked key and a key of each scope. The expected
/// scope of each route is written out here (from docs/daemon.md), not read from the
/// middleware, so a route added without thinking about its scope fails this test.
@Suite struct ScopeMatrixTests {
    /// nil: the route needs no key.
    static func expectedScope(_ method: String, _ path: String) -> APIKeys.Scope?? {
        switch (method, path) {
        case ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/openapi.yaml"), ("GET", "/schema/{name}.json"): return .some(nil)
        case (_, let path) where path.hasPrefix("/hooks/"): return .some(nil)
        case (_, "/api/approvals/resume"): return .some(nil)  // the signed token is the credential
        case ("GET", "/api/workflows/explore"), ("GET", "/api/workflows/community"), ("GET", "/api/workflows/public/{id}"):
            return .some(nil)  // the gallery, through the public allow-list
        case ("GET", "/api/runs/{run_id}/logs"): return .read
        case ("GET", _), ("POST", "/api/workflows/validate"), ("POST", "/mcp"): return .read
        case ("POST", "/api/workflows/{id}/run"), ("POST", "/api/runs/{run_id}/cancel"), ("POST", "/api/runs/{run_id}/resume"),
             ("POST", "/api/runs/{run_id}/pause"), ("POST", "/api/connections/{name}/test"),
             ("POST", "/api/events"), ("POST", "/api/runs/{run_id}/approvals/{step_id}"):
            return .run
        case ("POST", "/api/workflows"), ("PUT", "/api/workflows/{id}"), ("DELETE", "/api/workflows/{id}"),
             ("PATCH", "/api/workflows/{id}/status"), ("POST", "/api/workflows/{id}/rollback"),
             ("POST", "/api/workflows/{id}/schedules"), ("DELETE", "/api/schedules/{id}"), ("POST", "/api/templates/{id}/install"),
             ("POST", "/api/workflows/generate"), ("POST", "/api/workflows/{id}/regenerate-steps"), ("POST", "/api/workflows/{id}/approve"),
             ("PATCH", "/api/workflows/{id}/change-connection"), ("POST", "/api/workflows/{id}/publish"),
             ("POST", "/api/workflows/{id}/unpublish"), ("POST", "/api/workflows/public/{id}/install"):
            return .write
        case ("DELETE", "/api/runs/{run_id}"): return .admin
        default: return nil
        }
    }

    @Test func everyRouteAnswersEachKeyByItsScope() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        var byScope: [(APIKeys.Scope, String)] = []
        for scope in APIKeys.Scope.allCases { byScope.append((scope, try keys.create(name: "key-\(scope.rawValue)", scopes: [scope]))) }
        let revoked = try keys.create(name: "gone", scopes: [.admin])
        try keys.revoke(name: "gone")
        let routes = APIRoutes(daemon: fixture.daemon, keys: keys).router().routes.map { ($0.method, $0.path.description) }
        let scopedKeys = byScope
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        #expect(routes.count >= 25)
        try await app.test(.router) { client in
            for (routeMethod, template) in routes {
                let method = routeMethod.rawValue
                guard let expected = Self.expectedScope(method, template) else {
                    Issue.record("\(method) \(template) has no expected scope in the matrix")
                    continue
                }
                // Unknown ids and a malformed body: the handler answers 4xx and changes nothing.
                let uri = template.replacingOccurrences(of: "{n}", with: "1")
                    .replacingOccurrences(of: #"\{[^}]+\}"#, with: "nope", options: .regularExpression)
                let body = ByteBuffer(string: "{")
                func status(_ headers: HTTPFields) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: uri, method: routeMethod, headers: headers, body: body) { $0.status }
                }
                guard let scope = expected else {
                    #expect(try await status([:]) != .unauthorized, "\(method) \(template) needs no key")
                    continue
                }
                #expect(try await status([:]) == .unauthorized, "\(method) \(template) without a key")
                #expect(try await status([.authorization: "Bearer \(revoked)"]) == .unauthorized, "\(method) \(template) with a revoked key")
                #expect(try await status([.authorization: "Bearer not-a-key"]) == .unauthorized, "\(method) \(template) with a wrong key")
                for (granted, key) in scopedKeys {
                    let answer = try await status([.init("x-api-key")!: key])
                    let allowed = granted == .admin || granted == scope || scope == .read
                    if allowed {
                        #expect(answer != .unauthorized && answer != .forbidden, "\(method) \(template) with \(granted): \(answer)")
                    } else {
                        #expect(answer == .forbidden, "\(method) \(template) with \(granted): \(answer)")
                    }
                }
            }
        }
        #expect(await fixture.daemon.workflows.keys.sorted() == ["greet"], "nothing was written")
    }
}
