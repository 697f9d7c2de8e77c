import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
import Testing

/// Routes that don't exist, list parameters, slugs, the status of a busy workflow and the
/// content types of bodies.
@Suite struct RouteAndListTests {
    @Test func aRouteThatDoesNotExistIs404Or405BeforeTheScopeCheck() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        var keys = try APIKeys(path: fixture.folder + "/keys.json")
        let reader = try keys.create(name: "reader", scopes: [.read])
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let auth: HTTPFields = [.authorization: "Bearer \(reader)"]
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/workflows", method: .patch, headers: auth) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, POST")
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["code"] == "method_not_allowed")
            }
            for method in [HTTPRequest.Method("TRACE")!, .options, .put] {
                try await client.execute(uri: "/healthz", method: method) { #expect($0.status == .methodNotAllowed, "\(method)") }
            }
            try await client.execute(uri: "/api/workflows/validate", method: .get, headers: auth) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/api/nothing/here", method: .delete, headers: auth) { #expect($0.status == .notFound) }
            // Without a key, an unknown route is still 404, not 401.
            try await client.execute(uri: "/api/nothing", method: .get) { #expect($0.status == .notFound) }
            // A route that exists still checks the scope.
            try await client.execute(uri: "/api/workflows/greet", method: .delete, headers: auth) { #expect($0.status == .forbidden) }
        }
    }

    @Test func workflowListsRefuseUnreadableParametersAsRunListsDo() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for list in ["/api/workflows", "/api/runs"] {
                for bad in ["limit=0", "limit=-5", "limit=201", "limit=ten", "offset=-1", "offset=x", "status=bogus", "status="] {
                    try await client.execute(uri: "\(list)?\(bad)", method: .get) { response in
                        #expect(response.status == .badRequest, "\(list)?\(bad)")
                    }
                }
                try await client.execute(uri: "\(list)?limit=200&offset=0", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/api/workflows?limit=201", method: .get) { response in
                let message = try JSONParser.parse(String(buffer: response.body))["error"]?["message"]
                #expect(message == "'limit' must be a whole number from 1 to 200, not '201'")
            }
            try await client.execute(uri: "/api/workflows?status=invalid", method: .get) { #expect($0.status == .ok) }
        }
        #expect(throws: ListQueryError.self) { try ListQuery(limit: 1000) }
    }

    @Test func createWithoutAPathMakesAValidIDFromAnyName() async throws {
        #expect(WorkflowID.slug("Rapport über Ümlaut — 2026!") == "rapport-uber-umlaut-2026")
        #expect(WorkflowID.slug("日本語") == "ri-ben-yu")
        #expect(WorkflowID.slug("!!!") == "workflow")
        #expect(WorkflowID.slug("Ærøskøbing Straße") == "aeroskobing-strasse")
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for (name, id) in [("Rapport über Ümlaut — 2026!", "rapport-uber-umlaut-2026"), ("日本語", "ri-ben-yu"), ("!!!", "workflow")] {
                let body = JSONValue.object(["definition": .object(["name": .string(name), "steps": [["id": "a", "type": "wait", "config": ["duration": "1s"]]]])]).serialized()
                try await client.execute(uri: "/api/workflows", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .created, "\(name): \(String(buffer: response.body))")
                    let answer = try JSONParser.parse(String(buffer: response.body))
                    #expect(answer["id"]?.stringValue == id)
                }
            }
        }
    }

    @Test func aBodyInAnotherContentTypeIs415() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for type in ["text/yaml", "application/x-www-form-urlencoded", "text/plain"] {
                try await client.execute(uri: "/api/workflows/validate", method: .post, headers: [.contentType: type],
                                         body: ByteBuffer(string: #"{"definition": "name: x"}"#)) { response in
                    #expect(response.status == .unsupportedMediaType, "\(type)")
                }
            }
            try await client.execute(uri: "/api/workflows/validate", method: .post, headers: [.contentType: "application/json; charset=utf-8"],
                                     body: ByteBuffer(string: #"{"definition": "name: x"}"#)) { #expect($0.status == .ok) }
        }
    }

    @Test func statusOfABusyWorkflowReportsARunningRunBeforeQueuedOnes() async throws {
        let mark = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-busy-\(UUID().uuidString)").path
        // Whatever happens, the held runs end (their script waits for this file).
        defer { FileManager.default.createFile(atPath: mark, contents: nil) }
        let busy = "name: Busy\nenv: {MARK: \"\(mark)\"}\nsteps:\n  - {id: hold, type: script, config: {run: 'while [ ! -f \"$MARK\" ]; do sleep 0.5; done'}}\n"
        let fixture = try await APITests.Fixture(["workflows/busy.yaml": busy])
        defer { fixture.remove() }
        await fixture.daemon.engine.setMaxConcurrentRuns(10)
        var ids: [String] = []
        for _ in 0..<12 { ids.append(try await fixture.daemon.launcher.startRun(workflowID: "busy", inputs: [:]).id) }
        for _ in 0..<400 where await fixture.daemon.engine.runningRunIDs.count < 10 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await fixture.daemon.engine.queuedRunIDs.count == 2)
        let started = ids
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/workflows/busy/status", method: .get) { response in
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["status"] == "running")
                #expect(started.prefix(10).contains(body["run_id"]?.stringValue ?? ""))
            }
        }
        FileManager.default.createFile(atPath: mark, contents: nil)
        for id in ids { _ = await fixture.daemon.engine.wait(id) }
    }
}
