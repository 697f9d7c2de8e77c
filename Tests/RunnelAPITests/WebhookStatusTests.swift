import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// `POST /hooks/{workflow}/{hook}` answers as `/run` does: 404 for an unknown hook, 400 for a
/// body whose inputs don't fit, 409 when the concurrency policy rejects the run.
@Suite struct WebhookStatusTests {
    static let flow = """
        name: Hooked
        inputs:
          n: {type: integer, required: true}
        concurrency: {limit: 1, on_conflict: reject}
        on:
          webhook:
            - {id: open, inputs: {n: "${{ event.payload.n }}"}}
        steps:
          - {id: nap, type: script, config: {run: "sleep 5"}}
        """

    @Test func statusesSayWhatWentWrong() async throws {
        let fixture = try await APITests.Fixture(["workflows/hooked.yaml": Self.flow])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/hooks/hooked/nope", method: .post, body: ByteBuffer(string: #"{"n": 1}"#)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/hooks/hooked/open", method: .post, body: ByteBuffer(string: #"{"n": "text"}"#)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/hooks/hooked/open", method: .post, body: ByteBuffer(string: "not json")) { #expect($0.status == .badRequest) }
            let first = try await client.execute(uri: "/hooks/hooked/open", method: .post, body: ByteBuffer(string: #"{"n": 1}"#)) { response in
                #expect(response.status == .accepted)
                return try APITests.json(response)["run_id"]?.stringValue ?? ""
            }
            try await client.execute(uri: "/hooks/hooked/open", method: .post, body: ByteBuffer(string: #"{"n": 2}"#)) { #expect($0.status == .conflict) }
            #expect(await fixture.daemon.engine.cancel(first))
            _ = await fixture.daemon.engine.wait(first)
        }
    }
}
