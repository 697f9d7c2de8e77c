import Foundation

/// Holds a script back until Runnel has recorded its process: the script is started by a
/// `sh` that first reads `go` from a FIFO in the step's folder, then `exec`s the script's
/// shell (same pid, same session). Runnel opens the FIFO before the start and writes `go`
/// once the `step_process` event is written; if Runnel dies before that, the read ends
/// without `go` and the script never runs. So no script runs that a restarted Runnel
/// cannot find and end.
final class ScriptGate: Sendable {
    let path: String
    private let descriptor: Int32

    /// The `sh -c` text: `$0` is the script's shell, `$1` the script file.
    static let command = #"IFS= read -r go < "$RUNNEL_GATE" && [ "$go" = go ] || exit 125; unset RUNNEL_GATE; exec "$0" "$1""#

    init(folder: String) throws(StepFailure) {
        path = folder + "/gate"
        guard mkfifo(path, 0o600) == 0 else {
            throw StepFailure("could not prepare the script's folder: mkfifo \(path): \(String(cString: strerror(errno)))")
        }
        // Read and write: the open doesn't wait for a reader, and the script's open of the
        // FIFO doesn't wait for a writer while Runnel lives.
        descriptor = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw StepFailure("could not prepare the script's folder: open \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Lets the script run.
    func release() {
        let word: [UInt8] = Array("go\n".utf8)
        _ = word.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
