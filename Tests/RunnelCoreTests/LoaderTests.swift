import Foundation
import Testing
@testable import RunnelCore

@Suite struct LoaderTests {
    @Test func loadAllParsesBlobsOnEveryCoreInTheirOrder() {
        let files = (0..<41).map { index in
            (path: "workflows/w\(index).yaml", bytes: Array("name: W\(index)\nsteps:\n  - {id: a, type: script, config: {run: \"true\"}}\n".utf8))
        }
        let results = WorkflowLoader.loadAll(files + [(path: "workflows/bad.yaml", bytes: [0xFF])])
        #expect(results.map(\.path) == files.map(\.path) + ["workflows/bad.yaml"])
        #expect(results.dropLast().map { $0.workflow?.name } == (0..<41).map { "W\($0)" })
        #expect(results.last?.diagnostics.first?.message.contains("not valid UTF-8") == true)
        #expect(WorkflowFile.isWorkflow("workflows/.drafts/a.yml") && !WorkflowFile.isWorkflow("templates/a.yaml"))
        #expect(WorkflowFile.isWorkflow("templates/a.yaml", in: WorkflowFile.templatesFolder) && !WorkflowFile.isWorkflow("workflows/a.json"))
    }

    static let minimal = """
        name: Minimal
        steps:
          - id: a
            type: wait
            config: {duration: 1s}
        """

    @Test func loadsAMinimalWorkflowWithPositions() throws {
        let result = WorkflowLoader.load(path: "workflows/team/minimal.yaml", text: Self.minimal)
        #expect(result.diagnostics.isEmpty)
        let workflow = try #require(result.workflow)
        #expect(workflow.id == "team/minimal")
        #expect(workflow.name == "Minimal")
        #expect(workflow.status == .active)
        #expect(workflow.steps.count == 1)
        #expect(workflow.steps[0].id.location == SourceLocation(line: 3, column: 9))
        guard case .wait(let wait) = workflow.steps[0].config, case .duration(let duration) = wait.mode else {
            Issue.record("expected a wait step with a duration")
            return
        }
        #expect(duration.value == .seconds(1))
        #expect(duration.location == SourceLocation(line: 5, column: 24))
    }

    @Test func resolvesScalarsWithTheCoreSchema() {
        #expect(YAMLReader.resolvePlain("10") == .number(10))
        #expect(YAMLReader.resolvePlain("-2.5e3") == .number(-2500))
        #expect(YAMLReader.resolvePlain("0x1F") == .number(31))
        #expect(YAMLReader.resolvePlain("true") == .bool(true))
        #expect(YAMLReader.resolvePlain("yes") == .string("yes"))
        #expect(YAMLReader.resolvePlain("~") == .null)
        #expect(YAMLReader.resolvePlain("1.2.3") == .string("1.2.3"))
        #expect(YAMLReader.resolvePlain("0 9 * * *") == .string("0 9 * * *"))
        let quoted = WorkflowLoader.load(path: "q.yaml", text: "name: \"10\"\nsteps: []\n")
        #expect(quoted.workflow?.name == "10")
    }

    @Test(arguments: [
        ("30s", Int64(30_000)), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250), ("2d", 172_800_000), ("1m30s", 90_000),
    ])
    func parsesDurations(_ text: String, _ milliseconds: Int64) {
        #expect(Duration(parsing: text)?.totalMilliseconds == milliseconds)
    }

    @Test(arguments: ["", "10", "5 minutes", "1m1h", "s", "1.5h", "-1s", "30x"])
    func rejectsBadDurations(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }

    @Test func derivesWorkflowIDs() {
        #expect(WorkflowID.from(path: "workflows/data/etl.yaml") == "data/etl")
        #expect(WorkflowID.from(path: "/repo/workflows/a.yml") == "a")
        #expect(WorkflowID.from(path: "templates/digest.yaml") == "digest")
        #expect(WorkflowID.from(path: "elsewhere/x.yaml") == "x")
        #expect(WorkflowID.isTemplate(path: "repo/templates/digest.yaml"))
        #expect(!WorkflowID.isTemplate(path: "repo/workflows/templates.yaml"))
        #expect(WorkflowID.problem(with: "data/etl") == nil)
        #expect(WorkflowID.problem(with: "../etc/passwd") != nil)
        #expect(WorkflowID.problem(with: "/abs") != nil)
        #expect(WorkflowID.problem(with: "a\u{7}b") != nil)
        #expect(WorkflowID.problem(with: "a//b") != nil)
        #expect(WorkflowID.problem(with: "has space") != nil)
    }

    @Test func suggestsTheClosestKey() {
        #expect(Spelling.closest(to: "retries", in: WorkflowKeys.step) == "retry")
        #expect(Spelling.closest(to: "dependson", in: WorkflowKeys.step) == "depends_on")
        #expect(Spelling.closest(to: "zzzzzz", in: WorkflowKeys.step) == nil)
    }
}

/// Hostile input: every case ends in one clear diagnostic, never a crash or a hang.
@Suite struct BadInputTests {
    func onlyDiagnostic(_ result: LoadResult) -> Diagnostic? {
        #expect(result.workflow == nil)
        #expect(result.diagnostics.count == 1)
        return result.diagnostics.first
    }

    @Test func emptyFile() {
        let d = onlyDiagnostic(WorkflowLoader.load(path: "e.yaml", text: ""))
        #expect(d?.message.contains("empty") == true)
        let comments = onlyDiagnostic(WorkflowLoader.load(path: "e.yaml", text: "# only a comment\n"))
        #expect(comments?.rule == "syntax")
    }

    @Test func binaryJunk() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = WorkflowLoader.load(path: "junk.yaml", bytes: bytes)
            #expect(result.workflow == nil || !result.diagnostics.isEmpty)
            #expect(!result.diagnostics.isEmpty)
        }
        let nul = onlyDiagnostic(WorkflowLoader.load(path: "nul.yaml", bytes: [0x6E, 0x3A, 0x00, 0x01, 0x02]))
        #expect(nul?.rule == "syntax")
    }

    @Test func nonUTF8Bytes() {
        let bytes = Array("name: caf".utf8) + [0xE9] + Array("\nsteps: []\n".utf8)
        let d = onlyDiagnostic(WorkflowLoader.load(path: "latin1.yaml", bytes: bytes))
        #expect(d?.message == "file is not valid UTF-8 (invalid byte at offset 9)")
        #expect(d?.location == SourceLocation(line: 1, column: 10))
    }

    @Test func deeplyNestedYAML() {
        let flow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(onlyDiagnostic(WorkflowLoader.load(path: "deep.yaml", text: flow))?.message.contains("nested too deeply") == true)
        // Block nesting on one line: 10,000 levels of indentation would be a 50 MB file.
        let block = String(repeating: "- ", count: 10_000) + "x\n"
        #expect(onlyDiagnostic(WorkflowLoader.load(path: "deep.yaml", text: block))?.message.contains("nested too deeply") == true)
    }

    @Test func billionLaughsIsRefused() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = "abcdefghij".map(String.init)
        for i in 1..<names.count {
            text += "\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 9).joined(separator: ",") + "]\n"
        }
        let d = onlyDiagnostic(WorkflowLoader.load(path: "lol.yaml", text: text))
        #expect(d?.message.contains("expands to more than 100000 nodes") == true)
    }

    @Test func fiftyMegabyteFile() {
        let line = "# " + String(repeating: "x", count: 97) + "\n"
        let text = String(repeating: line, count: 50 * 1024 * 1024 / line.utf8.count)
        let d = onlyDiagnostic(WorkflowLoader.load(path: "huge.yaml", text: text))
        #expect(d?.rule == "file-size")
        #expect(d?.message.hasPrefix("file is 50.0 MB") == true)
    }

    @Test func nonStringKeys() {
        let d = onlyDiagnostic(WorkflowLoader.load(path: "k.yaml", text: "? [a, b]\n: 1\n"))
        #expect(d?.message.contains("mapping keys must be plain strings") == true)
    }

    @Test func randomMutationsOfAValidFileNeverCrash() {
        let base = Array(LoaderTests.minimal.utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = [UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "\n"), UInt8(ascii: " "),
                                UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "$"), UInt8(ascii: "{"), 0xFF].randomElement(using: &generator) ?? 0
            }
            let result = WorkflowLoader.load(path: "m.yaml", bytes: bytes)
            _ = Validator.validate(result)
        }
    }
}
