import Foundation

/// The fresh folder of one script attempt: the script file, the `$RUNNEL_OUTPUT` file, and
/// the empty working directory the script starts in. Removed when the attempt ends.
struct ScriptFolder {
    let path: String
    var scriptFile: String { path + "/script" }
    var outputFile: String { path + "/output" }
    var workDirectory: String { path + "/work" }

    init(root: String, script: String) throws {
        path = (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/runnel-step-" + UUID().uuidString
        let files = FileManager.default
        try files.createDirectory(atPath: workDirectory, withIntermediateDirectories: true,
                                  attributes: [.posixPermissions: 0o700])
        try Data(script.utf8).write(to: URL(fileURLWithPath: scriptFile))
        guard files.createFile(atPath: outputFile, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: outputFile])
        }
    }

    /// At most `limit` bytes of what the script wrote to `$RUNNEL_OUTPUT`.
    func readOutputFile(limit: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: outputFile) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? nil
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
