import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import RunnelCore

/// The flags of the commands that act through a running daemon's API (`decide`, `pause`,
/// `connections`), and the one way they call it.
struct DaemonClient: ParsableArguments {
    @Option(help: "The daemon's API (default: $RUNNEL_API_URL, else http://127.0.0.1:8080).")
    var api: String?

    @Option(help: "The API key (default: $RUNNEL_API_KEY).")
    var key: String?

    /// A path segment percent-encoded (a `/` in it too).
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text
    }

    /// Calls `method path` (GET, POST or PATCH) with a JSON body and returns the JSON answer.
    /// - Throws: ``CLIError`` when the API can't be reached (exit 1) or answers an error: its
    ///   message and problems, exit 2 for a 400, else 1.
    func call(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> JSONValue? {
        let environment = ProcessInfo.processInfo.environment
        var base = api ?? environment["RUNNEL_API_URL"] ?? "http://127.0.0.1:8080"
        while base.hasSuffix("/") { base.removeLast() }
        var request = HTTPClientRequest(url: base + path)
        request.method = method == "GET" ? .GET : method == "PATCH" ? .PATCH : .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let secret = key ?? environment["RUNNEL_API_KEY"] { request.headers.add(name: "Authorization", value: "Bearer \(secret)") }
        if let body { request.body = .bytes(ByteBuffer(string: body.serialized())) }
        let (status, text): (Int, String)
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            (status, text) = (Int(response.status.code), String(buffer: bytes))
        } catch {
            throw CLIError(description: "cannot reach the API at \(base): \(error)", exitStatus: 1)
        }
        let answer = try? JSONParser.parse(text)
        guard (200..<300).contains(status) else {
            let message = answer?["error"]?["message"]?.stringValue ?? text
            let problems = answer?["error"]?["details"]?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
            throw CLIError(description: ([message] + problems.map { "  \($0)" }).joined(separator: "\n"),
                           exitStatus: status == 400 ? 2 : 1)
        }
        return answer
    }
}
