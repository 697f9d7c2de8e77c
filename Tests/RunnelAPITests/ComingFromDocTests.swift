import Foundation
import Testing

/// `docs/coming-from.md` maps the hosted APIs' routes to Runnel's: every `METHOD /path` in
/// its Runnel column is an operation of the OpenAPI document (which another test checks
/// against the router).
@Suite struct ComingFromDocTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/coming-from.md")

    /// The `METHOD /path` spans of the last column of each table row.
    static func routes(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("|") && !line.hasPrefix("|---") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count >= 3 else { continue }
            let runnel = String(cells[cells.count - 2])
            for match in runnel.matches(of: /`(GET|POST|PUT|PATCH|DELETE) (\/[^` ]*)`/) {
                found.append("\(match.output.1) \(match.output.2)")
            }
        }
        return found
    }

    @Test func everyRunnelRouteOfThePageIsAnOperationOfTheAPI() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let routes = Self.routes(in: text)
        #expect(routes.count >= 35, "found only \(routes.count) routes")
        let documented = try OpenAPITests.documentedOperations()
        for route in routes {
            #expect(documented.contains(route), "docs/coming-from.md names \(route), which is no route of the API")
        }
        // Each hosted area of the issue has its section.
        for heading in ["## Workflow manager", "## Flows", "## `/api/v1/workflows`", "## `/api/workflows`", "## Goal → plan → approve"] {
            #expect(text.contains(heading), "\(heading)")
        }
    }

    @Test func theCheckFindsARouteThatDoesNotExist() throws {
        let routes = Self.routes(in: "| x | `POST /api/workflows/{id}/fly` |\n")
        #expect(routes == ["POST /api/workflows/{id}/fly"])
        #expect(try !OpenAPITests.documentedOperations().contains(routes[0]))
    }
}
