import Foundation
import Hummingbird
import Logging
import NIOCore
import RunnelAPI
import RunnelDaemon

extension DaemonBenchmark {
    /// `GET /api/workflows/{id}` and `GET /api/runs/{id}` under `wrk` (64 connections, 2
    /// threads, 5 s each) beside a Hummingbird handler that returns a constant body of the
    /// same size, on the same machine.
    static func http(daemon: DaemonServices) async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            print("daemon: http: wrk is not installed (apt-get install wrk); skipped")
            return
        }
        let run = try await daemon.launcher.startRun(workflowID: "group-42/w00042", inputs: [:])
        _ = await daemon.engine.wait(run.id)
        let port = 18_000 + Int(getpid() % 1000)
        let api = Application(router: APIRoutes(daemon: daemon, keys: nil).router(),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              logger: quiet)
        let server = Task { try await api.run() }
        defer { server.cancel() }
        try await waitUntilListening(port)

        var results: [(String, Double, Double)] = []
        for (label, path) in [("GET /api/workflows/{id}", "/api/workflows/group-42%2Fw00042"), ("GET /api/runs/{id}", "/api/runs/\(run.id)")] {
            let body = try fetch(port: port, path: path)
            let constantPort = port + 1 + results.count
            let router = Router()
            let constant = ByteBuffer(bytes: body)
            router.get("/constant") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: constant))
            }
            let baseline = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: constantPort)), logger: quiet)
            let baselineTask = Task { try await baseline.run() }
            try await waitUntilListening(constantPort)
            let ours = try wrk("http://127.0.0.1:\(port)\(path)")
            let theirs = try wrk("http://127.0.0.1:\(constantPort)/constant")
            baselineTask.cancel()
            results.append((label + " (\(body.count) bytes)", ours, theirs))
        }
        for (label, ours, theirs) in results {
            print(String(format: "daemon: %@: %.0f req/s; constant handler %.0f req/s: %.0f%% (target ≥ 50%%)",
                         label, ours, theirs, ours / theirs * 100))
        }
    }

    static var quiet: Logger {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        return logger
    }

    static func wrk(_ url: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = ["-t2", "-c64", "-d5s", url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let value = Double(line.split(separator: " ").last ?? "") else { throw BenchFailure("wrk said: \(text)") }
        if text.contains("Non-2xx") { throw BenchFailure("wrk saw errors: \(text)") }
        return value
    }

    static func fetch(port: Int, path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import sys,urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())",
                             "http://127.0.0.1:\(port)\(path)"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("GET \(path) failed") }
        return Array(data)
    }

    static func waitUntilListening(_ port: Int) async throws {
        for _ in 0..<200 {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(socket)
            if connected == 0 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw BenchFailure("nothing listens on port \(port)")
    }
}
