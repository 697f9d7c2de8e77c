import Foundation

/// The process groups of the scripts running in this process. A process that must exit at
/// once (a second Ctrl-C) kills them first, so that no script outlives Runnel.
public enum ScriptProcessGroups {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []

    static func insert(_ group: pid_t) {
        lock.lock()
        groups.insert(group)
        lock.unlock()
    }

    static func remove(_ group: pid_t) {
        lock.lock()
        groups.remove(group)
        lock.unlock()
    }

    /// Sends SIGKILL to every running script's process group.
    public static func killAll() {
        lock.lock()
        let current = groups
        lock.unlock()
        for group in current { kill(-group, SIGKILL) }
    }
}
