import Foundation

extension RunRecord {
    /// The record as JSON text, exactly as its file holds it (snake_case keys, sorted,
    /// ISO 8601 times with milliseconds).
    public func jsonText(pretty: Bool = true) -> String {
        guard let data = try? RunCoding.encoder(pretty: pretty).encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
