import ArgumentParser
import Foundation
import RunnelCore
import RunnelGit

extension Runnel {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a workflow as it is at the branch tip, at a version, or at a revision.")

        @Argument(help: "The workflow: its id (data/etl) or its file (workflows/data/etl.yaml).")
        var workflow: String

        @Option(help: "The version number (see runnel log).")
        var version: Int?

        @Option(help: "A revision: a branch, a tag, HEAD~2 or a commit id.")
        var at: String?

        @Option(help: "Output format: yaml (the file as committed) or json (the parsed definition).")
        var format: ShowFormat = .yaml

        @OptionGroup var options: RepositoryOptions

        func validate() throws {
            if version != nil, at != nil { throw ValidationError("give --version or --at, not both") }
        }

        func run() throws {
            try reportingGitErrors {
                let context = try GitContext(options)
                let file = try context.content(of: workflow, version: version, revision: at)
                switch format {
                case .yaml:
                    FileHandle.standardOutput.write(Data(file.bytes))
                case .json:
                    print(try Definitions.parse(file.bytes, path: file.path, label: file.label).serialized(pretty: true))
                }
            }
        }
    }
}

/// How `show` prints a workflow.
enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// Parsed definitions of committed files.
enum Definitions {
    /// The definition in `bytes` as JSON.
    /// - Throws: a one-line error when the file is not a YAML mapping.
    static func parse(_ bytes: [UInt8], path: String, label: String) throws -> JSONValue {
        let result = WorkflowLoader.load(path: path, bytes: bytes)
        guard let workflow = result.workflow else {
            let reason = result.diagnostics.first.map { "\($0.line):\($0.column): \($0.message)" } ?? "not a workflow"
            throw CLIError(description: "\(path) at \(label) cannot be parsed: \(reason)", exitStatus: 1)
        }
        return workflow.definition
    }
}
