import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a repository's refs with inotify (`refs/heads/…` and `packed-refs`), so that a
/// push is seen at once; the daemon still polls as a fallback. `onChange` is called from
/// the watcher's own thread.
final class RefWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var stopped = false

    /// Starts watching the folders of `gitDirectory`; `nil` when inotify is unavailable.
    init?(gitDirectory: String, branch: String, onChange: @escaping @Sendable () -> Void) {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
        let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE)
        // The branch's own folder (`refs/heads/team` for `team/x`), and the git folder for
        // `packed-refs`; both are rewritten by rename, which the folder watch sees.
        let branchFolder = ((gitDirectory + "/refs/heads/" + branch) as NSString).deletingLastPathComponent
        var watched = 0
        for folder in [branchFolder, gitDirectory] where inotify_add_watch(fd, folder, mask) >= 0 { watched += 1 }
        guard watched > 0 else {
            close(fd)
            return nil
        }
        let thread = Thread { [self] in self.loop(onChange) }
        thread.name = "runnel-ref-watcher"
        thread.start()
        #else
        return nil
        #endif
    }

    /// Stops the watcher's thread.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func loop(_ onChange: @Sendable () -> Void) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isStopped {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 500)
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { onChange() }
        }
        close(descriptor)
    }
}
