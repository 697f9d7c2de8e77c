import Foundation
import RunnelCore

extension Connection {
    /// The hosts a request may reach: `allowed_hosts`, or the host of `base_url` without them.
    public var reachableHosts: [String] {
        if !allowedHosts.isEmpty { return allowedHosts }
        return baseURL.flatMap(ConnectionURL.host(of:)).map { [$0] } ?? []
    }

    /// The names of its secrets that `secrets` does not define.
    public func undefinedSecrets(in secrets: any SecretStore) -> [String] {
        secretNames.filter { secrets.value(named: $0) == nil }
    }

    /// `call` sent through this connection: its URL resolved against `base_url`, checked
    /// against the reachable hosts, and its auth applied (values masked like every secret).
    /// - Throws: ``StepFailure`` for a relative URL without `base_url`, a host outside
    ///   `allowed_hosts`, or an undefined secret.
    func authorize(_ call: HTTPCall, secrets: any SecretStore) throws(StepFailure) -> HTTPCall {
        var call = call
        guard let url = ConnectionURL.resolve(call.url, against: baseURL) else {
            throw StepFailure("'\(call.url)' is relative and connection '\(name)' has no 'base_url'")
        }
        guard let host = ConnectionURL.host(of: url) else {
            throw StepFailure("'\(url)' of connection '\(name)' is not an http:// or https:// URL")
        }
        guard ConnectionURL.matches(host, reachableHosts) else {
            throw StepFailure("\(call.method.rawValue) \(url): host '\(host)' is not in the allowed_hosts of connection '\(name)' (\(reachableHosts.joined(separator: ", ")))")
        }
        call.url = url
        guard let auth else { return call }
        func secret(_ secretName: String) throws(StepFailure) -> String {
            guard let value = secrets.value(named: secretName) else {
                throw StepFailure("secret '\(secretName)' of connection '\(name)' is not set (RUNNEL_SECRET_\(secretName) or the secrets file)")
            }
            return value
        }
        switch auth {
        case .bearer(let secretName):
            call.setHeader("Authorization", "Bearer " + (try secret(secretName)))
        case .basic(let username, let passwordSecret):
            let user: String
            switch username {
            case .literal(let text): user = text
            case .secret(let secretName): user = try secret(secretName)
            }
            let token = Data((user + ":" + (try secret(passwordSecret))).utf8).base64EncodedString()
            call.setHeader("Authorization", "Basic " + token)
        case .header(let header, let secretName):
            call.setHeader(header, try secret(secretName))
        case .query(let parameter, let secretName):
            call.url = HTTPCall.appending([(parameter, try secret(secretName))], to: call.url)
        }
        return call
    }
}

extension HTTPCall {
    /// Sets a header, replacing one of the same name (in any case).
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// This call sent through the connection that `toolkit` is bound to in the invocation's
    /// workflow (`connections:`), from `catalog`; unchanged without a toolkit.
    /// - Throws: ``StepFailure`` for a toolkit the workflow does not bind, a connection
    ///   `runnel.yaml` does not declare, or what ``Connection/authorize(_:secrets:)`` refuses.
    func through(_ toolkit: String?, _ invocation: StepInvocation, catalog: ConnectionCatalog) throws(StepFailure) -> HTTPCall {
        guard let toolkit else { return self }
        let bindings = invocation.services?.workflow.connections ?? []
        guard let binding = bindings.first(where: { $0.toolkit.value == toolkit }) else {
            throw StepFailure("toolkit '\(toolkit)' is not bound in the workflow's 'connections'")
        }
        guard let connection = catalog.connection(binding.connection.value) else {
            throw StepFailure("connection '\(binding.connection.value)' (toolkit '\(toolkit)') is not declared in runnel.yaml's 'connections'")
        }
        return try connection.authorize(self, secrets: invocation.secrets)
    }
}
