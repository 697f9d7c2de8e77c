import ArgumentParser
import Foundation
import RunnelCore
import RunnelGit

extension Runnel {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a workflow's versions, newest first: number, commit, date, author, subject.",
            discussion: "Version N is the Nth first-parent commit on the branch that changed the workflow's file; a rename git detects keeps the history.")

        @Argument(help: "The workflow: its id (data/etl) or its file (workflows/data/etl.yaml).")
        var workflow: String

        @Option(help: "Output format: text or json.")
        var format: LogFormat = .text

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            try reportingGitErrors {
                let context = try GitContext(options)
                let (_, versions) = try context.versions(of: workflow)
                switch format {
                case .text:
                    for v in versions.reversed() {
                        var note = ""
                        switch v.change {
                        case .added: note = " (added)"
                        case .deleted: note = " (deleted)"
                        case .renamed(let from): note = " (renamed from \(from))"
                        case .modified: break
                        }
                        print("\(v.number)\t\(v.commit.short)\t\(v.dateText)\t\(v.author)\t\(v.subject)\(note)")
                    }
                case .json:
                    let items: [JSONValue] = versions.reversed().map { v in
                        var item: [String: JSONValue] = [
                            "version": .number(Double(v.number)), "commit": .string(v.commit.hex), "author": .string(v.author),
                            "email": .string(v.email), "date": .string(v.dateText), "subject": .string(v.subject),
                            "path": .string(v.path), "change": .string(v.change.name),
                        ]
                        if case .renamed(let from) = v.change { item["renamed_from"] = .string(from) }
                        return .object(item)
                    }
                    print(JSONValue.array(items).serialized(pretty: true))
                }
            }
        }
    }
}

/// How `log` prints versions.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
