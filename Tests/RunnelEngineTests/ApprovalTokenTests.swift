import Foundation
import RunnelCore
@testable import RunnelEngine
import Testing

/// Signed approval-link tokens and the key file.
@Suite struct ApprovalTokenTests {
    @Test func aSignedTokenVerifiesAndAnyChangeIsRefused() throws {
        let key = ApprovalKey(bytes: Array(repeating: 7, count: 32))
        let token = ApprovalToken(runID: "r1", stepID: "approve", action: .approve, approver: "alice@example.com",
                                  expiresAt: Date().addingTimeInterval(60))
        let text = key.sign(token)
        #expect(try key.verify(text).get() == token)
        // Another key, a changed payload, a changed signature, garbage.
        #expect(ApprovalKey(bytes: Array(repeating: 8, count: 32)).verify(text) == .failure(.forged))
        let parts = text.split(separator: ".").map(String.init)
        let other = key.sign(ApprovalToken(runID: "r2", stepID: "approve", action: .approve, approver: nil, expiresAt: Date().addingTimeInterval(60)))
        let swapped = other.split(separator: ".").map(String.init)[0] + "." + parts[1]
        #expect(key.verify(swapped) == .failure(.forged))
        // The MAC's first character carries 6 bits of it: changing it always changes the MAC.
        let first = parts[1].first == "A" ? "B" : "A"
        #expect(key.verify(parts[0] + "." + first + parts[1].dropFirst()) == .failure(.forged))
        #expect(key.verify("nonsense") == .failure(.malformed))
        #expect(key.verify("a.b.c") == .failure(.malformed))
        #expect(key.verify("") == .failure(.malformed))
    }

    @Test func anExpiredTokenIsRefused() {
        let key = ApprovalKey(bytes: Array(repeating: 1, count: 32))
        let token = ApprovalToken(runID: "r", stepID: "s", action: .reject, approver: nil, expiresAt: Date().addingTimeInterval(-1))
        #expect(key.verify(key.sign(token)) == .failure(.expired))
        let later = ApprovalToken(runID: "r", stepID: "s", action: .reject, approver: nil, expiresAt: Date().addingTimeInterval(10))
        #expect(key.verify(key.sign(later), now: Date().addingTimeInterval(20)) == .failure(.expired))
    }

    @Test func theKeyIsMadeOnceWithMode0600AndKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = folder.path + "/state"
        let first = try ApprovalKey.load(state: state)
        let attributes = try FileManager.default.attributesOfItem(atPath: state + "/approval-key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let token = ApprovalToken(runID: "r", stepID: "s", action: .approve, approver: nil, expiresAt: Date().addingTimeInterval(60))
        // A second load (a restarted daemon) reads the same key: old links keep working.
        #expect(try ApprovalKey.load(state: state).verify(first.sign(token)) == .success(token))
        try "not a key".write(toFile: state + "/approval-key", atomically: true, encoding: .utf8)
        #expect(throws: ApprovalKeyError.self) { try ApprovalKey.load(state: state) }
    }

    @Test func tokenIdsAreRandom() {
        let ids = Set((0..<100).map { _ in ApprovalToken(runID: "r", stepID: "s", action: .approve, approver: nil, expiresAt: Date()).id })
        #expect(ids.count == 100)
    }
}
