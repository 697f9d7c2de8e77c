import Foundation
import Logging
import RunnelEngine

/// `<state>/reconciling`: the commit a reconcile is under way for. Written before the
/// reconcile and removed after it, so that a daemon that dies during one (a commit that makes
/// it trap) finds it at the next start and doesn't try that commit again.
enum ReconcileMarker {
    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("reconciling") }

    static func begin(_ commit: String, state: String) throws {
        try DurableFile.makeFolder(state)
        try DurableFile.atomicWrite(Array(commit.utf8), to: path(in: state))
    }

    /// The commit of a reconcile that never finished, when there is one.
    static func read(state: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(in: state)) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Removes the marker (a failure is logged: the next start would refuse that commit).
    static func clear(state: String, logger: Logger) {
        let path = path(in: state)
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            logger.problem("cannot remove \(path): \(error) (the next start does not activate that commit)")
        }
    }
}
