import Foundation

/// The one way tests drive the git CLI (throwaway repositories with real commits): a fixed
/// identity, no user or system configuration, stdout returned. The suites' own helpers
/// (`Scratch.git`, `GitScratch.git`, `APITests.Fixture.git`, `WriteTests.git`, the daemon
/// tests' `TestRepository.git`) are thin wrappers over it.
public enum TestGit {
    /// A git command that exited non-zero, with what it printed on stderr.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Who commits.
    public struct Identity: Sendable {
        public var name: String
        public var email: String
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }

        /// The identity most suites commit as.
        public static let ada = Identity(name: "Ada Tester", email: "ada@example.com")
    }

    /// The process's environment without the user's or the system's git configuration, and
    /// with `identity` as author and committer.
    public static func environment(_ identity: Identity = .ada) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = identity.name
        environment["GIT_AUTHOR_EMAIL"] = identity.email
        environment["GIT_COMMITTER_NAME"] = identity.name
        environment["GIT_COMMITTER_EMAIL"] = identity.email
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        return environment
    }

    /// Runs `git arguments` in `directory` and returns its stdout.
    /// - Parameters:
    ///   - input: Written to its stdin (none: stdin is not connected).
    ///   - check: Throw ``Failure`` when it exits non-zero (otherwise its stdout is returned anyway).
    @discardableResult
    public static func run(_ arguments: [String], in directory: String, identity: Identity = .ada, input: String? = nil,
                           check: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=\(identity.name)", "-c", "user.email=\(identity.email)", "-c", "init.defaultBranch=main",
                             "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(identity)
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if check, process.terminationStatus != 0 {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
