import HTTPTypes
import Hummingbird
import Synchronization

/// The router's routes, as patterns with their methods: lets the first middleware answer a
/// request no route takes (404 for an unknown path, 405 with `Allow` for a method its path
/// doesn't take) before authentication and scopes look at it.
final class RouteTable: Sendable {
    /// What a request's method and path match.
    enum Match: Equatable {
        /// A route takes it.
        case route
        /// No route has this path.
        case noPath
        /// Routes have this path, with these methods only.
        case method(allowed: [HTTPRequest.Method])
    }

    private struct Pattern: Sendable {
        var components: [RouterPath.Element]
        var methods: Set<HTTPRequest.Method>
        /// Literal components rank above captures, as in Hummingbird's trie.
        var rank: [Int]
    }

    private let patterns = Mutex<[Pattern]>([])

    /// Takes the routes of `router` (call after every route is added).
    func fill<Context>(from router: Router<Context>) {
        var byPath: [String: Pattern] = [:]
        for route in router.routes {
            let components = route.path.components
            // A literal's description is its text; captures and wildcards hold `{`, `:` or `*`.
            let rank = components.map { $0.description.contains { "{:*".contains($0) } ? 0 : 1 }
            byPath[route.path.description, default: Pattern(components: components, methods: [], rank: rank)].methods.insert(route.method)
        }
        patterns.withLock { $0 = Array(byPath.values) }
    }

    /// What `method` on `path` matches.
    func match(_ method: HTTPRequest.Method, _ path: String) -> Match {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let candidates = patterns.withLock { patterns in
            patterns.filter { pattern in
                pattern.components.count == segments.count && zip(pattern.components, segments).allSatisfy { $0 ~= $1 }
            }
        }
        guard let best = candidates.max(by: { $0.rank.lexicographicallyPrecedes($1.rank) }) else { return .noPath }
        if best.methods.contains(method) { return .route }
        return .method(allowed: best.methods.sorted { $0.rawValue < $1.rawValue })
    }
}
