import Foundation
import Testing

/// A script's processes don't outlive a killed `runnel run` into the step's next attempt.
@Suite struct OrphanedStepTests {
    @Test func resumingAKilledRunEndsTheEarlierAttemptsProcessesBeforeTheStepRunsAgain() async throws {
        let scratch = try CLI.scratch(["placeholder": ""])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("log").path
        let pids = scratch.appendingPathComponent("pids").path
        let ready = scratch.appendingPathComponent("ready").path
        // The first attempt leaves a background child and a grandchild in a subshell, then
        // waits; the second one looks in /proc for any of them (a zombie has ended).
        let root = try CLI.scratch(["workflows/orphans.yaml": """
            name: Orphans
            env: {LOG: "\(log)", PIDS: "\(pids)", READY: "\(ready)"}
            steps:
              - id: work
                type: script
                config:
                  run: |
                    echo "attempt $RUNNEL_ATTEMPT" >> "$LOG"
                    if [ "$RUNNEL_ATTEMPT" = 1 ]; then
                      echo $$ >> "$PIDS"
                      sleep 300 &
                      echo $! >> "$PIDS"
                      ( sleep 300 & echo $! >> "$PIDS"; wait ) &
                      echo $! >> "$PIDS"
                      sleep 0.2
                      touch "$READY"
                      wait
                    else
                      for p in $(cat "$PIDS"); do
                        if [ -e /proc/$p ] && ! grep -q '^State:.*[ZX]' /proc/$p/status 2>/dev/null; then echo "alive $p" >> "$LOG"; fi
                      done
                    fi
            """])
        defer { try? FileManager.default.removeItem(at: root) }
        defer { for pid in Self.pids(pids) { kill(pid, SIGKILL) } }
        let process = try CLI.start(["run", "orphans"], in: root)
        for _ in 0..<3000 where !FileManager.default.fileExists(atPath: ready) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(FileManager.default.fileExists(atPath: ready))
        kill(process.processIdentifier, SIGKILL)
        _ = try await CLI.finish(process, within: .seconds(60))
        let started = Self.pids(pids)
        #expect(started.count == 4)
        // The kill left them running: nothing else ends them.
        #expect(started.filter(Self.isAlive).count == 4)

        let runID = try CLI.runIDs(in: root, workflow: "orphans").first ?? ""
        // Started and awaited without blocking a thread of the test process (others share them).
        let resumed = try await CLI.finish(try CLI.start(["resume", runID], in: root), within: .seconds(120))
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "attempt 1\nattempt 2\n")
        #expect(started.filter(Self.isAlive).isEmpty)
        let events = try String(contentsOfFile: root.appendingPathComponent(".runnel/runs/orphans/\(runID).events.jsonl").path, encoding: .utf8)
        #expect(events.contains(#""type":"step_process""#))
    }

    static func pids(_ path: String) -> [Int32] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    /// Running, not a zombie waiting to be collected.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.split(separator: "\n").contains { $0.hasPrefix("State:") && ($0.contains("Z") || $0.contains("X")) }
    }
}
