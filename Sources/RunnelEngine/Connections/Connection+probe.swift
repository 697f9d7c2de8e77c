public import AsyncHTTPClient
import Foundation
import RunnelCore

/// What a connection's probe request found.
public struct ConnectionProbeResult: Sendable, Hashable {
    /// Whether it answered an expected status.
    public var ok: Bool
    /// The status it answered, when it answered.
    public var status: Int?
    /// The URL probed (secrets masked).
    public var url: String
    /// Why it failed, secrets masked.
    public var error: String?
    /// How long it took.
    public var milliseconds: Int
}

extension Connection {
    /// Sends the connection's `probe` request through it (its auth and allowed hosts applied).
    /// - Returns: nil when the connection declares no probe.
    public func runProbe(secrets: any SecretStore, client: HTTPClient? = nil) async -> ConnectionProbeResult? {
        guard let probe else { return nil }
        let masker = SecretMasker(secrets)
        let began = ContinuousClock.now
        func elapsed() -> Int { Int(((ContinuousClock.now - began).seconds * 1000).rounded()) }
        let transport = HTTPTransport(client: client ?? HTTPTransport.sharedClient, requestTimeout: .seconds(30))
        let unsent = HTTPCall(method: probe.method, url: probe.url, headers: [], body: nil, expectedStatus: probe.expectedStatus,
                              maxResponseBytes: 1 << 20)
        var url = probe.url
        do {
            let call = try authorize(unsent, secrets: secrets)
            url = call.url
            let response = try await transport.send(call)
            let ok = call.accepts(response.status)
            let expected = call.expectedStatus.isEmpty ? "a 2xx status" : call.expectedStatus.map(String.init).joined(separator: ", ")
            return ConnectionProbeResult(ok: ok, status: response.status, url: masker.mask(url),
                                         error: ok ? nil : "answered \(response.status), expected \(expected)", milliseconds: elapsed())
        } catch {
            return ConnectionProbeResult(ok: false, status: nil, url: masker.mask(url), error: masker.mask(error.description),
                                         milliseconds: elapsed())
        }
    }
}
