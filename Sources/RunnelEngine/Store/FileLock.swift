import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file, shared by the processes that open one state folder. It
/// goes with the process: a killed holder frees it.
final class FileLock: @unchecked Sendable {
    private let fd: Int32

    /// Opens (creating) the lock file.
    init(path: String) throws(RunStoreError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot open", path, errno: errno) }
    }

    deinit { close(fd) }

    /// Waits for the lock.
    func lock() {
        while flock(fd, LOCK_EX) != 0, errno == EINTR {}
    }

    func unlock() {
        _ = flock(fd, LOCK_UN)
    }
}
