import ArgumentParser
import AsyncHTTPClient
import Foundation
import RunnelCore
import RunnelEngine

extension Runnel {
    struct Approvals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the approvals that runs wait for: from the state folder, or from a running daemon's API (--api).",
            discussion: "Decide one with `runnel decide RUN STEP --approve|--reject` (through the running daemon's API)."
        )

        @Flag(help: "Print JSON (one object per wait, as GET /api/approvals).")
        var json = false

        @Option(help: "Ask a running daemon's API (for example http://127.0.0.1:8080) instead of reading the state folder.")
        var api: String?

        @Option(help: "The API key with --api (default: $RUNNEL_API_KEY).")
        var key: String?

        @OptionGroup var options: EngineOptions

        func run() async throws {
            let waits: [ApprovalWait]
            if let api {
                waits = try await Self.fromAPI(api, key: key ?? ProcessInfo.processInfo.environment["RUNNEL_API_KEY"])
            } else {
                let store = try options.store()
                let page = await store.list(RunQuery(status: .awaitingApproval, limit: 1000))
                var found: [ApprovalWait] = []
                for run in page.runs {
                    let events = (try? await store.events(of: run.id, after: 0)) ?? []
                    found += ApprovalWait.open(in: events, runID: run.id)
                }
                waits = found
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

        /// The waits `GET /api/approvals` lists.
        static func fromAPI(_ base: String, key: String?) async throws -> [ApprovalWait] {
            var root = base
            while root.hasSuffix("/") { root.removeLast() }
            var request = HTTPClientRequest(url: root + "/api/approvals")
            if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
            let (status, text): (Int, String)
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                (status, text) = (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 16 << 20)))
            } catch {
                throw CLIError(description: "cannot reach the API at \(root): \(error)", exitStatus: 1)
            }
            let answer = try? JSONParser.parse(text)
            guard status == 200, let items = answer?["approvals"]?.arrayValue else {
                throw CLIError(description: answer?["error"]?["message"]?.stringValue ?? "the API answered \(status)", exitStatus: 1)
            }
            return items.compactMap(ApprovalWait.init(listed:))
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
