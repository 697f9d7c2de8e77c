public import RunnelCore

extension ConnectionCatalog {
    /// The keys a connection may set.
    static let knownKeys = ["type", "base_url", "auth", "allowed_hosts", "probe"]
    /// The keys of `auth:` (which ones apply depends on its `type`).
    static let authKeys = ["type", "secret", "name", "username", "username_secret", "password_secret"]
    /// The keys of `probe:`.
    static let probeKeys = ["method", "url", "expected_status"]

    /// Reads the `connections:` section of `runnel.yaml`:
    ///
    /// ```yaml
    /// connections:
    ///   slack-prod:
    ///     type: slack
    ///     base_url: https://slack.com/api
    ///     auth: {type: bearer, secret: SLACK_PROD_TOKEN}
    ///     allowed_hosts: [slack.com]
    ///     probe: {method: GET, url: auth.test}
    /// ```
    ///
    /// - Returns: The connections that could be read, and a `file:line:col: message` per problem.
    public static func parse(_ value: SourceValue?, file: String = "runnel.yaml") -> (ConnectionCatalog, [String]) {
        guard let value, value.kind != .null else { return (ConnectionCatalog(), []) }
        func at(_ location: SourceLocation) -> String { "\(file):\(location.line):\(location.column)" }
        guard let entries = value.members else {
            return (ConnectionCatalog(), ["\(at(value.location)): 'connections' must be a mapping of connection names to settings, not \(value.typeDescription)"])
        }
        var connections: [Connection] = []
        var problems: [String] = []
        for entry in entries {
            var reader = FieldReader(label: "connection '\(entry.key.value)'", at: at)
            guard let fields = reader.mapping(entry.value, known: knownKeys, shape: "(type, base_url, auth, allowed_hosts, probe)") else {
                problems += reader.problems
                continue
            }
            var connection = Connection(name: entry.key.value, type: reader.text(fields, "type"), baseURL: nil, auth: nil,
                                        allowedHosts: [], probe: nil)
            if let field = fields.first(where: { $0.key.value == "base_url" }) {
                connection.baseURL = reader.url(field.value, "base_url")
            }
            if let field = fields.first(where: { $0.key.value == "allowed_hosts" }) {
                connection.allowedHosts = reader.hosts(field.value)
            }
            if let field = fields.first(where: { $0.key.value == "auth" }) {
                connection.auth = reader.auth(field.value)
            }
            if let field = fields.first(where: { $0.key.value == "probe" }) {
                connection.probe = reader.probe(field.value)
            }
            if connection.baseURL == nil, connection.allowedHosts.isEmpty, reader.problems.isEmpty {
                reader.fail("connection '\(entry.key.value)' needs 'base_url' or 'allowed_hosts'", entry.key.location)
            }
            if reader.problems.isEmpty { connections.append(connection) }
            problems += reader.problems
        }
        return (ConnectionCatalog(connections), problems)
    }
}

/// Reads the fields of one connection, collecting `file:line:col: message` problems.
private struct FieldReader {
    let label: String
    let at: (SourceLocation) -> String
    var problems: [String] = []

    init(label: String, at: @escaping (SourceLocation) -> String) {
        self.label = label
        self.at = at
    }

    mutating func fail(_ message: String, _ location: SourceLocation) {
        problems.append("\(at(location)): \(message)")
    }

    mutating func mapping(_ value: SourceValue, known: [String], shape: String) -> [SourceValue.Member]? {
        guard let fields = value.members else {
            fail("\(label) must be a mapping \(shape), not \(value.typeDescription)", value.location)
            return nil
        }
        for field in fields where !known.contains(field.key.value) {
            var message = "unknown key '\(field.key.value)' in \(label)"
            if let suggestion = Spelling.closest(to: field.key.value, in: known) { message += "; did you mean '\(suggestion)'?" }
            fail(message, field.key.location)
        }
        return fields
    }

    mutating func text(_ fields: [SourceValue.Member], _ key: String, required: Bool = false, at location: SourceLocation? = nil) -> String? {
        guard let field = fields.first(where: { $0.key.value == key }) else {
            if required, let location { fail("\(label) needs '\(key)'", location) }
            return nil
        }
        guard let string = field.value.string, !string.isEmpty else {
            fail("'\(key)' of \(label) must be a non-empty string, not \(field.value.typeDescription)", field.value.location)
            return nil
        }
        return string
    }

    mutating func url(_ value: SourceValue, _ key: String) -> String? {
        guard let text = value.string, text.hasPrefix("http://") || text.hasPrefix("https://"), ConnectionURL.host(of: text) != nil else {
            fail("'\(key)' of \(label) must be an http:// or https:// URL", value.location)
            return nil
        }
        return text
    }

    mutating func hosts(_ value: SourceValue) -> [String] {
        var hosts: [String] = []
        for item in value.items ?? [value] {
            guard let host = item.string, !host.isEmpty, !host.contains("/"), !host.contains(":") else {
                fail("each of 'allowed_hosts' of \(label) must be a host name (api.example.com, *.example.com)", item.location)
                continue
            }
            hosts.append(host.lowercased())
        }
        return hosts
    }

    mutating func auth(_ value: SourceValue) -> Connection.Auth? {
        let before = problems.count
        guard let fields = mapping(value, known: ConnectionCatalog.authKeys, shape: "{type, secret, …}") else { return nil }
        let kind = text(fields, "type", required: true, at: value.location)
        let auth: Connection.Auth?
        switch kind {
        case "bearer":
            auth = text(fields, "secret", required: true, at: value.location).map { .bearer(secret: $0) }
        case "header", "query":
            let name = text(fields, "name", required: true, at: value.location)
            let secret = text(fields, "secret", required: true, at: value.location)
            guard let name, let secret else { return nil }
            auth = kind == "header" ? .header(name: name, secret: secret) : .query(name: name, secret: secret)
        case "basic":
            let literal = text(fields, "username")
            let secret = text(fields, "username_secret")
            let password = text(fields, "password_secret", required: true, at: value.location)
            guard (literal == nil) != (secret == nil) else {
                fail("basic auth of \(label) needs one of 'username' or 'username_secret'", value.location)
                return nil
            }
            guard let password else { return nil }
            auth = .basic(username: literal.map { .literal($0) } ?? .secret(secret ?? ""), passwordSecret: password)
        case nil:
            return nil
        case let other?:
            let location = fields.first { $0.key.value == "type" }?.value.location ?? value.location
            fail("'auth.type' of \(label) must be bearer, basic, header or query, not '\(other)'", location)
            return nil
        }
        return problems.count == before ? auth : nil
    }

    mutating func probe(_ value: SourceValue) -> Connection.Probe? {
        guard let fields = mapping(value, known: ConnectionCatalog.probeKeys, shape: "{method, url, expected_status}") else { return nil }
        let url = text(fields, "url", required: true, at: value.location)
        var method = HTTPMethod.GET
        if let raw = text(fields, "method") {
            guard let parsed = HTTPMethod(rawValue: raw.uppercased()) else {
                fail("'probe.method' of \(label) must be an HTTP method", value.location)
                return nil
            }
            method = parsed
        }
        var statuses: [Int] = []
        if let field = fields.first(where: { $0.key.value == "expected_status" }) {
            for item in field.value.items ?? [field.value] {
                guard case .number(let number) = item.kind, let status = Int(exactly: number), (100...599).contains(status) else {
                    fail("'probe.expected_status' of \(label) must be HTTP statuses (100-599)", item.location)
                    return nil
                }
                statuses.append(status)
            }
        }
        return url.map { Connection.Probe(method: method, url: $0, expectedStatus: statuses) }
    }
}
