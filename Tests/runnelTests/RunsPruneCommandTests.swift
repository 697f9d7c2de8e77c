import Foundation
import Testing

/// `runnel runs prune`, and the run index as the CLI meets it (after a `kill -9`).
@Suite struct RunsPruneCommandTests {
    static let quick = "name: Quick\nsteps:\n  - {id: a, type: script, config: {run: 'true'}}\n"

    @Test func prunesAllButTheNewestRunsOfEachWorkflow() async throws {
        let root = try CLI.scratch(["workflows/quick.yaml": Self.quick, "workflows/other.yaml": Self.quick])
        defer { try? FileManager.default.removeItem(at: root) }
        for workflow in ["quick", "quick", "quick", "other"] {
            #expect(try await CLI.run(["run", workflow], in: root).status == 0)
        }
        let ids = try CLI.runIDs(in: root, workflow: "quick")
        #expect(ids.count == 3)
        let pruned = try await CLI.run(["runs", "prune", "--keep-last", "1"], in: root)
        #expect(pruned.status == 0, "\(pruned.stdout)\(pruned.stderr)")
        #expect(pruned.stdout == "pruned 2 finished runs\n")
        #expect(try CLI.runIDs(in: root, workflow: "quick") == [ids[2]])
        let events = root.appendingPathComponent(".runnel/runs/quick/\(ids[0]).events.jsonl").path
        #expect(!FileManager.default.fileExists(atPath: events))
        let list = try await CLI.run(["runs"], in: root).stdout
        #expect(list.contains(ids[2]) && !list.contains(ids[0]) && !list.contains(ids[1]))
        #expect(try await CLI.run(["runs", "prune", "--keep-last", "1"], in: root).stdout == "pruned 0 finished runs\n")
    }

    @Test func usesTheRetentionOfRunnelYAML() async throws {
        let root = try CLI.scratch(["workflows/quick.yaml": Self.quick, "runnel.yaml": "retention: {runs: 90d, keep_last: 1}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        for _ in 0..<2 { #expect(try await CLI.run(["run", "quick"], in: root).status == 0) }
        let pruned = try await CLI.run(["runs", "prune"], in: root)
        #expect(pruned.stdout == "pruned 1 finished run\n", "\(pruned.stderr)")
        #expect(try CLI.runIDs(in: root, workflow: "quick").count == 1)
    }

    @Test func aBadOrMissingPolicyIsOneLine() async throws {
        let root = try CLI.scratch(["workflows/quick.yaml": Self.quick, "runnel.yaml": "retention: {runs: soon}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let bad = try await CLI.run(["runs", "prune"], in: root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("runnel.yaml:1:19: 'retention.runs' must be a duration such as 90d or 12h"), "\(bad.stderr)")
        try "timezone: UTC\n".write(to: root.appendingPathComponent("runnel.yaml"), atomically: true, encoding: .utf8)
        let none = try await CLI.run(["runs", "prune"], in: root)
        #expect(none.status == 2)
        #expect(none.stderr.contains("no retention policy"))
        let flag = try await CLI.run(["runs", "prune", "--older-than", "soon"], in: root)
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--older-than must be a duration such as 90d or 12h, not 'soon'"))
    }

    @Test func aRunKilledWithSIGKILLIsListedAsRunningFromTheIndex() async throws {
        let mark = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-mark-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: mark) }
        let root = try CLI.scratch(["workflows/slow.yaml": """
            name: Slow
            steps:
              - {id: a, type: script, config: {run: 'touch "\(mark)"; sleep 60'}}
            """])
        defer { try? FileManager.default.removeItem(at: root) }
        let process = try CLI.start(["run", "slow"], in: root)
        while !FileManager.default.fileExists(atPath: mark) { try await Task.sleep(for: .milliseconds(20)) }
        kill(process.processIdentifier, SIGKILL)
        _ = try await CLI.finish(process, within: .seconds(60))
        let runs = try CLI.runIDs(in: root, workflow: "slow")
        let checkpoint = root.appendingPathComponent(".runnel/run-index/checkpoint").path
        let written = try FileManager.default.attributesOfItem(atPath: checkpoint)[.modificationDate] as? Date
        let running = try await CLI.run(["runs", "--status", "running"], in: root)
        #expect(running.status == 0)
        #expect(runs.count == 1)
        #expect(running.stdout.contains(runs.last ?? "?"), "\(running.stdout)")
        // The index the killed process wrote was read, not rebuilt (a rebuild rewrites the checkpoint).
        #expect(try FileManager.default.attributesOfItem(atPath: checkpoint)[.modificationDate] as? Date == written)
    }
}
