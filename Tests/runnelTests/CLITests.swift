import Foundation
import RunnelTestSupport
import Testing

/// Runs the built `runnel` binary as a user would and checks its output and exit status.
struct CLI {
    static let binary: URL = {
        // The test bundle sits in the build folder beside the `runnel` executable.
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for folder in candidates where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("runnel").path) {
            return folder.appendingPathComponent("runnel")
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("runnel")
    }()

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = repoRoot, environment: [String: String] = [:]) async throws -> Output {
        let merged = environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = try await TestProcess.run(binary.path, arguments, in: directory, environment: merged)
        return Output(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    /// A temporary folder with the given files, removed by the caller.
    static func scratch(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-cli-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }
}

@Suite struct ValidateCommandTests {
    static let good = "name: Good\nsteps:\n  - id: a\n    type: wait\n    config: {duration: 1s}\n"
    static let bad = "name: Bad\nsteps:\n  - id: notify\n    type: wait\n    depends_on: [fetch]\n    config: {duration: 1s}\n"

    @Test func bundledExamplesAndTemplatesAreClean() async throws {
        let output = try await CLI.run(["validate"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("no problems"))
        #expect(!output.stdout.hasPrefix("0 files"), "the bundled examples must be found")
    }

    @Test func schedulesOfTheBundledExamples() async throws {
        let output = try await CLI.run(["schedules", "--from", "2026-03-07T00:00:00Z", "--count", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(" UTC") || output.stdout.contains("/"))
        #expect(output.stdout.split(separator: "\n").count >= 3)
    }

    @Test func reportsErrorsWithSourceLineAndCaret() async throws {
        let root = try CLI.scratch(["workflows/good.yaml": Self.good, "workflows/bad.yaml": Self.bad])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["validate"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout == """
            workflows/bad.yaml:5:18: error: Step 'notify' depends on 'fetch' which doesn't exist [depends-on]
                  depends_on: [fetch]
                               ^
            1 error, 0 warnings in 1 of 2 files

            """)
    }

    @Test func jsonFormat() async throws {
        let root = try CLI.scratch(["workflows/bad.yaml": Self.bad])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["validate", "--format", "json"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("\"rule\": \"depends-on\""))
        #expect(output.stdout.contains("\"errors\": 1"))
        #expect(output.stdout.contains("\"line\": 5"))
    }

    @Test func githubFormat() async throws {
        let root = try CLI.scratch(["workflows/bad.yaml": Self.bad])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["validate", "--format", "github"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.hasPrefix(
            "::error file=workflows/bad.yaml,line=5,col=18,title=runnel depends-on::Step 'notify' depends on 'fetch' which doesn't exist\n"))
    }

    @Test func cleanFilesExitZero() async throws {
        let root = try CLI.scratch(["workflows/good.yaml": Self.good])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["validate"], in: root)
        #expect(output.status == 0)
        #expect(output.stdout == "1 file checked, no problems\n")
    }

    @Test func crossFileChecks() async throws {
        let caller = "name: Caller\nsteps:\n  - id: child\n    type: workflow\n    config: {workflow: missing/flow}\n"
        let child = "name: Child\ninputs:\n  table: {type: string, required: true}\nsteps:\n  - id: a\n    type: wait\n    config: {duration: 1s}\n"
        let parent = "name: Parent\nsteps:\n  - id: load\n    type: workflow\n    config: {workflow: child, inputs: {tabel: x}}\n"
        let root = try CLI.scratch(["workflows/caller.yaml": caller, "workflows/good.yaml": Self.good, "workflows/good.yml": Self.good,
                                    "workflows/child.yaml": child, "workflows/parent.yaml": parent])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try await CLI.run(["validate"], in: root)
        #expect(output.status == 1)
        #expect(output.stdout.contains("workflows/caller.yaml:5:24: error: step 'child' runs workflow 'missing/flow' which doesn't exist [workflow-reference]"))
        #expect(output.stdout.contains("workflows/good.yml:1:1: error: workflow id 'good' is also defined by workflows/good.yaml; rename one of the files [duplicate-workflow-id]"))
        #expect(output.stdout.contains("workflows/parent.yaml:5:40: error: step 'load' passes input 'tabel' which workflow 'child' doesn't declare; did you mean 'table'? [workflow-reference]"))
        #expect(output.stdout.contains("workflows/parent.yaml:5:24: error: step 'load' doesn't pass input 'table', which workflow 'child' requires [workflow-reference]"))
    }

    @Test func usageErrorsExitTwo() async throws {
        let missing = try await CLI.run(["validate", "no/such/path"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "runnel: no such file or directory: no/such/path\n")
        let badFormat = try await CLI.run(["validate", "--format", "xml"])
        #expect(badFormat.status == 2)
        let unknown = try await CLI.run(["frobnicate"])
        #expect(unknown.status == 2)
        let empty = try CLI.scratch(["notes.txt": "no workflows here"])
        defer { try? FileManager.default.removeItem(at: empty) }
        let nothing = try await CLI.run(["validate", empty.path])
        #expect(nothing.status == 2, "a path with no workflow file must not pass a CI check")
        #expect(nothing.stderr == "runnel: no .yaml or .yml file in \(empty.path)\n")
    }
}

@Suite struct CronCommandTests {
    @Test func printsNextFireTimesWithOffsets() async throws {
        let output = try await CLI.run(["cron", "next", "30 2 * * *", "--timezone", "America/New_York",
                                  "--from", "2026-03-07T00:00:00-05:00", "--count", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "2026-03-07T02:30:00-05:00\n2026-03-08T03:00:00-04:00\n2026-03-09T02:30:00-04:00\n")
    }

    @Test func utcPrintsAnExplicitOffset() async throws {
        let output = try await CLI.run(["cron", "next", "@monthly", "--from", "2026-01-15T00:00:00Z", "--count", "2"])
        #expect(output.stdout == "2026-02-01T00:00:00+00:00\n2026-03-01T00:00:00+00:00\n")
    }

    @Test func badInputIsOneLineAndExitTwo() async throws {
        let cron = try await CLI.run(["cron", "next", "61 * * * *"])
        #expect(cron.status == 2)
        #expect(cron.stderr.hasPrefix("runnel: invalid cron '61 * * * *' at column 1: "))
        #expect(cron.stderr.split(separator: "\n").count == 1)
        let zone = try await CLI.run(["cron", "next", "@daily", "--timezone", "Mars/Base"])
        #expect(zone.status == 2)
        #expect(zone.stderr == "runnel: unknown time zone 'Mars/Base'; use an IANA name such as America/New_York\n")
        let never = try await CLI.run(["cron", "next", "0 0 30 2 *"])
        #expect(never.status == 1)
    }
}
