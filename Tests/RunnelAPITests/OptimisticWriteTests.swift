import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// A read returns the branch tip as its `ETag` (and `branch_commit`), which `If-Match`
/// accepts: "read again and retry" ends after another change, instead of looping forever.
@Suite struct OptimisticWriteTests {
    static func read(_ client: some TestClientProtocol, _ id: String) async throws -> (etag: String, branch: String, commit: String) {
        try await client.execute(uri: "/api/workflows/\(id)", method: .get) { response in
            let body = try JSONParser.parse(String(buffer: response.body))
            return (response.headers[.eTag] ?? "", body["branch_commit"]?.stringValue ?? "", body["commit"]?.stringValue ?? "")
        }
    }

    @Test func theReadRetryLoopEndsAfterAnotherChange() async throws {
        let other = "name: Other\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet, "workflows/other.yaml": other])
        defer { fixture.remove() }
        let changed = APITests.greet.replacingOccurrences(of: "name: Greet", with: "name: Greet 2")
        let update = try JSONValue.object(["definition": .string(changed)]).serialized()
        try await fixture.app.test(.router) { client in
            let first = try await Self.read(client, "greet")
            #expect(first.etag == "\"\(first.branch)\"")
            #expect(first.branch.count == 40)
            // Another workflow changes: the branch moves, greet's own `commit` does not.
            let otherWrite = try JSONValue.object(["definition": .string(other + "description: changed\n")]).serialized()
            try await client.execute(uri: "/api/workflows/other", method: .put, headers: [.ifMatch: first.etag],
                                     body: ByteBuffer(string: otherWrite)) { response in
                #expect(response.status == .ok)
                let body = try JSONParser.parse(String(buffer: response.body))
                #expect(response.headers[.eTag] == "\"\(body["branch_commit"]?.stringValue ?? "")\"")
            }
            // The loop that works: write with the ETag; on 409 read again and retry.
            var etag = first.etag
            var attempts = 0
            var status: HTTPResponse.Status = .conflict
            while status == .conflict, attempts < 3 {
                attempts += 1
                status = try await client.execute(uri: "/api/workflows/greet", method: .put, headers: [.ifMatch: etag],
                                                  body: ByteBuffer(string: update)) { $0.status }
                if status == .conflict { etag = try await Self.read(client, "greet").etag }
            }
            #expect(status == .ok)
            #expect(attempts == 2)
            let after = try await Self.read(client, "greet")
            #expect(after.commit == after.branch)
            // Weak tags, lists and `*` are accepted; the body's base_commit too.
            try await client.execute(uri: "/api/workflows/greet/status", method: .patch, headers: [.ifMatch: "W/\"nope\", \(after.etag)"],
                                     body: ByteBuffer(string: #"{"status": "paused"}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/workflows/greet/status", method: .patch, headers: [.ifMatch: "*"],
                                     body: ByteBuffer(string: #"{"status": "active"}"#)) { #expect($0.status == .ok) }
        }
    }
}
