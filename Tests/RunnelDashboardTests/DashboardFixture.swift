import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RunnelAPI
import RunnelCore
import RunnelDaemon
import RunnelEngine
@testable import RunnelDashboard

/// A daemon on a scratch repository with the dashboard in front of its API.
struct DashboardFixture {
    let folder: String
    let daemon: DaemonServices
    let keys: APIKeys?
    let admin: String
    let reader: String

    init(_ files: [String: String], auth: Bool = true) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-dashboard-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/repo", withIntermediateDirectories: true)
        try Self.git(folder + "/repo", "init", "-q", "-b", "main")
        for (path, text) in files {
            let url = URL(fileURLWithPath: folder + "/repo/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try Self.git(folder + "/repo", "add", "-A")
        try Self.git(folder + "/repo", "commit", "-q", "-m", "initial")
        daemon = try DaemonServices(DaemonConfiguration(repository: folder + "/repo", state: folder + "/state"),
                            secrets: EnvironmentSecretStore(environment: [:]))
        _ = try await daemon.start()
        var keys = try APIKeys(path: folder + "/keys.json")
        admin = try keys.create(name: "admin", scopes: [.admin])
        reader = try keys.create(name: "reader", scopes: [.read])
        self.keys = auth ? keys : nil
    }

    var app: Application<RouterResponder<BasicRequestContext>> {
        Application(router: Dashboard(daemon: daemon, api: APIRoutes(daemon: daemon, keys: keys), keys: keys).router())
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    static func git(_ directory: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
    }

    static let greet = """
        name: Greet
        tags: [demo]
        inputs:
          who: {type: string, required: true}
          times: {type: integer, default: 1}
        steps:
          - id: say
            type: script
            config:
              env: {WHO: "${{ inputs.who }}"}
              run: 'echo "hello $WHO"; echo "said=hello $WHO" >> "$RUNNEL_OUTPUT"'
          - id: after
            type: script
            depends_on: [say]
            config: {run: 'echo done'}
        outputs:
          said: ${{ steps.say.output.said }}
        """
}

/// A browser's cookie and the page's CSRF token, for the router tests.
struct Browser {
    var cookie: String?
    var csrf: String?

    var headers: HTTPFields {
        var fields = HTTPFields()
        if let cookie { fields[.cookie] = "\(Cookies.name)=\(cookie)" }
        return fields
    }

    var formHeaders: HTTPFields {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }

    /// Keeps the cookie a response sets and the CSRF token its page holds.
    mutating func take(_ response: TestResponse) {
        if let set = response.headers[.setCookie], let value = set.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last {
            cookie = value.isEmpty ? nil : String(value)
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) {
            csrf = String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    static func form(_ pairs: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }
}
