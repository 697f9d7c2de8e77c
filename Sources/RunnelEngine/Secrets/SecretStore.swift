/// Where secret values come from, by name. Values never appear in records or logs:
/// ``SecretMasker`` replaces them with `***`.
public protocol SecretStore: Sendable {
    /// The value of secret `name`, or `nil` when it isn't defined.
    func value(named name: String) -> String?
    /// Every value the store holds, for masking.
    var allValues: [String] { get }
}
