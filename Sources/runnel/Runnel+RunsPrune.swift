import ArgumentParser
import Foundation
import RunnelCore
import RunnelEngine

extension Runnel.Runs {
    /// `runnel runs prune`: what the daemon's `retention:` does, by hand.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete old finished runs (records, logs and index entries).",
            discussion: """
                Without options, uses `retention:` of runnel.yaml ({runs: 90d, keep_last: 1000}): a finished \
                run goes when it finished longer ago than `runs`, or when it is older than the newest \
                `keep_last` runs of its workflow. Unfinished runs are never deleted.
                """
        )

        @Option(help: "Delete finished runs that finished longer ago than this (e.g. 90d, 12h); overrides runnel.yaml.")
        var olderThan: String?

        @Option(help: "Keep only this many of each workflow's newest runs; overrides runnel.yaml.")
        var keepLast: Int?

        @OptionGroup var options: EngineOptions

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            if let olderThan {
                guard let age = Duration(parsing: olderThan), age > .zero else {
                    throw ValidationError("--older-than must be a duration such as 90d or 12h, not '\(olderThan)'")
                }
            }
            if let keepLast, keepLast < 1 { throw ValidationError("--keep-last must be 1 or more, not \(keepLast)") }
        }

        func run() async throws {
            let policy = try self.policy()
            let pruned = try await RunStoreFactory.with(try options.storeLocation(database), logger: RunStoreFactory.quietLogger) { store, _ in
                do {
                    return try await store.prune(policy, now: Date())
                } catch {
                    throw CLIError(description: "cannot prune the run store: \(error)", exitStatus: 1)
                }
            }
            print("pruned \(pruned.count) finished run\(pruned.count == 1 ? "" : "s")")
        }

        /// The options' policy, else `runnel.yaml`'s `retention:`.
        func policy() throws -> RetentionPolicy {
            if olderThan != nil || keepLast != nil {
                return RetentionPolicy(maxAge: olderThan.flatMap { Duration(parsing: $0) }, keepLast: keepLast)
            }
            let path = (try options.root() as NSString).appendingPathComponent("runnel.yaml")
            let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let (policy, problems) = RetentionPolicy.parse(settingsText: text)
            if let problem = problems.first { throw CLIError(description: problem, exitStatus: 1) }
            guard let policy else {
                throw CLIError.usage("no retention policy: set `retention: {runs: 90d, keep_last: 1000}` in runnel.yaml, or pass --older-than or --keep-last")
            }
            return policy
        }
    }
}
