import Foundation

/// Runs a program for a test without holding a thread of Swift's concurrency pool: its output
/// goes to files and the wait is a sleep loop. A blocking wait (`waitUntilExit`, reading a
/// pipe to its end) holds one of the pool's threads, two on a 2-core machine, and stalls every
/// other test of the run while the program runs.
public enum TestProcess {
    /// What a finished program left.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` with `arguments` and waits for it to exit.
    /// - Parameters:
    ///   - directory: The working directory (default: the test's).
    ///   - environment: The whole environment (default: the test's).
    ///   - mergingOutput: Whether stderr goes to stdout (one interleaved text).
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil, mergingOutput: Bool = false) async throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = mergingOutput ? outHandle : try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        try? outHandle.close()
        if !mergingOutput { try? errHandle.close() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        process.waitUntilExit()  // it has exited: this only collects the status
        let read = { (url: URL) in FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return Output(status: process.terminationStatus, stdout: read(out), stderr: mergingOutput ? "" : read(err))
    }
}
