import Foundation
import Testing
@testable import RunnelCore

/// The example workflows (`workflows/`), the template gallery (`templates/`) and the YAML in
/// `docs/` are what users copy first. They must validate with no diagnostic at all, not even a
/// warning, and the examples together must show every step type and trigger kind.
@Suite struct ExampleTests {
    /// The repository root, found from this file's place in `Tests/RunnelCoreTests/`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Repository-relative paths of the `.yaml`/`.yml` files below `folder`, sorted.
    static func files(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: url.path) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .map { "\(folder)/\($0)" }
            .sorted()
    }

    static func load(_ relativePath: String) throws -> LoadResult {
        let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(relativePath)))
        return WorkflowLoader.load(path: relativePath, bytes: bytes)
    }

    static var workflowFiles: [String] { files(in: "workflows") }
    static var templateFiles: [String] { files(in: "templates") }

    /// Ids of the example workflows, for the cross-workflow reference checks.
    static var catalog: WorkflowCatalog { WorkflowCatalog(workflowFiles.compactMap { try? load($0) }) }

    static func loadedWorkflows() throws -> [Workflow] {
        try workflowFiles.map { path in
            let result = try load(path)
            guard let workflow = result.workflow else { throw NotAWorkflow(path: path) }
            return workflow
        }
    }

    struct NotAWorkflow: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) did not load as a workflow" }
    }

    // MARK: (a) every example validates clean

    @Test func thereAreAtLeastTenWorkflowsAndFiveTemplates() {
        #expect(Self.workflowFiles.count >= 10, "\(Self.workflowFiles)")
        #expect(Self.templateFiles.count >= 5, "\(Self.templateFiles)")
    }

    @Test func everyWorkflowAndTemplateValidatesWithoutAnyDiagnostic() throws {
        let paths = Self.workflowFiles + Self.templateFiles
        let results = try paths.map(Self.load)
        for result in results {
            #expect(result.workflow != nil, "\(result.path) did not load as a workflow")
        }
        let diagnostics = Validator.validate(results, knownWorkflows: Self.catalog)
        #expect(diagnostics.isEmpty, "\n\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyTemplateDeclaresParametersAndUsesThem() throws {
        for path in Self.templateFiles {
            let result = try Self.load(path)
            #expect(result.workflow?.parameters.isEmpty == false, "\(path) declares no parameters")
            #expect(result.text.contains("${{ params."), "\(path) never uses a parameter")
        }
    }

    @Test func everyFileStartsWithACommentSayingWhatItShows() throws {
        for path in Self.workflowFiles + Self.templateFiles {
            let text = try Self.load(path).text
            #expect(text.hasPrefix("# "), "\(path) should start with a '# …' comment")
        }
    }

    @Test func theReadmeIndexListsEveryWorkflowAndNothingElse() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("workflows/README.md"), encoding: .utf8)
        // The targets of the index table's links: rows start with `| [file](file)`.
        var linked: Set<String> = []
        for line in readme.components(separatedBy: "\n") where line.hasPrefix("| [") {
            guard let open = line.range(of: "]("), let close = line[open.upperBound...].firstIndex(of: ")") else { continue }
            linked.insert("workflows/" + line[open.upperBound..<close])
        }
        let files = Set(Self.workflowFiles)
        #expect(files.subtracting(linked).isEmpty, "workflows/README.md has no row for \(files.subtracting(linked).sorted())")
        #expect(linked.subtracting(files).isEmpty, "workflows/README.md lists missing files \(linked.subtracting(files).sorted())")
    }

    // MARK: (b) together they show every step type and trigger kind

    /// Every step of a workflow: main steps, `on_failure` steps and loop bodies (recursively).
    static func allSteps(of workflow: Workflow) -> [Step] {
        var result: [Step] = []
        func add(_ step: Step) {
            result.append(step)
            if case .loop(let loop) = step.config { add(loop.step) }
        }
        (workflow.steps + workflow.onFailure).forEach(add)
        return result
    }

    @Test func theExamplesUseEveryStepType() throws {
        let used = Set(try Self.loadedWorkflows().flatMap(Self.allSteps).map(\.type))
        let missing = StepType.allCases.filter { !used.contains($0) }.map(\.rawValue)
        #expect(missing.isEmpty, "no example uses step type(s) \(missing)")
    }

    @Test func theExamplesUseEveryTriggerKind() throws {
        let triggers = try Self.loadedWorkflows().map(\.triggers)
        let kinds: [(String, Bool)] = [
            ("schedule with a timezone", triggers.contains { $0.schedules.contains { $0.timezone != nil } }),
            ("event with an `if`", triggers.contains { $0.events.contains { $0.condition != nil } }),
            ("webhook with a secret", triggers.contains { $0.webhooks.contains { $0.secret != nil } }),
            ("workflow completed", triggers.contains { !$0.workflows.isEmpty }),
        ]
        let missing = kinds.filter { !$0.1 }.map(\.0)
        #expect(missing.isEmpty, "no example has a trigger: \(missing)")
    }

    @Test func theExamplesShowTheFormatsMainFeatures() throws {
        let workflows = try Self.loadedWorkflows()
        let steps = workflows.flatMap(Self.allSteps)
        let inputs = workflows.flatMap(\.inputs)
        let features: [(String, Bool)] = [
            ("inputs of at least four types", Set(inputs.map(\.type)).count >= 4),
            ("an input with a default", inputs.contains { $0.defaultValue != nil }),
            ("an input with an enum", inputs.contains { $0.allowedValues != nil }),
            ("a required input", inputs.contains { $0.required }),
            ("defaults.timeout", workflows.contains { $0.defaults.timeout != nil }),
            ("defaults.retry", workflows.contains { $0.defaults.retry != nil }),
            ("every concurrency on_conflict", Set(workflows.compactMap(\.concurrency?.onConflict)) == Set(ConflictAction.allCases)),
            ("outputs", workflows.contains { !$0.outputs.isEmpty }),
            ("on_failure", workflows.contains { !$0.onFailure.isEmpty }),
            ("continue_on_error", steps.contains(where: \.continueOnError)),
            ("a step `if`", steps.contains { $0.condition != nil }),
            ("declared tools used by an agent", workflows.contains { workflow in
                let declared = Set(workflow.tools.map(\.name.value))
                return Self.allSteps(of: workflow).contains { step in
                    guard case .agentTask(let agent) = step.config else { return false }
                    return agent.tools.contains { declared.contains($0.value) }
                }
            }),
            ("a loop with max_parallel > 1", steps.contains {
                if case .loop(let loop) = $0.config { return loop.maxParallel > 1 }
                return false
            }),
            ("a condition with then and else", steps.contains {
                if case .condition(let condition) = $0.config { return !condition.then.isEmpty && !condition.else.isEmpty }
                return false
            }),
            ("a wait for a duration", steps.contains {
                if case .wait(let wait) = $0.config, case .duration = wait.mode { return true }
                return false
            }),
            ("a wait until", steps.contains {
                if case .wait(let wait) = $0.config, case .until = wait.mode { return true }
                return false
            }),
            ("a workflow without triggers (a sub-workflow)", workflows.contains { $0.triggers.isEmpty }),
        ]
        let missing = features.filter { !$0.1 }.map(\.0)
        #expect(missing.isEmpty, "no example shows: \(missing)")
    }

    // MARK: (c) the YAML in docs/

    /// One ```yaml block of a Markdown file under docs/.
    struct DocBlock: Sendable, CustomTestStringConvertible {
        /// `docs/NAME.md`.
        let file: String
        /// 1-based line of the opening fence.
        let line: Int
        /// 1-based number of the block among all docs' yaml blocks.
        let number: Int
        let text: String

        var testDescription: String { "\(file):\(line)" }
    }

    static func docBlocks() -> [DocBlock] {
        let folder = root.appendingPathComponent("docs")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        var blocks: [DocBlock] = []
        for name in names {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            var current: (line: Int, lines: [String])?
            for (index, line) in text.components(separatedBy: "\n").enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if var block = current {
                    if trimmed.hasPrefix("```") {
                        blocks.append(DocBlock(file: "docs/\(name)", line: block.line, number: blocks.count + 1,
                                               text: block.lines.joined(separator: "\n") + "\n"))
                        current = nil
                    } else {
                        block.lines.append(line)
                        current = block
                    }
                } else if trimmed == "```yaml" || trimmed == "```yml" {
                    current = (index + 1, [])
                }
            }
        }
        return blocks
    }

    /// Whether a loaded block is a full workflow: a mapping with top-level `name` and `steps`.
    static func keys(of result: LoadResult) -> Set<String> {
        Set(result.workflow?.source.members?.map(\.key.value) ?? [])
    }

    @Test func theDocsHoldYAMLBlocksAndAFullWorkflow() {
        let blocks = Self.docBlocks()
        #expect(blocks.count >= 10, "found only \(blocks.count) yaml blocks in docs/")
        let full = blocks.filter { block in
            let keys = Self.keys(of: WorkflowLoader.load(path: "workflows/doc-example-\(block.number).yaml", text: block.text))
            return keys.isSuperset(of: ["name", "steps"])
        }
        #expect(!full.isEmpty, "no yaml block in docs/ is a full workflow")
    }

    @Test(arguments: docBlocks())
    func docYAMLBlockIsValid(_ block: DocBlock) {
        var result = WorkflowLoader.load(path: "workflows/doc-example-\(block.number).yaml", text: block.text)
        let keys = Self.keys(of: result)
        if keys.isSuperset(of: ["name", "steps"]) {
            if keys.contains("parameters") {
                result = WorkflowLoader.load(path: "templates/doc-example-\(block.number).yaml", text: block.text)
            }
            let diagnostics = Validator.validate([result], knownWorkflows: Self.catalog)
            #expect(diagnostics.isEmpty, "\(block.file):\(block.line):\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        } else {
            let broken = result.diagnostics.filter { $0.rule == "syntax" || $0.rule == "duplicate-key" }
            #expect(broken.isEmpty, "\(block.file):\(block.line):\n\(broken.map(\.description).joined(separator: "\n"))")
        }
    }
}
