import ArgumentParser
import Foundation
import RunnelCore

extension Runnel {
    struct Connections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the connections of runnel.yaml, through the running daemon's API.",
            discussion: """
                Calls GET /api/connections: one line per connection (name, type, auth, base URL, whether its \
                secrets are defined, the workflows using it). Secret values are never shown. With --test NAME, \
                sends that connection's probe request (POST /api/connections/NAME/test); exit status 1 when it fails.
                """
        )

        @Option(help: "Send this connection's probe request instead of listing.")
        var test: String?

        @Flag(help: "Print the API's JSON answer.")
        var json = false

        @OptionGroup var client: DaemonClient

        func run() async throws {
            if let test {
                let answer = try await client.call("POST", "/api/connections/\(DaemonClient.escape(test))/test")
                if json { print(answer?.serialized() ?? "null") }
                let ok = answer?["ok"] == true
                if !json {
                    let status = answer?["status"]?.numberValue.map { String(Int($0)) } ?? "no answer"
                    print("\(test): \(ok ? "ok" : "failed") (\(status))\(answer?["error"]?.stringValue.map { ": \($0)" } ?? "")")
                }
                if !ok { throw ExitCode(1) }
                return
            }
            let answer = try await client.call("GET", "/api/connections")
            if json {
                print(answer?.serialized() ?? "null")
                return
            }
            let connections = answer?["connections"]?.arrayValue ?? []
            if connections.isEmpty { print("no connections (runnel.yaml declares none)") }
            for item in connections {
                let name = item["name"]?.stringValue ?? "?"
                let type = item["type"]?.stringValue ?? "-"
                let auth = item["auth"]?.stringValue ?? "none"
                let base = item["base_url"]?.stringValue ?? "-"
                let secrets = item["secrets_defined"] == true ? "secrets defined" : "SECRETS UNDEFINED"
                let users = item["workflows"]?.arrayValue?.compactMap(\.stringValue) ?? []
                print("\(name)  type \(type)  auth \(auth)  \(base)  \(secrets)  used by: \(users.isEmpty ? "-" : users.joined(separator: ", "))")
            }
        }
    }
}
