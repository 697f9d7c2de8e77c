/// Secrets from the process environment: secret `NAME` is `RUNNEL_SECRET_NAME`.
public struct EnvironmentSecretStore: SecretStore {
    private let values: [String: String]

    /// Reads `RUNNEL_SECRET_*` from `environment`.
    public init(environment: [String: String]) {
        var values: [String: String] = [:]
        for (key, value) in environment where key.hasPrefix("RUNNEL_SECRET_") && key.count > "RUNNEL_SECRET_".count {
            values[String(key.dropFirst("RUNNEL_SECRET_".count))] = value
        }
        self.values = values
    }

    public func value(named name: String) -> String? { values[name] }
    public var allValues: [String] { Array(values.values) }
}

/// Secrets from a file outside the repository: `NAME=value` lines (`#` comments and blank
/// lines ignored; the value is everything after the first `=`).
public struct FileSecretStore: SecretStore {
    private let values: [String: String]

    /// Parses the file's text.
    /// - Throws: ``SecretFileError`` naming the line that isn't `NAME=value`.
    public init(text: String, path: String) throws(SecretFileError) {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw SecretFileError(description: "\(path):\(index + 1): expected NAME=value")
            }
            let name = String(trimmed[..<equals]).trimmingCharacters(in: " ")
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
                throw SecretFileError(description: "\(path):\(index + 1): '\(name)' is not a secret name (letters, digits and '_')")
            }
            values[name] = String(trimmed[trimmed.index(after: equals)...])
        }
        self.values = values
    }

    public func value(named name: String) -> String? { values[name] }
    public var allValues: [String] { Array(values.values) }
}

/// A secrets file that could not be read.
public struct SecretFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Several stores, asked in order (the environment first, then a file).
public struct ChainedSecretStore: SecretStore {
    private let stores: [any SecretStore]

    /// Asks `stores` in order.
    public init(_ stores: [any SecretStore]) { self.stores = stores }

    public func value(named name: String) -> String? {
        for store in stores { if let value = store.value(named: name) { return value } }
        return nil
    }

    public var allValues: [String] { stores.flatMap(\.allValues) }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
