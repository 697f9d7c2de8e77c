import Foundation

/// An error the CLI reports as one line on stderr (`runnel: …`), with an exit status.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitStatus: Int32

    /// A usage problem: bad arguments, missing files (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(description: message, exitStatus: 2) }
}

/// Writes one line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
