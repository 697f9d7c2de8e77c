import Foundation

/// Ends the processes of scripts that an earlier Runnel process started and did not see
/// end (it was killed): every live process of the script's session, found in `/proc`.
/// A session's id is its leader's pid, and Linux doesn't hand that number out again while
/// any process of the session lives, so a process in that session that started no earlier
/// than the recorded leader is one of the script's (a script that calls `setsid` itself
/// leaves the session and is not found).
enum ScriptSessions {
    /// The live (not zombie) processes of `leader`'s session.
    static func members(of leader: ProcessIdentity) -> [Int32] {
        guard leader.bootID == ProcessIdentity.currentBootID else { return [] }
        // The leader's number belongs to another process: the session has ended.
        if let stat = ProcessStat.read(leader.pid), stat.startTicks != leader.startTicks { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var result: [Int32] = []
        for name in names {
            guard let pid = Int32(name), let stat = ProcessStat.read(pid) else { continue }
            if stat.session == leader.pid, stat.startTicks >= leader.startTicks, !stat.isZombie { result.append(pid) }
        }
        return result.sorted()
    }

    /// Sends SIGTERM to every process of the sessions, waits up to `grace` for them to
    /// exit, then SIGKILL (again while any is left, for children forked meanwhile) for up
    /// to `killWait`. Returns the processes still alive then (none, unless a process can't
    /// be signalled).
    static func terminate(_ leaders: [ProcessIdentity], grace: Duration, killWait: Duration = .seconds(5)) async -> [Int32] {
        func alive() -> [Int32] { leaders.flatMap(members(of:)) }
        var left = alive()
        guard !left.isEmpty else { return [] }
        signal(left, leaders, SIGTERM)
        let clock = ContinuousClock()
        let termDeadline = clock.now + grace
        while !left.isEmpty, clock.now < termDeadline {
            await pause()
            left = alive()
        }
        let killDeadline = clock.now + killWait
        while !left.isEmpty, clock.now < killDeadline {
            signal(left, leaders, SIGKILL)
            await pause()
            left = alive()
        }
        return left
    }

    /// 20 ms, also in a cancelled task (where `Task.sleep` returns at once and the loops
    /// would spin).
    private static func pause() async {
        if Task.isCancelled { usleep(20_000) } else { try? await Task.sleep(for: .milliseconds(20)) }
    }

    private static func signal(_ pids: [Int32], _ leaders: [ProcessIdentity], _ signal: Int32) {
        for leader in leaders { kill(-leader.pid, signal) }
        for pid in pids { kill(pid, signal) }
    }
}
