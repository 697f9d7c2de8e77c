import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// Versions, diffs and rollback through the API, on commits made through the API.
@Suite struct HistoryTests {
    @Test func versionsDiffAndRollbackAsANewCommit() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        let v2 = APITests.greet.replacingOccurrences(of: "name: Greet", with: "name: Greet v2")
            .replacingOccurrences(of: "outputs:", with: "  - {id: extra, type: wait, depends_on: [say], config: {duration: 1s}}\noutputs:")
        try await fixture.app.test(.router) { client in
            let body = try JSONValue.object(["definition": .string(v2), "change_summary": "Add a step"]).serialized()
            try await client.execute(uri: "/api/workflows/greet", method: .put, body: ByteBuffer(string: body)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/workflows/greet/versions", method: .get) { response in
                let versions = try JSONParser.parse(String(buffer: response.body))["versions"]?.arrayValue ?? []
                #expect(versions.map { $0["number"] } == [2, 1])
                #expect(versions.first?["subject"] == "Add a step")
            }
            try await client.execute(uri: "/api/workflows/greet/diff?v1=1&v2=2", method: .get) { response in
                let diff = try JSONParser.parse(String(buffer: response.body))
                #expect(diff["summary"]?.stringValue?.lowercased().contains("added 1 step") == true, "\(diff["summary"] ?? .null)")
                #expect(diff["patch"]?.arrayValue?.isEmpty == false)
                #expect(diff["text"]?.stringValue?.contains("+  - {id: extra") == true)
            }
            try await client.execute(uri: "/api/workflows/greet/rollback", method: .post, body: ByteBuffer(string: #"{"version": 1}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/workflows/greet/versions/3", method: .get) { response in
                let version = try JSONParser.parse(String(buffer: response.body))
                #expect(version["subject"] == "Roll back greet to version 1")
                #expect(version["definition"]?["name"] == "Greet")
            }
            try await client.execute(uri: "/api/workflows/greet/versions/9", method: .get) { #expect($0.status == .notFound) }
        }
        #expect(await fixture.daemon.workflows["greet"]?.active?.workflow.steps.count == 1)
    }
}
