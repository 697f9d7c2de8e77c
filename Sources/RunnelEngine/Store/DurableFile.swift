import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// POSIX file operations with the durability the run store promises.
public enum DurableFile {
    /// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename,
    /// fsync of the folder. A reader sees the old content or the new, never a mix.
    public static func atomicWrite(_ bytes: [UInt8], to path: String) throws(RunStoreError) {
        let folder = folder(of: path)
        let temp = folder + "/." + (path as NSString).lastPathComponent + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create", temp, errno: errno) }
        do throws(RunStoreError) {
            try writeAll(fd, bytes, path: temp)
            guard fsync(fd) == 0 else { throw RunStoreError.io("cannot sync", temp, errno: errno) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw .io("cannot rename onto", path, errno: code)
        }
        try syncFolder(folder)
    }

    /// fsyncs a folder so that a rename or a new file in it survives a crash.
    static func syncFolder(_ folder: String) throws(RunStoreError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open folder", folder, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("cannot sync folder", folder, errno: errno) }
    }

    /// The folder `path` is in: `.` for a bare file name (whose parent would read as "", and
    /// a temp file beside it as one in `/`).
    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Creates `folder` and its parents.
    public static func makeFolder(_ folder: String) throws(RunStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError(description: "cannot create folder \(folder): \(error.localizedDescription)", underlying: error)
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(RunStoreError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io("cannot write", path, errno: errno)
            }
            offset += written
        }
    }
}

/// An append-only log file kept open while its run is active.
final class AppendLog: @unchecked Sendable {
    let path: String
    private let fd: Int32

    /// Opens (creating) the log for appending.
    init(path: String) throws(RunStoreError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot open", path, errno: errno) }
    }

    deinit { close(fd) }

    /// Appends bytes (a whole line) without syncing.
    func append(_ bytes: [UInt8]) throws(RunStoreError) {
        try DurableFile.writeAll(fd, bytes, path: path)
    }

    /// Makes what was appended durable. Blocking: call it off the actor.
    func sync() -> Int32 {
        fdatasync(fd) == 0 ? 0 : errno
    }
}
