import Foundation

/// An exclusive lock on one run, held by the process that executes it, so that a `resume`
/// from another process can't run the same steps at the same time. The kernel releases it
/// when the process dies, so a killed run can be resumed.
struct RunLock {
    private let descriptor: Int32

    /// Takes the lock of `runID` in `<state>/locks/`, or fails at once when another process holds it.
    static func acquire(_ runID: String, state: String) throws -> RunLock {
        let folder = (state as NSString).appendingPathComponent("locks")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(runID + ".lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError(description: "cannot open the lock file \(path): \(String(cString: strerror(errno)))", exitStatus: 1)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CLIError(description: "run \(runID) is being executed by another runnel process", exitStatus: 1)
        }
        return RunLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
