import NIOCore
import RunnelEngine
import Synchronization

/// The encoded answers of `GET /api/workflows/{id}`, one per workflow, as finished runs' records
/// are kept encoded: a read whose workflow version, latest run and branch tip are those of the
/// cached answer copies its bytes instead of building and serializing the tree. A new registry
/// snapshot (``WorkflowSnapshot/generation``) drops every cached answer.
final class WorkflowBodyCache: Sendable {
    /// What a cached answer was made from; another key is another answer.
    struct Key: Equatable, Sendable {
        var generation: Int
        var latest: RunSummary?
        var tip: String?
    }

    private struct State {
        var generation = 0
        var bodies: [String: (key: Key, body: ByteBuffer)] = [:]
        var builds = 0
    }

    private let state = Mutex(State())

    /// How many answers were made (not copied from the cache) so far.
    var builds: Int { state.withLock { $0.builds } }

    /// The answer for workflow `id` made from `key`: the cached one, or `make()`'s (then kept).
    func body(of id: String, key: Key, make: () -> String) -> ByteBuffer {
        let cached = state.withLock { state -> ByteBuffer? in
            if key.generation > state.generation {
                state.generation = key.generation
                state.bodies.removeAll(keepingCapacity: true)
            }
            guard let entry = state.bodies[id], entry.key == key else { return nil }
            return entry.body
        }
        if let cached { return cached }
        let body = ByteBuffer(string: make() + "\n")
        state.withLock { state in
            state.builds += 1
            // A snapshot newer than this answer's arrived meanwhile: don't keep it.
            if key.generation == state.generation { state.bodies[id] = (key, body) }
        }
        return body
    }
}
