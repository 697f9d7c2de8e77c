import Foundation
import Testing
@testable import RunnelEngine

/// Ending what an earlier process's script left: its whole session, and nothing else.
@Suite struct ScriptSessionsTests {
    @Test func endsEveryProcessOfTheSessionEvenOneInAnotherProcessGroup() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pids = folder.path + "/pids"
        // A session leader with a child that moved to a process group of its own (as a shell
        // with job control does), both ignoring SIGTERM.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["python3", "-c", """
            import os, signal, time
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            child = os.fork()
            if child == 0:
                os.setpgid(0, 0)
                time.sleep(300)
                os._exit(0)
            open("\(pids)", "w").write("%d %d\\n" % (os.getpid(), child))
            time.sleep(300)
            """]
        try process.run()
        var numbers: [Int32] = []
        for _ in 0..<500 where numbers.count < 2 {
            try await Task.sleep(for: .milliseconds(10))
            numbers = ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        }
        defer { for pid in numbers { kill(pid, SIGKILL) } }
        let leaderPID = try #require(numbers.first)
        let leader = try #require(ProcessIdentity.of(leaderPID))
        let child = try #require(numbers.last)
        #expect(ProcessStat.read(child).map { $0.processGroup != leader.pid && $0.session == leader.pid } == true)
        #expect(ScriptSessions.members(of: leader) == numbers.sorted())

        // Another start time under the same pid is another process: nothing is touched.
        var stale = leader
        stale.startTicks -= 1
        #expect(ScriptSessions.members(of: stale).isEmpty)
        var otherBoot = leader
        otherBoot.bootID = "another-boot"
        #expect(ScriptSessions.members(of: otherBoot).isEmpty)

        let left = await ScriptSessions.terminate([leader], grace: .milliseconds(200))
        #expect(left.isEmpty)
        #expect(ScriptSessions.members(of: leader).isEmpty)
        process.waitUntilExit()
    }

    @Test func aStatLineIsReadPastACommandNameWithSpacesAndParentheses() {
        let line = "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615"
        let stat = ProcessStat.parse(line)
        #expect(stat?.state == "S")
        #expect(stat?.processGroup == 4242)
        #expect(stat?.session == 4242)
        #expect(stat?.startTicks == 987654)
        #expect(ProcessStat.parse("garbage") == nil)
    }
}
