import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `host:port` for `--listen`.
struct ListenAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        if host.isEmpty { return nil }
    }

    /// Why the API could not listen here (the port is taken, the host has no such address),
    /// found by binding a socket and closing it again; nil when it can.
    func bindProblem() -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let found = getaddrinfo(host, String(port), &hints, &list)
        guard found == 0, let first = list else { return "cannot listen on \(host):\(port): \(String(cString: gai_strerror(found)))" }
        defer { freeaddrinfo(first) }
        var problem: String?
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var yes: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return nil }
            let code = errno
            problem = code == EADDRINUSE ? "cannot listen on \(host):\(port): the address is in use (another server listens there)"
                : "cannot listen on \(host):\(port): \(String(cString: strerror(code)))"
        }
        return problem ?? "cannot listen on \(host):\(port)"
    }
}
