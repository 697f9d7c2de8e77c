import ArgumentParser
import Foundation
import RunnelCore
import RunnelEngine

extension Runnel {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a workflow of the repository in the foreground and record the run.",
            discussion: """
                Shows each step's progress, then the run's outputs and the path of its record. \
                Ctrl-C cancels the run (running scripts are stopped) and records it as cancelled. \
                Exit status: 0 when the run completed; 1 when it failed or was cancelled, or the \
                workflow is invalid; 2 when the workflow doesn't exist or its inputs are refused.
                """
        )

        @Argument(help: "The workflow: its id (data/etl) or its file (workflows/data/etl.yaml).")
        var workflow: String

        @Option(name: .customLong("input"), help: "An input as key=value (repeatable); a value is read as JSON unless the input is a string.")
        var inputs: [String] = []

        @Option(help: "A JSON or YAML file holding an object of inputs (--input values win).")
        var inputFile: String?

        @Option(help: "Run the workflow as it is at this revision (a commit, branch or tag) instead of the work tree's file; the run is pinned to that commit.")
        var at: String?

        @Flag(help: "Print the final run record as JSON instead of progress.")
        var json = false

        @OptionGroup var options: EngineOptions

        func run() async throws {
            let root = try options.root()
            let id = try WorkflowArgument.id(workflow, root: root)
            let source = CLIWorkflowSource(root: root)
            let pinned = try await CLIError.refusing { () async throws(EngineError) in try await source.workflow(id: id, commit: at) }
            let given = try RunInputs.read(assignments: inputs, file: inputFile, specs: pinned.workflow.inputs)
            let store = try options.store()
            let engine = try options.engine(store: store)
            let started = try await CLIError.refusing { () async throws(EngineError) in
                try await engine.start(pinned, inputs: given, trigger: RunTrigger(type: "manual", details: ["via": "cli"]), requireActive: false)
            }
            let lock = try RunLock.acquire(started.id, state: try options.stateFolder())
            defer { lock.release() }
            let final = try await RunFollower(engine: engine, json: json).follow(started.id)
            RunReport.printResult(final, recordPath: options.recordPath(final), json: json)
            if final.status != .completed { throw ExitCode(1) }
        }
    }
}

extension EngineOptions {
    /// Where a run's record is written.
    func recordPath(_ record: RunRecord) -> String {
        let path = "\((try? stateFolder()) ?? ".runnel")/runs/\(record.workflowID)/\(record.id).json"
        return WorkflowFiles.displayPath(path)
    }
}

/// Turns the workflow argument (an id or a file) into a workflow id.
enum WorkflowArgument {
    static func id(_ argument: String, root: String) throws -> String {
        guard argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") else { return argument }
        let absolute = URL(fileURLWithPath: argument).standardizedFileURL.path
        let folder = root + "/workflows/"
        guard absolute.hasPrefix(folder) else {
            throw CLIError.usage("\(argument) is not a file under \(WorkflowFiles.displayPath(folder))")
        }
        return WorkflowID.from(path: String(absolute.dropFirst(root.count + 1)))
    }
}

extension CLIError {
    /// Runs `body`, turning an engine error into a CLI error: a missing workflow or bad
    /// inputs exit 2, other refusals exit 1.
    static func refusing<T>(_ body: () async throws(EngineError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            switch error.kind {
            case .invalidInput, .notFound: throw CLIError.usage(error.description)
            default: throw CLIError(description: error.description, exitStatus: 1)
            }
        }
    }
}
