public import Foundation

extension TimeZone {
    /// The zone with an IANA name such as `America/New_York`, `Asia/Kolkata`, `UTC` or
    /// `Etc/UTC`, or `nil` when the name is unknown.
    ///
    /// Names are case-sensitive, as in the IANA database. The zone's `identifier` may differ
    /// from the name (`UTC` reports itself as `GMT`): keep the user's spelling for display.
    /// - Parameter name: The zone name.
    /// - Returns: The zone, or `nil`.
    public static func named(_ name: String) -> TimeZone? {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace }) else { return nil }
        return TimeZone(identifier: name)
    }
}
