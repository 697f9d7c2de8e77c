import ArgumentParser
import RunnelCore
import RunnelDaemon

extension Runnel {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Have the default model provider write a workflow, committed as a draft on branch drafts/<id> (approve it with runnel approve).")

        @Argument(help: "What the workflow should do, in words.")
        var goal: String

        @Option(help: "A cron schedule the workflow must run on, like \"0 9 * * 1-5\".")
        var schedule: String?

        @Option(help: "The workflow's id (default: its name as a slug).")
        var name: String?

        @Option(help: "The repository (default: the one enclosing the current folder).")
        var repo: String?

        @Option(help: "The watched branch the draft starts from (default: the checked-out branch).")
        var branch: String?

        @Option(help: "A file of NAME=value secret lines (the provider's api_key_secret), also $RUNNEL_SECRETS_FILE.")
        var secretsFile: String?

        func run() async throws {
            var options = EngineOptions()
            options.secretsFile = secretsFile
            let draft = try await DraftSession.run(repo: repo, branch: branch, secrets: options) { daemon, author in
                try await DraftSession.writing { () async throws(WriteError) in
                    try await daemon.drafts.generateWorkflow(goal: goal, schedule: schedule, name: name, author: author)
                }
            }
            print("Drafted \(draft.id) on \(draft.branch): commit \(String(draft.commit.prefix(10))) (\(draft.turns) model answer\(draft.turns == 1 ? "" : "s"))")
            if let steps = draft.plan["steps"]?.arrayValue {
                for step in steps {
                    let needs = step["depends_on"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    print("  \(step["id"]?.stringValue ?? "?") (\(step["type"]?.stringValue ?? "?"))" + (needs.isEmpty ? "" : " after \(needs.joined(separator: ", "))"))
                }
            }
            for trigger in draft.plan["triggers"]?.arrayValue?.compactMap(\.stringValue) ?? [] { print("  on \(trigger)") }
            print("Review it with `git show \(draft.branch):workflows/\(draft.id).yaml`, then `runnel approve \(draft.id)`.")
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the draft of a generated workflow into the branch with status active (a merge commit).")

        @Argument(help: "The workflow id of the draft.")
        var workflow: String

        @Option(help: "The commit message (default: \"Approve draft <id>\").")
        var message: String?

        @Option(help: "The repository (default: the one enclosing the current folder).")
        var repo: String?

        @Option(help: "The branch to merge into (default: the checked-out branch).")
        var branch: String?

        func run() async throws {
            var options = EngineOptions()
            options.secretsFile = nil  // approving asks no model: no secrets needed
            let result = try await DraftSession.run(repo: repo, branch: branch, secrets: options) { daemon, author in
                try await DraftSession.writing { () async throws(WriteError) in
                    try await daemon.drafts.approveDraft(workflow, message: message, author: author, base: nil)
                }
            }
            print("Approved \(workflow): merge commit \(String(result.commit.prefix(10))), status \(result.entry?.state ?? "unknown")")
        }
    }
}
