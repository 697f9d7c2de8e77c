import Foundation
import Testing

/// `runnel run`, `runnel runs` and `runnel resume` as a user runs them.
@Suite struct RunCommandTests {
    static let greet = """
        name: Greet
        inputs:
          who: {type: string, required: true}
          times: {type: integer, default: 1}
        steps:
          - id: hello
            type: script
            config:
              env: {WHO: "${{ inputs.who }}"}
              run: 'echo "greeting=hello $WHO" >> "$RUNNEL_OUTPUT"'
          - id: shout
            type: script
            depends_on: [hello]
            config: {run: "echo LOUD"}
        outputs:
          greeting: ${{ steps.hello.output.greeting }}
          times: ${{ inputs.times }}
        """

    static let failing = """
        name: Fails
        steps:
          - {id: boom, type: script, config: {run: "echo broken >&2; exit 4"}}
        """

    @Test func runsAWorkflowPrintsOutputsAndRecordsTheRun() async throws {
        let root = try CLI.scratch(["workflows/greet.yaml": Self.greet])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "greet", "--input", "who=Ada", "--input", "times=3"], in: root)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        // A step's log lines are printed as they are written, between its start and its end.
        #expect(output.stdout.contains("step hello started\nstep hello completed\nstep shout started\n  shout | LOUD\nstep shout completed\n"))
        #expect(output.stdout.contains("\"greeting\": \"hello Ada\""))
        #expect(output.stdout.contains("\"times\": 3"))
        let recordLine = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("record: ") })
        let path = root.appendingPathComponent(String(recordLine.dropFirst("record: ".count))).path
        let record = try #require(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) })
        #expect(record.contains("\"status\" : \"completed\""))

        let list = try await CLI.run(["runs"], in: root)
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("RUN"))
        #expect(list.stdout.contains("greet") && list.stdout.contains("completed") && list.stdout.contains("manual"))
        let runID = try #require(list.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        let show = try await CLI.run(["runs", "show", runID], in: root)
        #expect(show.status == 0)
        #expect(show.stdout.contains("workflow:  greet"))
        #expect(show.stdout.contains("hello  completed"))
        #expect(show.stdout.contains("\"stdout\": \"LOUD\\n\""))
        let logs = try await CLI.run(["runs", "show", runID, "--logs"], in: root)
        #expect(logs.status == 0)
        #expect(logs.stdout == "  shout | LOUD\n")
        let jsonLogs = try await CLI.run(["runs", "show", runID, "--logs", "--step", "shout", "--tail", "1", "--json"], in: root)
        #expect(jsonLogs.stdout.hasPrefix("{\"attempt\":1,\"seq\":1,\"step_id\":\"shout\",\"stream\":\"stdout\",\"text\":\"LOUD\""))
        #expect(try await CLI.run(["runs", "show", runID, "--tail", "1"], in: root).status == 2)
    }

    @Test func theDemoWorkflowRunsOffline() async throws {
        let state = try CLI.scratch(["data/big": String(repeating: "x", count: 3 << 20)])
        defer { try? FileManager.default.removeItem(at: state) }
        let folders = "folders=[\"\(state.path)/data\", \"\(state.path)/missing\"]"
        let output = try await CLI.run(["run", "local/disk-report", "--input", folders, "--input", "threshold_mb=2", "--state", state.path])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("step flag started"))
        #expect(output.stdout.contains("step all_clear skipped: branch not taken by 'over_threshold'"))
        #expect(output.stdout.contains("\"total_mb\": 3"))
    }

    @Test func aFailedRunExitsOneAndIsListedByStatus() async throws {
        let root = try CLI.scratch(["workflows/fails.yaml": Self.failing, "workflows/greet.yaml": Self.greet])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "workflows/fails.yaml"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("step boom failed: the script exited with status 4: broken"))
        #expect(output.stdout.contains(" failed in "))
        _ = try await CLI.run(["run", "greet", "--input", "who=x"], in: root)
        let failed = try await CLI.run(["runs", "--status", "failed"], in: root)
        #expect(failed.stdout.split(separator: "\n").count == 2)
        #expect(failed.stdout.contains("fails"))
        let greet = try await CLI.run(["runs", "--workflow", "greet"], in: root)
        #expect(greet.stdout.contains("greet") && !greet.stdout.contains("fails"))
    }

    @Test func badInputsAndUnknownWorkflowsAreRefusedBeforeAnyRun() async throws {
        let root = try CLI.scratch(["workflows/greet.yaml": Self.greet])
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try await CLI.run(["run", "greet"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "runnel: invalid inputs for 'greet': input 'who' is required\n")
        let typed = try await CLI.run(["run", "greet", "--input", "who=a", "--input", "times=many"], in: root)
        #expect(typed.status == 2)
        #expect(typed.stderr.contains("input 'times' must be an integer"))
        let unknown = try await CLI.run(["run", "nope"], in: root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("runnel: workflow 'nope' not found"))
        let badFile = try CLI.scratch(["in.yaml": "who: [unclosed"])
        defer { try? FileManager.default.removeItem(at: badFile) }
        let file = try await CLI.run(["run", "greet", "--input-file", badFile.appendingPathComponent("in.yaml").path], in: root)
        #expect(file.status == 2)
        #expect(file.stderr.contains("in.yaml:2:1: YAML syntax error"))
        #expect(try await CLI.run(["runs"], in: root).stdout == "no runs\n")
    }

    @Test func anInvalidWorkflowIsRefusedWithItsDiagnostics() async throws {
        let root = try CLI.scratch(["workflows/bad.yaml": "name: Bad\nsteps:\n  - {id: a, type: wait, depends_on: [ghost], config: {duration: 1s}}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["run", "bad"], in: root)
        #expect(output.status == 1)
        #expect(output.stderr.contains("workflow 'bad' is invalid:\nworkflows/bad.yaml:3:"))
        #expect(output.stderr.contains("depends on 'ghost' which doesn't exist"))
    }

    @Test func ctrlCCancelsTheRunAndRecordsIt() async throws {
        let root = try CLI.scratch(["workflows/slow.yaml": """
            name: Slow
            steps:
              - {id: nap, type: script, config: {run: "echo napping; sleep 300"}}
            """])
        defer { try? FileManager.default.removeItem(at: root) }
        let process = try CLI.start(["run", "slow"], in: root)
        try await CLI.waitForRecord(in: root, workflow: "slow") { $0.contains("\"status\" : \"running\"") }
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGINT)
        let finished = try await CLI.finish(process, within: .seconds(60))
        #expect(finished.status == 1)
        #expect(finished.stdout.contains("step nap cancelled"))
        #expect(finished.stdout.contains(" cancelled"))
        let list = try await CLI.run(["runs"], in: root)
        #expect(list.stdout.contains("cancelled"))
    }

    @Test func aRunKilledMidwayResumesFromItsLastCompletedStep() async throws {
        let scratch = try CLI.scratch(["placeholder": ""])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("log").path
        let mark = scratch.appendingPathComponent("mark").path
        let stop = scratch.appendingPathComponent("stop").path
        // The first attempt of `second` waits until the test has killed `runnel run` (at most
        // 5 minutes), however long the test takes to notice it started: a loaded machine can
        // stall the test's threads for many seconds, and a fixed sleep then ended first.
        let root = try CLI.scratch(["workflows/two.yaml": """
            name: Two
            env: {LOG: "\(log)", MARK: "\(mark)", STOP: "\(stop)"}
            steps:
              - {id: first, type: script, config: {run: 'echo first >> "$LOG"'}}
              - id: second
                type: script
                depends_on: [first]
                config:
                  run: |
                    echo "second $RUNNEL_ATTEMPT" >> "$LOG"
                    if [ ! -f "$MARK" ]; then
                      touch "$MARK"
                      i=0; while [ ! -f "$STOP" ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i+1)); done
                    fi
            outputs:
              done: ${{ steps.second.status }}
            """])
        defer { try? FileManager.default.removeItem(at: root) }
        let process = try CLI.start(["run", "two"], in: root)
        while !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("second 1") {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        _ = try await CLI.finish(process, within: .seconds(60))
        FileManager.default.createFile(atPath: stop, contents: nil)
        let runID = try CLI.runIDs(in: root, workflow: "two").first ?? ""
        let left = try await CLI.run(["runs", "show", runID, "--json"], in: root)
        #expect(left.stdout.contains("\"status\" : \"running\""))

        let resumed = try await CLI.run(["resume", runID], in: root)
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        // Only what the resume did is shown: the second step again, not the first.
        #expect(resumed.stdout.hasPrefix("step second started (attempt 2)\nstep second completed\n"))
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "first\nsecond 1\nsecond 2\n")
        let record = try await CLI.run(["runs", "show", runID, "--json"], in: root).stdout
        #expect(record.contains("\"status\" : \"completed\""))
        #expect(record.contains("\"done\" : \"completed\""))
    }
}

extension CLI {
    /// Starts `runnel` in the background (its output collected into files).
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent(".out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.environment = ProcessInfo.processInfo.environment.merging(["RUNNEL_TEST_OUT": out.path, "RUNNEL_TEST_ERR": err.path]) { _, new in new }
        try process.run()
        return process
    }

    /// Waits for a background `runnel` to exit; kills it when it takes longer than `limit`.
    static func finish(_ process: Process, within limit: Duration) async throws -> Output {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate(); kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let environment = process.environment ?? [:]
        let read = { (key: String) in (environment[key].flatMap { FileManager.default.contents(atPath: $0) }).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return Output(status: process.terminationStatus, stdout: read("RUNNEL_TEST_OUT"), stderr: read("RUNNEL_TEST_ERR"))
    }

    /// The ids of a workflow's runs in `<root>/.runnel`: one event log each, from the run's
    /// creation (its record is a snapshot written later).
    static func runIDs(in root: URL, workflow: String) throws -> [String] {
        let folder = root.appendingPathComponent(".runnel/runs/\(workflow)").path
        let suffix = ".events.jsonl"
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// Waits until the newest record of `workflow` satisfies `condition`.
    static func waitForRecord(in root: URL, workflow: String, _ condition: (String) -> Bool) async throws {
        for _ in 0..<500 {
            if let id = try? runIDs(in: root, workflow: workflow).last,
               let data = FileManager.default.contents(atPath: root.appendingPathComponent(".runnel/runs/\(workflow)/\(id).json").path),
               condition(String(decoding: data, as: UTF8.self)) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CLITestFailure(description: "no record of \(workflow) matched in time")
    }
}

struct CLITestFailure: Error, CustomStringConvertible {
    var description: String
}
