import ArgumentParser
import Foundation
import RunnelGit

extension Runnel {
    struct Revert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo a whole commit with a new commit on the branch, as git revert does.")

        @Argument(help: "The commit to undo: an id or any revision.")
        var commit: String

        @Option(help: "The commit message (default: git's \"Revert \\\"subject\\\"\").")
        var message: String?

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            try reportingGitErrors {
                let context = try GitContext(options)
                let (branch, tip) = try context.writableBranch()
                let target = try context.repository.resolve(commit)
                let created = try context.repository.revert(target, on: branch, expectedTip: tip, message: message)
                print("Reverted \(target.short): commit \(created.short) on \(branch)")
            }
        }
    }
}
