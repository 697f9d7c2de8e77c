import ArgumentParser
import Foundation
import RunnelCore
import RunnelGit

extension Runnel {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions of a workflow: a one-line summary, an RFC 6902 JSON Patch, or a text diff.",
            discussion: "V1 and V2 are version numbers (see runnel log) or revisions (main, HEAD~2, a commit id).")

        @Argument(help: "The workflow: its id (data/etl) or its file (workflows/data/etl.yaml).")
        var workflow: String

        @Argument(help: "The old version: a version number or a revision.")
        var v1: String

        @Argument(help: "The new version: a version number or a revision.")
        var v2: String

        @Option(help: "Output format: summary, json-patch or text (unified diff of the YAML).")
        var format: DiffFormat = .summary

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            try reportingGitErrors {
                let context = try GitContext(options)
                let old = try side(v1, context), new = try side(v2, context)
                guard old != nil || new != nil else {
                    throw CLIError(description: "workflow '\(workflow)' exists at neither \(v1) nor \(v2)", exitStatus: 1)
                }
                switch format {
                case .text:
                    let oldText = old.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
                    let newText = new.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
                    let oldName = old.map { "a/\($0.path) (\(v1))" } ?? "/dev/null"
                    let newName = new.map { "b/\($0.path) (\(v2))" } ?? "/dev/null"
                    print(TextDiff.unified(oldText, newText, oldName: oldName, newName: newName), terminator: "")
                case .jsonPatch:
                    let a = try old.map { try Definitions.parse($0.bytes, path: $0.path, label: v1) } ?? .null
                    let b = try new.map { try Definitions.parse($0.bytes, path: $0.path, label: v2) } ?? .null
                    print(JSONPatch.diff(from: a, to: b).json.serialized(pretty: true))
                case .summary:
                    let a = old.flatMap { WorkflowLoader.load(path: $0.path, bytes: $0.bytes).workflow?.definition }
                    let b = new.flatMap { WorkflowLoader.load(path: $0.path, bytes: $0.bytes).workflow?.definition }
                    if old?.bytes == new?.bytes {
                        print(ChangeSummary.describe(from: a, to: a))
                    } else if (old != nil && a == nil) || (new != nil && b == nil) {
                        print("Changed the file (one side is not a parsable workflow)")
                    } else {
                        print(ChangeSummary.describe(from: a, to: b))
                    }
                }
            }
        }

        /// The file at one side: a version number when it is one of the workflow's versions,
        /// otherwise a revision; `nil` when the workflow doesn't exist there.
        private func side(_ spec: String, _ context: GitContext) throws -> (path: String, bytes: [UInt8])? {
            if let number = Int(spec), spec.count < 7 {
                let version = try context.version(number, of: workflow)
                guard version.exists else { return nil }
                return try context.repository.file(at: version.path, in: version.commit).map { (version.path, $0) }
            }
            return try context.file(of: workflow, at: context.repository.resolve(spec))
        }
    }
}

/// How `diff` prints a change.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case summary
    case jsonPatch = "json-patch"
    case text
}
