import Foundation
import Testing
@testable import RunnelEngine

/// Times as records and events hold them.
@Suite struct RunCodingTests {
    @Test func aTimeReadBackFromItsTextIsWrittenTheSame() throws {
        let base = 1_796_300_000.0
        for step in 0..<2000 {
            let time = Date(timeIntervalSince1970: base + Double(step) * 0.001 + 0.0004)
            let text = RunCoding.format(time)
            let parsed = try #require(RunCoding.parse(text))
            #expect(RunCoding.format(parsed) == text, "\(text)")
        }
        #expect(RunCoding.format(Date(timeIntervalSince1970: 1_800_000_000.1519)) == "2027-01-15T08:00:00.152Z")
        #expect(RunCoding.format(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15T08:00:00.000Z")
        #expect(RunCoding.format(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }
}
