import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// API keys: required on every route but health and hooks, scoped, revocable without a restart.
@Suite struct AuthTests {
    @Test func everyRouteNeedsAKeyWithTheRightScope() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let path = fixture.folder + "/keys.json"
        var keys = try APIKeys(path: path)
        let reader = try keys.create(name: "dashboard", scopes: [.read])
        let runner = try keys.create(name: "ci", scopes: [.run])
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(reader), "only hashes are stored")
        let app = Application(router: APIRoutes(daemon: fixture.daemon, keys: keys).router())
        let keysAtStart = keys
        let run = ByteBuffer(string: #"{"input_data": {"who": "Ada"}}"#)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/workflows", method: .get) { response in
                #expect(response.status == .unauthorized)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(body["error"]?["code"] == "unauthorized")
            }
            try await client.execute(uri: "/api/workflows", method: .get, headers: [.authorization: "Bearer wrong"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/workflows", method: .get, headers: [.authorization: "Bearer \(reader)"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/workflows/greet/run", method: .post, headers: [.authorization: "Bearer \(reader)"], body: run) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/workflows/greet/run", method: .post, headers: [.init("x-api-key")!: runner], body: run) { response in
                #expect(response.status == .accepted)
            }
            try await client.execute(uri: "/hooks/greet/unknown", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound, "hooks take no API key; the hook itself is checked")
            }
            // Another process (`runnel keys revoke`) rewrites the file; the server sees it.
            var later = try APIKeys(path: keysAtStart.path)
            try later.revoke(name: "dashboard")
            try await client.execute(uri: "/api/workflows", method: .get, headers: [.authorization: "Bearer \(reader)"]) { #expect($0.status == .unauthorized) }
        }
    }
}
