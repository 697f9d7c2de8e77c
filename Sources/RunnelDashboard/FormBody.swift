import Foundation
import Hummingbird

/// A posted form (`application/x-www-form-urlencoded`), its fields in order.
struct FormBody: Sendable {
    /// Forms are capped at 1 MB.
    static let maxBytes = 1 << 20

    var fields: [(name: String, value: String)]

    /// The first value of `name`.
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name` (checkboxes).
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// Parses `text` (`a=1&b=x+y`).
    init(text: String) {
        fields = text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? Self.decode(parts[1]) ?? "" : "")
        }
    }

    /// The request's form; nil when it is too large.
    static func read(_ request: Request) async -> FormBody? {
        guard let buffer = try? await request.body.collect(upTo: maxBytes) else { return nil }
        return FormBody(text: String(buffer: buffer))
    }

    static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
