import Foundation
import Hummingbird
import RunnelCore
import RunnelDaemon

/// What a write is based on. Every read of a workflow returns the branch tip as its `ETag`
/// (and `branch_commit`); a write names it in `If-Match` (quoted or not, `W/` allowed, a
/// list allowed, `*` for any) or in the body's `base_commit`. A base that isn't the tip is a
/// 409 `stale` whose message says what the tip is; the daemon checks it again as it commits.
enum WriteBase {
    /// The base to hand to the daemon (`nil`: no check), or a 409 when it can't be the tip.
    static func resolve(_ request: Request, _ body: [String: JSONValue], daemon: DaemonServices) async throws -> String? {
        var tags = entityTags(request.headers[values: .ifMatch])
        switch body["base_commit"] {
        case nil, .null?: break
        case .string(let text)?: if tags.isEmpty { tags = [text] }
        case let other?: throw APIError.badRequest("'base_commit' must be a commit id (a string), not \(other.typeName)")
        }
        if tags.isEmpty || tags.contains("*") { return nil }
        let tip = try await branchTip(daemon)
        if let tip, let match = tags.first(where: { names($0, tip) }) { return match }
        throw APIError(status: .conflict, code: "stale",
                       message: "based on \(tags.joined(separator: ", ")), but the branch is at \(tip ?? "no commit"); "
                           + "read the workflow again (its ETag is the tip) and retry with If-Match")
    }

    /// The entity tags of `If-Match` fields: `"abc"`, `W/"abc"`, `abc`, comma-separated lists.
    static func entityTags(_ fields: [String]) -> [String] {
        fields.flatMap { $0.split(separator: ",") }.compactMap { item in
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            tag = tag.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return tag.isEmpty ? nil : tag
        }
    }

    /// Whether `tag` names commit `tip` (its full id, or an abbreviation of 4 or more digits).
    static func names(_ tag: String, _ tip: String) -> Bool {
        tag.count >= 4 && tag.count <= tip.count && tip.hasPrefix(tag.lowercased())
    }

    /// The branch tip (what reads return as their `ETag`); a repository that can't be read is
    /// a 500 `storage`.
    static func branchTip(_ daemon: DaemonServices) async throws -> String? {
        do {
            return try await daemon.writer.branchCommit()
        } catch {
            throw APIError(status: .internalServerError, code: "storage", message: "\(error)")
        }
    }

    /// The `ETag` header value for branch tip `commit`.
    static func etag(_ commit: String) -> String { "\"\(commit)\"" }
}
