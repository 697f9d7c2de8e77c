import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing
import Yams

/// `GET /openapi.yaml` and its parity with the router.
///
/// The routes that exist are read from the router itself (`Router.routes`, Hummingbird's list
/// of every method and path registered), so there is no second list to keep in step and no
/// source parsing: a route added to `APIRoutes` and not to the document fails
/// `theDocumentAndTheRouterListTheSameRoutes`. The other direction is checked twice: by that
/// comparison, and by sending each documented operation through the router, with placeholder
/// ids, and checking the answer is ours and not Hummingbird's unmatched-route 404.
@Suite struct OpenAPITests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// The document's operations, as `METHOD /path/{param}`.
    static func documentedOperations() throws -> Set<String> {
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: Set<String> = []
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "path item \(path)")
            for method in methods where item[method] != nil { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    /// Whether the router answered through one of our routes: anything but a 404, or a route's
    /// own 404 (`{"error": {"code": "not_found", …}}`); a request no route matches gets code
    /// `no_route` (404), or `method_not_allowed` (405) when its path takes other methods.
    static func answeredByARoute(_ response: TestResponse) -> Bool {
        if response.status == .methodNotAllowed { return false }
        guard response.status == .notFound else { return true }
        let body = try? JSONParser.parse(String(buffer: response.body))
        return body?["error"]?["code"] == "not_found"
    }

    @Test func theDocumentAndTheRouterListTheSameRoutes() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let routes = APIRoutes(daemon: fixture.daemon, keys: nil).router().routes
        let registered = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered.count == routes.count)
        let documented = try Self.documentedOperations()
        #expect(registered.subtracting(documented).isEmpty, "routes missing from openapi.yaml")
        #expect(documented.subtracting(registered).isEmpty, "operations in openapi.yaml that are no route")
        #expect(registered.contains("GET /api/runs/{run_id}/stream"))
    }

    @Test func everyDocumentedOperationIsAnsweredByARoute() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let operations = try Self.documentedOperations().sorted()
        #expect(operations.count >= 17)
        try await fixture.app.test(.router) { client in
            // The control: a path no route matches is recognised as Hummingbird's.
            try await client.execute(uri: "/api/no-such-route", method: .get) { #expect(!Self.answeredByARoute($0)) }
            try await client.execute(uri: "/api/runs/x/y/z", method: .post) { response in
                #expect(!Self.answeredByARoute(response))
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["message"] == "no route for POST /api/runs/x/y/z")
            }
            try await client.execute(uri: "/healthz", method: .post) { #expect(!Self.answeredByARoute($0)) }
            for operation in operations {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPRequest.Method(rawValue: parts[0]) ?? .get
                // Placeholder ids: `{id}` becomes `placeholder-id` (a workflow id percent-encoded: `a%2Fplaceholder-id`).
                let uri = parts[1].replacing(/\{([a-z_]+)\}/) { match in
                    match.output.1 == "id" || match.output.1 == "workflow" ? "a%2Fplaceholder-\(match.output.1)" : "placeholder-\(match.output.1)"
                }
                let body = method == .post ? ByteBuffer(string: "{}") : nil
                try await client.execute(uri: uri, method: method, body: body) { response in
                    #expect(Self.answeredByARoute(response), "\(operation) (\(uri)) got \(response.status) from no route")
                }
            }
        }
    }

    @Test func theDocumentIsServedAsYAMLWithoutAKey() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        _ = try keys.create(name: "dashboard", scopes: [.read])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(String(buffer: response.body) == OpenAPIDocument.yaml)
            }
            try await client.execute(uri: "/api/workflows", method: .get) { #expect($0.status == .unauthorized) }
        }
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        #expect((schemes?["apiKey"] as? [String: Any])?["name"] as? String == "x-api-key")
        #expect((schemes?["bearer"] as? [String: Any])?["scheme"] as? String == "bearer")
    }

    /// Every operation that needs a key lists 401 and 403; every JSON body 400 and 415 (but the
    /// inbound hooks, which take a body as its sender sends it).
    @Test func everyOperationListsItsRefusals() throws {
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var checked = 0
        for (path, item) in paths {
            let item = try #require(item as? [String: Any])
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let responses = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                let open = (operation["security"] as? [Any])?.isEmpty == true || ["/healthz", "/readyz", "/openapi.yaml", "/api/approvals/resume"].contains(path)
                if !open {
                    #expect(responses.isSuperset(of: ["401", "403"]), "\(method) \(path) lists \(responses.sorted())")
                }
                let content = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]).map { Set($0.keys) } ?? []
                if content == ["application/json"], !path.hasPrefix("/hooks/") {
                    #expect(responses.isSuperset(of: ["400", "415"]), "\(method) \(path) lists \(responses.sorted())")
                }
                checked += 1
            }
        }
        #expect(checked >= 40)
    }
}
