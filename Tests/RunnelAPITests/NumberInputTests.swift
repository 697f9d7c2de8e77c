import Foundation
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import Testing

/// Every number read from a request goes through one checked conversion: out of range is a
/// 400 naming it, never a crash (`{"version": 1e300}` used to abort the process).
@Suite struct NumberInputTests {
    @Test func outOfRangeNumbersAreRefusedWith400() async throws {
        let fixture = try await APITests.Fixture(["workflows/greet.yaml": APITests.greet])
        defer { fixture.remove() }
        try await fixture.app.test(.router) { client in
            for version in ["1e300", "-1e300", "1.5", "0", "-3", "9223372036854775807", "\"2\"", "true"] {
                try await client.execute(uri: "/api/workflows/greet/rollback", method: .post,
                                         body: ByteBuffer(string: #"{"version": \#(version)}"#)) { response in
                    #expect(response.status == .badRequest, "\(version)")
                    let message = try JSONParser.parse(String(buffer: response.body))["error"]?["message"]?.stringValue ?? ""
                    #expect(message.contains("'version' must be a whole number from 1"), "\(message)")
                }
            }
            try await client.execute(uri: "/api/workflows/greet/rollback", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
            }
            for uri in ["/api/workflows/greet/versions/99999999999999999999", "/api/workflows/greet/versions/-1",
                        "/api/workflows/greet/diff?v1=1e300&v2=1", "/api/workflows/greet/diff?v1=1&v2=0",
                        "/api/runs/x/stream?after=-1", "/api/runs?limit=1e300", "/api/workflows?offset=99999999999999999999"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                }
            }
        }
    }
}
