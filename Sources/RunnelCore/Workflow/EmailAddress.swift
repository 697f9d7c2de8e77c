/// Email addresses as `runnel.yaml` and approval steps name them.
public enum EmailAddress {
    /// Whether `text` looks like `local@domain`: one `@`, both sides non-empty, no spaces,
    /// no control characters, no `<>` (so it can go into an SMTP command as it is).
    public static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.utf8.count <= 254 else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0) }
    }
}
