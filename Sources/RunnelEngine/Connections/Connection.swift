public import RunnelCore

/// One named account of a service, declared in `runnel.yaml`'s `connections:`: where it is
/// (`base_url`), which hosts a request through it may reach, and how requests authenticate.
/// It names secrets, never holds their values.
public struct Connection: Sendable, Hashable {
    /// How requests through a connection authenticate.
    public enum Auth: Sendable, Hashable {
        /// `Authorization: Bearer <secret>`.
        case bearer(secret: String)
        /// `Authorization: Basic base64(username:password)`; the username is a secret's value
        /// or written as it is.
        case basic(username: Username, passwordSecret: String)
        /// A header of the given name set to the secret's value.
        case header(name: String, secret: String)
        /// A query parameter of the given name set to the secret's value.
        case query(name: String, secret: String)

        /// The username of basic auth.
        public enum Username: Sendable, Hashable {
            case literal(String)
            case secret(String)
        }

        /// `bearer`, `basic`, `header` or `query`.
        public var kind: String {
            switch self {
            case .bearer: "bearer"
            case .basic: "basic"
            case .header: "header"
            case .query: "query"
            }
        }

        /// The names of the secrets it reads.
        public var secretNames: [String] {
            switch self {
            case .bearer(let secret), .header(_, let secret), .query(_, let secret): [secret]
            case .basic(.secret(let user), let password): [user, password]
            case .basic(.literal, let password): [password]
            }
        }
    }

    /// A request that checks the connection works (`POST /api/connections/{name}/test`).
    public struct Probe: Sendable, Hashable {
        /// The method (default GET).
        public var method: HTTPMethod
        /// A URL, relative to `base_url` or absolute.
        public var url: String
        /// Statuses that count as working (default: any 2xx).
        public var expectedStatus: [Int]
    }

    /// The name toolkits are bound to.
    public var name: String
    /// What it is an account of (`slack`, `github`, …): a label.
    public var type: String?
    /// Relative step URLs are resolved against it.
    public var baseURL: String?
    /// The authentication, if any.
    public var auth: Auth?
    /// The hosts requests may reach (`*.example.com` for subdomains); empty: the host of `base_url`.
    public var allowedHosts: [String]
    /// The probe request, if declared.
    public var probe: Probe?

    /// The names of the secrets it reads.
    public var secretNames: [String] { auth?.secretNames ?? [] }
}

/// The connections of `runnel.yaml`, by name.
public struct ConnectionCatalog: Sendable, Hashable {
    /// The connections, sorted by name.
    public private(set) var connections: [Connection]

    /// A catalog of `connections` (a later one of the same name wins).
    public init(_ connections: [Connection] = []) {
        var byName: [String: Connection] = [:]
        for connection in connections { byName[connection.name] = connection }
        self.connections = byName.values.sorted { $0.name < $1.name }
    }

    /// The connection named `name`.
    public func connection(_ name: String) -> Connection? { connections.first { $0.name == name } }

    /// The names declared.
    public var names: Set<String> { Set(connections.map(\.name)) }
}
