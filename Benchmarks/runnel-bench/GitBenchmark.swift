import Foundation
import RunnelGit

/// The git history figures: a generated repository with 2,000 workflows and 20,000
/// first-parent commits (written with `git fast-import`), then the cold index build, the
/// warm version listing beside `git log --format=%H -- PATH`, and a 50-file `check`.
enum GitBenchmark {
    static let workflowCount = 2_000
    static let commitCount = 20_000
    static let tracked = path(42)

    static func run() {
        // RUNNEL_BENCH_KEEP=DIR keeps the generated repository in DIR (to profile it).
        let keep = ProcessInfo.processInfo.environment["RUNNEL_BENCH_KEEP"]
        let root = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("runnel-git-bench-\(getpid())")
        defer { if keep == nil { try? FileManager.default.removeItem(at: root) } }
        let repoPath = root.appendingPathComponent("repo").path
        let state = root.appendingPathComponent("state").path
        do {
            try FileManager.default.createDirectory(atPath: repoPath, withIntermediateDirectories: true)
            let start = DispatchTime.now()
            try generate(at: repoPath)
            print(String(format: "git: generated %d workflows, %d commits in %.1f s (git fast-import)",
                         workflowCount, commitCount, seconds(since: start)))

            // Cold: no index file yet; every first-parent commit is diffed once.
            var begin = DispatchTime.now()
            let cold = try HistoryIndexer(repository: try GitRepository(path: repoPath), stateDirectory: state).index(branch: "main")
            let coldSeconds = seconds(since: begin)
            let versions = cold.versions(ofPath: tracked).count
            print(String(format: "git: cold index build: %.2f s (%d commits; ", coldSeconds, cold.commitCount) + "\(tracked) has \(versions) versions)")

            // Warm: what `runnel log` does in a new process: open, load the index, list.
            var warm = Double.infinity
            for _ in 0..<20 {
                begin = DispatchTime.now()
                let repository = try GitRepository(path: repoPath)
                let index = try HistoryIndexer(repository: repository, stateDirectory: state).index(branch: "main")
                let listed = index.versions(ofPath: tracked)
                precondition(listed.count == versions)
                warm = min(warm, seconds(since: begin))
            }
            var gitLog = Double.infinity
            var gitCount = 0
            let gitIDs = try git(["log", "--format=%H", "--", tracked], in: repoPath).split(separator: "\n").map(String.init)
            let sameAsGit = gitIDs == cold.versions(ofPath: tracked).reversed().map(\.commit.hex)
            for _ in 0..<3 {
                begin = DispatchTime.now()
                let out = try git(["log", "--format=%H", "--", tracked], in: repoPath)
                gitLog = min(gitLog, seconds(since: begin))
                gitCount = out.split(separator: "\n").count
            }
            var gitStart = Double.infinity
            for _ in 0..<3 {
                begin = DispatchTime.now()
                _ = try git(["rev-parse", "HEAD"], in: repoPath)
                gitStart = min(gitStart, seconds(since: begin))
            }
            print(String(format: "git: warm listing (in process: open the repository, load the index, list): %.2f ms (best of 20) vs git log --format=%%H -- PATH: %.1f ms (%d commits; git's process start ≈ %.1f ms): %.0f× faster (target ≥ 20×)",
                         warm * 1000, gitLog * 1000, gitCount, gitStart * 1000, gitLog / warm)
                  + (sameAsGit ? "; same commits as git log" : "; DIFFERENT commits from git log"))

            // A pull request that changes 50 workflows.
            let repository = try GitRepository(path: repoPath)
            let tip = try repository.resolve("main")
            let changes: [FileChange] = (0..<50).map { i in
                return .write(path: path(i * 37 % workflowCount), contents: Array(workflow(i * 37 % workflowCount, revision: 99_999, extraStep: true).utf8))
            }
            try git(["branch", "pr", "main"], in: repoPath)
            let head = try repository.commit(changes, on: "pr", expectedTip: tip, message: "Change 50 workflows",
                                             author: Signature(name: "Bench", email: "bench@example.com"))
            var check = Double.infinity
            var checked = 0
            for _ in 0..<5 {
                begin = DispatchTime.now()
                let result = try WorkflowCheck.run(try GitRepository(path: repoPath), base: tip, head: head)
                check = min(check, seconds(since: begin))
                checked = result.entries.count
            }
            print(String(format: "git: check over a %d-file change: %.0f ms (best of 5; target < 1 s)", checked, check * 1000))
        } catch {
            print("git: benchmark failed: \(error)")
        }
    }

    /// Times a cold index build of an existing repository (for profiling).
    static func indexOnly(_ path: String) {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-index-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        var begin = DispatchTime.now()
        do {
            let repository = try GitRepository(path: path)
            let walked = try repository.firstParentHistory(from: repository.resolve("main")).count
            print(String(format: "git: first-parent walk: %.2f s (%d commits)", seconds(since: begin), walked))
            begin = DispatchTime.now()
            let index = try HistoryIndexer(repository: try GitRepository(path: path), stateDirectory: state).index(branch: "main")
            print(String(format: "git: cold index build: %.2f s (%d commits)", seconds(since: begin), index.commitCount))
        } catch {
            print("git: \(error)")
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func path(_ n: Int) -> String {
        "workflows/team-\(String(format: "%02d", n % 20))/flow-\(String(format: "%04d", n)).yaml"
    }

    static func workflow(_ n: Int, revision: Int, extraStep: Bool = false) -> String {
        var text = """
            name: Flow \(n)
            description: Generated workflow \(n), revision \(revision)
            on:
              schedule:
                - cron: "\(revision % 60) \(n % 24) * * *"
            steps:
              - id: fetch
                type: http_request
                config: {url: "https://example.com/data/\(n)", method: GET}
              - id: wait
                type: wait
                depends_on: [fetch]
                config: {duration: \(revision % 50 + 1)s}

            """
        if extraStep { text += "  - id: extra\n    type: wait\n    depends_on: [wait]\n    config: {duration: 1s}\n" }
        return text
    }

    /// Writes the history with `git fast-import`: one commit adding every workflow, then
    /// commits that each change one to three workflows (the tracked one every 100th commit).
    static func generate(at path: String) throws {
        try git(["init", "-q", "-b", "main"], in: path)
        var stream = ""
        stream.reserveCapacity(16 << 20)
        var random: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            random ^= random << 13; random ^= random >> 7; random ^= random << 17
            return Int(random % 1_000_000)
        }
        var revision = 0
        func blob(_ n: Int) -> String {
            revision += 1
            let text = workflow(n, revision: revision)
            return "M 100644 inline \(GitBenchmark.path(n))\ndata \(text.utf8.count)\n\(text)\n"
        }
        for commit in 0..<commitCount {
            let time = 1_700_000_000 + commit * 60
            stream += "commit refs/heads/main\nmark :\(commit + 1)\ncommitter Bench <bench@example.com> \(time) +0000\n"
            let message = commit == 0 ? "Add all workflows" : "Change \(commit)"
            stream += "data \(message.utf8.count)\n\(message)\n"
            if commit > 0 { stream += "from :\(commit)\n" }
            if commit == 0 {
                for n in 0..<workflowCount { stream += blob(n) }
            } else if commit % 100 == 0 {
                stream += blob(42)
            } else {
                for _ in 0..<(next() % 3 + 1) { stream += blob(next() % workflowCount) }
            }
        }
        try git(["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String, input: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Bench", "-c", "user.email=bench@example.com"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            let writer = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "git", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "git \(arguments.first ?? "") failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
