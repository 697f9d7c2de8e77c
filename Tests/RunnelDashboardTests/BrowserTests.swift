import Foundation
import RunnelTestSupport
import Testing

/// `scripts/dashboard-browser-test.py`: the dashboard in Debian's headless chromium, driven by
/// selenium, against a real `runnel serve` on a scratch bare repository (sign-in, the pages,
/// a live run, an approval, a rollback, scopes, CSRF, console errors, off-host requests).
/// Skipped only when chromium, chromedriver or selenium is missing and `CI` is unset; under
/// CI a missing browser fails. Screenshots go to `.build/dashboard-screenshots` (or
/// `$DASHBOARD_SCREENSHOTS`; docs/images/dashboard holds the committed set).
@Suite struct BrowserTests {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var hasBrowser: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    }

    static var hasSelenium: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import selenium"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static var runs: Bool { ProcessInfo.processInfo.environment["CI"] != nil || (hasBrowser && hasSelenium) }

    @Test(.enabled(if: runs, "chromium, chromium-driver (apt) or selenium (pip) is missing and CI is unset"), .timeLimit(.minutes(5)))
    func theDashboardWorksInARealBrowser() async throws {
        try #require(Self.hasBrowser, "chromium and chromium-driver are required (apt-get install chromium chromium-driver fonts-dejavu-core)")
        try #require(Self.hasSelenium, "selenium is required (scripts/test-deps.sh installs it)")
        let binary = Self.root + "/.build/debug/runnel"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build runnel first: \(binary)")
        let shots = ProcessInfo.processInfo.environment["DASHBOARD_SCREENSHOTS"] ?? Self.root + "/.build/dashboard-screenshots"
        let result = try await TestProcess.run("/usr/bin/env", ["python3", Self.root + "/scripts/dashboard-browser-test.py", binary, shots],
                                               environment: ProcessInfo.processInfo.environment, mergingOutput: true)
        #expect(result.status == 0, "the browser checks failed:\n\(result.stdout.suffix(8000))")
        #expect(result.stdout.contains(" passed, 0 failed"))
    }
}
