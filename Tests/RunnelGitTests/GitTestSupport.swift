import Foundation
import Testing

@testable import RunnelGit
import RunnelTestSupport

/// A throwaway repository in a temporary folder, driven through the git CLI.
struct Scratch {
    let url: URL
    var path: String { url.path }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A new repository (`git init -b main`), or a bare one.
    static func repository(bare: Bool = false) throws -> Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let scratch = Scratch(url: url)
        try scratch.git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        return scratch
    }

    /// An empty folder that is not a repository.
    static func folder() throws -> Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runnel-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return Scratch(url: url)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    static let environment = TestGit.environment()

    /// Runs git in the repository; returns stdout; throws on a non-zero exit (``TestGit``).
    @discardableResult
    func git(_ arguments: [String], input: String? = nil, allowFailure: Bool = false) throws -> String {
        try TestGit.run(arguments, in: path, input: input, check: !allowFailure)
    }

    /// Writes a file in the work tree.
    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Writes files, stages everything and commits; returns the new commit's id.
    @discardableResult
    func commit(_ message: String, _ files: [String: String] = [:], remove: [String] = []) throws -> String {
        for (path, text) in files { try write(path, text) }
        for path in remove { try git(["rm", "-q", path]) }
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", message])
        return try head()
    }

    func head() throws -> String { try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines) }

    func open() throws -> GitRepository { try GitRepository(path: path) }
}

/// A small valid workflow whose content depends on `n`, so every version differs.
func workflowText(_ name: String, steps: [String] = ["a"], schedule: String? = nil, note: Int = 0) -> String {
    var text = "name: \(name)\ndescription: revision \(note)\n"
    // Distinct lines per name, so that git pairs only real renames.
    text += "env:\n" + (1...6).map { "  NOTE_\($0): \(name)-\($0)\n" }.joined()
    if let schedule { text += "on:\n  schedule:\n    - cron: \"\(schedule)\"\n" }
    text += "steps:\n"
    for step in steps { text += "  - id: \(step)\n    type: wait\n    config: {duration: 1s}\n" }
    return text
}

func id(_ hex: String) throws -> ObjectID {
    guard let id = ObjectID(hex: hex) else { throw Scratch.Failure(description: "not an object id: \(hex)") }
    return id
}
