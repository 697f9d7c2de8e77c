import Foundation

/// The URL rules of connections: relative URLs against `base_url`, and hosts.
enum ConnectionURL {
    /// Whether `url` starts with `http://` or `https://`.
    static func isAbsolute(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// The host of an absolute URL, in lower case.
    static func host(of url: String) -> String? {
        guard isAbsolute(url), let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.lowercased()
    }

    /// `url` when absolute, else `base` and `url` joined by one `/` (`https://slack.com/api` +
    /// `chat.postMessage`); nil for a relative URL without a base.
    static func resolve(_ url: String, against base: String?) -> String? {
        if isAbsolute(url) { return url }
        guard var base else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        let path = url.drop { $0 == "/" }
        return path.isEmpty ? base : base + "/" + path
    }

    /// Whether `host` matches one of `patterns` (`api.example.com`, or `*.example.com` for its subdomains).
    static func matches(_ host: String, _ patterns: [String]) -> Bool {
        patterns.contains { pattern in
            if pattern.hasPrefix("*.") { return host.hasSuffix(pattern.dropFirst(1)) }
            return host == pattern
        }
    }
}
