import RunnelCore
import RunnelDaemon
import Synchronization

/// The JSON text of each workflow's active definition, made once per version: answering
/// `GET /api/workflows/{id}` then copies it instead of converting and serializing the tree.
final class DefinitionCache: Sendable {
    private let texts = Mutex<[String: (version: String, text: String)]>([:])

    func text(of active: ActiveVersion, id: String) -> String {
        let version = active.commit + ":" + active.path
        if let cached = texts.withLock({ $0[id] }), cached.version == version { return cached.text }
        let text = active.workflow.definition.serialized()
        texts.withLock { $0[id] = (version, text) }
        return text
    }
}
