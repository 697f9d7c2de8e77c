import Foundation
import RunnelDaemon
import RunnelEngine
import Subprocess

extension DaemonBenchmark {
    /// `runnel-bench push [N]`: the one-file push to active alone, over 10,000 workflows (N
    /// pushes, default 25). Under `valgrind --tool=callgrind` with `RUNNEL_BENCH_CALLGRIND=1`
    /// it zeroes the counters before the pushes and dumps them after (`callgrind_control -z`,
    /// `-d`), so that dump counts the pushes (the pusher's commits included), not the
    /// repository's generation or the start. `RUNNEL_BENCH_WORKFLOWS` makes the repository
    /// smaller (valgrind's 3.19 can't run the start uninstrumented, so it is simulated too).
    static func push(rounds: Int) async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-push-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let repo = root + "/repo.git"
            try generate(at: repo)
            let recorder = Recorder()
            let daemon = try DaemonServices(DaemonConfiguration(repository: repo, state: root + "/state", pollInterval: .seconds(5)),
                                            secrets: EnvironmentSecretStore(environment: [:]), logger: recorder.logger)
            _ = try await daemon.start()
            let loop = Task { await daemon.runServices() }
            defer { loop.cancel() }
            try await Task.sleep(for: .milliseconds(200))
            let callgrind = ProcessInfo.processInfo.environment["RUNNEL_BENCH_CALLGRIND"] == "1"
            if callgrind { await callgrindControl("-z") }
            try await pushToActive(repo: repo, daemon: daemon, recorder: recorder, rounds: rounds)
            if callgrind { await callgrindControl("-d") }
        } catch {
            print("push: failed: \(error)")
        }
    }

    private static func callgrindControl(_ option: String) async {
        do {
            _ = try await Subprocess.run(.name("callgrind_control"), arguments: [option, String(getpid())], output: .discarded)
        } catch {
            print("push: callgrind_control \(option) failed: \(error)")
        }
    }
}
