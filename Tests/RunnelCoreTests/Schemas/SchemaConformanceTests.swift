import Foundation
import Testing
@testable import RunnelCore

/// The editor schemas and the validator agree, checked with a real JSON Schema validator
/// (`check-jsonschema`, from PyPI): every example workflow, template, runnel.yaml and full
/// workflow in docs/ passes its schema; every invalid fixture fails it, unless all its errors
/// are semantic (rules a schema cannot express: cycles, references, expressions, cron…), and
/// then it must pass.
///
/// Under `CI=true` a missing `check-jsonschema` fails the test; elsewhere the test is skipped.
@Suite(.serialized) struct SchemaConformanceTests {
    /// Rules a JSON Schema of one file can express: the schema must reject these fixtures.
    static let structuralRules: Set<String> = [
        "syntax", "duplicate-key", "unknown-key", "required-key", "type", "invalid-value", "step-id",
    ]
    /// Rules that need more than a schema: the whole file, other files, the file's path, the
    /// expression language, the cron parser or the time zone database.
    static let semanticRules: Set<String> = [
        "file-size", "workflow-id", "duplicate-step-id", "depends-on", "cycle", "branch-target", "expression", "context",
        "function", "step-reference", "input-reference", "input-default", "cron", "timezone", "trigger-inputs",
        "duplicate-trigger-id", "secret", "script-injection", "if-condition", "tool-reference", "knowledge-folder",
        "workflow-reference", "wait-until", "duplicate-workflow-id",
    ]

    static var inCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }

    /// `check-jsonschema` on `PATH`, or nil.
    static let tool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/check-jsonschema"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var canRun: Bool { tool != nil || inCI }

    /// Runs check-jsonschema in `folder` and returns its exit status and output. It waits by
    /// polling, so the test holds no thread while the validator works.
    static func checkJSONSchema(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: Data) {
        let tool = try #require(tool, "check-jsonschema is not installed: pip install check-jsonschema")
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-check-jsonschema-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        process.waitUntilExit()
        return (process.terminationStatus, (try? Data(contentsOf: outputFile)) ?? Data())
    }

    /// The files among `files` that `schema` rejects (a schema error or a file it can't parse).
    static func rejected(_ files: [String], by schema: EditorSchema, in folder: URL) async throws -> Set<String> {
        guard !files.isEmpty else { return [] }
        let schemaFile = ExampleTests.root.appendingPathComponent(schema.path).path
        let (status, output) = try await checkJSONSchema(["--schemafile", schemaFile, "-o", "json"] + files, in: folder)
        let report = try? JSONSerialization.jsonObject(with: output) as? [String: Any]
        guard let report, status == 0 || status == 1 else {
            Issue.record("check-jsonschema exited \(status): \(String(decoding: output, as: UTF8.self))")
            return Set(files)
        }
        var failed: Set<String> = []
        for key in ["errors", "parse_errors"] {
            for entry in report[key] as? [[String: Any]] ?? [] {
                if let name = entry["filename"] as? String { failed.insert(name) }
            }
        }
        return failed
    }

    /// The schema errors check-jsonschema prints for `files`, for failure messages.
    static func explain(_ files: [String], _ schema: EditorSchema, in folder: URL) async -> String {
        guard !files.isEmpty else { return "" }
        let schemaFile = ExampleTests.root.appendingPathComponent(schema.path).path
        let answer = try? await checkJSONSchema(["--schemafile", schemaFile] + files, in: folder)
        return answer.map { String(decoding: $0.output, as: UTF8.self) } ?? ""
    }

    @Test(.enabled(if: canRun, "check-jsonschema is not installed (pip install check-jsonschema); CI=true fails instead"))
    func everyExampleWorkflowAndTemplatePassesItsSchema() async throws {
        let root = ExampleTests.root
        let workflows = ExampleTests.workflowFiles
        let templates = ExampleTests.templateFiles
        #expect(workflows.count >= 10 && templates.count >= 5)
        let badWorkflows = try await Self.rejected(workflows, by: .workflow, in: root)
        if !badWorkflows.isEmpty { Issue.record("\(await Self.explain(badWorkflows.sorted(), .workflow, in: root))") }
        let badTemplates = try await Self.rejected(templates, by: .template, in: root)
        if !badTemplates.isEmpty { Issue.record("\(await Self.explain(badTemplates.sorted(), .template, in: root))") }
        // The control: a template is not a workflow (it has `parameters:`).
        #expect(try await Self.rejected(templates, by: .workflow, in: root) == Set(templates))
    }

    @Test(.enabled(if: canRun, "check-jsonschema is not installed (pip install check-jsonschema); CI=true fails instead"))
    func everyFullWorkflowAndSettingsFileInTheDocsPassesItsSchema() async throws {
        let settingsKeys = Set(try #require(try EditorSchemaTests.object(EditorSchema.settings.json)["properties"] as? [String: Any]).keys)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-schema-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [EditorSchema: [String]] = [:]
        var origin: [String: String] = [:]
        for block in ExampleTests.docBlocks() {
            let keys = ExampleTests.keys(of: WorkflowLoader.load(path: "workflows/doc.yaml", text: block.text))
            let schema: EditorSchema
            if keys.isSuperset(of: ["name", "steps"]) {
                schema = keys.contains("parameters") ? .template : .workflow
            } else if !keys.isEmpty, keys.isSubset(of: settingsKeys) {
                schema = .settings
            } else {
                continue
            }
            let name = "block-\(block.number).yaml"
            try block.text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            files[schema, default: []].append(name)
            origin[name] = block.testDescription
        }
        #expect((files[.workflow]?.count ?? 0) >= 3, "docs/ should hold full workflows")
        #expect((files[.settings]?.count ?? 0) >= 2, "docs/ should show runnel.yaml (daemon.md, agents.md)")
        for (schema, names) in files {
            let bad = try await Self.rejected(names, by: schema, in: folder)
            if !bad.isEmpty {
                let why = await Self.explain(bad.sorted(), schema, in: folder)
                Issue.record("\(bad.compactMap { origin[$0] }.sorted()) fail \(schema.path):\n\(why)")
            }
        }
    }

    /// The error rules an invalid fixture's `.expected` lists.
    static func errorRules(_ expected: String) -> Set<String> {
        var rules: Set<String> = []
        for line in expected.split(separator: "\n") where line.contains(": error: ") {
            guard line.hasSuffix("]"), let open = line.lastIndex(of: "[") else { continue }
            rules.insert(String(line[line.index(after: open)..<line.index(before: line.endIndex)]))
        }
        return rules
    }

    @Test(.enabled(if: canRun, "check-jsonschema is not installed (pip install check-jsonschema); CI=true fails instead"))
    func invalidFixturesFailTheSchemaUnlessTheirErrorsAreSemantic() async throws {
        let folder = FixtureTests.sourceFixtures.appendingPathComponent("invalid")
        var mustFail: [EditorSchema: [String]] = [:]
        var mustPass: [EditorSchema: [String]] = [:]
        for fixture in FixtureTests.fixtures("invalid") {
            let expected = try String(contentsOf: folder.appendingPathComponent(String(fixture.dropLast(".yaml".count)) + ".expected"),
                                      encoding: .utf8)
            // check-jsonschema's YAML loader expands aliases without a limit (minutes, gigabytes):
            // Runnel refuses such a file before any schema could be applied.
            if expected.contains("aliases expanding exponentially") { continue }
            let rules = Self.errorRules(expected)
            let unclassified = rules.subtracting(Self.structuralRules).subtracting(Self.semanticRules)
            #expect(unclassified.isEmpty, "\(fixture): classify rule(s) \(unclassified.sorted()) as structural or semantic")
            let schema: EditorSchema = WorkflowID.isTemplate(path: fixture) ? .template : .workflow
            if rules.isDisjoint(with: Self.structuralRules) {
                mustPass[schema, default: []].append(fixture)
            } else {
                mustFail[schema, default: []].append(fixture)
            }
        }
        #expect((mustFail[.workflow]?.count ?? 0) >= 25)
        #expect((mustPass[.workflow]?.count ?? 0) >= 20)
        for schema in [EditorSchema.workflow, .template] {
            let failing = mustFail[schema] ?? []
            let passed = Set(failing).subtracting(try await Self.rejected(failing, by: schema, in: folder))
            #expect(passed.isEmpty, "\(schema.path) accepts invalid fixtures with structural errors: \(passed.sorted())")
            let passing = mustPass[schema] ?? []
            let rejected = try await Self.rejected(passing, by: schema, in: folder)
            if !rejected.isEmpty {
                let why = await Self.explain(rejected.sorted(), schema, in: folder)
                Issue.record("\(schema.path) rejects fixtures whose errors are all semantic:\n\(why)")
            }
        }
    }
}
