import ArgumentParser
import Foundation
import RunnelCore
import RunnelEngine

extension Runnel {
    struct Approvals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the approvals that runs wait for, from the run records of the state folder.",
            discussion: "Decide one with `runnel decide RUN STEP --approve|--reject` (through the running daemon's API)."
        )

        @Flag(help: "Print JSON (one object per wait, as GET /api/approvals).")
        var json = false

        @OptionGroup var options: EngineOptions

        func run() async throws {
            let store = try options.store()
            let page = await store.list(RunQuery(status: .awaitingApproval, limit: 1000))
            var waits: [ApprovalWait] = []
            for run in page.runs {
                let events = (try? await store.events(of: run.id, after: 0)) ?? []
                waits += ApprovalWait.open(in: events, runID: run.id)
            }
            if json {
                print(JSONValue.array(waits.map(\.json)).serialized(pretty: true))
                return
            }
            if waits.isEmpty {
                print("no approvals waiting")
                return
            }
            for wait in waits { print(Self.describe(wait)) }
        }

        static func describe(_ wait: ApprovalWait) -> String {
            let request = wait.request
            var parts = ["\(request.runID) \(request.stepID)", "workflow \(wait.workflowID)",
                         "\(request.required - wait.remaining)/\(request.required) approved"]
            if !request.approvers.isEmpty { parts.append("approvers: \(request.approvers.joined(separator: ", "))") }
            if let expires = wait.expiresAt { parts.append("expires \(expires.formatted(.iso8601)) (then \(request.onTimeout.rawValue))") }
            var line = parts.joined(separator: "  ")
            if let message = request.message { line += "\n    \(message)" }
            return line
        }
    }
}
