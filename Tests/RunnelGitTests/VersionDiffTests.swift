import Foundation
import RunnelCore
import Testing

@testable import RunnelGit

@Suite struct VersionDiffTests {
    /// Versions committed through RunnelGit with random step edits; for every pair of
    /// versions, the JSON Patch between the parsed definitions turns one into the other.
    @Test func patchesBetweenEveryPairOfCommittedVersionsApply() throws {
        let repo = try Scratch.repository(bare: true)
        defer { repo.remove() }
        let r = try GitRepository(path: repo.path)
        let author = Signature(name: "Bot", email: "bot@example.com")
        var seed: UInt64 = 99
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var steps = ["fetch", "parse", "send"]
        var tip: ObjectID? = nil
        var fresh = 0
        for round in 0..<14 {
            switch next(4) {
            case 0: fresh += 1; steps.insert("extra\(fresh)", at: next(steps.count + 1))
            case 1: if steps.count > 1 { steps.remove(at: next(steps.count)) }
            case 2: let s = steps.remove(at: next(steps.count)); steps.insert(s, at: next(steps.count + 1))
            default: break
            }
            let text = workflowText("Flow", steps: steps, schedule: round % 3 == 0 ? "0 \(round) * * *" : nil, note: round)
            tip = try r.commit([.write(path: "workflows/flow.yaml", contents: Array(text.utf8))], on: "main", expectedTip: tip,
                               message: "round \(round)", author: author)
        }
        try repo.git(["fsck", "--full", "--strict"])
        let versions = try HistoryIndexer(repository: r).index(branch: "main").versions(ofPath: "workflows/flow.yaml")
        #expect(versions.count == 14)
        let definitions = try versions.map { version in
            let bytes = try #require(try r.file(at: version.path, in: version.commit))
            return try #require(WorkflowLoader.load(path: version.path, bytes: bytes).workflow?.definition)
        }
        for a in definitions {
            for b in definitions {
                #expect(try JSONPatch.diff(from: a, to: b).apply(to: a) == b)
            }
        }
    }
}
