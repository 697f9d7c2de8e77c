import Foundation
import RunnelCore
import Testing
@testable import RunnelDaemon

/// Schedule writes edit the file's text in place when they can: comments and layout stay.
@Suite struct ScheduleEditTests {
    static let file = """
        # Nightly export: keep this comment.
        name: Export
        on:
          schedule:
            - id: nightly        # the main one
              cron: "0 2 * * *"
            - cron: "0 14 * * 6"

          # Manual events too.
          event:
            - type: export.requested
        steps:
          - {id: a, type: wait, config: {duration: 1s}}

        """

    static func entry(_ cron: String, id: String? = nil) -> SourceValue {
        WorkflowWriter.NewSchedule(cron: cron, timezone: "Europe/Paris", id: id).entry
    }

    static func schedules(_ text: String) -> [String] {
        WorkflowLoader.load(path: "workflows/x.yaml", text: text).workflow?.triggers.schedules.map(\.cron.value) ?? []
    }

    @Test func addingInsertsAfterTheLastEntryAndKeepsEverythingElse() throws {
        let edited = try #require(ScheduleEdit.adding(Self.entry("30 6 * * *", id: "morning"), to: Self.file))
        let added = "    - cron: \"0 14 * * 6\"\n    - id: morning\n      cron: 30 6 * * *\n      timezone: Europe/Paris\n"
        #expect(edited == Self.file.replacingOccurrences(of: "    - cron: \"0 14 * * 6\"\n", with: added))
        #expect(Self.schedules(edited) == ["0 2 * * *", "0 14 * * 6", "30 6 * * *"])
    }

    @Test func addingCreatesOnOrScheduleWhenMissing() throws {
        let bare = "# c\nname: X\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let withOn = try #require(ScheduleEdit.adding(Self.entry("0 9 * * *"), to: bare))
        #expect(withOn.hasPrefix("# c\nname: X\non:\n  schedule:\n    - cron: 0 9 * * *\n      timezone: Europe/Paris\nsteps:\n"))
        let events = "name: X\non:\n    event:\n        - type: a.b\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let added = try #require(ScheduleEdit.adding(Self.entry("0 9 * * *"), to: events))
        #expect(added.hasPrefix("name: X\non:\n    schedule:\n      - cron: 0 9 * * *\n        timezone: Europe/Paris\n    event:\n"))
        #expect(Self.schedules(added) == ["0 9 * * *"])
    }

    @Test func flowStyleIsWrittenAgainFromTheTree() throws {
        let flow = "name: X\non: {schedule: [{cron: \"0 1 * * *\"}]}\nsteps: [{id: a, type: wait, config: {duration: 1s}}]\n"
        let edited = try #require(ScheduleEdit.adding(Self.entry("0 9 * * *"), to: flow))
        #expect(Self.schedules(edited) == ["0 1 * * *", "0 9 * * *"])
        #expect(edited.hasPrefix("name: X\non:\n  schedule:\n"))
    }

    @Test func removingCutsTheEntrysLinesOnly() throws {
        let first = try #require(ScheduleEdit.removing(at: 0, from: Self.file))
        #expect(first == Self.file.replacingOccurrences(of: "    - id: nightly        # the main one\n      cron: \"0 2 * * *\"\n", with: ""))
        let last = try #require(ScheduleEdit.removing(at: 1, from: Self.file))
        #expect(last == Self.file.replacingOccurrences(of: "    - cron: \"0 14 * * 6\"\n", with: ""))
        #expect(ScheduleEdit.removing(at: 2, from: Self.file) == nil)
    }

    @Test func removingTheLastScheduleRemovesEmptySections() throws {
        let one = "name: X\non:\n  schedule:\n    - cron: \"0 1 * * *\"\n# steps follow\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        let edited = try #require(ScheduleEdit.removing(at: 0, from: one))
        #expect(edited == "name: X\n# steps follow\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n")
        let once = try #require(ScheduleEdit.removing(at: 0, from: Self.file))
        let withEvent = try #require(ScheduleEdit.removing(at: 0, from: once))
        #expect(!withEvent.contains("schedule:"))
        #expect(withEvent.contains("  # Manual events too.\n  event:\n"))
        #expect(Self.schedules(withEvent).isEmpty)
    }
}

/// On every example workflow of the repository, adding a schedule and removing it again
/// gives back the file exactly as it was.
@Suite struct ScheduleEditRoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func addingThenRemovingAScheduleRestoresEveryExampleFile() throws {
        let folder = Self.root.appendingPathComponent("workflows")
        let files = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            guard let workflow = WorkflowLoader.load(path: "workflows/" + file, text: text).workflow else { continue }
            let count = workflow.triggers.schedules.count
            let added = try #require(ScheduleEdit.adding(WorkflowWriter.NewSchedule(cron: "0 3 * * *", id: "probe").entry, to: text))
            #expect(added.hasPrefix(text.prefix(while: { $0 != "\n" })), "\(file): the first line stays")
            let reloaded = WorkflowLoader.load(path: "workflows/" + file, text: added).workflow
            #expect(reloaded?.triggers.schedules.count == count + 1, "\(file)")
            #expect(reloaded?.triggers.schedules.last?.id?.value == "probe", "\(file)")
            let removed = try #require(ScheduleEdit.removing(at: count, from: added))
            #expect(removed == text, "\(file): adding then removing changed the file")
        }
    }
}
